using System.Globalization;
using CampaignBot.App.Results;
using CampaignBot.Conversations.Messages;
using CampaignBot.Core.Results;

namespace CampaignBot.Conversations.Results;

/// <summary>Results as a message: the verdict first, then each sub-audience's control and groups as facts, then the chart.</summary>
public static class ResultsMessage
{
    public static ChatMessage Of(CampaignResultsView results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var blocks = new List<ChatBlock> { new Heading($"Results of {results.Campaign}") };
        var groups = results.SubAudiences.SelectMany(s => s.Groups).ToList();
        if (groups.Count == 0)
        {
            blocks.Add(new Paragraph(results.Verdict));
            return new ChatMessage(results.Verdict, blocks);
        }

        blocks.AddRange(groups.Select(g => new Notice(g.Verdict, g.Measurable ? (g.AbsoluteLift.Estimate > 0 ? Tone.Success : Tone.Warning) : Tone.Info)));
        foreach (var sub in results.SubAudiences)
        {
            blocks.Add(new Divider());
            if (results.SubAudiences.Count > 1)
            {
                blocks.Add(new Paragraph(sub.Name));
            }

            if (sub.Control is { } control)
            {
                blocks.Add(new FactList([.. Figures(control, "control")]));
            }

            foreach (var group in sub.Groups)
            {
                var facts = Figures(group.Figures, "recipients").ToList();
                facts.Add(new Fact("Lift", $"{LiftVerdict.Points(group.AbsoluteLift.Estimate)} ({LiftVerdict.Points(group.AbsoluteLift.Lower)} to {LiftVerdict.Points(group.AbsoluteLift.Upper)})"));
                if (group.RelativeLift is { } relative)
                {
                    facts.Add(new Fact("Relative lift", $"{Percent(relative.Estimate, signed: true)} ({Percent(relative.Lower, signed: true)} to {Percent(relative.Upper, signed: true)})"));
                }

                facts.Add(new Fact("p-value", group.PValue < 0.001 ? "< 0.001" : group.PValue.ToString("0.000", CultureInfo.InvariantCulture)));
                if (group.RevenuePerCustomerLift is { } revenue)
                {
                    facts.Add(new Fact("Revenue per customer lift", $"{Money(revenue.Estimate, signed: true)} ({Money(revenue.Lower, signed: true)} to {Money(revenue.Upper, signed: true)})"));
                }

                blocks.Add(new FactList(facts));
            }
        }

        blocks.Add(Chart(results));
        blocks.Add(new Footnote(
            $"Orders within {results.AttributionDays} days after each send count; intervals are 95%. " +
            $"{(results.RunId is null ? "All runs together" : $"Run {results.RunId}")}, as of {results.ComputedAt:yyyy-MM-dd HH:mm} UTC."));
        return new ChatMessage($"Results of {results.Campaign}: {results.Verdict}", blocks);
    }

    /// <summary>Each control beside its groups, with every conversion rate's interval.</summary>
    public static ChatImage Chart(CampaignResultsView results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var multiple = results.SubAudiences.Count > 1;
        var bars = new List<ChartBar>();
        foreach (var sub in results.SubAudiences)
        {
            string Label(string group) => multiple ? $"{sub.Name}: {group}" : group;
            if (sub.Control is { } control)
            {
                bars.Add(Bar(Label(control.Group), control, isControl: true));
            }

            bars.AddRange(sub.Groups.Select(g => Bar(Label(g.Figures.Group), g.Figures, isControl: false)));
        }

        var title = $"{results.Campaign}: conversion by group";
        var alt = string.Join("; ", bars.Select(b => $"{b.Label} {Percent(b.Rate)} (95% {Percent(b.Lower)} to {Percent(b.Upper)})"));
        return new ChatImage(title, $"Conversion rate by group: {alt}", ResultsChart.Png(title, bars));
    }

    private static ChartBar Bar(string label, GroupFigures figures, bool isControl) =>
        new(label, figures.ConversionRate.Estimate, figures.ConversionRate.Lower, figures.ConversionRate.Upper, isControl);

    internal static IEnumerable<Fact> Figures(GroupFigures figures, string kind) =>
    [
        new Fact(figures.Group, $"{figures.Customers.ToString("N0", CultureInfo.InvariantCulture)} {kind}"),
        new Fact("Converted", $"{figures.Converters.ToString("N0", CultureInfo.InvariantCulture)} ({Percent(figures.ConversionRate.Estimate)}, {Percent(figures.ConversionRate.Lower)} to {Percent(figures.ConversionRate.Upper)})"),
        new Fact("Revenue per customer", Money(figures.RevenuePerCustomer, signed: false)),
    ];

    internal static string Percent(double proportion, bool signed = false) =>
        (proportion * 100).ToString(signed ? "+0.0;-0.0;0.0" : "0.0", CultureInfo.InvariantCulture) + "%";

    internal static string Money(double amount, bool signed) =>
        (signed && amount > 0 ? "+" : "") + amount.ToString("0.00", CultureInfo.InvariantCulture);
}
