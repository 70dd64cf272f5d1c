namespace CampaignBot.Customers.Import;

/// <param name="Line">Where the row sits in its file, for rejection reports.</param>
/// <param name="FieldCount">How many fields the row really had; <paramref name="Values"/> is padded to the header.</param>
/// <param name="Problem">Why the row could not be read as text at all (a value .NET cannot hold); the row is rejected with it.</param>
internal sealed record SourceRow(long Line, string?[] Values, int FieldCount, string? Problem = null);

/// <summary>A file's column names and a stream of its rows as text; disposing closes the file.</summary>
internal sealed class SourceRows(IReadOnlyList<string> header, IAsyncEnumerable<SourceRow> rows, IAsyncDisposable owner) : IAsyncDisposable
{
    public IReadOnlyList<string> Header => header;

    public IAsyncEnumerable<SourceRow> Rows => rows;

    public ValueTask DisposeAsync() => owner.DisposeAsync();
}
