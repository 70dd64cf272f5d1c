using System.Text.Json.Nodes;

namespace CampaignBot.Chat.Teams.Connector;

/// <summary>
/// The Bot Connector REST calls the bot makes (T3), against the serviceUrl of the conversation. Only serviceUrls learned
/// from authenticated activities are called (<see cref="TrustedServiceUrls"/>); anything else is refused before a byte is sent.
/// </summary>
public sealed partial class BotConnectorClient(
    HttpClient http, ConnectorTokenSource tokens, TrustedServiceUrls trusted, TeamsDevelopmentMode development, TimeProvider time, Random jitter, ILogger<BotConnectorClient> logger)
{
    /// <summary>Posts a new message to the conversation (a channel post starts a thread).</summary>
    public async Task<SentActivity> SendAsync(string serviceUrl, string conversationId, JsonObject activity, CancellationToken cancellationToken = default)
    {
        var body = Addressed(activity, conversationId);
        var response = await CallAsync("send", HttpMethod.Post, serviceUrl, Route(conversationId, "activities"), body, cancellationToken).ConfigureAwait(false);
        return new SentActivity(Id(response));
    }

    /// <summary>Answers in the thread of <paramref name="activityId"/> (a run update under its approval card).</summary>
    public async Task<SentActivity> ReplyAsync(string serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken cancellationToken = default)
    {
        var body = Addressed(activity, conversationId);
        body["replyToId"] = activityId;
        var response = await CallAsync("reply", HttpMethod.Post, serviceUrl, Route(conversationId, "activities", activityId), body, cancellationToken).ConfigureAwait(false);
        return new SentActivity(Id(response));
    }

    /// <summary>Replaces a message the bot sent, for everyone (T4: the invoke response changes only the clicker's view).</summary>
    public async Task<SentActivity> UpdateAsync(string serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken cancellationToken = default)
    {
        var body = Addressed(activity, conversationId);
        body["id"] = activityId;
        var response = await CallAsync("update", HttpMethod.Put, serviceUrl, Route(conversationId, "activities", activityId), body, cancellationToken).ConfigureAwait(false);
        return new SentActivity(Id(response) is { Length: > 0 } id ? id : activityId);
    }

    /// <summary>Opens (or finds) the 1:1 chat with a person, for proactive messages; store the id it returns (T3).</summary>
    public async Task<CreatedConversation> CreateConversationAsync(string serviceUrl, NewPersonalConversation conversation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var body = new JsonObject
        {
            ["isGroup"] = false,
            ["bot"] = new JsonObject { ["id"] = conversation.BotId },
            ["members"] = new JsonArray(new JsonObject { ["id"] = conversation.MemberId }),
            ["tenantId"] = conversation.TenantId,
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = conversation.TenantId } },
        };
        var response = await CallAsync("create conversation", HttpMethod.Post, serviceUrl, "v3/conversations", body, cancellationToken).ConfigureAwait(false);
        return new CreatedConversation(Id(response), Str(response, "activityId"));
    }

    /// <summary>One member of the conversation's roster, with their email; null when they are not in it.</summary>
    public async Task<TeamsMember?> GetMemberAsync(string serviceUrl, string conversationId, string userId, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync("get member", HttpMethod.Get, serviceUrl, Route(conversationId, "members", userId), body: null, cancellationToken, notFoundIsNull: true).ConfigureAwait(false);
        if (response is null)
        {
            return null;
        }

        return new TeamsMember(
            Str(response, "id") ?? userId,
            Str(response, "name"),
            Str(response, "aadObjectId") ?? Str(response, "objectId"),
            Str(response, "email"),
            Str(response, "userPrincipalName"),
            Str(response, "tenantId"));
    }

    /// <summary>Conversation and activity ids hold ':', '@' and ';' (19:…@thread.tacv2;messageid=…), so every segment is escaped (T3).</summary>
    internal static string Route(string conversationId, string collection, string? itemId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        var route = $"v3/conversations/{Uri.EscapeDataString(conversationId)}/{collection}";
        return itemId is null ? route : $"{route}/{Uri.EscapeDataString(itemId)}";
    }

    private static JsonObject Addressed(JsonObject activity, string conversationId)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var body = activity.DeepClone().AsObject();
        body["type"] ??= "message";
        body["conversation"] ??= new JsonObject { ["id"] = conversationId };
        return body;
    }

    private static string Id(JsonObject? response) => Str(response, "id") ?? "";

    private static string? Str(JsonObject? node, string name) =>
        node?[name] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;
}
