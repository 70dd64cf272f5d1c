using CampaignBot.Core.Audiences;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Results;

/// <summary>Who a run's rows describe: one (run, group, destination), or the control of one sub-audience.</summary>
/// <param name="Channel">One of <see cref="Core.Destinations.SendChannel"/>'s; null for control rows.</param>
/// <param name="Destination">The destination instance's name; null for control rows.</param>
public sealed record SendRecord(
    string CampaignId, string RunId, string SubAudience, string GroupName, bool IsControl, string? Channel, string? Destination, DateTimeOffset SentAt);

/// <summary>
/// Writes the send history (<c>campaign_sends</c>) from the same audience SQL the delivery streamed, with
/// INSERT … SELECT inside the engine, so no customer id passes through the service. A write that may follow an earlier
/// attempt at the same rows first deletes what that attempt left, in one transaction where the engine has them, so a
/// retried delivery or a recount records its rows once.
/// </summary>
public sealed class SendHistory(CustomerEngine engine)
{
    private volatile bool _created;

    /// <summary>Records the members of <paramref name="slot"/> under <paramref name="request"/> as <paramref name="record"/> says.</summary>
    /// <param name="firstAttempt">
    /// True only when no earlier attempt can have written these rows (the run ledger marks each step before it writes):
    /// the delete, a scan of the whole history where the table has no index, is left out. False is always safe.
    /// </param>
    /// <returns>How many rows the (run, group, destination) holds now.</returns>
    public async Task<long> RecordAsync(
        SendRecord record, AudienceRequest request, GroupSlot slot, bool firstAttempt = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(request);
        var table = CustomerSchema.CampaignSendList;
        if (!_created)
        {
            await CustomerTables.EnsureEventTablesAsync(engine, cancellationToken).ConfigureAwait(false);
            _created = true;
        }

        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Results and caps group the history; nothing reads it in the order it was written.
        await engine.AllowUnorderedInsertsAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var transaction = await engine.BeginTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
        if (!firstAttempt)
        {
            var target = engine.Tables.IsMapped(table.Name) ? engine.Tables.MappingOf(table.Name)!.Relation : table.Name;
            await engine.DeleteAsync(connection, target, _ => Same(record), transaction, cancellationToken).ConfigureAwait(false);
        }

        var insert = new SqlBuilder(engine).Sql($"INSERT {engine.Tables.InsertInto(table, table.Columns)} SELECT {AudienceSql.Placed}.customer_id, ")
            .Value(record.CampaignId).Sql(", ").Value(record.RunId).Sql(", ").Value(record.SubAudience).Sql(", ").Value(record.GroupName)
            .Sql(", ").Value(record.IsControl).Sql(", ");
        AppendText(insert, record.Channel);
        insert.Sql(", ");
        AppendText(insert, record.Destination);
        insert.Sql(", ").Value(DateTime.SpecifyKind(record.SentAt.UtcDateTime, DateTimeKind.Unspecified)).Sql(" FROM ");
        AudienceSql.AppendPlaced(insert, request);
        AudienceSql.AppendFilter(insert, AudienceSlice.Of(slot), afterCustomerId: null);
        long recorded = await connection.ExecuteAsync(engine, insert.Build(), transaction, cancellationToken).ConfigureAwait(false);

        // After the delete (or with none to make), the insert wrote every row the key holds; an engine that does not
        // report what it wrote is asked, another scan of the history.
        if (!engine.ReportsInsertedRows)
        {
            var count = new SqlBuilder(engine).Sql($"SELECT count(*) FROM {engine.Tables.From(table)} s WHERE ");
            AppendSame(count, record, "s.");
            await using var counting = connection.CreateCommand(engine, count.Build(), transaction);
            recorded = Convert.ToInt64(await counting.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return recorded;
    }

    private void AppendText(SqlBuilder sql, string? value)
    {
        if (value is null)
        {
            sql.Sql(engine.NullOf(ColumnType.Text));
        }
        else
        {
            sql.Value(value);
        }
    }

    private SqlStatement Same(SendRecord record)
    {
        var sql = new SqlBuilder(engine);
        AppendSame(sql, record, "", engine.Tables.MappingOf(CustomerSchema.CampaignSends));
        return sql.Build();
    }

    // The rows of the same run, group and destination (or the same sub-audience's control), in the mapped table's own column names when mapped.
    private static void AppendSame(SqlBuilder sql, SendRecord record, string alias, MappedTable? mapped = null)
    {
        string Column(string name) => alias + SqlBuilder.Quote(mapped?.Columns[name] ?? name);
        sql.Sql($"{Column("campaign_id")} = ").Value(record.CampaignId)
            .Sql($" AND {Column("run_id")} = ").Value(record.RunId)
            .Sql($" AND {Column("sub_audience")} = ").Value(record.SubAudience)
            .Sql($" AND {Column("group_name")} = ").Value(record.GroupName)
            .Sql($" AND {Column("is_control")} = ").Value(record.IsControl);
        if (record.Destination is not null)
        {
            sql.Sql($" AND {Column("destination")} = ").Value(record.Destination);
        }
    }
}
