using CampaignBot.Api.Tests.Slack;
using CampaignBot.App.Runs;
using CampaignBot.Chat.Slack.Tests.Fakes;
using CampaignBot.Customers.Engine;

namespace CampaignBot.Api.Tests.Triggers;

/// <summary>A triggered campaign passes every minute while events flow: its passes stay out of the campaign's thread unless one fails.</summary>
public sealed class TriggerNoticeTests
{
    private const string AlertsChannel = "CALERTS";

    [Fact]
    public async Task Passes_that_send_post_no_run_notices_and_a_failing_pass_still_alerts()
    {
        await using var slack = await SlackHost.StartAsync(new Dictionary<string, string?>
        {
            ["Triggers:Cooldown"] = "00:00:00",
            ["Scheduler:BatchAttempts"] = "1",
            ["Slack:AlertsChannel"] = AlertsChannel,
        });
        var host = slack.Host;
        var id = await host.ApprovedAsync(TriggerKit.Orders(control: 0));
        // The thread exists once the approval went out in full; run notices reply under it.
        await slack.WaitForAsync("chat.postMessage", c => SlackHost.Text(c).Contains("Your campaign Order thanks was approved", StringComparison.Ordinal));

        for (var pass = 0; pass < 2; pass++)
        {
            await host.SendAsync(TriggerKit.OrdersFor(Enumerable.Range(1 + (pass * 100), 100), $"p{pass}", host.Clock.GetUtcNow()));
            host.Clock.Advance(TimeSpan.FromMinutes(1));
            await host.TickAsync();
        }

        var passes = host.Passes(id);
        Assert.Equal(2, passes.Count);
        Assert.All(passes, p => Assert.Equal(nameof(RunStatus.Completed), p.Status));
        Assert.NotEmpty(TriggerKit.Delivered(host.Outbox));

        // The audience step throws on the third pass: it fails, and on-call hears it in the alerts room and the thread.
        var engine = host.Get<CustomerEngine>();
        await using (var connection = await engine.OpenAsync())
        {
            await connection.ExecuteAsync(engine, "ALTER TABLE customer_360 RENAME TO customer_360_away", null, CancellationToken.None);
        }

        await host.SendAsync(TriggerKit.OrdersFor(Enumerable.Range(201, 50), "p2", host.Clock.GetUtcNow()));
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.TickAsync();
        var failed = host.Passes(id)[^1];
        Assert.Equal(nameof(RunStatus.Failed), failed.Status);
        await slack.WaitForAsync("chat.postMessage", c => c.Body["channel"]?.GetValue<string>() == AlertsChannel);
        await slack.WaitForAsync("chat.postMessage", c => SlackHost.Text(c).Contains(failed.Id, StringComparison.Ordinal));

        // The thread's notices go out in order, so by the failed pass's card the two passes before it would have posted.
        await slack.IdleAsync();
        Assert.DoesNotContain(Posts(slack.Slack), text => text.Contains("Run started", StringComparison.Ordinal) || passes.Any(p => text.Contains(p.Id, StringComparison.Ordinal)));
    }

    private static List<string> Posts(FakeSlack slack) =>
        [.. slack.CallsTo("chat.postMessage").Concat(slack.CallsTo("chat.update")).Select(SlackHost.Text)];
}
