using CampaignBot.App.Users;
using CampaignBot.Conversations.Inbound;
using CampaignBot.Chat.Slack.WebApi;

namespace CampaignBot.Chat.Slack;

/// <summary>
/// A Slack member's profile email (readable only with the users:read.email scope), for people the user directory
/// does not list by Slack member id.
/// </summary>
public sealed partial class SlackDirectory(SlackWebApi slack, ILogger<SlackDirectory> logger) : IChannelDirectory
{
    public string Channel => ChatChannels.Slack;

    public async Task<string?> EmailOfAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            var user = await slack.GetUserAsync(userId, cancellationToken);
            return user is { IsBot: false, Email: { Length: > 0 } email } ? email : null;
        }
        catch (SlackApiException e)
        {
            LogLookupFailed(userId, e.Error);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look up Slack user {SlackUser}: {Error}")]
    private partial void LogLookupFailed(string slackUser, string error);
}
