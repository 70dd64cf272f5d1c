using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignBot.Api.Tests.Conversations;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Conversations.Messages;
using CampaignBot.Customers.Engine;

namespace CampaignBot.Api.Tests.Results;

/// <summary>All marketing against the global holdout: GET /api/results/holdout and "holdout" in chat, through the real service.</summary>
public sealed class HoldoutResultsApiTests
{
    private static LifecycleHost WithHoldout() => new(new Dictionary<string, string?> { ["Holdout:Percent"] = "10" });

    [Fact]
    public async Task Holdout_results_are_read_as_json_or_csv_by_every_reader_and_refused_to_others()
    {
        await using var host = WithHoldout();
        await host.ApprovedAsync(TestDrafts.OneTime());
        await host.TickAsync();
        host.Clock.Advance(TimeSpan.FromDays(8));

        var results = await HoldoutAsync(host, "vic");
        Assert.Equal(30, results.GetProperty("days").GetInt32());
        Assert.Equal(10m, results.GetProperty("holdoutPercent").GetDecimal());
        Assert.Equal(await DeliveredAsync(host), results.GetProperty("marketed").GetProperty("customers").GetInt64());
        Assert.True(results.GetProperty("holdout").GetProperty("customers").GetInt64() > 0);
        Assert.True(results.GetProperty("holdout").GetProperty("converters").GetInt64() > 0);
        Assert.False(string.IsNullOrWhiteSpace(results.GetProperty("verdict").GetString()));
        Assert.Equal(JsonValueKind.Object, results.GetProperty("absoluteLift").ValueKind);
        Assert.Equal(7, (await HoldoutAsync(host, "maya", "?days=7")).GetProperty("days").GetInt32());

        var csv = await host.Client("vic").GetAsync("/api/results/holdout?format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("side,customers,converters,conversion_rate", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("holdout,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("marketed,", lines[2], StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client("nora").GetAsync("/api/results/holdout")).StatusCode);
    }

    [Theory]
    [InlineData("?days=0", HttpStatusCode.UnprocessableEntity, "days")]
    [InlineData("?days=366", HttpStatusCode.UnprocessableEntity, "days")]
    [InlineData("?days=abc", HttpStatusCode.UnprocessableEntity, "days")]
    [InlineData("?days=-3", HttpStatusCode.UnprocessableEntity, "days")]
    [InlineData("?format=xlsx", HttpStatusCode.UnprocessableEntity, "format")]
    [InlineData("?dayz=7", HttpStatusCode.BadRequest, "did you mean 'days'")]
    public async Task Holdout_results_refuse_a_bad_query_with_a_specific_error(string query, HttpStatusCode status, string names)
    {
        await using var host = WithHoldout();

        var response = await host.Client("vic").GetAsync($"/api/results/holdout{query}");

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(names, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Holdout_results_without_a_holdout_answer_409_saying_there_is_none_in_the_API_and_in_chat()
    {
        await using var host = new LifecycleHost();

        var response = await host.Client("vic").GetAsync("/api/results/holdout");
        var text = (await host.SayAsync("vic", "holdout")).Message().Text();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("There is no global holdout (Holdout:Percent is 0)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("There is no global holdout (Holdout:Percent is 0)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Holdout_results_before_any_campaign_delivered_are_not_yet_measurable()
    {
        await using var host = WithHoldout();

        var results = await HoldoutAsync(host, "vic");

        Assert.Equal(0, results.GetProperty("marketed").GetProperty("customers").GetInt64());
        Assert.StartsWith("not yet measurable", results.GetProperty("verdict").GetString(), StringComparison.Ordinal);
        Assert.False(results.GetProperty("measurable").GetBoolean());
    }

    [Fact]
    public async Task Holdout_command_answers_the_verdict_and_both_rows_and_help_lists_it()
    {
        await using var host = WithHoldout();
        await host.ApprovedAsync(TestDrafts.OneTime());
        await host.TickAsync();
        host.Clock.Advance(TimeSpan.FromDays(8));
        var verdict = (await HoldoutAsync(host, "vic", "?days=14")).GetProperty("verdict").GetString()!;

        var message = (await host.SayAsync("vic", "holdout 14")).Message();
        var text = message.Text();

        Assert.Contains("All marketing against the 10% holdout, last 14 days", text, StringComparison.Ordinal);
        Assert.Equal(verdict, Assert.Single(message.Blocks.OfType<Notice>()).Text);
        Assert.Contains("held out", text, StringComparison.Ordinal);
        Assert.Contains("reached", text, StringComparison.Ordinal);
        Assert.Equal(2, message.Blocks.OfType<FactList>().Count());
        Assert.Contains("not a number of days", (await host.SayAsync("vic", "holdout soon")).Message().Text(), StringComparison.Ordinal);
        Assert.Contains("from 1 to 365", (await host.SayAsync("vic", "holdout 400")).Message().Text(), StringComparison.Ordinal);
        Assert.Contains("holdout [days]", (await host.SayAsync("vic", "help")).Message().Text(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> HoldoutAsync(LifecycleHost host, string user, string query = "")
    {
        var response = await host.Client(user).GetAsync($"/api/results/holdout{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    // Everyone a destination reached: what the marketed side counts.
    private static async Task<long> DeliveredAsync(LifecycleHost host)
    {
        var engine = host.Get<CustomerEngine>();
        await using var connection = await engine.OpenAsync();
        await using var command = connection.CreateCommand(engine, new SqlStatement("SELECT count(DISTINCT customer_id) FROM campaign_sends WHERE NOT is_control", []));
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
