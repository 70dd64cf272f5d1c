using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace CampaignBot.Api.Http;

/// <summary>
/// A body that is not valid JSON, does not fit the request (an unknown or repeated field, a value of the wrong kind)
/// or is too large: the status the framework chose (400, 413, 415) as a problem that says where, instead of a 500
/// or an empty answer. Body problems carry their path in <c>errors</c>, keyed like the 422 validation problems.
/// </summary>
public sealed class BadRequestProblems(IProblemDetailsService problems, IOptions<JsonOptions> json) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        if (bad.InnerException is JsonException error)
        {
            // The exception handler clears the endpoint before it runs; the feature keeps the one that failed.
            var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
            var requestType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            var problem = JsonBodyError.Of(error, requestType, json.Value.SerializerOptions);
            return await WriteAsync(httpContext, exception, Problem([problem]));
        }

        return await WriteAsync(httpContext, exception, new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Bad request",
            Detail = bad.Message,
        });
    }

    /// <summary>400 with each body problem in <c>errors</c> under its path; the detail is the first, or a count.</summary>
    public static HttpValidationProblemDetails Problem(IReadOnlyList<JsonBodyError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return new(errors.GroupBy(e => e.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The body does not fit this request",
            Detail = errors.Count == 1 ? errors[0].Message : $"Fix the {errors.Count} problems below and try again.",
        };
    }

    private ValueTask<bool> WriteAsync(HttpContext httpContext, Exception exception, ProblemDetails problem) =>
        problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
}
