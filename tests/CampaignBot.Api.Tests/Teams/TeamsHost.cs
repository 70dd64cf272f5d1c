using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Chat.Teams.References;
using CampaignBot.Chat.Teams.Tests.Fakes;
using CampaignBot.Conversations.Inbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CampaignBot.Api.Tests.Teams;

/// <summary>A Teams user of the tests: their Teams id, Entra object id and name.</summary>
internal sealed record TeamsUser(string Id, string AadObjectId, string Name)
{
    public string PersonalChat => $"a:personal-{Id[3..]}";
}

/// <summary>
/// The real service with Teams configured against the loopback identity fixture (its tokens, keys and token endpoint)
/// and a loopback Bot Connector that records every call. Maya (marketer, and approver so four-eyes is what stops her
/// approving her own campaigns), Omar (approver), Ada (admin) and Vic (viewer) are listed by Entra object id; Nora is
/// listed by email only. Activities are posted with a valid channel token unless
/// a test says otherwise, so the real authentication runs.
/// </summary>
internal sealed class TeamsHost : IAsyncDisposable
{
    public const string Tenant = TeamsIdentityFixture.TenantId;
    public const string BotId = "28:" + TeamsIdentityFixture.AppId;
    public const string Approvals = "19:approvals@thread.tacv2";
    public const string Alerts = "19:alerts@thread.tacv2";

    public static readonly TeamsUser Maya = new("29:maya", "00000000-0000-0000-0000-00000000a001", "Maya Marketer");
    public static readonly TeamsUser Omar = new("29:omar", "00000000-0000-0000-0000-00000000a002", "Omar Approver");
    public static readonly TeamsUser Ada = new("29:ada", "00000000-0000-0000-0000-00000000a003", "Ada Admin");
    public static readonly TeamsUser Vic = new("29:vic", "00000000-0000-0000-0000-00000000a004", "Vic Viewer");
    public static readonly TeamsUser Nora = new("29:nora", "00000000-0000-0000-0000-00000000a005", "Nora No-role");

    private static int _ids;

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly FakeTimeProvider _clock;
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("campaignbot-teams-").FullName;

    private TeamsHost(TeamsIdentityFixture identity, FakeBotConnector connector, string serviceUrl, Dictionary<string, string?> settings, Action<IServiceCollection>? services, FakeTimeProvider clock)
    {
        (Identity, Connector, ServiceUrl, _settings, _services, _clock) = (identity, connector, serviceUrl, settings, services, clock);
        Host = new LifecycleHost(_settings, _services, _dataFolder, _clock);
        Http = Host.Factory.CreateClient();
    }

    public TeamsIdentityFixture Identity { get; }

    public FakeBotConnector Connector { get; }

    public LifecycleHost Host { get; private set; }

    public string ServiceUrl { get; }

    public HttpClient Http { get; private set; }

