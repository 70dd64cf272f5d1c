using System.Text.Json.Nodes;

namespace CampaignBot.Chat.Teams.Activities;

/// <summary>Reads the fields every activity has (T1); null when a required one is missing (the problems say which).</summary>
internal static class EnvelopeReader
{
    public static TeamsEnvelope? Read(JsonObject activity, ActivityFields fields)
    {
        var type = fields.String(activity, "type", "$", required: true);
        var id = fields.String(activity, "id", "$", required: true);
        var channelId = fields.String(activity, "channelId", "$", required: true);
        var serviceUrl = fields.String(activity, "serviceUrl", "$", required: true);
        if (serviceUrl is not null && !IsHttpUrl(serviceUrl))
        {
            fields.Problem("$.serviceUrl", "must be an absolute http(s) URL");
        }

        var from = fields.Account(activity["from"], "$.from");
        var recipient = fields.Account(activity["recipient"], "$.recipient");
        var conversation = Conversation(activity, fields);
        var replyToId = fields.String(activity, "replyToId", "$");
        var timestamp = fields.Timestamp(activity, "timestamp", "$");
        var locale = fields.String(activity, "locale", "$");
        var channelData = ChannelData(activity, fields);
        if (type is null || id is null || channelId is null || serviceUrl is null || from is null || recipient is null || conversation is null)
        {
            return null;
        }

        return new TeamsEnvelope
        {
            Type = type,
            Id = id,
            ChannelId = channelId,
            ServiceUrl = serviceUrl,
            From = from,
            Recipient = recipient,
            Conversation = conversation,
            ReplyToId = replyToId,
            Timestamp = timestamp,
            Locale = locale,
            ChannelData = channelData,
        };
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static TeamsConversation? Conversation(JsonObject activity, ActivityFields fields)
    {
        var conversation = fields.Object(activity, "conversation", "$", required: true);
        if (conversation is null)
        {
            return null;
        }

        var id = fields.String(conversation, "id", "$.conversation", required: true);
        var type = fields.String(conversation, "conversationType", "$.conversation");
        var tenant = fields.String(conversation, "tenantId", "$.conversation");
        var isGroup = fields.Bool(conversation, "isGroup", "$.conversation");
        var name = fields.String(conversation, "name", "$.conversation");
        return id is null ? null : new TeamsConversation(id, type, tenant, isGroup, name);
    }

    private static TeamsChannelData ChannelData(JsonObject activity, ActivityFields fields)
    {
        var data = fields.Object(activity, "channelData", "$");
        if (data is null)
        {
            return new TeamsChannelData();
        }

        string? IdOf(string name) => fields.String(fields.Object(data, name, "$.channelData"), "id", $"$.channelData.{name}");
        return new TeamsChannelData(IdOf("tenant"), IdOf("team"), IdOf("channel"), fields.String(data, "eventType", "$.channelData"));
    }
}
