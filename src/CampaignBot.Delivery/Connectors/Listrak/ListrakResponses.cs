using System.Text.Json;
using CampaignBot.Delivery.Connectors.Http;

namespace CampaignBot.Delivery.Connectors.Listrak;

/// <summary>
/// Reads Listrak's answers: errors as <c>{status, error, message}</c> with codes such as ERROR_INVALID_PARAMETER
/// or ERROR_UNABLE_TO_LOCATE_RESOURCE (destinations.md §3). Listrak publishes no rate limit and no Retry-After,
/// so a 429 or a server error is retried with the usual backoff.
/// </summary>
public static class ListrakResponses
{
    private const string Service = "Listrak";

    public static async ValueTask<HttpVerdict> ClassifyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsSuccessStatusCode)
        {
            return HttpVerdict.Success;
        }

        var status = (int)response.StatusCode;
        if (ClientCredentialsTokenSource.IsTokenResponse(response) && status is 400 or 401 or 403)
        {
            return new(HttpDisposition.Refused,
                $"Listrak refused the integration's client id and secret ({status}); the secret was revoked or rotated. Issue a new one and update the credentials.", FailureKind.Authentication);
        }

        // Buffered, so the pipeline and the caller can each read the body again.
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var code = await ErrorCodeAsync(response, cancellationToken).ConfigureAwait(false);
        var label = code is null ? $"HTTP {status}" : $"HTTP {status}, {code}";
        return status switch
        {
            // Listrak answers ERROR_UNAUTHORIZED also for a caller outside the integration's IP allowlist.
            401 => new(HttpDisposition.Refused,
                $"Listrak refused a newly issued access token ({label}); check the integration's credentials and that CampaignBot's IP address is on its allowlist.", FailureKind.Authentication),
            403 => new(HttpDisposition.Refused, $"Listrak denied access ({label}); give the integration the List and Segmentation access areas.", FailureKind.Permission),
            404 => new(HttpDisposition.Refused, $"Listrak does not know the list, field or import ({label}); check the destination's settings.", FailureKind.Configuration),
            400 when code is "ERROR_UNSUPPORTED_CONTENT_TYPE" or "ERROR_MALFORMED_REQUEST_BODY"
                => new(HttpDisposition.Refused, $"Listrak could not read the request ({label}).", FailureKind.Configuration),
            _ => HttpVerdict.FromStatus(Service, response) is { Disposition: HttpDisposition.Refused } refused
                ? refused with { Reason = $"Listrak refused the request ({label})." }
                : HttpVerdict.FromStatus(Service, response),
        };
    }

    /// <summary>The <c>error</c> code of an error body; codes name a rule, never a customer, so they may be logged.</summary>
    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            return body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
                ? error.GetString()
                : null;
        }
        catch (JsonException)
        {
            // A proxy's HTML error page: the status alone says what happened.
            return null;
        }
    }
}
