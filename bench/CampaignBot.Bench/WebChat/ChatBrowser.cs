using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CampaignBot.Chat.Web;

namespace CampaignBot.Bench.WebChat;

/// <summary>
/// One signed-in browser, without the browser: its own cookie jar and connections, the page's anti-forgery token and
/// origin on every post, and its live event stream read as EventSource does. Each answer is timed when the event that
/// carries it arrives: the page's own echo of what was typed ("said-KEY") is followed on the stream by its answer.
/// </summary>
internal sealed partial class ChatBrowser : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly string _origin;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _answers = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _greeted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _closing = new();
    private string _token = "";
    private Task _reading = Task.CompletedTask;

    private ChatBrowser(Uri address)
    {
        _http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = address,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _origin = address.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>Signs in with <paramref name="apiKey"/>, opens the event stream and waits for the first-visit greeting.</summary>
    public static async Task<ChatBrowser> SignInAsync(Uri address, string apiKey, CancellationToken cancellationToken)
    {
        var browser = new ChatBrowser(address);
        await browser.LoadPageAsync(cancellationToken);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { [WebChatSetup.TokenField] = browser._token, ["apiKey"] = apiKey });
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "chat/session") { Content = form };
        signIn.Headers.Add("Origin", browser._origin);
        using var signedIn = await browser._http.SendAsync(signIn, cancellationToken);
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in answered {(int)signedIn.StatusCode}: {await signedIn.Content.ReadAsStringAsync(cancellationToken)}");
        }

        await browser.LoadPageAsync(cancellationToken);
        var events = await browser._http.GetAsync("chat/events", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (events.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The event stream answered {(int)events.StatusCode}.");
        }

        browser._reading = browser.ReadAsync(events, browser._closing.Token);
        await browser._greeted.Task.WaitAsync(cancellationToken);
        return browser;
    }

    /// <summary>
    /// Posts <paramref name="text"/> as the page does and returns when its answer arrived on the stream: the post's
    /// own time to 202 and the time from the post's start to the answer.
    /// </summary>
    public async Task<(TimeSpan Accepted, TimeSpan Answered)> SayAsync(string text, CancellationToken cancellationToken)
    {
        var key = Guid.NewGuid().ToString("N");
        var answer = _answers.GetOrAdd(key, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
        using var request = new HttpRequestMessage(HttpMethod.Post, "chat/say") { Content = JsonContent.Create(new { text, key }) };
        request.Headers.Add("Origin", _origin);
        request.Headers.Add(WebChatSetup.TokenHeader, _token);
        var start = Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(request, cancellationToken);
        var accepted = Stopwatch.GetElapsedTime(start);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"'{text}' was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var arrived = await answer.Task.WaitAsync(cancellationToken);
        return (accepted, Stopwatch.GetElapsedTime(start, arrived));
    }

    private async Task LoadPageAsync(CancellationToken cancellationToken)
    {
        var page = await _http.GetStringAsync("chat", cancellationToken);
        _token = WebUtility.HtmlDecode(TokenMeta().Match(page) is { Success: true } meta ? meta.Groups[1].Value
            : throw new InvalidOperationException("The chat page carries no anti-forgery token."));
    }

    private async Task ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
            var name = "message";
            var data = new StringBuilder();
            string? saidKey = null;
            try
            {
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (line.Length > 0)
                    {
                        if (line.StartsWith("event: ", StringComparison.Ordinal))
                        {
                            name = line["event: ".Length..];
                        }
                        else if (line.StartsWith("data: ", StringComparison.Ordinal))
                        {
                            data.Append(line.AsSpan("data: ".Length));
                        }

                        continue;
                    }

                    if (name == "chat" && data.Length > 0)
                    {
                        var arrived = Stopwatch.GetTimestamp();
                        using var item = JsonDocument.Parse(data.ToString());
                        var kind = item.RootElement.GetProperty("kind").GetString();
                        var id = item.RootElement.GetProperty("id").GetString() ?? "";
                        if (kind == "said" && id.StartsWith("said-", StringComparison.Ordinal))
                        {
                            saidKey = id["said-".Length..];
                        }
                        else if (saidKey is not null)
                        {
                            _answers.GetOrAdd(saidKey, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(arrived);
                            saidKey = null;
                        }
                        else
                        {
                            _greeted.TrySetResult();
                        }
                    }

                    name = "message";
                    data.Clear();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Closed by DisposeAsync.
            }
        }

        _greeted.TrySetException(new InvalidOperationException("The event stream ended before the greeting arrived."));
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        try
        {
            await _reading;
        }
        catch (HttpRequestException)
        {
            // The service may already be stopping.
        }
        catch (IOException)
        {
            // Likewise.
        }

        _closing.Dispose();
        _http.Dispose();
    }

    [GeneratedRegex("<meta name=\"chat-token\" content=\"([^\"]*)\">")]
    private static partial Regex TokenMeta();
}
