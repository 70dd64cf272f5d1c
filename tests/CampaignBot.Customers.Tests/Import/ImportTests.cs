using System.Text;
using CampaignBot.Customers.Import;
using CampaignBot.Customers.Schema;
using CampaignBot.Customers.Tests.Engines;

namespace CampaignBot.Customers.Tests.Import;

public sealed class ImportTests : IAsyncLifetime
{
    private readonly DuckDbFile _duck = new();
    private readonly ImportFiles _files = new();

    private CustomerImporter Importer => new(_duck.Engine);

    public Task InitializeAsync() => CustomerTables.EnsureCreatedAsync(_duck.Engine);

    public async Task DisposeAsync()
    {
        await _duck.DisposeAsync();
        _files.Dispose();
    }

    [Fact]
    public async Task A_clean_csv_imports_every_row_with_its_types()
    {
        var file = _files.Csv("""
            customer_id,email,lifetime_value,birthdate,loyalty_member,order_count,churn_risk,lifecycle_status
            C1,ada@example.com,120.50,1990-04-01,true,3,0.25,active
            C2,bob@example.com,0,,no,0,,At Risk
            """);

        var report = await Importer.ImportAsync(file, ImportFiles.Into(ImportTarget.Customer360));

        Assert.True(report.Committed, report.Failure);
        Assert.Equal((2L, 2L, 0L), (report.RowsRead, report.Accepted, report.Rejected));
        Assert.Equal(
            ["C1|ada@example.com|120.50|1990-04-01|true|3|0.25|active", "C2|bob@example.com|0.00|∅|false|0|∅|at risk"],
            await RowsAsync("customer_id, email, lifetime_value, birthdate, loyalty_member, order_count, churn_risk, lifecycle_status"));
        Assert.False(await ImportFiles.TableExistsAsync(_duck.Engine, CustomerImporter.LoadingTable("customer_360")));
    }

    [Fact]
    public async Task Bad_rows_are_reported_by_line_column_and_reason_and_nothing_is_imported()
    {
        await Importer.ImportAsync(_files.Csv("customer_id,city\nC0,Denver\n"), ImportFiles.Into(ImportTarget.Customer360));
        var file = _files.Csv("""
            customer_id,lifetime_value,birthdate,lifecycle_status
            C1,10,1990-01-01,active
            C2,ten dollars,1990-01-01,active
            ,5,1990-01-01,active
            C4,5,31/01/1990,sleeping
            C5,5
            C1,7,1991-01-01,lapsed
            """);

        var report = await Importer.ImportAsync(file, ImportFiles.Into(ImportTarget.Customer360));

        Assert.False(report.Committed);
        Assert.Equal((6L, 5L), (report.RowsRead, report.Rejected));
        Assert.Equal(
            [
                new ImportProblem(3, "lifetime_value", "not an amount such as 199.95"),
                new ImportProblem(4, "customer_id", "empty; every row of customer_360 needs a customer_id"),
                new ImportProblem(5, "birthdate", "not a date written YYYY-MM-DD"),
                new ImportProblem(5, "lifecycle_status", "not one of active, cooling down, at risk, lapsed"),
                new ImportProblem(6, null, "has 2 fields; the header has 4"),
                new ImportProblem(7, "customer_id", "the same customer_id as line 2"),
            ],
            report.Problems);
        Assert.Equal("Nothing was imported: 5 of 6 rows were rejected. Fix them and import the file again.", report.Failure);
        Assert.Equal(["C0|Denver"], await RowsAsync("customer_id, city"));
    }

