using System.Text.RegularExpressions;

namespace CampaignBot.App.Logging;

/// <summary>
/// What may be logged of an outbound URL: the host and a route template. The query is dropped (presigned S3/GCS URLs,
/// Azure SAS and API keys travel there) and every path segment that is not a plain word becomes <c>{…}</c>: ids,
/// numbers, email addresses and tokens alike, so a Slack response_url (the path is the credential) reads
/// <c>/actions/{…}/{…}/{…}</c>.
/// </summary>
public static partial class OutboundRoute
{
    public const string Placeholder = "{…}";

    /// <summary>The host (with a port that is not the scheme's default; never the user info) and the route template.</summary>
    public static (string Host, string Route) Of(Uri? url)
    {
        if (url is not { IsAbsoluteUri: true })
        {
            return ("(no host)", "(no route)");
        }

        var segments = url.AbsolutePath.Split('/').Select(s => s.Length == 0 || IsWord(s) ? s : Placeholder);
        return (url.Authority, string.Join('/', segments));
    }

    private static bool IsWord(string segment) => RouteWord().IsMatch(segment) || VersionLabel().IsMatch(segment);

    // Route names are short words ("chat.postMessage", "profile-bulk-import-jobs"); a token of 16 letters or more
    // is refused even when it happens to hold no digit.
    [GeneratedRegex("^[A-Za-z]{1,15}([._-][A-Za-z]{1,15})*$")]
    private static partial Regex RouteWord();

    [GeneratedRegex(@"^v\d{1,2}(\.\d{1,2})?$")]
    private static partial Regex VersionLabel();
}
