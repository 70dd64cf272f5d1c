using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CampaignBot.Chat.Slack;
using CampaignBot.Chat.Slack.BlockKit;

namespace CampaignBot.Chat.Slack.Tests.Fakes;

/// <summary>The Web API methods FakeSlack implements; each runs under the fake's lock.</summary>
public sealed partial class FakeSlack
{
    private readonly Dictionary<(string Channel, string Ts), JsonObject> _messages = [];
    private readonly Dictionary<string, JsonObject> _views = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string? Email, bool IsBot)> _users = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedTriggers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _expiredTriggers = new(StringComparer.Ordinal);
    private int _sequence;

    /// <summary>A user users.info and conversations.open know; <paramref name="email"/> null is a user without users:read.email data.</summary>
    public void AddUser(string id, string? email, bool isBot = false)
    {
        lock (_lock)
        {
            _users[id] = (email, isBot);
        }
    }

    /// <summary>views.open with this trigger_id answers expired_trigger_id, as Slack does 3 s after the click (S4).</summary>
    public void ExpireTrigger(string triggerId)
    {
        lock (_lock)
        {
            _expiredTriggers.Add(triggerId);
        }
    }

    /// <summary>The message as last posted or updated at (channel, ts), or null.</summary>
    public JsonObject? Message(string channel, string ts)
    {
        lock (_lock)
        {
            return _messages.TryGetValue((channel, ts), out var message) ? message.DeepClone().AsObject() : null;
        }
    }

    public JsonObject? View(string viewId)
    {
        lock (_lock)
        {
            return _views.TryGetValue(viewId, out var view) ? view.DeepClone().AsObject() : null;
        }
    }

    private JsonObject Dispatch(string method, JsonObject body) => method switch
    {
        "chat.postMessage" => PostMessage(body),
        "chat.update" => UpdateMessage(body),
        "chat.postEphemeral" => PostEphemeral(body),
        "views.open" => OpenView(body),
        "views.update" => UpdateView(body),
        "users.info" => UserInfo(body),
        "conversations.open" => OpenConversation(body),
        _ => Error("unknown_method"),
    };

    private JsonObject PostMessage(JsonObject body)
    {
        if (MessageError(body) is { } error)
        {
            return error;
        }

        var channel = Str(body, "channel");
        var ts = NextTs();
        var stored = body.DeepClone().AsObject();
        stored["ts"] = ts;
        _messages[(channel, ts)] = stored;
        return new JsonObject
        {
            ["ok"] = true,
            ["channel"] = channel,
            ["ts"] = ts,
            ["message"] = new JsonObject { ["type"] = "message", ["text"] = Str(body, "text"), ["ts"] = ts, ["bot_id"] = "B0FAKEBOT" },
        };
    }

    private JsonObject UpdateMessage(JsonObject body)
    {
        var key = (Str(body, "channel"), Str(body, "ts"));
        if (!_messages.TryGetValue(key, out var stored))
        {
            return Error("message_not_found");
        }

        if (MessageError(body) is { } error)
        {
            return error;
        }

        // Omitting blocks keeps the old ones (S4).
        foreach (var (name, value) in body)
        {
            stored[name] = value?.DeepClone();
        }

        return new JsonObject { ["ok"] = true, ["channel"] = key.Item1, ["ts"] = key.Item2, ["text"] = Str(stored, "text") };
    }

    private JsonObject PostEphemeral(JsonObject body)
    {
        if (!UserId().IsMatch(Str(body, "user")))
        {
            return Error("user_not_in_channel");
        }

        return MessageError(body) ?? new JsonObject { ["ok"] = true, ["message_ts"] = NextTs() };
    }

    private JsonObject OpenView(JsonObject body)
    {
        var trigger = Str(body, "trigger_id");
        if (trigger.Length == 0 || body["view"] is not JsonObject view)
        {
            return Error("invalid_arguments");
        }

        if (_expiredTriggers.Contains(trigger))
        {
            return Error("expired_trigger_id");
        }

        // A trigger_id is single-use (S4).
        if (!_usedTriggers.Add(trigger))
        {
            return Error("exchanged_trigger_id");
        }

        return ViewError(view) ?? StoreView($"V{++_sequence:D8}", view);
    }

    private JsonObject UpdateView(JsonObject body)
    {
        var id = Str(body, "view_id");
        if (!_views.TryGetValue(id, out var current) || body["view"] is not JsonObject view)
        {
            return Error("not_found");
        }

        var hash = Str(body, "hash");
        if (hash.Length > 0 && hash != Str(current, "hash"))
        {
            return Error("hash_conflict");
        }

        return ViewError(view) ?? StoreView(id, view);
    }

    private JsonObject UserInfo(JsonObject body)
    {
        var id = Str(body, "user");
        if (!_users.TryGetValue(id, out var user))
        {
            return Error("user_not_found");
        }

        var profile = new JsonObject { ["real_name"] = $"Fake {id}", ["display_name"] = id.ToLowerInvariant() };
        if (user.Email is not null)
        {
            profile["email"] = user.Email;
        }

        return new JsonObject
        {
            ["ok"] = true,
            ["user"] = new JsonObject { ["id"] = id, ["name"] = id.ToLowerInvariant(), ["is_bot"] = user.IsBot, ["profile"] = profile },
        };
    }

    private JsonObject OpenConversation(JsonObject body)
    {
        var users = Str(body, "users");
        if (!_users.ContainsKey(users))
        {
            return Error("user_not_found");
        }

        return new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = $"D{users[1..]}" } };
    }

    private static JsonObject? MessageError(JsonObject body)
    {
        if (!ChannelId().IsMatch(Str(body, "channel")))
        {
            return Error("channel_not_found");
        }

        if (body["blocks"] is null && Str(body, "text").Length == 0)
        {
            return Error("no_text");
        }

        var violations = BlockKitLimits.CheckMessage(body);
        return violations.Count == 0 ? null : Error("invalid_blocks", violations.Select(v => $"[ERROR] {v.Rule} [json-pointer:{v.Path}]"));
    }

    private static JsonObject? ViewError(JsonObject view)
    {
        var violations = BlockKitLimits.CheckView(view);
        return violations.Count == 0 ? null : Error("invalid_blocks", violations.Select(v => $"[ERROR] {v.Rule} [json-pointer:{v.Path}]"));
    }

    private JsonObject StoreView(string id, JsonObject view)
    {
        var stored = view.DeepClone().AsObject();
        stored["id"] = id;
        stored["hash"] = $"{1700000000 + ++_sequence}.fakehash{_sequence}";
        _views[id] = stored;
        return new JsonObject { ["ok"] = true, ["view"] = stored.DeepClone() };
    }

    private string NextTs() => string.Create(CultureInfo.InvariantCulture, $"{1700000000 + ++_sequence}.{_sequence:D6}");

    private static string Str(JsonObject node, string name) => node[name] is JsonValue value && value.TryGetValue<string>(out var s) ? s : "";

    [GeneratedRegex("^[CDG][A-Z0-9]{2,}$")]
    private static partial Regex ChannelId();

    [GeneratedRegex("^[UW][A-Z0-9]{2,}$")]
    private static partial Regex UserId();
}
