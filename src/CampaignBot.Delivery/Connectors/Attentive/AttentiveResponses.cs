using System.Globalization;
using System.Net;
using CampaignBot.Delivery.Connectors.Http;

namespace CampaignBot.Delivery.Connectors.Attentive;

/// <summary>
/// Reads Attentive's answers (destinations.md §2): 429 when over the per-second limit, with x-ratelimit-limit and
/// x-ratelimit-remaining but no documented Retry-After; 401 for a revoked or unknown API key; 403 for a key
/// without the Segments permission. Bodies are not quoted in reasons: they may echo members.
/// </summary>
public static class AttentiveResponses
{
    /// <summary>The path of a segment looked up by externalId, whose 404 means "not made yet" rather than a failure.</summary>
    public const string SegmentLookup = "v2/segments/external/";

    private const string Service = "Attentive";

    // Attentive's limits are per second; one window later the count has started again.
    private static readonly TimeSpan LimitWindow = TimeSpan.FromSeconds(1);

    public static ValueTask<HttpVerdict> ClassifyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsSuccessStatusCode || (response.StatusCode == HttpStatusCode.NotFound && IsSegmentLookup(response)))
        {
            return ValueTask.FromResult(HttpVerdict.Success);
        }

        var status = (int)response.StatusCode;
        return ValueTask.FromResult(status switch
        {
            429 => new HttpVerdict(HttpDisposition.Throttled, $"Attentive is limiting calls from this API key (429, limit {Header(response, "x-ratelimit-limit")} per second).",
                FailureKind.RateLimited, LimitWindow),
            401 => new HttpVerdict(HttpDisposition.Refused,
                "Attentive refused the API key (401); it was revoked or is wrong. Create a new key for the private app and update the credentials.", FailureKind.Authentication),
            403 => new HttpVerdict(HttpDisposition.Refused,
                "Attentive denied access (403); give the private app's key the Segments read and write permissions.", FailureKind.Permission),
            404 => new HttpVerdict(HttpDisposition.Refused, "Attentive does not know the segment or job (404); check Endpoint.", FailureKind.Configuration),
            400 or 422 => new HttpVerdict(HttpDisposition.Refused, $"Attentive refused the request ({status}); a member or the segment's settings broke its rules.", FailureKind.InvalidData),
            _ => HttpVerdict.FromStatus(Service, response),
        });
    }

    private static bool IsSegmentLookup(HttpResponseMessage response) =>
        response.RequestMessage is { Method: var method, RequestUri: { } uri } && method == HttpMethod.Get
        && uri.AbsolutePath.Contains("/" + SegmentLookup, StringComparison.Ordinal);

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number.ToString(CultureInfo.InvariantCulture)
            : "unstated";
}
