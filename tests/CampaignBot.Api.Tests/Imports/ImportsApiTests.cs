using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CampaignBot.Api.Tests.Http;
using CampaignBot.App.Imports;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Import;
using CampaignBot.Customers.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Api.Tests.Imports;

/// <summary>POST /api/customers/imports and GET /api/customers/imports/{id} through the real pipeline.</summary>
public sealed class ImportsApiTests
{
    private const string Clean = "customer_id,city,order_count\nK1,Reno,1\nK2,Elko,2\nK3,Ely,3\n";

    [Fact]
    public async Task An_admin_sends_a_csv_gets_202_with_its_location_and_follows_it_to_success()
    {
        await using var factory = new CampaignBotFactory();
        using var ada = factory.ClientFor("ada");

        var accepted = await ada.PostFileAsync("table=customer_360&mode=replace", Clean);
        var started = await accepted.Content.ReadAsStringAsync();
        var import = await factory.FinishedAsync(ada, accepted);

        Assert.Contains("\"status\":\"Running\"", started, StringComparison.Ordinal);
        Assert.Equal((ImportStatus.Succeeded, "customer_360", "replace"), (import.Status, import.Table, import.Mode));
        Assert.Equal((3L, 3L, 0L), (import.RowsRead, import.Accepted, import.Rejected));
        Assert.Equal(("ada", "api", Clean.Length), (import.RequestedBy, import.Channel, (int)import.Bytes));
        Assert.True(import.ElapsedSeconds > 0);
        Assert.Empty(import.Problems);
        Assert.Equal(3, await factory.CustomersAsync());
        Assert.Equal([ServiceLock.FileName], Directory.GetFiles(Path.Combine(factory.DataFolder, "imports")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Gzip_by_content_encoding_or_by_its_bytes_and_parquet_by_its_bytes_import_alike()
    {
        await using var factory = new CampaignBotFactory();
        using var ada = factory.ClientFor("ada");
        var parquet = Path.Combine(factory.DataFolder, "people.parquet");
        await using (var duck = new DuckDbEngine(Path.Combine(factory.DataFolder, "scratch.duckdb")))
        await using (var connection = await duck.OpenAsync())
        {
            await connection.ExecuteAsync(duck, new SqlStatement($"COPY (SELECT 'P' || i AS customer_id, 'Reno' AS city FROM range(5) t(i)) TO '{parquet}' (FORMAT parquet)", []));
        }

        var declared = await factory.FinishedAsync(ada, await ada.PostFileAsync("table=merged_customers&mode=replace", ImportApiKit.Gzip("customer_id,email\nM1,a@example.com\n"), "text/csv", "gzip"));
        var sniffed = await factory.FinishedAsync(ada, await ada.PostFileAsync("table=suppressions&mode=append", ImportApiKit.Gzip("email,channel\nz@example.com,email\n"), "application/octet-stream"));
        var columnar = await factory.FinishedAsync(ada, await ada.PostFileAsync("table=customer_360&mode=replace", await File.ReadAllBytesAsync(parquet), "application/vnd.apache.parquet"));

        Assert.All(new[] { declared, sniffed, columnar }, i => Assert.True(i.Status == ImportStatus.Succeeded, i.Failure));
        Assert.Equal((1L, 5L), (await factory.CustomersAsync(CustomerSchema.MergedCustomers), await factory.CustomersAsync()));
    }

    [Fact]
    public async Task A_bad_file_fails_with_its_problems_by_line_and_column_and_leaves_the_table_as_it_was()
    {
        await using var factory = new CampaignBotFactory();
        using var ada = factory.ClientFor("ada");
        var before = await factory.CustomersAsync();

        var import = await factory.FinishedAsync(ada, await ada.PostFileAsync("table=customer_360&mode=replace",
            "customer_id,city,birthdate\nK1,Reno,1990-01-01\nK2,Elko,01/02/1990\nK1,Ely,\n"));

        Assert.Equal(ImportStatus.Failed, import.Status);
        Assert.Equal((3L, 2L), (import.RowsRead, import.Rejected));
        Assert.Equal(
            [new ImportProblemView(3, "birthdate", "not a date written YYYY-MM-DD"), new ImportProblemView(4, "customer_id", "the same customer_id as line 2")],
            import.Problems);
        Assert.Equal("Nothing was imported: 2 of 3 rows were rejected. Fix them and import the file again.", import.Failure);
        Assert.Equal(before, await factory.CustomersAsync());
    }

    [Theory]
    [InlineData("maya", HttpStatusCode.Forbidden)]
    [InlineData("omar", HttpStatusCode.Forbidden)]
    [InlineData("vic", HttpStatusCode.Forbidden)]
    [InlineData("nora", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task Only_admins_import_or_read_imports(string? user, HttpStatusCode status)
    {
        await using var factory = new CampaignBotFactory();
        using var ada = factory.ClientFor("ada");
        var byAda = await factory.FinishedAsync(ada, await ada.PostFileAsync("table=customer_360", Clean));
        using var client = user is null ? factory.CreateClient() : factory.ClientFor(user);
        var before = await factory.CustomersAsync();

        var post = await client.PostFileAsync("table=customer_360&mode=replace", Clean);
        var get = await client.GetAsync($"/api/customers/imports/{byAda.Id}");

        await post.ProblemAsync(status);
        await get.ProblemAsync(status);
        if (status == HttpStatusCode.Forbidden)
        {
            Assert.Equal($"{factory.Services.GetRequiredService<CampaignBot.App.Users.UserDirectory>().ById(user!)!.Name} does not hold the admin role needed to import customer data.",
                (await (await client.PostFileAsync("table=customer_360", Clean)).ProblemAsync(status)).Detail());
        }

        Assert.Equal(before, await factory.CustomersAsync());
    }

    [Fact]
    public async Task A_second_import_into_a_table_while_one_is_receiving_gets_409_naming_it_and_other_tables_are_free()
    {
        await using var factory = new CampaignBotFactory();
        using var ada = factory.ClientFor("ada");
        var gate = new TaskCompletionSource();
        var slow = new GatedContent("customer_id,city\nK1,Reno\n", "K2,Elko\n", gate.Task);
        var first = ada.PostAsync(new Uri("/api/customers/imports?table=customer_360&mode=replace", UriKind.Relative), slow);
        var store = factory.Services.GetRequiredService<ImportStore>();
        var running = await WaitForAsync(() => store.ActiveFor("customer_360"));

        var second = await ada.PostFileAsync("table=customer_360&mode=upsert", Clean);
        var otherTable = await factory.FinishedAsync(ada, await ada.PostFileAsync("table=merged_customers", "customer_id,email\nM1,a@example.com\n"));
        gate.SetResult();
        var firstDone = await factory.FinishedAsync(ada, await first);

        var conflict = await second.ProblemAsync(HttpStatusCode.Conflict);
        Assert.StartsWith($"Import {running.Id} into customer_360 is still running (started by ada at ", conflict.Detail(), StringComparison.Ordinal);
        Assert.Equal(running.Id, firstDone.Id);
        Assert.Equal((ImportStatus.Succeeded, 2L), (firstDone.Status, firstDone.Accepted));
        Assert.Equal(ImportStatus.Succeeded, otherTable.Status);
        Assert.Equal(2, await factory.CustomersAsync());
    }

    [Fact]
    public async Task An_import_left_running_by_a_process_that_stopped_reads_as_failed_after_a_restart_and_the_table_is_unchanged()
    {
        var folder = Directory.CreateTempSubdirectory("campaignbot-api-").FullName;
        Guid interrupted;
        long customers;
        await using (var before = new CampaignBotFactory(dataFolder: folder))
        {
            customers = await before.CustomersAsync();
            var store = before.Services.GetRequiredService<ImportStore>();
            var now = TimeProvider.System.GetUtcNow();
            var left = new ImportRecord
            {
                Id = Guid.NewGuid(), Table = "customer_360", Mode = "replace", Status = ImportStatus.Running, RequestedBy = "ada", Channel = "api",
                Owner = "a process that was killed", StartedAt = now, Heartbeat = now,
            };
            Assert.Null(store.TryStart(left));
            interrupted = left.Id;
        }

        await using var after = new CampaignBotFactory(dataFolder: folder);
        using var ada = after.ClientFor("ada");

        var import = await (await ada.GetAsync($"/api/customers/imports/{interrupted}")).ReadAsync<ImportView>();
        var next = await after.FinishedAsync(ada, await ada.PostFileAsync("table=customer_360&mode=upsert", Clean));

        Assert.Equal(ImportStatus.Failed, import.Status);
        Assert.StartsWith("Nothing was imported: the import was interrupted when the process running it stopped; customer_360 is as it was.", import.Failure, StringComparison.Ordinal);
        Assert.Equal(ImportStatus.Succeeded, next.Status);
        Assert.Equal(customers + 3, await after.CustomersAsync());
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Files_larger_than_the_apis_json_limit_are_taken_up_to_the_imports_own_limit()
    {
        await using var factory = new CampaignBotFactory(new Dictionary<string, string?> { ["Api:MaxRequestBodyBytes"] = "2048", ["Imports:MaxFileBytes"] = "1048576" });
        using var ada = factory.ClientFor("ada");
        var large = "customer_id,city\n" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"K{i},Reno\n"));
        var tooLarge = large + string.Concat(Enumerable.Range(0, 120_000).Select(i => $"X{i},Reno\n"));

        var taken = await factory.FinishedAsync(ada, await ada.PostFileAsync("table=customer_360&mode=replace", large));
        var refused = await ada.PostFileAsync("table=customer_360&mode=replace", tooLarge);
        var chunked = await ada.PostAsync(new Uri("/api/customers/imports?table=customer_360&mode=replace", UriKind.Relative),
            new GatedContent(tooLarge[..600_000], tooLarge[600_000..], Task.CompletedTask));

        Assert.True(Encoding.UTF8.GetByteCount(large) > 2048);
        Assert.Equal((ImportStatus.Succeeded, 20_000L), (taken.Status, taken.Accepted));
        Assert.Contains("1,048,576", (await refused.ProblemAsync(HttpStatusCode.RequestEntityTooLarge)).Detail(), StringComparison.Ordinal);
        await chunked.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(20_000, await factory.CustomersAsync());
        Assert.Null(factory.Services.GetRequiredService<ImportStore>().ActiveFor("customer_360"));
    }

    [Theory]
    [InlineData("tabel=customer_360", HttpStatusCode.BadRequest, "tabel", "'tabel' is not a query parameter; did you mean 'table'?")]
    [InlineData("mode=replace", HttpStatusCode.UnprocessableEntity, "table", "Say which table to import into: customer_360, merged_customers, suppressions, transactions.")]
    [InlineData("table=customers", HttpStatusCode.UnprocessableEntity, "table", "There is no table 'customers' to import into; did you mean customer_360? The tables are customer_360, merged_customers, suppressions, transactions.")]
    [InlineData("table=orders", HttpStatusCode.UnprocessableEntity, "table", "There is no table 'orders' to import into. The tables are customer_360, merged_customers, suppressions, transactions.")]
    [InlineData("table=customer_360&mode=merge", HttpStatusCode.UnprocessableEntity, "mode", "'merge' is not a mode; use replace, upsert, append (upsert when left out).")]
    [InlineData("table=customer_360&mapping=cust_no", HttpStatusCode.UnprocessableEntity, "mapping", "'cust_no' is not a pair 'file column:table column' (or 'file column:-' to leave it out); separate pairs with commas.")]
    public async Task Wrong_query_parameters_are_refused_before_the_file_is_read(string query, HttpStatusCode status, string path, string message)
    {
        await using var factory = new CampaignBotFactory();
        using var ada = factory.ClientFor("ada");

        var problem = await (await ada.PostFileAsync(query, Clean)).ProblemAsync(status);

        Assert.Equal([message], problem.Errors()[path]);
        Assert.Null(factory.Services.GetRequiredService<ImportStore>().ActiveFor("customer_360"));
    }

    [Fact]
    public async Task An_empty_body_and_an_unreadable_encoding_are_refused()
    {
        await using var factory = new CampaignBotFactory();
        using var ada = factory.ClientFor("ada");

        var empty = await (await ada.PostFileAsync("table=customer_360", [])).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var brotli = await (await ada.PostFileAsync("table=customer_360", Encoding.UTF8.GetBytes(Clean), "text/csv", "br")).ProblemAsync(HttpStatusCode.UnsupportedMediaType);

        Assert.Equal(["The body is empty; send the CSV or Parquet file as the request body."], empty.Errors()["body"]);
        Assert.StartsWith("Send the file as it is, or gzip-compressed", brotli.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_mapping_parameter_names_the_files_other_columns()
    {
        await using var factory = new CampaignBotFactory();
        using var ada = factory.ClientFor("ada");

        var import = await factory.FinishedAsync(ada, await ada.PostFileAsync(
            "table=customer_360&mode=replace&mapping=" + Uri.EscapeDataString("Kunde:customer_id,Ort:city,Notiz:-"), "Kunde,Ort,Notiz\nK1,Bern,x\n"));

        Assert.True(import.Status == ImportStatus.Succeeded, import.Failure);
        Assert.Equal(1, await factory.CustomersAsync());
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> probe)
        where T : class
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        T? found;
        while ((found = probe()) is null)
        {
            await Task.Delay(20, timeout.Token);
        }

        return found;
    }

    /// <summary>A body sent in two parts without a length: the second waits until <paramref name="release"/> completes.</summary>
    private sealed class GatedContent(string first, string second, Task release) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(first));
            await stream.FlushAsync();
            await release;
            await stream.WriteAsync(Encoding.UTF8.GetBytes(second));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
