using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CampaignBot.Delivery.Tests.Fakes;

/// <summary>
/// A loopback ASP.NET Core app standing in for a marketing API: it checks what the real one documents and
/// counts every broken rule as a violation, which tests assert stays at zero.
/// </summary>
public abstract class FakeService : IAsyncDisposable
{
    private static readonly object ArrivedKey = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private WebApplication? _app;

    protected FakeService(FaultPlan? faults) => Faults = new FaultInjector(faults ?? new FaultPlan());

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public FaultInjector Faults { get; }

    public IReadOnlyList<string> Violations => _violations.ToList();

    /// <summary>Every request that reached the fake, as "METHOD path" with the time it arrived.</summary>
    public ConcurrentQueue<(string Request, DateTimeOffset At)> Requests { get; } = new();

    /// <summary>How long each request took from its arrival until its answer was written, as "METHOD path".</summary>
    public ConcurrentQueue<(string Request, TimeSpan Took)> Answers { get; } = new();

    public async Task StartAsync()
    {
        // The fake parses multi-megabyte bodies on few cores; without spare threads a request would be
        // noticed (and counted against the limits) late, behind others being parsed.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 64 * 1024 * 1024);
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            // Stamped first thing, before routing, so the limits count a request from when it came in.
            var arrived = DateTimeOffset.UtcNow;
            context.Items[ArrivedKey] = arrived;
            var request = $"{context.Request.Method} {context.Request.Path}";
            Requests.Enqueue((request, arrived));
            await next(context);
            Answers.Enqueue((request, DateTimeOffset.UtcNow - arrived));
        });
        Map(_app);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    /// <summary>When the request came in, for counting it against the limits.</summary>
    protected static DateTimeOffset ArrivedAt(HttpContext context) => (DateTimeOffset)context.Items[ArrivedKey]!;

    public int RequestsTo(string request) => Requests.Count(r => r.Request.StartsWith(request, StringComparison.Ordinal));

    protected abstract void Map(WebApplication app);

    protected void Violation(string rule) => _violations.Enqueue(rule);

    protected static Task<byte[]> BodyAsync(HttpRequest request) => ReadBodyAsync(request);

    internal static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        // Read straight into one array of the announced size: growing a stream to megabytes and copying it out
        // again would put every upload on the large object heap three times.
        if (request.ContentLength is { } length and <= int.MaxValue)
        {
            var body = new byte[length];
            await request.Body.ReadExactlyAsync(body);
            return body;
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>A request's body in one array of its announced length, from the shared pool when asked (then returned on dispose).</summary>
public sealed class RentedBody : IDisposable
{
    private readonly byte[] _array;
    private readonly bool _pooled;

    private RentedBody(byte[] array, int length, bool pooled) => (_array, Memory, _pooled) = (array, array.AsMemory(0, length), pooled);

    public ReadOnlyMemory<byte> Memory { get; }

    public static async Task<RentedBody> ReadAsync(HttpRequest request, bool pooled)
    {
        if (!pooled || request.ContentLength is not { } length || length > int.MaxValue)
        {
            var whole = await FakeService.ReadBodyAsync(request);
            return new RentedBody(whole, whole.Length, pooled: false);
        }

        var array = System.Buffers.ArrayPool<byte>.Shared.Rent((int)length);
        await request.Body.ReadExactlyAsync(array.AsMemory(0, (int)length));
        return new RentedBody(array, (int)length, pooled: true);
    }

    public void Dispose()
    {
        if (_pooled)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(_array);
        }
    }
}

/// <summary>A documented rate limit, checked over a sliding window as requests arrive.</summary>
public sealed class SlidingLimit(string name, int permits, TimeSpan window)
{
    private readonly List<DateTimeOffset> _arrivals = [];
    private readonly Lock _lock = new();

    public string Name => name;

    /// <summary>Counts the request that arrived at <paramref name="arrived"/>; false when it is one too many for its window.</summary>
    /// <remarks>Concurrent requests may be counted slightly out of order, so arrivals are kept sorted.</remarks>
    public bool Admit(DateTimeOffset arrived)
    {
        lock (_lock)
        {
            var at = _arrivals.BinarySearch(arrived);
            _arrivals.Insert(at < 0 ? ~at : at, arrived);
            _arrivals.RemoveAll(a => a <= _arrivals[^1] - window - window);
            return _arrivals.Count(a => a > arrived - window && a <= arrived) <= permits;
        }
    }

    /// <summary>
    /// What is left at <paramref name="at"/> as RateLimit-* headers state it: the permits, how many more fit, and the
    /// whole seconds (rounded up) until one more fits when none does, else until the window's oldest call leaves it.
    /// </summary>
    public (int Limit, int Remaining, int ResetSeconds) Quota(DateTimeOffset at)
    {
        lock (_lock)
        {
            var inWindow = _arrivals.Where(a => a > at - window && a <= at).ToList();
            var remaining = Math.Max(0, permits - inWindow.Count);
            var frees = inWindow.Count == 0 ? at : inWindow[Math.Max(0, inWindow.Count - permits)] + window;
            return (permits, remaining, (int)Math.Ceiling(Math.Max(0, (frees - at).TotalSeconds)));
        }
    }
}
