using CampaignBot.App.Campaigns;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Lifecycle;

namespace CampaignBot.App.Scheduling;

/// <summary>
/// Decides the order in which due campaigns start when frequency caps make them compete for the same customers: the
/// higher priority first, then the earlier occurrence, then the campaign created first. A due campaign that sends on a
/// capped channel waits while another campaign capped on that channel is running, because caps count sends only once
/// a delivery has recorded them: started together, both would reach a customer the cap has room for once. Started one
/// after the other, the first in order takes the slot and the next finds the customer at the cap.
/// </summary>
internal sealed class PriorityGate
{
    private readonly CampaignResolver _resolver;
    private readonly Dictionary<CampaignId, Facts> _facts = [];

    // Capped channels in use by running campaigns (and those started in this pass), with who holds them.
    private readonly Dictionary<string, CampaignRecord> _busy = new(StringComparer.OrdinalIgnoreCase);

    public PriorityGate(CampaignResolver resolver, IEnumerable<CampaignRecord> running)
    {
        _resolver = resolver;
        foreach (var campaign in running)
        {
            Started(campaign);
        }
    }

    private sealed record Facts(CampaignDefinition? Definition, CampaignPriority Priority, IReadOnlyList<string> CappedChannels);

    /// <summary>Due campaigns in the order they may start: priority, then the earlier occurrence, then the earlier campaign.</summary>
    public IEnumerable<CampaignRecord> InOrder(IEnumerable<CampaignRecord> due) =>
        due.OrderByDescending(c => FactsOf(c).Priority).ThenBy(c => c.NextSlot).ThenBy(c => c.CreatedAt).ThenBy(c => c.Id.Value);

    /// <summary>The running campaign <paramref name="campaign"/> waits for, or null when it may start now.</summary>
    public CampaignRecord? Blocker(CampaignRecord campaign) =>
        FactsOf(campaign).CappedChannels.Select(c => _busy.GetValueOrDefault(c)).FirstOrDefault(b => b is not null && b.Id != campaign.Id);

    /// <summary>Marks the campaign's capped channels busy until it finishes.</summary>
    public void Started(CampaignRecord campaign)
    {
        foreach (var channel in FactsOf(campaign).CappedChannels)
        {
            _busy.TryAdd(channel, campaign);
        }
    }

    /// <summary>The campaign's definition as the gate resolved it (null when it no longer resolves), so the scheduler resolves it once.</summary>
    public CampaignDefinition? DefinitionOf(CampaignRecord campaign) => FactsOf(campaign).Definition;

    public static IReadOnlyList<CampaignRecord> Running(CampaignStore campaigns) => campaigns.InStatus(CampaignStatus.Running);

    private Facts FactsOf(CampaignRecord campaign)
    {
        if (!_facts.TryGetValue(campaign.Id, out var facts))
        {
            var resolved = _resolver.Resolve(campaign).Value;
            facts = new Facts(
                resolved?.Definition,
                resolved?.Definition.Priority ?? CampaignPriority.Normal,
                resolved?.Deliveries.Where(d => d.Cap is not null).Select(d => d.Channel).Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? []);
            _facts[campaign.Id] = facts;
        }

        return facts;
    }
}
