using System.Globalization;
using System.Runtime.CompilerServices;
using CampaignBot.Core.Audiences;
using CampaignBot.Core.Validation;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Audiences;

/// <summary>
/// Runs the audience build in the engine and streams placed members out with only the attributes
/// asked for, or just counts them per sub-audience and group without moving a row.
/// </summary>
public sealed class AudienceBuilder(CustomerEngine engine)
{
    public IAsyncEnumerable<AudienceMember> StreamAsync(
        AudienceRequest request, AudienceSlice slice, IReadOnlyList<AttributeColumn> attributes, CancellationToken cancellationToken = default) =>
        ReadAsync(StreamStatement(request, slice, attributes), attributes.Count, cancellationToken);

    /// <summary>
    /// Members of the slice in ascending customer id order, compared bytewise (code point order) in every
    /// engine, starting strictly after <paramref name="afterCustomerId"/> when given. The run pipeline
    /// batches this stream and, after a crash, resumes after the last customer of the last delivered
    /// batch, so each customer is delivered at most once and none is skipped.
    /// </summary>
    /// <remarks>
    /// Bytewise order equals <see cref="StringComparer.Ordinal"/> except that .NET sorts characters
    /// beyond U+FFFF (surrogate pairs) before U+E000–U+FFFF; compare ids in SQL, not in .NET.
    /// </remarks>
    public IAsyncEnumerable<AudienceMember> StreamOrderedAsync(
        AudienceRequest request, AudienceSlice slice, IReadOnlyList<AttributeColumn> attributes, string? afterCustomerId,
        CancellationToken cancellationToken = default) =>
        ReadAsync(StreamStatement(request, slice, attributes, ordered: true, afterCustomerId), attributes.Count, cancellationToken);

    /// <summary>Reads rows shaped (customer_id, sub_audience, group, attributes…) as members.</summary>
    internal async IAsyncEnumerable<AudienceMember> ReadAsync(
        SqlStatement statement, int attributeCount, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(engine, statement);
        engine.StreamResults(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var values = new object?[attributeCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i + 3) ? null : reader.GetValue(i + 3);
            }

            var slot = new GroupSlot(ToInt(reader.GetValue(1)), ToInt(reader.GetValue(2)));
            yield return new AudienceMember(reader.GetString(0), slot.IsUnmatched ? GroupSlot.Unmatched : slot, values);
        }
    }

    /// <summary>
    /// Writes the slice to a CSV file (customer_id, sub_audience, group, then the attributes) and returns
    /// the row count. The engine writes the file where it can, so rows need not pass through .NET.
    /// </summary>
    public Task<long> ExportCsvAsync(
        AudienceRequest request, AudienceSlice slice, IReadOnlyList<AttributeColumn> attributes, string path, CancellationToken cancellationToken = default) =>
        engine.ExportCsvAsync(StreamStatement(request, slice, attributes), path, cancellationToken);

    public async Task<SplitTally> CountAsync(AudienceRequest request, CancellationToken cancellationToken = default)
    {
        var sql = new SqlBuilder(engine).Sql("SELECT sub_audience, group_index, count(*) FROM ");
        AudienceSql.AppendPlaced(sql, request);
        sql.Sql(" GROUP BY sub_audience, group_index");

        var tally = new SplitTally(request.Plan);
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(engine, sql.Build());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var slot = new GroupSlot(ToInt(reader.GetValue(0)), ToInt(reader.GetValue(1)));
            tally.Add(slot.IsUnmatched ? GroupSlot.Unmatched : slot, Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture));
        }

        return tally;
    }

    internal SqlStatement StreamStatement(
        AudienceRequest request, AudienceSlice slice, IReadOnlyList<AttributeColumn> attributes, bool ordered = false, string? afterCustomerId = null)
    {
        var sql = new SqlBuilder(engine).Sql($"SELECT {AudienceSql.Placed}.customer_id, {AudienceSql.Placed}.sub_audience, {AudienceSql.Placed}.group_index AS \"group\"");
        for (var i = 0; i < attributes.Count; i++)
        {
            // Named after the attribute: exported files take their header from the result's column names.
            sql.Sql($", {AudienceSql.Placed}.{CarriedColumns.Name(i)} AS {SqlBuilder.Quote(attributes[i].Name)}");
        }

        sql.Sql(" FROM ");
        AudienceSql.AppendPlaced(sql, request, attributes.Count > 0 ? CarriedColumns.Attributes(attributes) : null);
        AudienceSql.AppendFilter(sql, slice, afterCustomerId);
        if (ordered)
        {
            sql.Sql($" ORDER BY {AudienceSql.OrderKey(engine)}");
        }

        return sql.Build();
    }

    // Says what the person typed and what they can choose; a table is named only when choosing it would help.
    private static string UnknownAttribute(string name, CustomerTable table)
    {
        var typed = name.Trim();
        var guess = ClosestName.Among(typed, table.Columns.Select(c => c.Name)) is { } closest ? $" Did you mean '{closest}'?" : "";
        var elsewhere = CustomerSchema.Tables.FirstOrDefault(t => t != table && t.Find(typed) is not null) is { } other
            ? $" '{typed}' exists in {other.Name}; name that table as the attribute's source to send it."
            : "";
        return $"There is no attribute '{typed}'.{guess} The attributes are {string.Join(", ", table.Columns.Select(c => c.Name))}.{elsewhere}";
    }

    /// <summary>Reads attribute names as a destination lists them; unknown names are reported, not guessed.</summary>
    public static IReadOnlyList<AttributeColumn> ResolveAttributes(IEnumerable<(string Name, string? SourceTable)> wanted, out IReadOnlyList<string> problems)
    {
        var resolved = new List<AttributeColumn>();
        var missing = new List<string>();
        foreach (var (name, sourceTable) in wanted)
        {
            var table = sourceTable is null ? CustomerSchema.MergedCustomers : CustomerSchema.FindTable(sourceTable);
            var column = table?.Find(name);
            if (table is null)
            {
                missing.Add($"There is no customer table '{sourceTable}'; use {string.Join(" or ", CustomerSchema.Tables.Select(t => t.Name))}.");
            }
            else if (column is null)
            {
                missing.Add(UnknownAttribute(name, table));
            }
            else
            {
                resolved.Add(new AttributeColumn(table, column));
            }
        }

        problems = missing;
        return resolved;
    }

    private static int ToInt(object value) => Convert.ToInt32(value, CultureInfo.InvariantCulture);
}
