using System.Globalization;
using CampaignBot.App.Application;
using CampaignBot.Conversations.Commands;
using CampaignBot.App.Destinations;
using CampaignBot.App.SeedLists;
using CampaignBot.App.Segments;
using CampaignBot.Conversations.Messages;
using CampaignBot.Core.Campaigns;

namespace CampaignBot.Conversations.Wizard;

/// <summary>
/// The form each wizard step shows. Field ids are the draft's JSON paths ("subAudiences[0].controlPercent"),
/// so the validator's problems land beside the field they are about.
/// </summary>
public sealed class WizardForms(SegmentService segments, DestinationDirectory destinations, SeedListService seedLists)
{
    public const string FormId = "campaign.wizard";
    public const string CatchAll = "*";
    public const string GroupCount = "groupCount";
    public const string Another = "another";
    public const int MaxGroups = 5;

    /// <param name="problems">The validator's problems to list at the top (the review step's, whose fields are on earlier steps).</param>
    /// <param name="note">A line to show at the top, e.g. why this step shows instead of the one the person was on.</param>
    public ChatForm For(WizardSession session, Actor actor, IReadOnlyList<string>? problems = null, string? note = null)
    {
        var draft = session.Draft;
        var (title, submit, intro, fields) = session.Step.Stage switch
        {
            WizardStage.Basics => ("New campaign", "Next", Intro("Step 1: name, type and audience."), Basics(draft, actor)),
            WizardStage.SubAudience => ("New campaign", "Next", Intro($"Step 2: sub-audience {session.Step.SubAudience + 1}. Customers belong to the first sub-audience whose segment they are in."), SubAudience(draft, session.Step.SubAudience, actor)),
            WizardStage.Groups => ("New campaign", "Next", Intro("Step 3: recipient groups. The control percent and the groups' percents add up to 100."), Groups(session, actor)),
            WizardStage.Attributes => ("New campaign", "Next", AttributesIntro(), Attributes(draft, session.Step.SubAudience, actor)),
            WizardStage.Schedule => ("New campaign", "Review", Intro("Step 5: when it runs."), [.. Schedule(draft), .. PriorityLanguageSeedFields.For(draft, SeedListNames(actor))]),
            _ => ("Review campaign", "Create draft", Review(draft), new List<FormField>()),
        };
        if (problems is { Count: > 0 })
        {
            intro = [new Notice("These need fixing before the campaign can be saved:", Tone.Error), new BulletList(problems), .. intro];
        }

        if (note is not null)
        {
            intro = [new Notice(note, Tone.Info), .. intro];
        }

        return new ChatForm(FormId, title, submit, intro, fields, session.FormState) { Buttons = Buttons(session) };
    }

    /// <summary>Back on every step after the first; on the review step, a Remove per sub-audience while there are several.</summary>
    private static List<ChatButton> Buttons(WizardSession session)
    {
        if (session.Step.Stage == WizardStage.Basics)
        {
            return [];
        }

        var buttons = new List<ChatButton> { new(ChatActions.WizardBack, "Back", session.FormState) };
        var subs = session.Draft.SubAudiences ?? [];
        if (session.Step.Stage == WizardStage.Review && subs.Count > 1)
        {
            buttons.AddRange(subs.Select((sub, i) => new ChatButton(
                ChatActions.WizardRemove, $"Remove {sub.Name}", i.ToString(CultureInfo.InvariantCulture), ButtonStyle.Danger,
                new Confirmation("Remove sub-audience?", $"{sub.Name} and its groups leave the campaign; its customers go to the next sub-audience that matches them.", "Remove", "Keep it"))));
        }

        return buttons;
    }

    private static List<ChatBlock> Intro(string text) => [new Paragraph(text)];

    private static List<ChatBlock> AttributesIntro() =>
        Intro("Step 4: the attributes each destination receives, comma separated. Leave a field as it is to send the destination's defaults.");

