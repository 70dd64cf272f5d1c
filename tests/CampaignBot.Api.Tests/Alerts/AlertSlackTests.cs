using System.Globalization;
using System.Text.Json.Nodes;
using CampaignBot.App.Alerts;
using CampaignBot.Conversations;
using CampaignBot.App.Runs;
using CampaignBot.Api.Tests.Slack;
using CampaignBot.Chat.Slack.Tests.Fakes;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Tests.Fakes;

namespace CampaignBot.Api.Tests.Alerts;

/// <summary>Delivery alerts in the on-call Slack channel, driven by real runs against fakes of the destination services.</summary>
public sealed class AlertSlackTests
{
    public static TheoryData<string, string, string> FailureClasses => new()
    {
        { "Authentication", "Authentication", "Store them in the 'Secrets:Klaviyo' settings" },
        { "Permission", "Permission", "has the audience management permission" },
        { "RateLimited", "Rate limited", "lower Scheduler:MaxConcurrentRuns" },
        { "InvalidData", "Invalid data", "TikTok needs both email and phone" },
        { "ServiceDown", "Service down", "Check status.klaviyo.com." },
        { "Configuration", "Configuration", "Check the Destinations entry named 'tiktok-main'" },
        { "Shortfall", "Shortfall", "Compare the run's delivered count" },
    };

    [Theory]
    [MemberData(nameof(FailureClasses))]
    public async Task Each_failure_class_posts_one_alert_naming_campaign_destination_cause_fix_counts_run_and_buttons(string failure, string shown, string step)
    {
        await using var alerts = await AlertHost.StartAsync(await FailingAsync(failure));
        alerts.Connectors.OutboxReportsHalf = failure == "Shortfall";
        var id = await alerts.RunAsync();

        var run = alerts.Host.OnlyRun(id);
        var posted = await alerts.PostedAsync();
        var alert = await alerts.OnlyAlertAsync();
        var text = SlackHost.Text(posted);
        Assert.All(run.Deliveries, d => Assert.Equal(("Failed", failure), (d.Status, d.Failure)));
        Assert.Equal(
            ("Open", failure, alerts.DestinationName, run.Id, run.Deliveries.Sum(d => d.Rows)),
            (alert["state"]!.GetValue<string>(), alert["failure"]!.GetValue<string>(), alert["destination"]!.GetValue<string>(), alert["runId"]!.GetValue<string>(),
                alert["delivered"]!.GetValue<long>()));
        var expected = alert["expected"]!.GetValue<long>();
        Assert.True(expected > 0);
        Assert.Contains($"Delivery failing: Winter welcome → {alerts.DestinationName}", text, StringComparison.Ordinal);
        Assert.Contains(shown, text, StringComparison.Ordinal);
        Assert.Contains(step, text, StringComparison.Ordinal);
        Assert.Contains(alert["cause"]!.GetValue<string>(), text, StringComparison.Ordinal);
        Assert.Contains($"{run.Deliveries.Sum(d => d.Rows).ToString("N0", CultureInfo.InvariantCulture)} of {expected.ToString("N0", CultureInfo.InvariantCulture)} rows", text, StringComparison.Ordinal);
        Assert.Contains($"{AlertHost.BaseUrl}api/runs/{run.Id}", text, StringComparison.Ordinal);
        Assert.All([ChatActions.AlertRetry, ChatActions.AlertAcknowledge, ChatActions.AlertMute], a => Assert.Contains(a, text, StringComparison.Ordinal));
        Assert.Single(alerts.Posts);
    }

