using CampaignBot.App.Application;
using CampaignBot.Core.CrossCampaign;
using CampaignBot.Core.People;
using CampaignBot.Core.Results;
using CampaignBot.Core.Validation;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Results;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Results;

/// <summary>
/// All marketing against the global holdout over the last days: everyone a destination reached against the customers
/// held out of every campaign, counted in one engine query (<see cref="HoldoutResultsQuery"/>) and judged by
/// <see cref="LiftVerdict"/>. Readers of campaigns may ask; without a holdout there is nothing to compare, which is
/// a conflict with the settings rather than an empty answer.
/// </summary>
public sealed class HoldoutResultsService(CustomerEngine engine, IOptions<HoldoutOptions> holdout, TimeProvider clock)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 365;

    public const string NoHoldout =
        "There is no global holdout (Holdout:Percent is 0): every customer can receive campaigns, so there is no one to compare marketing against. " +
        "Set Holdout:Percent (for example 5) to hold a share of customers out of every campaign; the report measures from then on.";

    public async Task<ServiceResult<HoldoutResultsView>> GetAsync(int? days, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<HoldoutResultsView>(Operation.ReadCampaigns) is { } refused)
        {
            return refused;
        }

        var period = days ?? DefaultDays;
        if (period is < 1 or > MaxDays)
        {
            return new ServiceResult<HoldoutResultsView>.Invalid(
                [new ValidationProblem("days", $"{period} is not a period; give a whole number of days from 1 to {MaxDays} (default {DefaultDays}).", ProblemSeverity.Error)]);
        }

        if (GlobalHoldout.From(holdout.Value) is not { } global)
        {
            return new ServiceResult<HoldoutResultsView>.Conflict(NoHoldout);
        }

        var to = clock.GetUtcNow();
        var from = to.AddDays(-period);
        var counts = await new HoldoutResultsQuery(engine).CountAsync(new HoldoutRequest(global, from, to), cancellationToken);
        var lift = LiftVerdict.Compare("marketing", counts.Marketed, counts.HeldOut);
        var verdict = counts.Marketed.Customers == 0
            ? $"not yet measurable: no campaign delivered to anyone in the last {period} days."
            : lift.Measurable ? lift.Verdict.Replace("did worse than its control", "did worse than the holdout", StringComparison.Ordinal) : $"marketing: {lift.Verdict}";
        return new HoldoutResultsView
        {
            HoldoutPercent = global.Percent,
            Days = period,
            From = from,
            To = to,
            ComputedAt = to,
            Verdict = verdict,
            Marketed = GroupFigures.Of("Marketed", counts.Marketed),
            Holdout = GroupFigures.Of("Holdout", counts.HeldOut),
            AbsoluteLift = lift.AbsoluteLift,
            RelativeLift = lift.RelativeLift,
            PValue = lift.PValue,
            RevenuePerCustomerLift = lift.RevenuePerCustomerLift,
            Measurable = lift.Measurable,
            MoreCustomersNeeded = lift.MoreCustomersNeeded,
        };
    }
}

/// <summary>All marketing against the global holdout over a period: the two rows and the comparison.</summary>
public sealed record HoldoutResultsView
{
    /// <summary>Holdout:Percent: the share of customers held out of every campaign.</summary>
    public required decimal HoldoutPercent { get; init; }

    /// <summary>The period's length in days, ending now.</summary>
    public required int Days { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    public required DateTimeOffset ComputedAt { get; init; }

    /// <summary>The one-line verdict: "+1.0 pp, 95% CI +0.5 to +1.5: marketing worked", or why it is not yet measurable.</summary>
    public required string Verdict { get; init; }

    /// <summary>Everyone outside the holdout a destination reached in the period; orders count from their first delivery in it.</summary>
    public required GroupFigures Marketed { get; init; }

    /// <summary>Every customer in the holdout; orders count over the whole period.</summary>
    public required GroupFigures Holdout { get; init; }

    /// <summary>Marketed minus holdout conversion, as a proportion (Newcombe 95%).</summary>
    public required Interval AbsoluteLift { get; init; }

    /// <summary>Marketed over holdout conversion, minus one (Katz 95%); null while either side has no converter.</summary>
    public Interval? RelativeLift { get; init; }

    public required double PValue { get; init; }

    /// <summary>The difference in revenue per customer (Welch 95%); null below two customers a side.</summary>
    public Interval? RevenuePerCustomerLift { get; init; }

    public required bool Measurable { get; init; }

    public required long MoreCustomersNeeded { get; init; }
}
