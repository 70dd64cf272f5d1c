namespace CampaignBot.Customers.Import;

/// <summary>What to import a file into, and how.</summary>
public sealed record ImportRequest
{
    public required ImportTarget Target { get; init; }

    public ImportMode Mode { get; init; } = ImportMode.Upsert;

    /// <summary>
    /// File column → table column, for files whose header uses other names; <see cref="SkipColumn"/> leaves a file
    /// column out. Columns not listed are matched by name.
    /// </summary>
    public IReadOnlyDictionary<string, string> ColumnNames { get; init; } = new Dictionary<string, string>();

    public const string SkipColumn = ImportMapping.Skip;
}
