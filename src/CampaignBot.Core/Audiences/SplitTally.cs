namespace CampaignBot.Core.Audiences;

/// <summary>Counts placements per sub-audience and group without keeping any customer.</summary>
public sealed class SplitTally
{
    // Per sub-audience: index 0 counts the control group, index g + 1 counts recipient group g.
    private readonly long[][] _counts;

    public SplitTally(SplitPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _counts = Enumerable.Range(0, plan.SubAudienceCount)
            .Select(i => new long[plan[i].GroupNames.Count + 1])
            .ToArray();
    }

    public long Unmatched { get; private set; }

    public long Total { get; private set; }

    public void Add(GroupSlot slot, long count = 1)
    {
        Total += count;
        if (slot.IsUnmatched)
        {
            Unmatched += count;
            return;
        }

        _counts[slot.SubAudience][slot.Group + 1] += count;
    }

    public long Count(GroupSlot slot) => slot.IsUnmatched ? Unmatched : _counts[slot.SubAudience][slot.Group + 1];

    public long SubAudienceTotal(int subAudience) => _counts[subAudience].Sum();
}
