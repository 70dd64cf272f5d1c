using System.Globalization;
using System.Text;
using CampaignBot.App.Results;
using CampaignBot.Core.Results;

namespace CampaignBot.Api.Results;

/// <summary>Results as CSV for analysts: one row per group (or per side of the holdout report), controls included, proportions as fractions, invariant culture.</summary>
public static class ResultsCsv
{
    private static readonly string[] Header =
    [
        "sub_audience", "group", "is_control", "customers", "converters", "conversion_rate", "conversion_lower", "conversion_upper",
        "revenue", "revenue_per_customer", "absolute_lift", "absolute_lift_lower", "absolute_lift_upper", "relative_lift", "relative_lift_lower",
        "relative_lift_upper", "p_value", "revenue_per_customer_lift", "revenue_per_customer_lift_lower", "revenue_per_customer_lift_upper",
        "measurable", "verdict", "attribution_days", "run_id",
    ];

    public static byte[] Bytes(CampaignResultsView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var text = new StringBuilder().AppendLine(string.Join(',', Header));
        foreach (var sub in view.SubAudiences)
        {
            if (sub.Control is { } control)
            {
                Row(text, view, sub.Name, control, true, null);
            }

            foreach (var group in sub.Groups)
            {
                Row(text, view, sub.Name, group.Figures, false, group);
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void Row(StringBuilder text, CampaignResultsView view, string subAudience, GroupFigures figures, bool isControl, RecipientGroupResults? lift)
    {
        var fields = new List<string>
        {
            Quote(subAudience), Quote(figures.Group), isControl ? "true" : "false", Number(figures.Customers), Number(figures.Converters),
            Number(figures.ConversionRate.Estimate), Number(figures.ConversionRate.Lower), Number(figures.ConversionRate.Upper),
            figures.Revenue.ToString(CultureInfo.InvariantCulture), Number(figures.RevenuePerCustomer),
        };
        fields.AddRange(Interval(lift?.AbsoluteLift));
        fields.AddRange(Interval(lift?.RelativeLift));
        fields.Add(lift is null ? "" : Number(lift.PValue));
        fields.AddRange(Interval(lift?.RevenuePerCustomerLift));
        fields.Add(lift is null ? "" : lift.Measurable ? "true" : "false");
        fields.Add(lift is null ? "" : Quote(lift.Verdict));
        fields.Add(Number(view.AttributionDays));
        fields.Add(view.RunId is null ? "" : Quote(view.RunId));
        text.AppendLine(string.Join(',', fields));
    }

    private static readonly string[] HoldoutHeader =
    [
        "side", "customers", "converters", "conversion_rate", "conversion_lower", "conversion_upper", "revenue", "revenue_per_customer",
        "absolute_lift", "absolute_lift_lower", "absolute_lift_upper", "relative_lift", "relative_lift_lower", "relative_lift_upper", "p_value",
        "revenue_per_customer_lift", "revenue_per_customer_lift_lower", "revenue_per_customer_lift_upper", "measurable", "verdict",
        "holdout_percent", "days", "from", "to",
    ];

    /// <summary>All marketing against the holdout: the holdout row, then the marketed row with the comparison.</summary>
    public static byte[] Bytes(HoldoutResultsView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var text = new StringBuilder().AppendLine(string.Join(',', HoldoutHeader));
        foreach (var (side, figures, compared) in new[] { ("holdout", view.Holdout, false), ("marketed", view.Marketed, true) })
        {
            var fields = new List<string>
            {
                side, Number(figures.Customers), Number(figures.Converters), Number(figures.ConversionRate.Estimate), Number(figures.ConversionRate.Lower),
                Number(figures.ConversionRate.Upper), figures.Revenue.ToString(CultureInfo.InvariantCulture), Number(figures.RevenuePerCustomer),
            };
            fields.AddRange(Interval(compared ? view.AbsoluteLift : null));
            fields.AddRange(Interval(compared ? view.RelativeLift : null));
            fields.Add(compared ? Number(view.PValue) : "");
            fields.AddRange(Interval(compared ? view.RevenuePerCustomerLift : null));
            fields.Add(compared ? (view.Measurable ? "true" : "false") : "");
            fields.Add(compared ? Quote(view.Verdict) : "");
            fields.Add(view.HoldoutPercent.ToString(CultureInfo.InvariantCulture));
            fields.Add(Number(view.Days));
            fields.Add(view.From.ToString("O", CultureInfo.InvariantCulture));
            fields.Add(view.To.ToString("O", CultureInfo.InvariantCulture));
            text.AppendLine(string.Join(',', fields));
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static IEnumerable<string> Interval(Interval? interval) =>
        interval is null ? ["", "", ""] : [Number(interval.Estimate), Number(interval.Lower), Number(interval.Upper)];

    private static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    // RFC 4180, and a leading =, +, - or @ neutralized so a spreadsheet does not run a group name as a formula.
    private static string Quote(string value)
    {
        var safe = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 || safe != value ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }
}
