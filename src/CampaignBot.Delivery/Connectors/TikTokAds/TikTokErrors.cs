using System.Text.Json;
using CampaignBot.Delivery.Connectors.Http;

namespace CampaignBot.Delivery.Connectors.TikTokAds;

/// <summary>
/// Reads the Business API envelope ({code, message, request_id, data}). TikTok answers errors and throttling
/// with HTTP 200 and a non-zero code, so the status alone says nothing; codes are those of the official SDK's
/// tiktok_code.py (tiktok/tiktok-business-api-sdk).
/// </summary>
public static class TikTokErrors
{
    private const string Service = "TikTok";

    // 40100 request too frequent, 40132 request frequency limited, 61000 too many requests (blocklisted for a while).
    private static readonly HashSet<int> Throttling = [40100, 40132, 61000];

    // 40102/40103 expired, 40104 empty, 40105 invalid access token, 40107 invalid refresh token, 40114 advertiser logged out.
    private static readonly HashSet<int> Authentication = [40102, 40103, 40104, 40105, 40107, 40114];

    // 40001 permission, 40003 forbidden, 40113/40117 app forbidden, 40118 not whitelisted, 40125 developer without permission,
    // 40130 scope not authorised, 40301 advertiser role error.
    private static readonly HashSet<int> Permission = [40001, 40003, 40113, 40117, 40118, 40125, 40130, 40301];

    // 40006/40051 API version, 40007 not exist, 40061 batch size, 40300/40302 advertiser not exist, 40400 route not found,
    // 41001 interface offline: our settings or our code must change, not the rows.
    private static readonly HashSet<int> Configuration = [40006, 40007, 40051, 40061, 40300, 40302, 40400, 41001];

    public static async ValueTask<HttpVerdict> ClassifyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.IsSuccessStatusCode)
        {
            return HttpVerdict.FromStatus(Service, response);
        }

        // Buffered, so the pipeline and the caller can each read the body again.
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        return Classify(await CodeAsync(response, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>What one envelope code means; null when the body was no envelope (a proxy's page in a 200).</summary>
    public static HttpVerdict Classify(int? code)
    {
        var label = $"TikTok code {code}";
        return code switch
        {
            // 20001 is a partial success: TikTok names no rejected rows, so there is nothing more to report.
            // 40050 is a duplicated request: an earlier try of this very request was taken.
            0 or 20001 or 40050 => HttpVerdict.Success,
            null => new(HttpDisposition.Unavailable, "TikTok answered without its response envelope."),
            { } c when Throttling.Contains(c) => new(HttpDisposition.Throttled, $"TikTok is limiting calls from this app or advertiser ({label}).", FailureKind.RateLimited),
            { } c when Authentication.Contains(c) => new(HttpDisposition.Refused, $"TikTok refused the access token ({label}); it expired or was revoked. Re-authorise the app for the advertiser.", FailureKind.Authentication),
            { } c when Permission.Contains(c) => new(HttpDisposition.Refused, $"The access token lacks the audience management permission for this advertiser ({label}).", FailureKind.Permission),
            { } c when Configuration.Contains(c) => new(HttpDisposition.Refused, $"TikTok does not know the advertiser, audience or API version, or refused the batch size ({label}); check the destination's settings.", FailureKind.Configuration),
            40062 => new(HttpDisposition.Refused, $"TikTok received identifiers that are not SHA-256 hashed ({label}).", FailureKind.InvalidData),
            // 40202 write conflict, 5xxxx system, RPC, database and storage errors, 60001 maintenance: TikTok's side, try again.
            40202 or (>= 50000 and < 70000) => new(HttpDisposition.Unavailable, $"TikTok failed with a temporary error ({label})."),
            _ => new(HttpDisposition.Refused, $"TikTok refused the request's parameters ({label}).", FailureKind.InvalidData),
        };
    }

    private static async Task<int?> CodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            if (body.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            // The SDK's InlineResponse200 documents code as present on errors; an envelope without one is a success.
            return !body.RootElement.TryGetProperty("code", out var code) ? 0
                : code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out var number) ? number : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
