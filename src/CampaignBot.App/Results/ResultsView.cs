using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Results;

namespace CampaignBot.App.Results;

/// <summary>A campaign's results: cumulative over its runs, or of one run, per sub-audience and group against its control.</summary>
public sealed record CampaignResultsView
{
    public required CampaignId CampaignId { get; init; }

    public required string Campaign { get; init; }

    /// <summary>The run measured; null for all runs together.</summary>
    public string? RunId { get; init; }

    /// <summary>Days after each send in which an order counts.</summary>
    public required int AttributionDays { get; init; }

    public required DateTimeOffset ComputedAt { get; init; }

    /// <summary>Each recipient group's verdict, in one line: what a campaign summary shows.</summary>
    public required string Verdict { get; init; }

    public required IReadOnlyList<SubAudienceResults> SubAudiences { get; init; }

    /// <summary>The campaign's runs, newest first, to ask for one of them.</summary>
    public required IReadOnlyList<string> Runs { get; init; }
}

/// <summary>One sub-audience: its control and each recipient group measured against it.</summary>
public sealed record SubAudienceResults(string Name, GroupFigures? Control, IReadOnlyList<RecipientGroupResults> Groups);

/// <summary>What a group did in the attribution window: customers, those who ordered, and the revenue per customer.</summary>
public sealed record GroupFigures(string Group, long Customers, long Converters, Interval ConversionRate, decimal Revenue, double RevenuePerCustomer)
{
    public static GroupFigures Of(string group, GroupOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new GroupFigures(
            group, outcome.Customers, outcome.Converters, LiftStatistics.Wilson(outcome.Converters, outcome.Customers), outcome.Revenue, Math.Round(outcome.RevenuePerCustomer, 4));
    }
}

/// <summary>A recipient group against its sub-audience's control, with its verdict.</summary>
/// <param name="AbsoluteLift">The difference in conversion rate, as a proportion (0.011 is +1.1 points).</param>
/// <param name="RelativeLift">The ratio of conversion rates minus one; null while either side has no converter.</param>
/// <param name="RevenuePerCustomerLift">The difference in revenue per customer (Welch); null below two customers a side.</param>
public sealed record RecipientGroupResults(
    GroupFigures Figures,
    Interval AbsoluteLift,
    Interval? RelativeLift,
    double PValue,
    Interval? RevenuePerCustomerLift,
    bool Measurable,
    long MoreCustomersNeeded,
    string Verdict);
