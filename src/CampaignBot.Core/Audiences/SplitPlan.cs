using CampaignBot.Core.Campaigns;

namespace CampaignBot.Core.Audiences;

/// <summary>
/// How each sub-audience's 10,000 buckets are laid out: the control group takes the first ones, then each
/// recipient group in order. Reordering or resizing groups moves customers; adding customers never does.
/// </summary>
public sealed class SplitPlan
{
    private readonly SubAudienceLayout[] _layouts;

    private SplitPlan(SubAudienceLayout[] layouts) => _layouts = layouts;

    public int SubAudienceCount => _layouts.Length;

    public static SplitPlan From(CampaignDefinition campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return new SplitPlan(campaign.SubAudiences.Select(SubAudienceLayout.From).ToArray());
    }

    public SubAudienceLayout this[int subAudience] => _layouts[subAudience];

    public GroupSlot Locate(int subAudience, int bucket)
    {
        if ((uint)subAudience >= (uint)_layouts.Length)
        {
            return GroupSlot.Unmatched;
        }

        return new GroupSlot(subAudience, _layouts[subAudience].GroupAt(bucket));
    }
}

/// <summary>One sub-audience's buckets: [0, control) is held out, then each group's share in order.</summary>
public sealed record SubAudienceLayout(string Name, int ControlBuckets, IReadOnlyList<string> GroupNames, int[] GroupUpperBounds)
{
    public static SubAudienceLayout From(SubAudience subAudience)
    {
        var upper = subAudience.ControlPercent.BasisPoints;
        var bounds = new int[subAudience.Groups.Count];
        for (var i = 0; i < bounds.Length; i++)
        {
            upper += subAudience.Groups[i].Percent.BasisPoints;
            bounds[i] = upper;
        }

        return new SubAudienceLayout(subAudience.Name, subAudience.ControlPercent.BasisPoints, subAudience.Groups.Select(g => g.Name).ToArray(), bounds);
    }

    public int GroupAt(int bucket)
    {
        if (bucket < ControlBuckets)
        {
            return GroupSlot.ControlGroup;
        }

        for (var i = 0; i < GroupUpperBounds.Length; i++)
        {
            if (bucket < GroupUpperBounds[i])
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(bucket), bucket, $"Bucket is outside 0..{SplitHash.Buckets - 1}.");
    }
}
