using System.Security.Claims;
using CampaignBot.Api.Http;

using CampaignBot.App.Runs;
using CampaignBot.Core.Campaigns;

namespace CampaignBot.Api.Runs;

/// <summary>Runs: what was sent where, what was dropped and why, and retrying failed deliveries.</summary>
public static class RunsApi
{
    public static IEndpointRouteBuilder MapRuns(this IEndpointRouteBuilder routes)
    {
        routes.MapApiGroup("/api/campaigns/{id:guid}/runs", "Runs")
            .MapGet("/", (CampaignId id, ClaimsPrincipal user, RunService runs) => ApiResults.Ok(runs.ForCampaign(id, user.Actor())))
            .WithName("ListRuns")
            .WithSummary("A campaign's runs, newest first")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var group = routes.MapApiGroup("/api/runs", "Runs");
        group.MapGet("/{runId}", (string runId, ClaimsPrincipal user, RunService runs) => ApiResults.Ok(runs.Get(runId, user.Actor())))
            .WithName("GetRun")
            .WithSummary("Read a run")
            .WithDescription("Members per sub-audience and group (control groups are recorded, never sent), rows per destination, rows rejected by the destination, rows dropped before sending by reason, errors with their class, and whether it can be retried.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{runId}/retry", (string runId, ClaimsPrincipal user, RunService runs) => ApiResults.Ok(runs.Retry(runId, user.Actor())))
            .WithName("RetryRun")
            .WithSummary("Retry a run's failed deliveries (marketers, on-call staff)")
            .WithDescription("Only the failed (group, destination) deliveries are sent again, each from where it stopped; delivered ones are left alone.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }
}
