using CampaignBot.Core.Audiences;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.DemoData;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Results;
using CampaignBot.Customers.Schema;
using CampaignBot.Customers.Tests.Audiences;
using CampaignBot.Customers.Tests.Engines;

namespace CampaignBot.Customers.Tests.Results;

/// <summary>
/// The send history holds each (run, group, destination) once however often it is written, and the count a write
/// returns is what the table holds, whether the engine reports the rows it inserted (DuckDB, PostgreSQL) or is asked.
/// </summary>
public sealed class SendHistoryTests
{
    [Fact]
    public async Task A_repeated_write_replaces_the_first_and_each_returns_the_rows_stored_in_DuckDB()
    {
        await using var duck = new DuckDbFile();
        await SendHistoryChecks.RecordsOnceAsync(duck.Engine);
    }

    [Fact]
    public async Task A_repeated_write_replaces_the_first_and_each_returns_the_rows_stored_in_PostgreSQL()
    {
        await using var postgres = await PostgresDatabase.CreateAsync();
        await SendHistoryChecks.RecordsOnceAsync(postgres.Engine);
    }
}

/// <summary>The same on the two-shard ClickHouse cluster, which reports no inserted rows: the write counts them.</summary>
public sealed class ClickHouseSendHistoryTests
{
    [Fact]
    public async Task A_repeated_write_replaces_the_first_and_each_returns_the_rows_stored_in_ClickHouse()
    {
        await using var clickHouse = await ClickHouseDatabase.CreateAsync();
        await SendHistoryChecks.RecordsOnceAsync(clickHouse.Engine);
    }
}

internal static class SendHistoryChecks
{
    private static readonly DateOnly AsOf = new(2026, 11, 23);
    private static readonly DateTimeOffset SentAt = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static async Task RecordsOnceAsync(CustomerEngine engine)
    {
        await new DemoDataGenerator(engine).GenerateAsync(3_000, AsOf);
        var request = Campaigns.SpringSale(AsOf);
        var tally = await new AudienceBuilder(engine).CountAsync(request);
        var history = new SendHistory(engine);
        var slots = new[] { GroupSlot.Control(0), new GroupSlot(0, 0), new GroupSlot(1, 1) };
        foreach (var slot in slots)
        {
            var record = Record(slot);
            Assert.True(tally.Count(slot) > 0, $"{slot} is empty");

            // The first attempt skips the delete; a retried or resumed one deletes what the first left.
            Assert.Equal(tally.Count(slot), await history.RecordAsync(record, request, slot, firstAttempt: true));
            Assert.Equal(tally.Count(slot), await history.RecordAsync(record, request, slot, firstAttempt: false));
            Assert.Equal((tally.Count(slot), tally.Count(slot)), await StoredAsync(engine, record));
        }

        Assert.Equal(slots.Sum(tally.Count), (await StoredAsync(engine, null)).Rows);
    }

    private static SendRecord Record(GroupSlot slot) => slot.IsControl
        ? new SendRecord(Campaigns.SpringSaleId, "run-1", $"Sub-audience {slot.SubAudience}", "Control", true, null, null, SentAt)
        : new SendRecord(Campaigns.SpringSaleId, "run-1", $"Sub-audience {slot.SubAudience}", $"Group {slot.Group}", false, "email", "outbox", SentAt);

    // Rows and distinct customers the history holds for the record's group (for the run when null).
    private static async Task<(long Rows, long Customers)> StoredAsync(CustomerEngine engine, SendRecord? record)
    {
        var sql = new SqlBuilder(engine).Sql($"SELECT count(*), count(DISTINCT customer_id) FROM {engine.Tables.From(CustomerSchema.CampaignSendList)} s WHERE s.run_id = ").Value("run-1");
        if (record is not null)
        {
            sql.Sql(" AND s.group_name = ").Value(record.GroupName).Sql(" AND s.sub_audience = ").Value(record.SubAudience);
        }

        await using var connection = await engine.OpenAsync();
        await using var command = connection.CreateCommand(engine, sql.Build());
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
    }
}
