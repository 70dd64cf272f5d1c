using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Events;

/// <summary>
/// Appends events to the <c>events</c> table, once per event id: ids already stored are left out, so a sender that
/// retries a batch (it timed out, the answer was lost) stores nothing twice. In DuckDB and PostgreSQL a unique index on
/// event_id decides, by a lookup per id (INSERT … ON CONFLICT DO NOTHING), under a process-wide lock (DuckDB has one
/// writer process) and, on PostgreSQL, a table lock inside the transaction. ClickHouse has no unique index: the batch's
/// ids are looked up first, and two instances may both store one; a duplicate row there is harmless, since a pass
/// takes each event id once (<see cref="TriggerClaims"/>).
/// </summary>
public sealed class EventStore(CustomerEngine engine, TimeProvider clock)
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    private volatile bool _created;

    public async Task<EventsAppended> AppendAsync(IReadOnlyList<CustomerEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return new EventsAppended(0, 0);
        }

        if (!_created)
        {
            await EventSchema.EnsureAsync(engine, cancellationToken).ConfigureAwait(false);
            _created = true;
        }

        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await engine.BeginTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
            if (transaction is not null && engine.ExclusiveLock(EventSchema.Events) is { } lockTable)
            {
                await connection.ExecuteAsync(engine, lockTable, transaction, cancellationToken).ConfigureAwait(false);
            }

            // An id twice in one batch is one event, as an id sent again later is.
            var batch = events.DistinctBy(e => e.EventId, StringComparer.Ordinal).ToList();
            var receivedAt = Utc(clock.GetUtcNow());
            int fresh;
            if (engine is ClickHouseEngine)
            {
                var stored = await StoredIdsAsync(connection, transaction, batch, cancellationToken).ConfigureAwait(false);
                var unseen = batch.Where(e => !stored.Contains(e.EventId)).ToList();
                await engine.BulkInsertAsync(connection, EventSchema.Events, EventSchema.EventList.Columns, Rows(unseen, receivedAt), cancellationToken).ConfigureAwait(false);
                fresh = unseen.Count;
            }
            else
            {
                fresh = await InsertUnseenAsync(connection, transaction, batch, receivedAt, cancellationToken).ConfigureAwait(false);
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return new EventsAppended(fresh, events.Count - fresh);
        }
        finally
        {
            _writer.Release();
        }
    }

    // The unique index on event_id answers each id's conflict by a lookup, so a batch costs the same however many events are stored.
    private async Task<int> InsertUnseenAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, IReadOnlyList<CustomerEvent> events, DateTime receivedAt, CancellationToken cancellationToken)
    {
        // The batch goes in by the engine's bulk path into a table of this connection's own, then over in one statement.
        var staging = CustomerTables.Shape(EventSchema.EventList, "events_batch") with { ByCustomer = false, Temporary = true };
        await engine.CreateTableAsync(connection, staging, transaction, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(engine, $"DELETE FROM {staging.Name}", transaction, cancellationToken).ConfigureAwait(false);
        await engine.BulkInsertAsync(connection, staging.Name, EventSchema.EventList.Columns, Rows(events, receivedAt), cancellationToken).ConfigureAwait(false);
        var columns = string.Join(", ", EventSchema.EventList.Columns.Select(c => SqlBuilder.Quote(c.Name)));
        var sql = new SqlBuilder(engine).Sql($"INSERT INTO {EventSchema.Events} ({columns}) SELECT {columns} FROM {staging.Name} ON CONFLICT (event_id) DO NOTHING RETURNING event_id");
        await using var command = connection.CreateCommand(engine, sql.Build(), transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var stored = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            stored++;
        }

        return stored;
    }

    private async Task<HashSet<string>> StoredIdsAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, IReadOnlyList<CustomerEvent> events, CancellationToken cancellationToken)
    {
        var sql = new SqlBuilder(engine).Sql($"SELECT e.event_id FROM {EventSchema.Events} e WHERE e.event_id IN (");
        for (var i = 0; i < events.Count; i++)
        {
            sql.Sql(i == 0 ? "" : ", ").Value(events[i].EventId);
        }

        sql.Sql(")");
        await using var command = connection.CreateCommand(engine, sql.Build(), transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static async IAsyncEnumerable<object?[]> Rows(IReadOnlyList<CustomerEvent> events, DateTime receivedAt)
    {
        foreach (var e in events)
        {
            yield return [e.CustomerId, e.EventId, e.EventType, Utc(e.OccurredAt), e.PropertiesJson, receivedAt];
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    // The engine holds UTC instants without a zone; a DateTime of unspecified kind binds to that type in every engine.
    internal static DateTime Utc(DateTimeOffset instant) => DateTime.SpecifyKind(instant.UtcDateTime, DateTimeKind.Unspecified);
}
