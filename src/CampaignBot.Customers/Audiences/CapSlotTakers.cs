using CampaignBot.Customers.Engine;

namespace CampaignBot.Customers.Audiences;

/// <summary>A campaign whose send counts against a customer's cap, and its latest such send.</summary>
public sealed record CapSlotTaker(string CampaignId, DateTimeOffset LastSentAt);

/// <summary>
/// Which campaigns took a capped customer's slots: the campaigns whose recipient sends on the cap's channel fall in its
/// window, latest first. Explain names them, so a marketer sees which campaign won the customer.
/// </summary>
public sealed class CapSlotTakers(CustomerEngine engine)
{
    public async Task<IReadOnlyList<CapSlotTaker>> FindAsync(string customerId, FrequencyCapCheck check, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(check);
        var sql = new SqlBuilder(engine).Sql($"SELECT s.campaign_id, max(s.sent_at) FROM {FrequencyCapSql.Sends(engine)} s WHERE s.customer_id = ").Value(customerId).Sql(" AND ");
        FrequencyCapSql.AppendCounted(sql, check, "s");
        sql.Sql(" GROUP BY s.campaign_id ORDER BY max(s.sent_at) DESC, s.campaign_id");
        var takers = new List<CapSlotTaker>();
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(engine, sql.Build());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var sentAt = reader.GetValue(1) switch
            {
                DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
                DateTimeOffset instant => instant,
                var other => throw new InvalidOperationException($"The send history's sent_at reads as {other.GetType().Name}."),
            };
            takers.Add(new CapSlotTaker(reader.GetString(0), sentAt));
        }

        return takers;
    }
}
