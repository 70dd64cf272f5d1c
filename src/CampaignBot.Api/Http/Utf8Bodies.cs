using Microsoft.Net.Http.Headers;

namespace CampaignBot.Api.Http;

/// <summary>
/// API bodies are JSON in UTF-8, as RFC 8259 requires between systems. A body declared in another charset is refused
/// with 415 before anything reads it; an unknown charset would otherwise fail deep in the JSON reader as a 500.
/// </summary>
public sealed class Utf8Bodies(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problems);
        if (!context.Request.Path.StartsWithSegments("/api")
            || !MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            || type.Charset.Value is not { Length: > 0 } charset
            || charset.Trim('"').Replace("-", "", StringComparison.Ordinal).Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status415UnsupportedMediaType,
                Title = "Unsupported media type",
                // The charset is the caller's own text; shortened so the problem stays small.
                Detail = $"{(IsJson(type) ? "Send the body as JSON in UTF-8" : "Send the file as UTF-8 text")}; it says charset={(charset.Length > 40 ? charset[..40] + "…" : charset)}.",
            },
        });
    }

    private static bool IsJson(MediaTypeHeaderValue type) =>
        type.MediaType.Value is { } media && (media.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}
