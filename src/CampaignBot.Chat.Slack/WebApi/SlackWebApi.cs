using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CampaignBot.Chat.Slack.WebApi;

public sealed record SlackMessageRef(string Channel, string Ts);

public sealed record SlackViewRef(string Id, string Hash);

/// <summary>A Slack user; <see cref="Email"/> is present only with the users:read.email scope (S5).</summary>
public sealed record SlackUser(string Id, string? Email, bool IsBot);

/// <summary>
/// The few Slack Web API methods CampaignBot calls (S5), as JSON over HttpClient with the bot token as a Bearer header.
/// Message and view bodies come from the Block Kit renderer as JsonObjects; they are copied, never changed.
/// </summary>
public sealed partial class SlackWebApi(HttpClient http, IOptions<SlackOptions> options, TimeProvider time, SlackChannelPacer pacer, ILogger<SlackWebApi> logger)
{
    /// <summary>Returns the channel and ts to store: chat.update needs both.</summary>
    public async Task<SlackMessageRef> PostMessageAsync(string channel, JsonObject message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        await pacer.WaitTurnAsync(channel, cancellationToken).ConfigureAwait(false);
        var response = await PostAsync("chat.postMessage", channel, Body(message, ("channel", channel)), cancellationToken).ConfigureAwait(false);
        return new(Str(response, "channel"), Str(response, "ts"));
    }

    /// <summary>Omitting "blocks" in <paramref name="message"/> keeps the old blocks; an empty array removes them (S4).</summary>
    public async Task<SlackMessageRef> UpdateMessageAsync(string channel, string ts, JsonObject message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ts);
        var response = await PostAsync("chat.update", channel, Body(message, ("channel", channel), ("ts", ts)), cancellationToken).ConfigureAwait(false);
        return new(Str(response, "channel"), Str(response, "ts"));
    }

    /// <summary>Shown only to <paramref name="user"/>; not persisted, so it cannot be chat.updated. Returns message_ts.</summary>
    public async Task<string> PostEphemeralAsync(string channel, string user, JsonObject message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        var response = await PostAsync("chat.postEphemeral", channel, Body(message, ("channel", channel), ("user", user)), cancellationToken).ConfigureAwait(false);
        return Str(response, "message_ts");
    }

    /// <summary>Call before any slow work: the trigger_id expires 3 seconds after Slack issued it (S4).</summary>
    public async Task<SlackViewRef> OpenViewAsync(string triggerId, JsonObject view, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(triggerId);
        var body = new JsonObject { ["trigger_id"] = triggerId, ["view"] = view.DeepClone() };
        return ViewRef(await PostAsync("views.open", null, body, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>With <paramref name="hash"/>, Slack refuses (hash_conflict) if the view changed since it was read.</summary>
    public async Task<SlackViewRef> UpdateViewAsync(string viewId, JsonObject view, string? hash = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(viewId);
        var body = new JsonObject { ["view_id"] = viewId, ["view"] = view.DeepClone() };
        if (!string.IsNullOrEmpty(hash))
        {
            body["hash"] = hash;
        }

        return ViewRef(await PostAsync("views.update", null, body, cancellationToken).ConfigureAwait(false));
    }

    public async Task<SlackUser> GetUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        // users.info is a read method taking query arguments (python-slack-sdk calls it with GET and params).
        var response = await SendAsync("users.info", null, $"users.info?user={Uri.EscapeDataString(userId)}", null, cancellationToken).ConfigureAwait(false);
        var user = response["user"] as JsonObject ?? [];
        var email = (user["profile"] as JsonObject)?["email"]?.GetValue<string>();
        return new(Str(user, "id"), string.IsNullOrEmpty(email) ? null : email, user["is_bot"]?.GetValue<bool>() ?? false);
    }

    /// <summary>Opens (or finds) the direct message with <paramref name="userId"/>; returns its D… channel id for chat.postMessage.</summary>
    public async Task<string> OpenDirectMessageAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var response = await PostAsync("conversations.open", null, new JsonObject { ["users"] = userId }, cancellationToken).ConfigureAwait(false);
        return Str(response["channel"] as JsonObject ?? [], "id");
    }

    /// <summary>
    /// Answers through an interaction's response_url (usable 5 times within 30 minutes, S3). The URL is the credential,
    /// so no token is sent with it. Set "replace_original": true in <paramref name="message"/> to replace the source message.
    /// </summary>
    public async Task PostToResponseUrlAsync(Uri responseUrl, JsonObject message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        ArgumentNullException.ThrowIfNull(message);
        await SendAsync(ResponseUrlMethod, null, responseUrl.AbsoluteUri, message.DeepClone().AsObject(), cancellationToken).ConfigureAwait(false);
    }

    private Task<JsonObject> PostAsync(string method, string? channel, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync(method, channel, method, body, cancellationToken);

    private static JsonObject Body(JsonObject message, params (string Name, string Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = message.DeepClone().AsObject();
        foreach (var (name, value) in fields)
        {
            ArgumentException.ThrowIfNullOrEmpty(value, name);
            body[name] = value;
        }

        return body;
    }

    private static SlackViewRef ViewRef(JsonObject response)
    {
        var view = response["view"] as JsonObject ?? [];
        return new(Str(view, "id"), Str(view, "hash"));
    }

    private static string Str(JsonObject node, string name) => node[name] is JsonValue value && value.TryGetValue<string>(out var s) ? s : "";
}
