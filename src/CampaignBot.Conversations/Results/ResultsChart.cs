using ScottPlot;

namespace CampaignBot.Conversations.Results;

/// <summary>One bar of the results chart: a group's conversion rate and its 95% interval, as proportions.</summary>
public sealed record ChartBar(string Label, double Rate, double Lower, double Upper, bool IsControl);

/// <summary>
/// The results chart: each group's conversion rate with its 95% interval, controls in grey beside their
/// recipient groups, as a PNG every channel can show (an upload in one, an image in another).
/// </summary>
public static class ResultsChart
{
    public const int Width = 800;
    public const int Height = 450;

    private static readonly Color Recipients = Color.FromHex("#2F6FDE");
    private static readonly Color Control = Color.FromHex("#8A8F98");

    public static byte[] Png(string title, IReadOnlyList<ChartBar> bars)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(bars);
        var plot = new Plot();
        plot.Add.Bars(bars.Select((b, i) => new Bar
        {
            Position = i,
            Value = b.Rate * 100,
            FillColor = b.IsControl ? Control : Recipients,
        }).ToArray());

        // Wilson intervals are not symmetric, so each side of the whisker has its own length.
        var intervals = new ScottPlot.Plottables.ErrorBar(
            [.. bars.Select((_, i) => (double)i)],
            [.. bars.Select(b => b.Rate * 100)],
            null,
            null,
            [.. bars.Select(b => Math.Max(0, b.Upper - b.Rate) * 100)],
            [.. bars.Select(b => Math.Max(0, b.Rate - b.Lower) * 100)])
        {
            Color = Colors.Black,
        };
        plot.Add.Plottable(intervals);

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. bars.Select((_, i) => (double)i)], [.. bars.Select(b => b.Label)]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        plot.YLabel("Conversion rate, % (95% interval)");
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