    private List<FormField> Basics(CampaignDraft draft, Actor actor) =>
    [
        new TextField { Id = "name", Label = "Campaign name", Initial = draft.Name, MaxLength = 80, Placeholder = "e.g. Spring sale 2027" },
        new TextField { Id = "description", Label = "Description", Initial = draft.Description, Multiline = true, MaxLength = 500, Optional = true },
        new ChoiceField
        {
            Id = "type", Label = "Type", Initial = [draft.Type ?? "one-time"],
            Choices = [new Choice("One-time", "one-time"), new Choice("Recurring", "recurring"), new Choice("Multi-channel", "multi-channel"), new Choice("Triggered by an event", "triggered")],
        },
        new ChoiceField { Id = "audience.include", Label = "Include customers in", Multiple = true, Choices = Segments(actor), SearchSource = SegmentSearch.Source, Initial = Names(draft.Audience?.Include) },
        new ChoiceField
        {
            Id = "audience.exclude", Label = "Exclude customers in any of", Multiple = true, Optional = true, Choices = Segments(actor),
            SearchSource = SegmentSearch.Source, Initial = Names(draft.Audience?.Exclude),
        },
    ];

    private List<FormField> SubAudience(CampaignDraft draft, int index, Actor actor)
    {
        var sub = draft.SubAudiences is { } subs && index < subs.Count ? subs[index] : new SubAudienceDraft();
        var path = $"subAudiences[{index}]";
        return
        [
            new TextField { Id = $"{path}.name", Label = "Sub-audience name", Initial = sub.Name ?? (index == 0 ? "Everyone" : null), MaxLength = 60 },
            new ChoiceField
            {
                Id = $"{path}.segment", Label = "Who is in it", SearchSource = SegmentSearch.Source,
                Choices = [new Choice("Everyone else (catch-all)", CatchAll), .. Segments(actor)],
                Initial = [sub.CatchAll || (sub.Segment is null && index == 0) ? CatchAll : sub.Segment ?? ""],
            },
            new TextField { Id = $"{path}.controlPercent", Label = "Control group percent (held out, never sent)", Initial = Number(sub.ControlPercent ?? 10m), MaxLength = 6 },
            new ChoiceField
            {
                Id = GroupCount, Label = "Recipient groups", Initial = [(sub.Groups?.Count ?? 1).ToString(CultureInfo.InvariantCulture)],
                Choices = [.. Enumerable.Range(1, MaxGroups).Select(n => new Choice(n.ToString(CultureInfo.InvariantCulture), n.ToString(CultureInfo.InvariantCulture)))],
            },
        ];
    }

    private List<FormField> Groups(WizardSession session, Actor actor)
    {
        var index = session.Step.SubAudience;
        var sub = session.Draft.SubAudiences![index];
        var share = (100m - (sub.ControlPercent ?? 0m)) / session.GroupCount;
        var choices = destinations.List(actor) is ServiceResult<IReadOnlyList<DestinationView>>.Ok { Value: var list }
            ? list.Where(d => d.Available).Select(d => new Choice(d.Name, d.Name, d.DisplayName)).ToList()
            : [];
        var fields = new List<FormField>();
        for (var j = 0; j < session.GroupCount; j++)
        {
            var group = sub.Groups is { } groups && j < groups.Count ? groups[j] : new RecipientGroupDraft();
            var path = $"subAudiences[{index}].groups[{j}]";
            fields.Add(new TextField { Id = $"{path}.name", Label = $"Group {j + 1} name", Initial = group.Name, MaxLength = 60, Placeholder = "e.g. Email offer" });
            fields.Add(new TextField { Id = $"{path}.percent", Label = $"Group {j + 1} percent", Initial = Number(group.Percent ?? Math.Round(share, 2)), MaxLength = 6 });
            fields.Add(new ChoiceField { Id = $"{path}.destinations", Label = $"Group {j + 1} destinations", Multiple = true, Choices = choices, Initial = [.. (group.Destinations ?? []).Select(d => d.Destination ?? "")] });
        }

        var later = (session.Draft.SubAudiences?.Count ?? 0) - index - 1;
        fields.Add(new ChoiceField
        {
            Id = Another, Label = "Another sub-audience after this one?", Initial = [session.AnotherSubAudience ? "yes" : "no"],
            Choices =
            [
                new Choice(later > 0 ? $"No, and drop the {later} after this one" : "No, go on to attributes and schedule", "no"),
                new Choice(later > 0 ? "Yes, go on to the next sub-audience" : "Yes, add another sub-audience", "yes"),
            ],
        });
        return fields;
    }

