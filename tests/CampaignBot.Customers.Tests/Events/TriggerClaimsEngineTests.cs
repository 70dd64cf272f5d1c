using CampaignBot.Core.Triggers;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Events;
using CampaignBot.Customers.Tests.Engines;
using Microsoft.Extensions.Time.Testing;

namespace CampaignBot.Customers.Tests.Events;

/// <summary>The events table and the claims ledger answer alike in DuckDB, PostgreSQL and on a ClickHouse cluster.</summary>
public sealed class TriggerClaimsEngineTests
{
    private static readonly DateTimeOffset Live = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DuckDb_stores_each_event_id_once_and_a_campaign_takes_each_matching_event_once_again_only_after_an_abandoned_pass()
    {
        await using var duck = new DuckDbFile();
        await ScenarioAsync(duck.Engine);
    }

    [Fact]
    public async Task Postgres_stores_each_event_id_once_and_a_campaign_takes_each_matching_event_once_again_only_after_an_abandoned_pass()
    {
        await using var postgres = await PostgresDatabase.CreateAsync();
        await ScenarioAsync(postgres.Engine);
    }

    [Fact]
    public async Task ClickHouse_stores_each_event_id_once_and_a_campaign_takes_each_matching_event_once_again_only_after_an_abandoned_pass()
    {
        await using var clickHouse = await ClickHouseDatabase.CreateAsync();
        await ScenarioAsync(clickHouse.Engine);
    }

    [Fact]
    public async Task DuckDb_keeps_a_unique_index_on_the_event_id()
    {
        await using var duck = new DuckDbFile();
        var engine = duck.Engine;
        await new EventStore(engine, new FakeTimeProvider(Live)).AppendAsync([Order("e1", "C1", "{}")]);
        await using var connection = await engine.OpenAsync();
        var indexes = await PlanAsync(connection, engine, $"SELECT sql FROM duckdb_indexes() WHERE table_name = '{EventSchema.Events}' AND is_unique");
        Assert.Contains(indexes, d => d.Contains("(event_id)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Postgres_keeps_a_unique_index_on_the_event_id()
    {
        await using var postgres = await PostgresDatabase.CreateAsync();
        var engine = postgres.Engine;
        await new EventStore(engine, new FakeTimeProvider(Live)).AppendAsync([Order("e1", "C1", "{}")]);
        await using var connection = await engine.OpenAsync();
        var indexes = await PlanAsync(connection, engine, $"SELECT indexdef FROM pg_indexes WHERE tablename = '{EventSchema.Events}' AND indexdef LIKE 'CREATE UNIQUE%'");
        Assert.Contains(indexes, d => d.Contains("(event_id)", StringComparison.Ordinal));
    }

    private static async Task<List<string>> PlanAsync(System.Data.Common.DbConnection connection, CustomerEngine engine, string sql)
    {
        await using var command = connection.CreateCommand(engine, new SqlBuilder(engine).Sql(sql).Build(), null);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                lines.Add(reader.GetValue(i)?.ToString() ?? "");
            }
        }

        return lines;
    }

    private static async Task ScenarioAsync(CustomerEngine engine)
    {
        var store = new EventStore(engine, new FakeTimeProvider(Live.AddMinutes(5)));
        var claims = new TriggerClaims(engine);
        CustomerEvent[] events =
        [
            Order("e1", "C1", """{"amount": 120, "channel": "web"}"""),
            Order("e2", "C2", """{"amount": 80, "channel": "web"}"""),
            Order("e3", "C3", """{"amount": "150"}"""),
            new("e4", "C4", "signup", Live.AddMinutes(1), """{"amount": 500}"""),
            Order("e5", "C5", """{"amount": 100.5, "channel": "store"}"""),
            Order("e0", "C6", """{"amount": 999}""", Live.AddMinutes(-1)),
            Order("e6", "C7", "{}"),
        ];
        Assert.Equal(new EventsAppended(7, 0), await store.AppendAsync(events));
        Assert.Equal(new EventsAppended(1, 2), await store.AppendAsync([events[0], events[1], Order("e7", "C8", """{"amount": 101}""")]));
        // One id twice in a batch is one event.
        Assert.Equal(new EventsAppended(1, 1), await store.AppendAsync([Order("e9", "C9", "{}", Live.AddMinutes(-2)), Order("e9", "C9", "{}", Live.AddMinutes(-2))]));

        var bigOrders = new CampaignTrigger("order", PropertyFilterText.Parse("amount > 100", out _));
        Assert.True(await claims.AnyWaitingAsync("A", bigOrders, Live, []));
        // e1, e5 and e7: a text "150" is not a number, e0 came before the campaign went live, e4 is a sign-up.
        Assert.Equal(3, await claims.ClaimAsync("A", "run-1", bigOrders, Live, Live.AddMinutes(6), []));
        Assert.Equal(3, await claims.ClaimAsync("A", "run-1", bigOrders, Live, Live.AddMinutes(6), []));
        Assert.Equal(0, await claims.ClaimAsync("A", "run-2", bigOrders, Live, Live.AddMinutes(7), []));
        Assert.False(await claims.AnyWaitingAsync("A", bigOrders, Live, []));

        var webOrders = new CampaignTrigger("order", PropertyFilterText.Parse("channel = 'web'", out _));
        Assert.Equal(2, await claims.ClaimAsync("B", "run-3", webOrders, Live, Live.AddMinutes(7), []));
        Assert.Equal(6, await claims.ClaimAsync("C", "run-4", new CampaignTrigger("order", null), Live, Live.AddMinutes(7), []));
        Assert.Equal(1, await claims.ClaimAsync("D", "run-5", new CampaignTrigger("order", PropertyFilterText.Parse("amount = '150'", out _)), Live, Live.AddMinutes(7), []));

        await store.AppendAsync([Order("e8", "C1", """{"amount": 300}""")]);
        Assert.True(await claims.AnyWaitingAsync("A", bigOrders, Live, []));
        Assert.Equal(1, await claims.ClaimAsync("A", "run-2", bigOrders, Live, Live.AddMinutes(8), []));

        // run-1 ended before counting its audience, so it sent nothing: its events wait again and go to one later pass only.
        Assert.False(await claims.AnyWaitingAsync("A", bigOrders, Live, []));
        Assert.True(await claims.AnyWaitingAsync("A", bigOrders, Live, ["run-1"]));
        Assert.Equal(3, await claims.ClaimAsync("A", "run-6", bigOrders, Live, Live.AddMinutes(9), ["run-1"]));
        Assert.Equal(3, await claims.ClaimAsync("A", "run-6", bigOrders, Live, Live.AddMinutes(9), ["run-1"]));
        Assert.Equal(0, await claims.ClaimAsync("A", "run-7", bigOrders, Live, Live.AddMinutes(10), ["run-1"]));
        Assert.False(await claims.AnyWaitingAsync("A", bigOrders, Live, ["run-1"]));
    }

    private static CustomerEvent Order(string id, string customer, string properties, DateTimeOffset? at = null) =>
        new(id, customer, "order", at ?? Live.AddMinutes(1), properties);
}
