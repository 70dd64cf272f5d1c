using CampaignBot.App.Application;
using CampaignBot.Core.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignBot.Api.Http;

/// <summary>
/// Turns a <see cref="ServiceResult{T}"/> into HTTP: the value, or an RFC 9457 problem whose status says what
/// went wrong — 422 with every problem keyed by its path, 403, 404, 409 for the lifecycle, 412 for a stale version.
/// </summary>
public static class ApiResults
{
    public static Results<Ok<T>, ProblemHttpResult> Ok<T>(ServiceResult<T> result) => result switch
    {
        ServiceResult<T>.Ok ok => TypedResults.Ok(ok.Value),
        _ => Problem(result),
    };

    public static Results<Created<T>, ProblemHttpResult> Created<T>(ServiceResult<T> result, Func<T, string> location) => result switch
    {
        ServiceResult<T>.Ok ok => TypedResults.Created(location(ok.Value), ok.Value),
        _ => Problem(result),
    };

    public static Results<NoContent, ProblemHttpResult> NoContent<T>(ServiceResult<T> result) => result switch
    {
        ServiceResult<T>.Ok => TypedResults.NoContent(),
        _ => Problem(result),
    };

    public static ProblemHttpResult Problem<T>(ServiceResult<T> failure) => failure switch
    {
        ServiceResult<T>.Invalid invalid => Invalid(invalid),
        ServiceResult<T>.NotFound notFound => Status(StatusCodes.Status404NotFound, "Not found", notFound.Message),
        ServiceResult<T>.Forbidden forbidden => Status(StatusCodes.Status403Forbidden, "Forbidden", forbidden.Message),
        ServiceResult<T>.Conflict conflict => Status(StatusCodes.Status409Conflict, "Not possible now", conflict.Message),
        ServiceResult<T>.Stale stale => Status(StatusCodes.Status412PreconditionFailed, "Out of date", stale.Message),
        _ => throw new InvalidOperationException($"{failure.GetType().Name} is not a failure."),
    };

    /// <summary>A problem that is not a service's answer (a missing header, a bad query value).</summary>
    public static ProblemHttpResult Status(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    /// <summary>422 with <c>errors</c> keyed by path, as ASP.NET Core's validation problems are, and the warnings alongside.</summary>
    public static ProblemHttpResult Invalid(string path, string message) =>
        Invalid(new ServiceResult<object>.Invalid([new Core.Validation.ValidationProblem(path, message, ProblemSeverity.Error)]));

    private static ProblemHttpResult Invalid<T>(ServiceResult<T>.Invalid invalid)
    {
        var errors = invalid.Problems.Where(p => p.IsError)
            .GroupBy(p => p.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal);
        var problem = new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The request has problems",
            Detail = errors.Count == 1 ? "Fix the problem below and try again." : $"Fix the {errors.Count} problems below and try again.",
        };
        var warnings = invalid.Problems.Where(p => !p.IsError).Select(p => new { p.Path, p.Message }).ToList();
        if (warnings.Count > 0)
        {
            problem.Extensions["warnings"] = warnings;
        }

        return TypedResults.Problem(problem);
    }
}
