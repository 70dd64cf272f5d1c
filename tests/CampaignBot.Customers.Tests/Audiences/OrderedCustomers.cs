using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Tests.Audiences;

/// <summary>
/// Customers whose ids a linguistic collation and a bytewise one sort differently: mixed case, digits
/// that are not numbers, punctuation and accented letters.
/// </summary>
internal static class OrderedCustomers
{
    public static readonly IReadOnlyList<string> Ids =
    [
        "a", "A", "b", "B", "aa", "Ab", "aB", "a1", "A1", "a10", "a9", "10", "9", "09", "Z", "z",
        "_u", "a-b", "a.b", "a b", "o'brien", "é", "É", "e", "Ω",
        .. Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? "c" : "C") + i),
    ];

    public static IReadOnlyList<string> InOrdinalOrder => Ids.Order(StringComparer.Ordinal).ToList();

    public static async Task SeedAsync(CustomerEngine engine)
    {
        await CustomerTables.EnsureCreatedAsync(engine);
        await using var connection = await engine.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        for (var i = 0; i < Ids.Count; i++)
        {
            await connection.ExecuteAsync(engine, new SqlStatement(
                "INSERT INTO customer_360 (customer_id, email, country, loyalty_member, email_opt_in) VALUES ($1, $2, 'US', false, true)",
                [Ids[i], Email(i)]), transaction);
            await connection.ExecuteAsync(engine, new SqlStatement(
                "INSERT INTO merged_customers (customer_id, email, country) VALUES ($1, $2, 'US')", [Ids[i], Email(i)]), transaction);
        }

        await transaction.CommitAsync();
    }

    private static string Email(int index) => $"customer{index}@example.com";
}
