using CampaignBot.App.Storage;
using CampaignBot.Customers.Import;
using LiteDB;

namespace CampaignBot.App.Imports;

/// <summary>Customer imports in LiteDB: at most one active per table, claimed inside one write.</summary>
public sealed class ImportStore(AppDatabase database, TimeProvider clock)
{
    /// <summary>An active import whose process has not written for this long is taken for dead (its process stopped).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(1);

    private ILiteCollection<ImportRecord> Imports
    {
        get
        {
            var imports = database.Collection<ImportRecord>("customer_imports");
            imports.EnsureIndex(i => i.Table);
            imports.EnsureIndex(i => i.Status);
            return imports;
        }
    }

    public ImportRecord? Get(Guid id) => Imports.FindById(id);

    /// <summary>The import receiving or running for <paramref name="table"/>, if there is one.</summary>
    public ImportRecord? ActiveFor(string table) => Active().FirstOrDefault(a => string.Equals(a.Table, table, StringComparison.OrdinalIgnoreCase));

    /// <summary>Stores <paramref name="import"/> as the table's active import, or returns the one already active.</summary>
    public ImportRecord? TryStart(ImportRecord import)
    {
        ArgumentNullException.ThrowIfNull(import);
        return database.Write(() =>
        {
            var now = clock.GetUtcNow();
            foreach (var active in Active().Where(a => string.Equals(a.Table, import.Table, StringComparison.OrdinalIgnoreCase)))
            {
                if (now - active.Heartbeat < StaleAfter)
                {
                    return active;
                }

                Interrupt(active, now);
            }

            Imports.Insert(import);
            return null;
        });
    }

    /// <summary>Saves progress, unless the import has meanwhile been finished (or given up as interrupted).</summary>
    public void Progress(Guid id, Action<ImportRecord> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        database.Write(() =>
        {
            if (Imports.FindById(id) is { IsActive: true } import)
            {
                change(import);
                import.Heartbeat = clock.GetUtcNow();
                Imports.Update(import);
            }
        });
    }

    public ImportRecord Finish(Guid id, ImportReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return database.Write(() =>
        {
            var import = Imports.FindById(id) ?? throw new InvalidOperationException($"Import {id} is not stored.");
            import.Status = report.Committed ? ImportStatus.Succeeded : ImportStatus.Failed;
            import.FinishedAt = clock.GetUtcNow();
            import.Heartbeat = import.FinishedAt.Value;
            import.RowsRead = report.RowsRead;
            import.Accepted = report.Accepted;
            import.Rejected = report.Rejected;
            import.Problems = [.. report.Problems.Select(p => new ImportProblemRecord { Line = p.Line, Column = p.Column, Reason = p.Reason })];
            import.Failure = report.Failure;
            Imports.Update(import);
            return import;
        });
    }

    /// <summary>Marks every active import of <paramref name="owner"/> (or, with null, of anyone) as interrupted; returns how many.</summary>
    public int InterruptAll(string? owner = null) =>
        database.Write(() =>
        {
            var now = clock.GetUtcNow();
            var interrupted = Active().Where(a => owner is null || a.Owner == owner).ToList();
            interrupted.ForEach(a => Interrupt(a, now));
            return interrupted.Count;
        });

    private List<ImportRecord> Active() =>
        [.. Imports.Find(Query.Or(Query.EQ(nameof(ImportRecord.Status), nameof(ImportStatus.Receiving)), Query.EQ(nameof(ImportRecord.Status), nameof(ImportStatus.Running))))];

    private void Interrupt(ImportRecord import, DateTimeOffset now)
    {
        import.Status = ImportStatus.Failed;
        import.FinishedAt = now;
        import.Failure = $"Nothing was imported: the import was interrupted when the process running it stopped; {import.Table} is as it was. Import the file again.";
        Imports.Update(import);
    }
}
