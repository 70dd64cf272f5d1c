using CampaignBot.App.Approvals;
using CampaignBot.Conversations;
using CampaignBot.Conversations.Cards;
using CampaignBot.Api.Tests.Conversations;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Conversations.Messages;
using CampaignBot.Chat.Slack;
using CampaignBot.Chat.Slack.BlockKit;

namespace CampaignBot.Api.Tests.Slack;

/// <summary>Every message and modal the app can send to Slack, checked against Block Kit's limits before Slack sees it.</summary>
public sealed class BlockKitPayloadTests
{
    [Fact]
    public async Task Every_message_and_modal_the_app_sends_is_within_block_kit_limits()
    {
        await using var host = new LifecycleHost();
        var messages = new List<(string What, ChatMessage Message)>();
        var forms = new List<(string What, ChatForm Form)>();
        var longName = new string('N', 80);
        for (var i = 0; i < 25; i++)
        {
            host.Campaigns.Create(TestDrafts.OneTime($"Campaign {i} <!here> & {longName}"[..Math.Min(80, 30 + i)]), host.Maya).Unwrap();
        }

        var id = await host.ApprovedAsync(TestDrafts.OneTime("Winter welcome"));
        await host.TickAsync();
        var pendingId = await host.SubmittedAsync(TestDrafts.OneTime("Pending one"));
        var name = "Winter welcome";
        foreach (var command in new[] { "help", "nonsense words", "list", $"show {name}", $"preview {name}", $"runs {name}", "segments", "destinations", "segment new Spenders where lifetime_value > 100", "segment new x", $"submit {name}", "show nothing" })
        {
            messages.Add((command, (await host.SayAsync("maya", command)).Message()));
        }

        foreach (var action in new[] { ChatActions.Show, ChatActions.Preview, ChatActions.Runs, ChatActions.Pause, ChatActions.Approve })
        {
            messages.Add((action, (await host.ClickAsync("omar", action, id.ToString())).Message()));
        }

        forms.Add(("reject", (await host.ClickAsync("omar", ChatActions.Reject, pendingId.ToString())).Form()));
        var request = host.Get<ApprovalStore>().ForCampaign(pendingId).Last();
        var pending = host.View(pendingId);
        var counts = (await host.Get<CampaignBot.App.Campaigns.CampaignPreviews>().PreviewAsync(pendingId, host.Maya, CancellationToken.None)).Unwrap();
        messages.Add(("approval card", ApprovalCard.Pending(pending, counts, request, host.Clock.GetUtcNow())));
        messages.Add(("decided card", ApprovalCard.Decided(request, "approved")));
        messages.Add(("expired card", ApprovalCard.Expired(request)));
        messages.Add(("run", RunCard.For(host.Runs.ForCampaign(id, host.Maya).Unwrap()[0], host.Clock.GetUtcNow())));
        var alert = new CampaignBot.App.Alerts.AlertRecord
        {
            Id = Guid.NewGuid(),
            CampaignName = "Winter <!here> & " + longName,
            Destination = "klaviyo-main",
            Service = "Klaviyo",
            State = CampaignBot.App.Alerts.AlertState.Open,
            Failure = CampaignBot.Delivery.Connectors.FailureKind.Authentication,
            Cause = new string('c', 4000),
            Steps = [.. Enumerable.Range(0, 12).Select(i => new string('s', 400))],
            RunId = "run-1",
            Deliveries = [.. Enumerable.Range(0, 30).Select(i => new CampaignBot.App.Alerts.AlertDelivery { Group = $"Group {i}", Status = "Failed", Expected = 1000 })],
            Occurrences = 3,
            RaisedAt = host.Clock.GetUtcNow(),
            EscalatedAt = host.Clock.GetUtcNow(),
        };
        var alertOptions = new CampaignBot.App.Alerts.AlertsOptions { MuteHours = [1, 4, 24, 168] };
        messages.Add(("alert card", AlertCard.For(CampaignBot.App.Alerts.AlertView.Of(alert, host.Maya.Person, alertOptions), host.Clock.GetUtcNow(), alertOptions.MuteHours)));
        alert.State = CampaignBot.App.Alerts.AlertState.Recovered;
        alert.RecoveredAt = host.Clock.GetUtcNow();
        alert.RecoveredBy = "run-2";
        messages.Add(("recovered alert card", AlertCard.For(CampaignBot.App.Alerts.AlertView.Of(alert, host.Maya.Person, alertOptions), host.Clock.GetUtcNow(), alertOptions.MuteHours)));
        messages.Add(("alert recovery", AlertCard.Recovery(CampaignBot.App.Alerts.AlertView.Of(alert, host.Maya.Person, alertOptions))));
        messages.Add(("alerts", (await host.SayAsync("maya", "alerts")).Message()));
        messages.Add(("oversized", new ChatMessage(new string('s', 5000), [.. Enumerable.Range(0, 120).Select(i => (ChatBlock)new Paragraph(new string('p', 4000))), new BulletList([.. Enumerable.Range(0, 500).Select(i => $"item {i}")])])));

        var step = (await host.SayAsync("maya", "new")).Form();
        forms.Add(("basics", step));
        step = (await host.SubmitAsync("maya", step, ("name", ["Checked"]), ("type", ["recurring"]), ("audience.include", ["Loyalty members"]))).Form();
        forms.Add(("sub-audience", step));
        step = (await host.SubmitAsync("maya", step, ("subAudiences[0].name", ["Everyone"]), ("subAudiences[0].segment", ["*"]), ("subAudiences[0].controlPercent", ["10"]), ("groupCount", ["5"]))).Form();
        forms.Add(("groups", step));
        step = (await host.SubmitAsync("maya", step, [.. Enumerable.Range(0, 5).SelectMany(j => new (string, string[])[]
        {
            ($"subAudiences[0].groups[{j}].name", [$"Group {j} offer"]), ($"subAudiences[0].groups[{j}].percent", ["18"]), ($"subAudiences[0].groups[{j}].destinations", ["outbox"]),
        }), ("another", ["no"])])).Form();
        forms.Add(("attributes", step));
        step = (await host.SubmitAsync("maya", step)).Form();
        forms.Add(("schedule", step));
        step = (await host.SubmitAsync("maya", step, ("schedule.launch", ["2027-01-04 09:00"]), ("schedule.cadence", ["weekly"]), ("schedule.timeZone", ["America/Los_Angeles"]))).Form();
        forms.Add(("review", step));

        var violations = messages.SelectMany(m => BlockKitLimits.CheckMessage(SlackBlockKit.Message(m.Message)).Select(v => $"{m.What}: {v.Path} {v.Rule}"))
            .Concat(forms.SelectMany(f => BlockKitLimits.CheckView(SlackBlockKit.Modal(f.Form)).Select(v => $"{f.What}: {v.Path} {v.Rule}")))
            .ToList();

        Assert.True(violations.Count == 0, string.Join('\n', violations));
        Assert.Equal(26, messages.Count);
        Assert.Equal(7, forms.Count);
    }
}
