using System.Data.Common;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Insights;
using CampaignBot.Customers.Schema;
using CampaignBot.Customers.Tests.Audiences;
using CampaignBot.Customers.Tests.Engines;

namespace CampaignBot.Customers.Tests.Insights;

/// <summary>Eight hand-made customers in one DuckDB file, created once and only read.</summary>
public sealed class InsightsCustomers : IAsyncLifetime
{
    private readonly CustomerFile _shop = new();

    public CustomerEngine Engine => _shop.Engine;

    public Task InitializeAsync() => _shop.CreateAsync(
        new("C01", Loyalty: true, LifetimeValue: 100.00m, Status: "active", LastOrder: new DateOnly(2026, 11, 1)),
        new("C02", Loyalty: true, LifetimeValue: 250.50m, Status: "active", LastOrder: new DateOnly(2026, 9, 1)),
        new("C03", Loyalty: true, LifetimeValue: 75.25m, Status: "at risk"),
        new("C04", Loyalty: true, LifetimeValue: 10.00m, Status: null),
        new("C05", Loyalty: false, LifetimeValue: 0.00m, Status: "lapsed"),
        new("C06", Loyalty: false, LifetimeValue: 500.00m, Status: "active"),
        new("C07", Loyalty: false, LifetimeValue: 42.00m, Status: null),
        new("C08", Loyalty: false, LifetimeValue: 19.99m, Status: "cooling down"));

    public Task DisposeAsync() => _shop.DisposeAsync().AsTask();

    internal sealed record Customer(string Id, bool Loyalty, decimal LifetimeValue, string? Status, DateOnly? LastOrder = null);

    /// <summary>A DuckDB file with the customer tables, held open: DuckDB closes and checkpoints a file whenever its last connection closes.</summary>
    internal sealed class CustomerFile : IAsyncDisposable
    {
        private readonly DuckDbFile _file = new();
        private DbConnection? _keepOpen;

        public DuckDbEngine Engine => _file.Engine;

        public async Task CreateAsync(params Customer[] customers)
        {
            _keepOpen = await Engine.OpenAsync();
            await CustomerTables.EnsureCreatedAsync(Engine);
            await using var transaction = await _keepOpen.BeginTransactionAsync();
            foreach (var c in customers)
            {
                await _keepOpen.ExecuteAsync(Engine, new SqlStatement(
                    "INSERT INTO customer_360 (customer_id, loyalty_member, lifetime_value, lifecycle_status, last_order_date) VALUES ($1, $2, $3, $4, $5)",
                    [c.Id, c.Loyalty, c.LifetimeValue, c.Status, c.LastOrder]), transaction);
            }

            await transaction.CommitAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (_keepOpen is not null)
            {
                await _keepOpen.DisposeAsync();
            }

            await _file.DisposeAsync();
        }
    }
}

/// <summary>Segment insights over hand-made customers whose totals are worked out by hand.</summary>
public sealed class SegmentInsightsTests(InsightsCustomers shop) : IClassFixture<InsightsCustomers>
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private SegmentInsightsQuery Query => new(shop.Engine);

    [Fact]
    public async Task Insights_count_the_segment_and_sum_its_lifetime_value()
    {
        var insights = await Query.ComputeAsync(Campaigns.Bind("loyalty_member = true"), Today);

        Assert.Equal(4, insights.Customers);
        Assert.Equal(8, insights.AllCustomers);
        Assert.Equal(435.75m, insights.TotalLifetimeValue);
        Assert.Equal(0.5, insights.ShareOfAllCustomers, precision: 10);
    }

    [Fact]
    public async Task The_average_lifetime_value_is_rounded_to_cents()
    {
        var loyal = await Query.ComputeAsync(Campaigns.Bind("loyalty_member = true"), Today);
        var notLoyal = await Query.ComputeAsync(Campaigns.Bind("loyalty_member = false"), Today);

        Assert.Equal(108.94m, loyal.AverageLifetimeValue); // 435.75 / 4 = 108.9375
        Assert.Equal(140.50m, notLoyal.AverageLifetimeValue); // 561.99 / 4 = 140.4975
    }

    [Fact]
    public async Task The_share_of_all_customers_is_the_segment_over_every_customer()
    {
        var insights = await Query.ComputeAsync(Campaigns.Bind("lifecycle_status = active"), Today);

        Assert.Equal(3, insights.Customers);
        Assert.Equal(3.0 / 8, insights.ShareOfAllCustomers, precision: 10);
    }

    [Fact]
    public async Task The_lifecycle_breakdown_reports_customers_without_a_status_as_unknown()
    {
        var insights = await Query.ComputeAsync(Campaigns.Bind("loyalty_member = true"), Today);

        Assert.Equal(
            [
                new LifecycleShare("active", 2, 350.50m),
                new LifecycleShare("at risk", 1, 75.25m),
                new LifecycleShare(SegmentInsightsQuery.UnknownStatus, 1, 10.00m),
            ],
            insights.ByLifecycleStatus);
    }

    [Fact]
    public async Task The_lifecycle_breakdown_adds_up_to_the_segment()
    {
        var insights = await Query.ComputeAsync(Campaigns.Bind("lifetime_value >= 0"), Today);

        Assert.Equal(["active", "at risk", "cooling down", "lapsed", "unknown"], insights.ByLifecycleStatus.Select(s => s.Status).Order(StringComparer.Ordinal));
        Assert.Equal(insights.Customers, insights.ByLifecycleStatus.Sum(s => s.Customers));
        Assert.Equal(insights.TotalLifetimeValue, insights.ByLifecycleStatus.Sum(s => s.TotalLifetimeValue));
        Assert.Equal(new LifecycleShare("active", 3, 850.50m), insights.ByLifecycleStatus[0]);
        Assert.Equal(new LifecycleShare("unknown", 2, 52.00m), insights.ByLifecycleStatus[1]);
    }

    [Fact]
    public async Task An_empty_segment_gives_zeros_and_no_breakdown()
    {
        var insights = await Query.ComputeAsync(Campaigns.Bind("lifetime_value > 100000"), Today);

        Assert.Equal(0, insights.Customers);
        Assert.Equal(8, insights.AllCustomers);
        Assert.Equal(0m, insights.TotalLifetimeValue);
        Assert.Equal(0m, insights.AverageLifetimeValue);
        Assert.Equal(0, insights.ShareOfAllCustomers);
        Assert.Empty(insights.ByLifecycleStatus);
    }

    [Fact]
    public async Task With_no_customers_at_all_every_figure_is_zero()
    {
        await using var empty = new InsightsCustomers.CustomerFile();
        await empty.CreateAsync();

        var insights = await new SegmentInsightsQuery(empty.Engine).ComputeAsync(Campaigns.Bind("loyalty_member = true"), Today);

        Assert.Equal(0, insights.Customers);
        Assert.Equal(0, insights.AllCustomers);
        Assert.Equal(0m, insights.TotalLifetimeValue);
        Assert.Equal(0m, insights.AverageLifetimeValue);
        Assert.Equal(0, insights.ShareOfAllCustomers);
        Assert.Empty(insights.ByLifecycleStatus);
    }

    [Fact]
    public async Task Relative_dates_count_back_from_the_given_today()
    {
        var recent = Campaigns.Bind("last_order_date in last 30 days");

        Assert.Equal(100.00m, (await Query.ComputeAsync(recent, Today)).TotalLifetimeValue);
        Assert.Equal(250.50m, (await Query.ComputeAsync(recent, new DateOnly(2026, 9, 15))).TotalLifetimeValue);
    }
}
