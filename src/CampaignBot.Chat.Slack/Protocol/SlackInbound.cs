using CampaignBot.Chat.Slack;

namespace CampaignBot.Chat.Slack.Protocol;

/// <summary>Reads a Slack request's exact bytes and checks its signature before anything parses it.</summary>
public sealed partial class SlackInbound(SlackSignatureVerifier verifier, ILogger<SlackInbound> logger)
{
    // Slack's largest posts are modal submissions with their whole view; 1 MB leaves ample room.
    private const int MaxBody = 1024 * 1024;

    /// <summary>The raw body when it is Slack's and fresh; otherwise the answer to give (401, 413) and nothing else happens.</summary>
    public async Task<(byte[]? Body, IResult? Refusal)> ReadAsync(HttpContext context, bool allowSslCheck = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.ContentLength > MaxBody)
        {
            return (null, TypedResults.Problem("The request is larger than a Slack request can be.", statusCode: StatusCodes.Status413PayloadTooLarge));
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length > MaxBody)
        {
            return (null, TypedResults.Problem("The request is larger than a Slack request can be.", statusCode: StatusCodes.Status413PayloadTooLarge));
        }

        var body = buffer.ToArray();

        // Slack probes slash-command URLs with ssl_check=1, unsigned; it only needs a 200 and changes nothing.
        if (allowSslCheck && SlashCommand.IsSslCheck(body))
        {
            return (null, TypedResults.Ok());
        }

        var check = verifier.Verify(context.Request.Headers, body);
        if (!check.IsValid)
        {
            LogRefused(context.Request.Path, check.Failure.ToString());
            return (null, TypedResults.Problem("The request is not signed by Slack, or its signature is stale.", statusCode: StatusCodes.Status401Unauthorized));
        }

        return (body, null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to {Path}: {Reason}")]
    private partial void LogRefused(string path, string reason);
}
