using System.Globalization;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;
using CampaignBot.Customers.Segments;

namespace CampaignBot.Customers.Audiences;

/// <summary>
/// Evaluates a campaign's audience rules for one customer in the engine: each include, exclude and sub-audience
/// filter, the suppressions per channel, the global holdout and the split bucket, all with the SQL the audience build uses, restricted
/// to that customer's id. Nothing else is read, so it costs the same for any audience size.
/// </summary>
public sealed class CustomerAudienceCheck(CustomerEngine engine)
{
    /// <summary>How many ids an ambiguous email lookup returns, enough to say who shares it.</summary>
    public const int MaxMatches = 5;

    /// <summary>
    /// The customer ids <paramref name="customer"/> names: the exact id when one exists, else every customer whose
    /// email (in customer_360 or merged_customers) equals it in any case. At most <see cref="MaxMatches"/>.
    /// </summary>
    public async Task<IReadOnlyList<string>> FindAsync(string customer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var typed = customer.Trim();
        var byId = new SqlBuilder(engine).Sql($"SELECT c.customer_id FROM {engine.Tables.From(CustomerSchema.Customer360)} c WHERE c.customer_id = ").Value(typed).Sql(" LIMIT 1");
        var ids = await ReadIdsAsync(byId.Build(), cancellationToken).ConfigureAwait(false);
        if (ids.Count > 0 || !typed.Contains('@', StringComparison.Ordinal))
        {
            return ids;
        }

        var byEmail = new SqlBuilder(engine);
        var address = byEmail.ValuePlaceholder(typed.ToLowerInvariant());
        byEmail.Sql($"SELECT c.customer_id FROM {engine.Tables.From(CustomerSchema.Customer360)} c WHERE lower(trim(c.email)) = {address}")
            .Sql($" OR c.customer_id IN (SELECT m.customer_id FROM {engine.Tables.From(CustomerSchema.MergedCustomers)} m WHERE lower(trim(m.email)) = {address})")
            .Sql($" ORDER BY {engine.BinaryText("c.customer_id")} LIMIT {MaxMatches.ToString(CultureInfo.InvariantCulture)}");
        return await ReadIdsAsync(byEmail.Build(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The facts that place <paramref name="customerId"/> in (or keep them out of) the audience, or null when
    /// customer_360 has no such customer.
    /// </summary>
    /// <param name="channels">Suppression channels to check besides "all" (the destinations' channels).</param>
    public async Task<CustomerAudienceFacts?> CheckAsync(
        AudienceRequest request, string customerId, IReadOnlyList<string> channels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(channels);
        var sql = new SqlBuilder(engine).Sql("SELECT ");
        var filters = request.Include.Concat(request.Exclude).Concat(request.SubAudiences.OfType<BoundFilter>()).ToList();
        foreach (var filter in filters)
        {
            SegmentSql.AppendPredicate(sql, filter, "c", request.Today);
            sql.Sql(", ");
        }

        // One flag per channel, "all" first, from one pass over the suppressions narrowed to this customer.
        var checkedChannels = channels.Select(c => c.Trim().ToLowerInvariant()).Where(c => c != CustomerSchema.AllChannels).Distinct().Prepend(CustomerSchema.AllChannels).ToList();
        for (var i = 0; i < checkedChannels.Count; i++)
        {
            sql.Sql($"COALESCE(cs.suppressed{i.ToString(CultureInfo.InvariantCulture)}, FALSE), ");
        }

        if (request.Holdout is { } holdout)
        {
            sql.Sql(HoldoutSql.HeldOut(sql, holdout, "c")).Sql(", ");
        }

        var key = sql.ValuePlaceholder(request.SplitKey);
        sql.Sql($"{engine.SplitBucket(key, "c.customer_id")} FROM {engine.Tables.From(CustomerSchema.Customer360)} c {engine.Global("LEFT JOIN")} ");
        SuppressionSql.AppendSuppressedByChannel(sql, checkedChannels, "cs", customerId);
        sql.Sql(" ON cs.customer_id = c.customer_id WHERE c.customer_id = ").Value(customerId);

        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(engine, sql.Build());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var column = 0;
        // Read as any truth value: ClickHouse answers comparisons with 0 or 1 rather than booleans.
        bool Next() => Convert.ToBoolean(reader.GetValue(column++), CultureInfo.InvariantCulture);
        var include = request.Include.Select(_ => Next()).ToList();
        var exclude = request.Exclude.Select(_ => Next()).ToList();
        var subAudiences = request.SubAudiences.Select(s => s is null ? (bool?)null : Next()).ToList();
        var flags = checkedChannels.Select(_ => Next()).ToList();
        var heldOut = request.Holdout is not null && Next();
        var suppressed = checkedChannels.Select((c, i) => (c, flags[0] || flags[i])).ToDictionary(p => p.c, p => p.Item2, StringComparer.OrdinalIgnoreCase);
        var bucket = Convert.ToInt32(reader.GetValue(column), CultureInfo.InvariantCulture);
        return new CustomerAudienceFacts(customerId, include, exclude, subAudiences, suppressed, heldOut, bucket, request.Plan);
    }

    /// <summary>Per cap, in order: the customer's recipient sends it counts (on its channel, within its window).</summary>
    public async Task<IReadOnlyList<long>> CountSendsAsync(string customerId, IReadOnlyList<FrequencyCapCheck> caps, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caps);
        if (caps.Count == 0)
        {
            return [];
        }

        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(engine, FrequencyCapSql.CountsFor(engine, customerId, caps));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return caps.Select((_, i) => Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture)).ToList();
    }

    /// <summary>One customer's values of <paramref name="attributes"/>, in order (null where unknown), as a run reads them.</summary>
    public async Task<object?[]> ReadAttributesAsync(string customerId, IReadOnlyList<AttributeColumn> attributes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var values = new object?[attributes.Count];
        if (attributes.Count == 0)
        {
            return values;
        }

        var tables = attributes.Select(a => a.Table).Distinct().ToList();
        var sql = new SqlBuilder(engine).Sql("SELECT ");
        for (var i = 0; i < attributes.Count; i++)
        {
            sql.Sql(i > 0 ? ", " : "").Column(attributes[i].Column, $"t{tables.IndexOf(attributes[i].Table)}");
        }

        sql.Sql($" FROM {engine.Tables.From(CustomerSchema.Customer360)} c");
        for (var t = 0; t < tables.Count; t++)
        {
            sql.Sql($" LEFT JOIN {engine.Tables.From(tables[t])} t{t} ON t{t}.customer_id = c.customer_id");
        }

        sql.Sql(" WHERE c.customer_id = ").Value(customerId).Sql(" LIMIT 1");
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(engine, sql.Build());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
        }

        return values;
    }

    private async Task<List<string>> ReadIdsAsync(SqlStatement statement, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(engine, statement);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
