namespace CampaignBot.Customers.Insights;

/// <summary>What a segment holds, computed in the engine.</summary>
public sealed record SegmentInsights(
    long Customers,
    long AllCustomers,
    decimal TotalLifetimeValue,
    decimal AverageLifetimeValue,
    IReadOnlyList<LifecycleShare> ByLifecycleStatus)
{
    /// <summary>The segment's share of all customers, 0 to 1.</summary>
    public double ShareOfAllCustomers => AllCustomers == 0 ? 0 : (double)Customers / AllCustomers;
}

/// <param name="Status">A lifecycle status, or "unknown" for customers without one.</param>
public sealed record LifecycleShare(string Status, long Customers, decimal TotalLifetimeValue);