    private List<FormField> Attributes(CampaignDraft draft, int index, Actor actor)
    {
        var rules = destinations.List(actor) is ServiceResult<IReadOnlyList<DestinationView>>.Ok { Value: var list }
            ? list.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase)
            : [];
        var fields = new List<FormField>();
        var groups = draft.SubAudiences![index].Groups ?? [];
        for (var j = 0; j < groups.Count; j++)
        {
            var sent = groups[j].Destinations ?? [];
            for (var k = 0; k < sent.Count; k++)
            {
                var name = sent[k].Destination ?? "";
                var rule = rules.GetValueOrDefault(name);
                fields.Add(new TextField
                {
                    Id = $"subAudiences[{index}].groups[{j}].destinations[{k}].attributes",
                    Label = $"{groups[j].Name} → {name}",
                    Hint = rule is null ? null : DestinationsCommand.Rules(rule),
                    Initial = sent[k].Attributes is { Count: > 0 } chosen ? string.Join(", ", chosen.Select(a => a.Name)) : string.Join(", ", rule?.DefaultAttributes ?? []),
                    MaxLength = 500,
                    Optional = true,
                });
            }
        }

        return fields;
    }

    private static List<FormField> Schedule(CampaignDraft draft)
    {
        var schedule = draft.Schedule ?? new ScheduleDraft();
        if (IsTriggered(draft))
        {
            return TriggeredSchedule(draft, schedule);
        }

        return
        [
            new TextField { Id = "schedule.launch", Label = "Launch", Initial = schedule.Launch ?? "asap", Hint = "asap, or a local time such as 2027-03-01 09:00", MaxLength = 40 },
            new TextField { Id = "schedule.timeZone", Label = "Time zone", Initial = schedule.TimeZone ?? "UTC", Hint = "An IANA zone such as America/Los_Angeles", MaxLength = 60 },
            new ChoiceField
            {
                Id = "schedule.cadence", Label = "Repeats (recurring campaigns)", Optional = true, Initial = schedule.Cadence is { } c ? [c] : [],
                Choices = [new Choice("Daily", "daily"), new Choice("Weekly", "weekly"), new Choice("Monthly", "monthly"), new Choice("Quarterly", "quarterly")],
            },
            new TextField { Id = "schedule.quietHours.start", Label = "Quiet hours start", Optional = true, Initial = schedule.QuietHours?.Start, Hint = "24-hour local time, e.g. 21:00; nothing is sent inside quiet hours", MaxLength = 5 },
            new TextField { Id = "schedule.quietHours.end", Label = "Quiet hours end", Optional = true, Initial = schedule.QuietHours?.End, Hint = "e.g. 08:00", MaxLength = 5 },
            new TextField { Id = "schedule.expiresAt", Label = "Expires", Optional = true, Initial = schedule.ExpiresAt, Hint = "Stop running after this local time, e.g. 2027-06-30 23:59", MaxLength = 40 },
        ];
    }

    // A triggered campaign sends on its event rather than on a cadence: the step asks for the event and its filter instead.
    private static List<FormField> TriggeredSchedule(CampaignDraft draft, ScheduleDraft schedule) =>
    [
        new TextField { Id = "trigger.event", Label = "Event", Initial = draft.Trigger?.Event, Hint = "The event that sends it, such as order or signup", MaxLength = 64 },
        new TextField { Id = "trigger.filter", Label = "Only events where", Optional = true, Initial = draft.Trigger?.Filter, Hint = "A property comparison such as amount > 100; empty sends on every event of the type", MaxLength = 200 },
        new TextField { Id = "schedule.launch", Label = "Start sending", Initial = schedule.Launch ?? "asap", Hint = "asap, or a local time such as 2027-03-01 09:00", MaxLength = 40 },
        new TextField { Id = "schedule.timeZone", Label = "Time zone", Initial = schedule.TimeZone ?? "UTC", Hint = "An IANA zone such as America/Los_Angeles", MaxLength = 60 },
        new TextField { Id = "schedule.quietHours.start", Label = "Quiet hours start", Optional = true, Initial = schedule.QuietHours?.Start, Hint = "24-hour local time, e.g. 21:00; sends wait until quiet hours end", MaxLength = 5 },
        new TextField { Id = "schedule.quietHours.end", Label = "Quiet hours end", Optional = true, Initial = schedule.QuietHours?.End, Hint = "e.g. 08:00", MaxLength = 5 },
        new TextField { Id = "schedule.expiresAt", Label = "Stop sending", Optional = true, Initial = schedule.ExpiresAt, Hint = "A local time such as 2027-06-30 23:59; empty sends until paused or cancelled", MaxLength = 40 },
    ];

    public static bool IsTriggered(CampaignDraft? draft) => draft is { Type: { } type } && string.Equals(type.Trim(), "triggered", StringComparison.OrdinalIgnoreCase);

    private static List<ChatBlock> Review(CampaignDraft draft)
    {
        var lines = new List<string>
        {
            $"Name: {draft.Name}",
            $"Type: {draft.Type ?? "one-time"}",
            $"Include: {string.Join(", ", Names(draft.Audience?.Include))}" + (draft.Audience?.Exclude is { Count: > 0 } ex ? $"; exclude: {string.Join(", ", Names(ex))}" : ""),
        };
        foreach (var sub in draft.SubAudiences ?? [])
        {
            lines.Add($"{sub.Name} ({(sub.CatchAll ? "everyone else" : sub.Segment)}): control {Number(sub.ControlPercent ?? 0m)}%");
            lines.AddRange((sub.Groups ?? []).Select(g =>
                $"    {g.Name} {Number(g.Percent ?? 0m)}% → {string.Join(", ", (g.Destinations ?? []).Select(d => d.Destination + (d.Attributes is { Count: > 0 } a ? $" ({string.Join(", ", a.Select(x => x.Name))})" : "")))}"));
        }

        var schedule = draft.Schedule;
        if (draft.Trigger is { Event: { } eventType } trigger)
        {
            lines.Add($"Sends on each {eventType}" + (string.IsNullOrWhiteSpace(trigger.Filter) ? "" : $" where {trigger.Filter}"));
        }

        lines.Add($"Launch: {schedule?.Launch ?? "asap"} ({schedule?.TimeZone ?? "UTC"})" + (schedule?.Cadence is { } cadence ? $", repeats {cadence}" : ""));
        lines.AddRange(Cards.PriorityLanguageSeedFacts.For(draft).Select(f => $"{f.Label}: {f.Value}"));
        return [new Paragraph("Step 6: check and create. The campaign is saved as a draft; submit it for approval from its summary."), new BulletList(lines)];
    }

    private List<Choice> Segments(Actor actor) => segments.List(actor) is ServiceResult<IReadOnlyList<SegmentView>>.Ok { Value: var list }
        ? [.. list.Select(s => new Choice(s.Name, s.Name, string.IsNullOrEmpty(s.Description) ? null : s.Description))]
        : [];

    private IReadOnlyList<string> SeedListNames(Actor actor) =>
        seedLists.List(actor) is ServiceResult<IReadOnlyList<SeedListView>>.Ok { Value: var list } ? [.. list.Select(l => l.Name)] : [];

    private static IReadOnlyList<string> Names(IReadOnlyList<string?>? names) => names is null ? [] : [.. names.Where(n => n is not null).Select(n => n!)];

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
