using System.Reflection;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Validation;
using Microsoft.AspNetCore.Mvc;

namespace CampaignBot.Api.Http;

/// <summary>
/// A misspelt query parameter (<c>?stauts=draft</c>) would be ignored and the answer would look right while
/// meaning something else (every campaign instead of the drafts), so it is refused like an unknown body field:
/// a 400 naming the parameter and the one it most likely meant. The parameters an endpoint reads are its
/// handler's simple-typed arguments that are not route values.
/// </summary>
public static class UnknownQueryParameters
{
    public static EndpointFilterDelegate Filter(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        var read = context.MethodInfo.GetParameters().Where(IsQueryValue).Select(NameOf).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return invocation =>
        {
            var http = invocation.HttpContext;
            var known = read.Where(name => !http.Request.RouteValues.ContainsKey(name)).ToList();
            var errors = http.Request.Query.Keys
                .Where(key => !known.Contains(key, StringComparer.OrdinalIgnoreCase))
                .Select(key => new JsonBodyError(key, Sentence(key, known)))
                .ToList();
            return errors.Count == 0 ? next(invocation) : ValueTask.FromResult<object?>(TypedResults.Problem(Problem(errors)));
        };
    }

    private static HttpValidationProblemDetails Problem(List<JsonBodyError> errors)
    {
        var problem = BadRequestProblems.Problem(errors);
        problem.Title = "The query does not fit this request";
        return problem;
    }

    private static string Sentence(string key, IReadOnlyList<string> known) =>
        known.Count == 0 ? $"'{key}' is not a query parameter; this request takes none."
        : ClosestName.Among(key, known) is { } meant ? $"'{key}' is not a query parameter; did you mean '{meant}'?"
        : $"'{key}' is not a query parameter; this request takes {string.Join(", ", known.Order(StringComparer.Ordinal).Select(k => $"'{k}'"))}.";

    private static string NameOf(ParameterInfo parameter) => parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? parameter.Name!;

    // Minimal APIs bind simple types from the route or the query; services, the user and the body are not query values.
    private static bool IsQueryValue(ParameterInfo parameter)
    {
        if (parameter.GetCustomAttribute<FromQueryAttribute>() is not null)
        {
            return true;
        }

        if (parameter.GetCustomAttributes().Any(a => a is FromRouteAttribute or FromServicesAttribute or FromBodyAttribute or FromHeaderAttribute or FromFormAttribute))
        {
            return false;
        }

        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Guid) || type == typeof(CampaignId) || type == typeof(decimal)
            || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(DateOnly);
    }
}
