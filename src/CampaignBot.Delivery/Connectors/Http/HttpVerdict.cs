namespace CampaignBot.Delivery.Connectors.Http;

/// <summary>What a service's answer means, as a connector's classifier reads it (status, headers, body).</summary>
public enum HttpDisposition
{
    Success,

    /// <summary>The service asks us to slow down; wait and try again.</summary>
    Throttled,

    /// <summary>The service failed or is down; try again, and count it towards opening the circuit.</summary>
    Unavailable,

    /// <summary>The request will not succeed as is; <see cref="HttpVerdict.Kind"/> says why.</summary>
    Refused,
}

/// <param name="Reason">Plain words for on-call staff; never secrets or customer data, so never the raw body.</param>
/// <param name="RetryAfter">How long the service's own signal says to wait, when it has one besides Retry-After.</param>
public sealed record HttpVerdict(HttpDisposition Disposition, string Reason, FailureKind Kind = FailureKind.ServiceDown, TimeSpan? RetryAfter = null)
{
    public static readonly HttpVerdict Success = new(HttpDisposition.Success, "");

    public bool IsRetryable => Disposition is HttpDisposition.Throttled or HttpDisposition.Unavailable;

    /// <summary>The usual meaning of an HTTP status, for services without their own signals in the body.</summary>
    public static HttpVerdict FromStatus(string service, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var code = (int)response.StatusCode;
        return code switch
        {
            >= 200 and < 300 => Success,
            429 => new(HttpDisposition.Throttled, $"{service} is throttling requests (429).", FailureKind.RateLimited),
            // 524 is Cloudflare's origin timeout, which Klaviyo's own SDK retries.
            408 or 500 or 502 or 503 or 504 or 524 => new(HttpDisposition.Unavailable, $"{service} answered with a server error ({code})."),
            401 => new(HttpDisposition.Refused, $"{service} refused the credentials (401); check or replace the key.", FailureKind.Authentication),
            403 => new(HttpDisposition.Refused, $"{service} denied access (403); the key lacks a scope or permission.", FailureKind.Permission),
            404 => new(HttpDisposition.Refused, $"{service} does not know the resource (404); check the destination's settings.", FailureKind.Configuration),
            >= 500 => new(HttpDisposition.Unavailable, $"{service} answered with a server error ({code})."),
            _ => new(HttpDisposition.Refused, $"{service} refused the request ({code}).", FailureKind.InvalidData),
        };
    }
}

/// <summary>Reads one response; reading the body is allowed (it is buffered, so the caller can read it again).</summary>
public delegate ValueTask<HttpVerdict> ResponseClassifier(HttpResponseMessage response, CancellationToken cancellationToken);
