namespace CampaignBot.Customers.Import;

/// <summary>
/// The problems of one import: every rejected row counted, the first <see cref="ImportReport.MaxListedProblems"/>
/// kept, and a fatal one (the file cannot be read on) that ends the reading.
/// </summary>
internal sealed class ImportProblems
{
    private readonly List<ImportProblem> _listed = [];
    private long _lastRejectedLine = -1;

    public long RowsRead { get; set; }

    public long Rejected { get; private set; }

    /// <summary>The file stopped being readable here; nothing after it was read.</summary>
    public ImportProblem? Fatal { get; private set; }

    public bool IsFull => _listed.Count >= ImportReport.MaxListedProblems;

    public IReadOnlyList<ImportProblem> Listed =>
        [.. _listed.OrderBy(p => p.Line ?? long.MaxValue).ThenBy(p => p.Column, StringComparer.Ordinal).Take(ImportReport.MaxListedProblems)];

    /// <summary>A problem of the row on <see cref="ImportProblem.Line"/>; a row with several problems is rejected once.</summary>
    public void Reject(ImportProblem problem)
    {
        if (problem.Line != _lastRejectedLine || problem.Line is null)
        {
            Rejected++;
            _lastRejectedLine = problem.Line ?? -1;
        }

        List(problem);
    }

    /// <summary>Rows refused by a check over the whole file (duplicates), counted by the check and listed later.</summary>
    public void RejectRows(long count) => Rejected += count;

    public void List(ImportProblem problem)
    {
        if (!IsFull)
        {
            _listed.Add(problem);
        }
    }

    public void Stop(ImportProblem fatal)
    {
        Fatal = fatal;
        List(fatal);
    }
}
