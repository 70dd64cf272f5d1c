using CampaignBot.Conversations.Messages;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Seeds;

namespace CampaignBot.Conversations.Cards;

/// <summary>
/// The summary and approval card facts for a campaign's priority, language and seed lists, each only when the campaign
/// sets it. Seed lists are named with the destinations they go to, so approvers see who else receives every send.
/// </summary>
public static class PriorityLanguageSeedFacts
{
    public static IEnumerable<Fact> For(CampaignDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (!string.IsNullOrWhiteSpace(draft.Priority) && !string.Equals(draft.Priority.Trim(), "normal", StringComparison.OrdinalIgnoreCase))
        {
            yield return new Fact("Priority", draft.Priority.Trim().ToLowerInvariant());
        }

        if (!string.IsNullOrWhiteSpace(draft.Language))
        {
            yield return new Fact("Language", CampaignLanguage.Parse(draft.Language.Trim()) is { } language ? $"{language.Tag} ({language.DisplayName})" : draft.Language.Trim());
        }

        var seeds = (draft.SeedLists ?? []).Where(s => !string.IsNullOrWhiteSpace(s?.Name)).Select(s => Describe(s!)).ToList();
        if (seeds.Count > 0)
        {
            yield return new Fact("Seed lists", string.Join("; ", seeds));
        }
    }

    private static string Describe(SeedListDraft seeds)
    {
        var destinations = (seeds.Destinations ?? []).Where(d => !string.IsNullOrWhiteSpace(d)).ToList();
        return $"{seeds.Name!.Trim()} ({(destinations.Count == 0 ? "all destinations" : string.Join(", ", destinations))})";
    }
}
