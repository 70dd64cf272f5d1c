using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace CampaignBot.Api.Http;

/// <summary>
/// A body that is not valid JSON, has a value of the wrong type, or is too large: the status the framework chose
/// (400, 413) as a problem that says where, instead of a 500 or an empty answer.
/// </summary>
public sealed class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        // JSON errors name the path and position ("Path: $.subAudiences[0].controlPercent | LineNumber: 0 …"), never the value.
        var detail = bad.InnerException is JsonException json ? $"The body is not valid JSON for this request: {json.Message}" : bad.Message;
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Bad request",
                Detail = detail,
            },
        });
    }
}
