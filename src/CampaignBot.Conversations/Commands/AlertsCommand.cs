using CampaignBot.App.Alerts;
using CampaignBot.Conversations.Cards;
using CampaignBot.Conversations.Messages;
using Microsoft.Extensions.Options;

namespace CampaignBot.Conversations.Commands;

/// <summary>What is failing right now: the open and acknowledged alerts, newest first, with the buttons to answer them.</summary>
public sealed class AlertsCommand(AlertService alerts, IOptions<AlertsOptions> options, TimeProvider clock) : IChatCommand
{
    private const int Shown = 5;

    public string Verb => "alerts";

    public string Usage => "alerts";

    public string Description => "failing deliveries that are not recovered yet, with Retry, Acknowledge and Mute";

    public Task<ChatReply> RunAsync(ChatCaller caller, string arguments, CancellationToken cancellationToken)
    {
        var open = alerts.List(new AlertQuery { State = nameof(AlertState.Open), PageSize = Shown }, caller.Actor!);
        var acknowledged = alerts.List(new AlertQuery { State = nameof(AlertState.Acknowledged), PageSize = Shown }, caller.Actor!);
        return Task.FromResult(ResultMessages.Reply(open, first => Render(first, acknowledged.Unwrap(), clock.GetUtcNow())));
    }

    private ChatMessage Render(AlertPage open, AlertPage acknowledged, DateTimeOffset now)
    {
        var total = open.Total + acknowledged.Total;
        if (total == 0)
        {
            return ChatMessage.Plain("No open alerts: every destination delivered on its campaign's latest run.");
        }

        var blocks = new List<ChatBlock> { new Heading($"{Quantities.Of(total, "alert", "alerts")} not recovered") };
        foreach (var alert in open.Items.Concat(acknowledged.Items).Take(Shown))
        {
            blocks.Add(new Divider());
            blocks.Add(new Paragraph($"{AlertCard.Subject(alert)}: {AlertCard.Status(alert, now)}"));
            blocks.Add(new Notice(alert.Cause, Tone.Error));
            if (alert.Actions.Count > 0)
            {
                blocks.Add(new ActionRow(AlertCard.Buttons(alert, options.Value.MuteHours)));
            }
        }

        if (total > Shown)
        {
            blocks.Add(new Footnote($"The {Shown} most recent of {total}; GET /api/alerts lists them all."));
        }

        return new ChatMessage($"{Quantities.Of(total, "alert", "alerts")} not recovered", blocks);
    }
}
