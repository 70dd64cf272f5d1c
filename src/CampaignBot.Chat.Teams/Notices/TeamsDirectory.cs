using CampaignBot.App.Users;
using CampaignBot.Chat.Teams.Connector;
using CampaignBot.Chat.Teams.References;
using CampaignBot.Conversations.Inbound;

namespace CampaignBot.Chat.Teams.Notices;

/// <summary>
/// A Teams user's email from the roster of the conversation they last wrote in (GET v3/conversations/{id}/members/{userId}),
/// for people the user directory does not list by Entra object id. The roster's email is the Entra mail attribute;
/// when a tenant leaves it empty, the user principal name (usually the same address) is used.
/// </summary>
public sealed partial class TeamsDirectory(TeamsConversations references, BotConnectorClient connector, ILogger<TeamsDirectory> logger) : IChannelDirectory
{
    public string Channel => ChatChannels.Teams;

    public async Task<string?> EmailOfAsync(string userId, CancellationToken cancellationToken)
    {
        // Every activity is remembered before the pipeline asks, so someone who wrote is always found here.
        if (references.Member(userId) is not { } member)
        {
            return null;
        }

        try
        {
            var entry = await connector.GetMemberAsync(member.ServiceUrl, member.LastConversationId, member.MemberId, cancellationToken);
            return entry?.Email is { Length: > 0 } email ? email : entry?.UserPrincipalName is { Length: > 0 } upn ? upn : null;
        }
        catch (BotConnectorException e)
        {
            LogLookupFailed(userId, e.Code);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read Teams user {PersonKey} from the roster: {Code}")]
    private partial void LogLookupFailed(string personKey, string code);
}
