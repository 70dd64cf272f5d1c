using System.Net;

namespace CampaignBot.Delivery.Tests.Connectors.Files;

/// <summary>
/// A loopback HTTP server answering every request with one canned response, for what the real test servers
/// never do (throttle, fail with 5xx). It reads each request body fully first, as a real server would.
/// </summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private int _requests;

    public LoopbackHttpServer(int status, IReadOnlyDictionary<string, string> headers, string body)
    {
        Port = TestServers.ClosedPort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                Interlocked.Increment(ref _requests);
                await context.Request.InputStream.CopyToAsync(Stream.Null);
                context.Response.StatusCode = status;
                foreach (var (name, value) in headers)
                {
                    context.Response.Headers[name] = value;
                }

                var bytes = System.Text.Encoding.UTF8.GetBytes(body);
                context.Response.ContentType = "application/xml";
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        });
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public int Requests => Volatile.Read(ref _requests);

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}
