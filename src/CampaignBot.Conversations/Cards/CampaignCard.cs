using CampaignBot.Core.Text;
using CampaignBot.App.Campaigns;
using CampaignBot.Conversations.Messages;
using Humanizer;

namespace CampaignBot.Conversations.Cards;

/// <summary>
/// The campaign summary: what it is, when it runs, how its audience splits (when counted), what to watch
/// out for, and buttons for what the reader may do next.
/// </summary>
public static class CampaignCard
{
    public static ChatMessage For(CampaignView campaign, PreviewView? preview, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var draft = campaign.Draft;
        var blocks = new List<ChatBlock>
        {
            new Heading(campaign.Name),
            new FactList(Facts(campaign, now)),
        };
        if (draft.Audience is { } audience)
        {
            blocks.Add(new Paragraph($"Audience: {Names(audience.Include)}" + (audience.Exclude is { Count: > 0 } ? $", excluding {Names(audience.Exclude)}" : "")));
        }

        if (preview is not null)
        {
            blocks.AddRange(PreviewBlocks.For(preview));
        }

        foreach (var warning in Warnings.For(campaign, preview))
        {
            blocks.Add(new Notice(warning, Tone.Warning));
        }

        if (campaign.StatusReason is { Length: > 0 } reason)
        {
            blocks.Add(new Footnote(reason));
        }

        blocks.Add(CampaignButtons.For(campaign));
        var summary = preview is null
            ? $"{campaign.Name}: {campaign.StatusText}"
            : $"{campaign.Name}: {campaign.StatusText}, {Quantities.Of(preview.Recipients, "recipient", "recipients")}";
        return new ChatMessage(summary, blocks);
    }

    private static List<Fact> Facts(CampaignView campaign, DateTimeOffset now)
    {
        var facts = new List<Fact>
        {
            new("Status", campaign.StatusText.Transform(To.SentenceCase)),
            new("Type", campaign.Draft.Type ?? "one-time"),
            new("Schedule", campaign.Schedule ?? "As soon as approved"),
            new("Author", campaign.AuthorId),
        };
        facts.AddRange(PriorityLanguageSeedFacts.For(campaign.Draft));
        if (campaign.NextRunAt is { } next)
        {
            facts.Add(new Fact("Next run", $"{next:yyyy-MM-dd HH:mm} UTC ({next.Humanize(now)})"));
        }

        if (campaign.Approval is { } approval)
        {
            var approvals = approval.Decisions.Count(d => d.Verdict == nameof(CampaignBot.Core.Approvals.ApprovalVerdict.Approve));
            facts.Add(new Fact("Approval", approval.State == nameof(CampaignBot.App.Approvals.ApprovalRequestState.Voided)
                ? $"Voided: {approvals} of {Counted.Of(approval.RequiredApprovers, "approver")} had approved it; the approval no longer stands"
                : $"{approval.State}: {approvals} of {Counted.Of(approval.RequiredApprovers, "approver")}"));
        }

        if (campaign.LatestVerdict is { } verdict)
        {
            facts.Add(new Fact("Latest results", $"{verdict} (orders within {Counted.Of(campaign.AttributionDays, "day")} of a send; as of {campaign.LatestVerdictAt:yyyy-MM-dd HH:mm} UTC)"));
        }

        return facts;
    }

    private static string Names(IReadOnlyList<string?>? names) =>
        names is { Count: > 0 } ? string.Join(", ", names.Where(n => !string.IsNullOrWhiteSpace(n))) : "(none)";
}
