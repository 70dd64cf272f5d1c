using System.Text.Json;
using CampaignBot.Delivery.Connectors.Http;

namespace CampaignBot.Delivery.Connectors.MetaAds;

/// <summary>
/// Reads Graph API errors ({"error":{"code","error_subcode",…}}), which carry Meta's real meaning whatever the
/// HTTP status (Marketing API error reference and rate-limiting pages).
/// </summary>
public static class GraphErrors
{
    private const string Service = "Meta";

    // 4 app, 17 user, 613 ad account, 80000–80014 business use case limits (80003/80004 custom audiences).
    private static readonly HashSet<int> Throttling = [4, 17, 32, 613, 80000, 80001, 80002, 80003, 80004, 80005, 80006, 80008, 80009, 80014];

    public static async ValueTask<HttpVerdict> ClassifyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsSuccessStatusCode)
        {
            return HttpVerdict.Success;
        }

        // Buffered, so the pipeline and the caller can each read the body again.
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var (code, subcode) = await CodesAsync(response, cancellationToken).ConfigureAwait(false);
        var label = subcode is { } sub ? $"Graph error {code}/{sub}" : $"Graph error {code}";
        return code switch
        {
            { } c when Throttling.Contains(c) => new(HttpDisposition.Throttled, $"Meta is limiting calls from this app or ad account ({label}).", FailureKind.RateLimited, RegainAccess(response)),
            190 or 102 => new(HttpDisposition.Refused, $"Meta refused the access token ({label}); it was revoked or has expired. Issue a new system user token.", FailureKind.Authentication),
            10 or (>= 200 and < 300) => new(HttpDisposition.Refused, $"The token lacks a permission (ads_management) or the ad account's terms are not accepted ({label}).", FailureKind.Permission),
            100 when subcode == 33 => new(HttpDisposition.Refused, $"The ad account or audience is unknown, or the system user is not assigned to it ({label}).", FailureKind.Configuration),
            100 when subcode == 1713230 => new(HttpDisposition.Refused, $"Meta blocked uploads to this audience, usually for sensitive words in its name ({label}).", FailureKind.Configuration),
            1 or 2 => new(HttpDisposition.Unavailable, $"Meta failed with a temporary error ({label})."),
            { } => HttpVerdict.FromStatus(Service, response) is { Disposition: HttpDisposition.Refused } refused
                ? refused with { Reason = $"Meta refused the request ({label}, HTTP {(int)response.StatusCode})." }
                : HttpVerdict.FromStatus(Service, response),
            null => HttpVerdict.FromStatus(Service, response),
        };
    }

    private static async Task<(int? Code, int? Subcode)> CodesAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                return (Number(error, "code"), Number(error, "error_subcode"));
            }
        }
        catch (JsonException)
        {
            // A proxy's HTML error page: the status alone says what happened.
        }

        return (null, null);
    }

    /// <summary>X-Business-Use-Case-Usage's estimated_time_to_regain_access, in minutes, when Meta sends it.</summary>
    private static TimeSpan? RegainAccess(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("X-Business-Use-Case-Usage", out var values))
        {
            return null;
        }

        try
        {
            using var usage = JsonDocument.Parse(values.First());
            var minutes = usage.RootElement.EnumerateObject().SelectMany(p => p.Value.EnumerateArray())
                .Select(u => Number(u, "estimated_time_to_regain_access") ?? 0).DefaultIfEmpty(0).Max();
            return minutes > 0 ? TimeSpan.FromMinutes(minutes) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static int? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;
}
