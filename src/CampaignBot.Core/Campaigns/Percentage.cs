using System.Globalization;

namespace CampaignBot.Core.Campaigns;

/// <summary>
/// A share of an audience in basis points (1/100 of a percent), so that percents such as 12.5 add up
/// exactly and map onto the splitter's 10,000 buckets one to one.
/// </summary>
public readonly record struct Percentage(int BasisPoints) : IComparable<Percentage>
{
    public const int Whole = 10_000;

    public static Percentage Zero => new(0);

    public static Percentage Hundred => new(Whole);

    public decimal Percent => BasisPoints / 100m;

    /// <summary>Converts a percent with at most two decimals; returns false for anything finer.</summary>
    public static bool TryFromPercent(decimal percent, out Percentage value)
    {
        if (percent is < int.MinValue / 100m or > int.MaxValue / 100m)
        {
            value = Zero;
            return false;
        }

        var basisPoints = percent * 100m;
        var ok = basisPoints == decimal.Truncate(basisPoints) && basisPoints is >= int.MinValue and <= int.MaxValue;
        value = ok ? new Percentage((int)basisPoints) : Zero;
        return ok;
    }

    public static Percentage operator +(Percentage left, Percentage right) => new(left.BasisPoints + right.BasisPoints);

    public int CompareTo(Percentage other) => BasisPoints.CompareTo(other.BasisPoints);

    public override string ToString() => Percent.ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