    [Fact]
    public async Task Problems_never_repeat_the_values_they_are_about()
    {
        var file = _files.Csv("""
            customer_id,email,order_count,lifecycle_status,churn_risk,city
            SECRET-1,not-an-address-7781,eleventy,asleep-4471,1.7,Zzyzx
            SECRET-1,ada@example.com,1,active,0.5,Zzyzx
            """);

        var report = await Importer.ImportAsync(file, ImportFiles.Into(ImportTarget.Customer360));

        Assert.NotEmpty(report.Problems);
        var text = string.Join("\n", report.Problems) + report.Failure;
        Assert.All(new[] { "SECRET-1", "eleventy", "asleep-4471", "1.7", "Zzyzx" }, value => Assert.DoesNotContain(value, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Line_numbers_count_lines_inside_quoted_fields()
    {
        var report = await Importer.ImportAsync(_files.Csv("customer_id,city,order_count\nC1,\"New\nYork\",1\nC2,Boston,x\n"), ImportFiles.Into(ImportTarget.Customer360));

        Assert.Equal(new ImportProblem(4, "order_count", "not a whole number"), Assert.Single(report.Problems));
    }

    [Theory]
    [InlineData("customer_id,favourite_category\nC1,red\n", "favourite_category",
        "customer_360 has no column 'favourite_category'; did you mean favorite_category? Name its column in the import's column names (favourite_category:column), or leave it out (favourite_category:-)")]
    [InlineData("customer_id,shoe_size\nC1,42\n", "shoe_size",
        "customer_360 has no column 'shoe_size'. Name its column in the import's column names (shoe_size:column), or leave it out (shoe_size:-)")]
    [InlineData("email,city\na@b.c,Seattle\n", null, "there is no customer_id column; every row of customer_360 needs one")]
    [InlineData("customer_id,city,City\nC1,a,b\n", "City", "'city' already fills city; name one of them otherwise, or leave it out (City:-)")]
    [InlineData("customer_id:email:city\nC1:a@b.c:Reno\n", "customer_id:email:city",
        "the header reads as one column: CampaignBot separates fields with a comma, semicolon, tab or |, and found none of them between the names. Save the file with one of them")]
    public async Task A_header_that_does_not_fit_the_table_fails_before_any_row_is_read(string content, string? column, string reason)
    {
        var report = await Importer.ImportAsync(_files.Csv(content), ImportFiles.Into(ImportTarget.Customer360));

        Assert.False(report.Committed);
        Assert.Contains(new ImportProblem(1, column, reason), report.Problems);
        Assert.StartsWith("Nothing was imported: the header does not fit customer_360", report.Failure);
        Assert.Equal(0, report.RowsRead);
    }

    [Fact]
    public async Task Rows_separated_otherwise_than_the_header_say_so()
    {
        var report = await Importer.ImportAsync(_files.Csv("customer_id,city,state\nC1;Reno;NV\n"), ImportFiles.Into(ImportTarget.Customer360));

        Assert.Equal(
            new ImportProblem(2, null, "has 1 field; the header has 3 (the header separates fields with commas; is this line separated by something else?)"),
            Assert.Single(report.Problems));
    }

    [Fact]
    public async Task Semicolon_and_tab_separated_files_import_like_comma_separated_ones()
    {
        var semicolons = await Importer.ImportAsync(_files.Csv("customer_id;city\nC1;Reno\n"), ImportFiles.Into(ImportTarget.Customer360));
        var tabs = await Importer.ImportAsync(_files.Csv("customer_id\tcity\nC2\tElko\n"), ImportFiles.Into(ImportTarget.Customer360));

        Assert.True(semicolons.Committed && tabs.Committed, semicolons.Failure ?? tabs.Failure);
        Assert.Equal(["C1|Reno", "C2|Elko"], await RowsAsync("customer_id, city"));
    }

    [Fact]
    public async Task A_byte_that_is_not_utf8_fails_the_import_at_its_line()
    {
        await Importer.ImportAsync(_files.Csv("customer_id,city\nC0,Denver\n"), ImportFiles.Into(ImportTarget.Customer360));
        var latin1 = Encoding.Latin1.GetBytes("customer_id,city\nC1,Seattle\nC2,Zürich\nC3,Reno\n");

        var report = await Importer.ImportAsync(_files.Bytes(latin1), ImportFiles.Into(ImportTarget.Customer360));

        Assert.False(report.Committed);
        Assert.Equal(3, Assert.Single(report.Problems).Line);
        Assert.Contains("not valid UTF-8 text; save the file as UTF-8", report.Failure, StringComparison.Ordinal);
        Assert.Equal(["C0|Denver"], await RowsAsync("customer_id, city"));
    }

    [Fact]
    public async Task Utf8_split_across_reads_and_a_byte_order_mark_are_read_as_text()
    {
        var names = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"C{i},Zürich–Ĳssel 東京 🎉\n"));
        var file = _files.Bytes([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("customer_id,city\n" + names)]);

        var report = await Importer.ImportAsync(file, ImportFiles.Into(ImportTarget.Customer360));

        Assert.True(report.Committed, report.Failure);
        Assert.Equal(20_000, report.Accepted);
        Assert.Equal("C19999|Zürich–Ĳssel 東京 🎉", (await RowsAsync("customer_id, city")).Single(r => r.StartsWith("C19999|", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Malformed_quoting_fails_the_whole_import()
    {
        await Importer.ImportAsync(_files.Csv("customer_id,city\nC0,Denver\n"), ImportFiles.Into(ImportTarget.Customer360));

        var report = await Importer.ImportAsync(_files.Csv("customer_id,city\nC1,Seattle\nC2,\"Bos\"ton\nC3,Austin\n"), ImportFiles.Into(ImportTarget.Customer360));

        Assert.False(report.Committed);
        Assert.StartsWith("Nothing was imported: after", report.Failure);
        Assert.Equal(3, report.Problems[0].Line);
        Assert.Equal(["C0|Denver"], await RowsAsync("customer_id, city"));
    }

    [Theory]
    [InlineData("PK\u0003\u0004not really a workbook", "the file is a ZIP archive (an Excel workbook?); export it as CSV UTF-8 or Parquet")]
    [InlineData("", "the file is empty")]
    [InlineData("\uFEFFcustomer_id,city\n", "the file is UTF-16 text; save it as UTF-8 (in Excel: CSV UTF-8)")]
    public async Task Files_that_are_not_csv_or_parquet_are_refused_clearly(string content, string reason)
    {
        var bytes = content.StartsWith('\uFEFF') ? Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(content[1..])).ToArray() : Encoding.UTF8.GetBytes(content);

        var report = await Importer.ImportAsync(_files.Bytes(bytes, ".csv"), ImportFiles.Into(ImportTarget.Customer360));

        Assert.Equal(new ImportProblem(null, null, reason), Assert.Single(report.Problems));
        Assert.Equal($"Nothing was imported: {reason}.", report.Failure);
    }

    [Fact]
    public async Task A_missing_file_is_refused_clearly()
    {
        var report = await Importer.ImportAsync("/nowhere/customers.csv", ImportFiles.Into(ImportTarget.Customer360));

        Assert.Equal("Nothing was imported: there is no file at /nowhere/customers.csv.", report.Failure);
    }

    [Fact]
    public async Task Gzip_compressed_csv_imports_whatever_its_name()
    {
        var report = await Importer.ImportAsync(_files.Gzip("customer_id,city\nC1,Reno\nC2,Elko\n", ".csv"), ImportFiles.Into(ImportTarget.Customer360));

        Assert.True(report.Committed, report.Failure);
        Assert.Equal(["C1|Reno", "C2|Elko"], await RowsAsync("customer_id, city"));
    }

    [Fact]
    public async Task Damaged_gzip_fails_the_import_and_changes_nothing()
    {
        await Importer.ImportAsync(_files.Csv("customer_id,city\nC0,Denver\n"), ImportFiles.Into(ImportTarget.Customer360));
        var whole = await File.ReadAllBytesAsync(_files.Gzip(string.Concat(Enumerable.Range(0, 5000).Select(i => $"C{i},City{i}\n")).Insert(0, "customer_id,city\n")));

        var report = await Importer.ImportAsync(_files.Bytes(whole[..(whole.Length / 2)]), ImportFiles.Into(ImportTarget.Customer360));

        Assert.False(report.Committed);
        Assert.Contains("the gzip data is damaged or cut short", report.Failure, StringComparison.Ordinal);
        Assert.Equal(["C0|Denver"], await RowsAsync("customer_id, city"));
    }

    [Fact]
    public async Task Parquet_files_import_with_row_numbers_for_problems()
    {
        var good = await _files.ParquetAsync("SELECT * FROM (VALUES ('P1', 'a@example.com', 12.5::DECIMAL(18,2), DATE '2026-01-02'), ('P2', 'b@example.com', -1, NULL), ('P3', NULL, 3, DATE '2025-12-31')) t(customer_id, email, lifetime_value, last_order_date)");
        var bad = await _files.ParquetAsync("SELECT * FROM (VALUES ('F1', DATE '2026-01-02'), ('F2', DATE '12000-01-01')) t(customer_id, last_order_date)");

        var imported = await Importer.ImportAsync(good, ImportFiles.Into(ImportTarget.Customer360));
        var refused = await Importer.ImportAsync(bad, ImportFiles.Into(ImportTarget.Customer360));

        Assert.True(imported.Committed, imported.Failure);
        Assert.Equal(["P1|a@example.com|12.50|2026-01-02", "P2|b@example.com|-1.00|∅", "P3|∅|3.00|2025-12-31"], await RowsAsync("customer_id, email, lifetime_value, last_order_date"));
        Assert.Equal(new ImportProblem(2, "last_order_date", "holds a value out of range"), Assert.Single(refused.Problems));
    }

    [Fact]
    public async Task Column_names_map_other_headers_and_leave_columns_out()
    {
        var file = _files.Csv("Kundennummer,Stadt,Notiz\nK1,Bern,call back\n");
        var names = new Dictionary<string, string> { ["Kundennummer"] = "customer_id", ["stadt"] = "city", ["Notiz"] = ImportRequest.SkipColumn };

        var report = await Importer.ImportAsync(file, ImportFiles.Into(ImportTarget.Customer360, columnNames: names));

        Assert.True(report.Committed, report.Failure);
        Assert.Equal(["K1|Bern"], await RowsAsync("customer_id, city"));
    }

    [Fact]
    public async Task Column_names_that_do_not_fit_the_header_or_the_table_are_named()
    {
        var names = new Dictionary<string, string> { ["cust"] = "customer_id", ["town"] = "cty" };

        var report = await Importer.ImportAsync(_files.Csv("customer_id,town\nC1,Reno\n"), ImportFiles.Into(ImportTarget.Customer360, columnNames: names));

        Assert.Equal(
            [
                new ImportProblem(1, "cust", "the column names given for the import mention 'cust', which the header does not have; it has 'customer_id', 'town'"),
                new ImportProblem(1, "town", "the column names given for the import map 'town' to 'cty', and customer_360 has no such column; did you mean city?"),
            ],
            report.Problems);
    }

    [Fact]
    public async Task A_nul_character_is_a_rejected_row_not_a_crash()
    {
        var report = await Importer.ImportAsync(_files.Csv("customer_id,city\nC1,Sea\0ttle\n"), ImportFiles.Into(ImportTarget.Customer360));

        Assert.False(report.Committed);
        Assert.Equal(new ImportProblem(2, "city", "contains a NUL character"), Assert.Single(report.Problems));
    }

    [Fact]
    public async Task A_table_mapped_onto_the_users_own_is_never_imported_into()
    {
        var mapped = new Engine.DuckDbEngine(Path.Combine(Path.GetTempPath(), $"campaignbot-mapped-{Guid.NewGuid():N}.duckdb"))
        {
            Tables = new CustomerTableSources([MappedTable.OnTable(CustomerSchema.Customer360, "crm.customers_v")]),
        };
        await using (mapped)
        {
            var report = await new CustomerImporter(mapped).ImportAsync(_files.Csv("customer_id\nC1\n"), ImportFiles.Into(ImportTarget.Customer360));

            Assert.False(report.Committed);
            Assert.StartsWith("customer_360 is mapped onto crm.customers_v (Customers:Tables), which CampaignBot reads in place and never writes to.", report.Failure);
        }

        File.Delete(mapped.DataSource);
    }

    [Fact]
    public async Task Concurrent_imports_of_the_same_customers_never_duplicate_them()
    {
        var files = Enumerable.Range(0, 8).Select(i => _files.Csv($"customer_id,order_count\nC1,{i}\nC2,{i}\n")).ToList();

        var reports = await Task.WhenAll(files.Select(f => Importer.ImportAsync(f, ImportFiles.Into(ImportTarget.Customer360))));

        Assert.All(reports, r => Assert.True(r.Committed, r.Failure));
        Assert.Equal(2, await CustomerTables.CountAsync(_duck.Engine, CustomerSchema.Customer360));
    }

    [Fact]
    public async Task Progress_is_reported_while_reading_and_through_each_phase()
    {
        var phases = new List<ImportPhase>();
        var progress = new SynchronousProgress(p => phases.Add(p.Phase));
        var file = _files.Csv("customer_id\n" + string.Concat(Enumerable.Range(0, 70_000).Select(i => $"C{i}\n")));

        var report = await Importer.ImportAsync(file, ImportFiles.Into(ImportTarget.Customer360, ImportMode.Replace), progress);

        Assert.True(report.Committed, report.Failure);
        Assert.Equal([ImportPhase.Reading, ImportPhase.Checking, ImportPhase.Applying], phases.Distinct());
    }

    private Task<List<string>> RowsAsync(string columns) => ImportFiles.RowsAsync(_duck.Engine, "customer_360", columns);

    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        private readonly Lock _gate = new();

        public void Report(ImportProgress value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}
