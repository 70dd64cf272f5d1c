using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CampaignBot.App.Users;
using CampaignBot.Conversations.Messages;
using CampaignBot.Conversations.Notices;
using Microsoft.Extensions.Options;
using CampaignBot.Chat.Slack.BlockKit;
using CampaignBot.Chat.Slack.WebApi;

namespace CampaignBot.Chat.Slack;

/// <summary>
/// Notices in Slack: the approvals room is Slack:ApprovalsChannel and the alerts room Slack:AlertsChannel; a person
/// is reached in their direct messages with the app through the Slack member id the user directory lists; replies
/// go in the thread of the room's message. Does nothing until Slack is configured.
/// </summary>
public sealed partial class SlackMessenger(IOptions<SlackOptions> options, SlackWebApi slack, SlackReplies replies, UserDirectory people) : IChannelMessenger
{
    public string Channel => ChatChannels.Slack;

    public bool IsConfigured => options.Value.IsConfigured;

    public async Task<PostedMessage?> PostAsync(NoticePlace place, ChatMessage message, CancellationToken cancellationToken)
    {
        var target = place switch
        {
            NoticePlace.Room { Which: NoticeRoom.Approvals } => options.Value.ApprovalsChannel,
            NoticePlace.Room { Which: NoticeRoom.Alerts } => options.Value.AlertsChannel,
            NoticePlace.Person person when people.ChannelUserOf(Channel, person.PersonId) is { } user => await slack.OpenDirectMessageAsync(user, cancellationToken),
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(target))
        {
            return null;
        }

        var posted = await slack.PostMessageAsync(target, SlackBlockKit.Message(message), cancellationToken);
        return new PostedMessage(posted.Channel, posted.Ts);
    }

    public Task UpdateAsync(PostedMessage posted, ChatMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(posted);
        return slack.UpdateMessageAsync(posted.Conversation, posted.MessageId, SlackBlockKit.Message(message), cancellationToken);
    }

    public async Task ReplyAsync(PostedMessage parent, ChatMessage message, IReadOnlyList<string> mention, bool broadcast, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(mention);
        var body = SlackBlockKit.Message(message);
        // Mentions are Slack markup, the one thing here not written through the escaping renderer: member ids only.
        var mentions = string.Join(' ', mention.Select(p => people.ChannelUserOf(Channel, p)).OfType<string>().Where(u => MemberId().IsMatch(u)).Distinct().Select(u => $"<@{u}>"));
        if (mentions.Length > 0)
        {
            body["text"] = $"{mentions} {body["text"]?.GetValue<string>()}";
            (body["blocks"] as JsonArray)?.Insert(0, new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = mentions } });
        }

        body["thread_ts"] = parent.MessageId;
        body["reply_broadcast"] = broadcast;
        await slack.PostMessageAsync(parent.Conversation, body, cancellationToken);
    }

    public async Task<bool> TellAsync(string personId, ChatMessage message, CancellationToken cancellationToken)
    {
        if (people.ChannelUserOf(Channel, personId) is not { } user)
        {
            return false;
        }

        await replies.DirectAsync(user, message, cancellationToken);
        return true;
    }

    [GeneratedRegex("^[UW][A-Z0-9]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex MemberId();
}
