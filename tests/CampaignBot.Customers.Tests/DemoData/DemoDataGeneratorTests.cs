using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using CampaignBot.Customers.DemoData;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;
using CampaignBot.Customers.Segments;
using CampaignBot.Customers.Tests.Engines;

namespace CampaignBot.Customers.Tests.DemoData;

/// <summary>20,000 demo customers generated once and read into memory; the tests only look.</summary>
public sealed class TwentyThousandDemoCustomers : IAsyncLifetime
{
    public const int Count = 20_000;
    public static readonly DateOnly AsOf = new(2026, 11, 23);

    private readonly DuckDbFile _db = new();
    private DbConnection? _keepOpen;

    public IReadOnlyList<DemoCustomer> Customers { get; private set; } = [];

    public IReadOnlyList<(string CustomerId, string? Email)> Merged { get; private set; } = [];

    public IReadOnlyList<(string? CustomerId, string? Email, string Channel)> Suppressions { get; private set; } = [];

    public async Task InitializeAsync()
    {
        _keepOpen = await _db.Engine.OpenAsync();
        await new DemoDataGenerator(_db.Engine).GenerateAsync(Count, AsOf);
        var connection = _keepOpen;
        Customers = await DemoDataGeneratorTests.QueryAsync(_db.Engine, connection,
            "SELECT customer_id, email, phone, email_opt_in, lifecycle_status, lifetime_value FROM customer_360",
            r => new DemoCustomer(r.GetString(0), Text(r, 1), Text(r, 2), r.GetBoolean(3), Text(r, 4), r.GetDecimal(5)));
        Merged = await DemoDataGeneratorTests.QueryAsync(_db.Engine, connection, "SELECT customer_id, email FROM merged_customers", r => (r.GetString(0), Text(r, 1)));
        Suppressions = await DemoDataGeneratorTests.QueryAsync(_db.Engine, connection, "SELECT customer_id, email, channel FROM suppressions", r => (Text(r, 0), Text(r, 1), r.GetString(2)));
    }

    public async Task DisposeAsync()
    {
        if (_keepOpen is not null)
        {
            await _keepOpen.DisposeAsync();
        }

        await _db.DisposeAsync();
    }

    private static string? Text(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
}

public sealed record DemoCustomer(string Id, string? Email, string? Phone, bool EmailOptIn, string? Status, decimal LifetimeValue);

/// <summary>The demo data is deterministic per seed and skewed like real customer data.</summary>
public sealed partial class DemoDataGeneratorTests(TwentyThousandDemoCustomers demo) : IClassFixture<TwentyThousandDemoCustomers>
{
    // Tests hold a connection open on each file: DuckDB closes and checkpoints a file whenever its last connection closes.
    private const int Small = 500;
    private static readonly DateOnly AsOf = TwentyThousandDemoCustomers.AsOf;

    [Fact]
    public async Task The_same_seed_generates_identical_rows()
    {
        await using var first = new DuckDbFile();
        await using var firstOpen = await first.Engine.OpenAsync();
        await using var second = new DuckDbFile();
        await using var secondOpen = await second.Engine.OpenAsync();
        await new DemoDataGenerator(first.Engine).GenerateAsync(Small, AsOf, "same seed");
        await new DemoDataGenerator(second.Engine).GenerateAsync(Small, AsOf, "same seed");

        foreach (var table in new[] { CustomerSchema.Customer360.Name, CustomerSchema.MergedCustomers.Name, CustomerSchema.Suppressions })
        {
            var rows = await RowsAsync(first.Engine, table);
            Assert.NotEmpty(rows);
            Assert.Equal(rows, await RowsAsync(second.Engine, table));
        }
    }

    [Fact]
    public async Task A_different_seed_generates_different_customers_with_the_same_ids()
    {
        await using var db = new DuckDbFile();
        await using var dbOpen = await db.Engine.OpenAsync();
        var generator = new DemoDataGenerator(db.Engine);

        await generator.GenerateAsync(Small, AsOf, "one seed");
        var one = await RowsAsync(db.Engine, CustomerSchema.Customer360.Name);
        await generator.GenerateAsync(Small, AsOf, "another seed");
        var other = await RowsAsync(db.Engine, CustomerSchema.Customer360.Name);

        Assert.Equal(one.Select(Id), other.Select(Id));
        Assert.True(one.Zip(other).Count(p => p.First == p.Second) < Small / 100, "Most customers should differ between seeds.");
    }

