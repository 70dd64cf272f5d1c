using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using CampaignBot.Chat.Teams.Tests;

namespace CampaignBot.Api.Tests.Teams.Playground;

/// <summary>
/// One thing the Playground showed: a message posted or updated in a conversation. A channel post is shown in the
/// channel and opens a conversation of its own, its thread, where the replies to it arrive.
/// </summary>
internal sealed record PlaygroundEvent(string Action, string Conversation, JsonObject Message)
{
    public string MessageId => Message["messageId"]?.GetValue<string>() ?? "";

    /// <summary>The conversation the replies to this channel post arrive in.</summary>
    public string Thread => Message["postConversationId"]?.GetValue<string>() ?? throw new Xunit.Sdk.XunitException($"Not a channel post: {Message}");

    public JsonObject? Card => Message["attachments"]?[0]?["content"] as JsonObject;

    public string Text => TeamsHost.Text(Message);
}

/// <summary>
/// The Microsoft 365 Agents Playground (teams-testing.md §1), installed by scripts/servers/teams-tools.sh, run on a
/// free loopback port against the service and driven through its own API: people type and click through
/// /_conversation, activities are mocked through /_internal, and what the bot posts arrives on its WebSocket.
/// Only the current user (Maya) can type; anyone in the configuration can click.
/// </summary>
internal sealed class AgentsPlayground : IAsyncDisposable
{
    public const string TenantId = "11111111-2222-3333-4444-555555555555";
    public const string BotId = "6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
    public const string PersonalChat = "a:personal-maya";
    public const string GroupChat = "19:approvers@thread.v2";
    public const string Team = "19:campaigns@thread.tacv2";
    public const string AlertsChannel = "19:alerts@thread.tacv2";

    public static readonly TeamsUser Maya = new("29:maya", "00000000-0000-0000-0000-00000000a001", "Maya Marketer");
    public static readonly TeamsUser Omar = new("29:omar", "00000000-0000-0000-0000-00000000a002", "Omar Approver");
    public static readonly TeamsUser Ada = new("29:ada", "00000000-0000-0000-0000-00000000a003", "Ada Admin");
    public static readonly TeamsUser Olga = new("29:olga", "00000000-0000-0000-0000-00000000a004", "Olga Oncall");
    public static readonly TeamsUser Vic = new("29:vic", "00000000-0000-0000-0000-00000000a005", "Vic Viewer");
    public static readonly TeamsUser Nora = new("29:nora", "00000000-0000-0000-0000-00000000a006", "Nora Newcomer");

    private readonly ConcurrentQueue<PlaygroundEvent> _events = new();
    private readonly StringBuilder _log = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("campaignbot-playground-").FullName;
    private Process? _process;
    private ClientWebSocket? _socket;
    private Task? _reading;

    private AgentsPlayground(int port) => BaseAddress = new Uri($"http://127.0.0.1:{port}/");

