using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;

namespace CampaignBot.Api.Http;

/// <summary>
/// A body sent to an /api endpoint that reads none would be dropped unread (a "comment" on submit, say), so it is
/// refused like an unknown field and the caller learns it was not recorded. An empty body, <c>{}</c> and <c>null</c> pass.
/// </summary>
public sealed class UnexpectedBody : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is not null)
        {
            return await next(context);
        }

        // The body limit still applies while it is read: an oversized body ends in 413 as anywhere else.
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        var errors = body.Length == 0 ? [] : Errors(body.ToArray());
        return errors.Count == 0 ? await next(context) : TypedResults.Problem(BadRequestProblems.Problem(errors));
    }

    private static List<JsonBodyError> Errors(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Null)
            {
                return [];
            }

            if (root.ValueKind == JsonValueKind.Object)
            {
                return [.. root.EnumerateObject().Select(member => JsonPathSegments.Format([new(member.Name, -1)]))
                    .Select(path => new JsonBodyError(path, $"'{path}' is not a field; this request takes no body."))];
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON at all, or a name that is not valid UTF-8: refused below as a body this request does not take.
        }

        return [new(JsonBodyError.Body, "This request takes no body; send it empty.")];
    }
}
