using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using CampaignBot.Core.Text;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Import;

/// <summary>
/// Imports a CSV (plain or gzip) or Parquet file into customer_360, merged_customers, suppressions or transactions, all or nothing.
/// The file is streamed once into a loading table beside the target, every row checked on the way; then the whole
/// file is checked in the engine (keys listed twice, and when appending, keys already stored); only when nothing is
/// wrong do the rows become the table's (<see cref="ImportApply"/>). A failed import leaves the table as it was.
/// </summary>
public sealed class CustomerImporter(CustomerEngine engine)
{
    // One import per table at a time in this process: two loads would share the loading table.
    private static readonly ConditionalWeakTable<CustomerEngine, ConcurrentDictionary<string, SemaphoreSlim>> Gates = new();

    /// <summary>The table a file is loaded into before it becomes <paramref name="table"/>'s rows.</summary>
    public static string LoadingTable(string table) => table + "_import";

    public async Task<ImportReport> ImportAsync(string path, ImportRequest request, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = request.Target;
        if (engine.Tables.MappingOf(target.Name) is { } mapped)
        {
            return ImportReport.Failed(MappedRefusal(mapped));
        }

        var (source, problem) = await ImportFile.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        if (source is null)
        {
            return ImportReport.Failed($"Nothing was imported: {problem!.Reason}.", [problem]);
        }

        await using (source.ConfigureAwait(false))
        {
            var headerProblems = new List<ImportProblem>();
            var mapping = ImportMapping.From(source.Header, target, request.ColumnNames, source.Separator, headerProblems);
            if (mapping is null)
            {
                return ImportReport.Failed($"Nothing was imported: the header does not fit {target.Name} ({Counted.Of(headerProblems.Count, "problem")}).", headerProblems);
            }

            var gate = Gates.GetValue(engine, _ => new()).GetOrAdd(target.Name, _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await ImportRowsAsync(path, source, mapping, request.Mode, progress, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    /// <summary>Why nothing is imported into a table read from the user's own (see <c>Customers:Tables</c>).</summary>
    public static string MappedRefusal(MappedTable mapped)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        return $"{mapped.Table.Name} is mapped onto {mapped.Source} (Customers:Tables), which CampaignBot reads in place and never writes to. " +
            $"Load the rows into {mapped.Source} yourself, or remove the mapping to import into CampaignBot's own {mapped.Table.Name}.";
    }

    private async Task<ImportReport> ImportRowsAsync(
        string path, SourceRows source, ImportMapping mapping, ImportMode mode, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var target = mapping.Target;
        var loaded = LoadingTable(target.Name);
        await CustomerTables.EnsureCreatedAsync(engine, cancellationToken).ConfigureAwait(false);
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);

        // A loading table left by an import that died with its process is dropped first.
        await engine.DropTableAsync(connection, loaded, cancellationToken: cancellationToken).ConfigureAwait(false);
        await engine.CreateTableAsync(connection, CustomerTables.ShapeOf(target.Table, loaded), cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            var problems = new ImportProblems();
            await ImportLoad.RunAsync(engine, connection, loaded, source, mapping, problems, progress, cancellationToken).ConfigureAwait(false);
            if (problems.Fatal is { } fatal)
            {
                return Failed(problems, $"Nothing was imported: after {Counted.Of(problems.RowsRead, "row")}, {fatal}.");
            }

            progress?.Report(new ImportProgress(ImportPhase.Checking, problems.RowsRead, problems.Rejected, 1));
            var checks = new ImportChecks(engine, target, loaded);
            await CheckWholeFileAsync(connection, path, mapping, mode, checks, problems, cancellationToken).ConfigureAwait(false);
            if (problems.Rejected > 0)
            {
                var rejected = problems.Rejected;
                return Failed(problems, $"Nothing was imported: {rejected:N0} of {Counted.Of(problems.RowsRead, "row")} {(rejected == 1 ? "was" : "were")} rejected. Fix {(rejected == 1 ? "it" : "them")} and import the file again.");
            }

            progress?.Report(new ImportProgress(ImportPhase.Applying, problems.RowsRead, 0, 1));
            await new ImportApply(engine, target, loaded, checks).ApplyAsync(connection, mode, mapping.Provided, cancellationToken).ConfigureAwait(false);
            return new ImportReport(true, problems.RowsRead, problems.RowsRead, 0, [], null);
        }
        finally
        {
            await DropQuietlyAsync(connection, loaded).ConfigureAwait(false);
        }
    }

    private static async Task CheckWholeFileAsync(
        DbConnection connection, string path, ImportMapping mapping, ImportMode mode, ImportChecks checks, ImportProblems problems, CancellationToken cancellationToken)
    {
        var (duplicated, extra) = await checks.DuplicatesAsync(connection, cancellationToken).ConfigureAwait(false);
        problems.RejectRows(extra);
        IReadOnlyList<string> stored = [];
        if (mode == ImportMode.Append)
        {
            (stored, var storedRows) = await checks.AlreadyStoredAsync(connection, cancellationToken).ConfigureAwait(false);
            problems.RejectRows(storedRows);
        }

        if (duplicated.Count > 0 || stored.Count > 0)
        {
            await LineFinder.ListAsync(path, mapping, duplicated.ToHashSet(StringComparer.Ordinal), stored.ToHashSet(StringComparer.Ordinal), problems, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private static ImportReport Failed(ImportProblems problems, string failure) =>
        ImportReport.Failed(failure, problems.Listed, problems.RowsRead, Math.Min(problems.Rejected, problems.RowsRead));

    // The loading table goes whatever happened; on a broken connection it stays until the next import of the table drops it.
    private async Task DropQuietlyAsync(DbConnection connection, string table)
    {
        try
        {
            await engine.DropTableAsync(connection, table, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
        catch (DbException)
        {
            // Not this import's outcome: the caller reports that, and the next import drops the table first.
        }
    }
}
