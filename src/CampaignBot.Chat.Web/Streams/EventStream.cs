using System.Text;
using System.Text.Json;
using CampaignBot.Chat.Web.Sessions;
using CampaignBot.Core.People;
using Microsoft.AspNetCore.Http.Features;

namespace CampaignBot.Chat.Web.Streams;

/// <summary>
/// The signed-in person's stream as server-sent events. Each entry goes out with its id ("epoch.sequence");
/// a browser reconnecting after a drop sends the last id it read as Last-Event-ID and gets every later entry once.
/// A page whose id the server cannot continue from (another process's, or older than what is kept) is told to
/// reset and gets everything kept; "ready" follows what was missed. The stream ends when the session does.
/// </summary>
public static class EventStream
{
    /// <summary>A comment line this often keeps proxies and the browser from closing an idle connection.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(20);

    /// <summary>How long the browser waits before reconnecting after a drop.</summary>
    public const int RetryMilliseconds = 1_000;

    // The data is read by JSON.parse, never placed in HTML as JSON text, so HTML-significant characters need no escaping
    // (the HTML inside was escaped by the renderer); unescaped they keep each event about a third smaller.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpContext context, Person person, ChatStreams streams, WebChatSessions sessions, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(person);
        var response = context.Response;
        var aborted = context.RequestAborted;
        var stream = streams.For(person.Id);
        var lastEventId = context.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } header ? header : context.Request.Query["lastEventId"].ToString();
        var after = streams.LastRead(lastEventId);
        var token = context.Request.Cookies[WebChatSessions.CookieName];

        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.WriteAsync($"retry: {RetryMilliseconds}\n\n", aborted);
        if (streams.IsForeign(lastEventId) || after > stream.Last)
        {
            await ResetAsync(response, aborted);
            after = 0;
        }

        var caughtUp = false;
        try
        {
            while (!aborted.IsCancellationRequested)
            {
                var (entries, gap) = stream.After(after);
                if (gap)
                {
                    await ResetAsync(response, aborted);
                    (entries, _) = stream.After(0);
                }

                var text = new StringBuilder();
                foreach (var entry in entries)
                {
                    text.Append("id: ").Append(streams.EventId(entry.Sequence)).Append("\nevent: chat\ndata: ")
                        .Append(JsonSerializer.Serialize(entry.Item, Json)).Append("\n\n");
                    after = entry.Sequence;
                }

                if (!caughtUp)
                {
                    // The page announces only what arrives after this, not the whole conversation it is rebuilding.
                    text.Append("event: ready\ndata: {}\n\n");
                    caughtUp = true;
                }

                if (text.Length > 0)
                {
                    await response.WriteAsync(text.ToString(), aborted);
                    await response.Body.FlushAsync(aborted);
                }

                if (!string.Equals(sessions.PersonOf(token), person.Id, StringComparison.OrdinalIgnoreCase))
                {
                    await response.WriteAsync("event: signedout\ndata: {}\n\n", aborted);
                    return;
                }

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                var next = stream.WaitAfterAsync(after, wait.Token);
                var quiet = Task.Delay(KeepAlive, clock, wait.Token);
                if (await Task.WhenAny(next, quiet) == quiet)
                {
                    await response.WriteAsync(": keep-alive\n\n", aborted);
                    await response.Body.FlushAsync(aborted);
                }

                await wait.CancelAsync();
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The page went away; it reconnects with the last id it read.
        }
    }

    private static async Task ResetAsync(HttpResponse response, CancellationToken aborted)
    {
        await response.WriteAsync("event: reset\ndata: {}\n\n", aborted);
        await response.Body.FlushAsync(aborted);
    }
}
