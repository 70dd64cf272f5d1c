using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignBot.Api.Http;

/// <summary>A campaign's version as an entity tag: GET returns <c>ETag: "7"</c>; an update sends it back in <c>If-Match</c>.</summary>
public static class ETags
{
    public static string Of(int version) => $"\"{version}\"";

    /// <summary>
    /// The version an <c>If-Match</c> header asks for; null for <c>*</c> (any version). A missing header is 428,
    /// so nobody overwrites another person's edit by forgetting it.
    /// </summary>
    public static (int? Version, ProblemHttpResult? Problem) Expected(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
        {
            return (null, ApiResults.Status(StatusCodes.Status428PreconditionRequired, "If-Match required",
                "Send If-Match with the ETag you read (GET returns it), such as If-Match: \"3\", so you do not overwrite someone else's edit."));
        }

        if (header == "*")
        {
            return (null, null);
        }

        var tag = header.Trim('"');
        return int.TryParse(tag, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) && version > 0
            ? (version, null)
            : (null, ApiResults.Status(StatusCodes.Status400BadRequest, "Bad If-Match",
                $"If-Match is {header}; send the ETag you read, such as \"3\" (a weak tag or a list is not accepted)."));
    }
}
