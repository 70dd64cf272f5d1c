using Polly;

namespace CampaignBot.Delivery.Connectors.Http;

/// <summary>
/// Waits for the pacer the request names before each try, retries included, so a retry storm cannot break a
/// service's limits. It sits inside the retry and outside the per-try timeout: queueing is not a slow try.
/// </summary>
internal sealed class PacingStrategy : ResilienceStrategy
{
    public static readonly HttpRequestOptionsKey<RequestPacer> PacerKey = new("CampaignBot.Pacer");

    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        if (context.GetRequestMessage()?.Options.TryGetValue(PacerKey, out var pacer) != true)
        {
            return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        }

        PacedRequest? paced;
        try
        {
            paced = await pacer!.WaitAsync(context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch (OperationCanceledException e)
        {
            return Outcome.FromException<TResult>(e);
        }

        // A request with a body has surely arrived once the body is sent; one without, once its answer is back.
        var request = context.GetRequestMessage()!;
        if (request.Content is { } content)
        {
            var observed = content as ObservedContent ?? new ObservedContent(content);
            observed.Sent = () => pacer.Arrived(paced);
            request.Content = observed;
        }

        try
        {
            return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        finally
        {
            pacer.Arrived(paced);
        }
    }
}

/// <summary>The request's body, telling the pacer when it has been sent in full.</summary>
internal sealed class ObservedContent : HttpContent
{
    private readonly HttpContent _inner;

    public ObservedContent(HttpContent inner)
    {
        _inner = inner;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    public Action? Sent { get; set; }

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
    {
        await _inner.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        Sent?.Invoke();
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _inner.Headers.ContentLength ?? -1;
        return length >= 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

internal sealed class PacingStrategyOptions : ResilienceStrategyOptions
{
    public PacingStrategyOptions() => Name = "Pacing";
}
