using System.Data.Common;
using System.Globalization;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.Engine;

namespace CampaignBot.Customers.Tests.Engines;

/// <summary>What an engine holds and returns, as text that compares equal across engines.</summary>
internal static class EngineReads
{
    /// <summary>Every placed customer as "id|slot|attributes…", in ordinal order.</summary>
    public static async Task<List<string>> PlacementsAsync(AudienceBuilder builder, AudienceRequest request, IReadOnlyList<AttributeColumn> attributes)
    {
        var rows = new List<string>();
        await foreach (var member in builder.StreamAsync(request, AudienceSlice.Everyone, attributes))
        {
            rows.Add($"{member.CustomerId}|{member.Slot}|{string.Join('|', member.Attributes.Select(Canonical))}");
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>Every row of a table, its values joined by '|', in ordinal order of the whole row.</summary>
    public static async Task<List<string>> RowsAsync(CustomerEngine engine, string table)
    {
        await using var connection = await engine.OpenAsync();
        await using var command = connection.CreateCommand(engine, new SqlStatement($"SELECT * FROM {table}", []));
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Canonical(Value(reader, i)))));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    public static string Canonical(object? value) => value switch
    {
        null => "∅",
        DateTime dateTime => DateOnly.FromDateTime(dateTime).ToString("O"),
        DateOnly date => date.ToString("O"),
        decimal money => money.ToString("0.00", CultureInfo.InvariantCulture),
        double fraction => fraction.ToString("R", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static object? Value(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetValue(i);
}
