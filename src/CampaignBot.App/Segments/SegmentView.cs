using CampaignBot.Customers.Insights;

namespace CampaignBot.App.Segments;

/// <summary>A segment as readers see it; <see cref="Filter"/> is in the text syntax, whichever way it was written.</summary>
public sealed record SegmentView(string Name, string Description, string Filter, string CreatedBy, DateTimeOffset CreatedAt)
{
    public static SegmentView Of(SegmentRecord segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return new SegmentView(segment.Name, segment.Description, segment.Filter, segment.CreatedBy, segment.CreatedAt);
    }
}

/// <summary>A new segment: a name, and its filter either as <see cref="Text"/> or as a <see cref="Filter"/> tree.</summary>
public sealed record SegmentInput
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    /// <summary>"lifetime_value > 500 and state in (WA, OR)".</summary>
    public string? Text { get; init; }

    public FilterNode? Filter { get; init; }
}

/// <summary>What a segment holds: its size, its share of all customers and its value, by lifecycle status.</summary>
public sealed record SegmentInsightsView(string Name, string Filter, SegmentInsights Insights);
