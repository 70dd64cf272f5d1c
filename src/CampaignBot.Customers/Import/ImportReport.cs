namespace CampaignBot.Customers.Import;

/// <summary>Why one row (or the file) was refused. Never holds the value itself, which may be personal data.</summary>
/// <param name="Line">The file's line (CSV, the header is line 1) or row number (Parquet); null for the file as a whole.</param>
/// <param name="Column">The file's column name, when one column is at fault.</param>
public sealed record ImportProblem(long? Line, string? Column, string Reason)
{
    public override string ToString() =>
        (Line, Column) switch
        {
            (null, null) => Reason,
            (null, { } column) => $"column {column}: {Reason}",
            ({ } line, null) => $"line {line}: {Reason}",
            ({ } line, { } column) => $"line {line}, column {column}: {Reason}",
        };
}

/// <summary>What an import did. Nothing in the table changed unless <see cref="Committed"/>.</summary>
/// <param name="Accepted">Rows that passed every check; they are in the table only when <see cref="Committed"/>.</param>
/// <param name="Rejected">Rows refused, each for at least one of <see cref="Problems"/> (which lists at most <see cref="MaxListedProblems"/>).</param>
public sealed record ImportReport(bool Committed, long RowsRead, long Accepted, long Rejected, IReadOnlyList<ImportProblem> Problems, string? Failure)
{
    public const int MaxListedProblems = 100;

    public static ImportReport Failed(string failure, IReadOnlyList<ImportProblem>? problems = null, long rowsRead = 0, long rejected = 0) =>
        new(false, rowsRead, rowsRead - rejected, rejected, problems ?? [], failure);
}

/// <summary>Where an import is, for progress bars and status pages.</summary>
/// <param name="Fraction">How much of the file has been read, 0 to 1, when its size is known.</param>
public sealed record ImportProgress(ImportPhase Phase, long RowsRead, long Rejected, double? Fraction);

public enum ImportPhase
{
    Reading,
    Checking,
    Applying,
}
