using CampaignBot.Customers.Engine;

namespace CampaignBot.Customers.Events;

/// <summary>
/// Appends events to the <c>events</c> table, once per event id: ids already stored are left out, so a sender that
/// retries a batch (it timed out, the answer was lost) stores nothing twice. The check and the insert happen under one
/// lock: a process-wide one (DuckDB has one writer process) and, where the engine has it, a table lock inside the
/// transaction, so two service instances on PostgreSQL cannot both store an id. ClickHouse has neither; a duplicate
/// row there is harmless, since a pass takes each event id once (<see cref="TriggerClaims"/>).
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

            var stored = await StoredIdsAsync(connection, transaction, events, cancellationToken).ConfigureAwait(false);
            var fresh = events.Where(e => !stored.Contains(e.EventId)).ToList();
            var receivedAt = Utc(clock.GetUtcNow());
            await engine.BulkInsertAsync(connection, EventSchema.Events, EventSchema.EventList.Columns, Rows(fresh, receivedAt), cancellationToken).ConfigureAwait(false);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return new EventsAppended(fresh.Count, events.Count - fresh.Count);
        }
        finally
        {
            _writer.Release();
        }
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
