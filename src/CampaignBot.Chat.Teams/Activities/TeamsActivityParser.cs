using System.Text.Json;
using System.Text.Json.Nodes;

namespace CampaignBot.Chat.Teams.Activities;

/// <summary>
/// Turns a POST /api/messages body into a <see cref="TeamsActivity"/> (T1). Strict about the fields the bot relies on
/// (type, id, channelId, serviceUrl, from, recipient, conversation, an invoke's name and value) and tolerant of every
/// field it does not read (A2005). Returns <see cref="TeamsParseResult.Invalid"/> with every problem; never throws.
/// </summary>
public static class TeamsActivityParser
{
    public const string CardActionInvoke = "adaptiveCard/action";
    public const string SearchInvoke = "application/search";

    // Duplicate keys are refused: two different "serviceUrl"s in one body must not mean one thing to us and another to a proxy.
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    public static TeamsParseResult Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body, documentOptions: Strict);
        }
        catch (JsonException error)
        {
            return new TeamsParseResult.Invalid([$"$: not valid JSON ({error.Message})"]);
        }

        return Parse(root);
    }

    public static TeamsParseResult Parse(JsonNode? root)
    {
        if (root is not JsonObject activity)
        {
            return new TeamsParseResult.Invalid(["$: an activity must be a JSON object"]);
        }

        var fields = new ActivityFields();
        var envelope = EnvelopeReader.Read(activity, fields);
        var parsed = envelope is null ? null : envelope.Type switch
        {
            "message" => Message(activity, envelope, fields),
            "conversationUpdate" => ConversationUpdate(activity, envelope, fields),
            "installationUpdate" => InstallationUpdate(activity, envelope, fields),
            "invoke" => Invoke(activity, envelope, fields),
            _ => new TeamsOtherActivity { Name = fields.String(activity, "name", "$"), Envelope = envelope },
        };

        return fields.Problems.Count > 0 || parsed is null
            ? new TeamsParseResult.Invalid(fields.Problems.Count > 0 ? fields.Problems : ["$: not a usable activity"])
            : new TeamsParseResult.Parsed(parsed);
    }

    private static TeamsActivity Message(JsonObject activity, TeamsEnvelope envelope, ActivityFields fields)
    {
        var raw = fields.String(activity, "text", "$") ?? "";
        var mentions = TeamsMessageText.BotMentions(activity["entities"] as JsonArray, envelope.Recipient);
        var text = TeamsMessageText.Normalize(raw, mentions, envelope.Recipient.Name);
        return new TeamsMessage
        {
            Text = text.Text,
            RawText = raw,
            MentionsBot = text.MentionedBot,
            Value = fields.Object(activity, "value", "$"),
            Envelope = envelope,
        };
    }

    private static TeamsActivity ConversationUpdate(JsonObject activity, TeamsEnvelope envelope, ActivityFields fields)
    {
        IReadOnlyList<TeamsAccount> Members(string name)
        {
            var members = fields.Array(activity, name, "$") ?? [];
            return [.. members.Select((m, i) => fields.Account(m, $"$.{name}[{i}]")).OfType<TeamsAccount>()];
        }

        return new TeamsConversationUpdate
        {
            MembersAdded = Members("membersAdded"),
            MembersRemoved = Members("membersRemoved"),
            Envelope = envelope,
        };
    }

    private static TeamsActivity InstallationUpdate(JsonObject activity, TeamsEnvelope envelope, ActivityFields fields) =>
        new TeamsInstallationUpdate
        {
            Action = fields.String(activity, "action", "$", required: true) ?? "",
            Envelope = envelope,
        };

    private static TeamsActivity? Invoke(JsonObject activity, TeamsEnvelope envelope, ActivityFields fields)
    {
        // Invoke activities MUST carry a name (A5401).
        var name = fields.String(activity, "name", "$", required: true);
        return name switch
        {
            null => null,
            CardActionInvoke => CardActionReader.Read(activity, envelope, fields),
            SearchInvoke => Search(activity, envelope, fields),
            _ => new TeamsOtherActivity { Name = name, Envelope = envelope },
        };
    }

    private static TeamsActivity? Search(JsonObject activity, TeamsEnvelope envelope, ActivityFields fields)
    {
        var value = fields.Object(activity, "value", "$", required: true);
        var dataset = fields.String(value, "dataset", "$.value", required: true);
        var query = fields.String(value, "queryText", "$.value", required: true, allowEmpty: true);
        var options = fields.Object(value, "queryOptions", "$.value");
        var skip = fields.Int(options, "skip", "$.value.queryOptions", fallback: 0, min: 0, max: 100_000);
        var top = fields.Int(options, "top", "$.value.queryOptions", fallback: 15, min: 1, max: 100);
        return dataset is null || query is null ? null : new TeamsSearchQuery
        {
            Dataset = dataset,
            QueryText = query,
            Skip = skip,
            Top = top,
            Envelope = envelope,
        };
    }
}
