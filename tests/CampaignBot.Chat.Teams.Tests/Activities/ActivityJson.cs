using System.Text.Json.Nodes;

namespace CampaignBot.Chat.Teams.Tests.Activities;

/// <summary>Realistic Teams activities (shapes from T1/T4 and the Agents Playground), as JSON to parse.</summary>
public static class ActivityJson
{
    public const string BotId = "28:6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
    public const string ServiceUrl = "https://smba.trafficmanager.net/emea/";

    public static JsonObject Envelope(string type) => new()
    {
        ["type"] = type,
        ["id"] = "1700000000000",
        ["timestamp"] = "2026-11-23T09:00:00.123Z",
        ["serviceUrl"] = ServiceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = "29:1maya", ["name"] = "Maya Marketer", ["aadObjectId"] = "a1b2c3d4-0000-0000-0000-00000000maya" },
        ["conversation"] = new JsonObject
        {
            ["conversationType"] = "channel",
            ["tenantId"] = "8a3f0c52-1111-4c4c-9d9d-2b2b2b2b2b2b",
            ["id"] = "19:abc123@thread.tacv2;messageid=1699999999999",
            ["isGroup"] = true,
        },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "CampaignBot" },
        ["locale"] = "en-US",
        ["channelData"] = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = "8a3f0c52-1111-4c4c-9d9d-2b2b2b2b2b2b" },
            ["team"] = new JsonObject { ["id"] = "19:team@thread.tacv2" },
            ["channel"] = new JsonObject { ["id"] = "19:abc123@thread.tacv2" },
        },
    };

    public static JsonObject Message(string text, bool mentionEntity = true)
    {
        var message = Envelope("message");
        message["text"] = text;
        message["textFormat"] = "plain";
        if (mentionEntity)
        {
            message["entities"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "mention",
                    ["text"] = "<at>CampaignBot</at>",
                    ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "CampaignBot" },
                },
                new JsonObject { ["type"] = "clientInfo", ["locale"] = "en-US", ["platform"] = "Web" });
        }

        return message;
    }

    public static JsonObject CardAction(string verb, JsonObject? data = null, string trigger = "manual")
    {
        var invoke = Envelope("invoke");
        invoke["name"] = "adaptiveCard/action";
        invoke["replyToId"] = "1699999999999";
        invoke["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["id"] = "approve-button", ["verb"] = verb, ["data"] = data ?? [] },
            ["trigger"] = trigger,
        };
        return invoke;
    }

    public static JsonObject Search(string dataset, string query)
    {
        var invoke = Envelope("invoke");
        invoke["name"] = "application/search";
        invoke["value"] = new JsonObject
        {
            ["kind"] = "search",
            ["dataset"] = dataset,
            ["queryText"] = query,
            ["queryOptions"] = new JsonObject { ["skip"] = 0, ["top"] = 15 },
        };
        return invoke;
    }
}
