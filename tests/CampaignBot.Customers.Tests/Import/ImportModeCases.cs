using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Import;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Tests.Import;

/// <summary>
/// Each table imported in each mode over the same stored rows, with what the table must hold afterwards; the same
/// cases run on DuckDB, PostgreSQL and ClickHouse.
/// </summary>
internal static class ImportModeCases
{
    public static TheoryData<string, string> All()
    {
        var data = new TheoryData<string, string>();
        foreach (var table in new[] { "customer_360", "merged_customers", "suppressions", "transactions" })
        {
            foreach (var mode in ImportModes.Names)
            {
                data.Add(table, mode);
            }
        }

        return data;
    }

    public static async Task RunAsync(CustomerEngine engine, ImportFiles files, string table, string mode)
    {
        var @case = Cases[table];
        Assert.True(ImportModes.TryParse(mode, out var importMode));
        var target = ImportTarget.Find(table)!;
        var importer = new CustomerImporter(engine);
        await CustomerTables.EnsureCreatedAsync(engine);
        var seeded = await importer.ImportAsync(files.Csv(@case.Stored), ImportFiles.Into(target, ImportMode.Replace));
        Assert.True(seeded.Committed, seeded.Failure);

        var report = await importer.ImportAsync(files.Csv(@case.File), ImportFiles.Into(target, importMode));

        var rows = await ImportFiles.RowsAsync(engine, table, @case.Columns);
        Assert.False(await ImportFiles.TableExistsAsync(engine, CustomerImporter.LoadingTable(table)));
        if (importMode == ImportMode.Append)
        {
            // Both files hold an entry already stored: appending refuses the file and leaves the table as it was.
            Assert.False(report.Committed);
            Assert.Equal(@case.AppendProblem, Assert.Single(report.Problems));
            Assert.Equal(@case.StoredRows, rows);
            var added = await importer.ImportAsync(files.Csv(@case.NewOnly), ImportFiles.Into(target, ImportMode.Append));
            Assert.True(added.Committed, added.Failure);
            Assert.Equal(@case.Appended, await ImportFiles.RowsAsync(engine, table, @case.Columns));
            return;
        }

        Assert.True(report.Committed, report.Failure);
        Assert.Equal(importMode == ImportMode.Replace ? @case.Replaced : @case.Upserted, rows);
    }

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["customer_360"] = new Case(
            Columns: "customer_id, city, order_count",
            Stored: "customer_id,city,order_count\nC1,Seattle,1\nC2,Boston,2\n",
            StoredRows: ["C1|Seattle|1", "C2|Boston|2"],
            File: "customer_id,city\nC2,Austin\nC3,Denver\n",
            Replaced: ["C2|Austin|∅", "C3|Denver|∅"],
            Upserted: ["C1|Seattle|1", "C2|Austin|2", "C3|Denver|∅"],
            AppendProblem: new ImportProblem(2, "customer_id", "customer_360 already holds this customer_id; import with mode upsert to update it"),
            NewOnly: "customer_id,city\nC3,Denver\n",
            Appended: ["C1|Seattle|1", "C2|Boston|2", "C3|Denver|∅"]),
        ["merged_customers"] = new Case(
            Columns: "customer_id, email, given_name",
            Stored: "customer_id,email,given_name\nC1,ada@example.com,Ada\nC2,bob@example.com,Bob\n",
            StoredRows: ["C1|ada@example.com|Ada", "C2|bob@example.com|Bob"],
            File: "customer_id,email\nC2,robert@example.com\nC3,cy@example.com\n",
            Replaced: ["C2|robert@example.com|∅", "C3|cy@example.com|∅"],
            Upserted: ["C1|ada@example.com|Ada", "C2|robert@example.com|Bob", "C3|cy@example.com|∅"],
            AppendProblem: new ImportProblem(2, "customer_id", "merged_customers already holds this customer_id; import with mode upsert to update it"),
            NewOnly: "customer_id,email\nC3,cy@example.com\n",
            Appended: ["C1|ada@example.com|Ada", "C2|bob@example.com|Bob", "C3|cy@example.com|∅"]),
        ["suppressions"] = new Case(
            Columns: "customer_id, email, channel, reason",
            Stored: "customer_id,email,channel,reason\nC1,,all,opt-out\n,a@example.com,email,list\n",
            StoredRows: ["C1|∅|all|opt-out", "∅|a@example.com|email|list"],
            File: "customer_id,email,channel,reason\n,A@example.com,Email,complaint\nC9,,SMS,opt-out\n",
            Replaced: ["C9|∅|sms|opt-out", "∅|A@example.com|email|complaint"],
            Upserted: ["C1|∅|all|opt-out", "C9|∅|sms|opt-out", "∅|a@example.com|email|complaint"],
            AppendProblem: new ImportProblem(2, null, "suppressions already holds this customer_id, email and channel; import with mode upsert to update it"),
            NewOnly: "email,channel\nb@example.com,email\n",
            Appended: ["C1|∅|all|opt-out", "∅|a@example.com|email|list", "∅|b@example.com|email|∅"]),

        // Orders are kept by order id, not by customer: the file moves O2 from C2 to C8, which the two-shard
        // ClickHouse cluster keeps on the other shard (cityHash64), and an upsert still finds it there.
        ["transactions"] = new Case(
            Columns: "order_id, customer_id, ordered_at, amount, channel",
            Stored: "order_id,customer_id,ordered_at,amount,channel\nO1,C1,2026-11-01T10:00:00Z,10.00,web\nO2,C2,2026-11-02 09:30,20.00,store\n",
            StoredRows: ["O1|C1|2026-11-01|10.00|web", "O2|C2|2026-11-02|20.00|store"],
            File: "customer_id,order_id,ordered_at,amount\nC8,O2,2026-11-03T23:30:00-03:00,25.50\nC3,O3,2026-11-04,30\n",
            Replaced: ["O2|C8|2026-11-04|25.50|∅", "O3|C3|2026-11-04|30.00|∅"],
            Upserted: ["O1|C1|2026-11-01|10.00|web", "O2|C8|2026-11-04|25.50|store", "O3|C3|2026-11-04|30.00|∅"],
            AppendProblem: new ImportProblem(2, "order_id", "transactions already holds this order_id; import with mode upsert to update it"),
            NewOnly: "customer_id,order_id,ordered_at,amount\nC3,O3,2026-11-04 12:00,30\n",
            Appended: ["O1|C1|2026-11-01|10.00|web", "O2|C2|2026-11-02|20.00|store", "O3|C3|2026-11-04|30.00|∅"]),
    };

    private sealed record Case(
        string Columns, string Stored, List<string> StoredRows, string File, List<string> Replaced, List<string> Upserted,
        ImportProblem AppendProblem, string NewOnly, List<string> Appended);
}
