namespace CampaignBot.Core.Destinations;

/// <summary>A customer's values as one destination takes them, in <see cref="RowShaper.Fields"/> order; or why it was dropped.</summary>
public readonly record struct ShapedRow(string?[]? Values, DropReason? Dropped)
{
    public bool IsDropped => Dropped is not null;
}

public enum DropReason
{
    NoValidEmail,
    NoValidPhone,
    NoIdentifier,
}

/// <summary>Counts dropped rows by reason and says so in words a marketer reads.</summary>
public sealed class DropTally
{
    private readonly Dictionary<DropReason, long> _counts = [];

    public long Total => _counts.Values.Sum();

    public IReadOnlyDictionary<DropReason, long> ByReason => _counts;

    public void Add(DropReason reason) => _counts[reason] = _counts.GetValueOrDefault(reason) + 1;

    public IEnumerable<string> Sentences() => _counts.OrderByDescending(c => c.Value).Select(c => Sentence(c.Key, c.Value));

    public static string Sentence(DropReason reason, long count)
    {
        var who = count == 1 ? "1 customer" : $"{count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} customers";
        return reason switch
        {
            DropReason.NoValidEmail => $"{who} had no valid email address",
            DropReason.NoValidPhone => $"{who} had no valid phone number",
            _ => $"{who} had no identifier the destination accepts",
        };
    }
}
