using System.Globalization;

namespace CampaignBot.Core.Results;

/// <summary>A group's result against its control, with the verdict a marketer reads.</summary>
public sealed record LiftResult(
    GroupOutcome Treated,
    GroupOutcome Control,
    Interval Conversion,
    Interval ControlConversion,
    Interval AbsoluteLift,
    Interval? RelativeLift,
    double PValue,
    Interval? RevenuePerCustomerLift,
    bool Measurable,
    long MoreCustomersNeeded,
    string Verdict);

/// <summary>
/// Compares a recipient group with its control and says, in one sentence, whether the campaign worked:
/// "+1.1 pp, 95% CI +0.6 to +1.6: Email worked", "-0.8 pp, …: Email did worse than its control", or
/// "not yet measurable: about 40,000 more customers needed".
/// </summary>
public static class LiftVerdict
{
    // Below this many converters on either side the normal approximations behind the p-value mislead.
    private const int MinimumConverters = 5;

    // When nothing shows yet, plan for a lift of this size (1 point), the smallest most programmes act on.
    private const double PlanningLift = 0.01;

    public static LiftResult Compare(string groupName, GroupOutcome treated, GroupOutcome control)
    {
        ArgumentNullException.ThrowIfNull(treated);
        ArgumentNullException.ThrowIfNull(control);
        var absolute = LiftStatistics.Difference(treated, control);
        var p = LiftStatistics.PValue(treated, control);
        var enough = treated.Converters >= MinimumConverters && control.Converters >= MinimumConverters;
        var significant = enough && p < 1 - LiftStatistics.Confidence && absolute.ExcludesZero;
        var more = significant ? 0 : MoreNeeded(treated, control, absolute.Estimate);
        var range = $"{Points(absolute.Estimate)}, 95% CI {Signed(absolute.Lower)} to {Signed(absolute.Upper)}";
        var verdict = significant
            ? absolute.Estimate > 0 ? $"{range}: {groupName} worked" : $"{range}: {groupName} did worse than its control"
            : treated.Customers == 0 || control.Customers == 0
                ? "not yet measurable: a group with no customers cannot be compared"
                : $"not yet measurable ({range}): about {more.ToString("N0", CultureInfo.InvariantCulture)} more customers needed";
        return new LiftResult(
            treated, control,
            LiftStatistics.Wilson(treated.Converters, treated.Customers),
            LiftStatistics.Wilson(control.Converters, control.Customers),
            absolute,
            LiftStatistics.RelativeLift(treated, control),
            p,
            LiftStatistics.RevenueDifference(treated, control),
            significant,
            more,
            verdict);
    }

    /// <summary>"+1.1 pp": a difference of proportions in percentage points, always signed.</summary>
    public static string Points(double difference) => Signed(difference) + " pp";

    private static string Signed(double difference) => (difference * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);

    // Customers to add across both sides so the observed lift (or a 1-point one, when the observed is smaller) would show.
    private static long MoreNeeded(GroupOutcome treated, GroupOutcome control, double observed)
    {
        var lift = Math.Max(Math.Abs(observed), PlanningLift);
        var perGroup = LiftStatistics.CustomersNeededPerGroup(treated.ConversionRate, control.ConversionRate, lift);
        var missing = Math.Max(0, perGroup - treated.Customers) + Math.Max(0, perGroup - control.Customers);
        return Math.Max(missing, 1);
    }
}
