using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Audiences;

/// <summary>
/// A run's placed audience, stored once in the engine: every customer the audience build placed (sub-audience and
/// group), with a flag per delivery channel whose own suppressions list the customer. Counting, the control files,
/// each delivery's stream and the send history then read this table instead of building the audience again, which
/// costs a scan of every customer, the suppression anti-joins and an MD5 per customer each time.
/// </summary>
/// <param name="Table">The table's name in the engine.</param>
/// <param name="Channels">The channels with a flag, lower case, in column order.</param>
/// <param name="Suppressions">
/// A fingerprint of the suppressions when the table was stored: a delivery reads the table only while the
/// suppressions are unchanged, so an opt-out recorded during a run (or before it resumes) is honoured as before.
/// </param>
public sealed record RunAudience(string Table, IReadOnlyList<string> Channels, string Suppressions)
{
    /// <summary>The flag column of <paramref name="channel"/>, or null when the table has none for it.</summary>
    public string? SuppressedColumn(string channel)
    {
        var index = Channels.ToList().IndexOf(channel.ToLowerInvariant());
        return index < 0 ? null : FlagName(index);
    }

    /// <summary>Whether a request for <paramref name="suppressionChannel"/> can read this table (its flag is here, or it needs none).</summary>
    public bool Covers(string? suppressionChannel) =>
        SuppressionSql.ChannelsFor(suppressionChannel).All(c => c == CustomerSchema.AllChannels || SuppressedColumn(c) is not null);

    /// <summary>The table a run's audience is stored in: named from a hash of the run id, since run ids exceed PostgreSQL's 63-character names.</summary>
    public static string TableFor(string runId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(runId));
        return "run_audience_" + Convert.ToHexStringLower(hash, 0, 10);
    }

    internal static string FlagName(int index) => "suppressed_" + index.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Stores and drops runs' placed audiences (<see cref="RunAudience"/>).</summary>
public sealed class RunAudiences(CustomerEngine engine)
{
    /// <summary>
    /// Builds <paramref name="request"/>'s audience once into the run's table, replacing what an interrupted attempt
    /// left there. <paramref name="request"/> is the run's counting request: "all" suppressions, no channel, no cap.
    /// </summary>
    /// <param name="channels">The deliveries' suppression channels; "all" and null need no flag.</param>
    public async Task<RunAudience> StoreAsync(AudienceRequest request, string runId, IEnumerable<string?> channels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Snapshot is not null || request.Cap is not null || request.SuppressionChannel is not null)
        {
            throw new ArgumentException("A run's audience is stored from its counting request (no channel, no cap, not already stored).", nameof(request));
        }

        var flagged = channels.SelectMany(SuppressionSql.ChannelsFor).Where(c => c != CustomerSchema.AllChannels).Distinct().Order(StringComparer.Ordinal).ToList();
        var audience = new RunAudience(RunAudience.TableFor(runId), flagged, await SuppressionsFingerprintAsync(cancellationToken).ConfigureAwait(false));
        var columns = new List<TableColumn>
        {
            new(TableShape.CustomerKey, ColumnType.Text, Required: true),
            new("sub_audience", ColumnType.Integer, Required: true),
            new("group_index", ColumnType.Integer, Required: true),
        };
        columns.AddRange(flagged.Select((_, i) => new TableColumn(RunAudience.FlagName(i), ColumnType.Boolean, Required: true)));

        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await engine.DropTableAsync(connection, audience.Table, cancellationToken: cancellationToken).ConfigureAwait(false);
        await engine.CreateTableAsync(connection, new TableShape(audience.Table, columns, ByCustomer: true), cancellationToken: cancellationToken).ConfigureAwait(false);

        var names = string.Join(", ", columns.Select(c => SqlBuilder.Quote(c.Name)));
        var insert = new SqlBuilder(engine).Sql($"INSERT INTO {audience.Table} ({names}) SELECT {AudienceSql.Placed}.customer_id, {AudienceSql.Placed}.sub_audience, {AudienceSql.Placed}.group_index");
        for (var i = 0; i < flagged.Count; i++)
        {
            insert.Sql($", COALESCE(sx.suppressed{i.ToString(CultureInfo.InvariantCulture)}, false)");
        }

        insert.Sql(" FROM ");
        AudienceSql.AppendPlaced(insert, request);
        if (flagged.Count > 0)
        {
            // One pass over the suppressions serves every channel's flag (AppendSuppressedByChannel).
            insert.Sql($" {engine.Global("LEFT JOIN")} ");
            SuppressionSql.AppendSuppressedByChannel(insert, flagged, "sx");
            insert.Sql($" ON sx.customer_id = {AudienceSql.Placed}.customer_id");
        }

        // Every step that reads the stored audience counts it, or streams a group ordered by customer id.
        await engine.AllowUnorderedInsertsAsync(connection, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(engine, insert.Build(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return audience;
    }

    /// <summary>
    /// Whether <paramref name="audience"/> can still stand for the audience: its table is there (a resumed run may be on
    /// another engine, or the table was dropped) and the suppressions are as they were when it was stored.
    /// </summary>
    public async Task<bool> IsCurrentAsync(RunAudience audience, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audience);
        await using (var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await using var probe = connection.CreateCommand(engine, new SqlStatement($"SELECT count(*) FROM (SELECT customer_id FROM {audience.Table} WHERE 1 = 0) t", []));
                await probe.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbException)
            {
                return false;
            }
        }

        return await SuppressionsFingerprintAsync(cancellationToken).ConfigureAwait(false) == audience.Suppressions;
    }

    // The suppressions' row count and a sum of a hash of each row: any added, removed or changed row changes it.
    // The list is small (a few percent of the customers), so this is cheap beside building the audience.
    private async Task<string> SuppressionsFingerprintAsync(CancellationToken cancellationToken)
    {
        var row = "coalesce(s.customer_id, '') || '|' || coalesce(s.email, '') || '|' || coalesce(s.channel, '')";
        var sql = $"SELECT count(*), coalesce(sum({engine.HexToInteger($"substr({engine.Md5Hex(row)}, 1, 8)")}), 0) FROM {engine.Tables.From(CustomerSchema.SuppressionList)} s";
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(engine, new SqlStatement(sql, []));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return string.Create(CultureInfo.InvariantCulture, $"{reader.GetValue(0)}:{reader.GetValue(1)}");
    }

    /// <summary>Drops a run's table once nothing will read it again (the run finished, was cancelled or held).</summary>
    public async Task DropAsync(string table, CancellationToken cancellationToken = default)
    {
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await engine.DropTableAsync(connection, table, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