    [Fact]
    public async Task Exactly_the_requested_number_of_customers_is_generated()
    {
        await using var db = new DuckDbFile();
        await using var dbOpen = await db.Engine.OpenAsync();
        var generator = new DemoDataGenerator(db.Engine);

        foreach (var customers in new[] { 1_234, 1, 0 })
        {
            await generator.GenerateAsync(customers, AsOf);

            Assert.Equal(customers, await CustomerTables.CountAsync(db.Engine, CustomerSchema.Customer360));
            Assert.Equal(customers, await CustomerTables.CountAsync(db.Engine, CustomerSchema.MergedCustomers));
        }
    }

    [Fact]
    public void Customer_ids_are_unique_and_are_C_followed_by_eight_digits()
    {
        Assert.All(demo.Customers, c => Assert.Matches(CustomerId(), c.Id));
        Assert.Equal(TwentyThousandDemoCustomers.Count, demo.Customers.Select(c => c.Id).Distinct().Count());
        Assert.Contains(demo.Customers, c => c.Id == "C00000001");
        Assert.Contains(demo.Customers, c => c.Id == "C00020000");
    }

    [Fact]
    public void About_three_percent_of_emails_are_missing_and_three_percent_malformed()
    {
        Assert.InRange(Share(c => c.Email is null), 0.02, 0.04);
        Assert.InRange(Share(c => c.Email is not null && !WellFormedEmail().IsMatch(c.Email)), 0.02, 0.04);
    }

    [Fact]
    public void A_few_percent_of_phones_are_missing_or_malformed_and_the_rest_are_e164()
    {
        Assert.InRange(Share(c => c.Phone is null), 0.02, 0.06);
        Assert.InRange(Share(c => c.Phone is not null && !E164Phone().IsMatch(c.Phone)), 0.01, 0.05);
        Assert.InRange(Share(c => c.Phone is not null && E164Phone().IsMatch(c.Phone)), 0.90, 0.96);
    }

    [Fact]
    public void About_a_fifth_of_customers_opt_out_of_email()
    {
        Assert.InRange(Share(c => !c.EmailOptIn), 0.17, 0.23);
    }

    [Fact]
    public void Every_lifecycle_status_occurs_and_no_other()
    {
        var statuses = demo.Customers.GroupBy(c => c.Status).ToDictionary(g => g.Key ?? "(null)", g => g.Count());

        Assert.Equal(CustomerSchema.LifecycleStatuses.Order(StringComparer.Ordinal), statuses.Keys.Order(StringComparer.Ordinal));
        Assert.All(statuses, s => Assert.True(s.Value >= TwentyThousandDemoCustomers.Count / 100, $"Only {s.Value} customers are {s.Key}."));
    }

    [Fact]
    public void Lifetime_value_is_long_tailed()
    {
        var values = demo.Customers.Select(c => c.LifetimeValue).Order().ToList();
        var median = values[values.Count / 2];

        Assert.True(values[0] >= 0, $"The smallest lifetime value is {values[0]}.");
        Assert.True(median > 0, "Most customers have ordered.");
        Assert.True(values[^1] > 20 * median, $"Max {values[^1]} should dwarf the median {median}.");
        Assert.True(values.Average() > median, "A long right tail pulls the mean above the median.");
    }

    [Fact]
    public void Merged_customers_keep_well_formed_emails_lower_cased_and_drop_malformed_ones()
    {
        var source = demo.Customers.ToDictionary(c => c.Id);

        Assert.Equal(source.Keys.Order(StringComparer.Ordinal), demo.Merged.Select(m => m.CustomerId).Order(StringComparer.Ordinal));
        Assert.All(demo.Merged.Where(m => m.Email is not null), m => Assert.Matches(WellFormedEmail(), m.Email!));
        Assert.All(demo.Merged, m =>
        {
            var email = source[m.CustomerId].Email;
            Assert.Equal(email is not null && WellFormedEmail().IsMatch(email) ? email.Trim().ToLowerInvariant() : null, m.Email);
        });
    }

    [Fact]
    public void About_one_percent_of_customers_are_suppressed_for_all_channels_by_id()
    {
        var ids = demo.Customers.Select(c => c.Id).ToHashSet();
        var all = demo.Suppressions.Where(s => s.Channel == CustomerSchema.AllChannels).ToList();

        Assert.InRange((double)all.Count / TwentyThousandDemoCustomers.Count, 0.008, 0.012);
        Assert.All(all, s => Assert.Contains(s.CustomerId!, ids));
        Assert.All(all, s => Assert.Null(s.Email));
    }