    /// <param name="settings">Replace the defaults; a null value leaves a setting out.</param>
    public static async Task<TeamsHost> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, FakeTimeProvider? clock = null)
    {
        clock ??= new FakeTimeProvider(LifecycleHost.Start);
        var identity = await TeamsIdentityFixture.StartAsync(clock);
        var connector = await FakeBotConnector.StartAsync(clock, a => a is not null && identity.TokenRequests.Any(r => $"Bearer {r.IssuedToken}" == a));
        var serviceUrl = connector.ServiceUrl("teams/");
        var all = new Dictionary<string, string?>
        {
            ["Teams:AppId"] = TeamsIdentityFixture.AppId,
            ["Teams:AppPassword"] = TeamsIdentityFixture.AppPassword,
            ["Teams:TenantId"] = Tenant,
            ["Teams:OpenIdMetadataUrl"] = identity.BotFrameworkMetadataUrl,
            ["Teams:EntraMetadataUrl"] = identity.EntraMetadataUrlTemplate,
            ["Teams:TokenEndpoint"] = identity.TokenEndpointTemplate,
            ["Teams:ApprovalsConversation"] = Approvals,
            ["Teams:AlertsConversation"] = Alerts,
            ["Users:People:0:Roles:1"] = "approver",
            ["Users:People:0:TeamsObjectIds:0"] = Maya.AadObjectId,
            ["Users:People:1:TeamsObjectIds:0"] = Omar.AadObjectId,
            ["Users:People:2:TeamsObjectIds:0"] = Ada.AadObjectId,
            ["Users:People:3:TeamsObjectIds:0"] = Vic.AadObjectId,
            ["Users:People:4:Email"] = "nora@example.com",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                all.Remove(key);
            }
            else
            {
                all[key] = value;
            }
        }

        return new TeamsHost(identity, connector, serviceUrl, all, services, clock);
    }

    /// <summary>Stops the service and starts it again on the same LiteDB file, as a deployment would.</summary>
    public async Task RestartAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        Host = new LifecycleHost(_settings, _services, _dataFolder, _clock);
        Http = Host.Factory.CreateClient();
    }

    public TeamsConversations References => Host.Get<TeamsConversations>();

    /// <summary>A fresh activity id, as Teams assigns them.</summary>
    public static string NextId() => $"act-{Interlocked.Increment(ref _ids)}";

    public static JsonObject Activity(string type, TeamsUser from, string conversation, string? serviceUrl = null, string? conversationType = null) => new()
    {
        ["type"] = type,
        ["id"] = NextId(),
        ["timestamp"] = "2026-11-23T12:00:00.000Z",
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = from.Id, ["name"] = from.Name, ["aadObjectId"] = from.AadObjectId },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "CampaignBot" },
        ["conversation"] = new JsonObject
        {
            ["id"] = conversation,
            ["conversationType"] = conversationType ?? (conversation.StartsWith("a:", StringComparison.Ordinal) ? "personal" : "channel"),
            ["tenantId"] = Tenant,
            ["isGroup"] = !conversation.StartsWith("a:", StringComparison.Ordinal),
        },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } },
        ["locale"] = "en-US",
    };

    public JsonObject Message(TeamsUser from, string text, string? conversation = null)
    {
        var message = Activity("message", from, conversation ?? from.PersonalChat, ServiceUrl);
        message["text"] = text;
        message["textFormat"] = "plain";
        return message;
    }

    /// <summary>The bot added to a conversation: what Teams sends when the app is installed there.</summary>
    public JsonObject BotAdded(TeamsUser by, string conversation, string? serviceUrl = null)
    {
        var update = Activity("conversationUpdate", by, conversation, serviceUrl ?? ServiceUrl);
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotId });
        return update;
    }

    /// <summary>An Action.Execute click on the card <paramref name="cardId"/>, with the inputs Teams merges into data.</summary>
    public JsonObject Click(TeamsUser from, string conversation, string cardId, string verb, JsonObject data, string trigger = "manual")
    {
        var invoke = Activity("invoke", from, conversation, ServiceUrl);
        invoke["name"] = "adaptiveCard/action";
        invoke["replyToId"] = cardId;
        invoke["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = trigger,
        };
        return invoke;
    }

    /// <summary>A valid Bot Framework channel token for <paramref name="serviceUrl"/>, as the Bot Connector sends it.</summary>
    public string Token(string? serviceUrl = null) => Identity.Mint(new FakeTokenSpec { ServiceUrl = serviceUrl ?? ServiceUrl });

    /// <summary>Posts an activity to /api/messages, by default with a valid token for its serviceUrl.</summary>
    public async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? authorization = "", string? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(body ?? activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        var header = authorization == "" ? $"Bearer {Token(activity["serviceUrl"]?.GetValue<string>())}" : authorization;
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Posts an invoke and returns its response body (the invoke's answer).</summary>
    public async Task<JsonObject> InvokeAsync(JsonObject invoke)
    {
        using var response = await PostAsync(invoke);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"The invoke was answered {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Calls to the fake connector that post, reply or update in <paramref name="conversation"/> (its threads included).</summary>
    public IReadOnlyList<FakeConnectorCall> CallsIn(string conversation) =>
        Connector.Calls.Where(c => Uri.UnescapeDataString(c.RawTarget).Contains($"/v3/conversations/{conversation}", StringComparison.Ordinal)).ToList();

    /// <summary>Waits (on real time) for a successful connector call in <paramref name="conversation"/> matching <paramref name="match"/>.</summary>
    public Task<FakeConnectorCall> WaitForAsync(string conversation, Func<FakeConnectorCall, bool>? match = null) =>
        WaitForCallAsync(c => CallsIn(conversation).Contains(c) && (match?.Invoke(c) ?? true));

    /// <summary>Waits (on real time) for a successful connector call matching <paramref name="match"/>.</summary>
    public async Task<FakeConnectorCall> WaitForCallAsync(Func<FakeConnectorCall, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (Connector.Calls.FirstOrDefault(c => c.Status < 300 && match(c)) is { } call)
            {
                return call;
            }

            await Task.Delay(20);
        }

        throw new Xunit.Sdk.XunitException(
            $"No matching connector call; calls: {string.Join(", ", Connector.Calls.Select(c => $"{c.Method} {Uri.UnescapeDataString(c.RawTarget)} {c.Status}"))}");
    }

    /// <summary>Waits (on real time) until all acknowledged chat work is done, so a test can check what did not happen.</summary>
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
                throw new Xunit.Sdk.XunitException($"Chat work still pending after 15 s: {work.Pending}, notices {notices.Pending}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The card an activity sent to the connector carries.</summary>
    public static JsonObject CardOf(FakeConnectorCall call) =>
        call.Body?["attachments"]?[0]?["content"]?.AsObject() ?? throw new Xunit.Sdk.XunitException($"The call carries no card: {call.Body}");

    /// <summary>The card of an invoke response that replaces the clicked card.</summary>
    public static JsonObject CardOf(JsonObject invokeResponse)
    {
        Assert.True(invokeResponse["type"]?.GetValue<string>() == "application/vnd.microsoft.card.adaptive", $"Not a card answer: {invokeResponse}");
        return invokeResponse["value"]!.AsObject();
    }

    /// <summary>Every string in the JSON, one per line: what a person would read (plus ids).</summary>
    public static string Text(JsonNode? node) => string.Join('\n', Strings(node));

    /// <summary>The Action.Execute in the card with this verb (a button, a confirmation's real button, a form's submit).</summary>
    public static JsonObject Action(JsonObject card, string verb) =>
        Descendants(card).FirstOrDefault(o => o["type"]?.GetValue<string>() == "Action.Execute" && o["verb"]?.GetValue<string>() == verb)
        ?? throw new Xunit.Sdk.XunitException($"No {verb} button on the card: {Text(card)}");

    public static IEnumerable<JsonObject> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Descendants(p.Value))),
        JsonArray a => a.SelectMany(Descendants),
        _ => [],
    };

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        await Connector.DisposeAsync();
        await Identity.DisposeAsync();
        Directory.Delete(_dataFolder, recursive: true);
    }
}
