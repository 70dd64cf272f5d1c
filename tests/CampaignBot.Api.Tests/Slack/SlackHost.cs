using CampaignBot.Conversations.Inbound;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CampaignBot.Chat.Slack;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Chat.Slack.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using CampaignBot.Chat.Slack.Protocol;
using CampaignBot.Chat.Slack.WebApi;

namespace CampaignBot.Api.Tests.Slack;

/// <summary>
/// The real service wired to a loopback fake of Slack's Web API, with Maya (marketer), Omar (approver) and
/// Ada (admin) known by their Slack ids. Requests are signed with the configured secret as Slack signs them.
/// </summary>
internal sealed class SlackHost : IAsyncDisposable
{
    public const string SigningSecret = "test-signing-secret-0123456789abcdef";
    public const string ApprovalsChannel = "CAPPROVALS";
    public const string Channel = "CGENERAL";

    private SlackHost(FakeSlack slack, LifecycleHost host) => (Slack, Host) = (slack, host);

    public FakeSlack Slack { get; }

    public LifecycleHost Host { get; }

    public HttpClient Http { get; private set; } = null!;

    /// <param name="clock">What signs the requests and, unless <paramref name="services"/> replaces it, the service's clock.</param>
    public static async Task<SlackHost> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, FakeTimeProvider? clock = null)
    {
        var slack = await FakeSlack.StartAsync();
        foreach (var user in new[] { "UMAYA", "UOMAR", "UADA", "UVIC" })
        {
            slack.AddUser(user, email: null);
        }

        slack.AddUser("UNEWBIE", "newbie@example.com");
        var all = new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:BotToken"] = slack.BotToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            ["Slack:ApprovalsChannel"] = ApprovalsChannel,
            ["Users:People:0:SlackUserIds:0"] = "UMAYA",
            ["Users:People:1:SlackUserIds:0"] = "UOMAR",
            ["Users:People:2:SlackUserIds:0"] = "UADA",
            ["Users:People:3:SlackUserIds:0"] = "UVIC",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            // Null leaves a setting out, as an operator who never configured it would.
            if (value is null)
            {
                all.Remove(key);
            }
            else
            {
                all[key] = value;
            }
        }

        // Pacing waits on real time: the fake clock only moves when a test moves it.
        var host = new LifecycleHost(all, s =>
        {
            s.AddSingleton(new SlackChannelPacer(TimeProvider.System));
            services?.Invoke(s);
        }, clock: clock);
        return new SlackHost(slack, host) { Http = host.Factory.CreateClient() };
    }

    public Task<HttpResponseMessage> CommandAsync(string user, string text, Uri? responseUrl = null, string? triggerId = null) =>
        PostAsync("/slack/commands", Form(new Dictionary<string, string>
        {
            ["token"] = "legacy-unused",
            ["team_id"] = "T0001",
            ["channel_id"] = Channel,
            ["user_id"] = user,
            ["user_name"] = user.ToLowerInvariant(),
            ["command"] = "/campaign",
            ["text"] = text,
            ["response_url"] = (responseUrl ?? Slack.NewResponseUrl()).AbsoluteUri,
            ["trigger_id"] = triggerId ?? $"trigger-{Guid.NewGuid():N}",
            ["api_app_id"] = "A0001",
        }), "application/x-www-form-urlencoded");

    public Task<HttpResponseMessage> InteractionAsync(JsonObject payload) =>
        PostAsync("/slack/interactions", Form(new Dictionary<string, string> { ["payload"] = payload.ToJsonString() }), "application/x-www-form-urlencoded");

    public Task<HttpResponseMessage> EventAsync(JsonObject envelope) => PostAsync("/slack/events", envelope.ToJsonString(), "application/json");

    private static int _clicks;

    /// <summary>An event_callback as the Events API posts it: an app_mention in a channel, or a message in the bot's direct messages.</summary>
    public static JsonObject Event(string user, string text, string channel = Channel, string ts = "1700000000.000100", string? threadTs = null)
    {
        var direct = channel.StartsWith('D');
        var inner = new JsonObject
        {
            ["type"] = direct ? "message" : "app_mention",
            ["user"] = user,
            ["text"] = direct ? text : $"<@UBOT> {text}",
            ["ts"] = ts,
            ["channel"] = channel,
            ["event_ts"] = ts,
        };
        if (direct)
        {
            inner["channel_type"] = "im";
        }

        if (threadTs is not null)
        {
            inner["thread_ts"] = threadTs;
        }

        return new JsonObject
        {
            ["token"] = "legacy-unused",
            ["team_id"] = "T0001",
            ["api_app_id"] = "A0001",
            ["type"] = "event_callback",
            ["event_id"] = $"Ev{Guid.NewGuid():N}",
            ["event_time"] = 1700000000,
            ["event"] = inner,
        };
    }

    /// <summary>A button click on a message, as Slack posts it; each click gets its own action_ts, as in Slack.</summary>
    public static JsonObject Click(string user, string actionId, string value, Uri responseUrl, string channel = Channel, string messageTs = "1700000000.000100") => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant(), ["team_id"] = "T0001" },
        ["team"] = new JsonObject { ["id"] = "T0001" },
        ["channel"] = new JsonObject { ["id"] = channel },
        ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = channel, ["message_ts"] = messageTs },
        ["trigger_id"] = $"trigger-{Guid.NewGuid():N}",
        ["response_url"] = responseUrl.AbsoluteUri,
        ["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button", ["action_id"] = actionId, ["block_id"] = "b1", ["value"] = value,
            ["action_ts"] = $"1700000001.{Interlocked.Increment(ref _clicks):D6}",
        }),
    };

    public async Task<HttpResponseMessage> PostAsync(string path, string body, string contentType, DateTimeOffset? signedAt = null, string? secret = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = (signedAt ?? Host.Clock.GetUtcNow()).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackSignatureVerifier.ComputeSignature(secret ?? SigningSecret, timestamp, bytes));
        return await Http.SendAsync(request);
    }

    /// <summary>Waits (on real time) until the fake has seen a call matching <paramref name="match"/>; Slack work is asynchronous.</summary>
    public async Task<FakeSlackCall> WaitForAsync(string method, Func<FakeSlackCall, bool>? match = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (Slack.CallsTo(method).FirstOrDefault(c => match?.Invoke(c) ?? true) is { } call)
            {
                return call;
            }

            await Task.Delay(20);
        }

        throw new Xunit.Sdk.XunitException($"No {method} call arrived; calls: {string.Join(", ", Slack.Calls.Select(c => c.Method + (c.Error is null ? "" : $"({c.Error})")))}");
    }

    /// <summary>Waits (on real time) until all Slack work acknowledged so far is done, so a test can check what did not happen.</summary>
    public async Task IdleAsync()
    {
        // Notices a decision queued to send after its commit count as work still to do.
        var work = Host.Get<ConversationWork>();
        var notices = Host.Get<CampaignBot.App.Notifications.NoticeQueue>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (work.Pending > 0 || notices.Pending > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Slack work still pending after 15 s: {work.Pending}, notices {notices.Pending}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Every string in the call's body, one per line, unescaped: what a person would read (plus ids).</summary>
    public static string Text(FakeSlackCall call) => string.Join('\n', Strings(call.Body));

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    public static string Form(IDictionary<string, string> fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        await Slack.DisposeAsync();
    }
}
