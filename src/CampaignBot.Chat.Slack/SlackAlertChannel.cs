using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CampaignBot.App.Alerts;
using CampaignBot.Conversations.Cards;
using CampaignBot.Chat.Slack;
using Humanizer;
using Microsoft.Extensions.Options;

namespace CampaignBot.Chat.Slack;

/// <summary>
/// Delivery alerts in Slack:AlertsChannel: one message per alert, posted when raised and updated in place on
/// every change after, with thread replies when it escalates (mentioning the escalation list) and when it recovers.
/// Does nothing until Slack and its alerts channel are configured.
/// </summary>
public sealed partial class SlackAlertChannel(
    IOptions<SlackOptions> slackOptions, IOptions<AlertsOptions> alertOptions, SlackWebApi slack, AlertStore alerts, AlertRecipients recipients, TimeProvider clock)
    : IAlertChannel
{
    public async Task PublishAsync(AlertRecord alert, AlertChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (!slackOptions.Value.IsConfigured || slackOptions.Value.AlertsChannel is not { Length: > 0 } channel)
        {
            return;
        }

        var view = AlertView.Of(alert, mayAnswer: false, alertOptions.Value);
        var card = SlackBlockKit.Message(AlertCard.For(view, clock.GetUtcNow(), alertOptions.Value.MuteHours));
        if (alert.ChatChannel is not { } postedIn || alert.ChatMessage is not { } ts)
        {
            var posted = await slack.PostMessageAsync(channel, card, cancellationToken);
            alerts.RecordChatMessage(alert.Id, posted.Channel, posted.Ts);
            (postedIn, ts) = (posted.Channel, posted.Ts);
        }
        else
        {
            await slack.UpdateMessageAsync(postedIn, ts, card, cancellationToken);
        }

        var reply = change switch
        {
            AlertChange.Escalated => Escalation(alert),
            AlertChange.Recovered => SlackBlockKit.Message(AlertCard.Recovery(view)),
            _ => null,
        };
        if (reply is not null)
        {
            reply["thread_ts"] = ts;
            reply["reply_broadcast"] = change == AlertChange.Escalated;
            await slack.PostMessageAsync(postedIn, reply, cancellationToken);
        }
    }

    // Mentions are Slack markup, so this one message is written for Slack rather than through the neutral model.
    private JsonObject Escalation(AlertRecord alert)
    {
        var mentions = string.Join(' ', recipients.EscalationSlackUsers().Where(u => SlackUserId().IsMatch(u)).Select(u => $"<@{u}>"));
        var text = $"Escalated: nobody acknowledged this alert within {TimeSpan.FromMinutes(alertOptions.Value.EscalateAfterMinutes).Humanize()}. "
            + $"{SlackText.Escape(alert.CampaignName)} still fails at {SlackText.Escape(alert.Destination)}.";
        return new JsonObject { ["text"] = mentions.Length > 0 ? $"{mentions} {text}" : text };
    }

    [GeneratedRegex("^[UW][A-Z0-9]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlackUserId();
}
