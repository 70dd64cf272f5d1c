namespace CampaignBot.Core.Tests.Audiences;

/// <summary>The textbook statistics the splitter tests compare against critical values.</summary>
internal static class ChiSquare
{
    public static double Uniformity(long[] bins)
    {
        var expected = bins.Sum() / (double)bins.Length;
        return bins.Sum(observed => Math.Pow(observed - expected, 2) / expected);
    }

    public static double Independence(long[,] table)
    {
        var rows = table.GetLength(0);
        var columns = table.GetLength(1);
        var rowTotals = Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, columns).Sum(c => table[r, c])).ToArray();
        var columnTotals = Enumerable.Range(0, columns).Select(c => Enumerable.Range(0, rows).Sum(r => table[r, c])).ToArray();
        double total = rowTotals.Sum();
        var statistic = 0.0;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var expected = rowTotals[r] * columnTotals[c] / total;
                statistic += Math.Pow(table[r, c] - expected, 2) / expected;
            }
        }

        return statistic;
    }

    /// <summary>Pearson's correlation coefficient.</summary>
    public static double Correlation(IReadOnlyList<(int X, int Y)> pairs)
    {
        var meanX = pairs.Average(p => p.X);
        var meanY = pairs.Average(p => p.Y);
        var covariance = pairs.Sum(p => (p.X - meanX) * (p.Y - meanY));
        var spreadX = Math.Sqrt(pairs.Sum(p => Math.Pow(p.X - meanX, 2)));
        var spreadY = Math.Sqrt(pairs.Sum(p => Math.Pow(p.Y - meanY, 2)));
        return covariance / (spreadX * spreadY);
    }
}
