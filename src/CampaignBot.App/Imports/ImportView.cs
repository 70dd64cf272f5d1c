using CampaignBot.Customers.Import;

namespace CampaignBot.App.Imports;

/// <summary>An import as callers see it. Nothing in the table changed unless <see cref="Status"/> is Succeeded.</summary>
/// <param name="Accepted">Rows that passed every check (stored only when the import succeeded).</param>
/// <param name="Problems">Where and why rows or the file were refused (line, column, reason), never the values; at most 100.</param>
public sealed record ImportView(
    Guid Id,
    string Table,
    string Mode,
    ImportStatus Status,
    ImportPhase? Phase,
    double? Fraction,
    long Bytes,
    long RowsRead,
    long Accepted,
    long Rejected,
    double ElapsedSeconds,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string RequestedBy,
    string Channel,
    IReadOnlyList<ImportProblemView> Problems,
    string? Failure)
{
    public static ImportView Of(ImportRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        var elapsed = (record.FinishedAt ?? now) - record.StartedAt;
        return new ImportView(
            record.Id, record.Table, record.Mode, record.Status, record.IsActive ? record.Phase : null, record.IsActive ? record.Fraction : null,
            record.Bytes, record.RowsRead, record.Accepted, record.Rejected, Math.Round(Math.Max(0, elapsed.TotalSeconds), 3),
            record.StartedAt, record.FinishedAt, record.RequestedBy, record.Channel,
            [.. record.Problems.Select(p => new ImportProblemView(p.Line, p.Column, p.Reason))], record.Failure);
    }
}

public sealed record ImportProblemView(long? Line, string? Column, string Reason);
