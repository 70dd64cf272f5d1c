namespace CampaignBot.Customers.Import;

/// <param name="Line">The file's line (CSV, counting the header as line 1) or row number (Parquet).</param>
public sealed record RejectedRow(long Line, string Reason);

/// <summary>What an import did. When <see cref="Committed"/> is false, nothing was changed.</summary>
public sealed record ImportReport(
    bool Committed,
    long RowsRead,
    long Imported,
    long Rejected,
    IReadOnlyList<RejectedRow> Rejections,
    string? Failure)
{
    public const int MaxListedRejections = 100;

    public static ImportReport Failed(string failure, long rowsRead = 0, long rejected = 0, IReadOnlyList<RejectedRow>? rejections = null) =>
        new(false, rowsRead, 0, rejected, rejections ?? [], failure);
}

public sealed record ImportOptions
{
    /// <summary>Import the good rows and report the bad ones; by default one bad row stops the whole import.</summary>
    public bool SkipInvalidRows { get; init; }
}
