using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.App.Imports;
using CampaignBot.Customers.Engine;

namespace CampaignBot.Api.Tests.Imports;

/// <summary>Orders imported through the API are what campaign results count: in the window after a send, per group.</summary>
public sealed class ImportedOrdersResultsTests
{
    [Fact]
    public async Task Orders_imported_into_transactions_count_in_campaign_results_within_the_window()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.OneTime() with { AttributionDays = 3 });
        await host.TickAsync();
        var (recipient, control, sentAt) = await SentAsync(host, id.ToString());

        // Replacing the demo orders: only these count. One recipient orders twice in the window and once before the
        // send; one control member orders in the window and once after it.
        string At(TimeSpan after) => (sentAt + after).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var orders = $"""
            customer_id,order_id,ordered_at,amount,channel
            {recipient},R1,{At(TimeSpan.FromHours(1))},40.00,web
            {recipient},R2,{At(TimeSpan.FromDays(2))},10.00,store
            {recipient},R0,{At(TimeSpan.FromDays(-1))},99.00,web
            {control},K1,{At(TimeSpan.FromDays(1))},7.50,app
            {control},K2,{At(TimeSpan.FromDays(4))},99.00,app
            """;
        using var ada = host.Client("ada");
        var import = await host.Factory.FinishedAsync(ada, await ada.PostFileAsync("table=transactions&mode=replace", orders));

        Assert.True(import.Status == ImportStatus.Succeeded, import.Failure);
        Assert.Equal((5L, 5L), (import.RowsRead, import.Accepted));
        var figures = await FiguresAsync(host, id.ToString());
        Assert.Equal((1L, 50.00m), figures["Email A"]);
        Assert.Equal((0L, 0m), figures["Email B"]);
        Assert.Equal((1L, 7.50m), figures["Control"]);
    }

    // One customer of Email A and one of the control, and when the run sent.
    private static async Task<(string Recipient, string Control, DateTime SentAt)> SentAsync(LifecycleHost host, string campaignId)
    {
        var engine = host.Get<CustomerEngine>();
        await using var connection = await engine.OpenAsync();
        await using var command = connection.CreateCommand(engine, new SqlStatement(
            "SELECT group_name, min(customer_id), min(sent_at) FROM campaign_sends WHERE campaign_id = $1 AND group_name IN ('Email A', 'Control') GROUP BY group_name ORDER BY group_name",
            [campaignId]));
        await using var reader = await command.ExecuteReaderAsync();
        var sent = new List<(string Group, string Customer, DateTime At)>();
        while (await reader.ReadAsync())
        {
            sent.Add((reader.GetString(0), reader.GetString(1), reader.GetDateTime(2)));
        }

        Assert.Equal(["Control", "Email A"], sent.Select(s => s.Group));
        return (sent[1].Customer, sent[0].Customer, sent.Max(s => s.At));
    }

    // Converters and revenue per group, as GET /api/campaigns/{id}/results shows them.
    private static async Task<Dictionary<string, (long Converters, decimal Revenue)>> FiguresAsync(LifecycleHost host, string campaignId)
    {
        var results = await host.Client("maya").GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaignId}/results");
        return results.GetProperty("subAudiences").EnumerateArray()
            .SelectMany(s => s.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("figures")).Append(s.GetProperty("control")))
            .ToDictionary(f => f.GetProperty("group").GetString()!, f => (f.GetProperty("converters").GetInt64(), f.GetProperty("revenue").GetDecimal()));
    }
}
