using CampaignBot.App.Alerts;
using CampaignBot.Conversations;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Conversations.Tests.Harness;
using CampaignBot.Delivery.Connectors;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Conversations.Tests.Commands;

/// <summary>The on-call view in chat: "/campaign alerts" and the alert buttons, through the real conversation core.</summary>
public sealed class AlertsCommandTests
{
    [Fact]
    public async Task Alerts_lists_what_is_failing_with_the_buttons_the_reader_may_press()
    {
        var refusing = new RefusingConnectors(new ConnectorFactory(Path.GetTempPath()))
        {
            Refuse = _ => new BatchOutcome.Permanent("The folder is read-only.", FailureKind.Permission),
        };
        await using var host = await ConversationHost.StartAsync(s => s.AddSingleton<IConnectorFactory>(refusing));
        Assert.Equal("No open alerts: every destination delivered on its campaign's latest run.", (await host.SayAsync("olga", "alerts")).Message().Text());

        await host.ApprovedAsync(TestDrafts.OneTime());
        await host.TickAsync();
        var listed = (await host.SayAsync("olga", "alerts")).Message();
        var alert = Assert.Single(host.Get<AlertService>().List(new AlertQuery(), host.Maya).Unwrap().Items);

        Assert.Contains("1 alert not recovered", listed.Text());
        Assert.Equal(0, host.Get<CampaignBot.App.Mail.MailOutbox>().PendingCount()); // No mail server set up: nothing is queued to go stale.
        Assert.Contains("Winter welcome → outbox: failed at 2026-11-23 12:00 UTC", listed.Text());
        Assert.Contains("work, but Local folder says they may not do this", listed.Text());
        Assert.Equal([ChatActions.AlertRetry, ChatActions.AlertAcknowledge, ChatActions.AlertMute, ChatActions.AlertMute], listed.Buttons().Select(b => b.ActionId));
        Assert.DoesNotContain("[", (await host.SayAsync("vic", "alerts")).Message().Text(), StringComparison.Ordinal);

        var acknowledged = (await host.ClickAsync("olga", ChatActions.AlertAcknowledge, alert.Id.ToString())).Message().Text();
        var again = (await host.ClickAsync("olga", ChatActions.AlertAcknowledge, alert.Id.ToString())).Message().Text();
        var muted = (await host.ClickAsync("olga", ChatActions.AlertMute, $"{alert.Id}|4")).Message().Text();
        var refused = (await host.ClickAsync("vic", ChatActions.AlertRetry, alert.Id.ToString())).Message().Text();
        var malformed = (await host.ClickAsync("olga", ChatActions.AlertMute, "not|an alert")).Message().Text();

        Assert.Equal("You acknowledged the alert for Winter welcome → outbox; it will not be escalated.", acknowledged);
        Assert.Equal("Olga On-call already acknowledged this alert.", again);
        Assert.StartsWith("You muted the alert for Winter welcome → outbox until 2026-11-23 16:00 UTC", muted, StringComparison.Ordinal);
        Assert.Equal("Not allowed: Vic Viewer holds neither the marketer nor the oncall role needed to retry deliveries.", refused);
        Assert.StartsWith("That button does not name an alert", malformed, StringComparison.Ordinal);
        Assert.Contains("acknowledged by Olga On-call, muted until 2026-11-23 16:00 UTC", (await host.SayAsync("olga", "alerts")).Message().Text());
    }
}
