using System.Globalization;
using System.Text.Json;
using CampaignBot.Delivery.Connectors.Http;

namespace CampaignBot.Delivery.Connectors.Criteo;

/// <summary>
/// Reads Criteo's answers: throttling as 429 with x-ratelimit-reset (an epoch time, not seconds, and no
/// Retry-After), errors as JSON:API <c>errors[]</c> of CommonProblem {traceId, type, code, title, detail}.
/// </summary>
public sealed class CriteoResponses(TimeProvider clock)
{
    private const string Service = "Criteo";

    // Our clock and Criteo's differ a little; arriving just after the reset beats arriving just before it.
    private static readonly TimeSpan ResetMargin = TimeSpan.FromMilliseconds(200);

    public async ValueTask<HttpVerdict> ClassifyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsSuccessStatusCode)
        {
            return HttpVerdict.Success;
        }

        var status = (int)response.StatusCode;
        if (status == 429)
        {
            return new(HttpDisposition.Throttled, "Criteo is limiting calls from this app (429).", FailureKind.RateLimited, UntilReset(response));
        }

        if (ClientCredentialsTokenSource.IsTokenResponse(response) && status is 400 or 401 or 403)
        {
            return new(HttpDisposition.Refused,
                $"Criteo refused the app's client id and secret ({status}); the secret was revoked or rotated. Generate a new one and update the credentials.", FailureKind.Authentication);
        }

        // Buffered, so the pipeline and the caller can each read the body again.
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var code = await FirstCodeAsync(response, cancellationToken).ConfigureAwait(false);
        var label = code is null ? $"HTTP {status}" : $"HTTP {status}, {code}";
        return status switch
        {
            401 => new(HttpDisposition.Refused, $"Criteo refused a newly issued access token ({label}); check the app's credentials.", FailureKind.Authentication),
            403 => new(HttpDisposition.Refused, $"Criteo denied access ({label}); give the app the Audiences write permission for the advertiser.", FailureKind.Permission),
            404 => new(HttpDisposition.Refused, $"Criteo does not know the advertiser or audience segment ({label}); check AccountId.", FailureKind.Configuration),
            400 or 422 when code is { } c && (c.Contains("advertiser", StringComparison.OrdinalIgnoreCase) || c.Contains("segment", StringComparison.OrdinalIgnoreCase))
                => new(HttpDisposition.Refused, $"Criteo refused the destination's settings ({label}); check AccountId.", FailureKind.Configuration),
            _ => HttpVerdict.FromStatus(Service, response) is { Disposition: HttpDisposition.Refused } refused
                ? refused with { Reason = $"Criteo refused the request ({label})." }
                : HttpVerdict.FromStatus(Service, response),
        };
    }

    /// <summary>The wait until x-ratelimit-reset, read as epoch seconds (or milliseconds, when it is that large).</summary>
    public TimeSpan? UntilReset(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.Headers.TryGetValues("x-ratelimit-reset", out var values)
            || !double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var epoch) || epoch <= 0)
        {
            return null;
        }

        var reset = epoch > 1e11 ? DateTimeOffset.FromUnixTimeMilliseconds((long)epoch) : DateTimeOffset.FromUnixTimeMilliseconds((long)(epoch * 1000));
        var wait = reset - clock.GetUtcNow() + ResetMargin;
        return wait > TimeSpan.Zero ? wait : ResetMargin;
    }

    private static async Task<string?> FirstCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            return Codes(body.RootElement, "errors").FirstOrDefault();
        }
        catch (JsonException)
        {
            // A proxy's HTML error page: the status alone says what happened.
            return null;
        }
    }

    /// <summary>The <c>code</c> of each item of <c>errors[]</c> or <c>warnings[]</c>; codes name a rule, never a customer.</summary>
    public static IEnumerable<string> Codes(JsonElement root, string list) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(list, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String)
                .Select(i => i.GetProperty("code").GetString()!).ToList()
            : [];
}