    [Fact]
    public async Task A_second_failure_of_the_same_campaign_and_destination_updates_the_same_message_and_counts_twice()
    {
        await using var alerts = await AlertHost.StartAsync(await FakeDestination.KlaviyoAsync(new FaultPlan { Revoked = true }));
        var id = await alerts.RunAsync();
        var posted = await alerts.PostedAsync();
        var alertId = (await alerts.OnlyAlertAsync())["id"]!.GetValue<string>();

        alerts.Host.Runs.Retry(alerts.Host.OnlyRun(id).Id, alerts.Host.Maya).Unwrap();
        await alerts.Host.TickAsync();

        var updated = await alerts.UpdatedAsync("twice since");
        Assert.Equal(posted.Response!["ts"]!.GetValue<string>(), updated.Body["ts"]!.GetValue<string>());
        Assert.Single(alerts.Posts);
        var alert = await alerts.OnlyAlertAsync();
        Assert.Equal((alertId, 2, "Open"), (alert["id"]!.GetValue<string>(), alert["occurrences"]!.GetValue<int>(), alert["state"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Retry_on_the_card_sends_only_the_failed_deliveries_again_and_a_viewer_is_refused_privately()
    {
        await using var alerts = await AlertHost.StartAsync(await FakeDestination.KlaviyoAsync(new FaultPlan { Revoked = true }));
        var id = await alerts.RunAsync(alsoOutbox: true);
        await alerts.PostedAsync();
        var alertId = (await alerts.OnlyAlertAsync())["id"]!.GetValue<string>();
        var failed = alerts.Host.OnlyRun(id);
        var outboxFiles = Directory.GetFiles(alerts.Host.Outbox, "*.csv", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        Assert.Equal(nameof(RunStatus.PartiallyFailed), failed.Status);
        Assert.All(failed.Deliveries, d => Assert.Equal(d.Destination == "outbox" ? "Delivered" : "Failed", d.Status));

        var refusal = await alerts.ClickAsync("UVIC", ChatActions.AlertRetry, alertId, "Vic Viewer");
        Assert.Equal("ephemeral", refusal.Body["response_type"]!.GetValue<string>());
        await alerts.Host.TickAsync();
        Assert.Equal(nameof(RunStatus.PartiallyFailed), alerts.Host.OnlyRun(id).Status);
        Assert.Null((await alerts.OnlyAlertAsync())["retriedBy"]);
        Assert.Empty(alerts.Updates);

        alerts.Destination!.Faults.Revoked = false;
        await alerts.ClickAsync("UOLGA", ChatActions.AlertRetry, alertId, "Retrying the failed deliveries");
        await alerts.Host.TickAsync();

        var retried = alerts.Host.OnlyRun(id);
        Assert.Equal(nameof(RunStatus.Completed), retried.Status);
        Assert.All(retried.Deliveries, d => Assert.Equal((d.Destination == "outbox" ? 1 : 2, "Delivered"), (d.Attempts, d.Status)));
        Assert.Equal(outboxFiles, Directory.GetFiles(alerts.Host.Outbox, "*.csv", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc));
        var klaviyo = (FakeKlaviyo)alerts.Destination.Service;
        Assert.Equal(
            retried.Deliveries.Where(d => d.Destination == "klaviyo-main").Sum(d => d.Rows),
            retried.Deliveries.Where(d => d.Destination == "klaviyo-main").Sum(d => klaviyo.Members(klaviyo.ListId(ListName(d))!).Count));
        Assert.Equal("Olga On-call", (await alerts.OnlyAlertAsync())["retriedBy"]!.GetValue<string>());
        await alerts.UpdatedAsync("Retried");
    }

    [Fact]
    public async Task Acknowledge_by_the_on_call_person_shows_who_on_the_card_and_stops_escalation()
    {
        await using var alerts = await AlertHost.StartAsync(await FakeDestination.KlaviyoAsync(new FaultPlan { Revoked = true }));
        await alerts.RunAsync();
        await alerts.PostedAsync();
        var alertId = (await alerts.OnlyAlertAsync())["id"]!.GetValue<string>();

        await alerts.ClickAsync("UOLGA", ChatActions.AlertAcknowledge, alertId, "You acknowledged the alert");
        var updated = await alerts.UpdatedAsync("Acknowledged");
        alerts.Host.Clock.Advance(TimeSpan.FromMinutes(AlertHost.EscalateAfterMinutes * 3));
        await alerts.Alerts.CheckOpenAlertsAsync(CancellationToken.None);

        Assert.Contains("by Olga On-call", SlackHost.Text(updated), StringComparison.Ordinal);
        Assert.DoesNotContain(ChatActions.AlertAcknowledge, SlackHost.Text(updated), StringComparison.Ordinal);
        var alert = await alerts.OnlyAlertAsync();
        Assert.Equal(("Acknowledged", "Olga On-call"), (alert["state"]!.GetValue<string>(), alert["acknowledgedBy"]!.GetValue<string>()));
        Assert.Null(alert["escalatedAt"]);
        Assert.Empty(alerts.ThreadReplies);
    }

    [Fact]
    public async Task An_alert_nobody_acknowledges_in_time_escalates_once_in_its_thread_mentioning_the_escalation_list()
    {
        await using var alerts = await AlertHost.StartAsync(await FakeDestination.KlaviyoAsync(new FaultPlan { Revoked = true }));
        await alerts.RunAsync();
        var posted = await alerts.PostedAsync();

        alerts.Host.Clock.Advance(TimeSpan.FromMinutes(AlertHost.EscalateAfterMinutes - 1));
        await alerts.Alerts.CheckOpenAlertsAsync(CancellationToken.None);
        Assert.Empty(alerts.ThreadReplies);

        alerts.Host.Clock.Advance(TimeSpan.FromMinutes(2));
        await alerts.Alerts.CheckOpenAlertsAsync(CancellationToken.None);
        var reply = await alerts.ThreadReplyAsync("Escalated");
        var updated = await alerts.UpdatedAsync("Escalated");
        alerts.Host.Clock.Advance(TimeSpan.FromMinutes(AlertHost.EscalateAfterMinutes * 2));
        await alerts.Alerts.CheckOpenAlertsAsync(CancellationToken.None);

        Assert.StartsWith("<@UERIN> Escalated: nobody acknowledged this alert within 30 minutes.", reply.Body["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(posted.Response!["ts"]!.GetValue<string>(), reply.Body["thread_ts"]!.GetValue<string>());
        Assert.Equal(posted.Response!["ts"]!.GetValue<string>(), updated.Body["ts"]!.GetValue<string>());
        Assert.NotNull((await alerts.OnlyAlertAsync())["escalatedAt"]);
        Assert.Single(alerts.ThreadReplies);
        Assert.Single(alerts.Posts);
    }

    [Fact]
    public async Task A_muted_alert_is_not_escalated_until_the_mute_has_ended_and_the_allowance_passed_again()
    {
        await using var alerts = await AlertHost.StartAsync(await FakeDestination.KlaviyoAsync(new FaultPlan { Revoked = true }));
        await alerts.RunAsync();
        await alerts.PostedAsync();
        var alertId = (await alerts.OnlyAlertAsync())["id"]!.GetValue<string>();

        // The second Mute button, as Slack sends it back: its action_id carries the mark that keeps it unique in its block.
        var button = Buttons(await alerts.PostedAsync()).Single(b => b["text"]!["text"]!.GetValue<string>() == "Mute 24 h");
        Assert.Equal((ChatActions.AlertMute + "#2", $"{alertId}|24"), (button["action_id"]!.GetValue<string>(), button["value"]!.GetValue<string>()));
        await alerts.ClickAsync("UOLGA", button["action_id"]!.GetValue<string>(), button["value"]!.GetValue<string>(), "You muted the alert");
        var muted = await alerts.UpdatedAsync("Muted");
        alerts.Host.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(AlertHost.EscalateAfterMinutes - 1));
        await alerts.Alerts.CheckOpenAlertsAsync(CancellationToken.None);
        Assert.Empty(alerts.ThreadReplies);

        alerts.Host.Clock.Advance(TimeSpan.FromMinutes(2));
        await alerts.Alerts.CheckOpenAlertsAsync(CancellationToken.None);

        Assert.Contains("by Olga On-call", SlackHost.Text(muted), StringComparison.Ordinal);
        Assert.Contains("<@UERIN>", (await alerts.ThreadReplyAsync("Escalated")).Body["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_retry_delivers_the_alert_recovers_the_card_loses_its_buttons_and_the_thread_hears_it()
    {
        await using var alerts = await AlertHost.StartAsync(await FakeDestination.KlaviyoAsync(new FaultPlan { Revoked = true }));
        var id = await alerts.RunAsync();
        var posted = await alerts.PostedAsync();
        var alertId = (await alerts.OnlyAlertAsync())["id"]!.GetValue<string>();

        alerts.Destination!.Faults.Revoked = false;
        using (var client = alerts.Host.Client("maya"))
        {
            (await client.PostAsync($"/api/alerts/{alertId}/retry", null)).EnsureSuccessStatusCode();
        }

        await alerts.Host.TickAsync();

        var run = alerts.Host.OnlyRun(id);
        var card = await alerts.UpdatedAsync("Recovered: Winter welcome → klaviyo-main");
        var reply = await alerts.ThreadReplyAsync("Recovered");
        Assert.Equal(nameof(RunStatus.Completed), run.Status);
        Assert.Equal(posted.Response!["ts"]!.GetValue<string>(), card.Body["ts"]!.GetValue<string>());
        Assert.DoesNotContain("alert.", SlackHost.Text(card), StringComparison.Ordinal);
        Assert.Equal(posted.Response!["ts"]!.GetValue<string>(), reply.Body["thread_ts"]!.GetValue<string>());
        Assert.Contains($"Recovered: run {run.Id} delivered Winter welcome to klaviyo-main again after once failing.", SlackHost.Text(reply), StringComparison.Ordinal);
        var recovered = Assert.Single((await alerts.ListAsync("?state=recovered"))["items"]!.AsArray())!;
        Assert.Equal((alertId, "Recovered", run.Id), (recovered["id"]!.GetValue<string>(), recovered["state"]!.GetValue<string>(), recovered["recoveredBy"]!.GetValue<string>()));
        Assert.Empty((await alerts.ListAsync("?state=open"))["items"]!.AsArray());
    }

    private static IEnumerable<JsonObject> Buttons(FakeSlackCall card) =>
        card.Body["blocks"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "actions").SelectMany(b => b!["elements"]!.AsArray()).Select(e => e!.AsObject());

    private static string ListName(DeliveryView delivery) =>
        ListNames.For(DestinationCatalog.For(DestinationKind.Klaviyo), "Winter welcome", delivery.Group);

    private static async Task<FakeDestination?> FailingAsync(string failure) => failure switch
    {
        "Authentication" => await FakeDestination.KlaviyoAsync(new FaultPlan { Revoked = true }),
        "Permission" => await FakeDestination.TikTokAsync(new FaultPlan { RefuseWith = 40001 }),
        "RateLimited" => await FakeDestination.MetaAsync(new FaultPlan { Rate = 1, Faults = [Fault.Throttled] }),
        "InvalidData" => await FakeDestination.TikTokAsync(new FaultPlan { RefuseWith = 40062 }),
        "ServiceDown" => await FakeDestination.KlaviyoAsync(new FaultPlan { Outage = true }),
        "Configuration" => await FakeDestination.TikTokAsync(new FaultPlan(), advertiser: "7099999999999999999"),
        "Shortfall" => null,
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "No way to fail like that."),
    };
}
