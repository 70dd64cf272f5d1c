using CampaignBot.Core.Audiences;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Audiences;

/// <summary>
/// Who a recurring campaign's destination list holds since its last delivery, kept in the engine beside the
/// customers (it grows with the audience, so it is not LiteDB's to hold). Each run removes the customers who left
/// the group since, then records the group as it is now; both are set operations in SQL, no ids pass through .NET
/// except the leavers', streamed with the attributes their removal needs.
/// </summary>
public sealed class ListMemberships(CustomerEngine engine)
{
    public const string Table = "list_members";

    private volatile bool _created;

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        if (_created)
        {
            return;
        }

        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        var shape = new TableShape(Table, [new("list_key", ColumnType.Text, Required: true), new(TableShape.CustomerKey, ColumnType.Text, Required: true)], ByCustomer: true);
        await engine.CreateTableAsync(connection, shape, cancellationToken: cancellationToken).ConfigureAwait(false);
        _created = true;
    }

    /// <summary>
    /// Replaces what <paramref name="listKey"/> holds with the slot's members now, in one transaction where the
    /// engine has them (ClickHouse has not: a failure between the delete and the insert leaves the list unrecorded,
    /// and its next delivery removes nobody).
    /// </summary>
    /// <returns>How many members the list holds.</returns>
    public async Task<long> RecordAsync(string listKey, AudienceRequest request, GroupSlot slot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        // The leavers are read in customer-id order by ORDER BY, never in the order the members were written.
        await engine.AllowUnorderedInsertsAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var transaction = await engine.BeginTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
        await engine.DeleteAsync(connection, Table, _ => new SqlBuilder(engine).Sql("list_key = ").Value(listKey).Build(), transaction, cancellationToken).ConfigureAwait(false);
        var insert = new SqlBuilder(engine).Sql($"INSERT INTO {Table} (list_key, customer_id) SELECT ").Value(listKey).Sql($", {AudienceSql.Placed}.customer_id FROM ");
        AudienceSql.AppendPlaced(insert, request);
        AudienceSql.AppendFilter(insert, AudienceSlice.Of(slot), afterCustomerId: null);
        long recorded = await connection.ExecuteAsync(engine, insert.Build(), transaction, cancellationToken).ConfigureAwait(false);

        // After the delete the list holds what the insert wrote; an engine that does not report that is asked.
        if (!engine.ReportsInsertedRows)
        {
            await using var count = connection.CreateCommand(engine, new SqlBuilder(engine).Sql($"SELECT count(*) FROM {Table} WHERE list_key = ").Value(listKey).Build(), transaction);
            recorded = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return recorded;
    }

    /// <summary>Whether anything was ever recorded for the list: on a list's first delivery nobody can have left.</summary>
    public async Task<bool> HasRecordAsync(string listKey, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        var count = await connection.ScalarAsync<long>(engine,
            new SqlBuilder(engine).Sql($"SELECT count(*) FROM (SELECT 1 FROM {Table} WHERE list_key = ").Value(listKey).Sql($"{engine.FirstRowOnly}) x").Build(), cancellationToken)
            .ConfigureAwait(false);
        return count > 0;
    }

    /// <summary>
    /// The list's recorded members who are no longer in the slot, in customer-id order, with the attributes their
    /// removal needs (read from the customer tables; a customer deleted from them comes with empty attributes).
    /// </summary>
    public IAsyncEnumerable<AudienceMember> StreamLeaversAsync(
        string listKey, AudienceRequest request, GroupSlot slot, IReadOnlyList<AttributeColumn> attributes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(attributes);
        var sql = new SqlBuilder(engine).Sql("SELECT lm.customer_id, -1, -1");
        var tables = attributes.Select(a => a.Table).Distinct().ToList();
        foreach (var attribute in attributes)
        {
            sql.Sql(", ").Column(attribute.Column, $"t{tables.IndexOf(attribute.Table)}");
        }

        // An anti-join rather than NOT IN: PostgreSQL plans NOT IN over a large subquery badly.
        sql.Sql($" FROM {Table} lm LEFT JOIN (SELECT {AudienceSql.Placed}.customer_id FROM ");
        AudienceSql.AppendPlaced(sql, request);
        AudienceSql.AppendFilter(sql, AudienceSlice.Of(slot), afterCustomerId: null);
        sql.Sql(") now_in ON now_in.customer_id = lm.customer_id");
        for (var t = 0; t < tables.Count; t++)
        {
            sql.Sql($" LEFT JOIN {engine.Tables.From(tables[t])} t{t} ON t{t}.customer_id = lm.customer_id");
        }

        sql.Sql(" WHERE lm.list_key = ").Value(listKey).Sql($" AND now_in.customer_id IS NULL ORDER BY {engine.BinaryText("lm.customer_id")}");
        return new AudienceBuilder(engine).ReadAsync(sql.Build(), attributes.Count, cancellationToken);
    }
}
