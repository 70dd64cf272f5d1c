using Polly;

namespace CampaignBot.Delivery.Connectors.Http;

/// <summary>
/// Waits for the pacer the request names before each try, retries included, so a retry storm cannot break a
/// service's limits. It sits inside the retry and outside the per-try timeout: queueing is not a slow try.
/// The request is stamped when its answer is back, the one moment surely after the service counted it, and
/// what the answer says is left of the service's own quota (RateLimit-* headers) is passed on to the pacer.
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

        Outcome<TResult>? outcome = null;
        try
        {
            outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
            return outcome.Value;
        }
        finally
        {
            pacer.Answered(paced);
            if (outcome is { Result: HttpResponseMessage response } && ServiceQuota.From(response.Headers) is { } quota)
            {
                pacer.Observe(quota);
            }
        }
    }
}

internal sealed class PacingStrategyOptions : ResilienceStrategyOptions
{
    public PacingStrategyOptions() => Name = "Pacing";
}
