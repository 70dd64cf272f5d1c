namespace CampaignBot.Customers.Import;

/// <param name="Line">Where the row sits in its file, for problem reports.</param>
/// <param name="FieldCount">How many fields the row really had; <paramref name="Values"/> is padded to the header.</param>
/// <param name="Problem">Why the row could not be read as text at all (a value .NET cannot hold); the row is rejected with it.</param>
internal sealed record SourceRow(long Line, string?[] Values, int FieldCount, ImportProblem? Problem = null);

/// <summary>A file's column names and a stream of its rows as text; disposing closes the file.</summary>
/// <param name="fraction">How much of the file has been read so far (0 to 1), when that is known.</param>
/// <param name="separator">The CSV field separator found in the header; null for Parquet.</param>
internal sealed class SourceRows(
    IReadOnlyList<string> header, IAsyncEnumerable<SourceRow> rows, IAsyncDisposable owner, Func<double?> fraction, char? separator = null) : IAsyncDisposable
{
    public IReadOnlyList<string> Header => header;

    public IAsyncEnumerable<SourceRow> Rows => rows;

    public char? Separator => separator;

    public double? Fraction => fraction();

    public ValueTask DisposeAsync() => owner.DisposeAsync();
}
