using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignBot.Chat.Teams.Activities;
using CampaignBot.Chat.Teams.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CampaignBot.Chat.Teams.Endpoints;

/// <summary>
/// Reads a POST /api/messages body and lets it in only with a valid token (or the loopback development mode): the
/// token is checked against the body's channelId and serviceUrl before any field is acted on, and a refused request
/// gets 401 with nothing stored, trusted or queued. Without Teams:AppId every request is refused.
/// </summary>
public sealed partial class TeamsInbound(IOptions<TeamsOptions> options, TeamsRequestAuthenticator authenticator, ILogger<TeamsInbound> logger)
{
    /// <summary>Activities are small; an invoke with a filled-in form is a few kilobytes.</summary>
    public const int MaxBody = 256 * 1024;

    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    public async Task<(TeamsActivity? Activity, IResult? Refusal)> ReadAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!options.Value.IsConfigured)
        {
            LogRefused(TeamsAuthRefusal.NotConfigured, "Teams:AppId is not set");
            return (null, Unauthorized(context));
        }

        if (context.Request.ContentLength > MaxBody)
        {
            return (null, TooLarge());
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length > MaxBody)
        {
            return (null, TooLarge());
        }

        var root = ParseJson(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        var channelId = Str(root, "channelId");
        var serviceUrl = Str(root, "serviceUrl");
        var result = await authenticator.AuthenticateAsync(
            context.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null,
            context.Connection.RemoteIpAddress, channelId, serviceUrl, context.RequestAborted);
        if (result is TeamsAuthResult.Refused refused)
        {
            LogRefused(refused.Reason, refused.Detail);
            return (null, Unauthorized(context));
        }

        return TeamsActivityParser.Parse(root) switch
        {
            TeamsParseResult.Parsed parsed => (parsed.Activity, null),
            TeamsParseResult.Invalid invalid => (null, TypedResults.Problem(
                title: "Not a usable activity", detail: string.Join("; ", invalid.Problems), statusCode: StatusCodes.Status400BadRequest)),
            _ => (null, TypedResults.StatusCode(StatusCodes.Status400BadRequest)),
        };
    }

    private static JsonNode? ParseJson(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonNode.Parse(body.Span, documentOptions: Strict);
        }
        catch (JsonException)
        {
            // Still authenticated first (it fails: there is no serviceUrl to bind the token to), so garbage answers 401 too.
            return null;
        }
    }

    private static string Str(JsonNode? root, string name) =>
        root is JsonObject activity && activity[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : "";

    private static IResult Unauthorized(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(
            title: "Not authenticated",
            detail: "Send the activity with a valid Bot Framework or Entra ID token for this bot (Authorization: Bearer).",
            statusCode: StatusCodes.Status401Unauthorized);
    }

    private static IResult TooLarge() =>
        TypedResults.Problem(detail: $"The body is over {MaxBody:N0} bytes, larger than a Teams activity can be.", statusCode: StatusCodes.Status413PayloadTooLarge);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a Teams request ({Reason}): {Detail}")]
    private partial void LogRefused(TeamsAuthRefusal reason, string detail);
}
