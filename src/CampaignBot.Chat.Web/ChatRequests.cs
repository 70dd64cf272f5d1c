using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;

namespace CampaignBot.Chat.Web;

/// <summary>Typed text; <see cref="Key"/> names this send, so a post the browser retries is answered once.</summary>
internal sealed record SayRequest(string Text, string Key);

/// <summary>A button in a message; <see cref="Message"/> is the element it is on, which a replacing answer replaces.</summary>
internal sealed record ClickRequest(string Action, string Value, string Message, string Key);

/// <summary>
/// A form submitted (no <see cref="Action"/>) or a button inside it clicked, with the form's values as they stand.
/// </summary>
internal sealed record SubmitRequest(string Message, string FormId, string State, Dictionary<string, List<string>> Values, string? Action = null, string? Value = null);

/// <summary>A form closed without submitting.</summary>
internal sealed record DismissRequest(string Message);

/// <summary>
/// Reads the page's JSON posts strictly and within limits, after the request checks have passed, so a stranger's
/// post is refused for who it is from before anything reads its body.
/// </summary>
internal static partial class ChatRequests
{
    public const long MaxBodyBytes = 262_144;
    public const int MaxText = 2_000;
    public const int MaxValue = 5_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>The body, or why it cannot be used.</summary>
    public static async Task<(T? Body, string? Problem)> ReadAsync<T>(HttpContext context)
        where T : class
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return (null, $"The body is over {MaxBodyBytes:N0} bytes, the most the chat accepts.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        if (!context.Request.HasJsonContentType())
        {
            return (null, "Send the body as JSON.");
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<T>(context.Request.Body, Json, context.RequestAborted) is { } body
                ? (body, Check(body))
                : (null, "The body is empty.");
        }
        catch (JsonException e)
        {
            return (null, $"The body is not a chat request: {e.Message}");
        }
        catch (BadHttpRequestException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>Element ids and send keys the page makes: short, and safe to put back into the page as ids.</summary>
    public static bool IsId(string? value) => value is { Length: > 0 and <= 64 } && SafeId().IsMatch(value);

    private static string? Check<T>(T body) => body switch
    {
        SayRequest say when say.Text.Trim().Length == 0 => "Type something to send.",
        SayRequest say when say.Text.Length > MaxText => $"A message has at most {MaxText:N0} characters.",
        SayRequest say when !IsId(say.Key) => "The send key must be 1 to 64 letters, digits or dashes.",
        ClickRequest click when !IsId(click.Key) || !IsId(click.Message) => "The click names no message or send key the page made.",
        ClickRequest click when click.Action.Length > 200 || click.Value.Length > MaxValue => "The button's action or value is too long.",
        SubmitRequest submit when !IsId(submit.Message) => "The submission names no form the page shows.",
        SubmitRequest submit when submit.Values.Count > 200 || submit.Values.Values.Any(v => v.Count > 500 || v.Any(x => x.Length > MaxValue)) =>
            $"A form has at most 200 fields, each with at most 500 values of {MaxValue:N0} characters.",
        DismissRequest dismiss when !IsId(dismiss.Message) => "The request names no form the page shows.",
        _ => null,
    };

    [GeneratedRegex("^[A-Za-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeId();
}
