using System.Buffers;
using System.Data.Common;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CampaignBot.Conversations;
using CampaignBot.App.Runs;
using CampaignBot.Api.Tests.Alerts;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Api.Tests.Slack;
using CampaignBot.Customers.Engine;
using CampaignBot.Delivery.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CampaignBot.Api.Tests.Logging;

/// <summary>
/// The logging rule in the README: with every category at Trace, a whole Slack conversation, a campaign run to the
/// outbox and Klaviyo, and REST calls about a customer leave no credential and no customer value in any log entry.
/// </summary>
public sealed partial class LogRedactionTests
{
    [Fact]
    public async Task A_slack_conversation_and_a_campaign_run_logged_at_trace_write_no_credential_or_customer_value()
    {
        var logs = new CapturedLogs();
        var klaviyo = await FakeDestination.KlaviyoAsync(new FaultPlan());
        await using var _ = klaviyo.Service;
        var settings = new Dictionary<string, string?>(klaviyo.Settings)
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            // Even named outright, the categories that write raw URLs stay quiet.
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace",
            ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
        };
        // Signatures are made at the test's start; the service and Klaviyo's job polls run on real time.
        await using var slack = await SlackHost.StartAsync(settings, s =>
        {
            s.AddSingleton(TimeProvider.System);
            s.AddLogging(logging => logging.ClearProviders().AddProvider(logs));
        }, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var host = slack.Host;
        var customer = await DemoCustomerAsync(host);
        var id = host.Campaigns.Create(TestDrafts.OneTime().WithSubAudience(s => s with
        {
            Groups = s.Groups!.Select(g => g with { Destinations = [TestDrafts.Outbox(), TestDrafts.Outbox(klaviyo.Attributes) with { Destination = klaviyo.Name }] }).ToList(),
        }), host.Maya).Unwrap().Id;
        var responseUrls = new List<Uri>();
        var triggers = new List<string>();
        Uri NewResponseUrl()
        {
            responseUrls.Add(slack.Slack.NewResponseUrl());
            return responseUrls[^1];
        }

        string NewTrigger()
        {
            triggers.Add($"trigger-{Guid.NewGuid():N}");
            return triggers[^1];
        }

        // Someone Slack knows only by their profile email asks for help: users.info, then an ephemeral reply.
        using (await slack.CommandAsync("UNEWBIE", "help", NewResponseUrl(), NewTrigger()))
        {
            await RepliesAsync(slack, 1);
        }

        using (await slack.CommandAsync("UMAYA", "new", NewResponseUrl(), NewTrigger()))
        {
            await slack.WaitForAsync("views.open");
        }

        using (await slack.CommandAsync("UMAYA", $"explain {customer.Email} in Winter welcome", NewResponseUrl(), NewTrigger()))
        {
            await RepliesAsync(slack, 2);
        }

        // The submission's reply comes after its approval cards are posted and stored, so the click can update them.
        using (await slack.CommandAsync("UMAYA", "submit Winter welcome", NewResponseUrl(), NewTrigger()))
        {
            await RepliesAsync(slack, 3);
        }

        using (await slack.InteractionAsync(SlackHost.Click("UOMAR", ChatActions.Approve, id.ToString(), NewResponseUrl(), SlackHost.ApprovalsChannel)))
        {
            await slack.WaitForAsync("chat.update", c => c.Body["channel"]!.GetValue<string>() == SlackHost.ApprovalsChannel);
        }

        await host.TickAsync();
        await slack.WaitForAsync("chat.postMessage", c => SlackHost.Text(c).Contains("run completed", StringComparison.OrdinalIgnoreCase));
        using (await slack.EventAsync(Mention("UMAYA", "runs Winter welcome")))
        {
            await slack.WaitForAsync("chat.postMessage", c => c.Body["thread_ts"]?.GetValue<string>() == "1700000300.000100");
        }

        using var maya = host.Client("maya");
        using var explained = await maya.GetAsync($"/api/campaigns/{id}/explain?customer={Uri.EscapeDataString(customer.Email)}");
        using var misread = await maya.GetAsync($"/api/campaigns?page={Uri.EscapeDataString(customer.Phone)}");

        var run = host.OnlyRun(id);
        Assert.Equal(nameof(RunStatus.Completed), run.Status);
        Assert.Contains(run.Deliveries, d => d.Destination == klaviyo.Name && d.Rows > 0);
        Assert.Equal(HttpStatusCode.OK, explained.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, misread.StatusCode);
        Assert.True(slack.Slack.CallsTo("response_url").Count >= 3, "Every reply at a response_url arrived.");

        var entries = logs.Entries;
        var secrets = new List<string> { SlackHost.SigningSecret, slack.Slack.BotToken, FakeDestination.KlaviyoKey, "-local-only" };
        secrets.AddRange(CampaignBotFactory.ApiUsers.Select(CampaignBotFactory.KeyOf));
        secrets.AddRange(responseUrls.SelectMany(u => new[] { u.AbsoluteUri, u.AbsolutePath, u.Segments[^1] }));
        secrets.AddRange(triggers);
        var customerValues = await CustomerValuesAsync(host);
        AssertNoneContain(entries, "a credential", SearchValues.Create([.. secrets], StringComparison.Ordinal));
        AssertNoneContain(entries, "a customer value", SearchValues.Create([.. customerValues], StringComparison.Ordinal));
        AssertNoneMatch(entries, "an email address", EmailAddress());
        AssertNoneMatch(entries, "a phone number", PhoneNumber());

        // The outbound calls are still there to debug with, by host and route template.
        Assert.Contains(entries, e => e.Contains($"POST {slack.Slack.BaseAddress.Authority} /response/{{…}} answered 200", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Contains($"POST {slack.Slack.BaseAddress.Authority} /api/chat.postMessage answered 200", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Contains($"POST {klaviyo.Service.BaseAddress.Authority} /api/profile-bulk-import-jobs answered 202", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.StartsWith("Debug Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+(@|%40)[A-Za-z0-9-]+\.[A-Za-z0-9.-]+")]
    private static partial Regex EmailAddress();

    // E.164 and the demo data's malformed 555- numbers.
    [GeneratedRegex(@"(\+|%2B)[1-9]\d{7,14}|\b555-\d{1,4}\b")]
    private static partial Regex PhoneNumber();

    private static void AssertNoneContain(IReadOnlyList<string> entries, string what, SearchValues<string> values)
    {
        var leaks = entries.Where(e => e.AsSpan().IndexOfAny(values) >= 0).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} log entries hold {what}, e.g.:\n{string.Join("\n---\n", leaks.Take(3))}");
    }

    private static void AssertNoneMatch(IReadOnlyList<string> entries, string what, Regex pattern)
    {
        var leaks = entries.Where(e => pattern.IsMatch(e)).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} log entries hold {what}, e.g.:\n{string.Join("\n---\n", leaks.Take(3))}");
    }

    private static async Task RepliesAsync(SlackHost slack, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (slack.Slack.CallsTo("response_url").Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Only {slack.Slack.CallsTo("response_url").Count} of {count} replies arrived at a response_url.");
            await Task.Delay(20);
        }
    }

    private static JsonObject Mention(string user, string text) => new()
    {
        ["type"] = "event_callback",
        ["team_id"] = "T0001",
        ["api_app_id"] = "A0001",
        ["event_id"] = $"Ev{Guid.NewGuid():N}",
        ["event_time"] = 1700000300,
        ["event"] = new JsonObject
        {
            ["type"] = "app_mention", ["user"] = user, ["text"] = $"<@UBOT> {text}", ["ts"] = "1700000300.000100", ["channel"] = SlackHost.Channel, ["event_ts"] = "1700000300.000100",
        },
    };

    /// <summary>A loyalty member with an email and a phone: the customer the test asks about by name.</summary>
    private static async Task<(string Email, string Phone)> DemoCustomerAsync(LifecycleHost host)
    {
        await using var connection = await host.Get<CustomerEngine>().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT email, phone FROM merged_customers WHERE email LIKE '%@%.%' AND phone LIKE '+%' ORDER BY customer_id LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetString(1));
    }

    /// <summary>Every demo customer's email, phone, full name and device ids, as stored and as merged.</summary>
    private static async Task<string[]> CustomerValuesAsync(LifecycleHost host)
    {
        await using var connection = await host.Get<CustomerEngine>().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT email, phone, given_name || ' ' || surname, idfa, aaid FROM customer_360
            UNION ALL SELECT email, phone, NULL, NULL, NULL FROM merged_customers
            """;
        var values = new HashSet<string>(StringComparer.Ordinal);
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (!reader.IsDBNull(i) && reader.GetString(i) is { Length: >= 6 } value)
                {
                    values.Add(value);
                }
            }
        }

        Assert.True(values.Count > 1000, "The demo customers were read.");
        return [.. values];
    }
}
