using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CampaignBot.Chat.Web.Tests.Hosting;

/// <summary>One event of the stream: its id ("epoch.sequence"), its name and, for chat events, the item.</summary>
internal sealed record ServerEvent(string? Id, string Name, JsonElement Data)
{
    public string Op => Data.GetProperty("op").GetString()!;

    public string ElementId => Data.GetProperty("id").GetString()!;

    public string Kind => Data.GetProperty("kind").GetString()!;

    public string Html => Data.GetProperty("html").GetString()!;

    public string Summary => Data.GetProperty("summary").GetString()!;
}

/// <summary>Reads server-sent events off a live response, as EventSource does; every wait has a timeout.</summary>
internal sealed partial class EventReader(HttpResponseMessage response, Stream body) : IAsyncDisposable
{
    private readonly StreamReader _reader = new(body, Encoding.UTF8);
    private readonly List<ServerEvent> _seen = [];

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>Every event read so far.</summary>
    public IReadOnlyList<ServerEvent> Seen => _seen;

    public string? LastId => _seen.LastOrDefault(e => e.Id is not null)?.Id;

    public async Task<ServerEvent> NextAsync(TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? Patience);
        string? id = null;
        var name = "message";
        var data = new StringBuilder();
        while (true)
        {
            var line = await _reader.ReadLineAsync(limit.Token) ?? throw new EndOfStreamException("The stream ended.");
            if (line.Length == 0)
            {
                if (data.Length == 0)
                {
                    id = null;
                    name = "message";
                    continue;
                }

                var parsed = new ServerEvent(id, name, JsonDocument.Parse(data.ToString()).RootElement.Clone());
                _seen.Add(parsed);
                return parsed;
            }

            if (line.StartsWith(':') || line.StartsWith("retry:", StringComparison.Ordinal))
            {
                continue;
            }

            var (field, value) = line.IndexOf(':', StringComparison.Ordinal) is var at and > 0 ? (line[..at], line[(at + 1)..].TrimStart(' ')) : (line, "");
            switch (field)
            {
                case "id":
                    id = value;
                    break;
                case "event":
                    name = value;
                    break;
                case "data":
                    data.Append(value);
                    break;
            }
        }
    }

    /// <summary>Reads until a chat event matches; the events passed over are kept in <see cref="Seen"/>.</summary>
    public async Task<ServerEvent> UntilAsync(Func<ServerEvent, bool> wanted, string what)
    {
        var until = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < until)
        {
            ServerEvent next;
            try
            {
                next = await NextAsync(until - DateTime.UtcNow);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (next.Name == "chat" && wanted(next))
            {
                return next;
            }
        }

        throw new Xunit.Sdk.XunitException($"No event with {what} within {Patience.TotalSeconds} s; seen: {string.Join(" | ", _seen.Select(e => e.Name == "chat" ? $"{e.Op} {e.ElementId} {e.Summary}" : e.Name))}");
    }

    /// <summary>The form an item shows: its form id and state, as the page reads them from the HTML.</summary>
    public static ShownForm FormOf(ServerEvent item)
    {
        var match = FormAttributes().Match(item.Html);
        Assert.True(match.Success, $"Not a form: {item.Html}");
        return new ShownForm(System.Net.WebUtility.HtmlDecode(match.Groups[1].Value), System.Net.WebUtility.HtmlDecode(match.Groups[2].Value));
    }

    /// <summary>The value of the button with <paramref name="action"/> in an item's HTML.</summary>
    public static string? ButtonValue(ServerEvent item, string action) =>
        ButtonAttributes().Matches(item.Html).FirstOrDefault(m => m.Groups[1].Value == action)?.Groups[2].Value is { } value ? System.Net.WebUtility.HtmlDecode(value) : null;

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        response.Dispose();
        await Task.CompletedTask;
    }

    [GeneratedRegex("data-form-id=\"([^\"]*)\" data-state=\"([^\"]*)\"")]
    private static partial Regex FormAttributes();

    [GeneratedRegex("data-action=\"([^\"]*)\" data-value=\"([^\"]*)\"")]
    private static partial Regex ButtonAttributes();
}
