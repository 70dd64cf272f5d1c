using System.Globalization;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Chat.Teams.Tests.Cards;

/// <summary>
/// A representative set of what the core sends, built from the neutral model (the shapes of CampaignCard, ApprovalCard,
/// AlertCard, the wizard's forms and help), with hostile text where a person's input would be.
/// </summary>
public static class SampleMessages
{
    /// <summary>A campaign name a marketer could type, trying markdown, a link, a mention and HTML.</summary>
    public const string HostileName = "Spring **SALE** [claim now](https://evil.example/phish) <at>everyone</at> <b>x</b> & _more_";

    public static IReadOnlyList<Choice> Segments(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new Choice($"Segment {i.ToString("000", CultureInfo.InvariantCulture)}", $"segment-{i.ToString(CultureInfo.InvariantCulture)}", i % 3 == 0 ? $"{i * 1000} customers" : null))];

    public static ChatMessage CampaignSummary() => new(
        $"{HostileName}: draft",
        [
            new Heading(HostileName),
            new FactList(
            [
                new Fact("Status", "Draft"),
                new Fact("Audience", "1.2 million customers in VIP, minus Unsubscribed"),
                new Fact("Control group", "10 % (120,000)"),
                new Fact("Schedule", "2027-03-01 09:00 Europe/Berlin"),
                new Fact("Author", "maya@example.com"),
            ]),
            new Paragraph("Funnel:\nIn VIP: 1,400,000\nAfter exclusions: 1,200,000\nAfter control: 1,080,000"),
            new BulletList(["Email offer → klaviyo-main: 540,000", "Paid social → meta-main: 540,000 (hashed emails)"]),
            new Notice("meta-main matches about 60 % of emails; expect fewer people reached.", Tone.Warning),
            new Notice("Counts are from 5 minutes ago.", Tone.Info),
            new Divider(),
            new ActionRow(
            [
                new ChatButton("campaign.submit", "Submit for approval", "c-42", ButtonStyle.Primary),
                new ChatButton("campaign.cancel", "Cancel campaign", "c-42", ButtonStyle.Danger, new Confirmation("Cancel this campaign?", $"\"{HostileName}\" will not run again. This cannot be undone.", "Cancel it", "Keep it")),
                new ChatButton("campaign.preview", "Preview counts", "c-42"),
                new ChatButton("campaign.runs", "Runs", "c-42"),
            ]),
            new Footnote("Created 2026-11-23 09:00 UTC by maya"),
        ]);

    public static ChatMessage ApprovalPending() => new(
        "Approval needed: Spring sale (1.2 million recipients)",
        [
            new Heading("Approval needed: Spring sale"),
            new FactList([new Fact("Author", "maya"), new Fact("Recipients", "1.2 million"), new Fact("Approvals", "0 of 1"), new Fact("Decide by", "2026-11-24 09:00 UTC (in 1 day)")]),
            new Paragraph("Why approval is needed: more than 100,000 recipients; a paid destination"),
            new Notice("Changed since it was last approved: schedule moved by a day", Tone.Info),
            new Notice("Sends to 1.2 million people, more than any campaign this month.", Tone.Warning),
            new ActionRow(
            [
                new ChatButton("campaign.approve", "Approve", "c-42", ButtonStyle.Primary, new Confirmation("Approve this campaign?", "Spring sale will be sent to 1.2 million recipients on its schedule.", "Approve", "Not yet")),
                new ChatButton("campaign.reject", "Reject", "c-42", ButtonStyle.Danger),
                new ChatButton("campaign.show", "Details", "c-42"),
            ]),
            new Footnote("Approvers cannot approve their own campaigns."),
        ]);

    public static ChatMessage ApprovalDecided() => new(
        "Spring sale was approved",
        [
            new Heading("Spring sale: approved"),
            new Notice("Spring sale was approved.", Tone.Success),
            new BulletList(["Approved by Omar at 2026-11-23 10:00 UTC via teams: \"looks good\""]),
            new ActionRow([new ChatButton("campaign.show", "Details", "c-42")]),
        ]);

    public static ChatMessage Alert() => new(
        "Delivery failing: Spring sale → meta-main. Token expired",
        [
            new Heading("Delivery failing: Spring sale → meta-main"),
            new Notice("Meta answered 190: the access token expired.", Tone.Error),
            new FactList([new Fact("Campaign", "Spring sale"), new Fact("Destination", "meta-main (Meta Ads)"), new Fact("Status", "failed 3 times since 09:00, acknowledged by Olga"), new Fact("Delivered", "0 of 540,000")]),
            new BulletList(["Email offer: delivered, 540,000 of 540,000", "Paid social: failed, 0 of 540,000"]),
            new Paragraph("What to do:"),
            new BulletList(["Renew the Meta access token in Secrets:MetaMain", "Press Retry"]),
            new Footnote("Run r-7 in the API: https://campaignbot.example/api/runs/r-7 · alert a-3"),
            new ActionRow(
            [
                new ChatButton("alert.retry", "Retry", "a-3", ButtonStyle.Primary),
                new ChatButton("alert.acknowledge", "Acknowledge", "a-3"),
                new ChatButton("alert.mute", "Mute 4 h", "a-3|4"),
                new ChatButton("alert.mute", "Mute 24 h", "a-3|24"),
            ]),
        ]);

    public static ChatMessage SegmentPickers() => new(
        "Pick a segment",
        [
            new Paragraph("Which segment do you want to see?"),
            new Picker("segment.show", "Choose a segment", Segments(8)),
            new Picker("segment.show", "Or search all segments", Segments(150)),
        ]);

    public static ChatMessage Help() => new(
        "CampaignBot commands",
        [
            new Heading("CampaignBot"),
            new Paragraph("Build, submit and follow campaigns from Teams. Commands are plain words; in a channel, @mention the bot first."),
            new BulletList(["help: this list", "new: start the campaign wizard", "list: your campaigns", "show NAME: one campaign", "preview NAME: counts per group", "submit NAME: ask for approval", "runs NAME: delivery runs", "segments: the segments you can use", "destinations: where campaigns can go", "explain NAME: why the counts are what they are", "alerts: open delivery alerts"]),
            new Divider(),
            new Footnote("Unknown people can read help and nothing else."),
        ]);

    public static ChatForm WizardBasics() => new(
        "campaign.wizard",
        "New campaign",
        "Next",
        [new Paragraph("Step 1: name, type and audience."), new ActionRow([new ChatButton("wizard.cancel", "Cancel", "s-1")])],
        [
            new TextField { Id = "name", Label = "Campaign name", Initial = "Spring sale", MaxLength = 80, Placeholder = "e.g. Spring sale 2027" },
            new TextField { Id = "description", Label = "Description", Multiline = true, MaxLength = 500, Optional = true, Hint = "Shown to approvers." },
            new ChoiceField { Id = "type", Label = "Type", Initial = ["one-time"], Choices = [new Choice("One-time", "one-time"), new Choice("Recurring", "recurring"), new Choice("Multi-channel", "multi-channel")] },
            new ChoiceField { Id = "audience.include", Label = "Include customers in", Multiple = true, Choices = Segments(150), SearchSource = "segments", Initial = ["segment-3", "segment-120"] },
            new ChoiceField { Id = "audience.exclude", Label = "Exclude customers in any of", Multiple = true, Optional = true, Choices = Segments(12) },
        ],
        State: "{\"session\":\"s-1\"}");

    public static ChatForm WizardGroups() => new(
        "campaign.wizard",
        "New campaign",
        "Next",
        [new Paragraph("Step 3: recipient groups. The control percent and the groups' percents add up to 100."), new ActionRow([new ChatButton("wizard.back", "Back", "s-1")])],
        [
            new TextField { Id = "subAudiences[0].groups[0].name", Label = "Group 1 name", Initial = "Email offer", MaxLength = 60 },
            new TextField { Id = "subAudiences[0].groups[0].percent", Label = "Group 1 percent", Initial = "45", MaxLength = 6 },
            new ChoiceField { Id = "subAudiences[0].groups[0].destinations", Label = "Group 1 destinations", Multiple = true, Choices = [.. Enumerable.Range(1, 9).Select(i => new Choice($"Destination {i}", $"dest-{i}", "Klaviyo"))] },
            new ChoiceField { Id = "another", Label = "Another sub-audience after this one?", Initial = ["no"], Choices = [new Choice("No, go on to attributes and schedule", "no"), new Choice("Yes, add another sub-audience", "yes")] },
        ],
        State: "s-1");

    /// <summary>A wizard step with buttons that act on the form's values as they stand: Back, and a Remove per sub-audience.</summary>
    public static ChatForm WizardReview() => new(
        "campaign.wizard",
        "Review campaign",
        "Create draft",
        [new Heading(HostileName), new BulletList(["VIP: 10% control, Email A 45% → klaviyo-main", "Everyone else: 10% control, Email B 90% → outbox"])],
        [new TextField { Id = "note", Label = "Note to approvers", Initial = "Please look at the split" }],
        State: "s-1:5:0")
    {
        Buttons =
        [
            new ChatButton("campaign.wizard.back", "Back", "s-1:5:0"),
            .. Enumerable.Range(0, 6).Select(i => new ChatButton("campaign.wizard.remove", $"Remove sub-audience {i + 1}", i.ToString(CultureInfo.InvariantCulture), ButtonStyle.Danger)),
        ],
    };

    public static IReadOnlyDictionary<string, string> BasicsErrors { get; } = new Dictionary<string, string>
    {
        ["name"] = "A campaign called \"Spring sale\" already exists.",
        ["audience.include"] = "Choose at least one segment.",
        ["schedule"] = "The schedule is in the past.",
    };

    public static FormSubmission BasicsEntered { get; } = new("campaign.wizard", "{\"session\":\"s-1\"}", new Dictionary<string, IReadOnlyList<string>>
    {
        ["name"] = [HostileName],
        ["type"] = ["recurring"],
        ["audience.exclude"] = ["segment-2", "segment-5"],
    });
}
