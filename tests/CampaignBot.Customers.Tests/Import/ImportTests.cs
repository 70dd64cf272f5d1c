using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Import;
using CampaignBot.Customers.Schema;
using CampaignBot.Customers.Tests.Engines;

namespace CampaignBot.Customers.Tests.Import;

public sealed class ImportTests : IAsyncLifetime
{
    private readonly DuckDbFile _duck = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("campaignbot-import-").FullName;

    private CustomerImporter Importer => new(_duck.Engine);

    public Task InitializeAsync() => CustomerTables.EnsureCreatedAsync(_duck.Engine);

    public async Task DisposeAsync()
    {
        await _duck.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_clean_csv_imports_every_row_with_its_types()
    {
        var file = Csv("""
            customer_id,email,lifetime_value,birthdate,loyalty_member,order_count,churn_risk,lifecycle_status
            C1,ada@example.com,120.50,1990-04-01,true,3,0.25,active
            C2,bob@example.com,0,,no,0,,At Risk
            """);

        var report = await Importer.ImportAsync(file, CustomerSchema.Customer360);

        Assert.True(report.Committed, report.Failure);
        Assert.Equal((2L, 2L, 0L), (report.RowsRead, report.Imported, report.Rejected));
        Assert.Equal(
            ["C1|ada@example.com|120.50|1990-04-01|True|3|0.25|active", "C2|bob@example.com|0.00|∅|False|0|∅|at risk"],
            await RowsAsync("customer_id, email, lifetime_value, birthdate, loyalty_member, order_count, churn_risk, lifecycle_status"));
    }

    [Fact]
    public async Task Bad_rows_are_reported_by_line_and_reason_and_nothing_is_imported()
    {
        var file = Csv("""
            customer_id,lifetime_value,birthdate,lifecycle_status
            C1,10,1990-01-01,active
            C2,ten dollars,1990-01-01,active
            ,5,1990-01-01,active
            C4,5,31/01/1990,sleeping
            C5,5
            C1,7,1991-01-01,lapsed
            """);

        var report = await Importer.ImportAsync(file, CustomerSchema.Customer360);

        Assert.False(report.Committed);
        Assert.Equal(0, report.Imported);
        Assert.Equal(5, report.Rejected);
        Assert.Equal(
            [
                new RejectedRow(3, "lifetime_value is 'ten dollars', which is not an amount such as 199.95"),
                new RejectedRow(4, "customer_id is empty"),
                new RejectedRow(5, "birthdate is not a date written YYYY-MM-DD; lifecycle_status is 'sleeping'; use active, cooling down, at risk, lapsed"),
                new RejectedRow(6, "it has 2 fields; the header has 4"),
                new RejectedRow(7, "the same customer_id already appears on line 2"),
            ],
            report.Rejections);
        Assert.Equal("Nothing was imported: 5 of 6 rows were rejected. Fix them, or import with invalid rows skipped.", report.Failure);
        Assert.Empty(await RowsAsync("customer_id"));
    }

    [Fact]
    public async Task One_bad_row_of_one_is_reported_in_the_singular()
    {
        var file = Csv("""
            customer_id,order_count
            C1
            """);

        var report = await Importer.ImportAsync(file, CustomerSchema.Customer360);

        Assert.Equal([new RejectedRow(2, "it has 1 field; the header has 2")], report.Rejections);
        Assert.Equal("Nothing was imported: 1 of 1 row was rejected. Fix it, or import with invalid rows skipped.", report.Failure);
    }

    [Fact]
    public async Task Skipping_invalid_rows_imports_the_good_ones_and_reports_the_rest()
    {
        var file = Csv("""
            customer_id,order_count
            C1,1
            C2,many
            C3,3
            """);

        var report = await Importer.ImportAsync(file, CustomerSchema.Customer360, new ImportOptions { SkipInvalidRows = true });

        Assert.True(report.Committed);
        Assert.Equal((3L, 2L, 1L), (report.RowsRead, report.Imported, report.Rejected));
        Assert.Equal(3, Assert.Single(report.Rejections).Line);
        Assert.Equal(["C1|1", "C3|3"], await RowsAsync("customer_id, order_count"));
    }

    [Fact]
    public async Task Importing_a_customer_again_replaces_the_earlier_row()
    {
        await Importer.ImportAsync(Csv("customer_id,city\nC1,Seattle\nC2,Boston\n"), CustomerSchema.Customer360);

        var report = await Importer.ImportAsync(Csv("customer_id,city\nC1,Portland\n"), CustomerSchema.Customer360);

        Assert.True(report.Committed);
        Assert.Equal(["C1|Portland", "C2|Boston"], await RowsAsync("customer_id, city"));
    }

    [Fact]
    public async Task Line_numbers_count_lines_inside_quoted_fields()
    {
        var file = Csv("customer_id,city,order_count\nC1,\"New\nYork\",1\nC2,Boston,x\n");

        var report = await Importer.ImportAsync(file, CustomerSchema.Customer360);

        Assert.Equal(4, Assert.Single(report.Rejections).Line);
    }

    [Theory]
    [InlineData("customer_id,favourite_colour\nC1,red\n", "The header has columns customer_360 does not: 'favourite_colour'.")]
    [InlineData("email,city\na@b.c,Seattle\n", "The header has no customer_id column; every row needs one.")]
    [InlineData("customer_id,city,City\nC1,a,b\n", "The header names city twice.")]
    public async Task A_header_that_does_not_fit_the_table_fails_before_reading_rows(string content, string failure)
    {
        var report = await Importer.ImportAsync(Csv(content), CustomerSchema.Customer360);

        Assert.False(report.Committed);
        Assert.StartsWith(failure, report.Failure);
        Assert.Equal(0, report.RowsRead);
    }

    [Fact]
    public async Task Malformed_quoting_fails_the_whole_import()
    {
        await Importer.ImportAsync(Csv("customer_id,city\nC0,Denver\n"), CustomerSchema.Customer360);

        var report = await Importer.ImportAsync(Csv("customer_id,city\nC1,Seattle\nC2,\"Bos\"ton\nC3,Austin\n"), CustomerSchema.Customer360);

        Assert.False(report.Committed);
        Assert.StartsWith("Nothing was imported", report.Failure);
        Assert.Equal(["C0|Denver"], await RowsAsync("customer_id, city"));
    }

    [Theory]
    [InlineData("customers.xlsx", "customers.xlsx is not a CSV or Parquet file with a header row.")]
    [InlineData("missing.csv", "There is no file at missing.csv.")]
    public async Task Files_that_cannot_be_read_are_refused_clearly(string name, string failure)
    {
        var path = Path.Combine(_folder, name);
        if (name.EndsWith(".xlsx", StringComparison.Ordinal))
        {
            await File.WriteAllTextAsync(path, "not a spreadsheet");
        }

        var report = await Importer.ImportAsync(path, CustomerSchema.Customer360);

        Assert.Equal(failure, report.Failure);
    }

    [Fact]
    public async Task Parquet_files_import_with_row_numbers_for_rejections()
    {
        var path = Path.Combine(_folder, "customers.parquet");
        await using (var connection = await _duck.Engine.OpenAsync())
        {
            await connection.ExecuteAsync(_duck.Engine, new SqlStatement(
                $"COPY (SELECT * FROM (VALUES ('P1', 'a@example.com', 12.5::DECIMAL(18,2), DATE '2026-01-02'), ('P2', 'b@example.com', -1, NULL), ('P3', NULL, 3, DATE '2025-12-31')) t(customer_id, email, lifetime_value, last_order_date)) TO '{path}' (FORMAT parquet)", []));
        }

        var report = await Importer.ImportAsync(path, CustomerSchema.Customer360);

        Assert.True(report.Committed, report.Failure);
        Assert.Equal(3, report.Imported);
        Assert.Equal(["P1|a@example.com|12.50|2026-01-02", "P2|b@example.com|-1.00|∅", "P3|∅|3.00|2025-12-31"], await RowsAsync("customer_id, email, lifetime_value, last_order_date"));
    }

    [Fact]
    public async Task A_parquet_date_past_what_dotnet_holds_rejects_its_row_instead_of_failing_the_import()
    {
        var path = Path.Combine(_folder, "far-future.parquet");
        await using (var connection = await _duck.Engine.OpenAsync())
        {
            await connection.ExecuteAsync(_duck.Engine, new SqlStatement(
                $"COPY (SELECT * FROM (VALUES ('F1', DATE '2026-01-02'), ('F2', DATE '12000-01-01')) t(customer_id, last_order_date)) TO '{path}' (FORMAT parquet)", []));
        }

        var report = await Importer.ImportAsync(path, CustomerSchema.Customer360, new ImportOptions { SkipInvalidRows = true });

        Assert.True(report.Committed, report.Failure);
        Assert.Equal(1, report.Imported);
        Assert.Equal([new RejectedRow(2, "last_order_date holds a value out of range")], report.Rejections);
    }

    [Fact]
    public async Task Merged_customers_import_into_their_own_table()
    {
        var report = await Importer.ImportAsync(Csv("customer_id,email,phone\nC1,ada@example.com,+12065550100\n"), CustomerSchema.MergedCustomers);

        Assert.True(report.Committed, report.Failure);
        Assert.Equal(1, await CustomerTables.CountAsync(_duck.Engine, CustomerSchema.MergedCustomers));
        Assert.Equal(0, await CustomerTables.CountAsync(_duck.Engine, CustomerSchema.Customer360));
    }

    [Fact]
    public async Task PostgreSQL_imports_the_same_way()
    {
        await using var postgres = await PostgresDatabase.CreateAsync();
        await CustomerTables.EnsureCreatedAsync(postgres.Engine);
        var importer = new CustomerImporter(postgres.Engine);

        var failed = await importer.ImportAsync(Csv("customer_id,order_count\nC1,1\nC2,x\n"), CustomerSchema.Customer360);
        var imported = await importer.ImportAsync(Csv("customer_id,order_count,birthdate\nC1,1,1980-02-29\nC2,2,\n"), CustomerSchema.Customer360);

        Assert.False(failed.Committed);
        Assert.True(imported.Committed, imported.Failure);
        Assert.Equal(2, await CustomerTables.CountAsync(postgres.Engine, CustomerSchema.Customer360));
    }

    [Fact]
    public async Task A_nul_character_is_a_rejected_row_not_a_crash()
    {
        var report = await Importer.ImportAsync(Csv("customer_id,city\nC1,Sea\0ttle\n"), CustomerSchema.Customer360);

        Assert.False(report.Committed);
        Assert.Equal(new RejectedRow(2, "city contains a NUL character"), Assert.Single(report.Rejections));
    }

    [Fact]
    public async Task Concurrent_imports_of_the_same_customers_never_duplicate_them()
    {
        var files = Enumerable.Range(0, 8).Select(i => Csv($"customer_id,order_count\nC1,{i}\nC2,{i}\n")).ToList();

        var reports = await Task.WhenAll(files.Select(f => Importer.ImportAsync(f, CustomerSchema.Customer360)));

        Assert.All(reports, r => Assert.True(r.Committed, r.Failure));
        Assert.Equal(2, await CustomerTables.CountAsync(_duck.Engine, CustomerSchema.Customer360));
    }

    private string Csv(string content)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        return path;
    }

    private async Task<List<string>> RowsAsync(string columns)
    {
        await using var connection = await _duck.Engine.OpenAsync();
        await using var command = connection.CreateCommand(_duck.Engine, new SqlStatement($"SELECT {columns} FROM customer_360 ORDER BY customer_id", []));
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : Text(reader.GetValue(i)))));
        }

        return rows;
    }

    private static string Text(object value) => value switch
    {
        DateTime date => DateOnly.FromDateTime(date).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        decimal money => money.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
