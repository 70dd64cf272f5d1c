using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace CampaignBot.Delivery.Connectors.Http;

/// <summary>
/// One destination instance's HttpClient: total timeout → retry (jittered backoff, or the service's
/// Retry-After) → circuit breaker → pacing to the service's rate limits → per-try timeout. Final failures
/// come back as a <see cref="BatchOutcome"/> with a <see cref="FailureKind"/> and a plain reason.
/// </summary>
public sealed class DestinationHttpClient : IDisposable
{
    private static readonly HttpRequestOptionsKey<bool> Unrepeatable = new("CampaignBot.Unrepeatable");
    private readonly HttpClient _client;
    private readonly string _service;
    private readonly ResponseClassifier _classify;
    private readonly HttpConnectorSettings _settings;
    private readonly TimeProvider _clock;

    /// <param name="handler">The transport; a fresh <see cref="SocketsHttpHandler"/> when null.</param>
    public DestinationHttpClient(string service, HttpConnectorSettings settings, ResponseClassifier classify, TimeProvider clock, HttpMessageHandler? handler = null)
    {
        _service = service ?? throw new ArgumentNullException(nameof(service));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _classify = classify ?? throw new ArgumentNullException(nameof(classify));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddTimeout(settings.TotalTimeout)
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryDelay,
                MaxDelay = settings.LongestInlineWait,
                ShouldHandle = ShouldRetryAsync,
                DelayGenerator = async args => args.Outcome.Result is { } response
                    ? (await _classify(response, args.Context.CancellationToken).ConfigureAwait(false)).RetryAfter ?? WaitOf(response)
                    : null,
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = 0.5,
                MinimumThroughput = settings.BreakerMinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(60),
                BreakDuration = settings.BreakDuration,
                // Throttling is the service working as designed, not an outage; only failures open the circuit.
                ShouldHandle = async args => await IsOutageAsync(args.Outcome, args.Context.CancellationToken).ConfigureAwait(false),
            })
            .AddStrategy(_ => new PacingStrategy(), new PacingStrategyOptions())
            .AddTimeout(settings.AttemptTimeout)
            .Build();
        _client = new HttpClient(new ResilienceHandler(pipeline) { InnerHandler = handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) } })
        {
            BaseAddress = settings.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public Uri BaseAddress => _settings.BaseAddress;

    /// <summary>
    /// Sends the request through the pipeline. <paramref name="repeatable"/> false keeps retries off for
    /// requests that are not idempotent (creating a list): the caller looks the result up instead.
    /// </summary>
    public async Task<HttpAnswer> SendAsync(HttpRequestMessage request, RequestPacer? pacer, bool repeatable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (pacer is not null)
        {
            request.Options.Set(PacingStrategy.PacerKey, pacer);
        }

        request.Options.Set(Unrepeatable, !repeatable);
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && Unreachable(e) is { } failure)
        {
            return new HttpAnswer(null, failure);
        }

        var verdict = await _classify(response, cancellationToken).ConfigureAwait(false);
        if (verdict.Disposition == HttpDisposition.Success)
        {
            return new HttpAnswer(response, null);
        }

        using (response)
        {
            return new HttpAnswer(null, verdict.Disposition switch
            {
                HttpDisposition.Throttled => new BatchOutcome.Transient(verdict.Reason, verdict.RetryAfter ?? WaitOf(response), FailureKind.RateLimited),
                HttpDisposition.Unavailable => new BatchOutcome.Transient(verdict.Reason, verdict.RetryAfter ?? WaitOf(response), verdict.Kind),
                _ => new BatchOutcome.Permanent(verdict.Reason, verdict.Kind),
            });
        }
    }

    public void Dispose() => _client.Dispose();

    private async ValueTask<bool> ShouldRetryAsync(RetryPredicateArguments<HttpResponseMessage> args)
    {
        if (args.Context.GetRequestMessage()?.Options.TryGetValue(Unrepeatable, out var unrepeatable) == true && unrepeatable)
        {
            return false;
        }

        return args.Outcome switch
        {
            { Exception: BrokenCircuitException } => false,
            { Exception: HttpRequestException or TimeoutRejectedException or IOException } => true,
            { Result: { } response } => await _classify(response, args.Context.CancellationToken).ConfigureAwait(false) is { IsRetryable: true } verdict
                && ((verdict.RetryAfter ?? WaitOf(response)) is not { } wait || wait <= _settings.LongestInlineWait),
            _ => false,
        };
    }

    private async ValueTask<bool> IsOutageAsync(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException or IOException } => true,
        { Result: { } response } => (await _classify(response, cancellationToken).ConfigureAwait(false)).Disposition == HttpDisposition.Unavailable,
        _ => false,
    };

    // Retry-After as seconds or as a date (RFC 9110 §10.2.3).
    private TimeSpan? WaitOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _clock.GetUtcNow() is { Ticks: > 0 } wait ? wait : TimeSpan.Zero,
        _ => null,
    };

    private BatchOutcome.Transient? Unreachable(Exception exception) => exception switch
    {
        BrokenCircuitException => new BatchOutcome.Transient(
            $"{_service} failed repeatedly; calls are paused for {_settings.BreakDuration.TotalSeconds:0} s before trying again.",
            _settings.BreakDuration, FailureKind.ServiceDown),
        TimeoutRejectedException => new BatchOutcome.Transient($"{_service} did not answer in time.", null, FailureKind.ServiceDown),
        HttpRequestException { StatusCode: null } or IOException => new BatchOutcome.Transient($"{_service} could not be reached: {exception.Message}", null, FailureKind.ServiceDown),
        HttpRequestException { StatusCode: HttpStatusCode status } => new BatchOutcome.Transient($"{_service} failed ({(int)status}).", null, FailureKind.ServiceDown),
        _ => null,
    };
}

/// <summary>Either the successful response (the caller disposes it) or why the request failed for good.</summary>
public sealed record HttpAnswer(HttpResponseMessage? Response, BatchOutcome? Failure);
