using System.Security.Claims;
using CampaignBot.Api.Http;
using CampaignBot.App.Application;
using CampaignBot.App.Results;
using CampaignBot.Core.Campaigns;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignBot.Api.Results;

/// <summary>Did the campaign work: each recipient group against its control, as JSON or as CSV for analysts.</summary>
public static class ResultsApi
{
    public static IEndpointRouteBuilder MapResults(this IEndpointRouteBuilder routes)
    {
        routes.MapApiGroup("/api/campaigns/{id:guid}/results", "Results")
            .MapGet("/", GetAsync)
            .WithName("GetCampaignResults")
            .WithSummary("A campaign's results: lift against control per sub-audience and group")
            .WithDescription(
                "Cumulative over every run, or one run with ?run=<run id>. Per group: customers, converters, conversion rate (Wilson 95% interval), " +
                "revenue per customer; per recipient group against its sub-audience's control: absolute lift (Newcombe), relative lift (Katz), " +
                "p-value, revenue per customer lift (Welch) and the verdict. ?format=csv gives one row per group. See docs/results.md.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapApiGroup("/api/results", "Results")
            .MapGet("/holdout", GetHoldoutAsync)
            .WithName("GetHoldoutResults")
            .WithSummary("All marketing against the global holdout over the last days")
            .WithDescription(
                "Everyone outside the holdout whom a destination reached in the last ?days=1..365 (default 30) days, converting with an order " +
                "at or after their first delivery in the period, against every holdout customer, converting with an order at or after the period's " +
                "first delivery to anyone: customers, " +
                "converters, conversion (Wilson), revenue per customer, absolute lift (Newcombe), relative lift (Katz), p-value, revenue per customer " +
                "lift (Welch) and the verdict. 409 when Holdout:Percent is 0. ?format=csv gives the two rows. See docs/results.md.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return routes;
    }

    private static async Task<Results<Ok<CampaignResultsView>, FileContentHttpResult, ProblemHttpResult>> GetAsync(
        CampaignId id, string? run, string? format, ClaimsPrincipal user, ResultsService results, CancellationToken cancellationToken)
    {
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (format is not null && !csv && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return ApiResults.Invalid("format", $"'{format}' is not a format; use json (the default) or csv.");
        }

        var result = await results.GetAsync(id, string.IsNullOrWhiteSpace(run) ? null : run.Trim(), user.Actor(), cancellationToken);
        if (result is not ServiceResult<CampaignResultsView>.Ok { Value: var view })
        {
            return ApiResults.Problem(result);
        }

        return csv
            ? TypedResults.File(ResultsCsv.Bytes(view), "text/csv; charset=utf-8", $"results-{view.CampaignId}{(view.RunId is null ? "" : "-" + view.RunId)}.csv")
            : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<HoldoutResultsView>, FileContentHttpResult, ProblemHttpResult>> GetHoldoutAsync(
        string? days, string? format, ClaimsPrincipal user, HoldoutResultsService holdout, CancellationToken cancellationToken)
    {
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (format is not null && !csv && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return ApiResults.Invalid("format", $"'{format}' is not a format; use json (the default) or csv.");
        }

        int? period = null;
        if (days is not null)
        {
            if (!int.TryParse(days, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                return ApiResults.Invalid("days", $"'{days}' is not a number of days; give a whole number from 1 to {HoldoutResultsService.MaxDays}.");
            }

            period = parsed;
        }

        var result = await holdout.GetAsync(period, user.Actor(), cancellationToken);
        if (result is not ServiceResult<HoldoutResultsView>.Ok { Value: var view })
        {
            return ApiResults.Problem(result);
        }

        return csv ? TypedResults.File(ResultsCsv.Bytes(view), "text/csv; charset=utf-8", $"holdout-results-{view.Days}d.csv") : TypedResults.Ok(view);
    }
}
