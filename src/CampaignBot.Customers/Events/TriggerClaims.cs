using CampaignBot.Core.Triggers;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Events;

/// <summary>
/// The ledger that keeps a triggered campaign to one send per event. A pass (a run) takes every matching event no
/// earlier pass of the campaign took, in one INSERT … SELECT inside the engine, and binds it to its run id; the run
/// then delivers exactly its own events' customers through the run ledger's resumable, exactly-once batches. A run
/// resumed after a crash finds its events still bound to it; a later pass never takes them again; a replayed event
/// id is one event. A pass that ended before counting its audience sent nothing: the caller names such passes
/// (abandoned runs), and their events wait again for the next pass, which takes them in its own rows.
/// </summary>
public sealed class TriggerClaims(CustomerEngine engine)
{
    private volatile bool _created;

    /// <summary>
    /// Binds the matching events no pass of <paramref name="campaignId"/> took yet, or only passes in
    /// <paramref name="abandonedRuns"/> took, to <paramref name="runId"/>.
    /// </summary>
    /// <returns>The events the run holds now.</returns>
    public async Task<long> ClaimAsync(
        string campaignId, string runId, CampaignTrigger trigger, DateTimeOffset since, DateTimeOffset now,
        IReadOnlyCollection<string> abandonedRuns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(abandonedRuns);
        await EnsureTablesAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await engine.BeginTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
        if (transaction is not null && engine.ExclusiveLock(EventSchema.TriggerClaims) is { } lockTable)
        {
            // Two workers of one run (a stalled one and the one that took it over) must not both take an event.
            await connection.ExecuteAsync(engine, lockTable, transaction, cancellationToken).ConfigureAwait(false);
        }

        var claims = EventSchema.TriggerClaimList;
        var insert = new SqlBuilder(engine)
            .Sql($"INSERT INTO {EventSchema.TriggerClaims} ({string.Join(", ", claims.Columns.Select(c => SqlBuilder.Quote(c.Name)))}) SELECT min(e.customer_id), ")
            .Value(campaignId).Sql(", e.event_id, ").Value(runId).Sql(", ").Value(EventStore.Utc(now))
            .Sql($" FROM {EventSchema.Events} e WHERE ");
        AppendUnclaimed(insert, campaignId, trigger, since, abandonedRuns);
        insert.Sql(" GROUP BY e.event_id");
        if (engine is ClickHouseEngine)
        {
            // Otherwise a cluster may run the INSERT … SELECT on each shard, where the ledger's own name in the
            // subquery does not resolve; the initiator runs it and the Distributed table spreads the rows.
            insert.Sql(" SETTINGS parallel_distributed_insert_select = 0");
        }
        await connection.ExecuteAsync(engine, insert.Build(), transaction, cancellationToken).ConfigureAwait(false);

        var count = new SqlBuilder(engine).Sql($"SELECT count(DISTINCT t.event_id) FROM {EventSchema.TriggerClaims} t WHERE t.campaign_id = ")
            .Value(campaignId).Sql(" AND t.run_id = ").Value(runId);
        await using var counting = connection.CreateCommand(engine, count.Build(), transaction);
        var held = Convert.ToInt64(await counting.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return held;
    }

    /// <summary>
    /// Whether a matching event waits that no pass of the campaign took (but those in <paramref name="abandonedRuns"/>):
    /// the scheduler starts a pass only then.
    /// </summary>
    public async Task<bool> AnyWaitingAsync(
        string campaignId, CampaignTrigger trigger, DateTimeOffset since, IReadOnlyCollection<string> abandonedRuns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(abandonedRuns);
        await EnsureTablesAsync(cancellationToken).ConfigureAwait(false);
        var sql = new SqlBuilder(engine).Sql($"SELECT count(*) FROM (SELECT e.event_id FROM {EventSchema.Events} e WHERE ");
        AppendUnclaimed(sql, campaignId, trigger, since, abandonedRuns);
        sql.Sql($"{engine.FirstRowOnly}) w");
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ScalarAsync<long>(engine, sql.Build(), cancellationToken).ConfigureAwait(false) > 0;
    }

    private async Task EnsureTablesAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await EventSchema.EnsureAsync(engine, cancellationToken).ConfigureAwait(false);
            // The cooldown reads the send history, which exists once the first run recorded its sends.
            await CustomerTables.EnsureEventTablesAsync(engine, cancellationToken).ConfigureAwait(false);
            _created = true;
        }
    }

    private void AppendUnclaimed(SqlBuilder sql, string campaignId, CampaignTrigger trigger, DateTimeOffset since, IReadOnlyCollection<string> abandonedRuns)
    {
        TriggerSql.AppendMatches(sql, trigger, since, "e");
        sql.Sql($" AND e.event_id {engine.Global("NOT IN")} (SELECT c.event_id FROM {EventSchema.TriggerClaims} c WHERE c.campaign_id = ").Value(campaignId);
        if (abandonedRuns.Count > 0)
        {
            // Their rows stay, bound to a run that sent nothing; the event counts as taken only by another pass's row.
            sql.Sql(" AND c.run_id NOT IN (");
            var first = true;
            foreach (var run in abandonedRuns)
            {
                sql.Sql(first ? "" : ", ").Value(run);
                first = false;
            }

            sql.Sql(")");
        }

        sql.Sql(")");
    }
}