    public Uri BaseAddress { get; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public IReadOnlyList<PlaygroundEvent> Events => [.. _events];

    /// <summary>What the Playground printed, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<AgentsPlayground> StartAsync(Uri botEndpoint)
    {
        var playground = new AgentsPlayground(FreePort());
        await playground.LaunchAsync(botEndpoint);
        return playground;
    }

    private async Task LaunchAsync(Uri botEndpoint)
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, ".m365agentsplayground.yml"), Configuration());
        var cli = Path.Combine(NodeTools.Directory!, "node_modules", "@microsoft", "m365agentsplayground", "cli.js");
        var start = new ProcessStartInfo("node") { WorkingDirectory = _folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { cli, "-e", botEndpoint.AbsoluteUri, "-c", "msteams", "-p", BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dt" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var config = await Http.GetAsync(new Uri(BaseAddress, "_internal/v1/config"));
                if (config.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
            }

            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                throw new InvalidOperationException($"The Agents Playground did not start:\n{Log}");
            }

            await Task.Delay(100);
        }

        _socket = new ClientWebSocket();
        await _socket.ConnectAsync(new Uri($"ws://127.0.0.1:{BaseAddress.Port}/_ws_conversation/v1/conversations/stream"), _stop.Token);
        _reading = ReadAsync(_socket);
    }

    /// <summary>The current user (Maya) types in a conversation.</summary>
    public async Task SayAsync(string conversation, string text)
    {
        using var response = await Http.PostAsJsonAsync(
            new Uri(BaseAddress, $"_conversation/v1/conversations/{Uri.EscapeDataString(conversation)}/messages"),
            new JsonObject { ["from"] = new JsonObject { ["id"] = Maya.Id }, ["text"] = text, ["textFormat"] = "plain" });
        await EnsureAsync(response, $"typing '{text}'");
    }

    /// <summary>A person clicks an Action.Execute button of the card <paramref name="cardId"/>; returns the bot's invoke answer.</summary>
    public async Task<JsonObject> ClickAsync(TeamsUser who, string conversation, string cardId, string verb, JsonObject data, string trigger = "manual")
    {
        using var response = await Http.PostAsJsonAsync(new Uri(BaseAddress, "_conversation/v1/invoke"), new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["from"] = new JsonObject { ["id"] = who.Id },
            ["conversation"] = new JsonObject { ["id"] = conversation },
            ["replyToId"] = cardId,
            ["value"] = new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
                ["trigger"] = trigger,
            },
        });
        await EnsureAsync(response, $"clicking {verb}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>Teams announcing that the bot was added to a conversation (a mocked conversationUpdate).</summary>
    public async Task InstallAsync(string conversation, TeamsUser by)
    {
        var activity = await Http.GetFromJsonAsync<JsonObject>(new Uri(BaseAddress, $"_internal/v1/customActivities/template?conversationId={Uri.EscapeDataString(conversation)}"));
        activity!["type"] = "conversationUpdate";
        activity["from"] = new JsonObject { ["id"] = by.Id, ["aadObjectId"] = by.AadObjectId };
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotId });
        using var response = await Http.PostAsJsonAsync(new Uri(BaseAddress, "_internal/v1/customActivities"), activity);
        await EnsureAsync(response, "installing the bot");
    }

    /// <summary>Waits (on real time) for something the bot posted or updated.</summary>
    public async Task<PlaygroundEvent> WaitForAsync(string action, string conversation, Func<PlaygroundEvent, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_events.FirstOrDefault(e => e.Action == action && e.Conversation == conversation && match(e)) is { } found)
            {
                return found;
            }

            await Task.Delay(25);
        }

        throw new Xunit.Sdk.XunitException(
            $"No matching {action} in {conversation}. Seen:\n{string.Join("\n", Events.Select(e => $"{e.Action} {e.Conversation} {e.MessageId}: {Short(e.Text)}"))}\nPlayground log:\n{Log}");
    }

    private static string Short(string text) => text.Length > 160 ? text[..160].ReplaceLineEndings(" ") + "…" : text.ReplaceLineEndings(" ");

    private async Task ReadAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                if (JsonNode.Parse(message.ToArray()) is JsonObject update && update["message"] is JsonObject posted)
                {
                    _events.Enqueue(new PlaygroundEvent(update["action"]?.GetValue<string>() ?? "", update["actionConversationId"]?.GetValue<string>() ?? "", posted));
                }

                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            Append($"WebSocket closed: {e.GetType().Name}");
        }
    }

    private async Task EnsureAsync(HttpResponseMessage response, string doing)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new Xunit.Sdk.XunitException($"The Playground answered {(int)response.StatusCode} to {doing}: {await response.Content.ReadAsStringAsync()}\n{Log}");
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The Playground's people (exactly five besides the current user, its schema says) and conversations.</summary>
    private static string Configuration()
    {
        static string User(TeamsUser user, string indent) =>
            $"""
            {indent}id: "{user.Id}"
            {indent}name: {user.Name}
            {indent}userPrincipleName: {user.Name.Split(' ')[0].ToLowerInvariant()}@example.com
            {indent}aadObjectId: {user.AadObjectId}
            {indent}givenName: {user.Name.Split(' ')[0]}
            {indent}surname: {user.Name.Split(' ')[1]}
            {indent}email: {user.Name.Split(' ')[0].ToLowerInvariant()}@example.com
            """;

        var others = string.Join("\n", new[] { Omar, Ada, Olga, Vic, Nora }.Select(u => "  - " + User(u, "    ").TrimStart()));
        return $"""
            version: "0.1.1"
            tenantId: {TenantId}
            bot:
              id: {BotId}
              name: CampaignBot
            currentUser:
            {User(Maya, "  ")}
            users:
            {others}
            personalChat:
              id: "{PersonalChat}"
            groupChat:
              id: "{GroupChat}"
              name: Approvers
            team:
              id: "{Team}"
              name: Campaigns
              aadGroupId: 00000000-0000-0000-0000-000000000031
              channels:
                - id: "{AlertsChannel}"
                  name: Alerts

            """;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_reading is not null)
        {
            await _reading;
        }

        _socket?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        Http.Dispose();
        _stop.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