    [Fact]
    public void Some_email_addresses_are_suppressed_for_email_by_address()
    {
        var emails = demo.Customers.Where(c => c.Email is not null).Select(c => c.Email!).ToHashSet();
        var byAddress = demo.Suppressions.Where(s => s.Channel == "email").ToList();

        Assert.InRange((double)byAddress.Count / TwentyThousandDemoCustomers.Count, 0.002, 0.01);
        Assert.All(byAddress, s => Assert.Null(s.CustomerId));
        Assert.All(byAddress, s => Assert.Contains(s.Email!, emails));
        Assert.Equal(demo.Suppressions.Count, demo.Suppressions.Count(s => s.Channel is "all" or "email"));
    }

    [Fact]
    public async Task Seeding_generates_on_first_start_and_never_again()
    {
        await using var db = new DuckDbFile();
        await using var dbOpen = await db.Engine.OpenAsync();
        var generator = new DemoDataGenerator(db.Engine);

        Assert.True(await generator.SeedIfEmptyAsync(300, AsOf));
        var seeded = await RowsAsync(db.Engine, CustomerSchema.Customer360.Name);
        Assert.False(await generator.SeedIfEmptyAsync(100, AsOf.AddDays(30)));

        Assert.Equal(300, seeded.Count);
        Assert.Equal(seeded, await RowsAsync(db.Engine, CustomerSchema.Customer360.Name));
    }

    [Fact]
    public async Task Seeding_leaves_existing_customers_alone()
    {
        await using var db = new DuckDbFile();
        await using var dbOpen = await db.Engine.OpenAsync();
        await CustomerTables.EnsureCreatedAsync(db.Engine);
        await using (var connection = await db.Engine.OpenAsync())
        {
            await connection.ExecuteAsync(db.Engine, "INSERT INTO customer_360 (customer_id, email) VALUES ('X1', 'own@example.com')");
        }

        Assert.False(await new DemoDataGenerator(db.Engine).SeedIfEmptyAsync(300, AsOf));
        Assert.Equal(1, await CustomerTables.CountAsync(db.Engine, CustomerSchema.Customer360));
        Assert.Equal(0, await CustomerTables.CountAsync(db.Engine, CustomerSchema.MergedCustomers));
    }

    [Fact]
    public async Task Generating_again_replaces_all_previous_data()
    {
        await using var replaced = new DuckDbFile();
        await using var replacedOpen = await replaced.Engine.OpenAsync();
        await using var fresh = new DuckDbFile();
        await using var freshOpen = await fresh.Engine.OpenAsync();
        await new DemoDataGenerator(replaced.Engine).GenerateAsync(1_000, AsOf, "first");
        await new DemoDataGenerator(replaced.Engine).GenerateAsync(400, AsOf, "second");
        await new DemoDataGenerator(fresh.Engine).GenerateAsync(400, AsOf, "second");

        foreach (var table in new[] { CustomerSchema.Customer360.Name, CustomerSchema.MergedCustomers.Name, CustomerSchema.Suppressions })
        {
            Assert.Equal(await RowsAsync(fresh.Engine, table), await RowsAsync(replaced.Engine, table));
        }
    }

    [Fact]
    public void Every_demo_segment_parses_and_binds_to_customer_360()
    {
        var definitions = DemoSegments.Definitions().ToList();

        Assert.Equal(DemoSegments.All.Count, definitions.Count);
        Assert.All(definitions, d => Assert.True(SegmentBinder.Bind(d.Filter).IsValid, d.Name));
    }

    internal static async Task<List<T>> QueryAsync<T>(CustomerEngine engine, DbConnection connection, string sql, Func<DbDataReader, T> read)
    {
        await using var command = connection.CreateCommand(engine, new SqlStatement(sql, []));
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Every column of every row as text, in a stable order, so two tables compare as lists.</summary>
    private static async Task<List<string>> RowsAsync(CustomerEngine engine, string table)
    {
        await using var connection = await engine.OpenAsync();
        var rows = await QueryAsync(engine, connection, $"SELECT * FROM {table}", r => string.Join('|',
            Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture))));
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static string Id(string row) => row[..row.IndexOf('|', StringComparison.Ordinal)];

    private double Share(Func<DemoCustomer, bool> predicate) => (double)demo.Customers.Count(predicate) / demo.Customers.Count;

    [GeneratedRegex(@"^C[0-9]{8}$")]
    private static partial Regex CustomerId();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex WellFormedEmail();

    [GeneratedRegex(@"^\+1[2-9][0-9]{2}[2-9][0-9]{6}$")]
    private static partial Regex E164Phone();
}
