using System.Security.Claims;
using CampaignBot.Api.Http;

using CampaignBot.App.Alerts;
using CampaignBot.Core.Campaigns;

namespace CampaignBot.Api.Alerts;

/// <summary>Alert history and the on-call answers: acknowledge, mute, retry.</summary>
public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapApiGroup("/api/alerts", "Alerts");
        group.MapGet("/", (ClaimsPrincipal user, AlertService alerts, string? state, CampaignId? campaign, int? page, int? pageSize) =>
                ApiResults.Ok(alerts.List(new AlertQuery { State = state, Campaign = campaign, Page = page ?? 1, PageSize = pageSize ?? AlertQuery.DefaultPageSize }, user.Actor())))
            .WithName("ListAlerts")
            .WithSummary("Delivery alerts, latest change first")
            .WithDescription("One alert per failing (campaign, destination) episode, with its state (open, acknowledged, recovered), cause, fix steps, counts and who answered it. Filter by state and campaign.")
            .ProducesValidationProblem();

        group.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, AlertService alerts) => ApiResults.Ok(alerts.Get(id, user.Actor())))
            .WithName("GetAlert")
            .WithSummary("Read an alert")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id:guid}/acknowledge", async (Guid id, ClaimsPrincipal user, AlertService alerts, CancellationToken cancellationToken) =>
                ApiResults.Ok(await alerts.AcknowledgeAsync(id, user.Actor(), cancellationToken)))
            .WithName("AcknowledgeAlert")
            .WithSummary("Acknowledge an alert (on-call staff, marketers)")
            .WithDescription("Records who is on it; an acknowledged alert is not escalated.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:guid}/mute", async (Guid id, MuteRequest request, ClaimsPrincipal user, AlertService alerts, CancellationToken cancellationToken) =>
                ApiResults.Ok(await alerts.MuteAsync(id, request.Hours, user.Actor(), cancellationToken)))
            .WithName("MuteAlert")
            .WithSummary("Mute an alert for some hours (on-call staff, marketers)")
            .WithDescription("No mail and no escalation until the mute ends; new failures of the same campaign at the same destination are recorded and announced when it ends.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:guid}/retry", async (Guid id, ClaimsPrincipal user, AlertService alerts, CancellationToken cancellationToken) =>
                ApiResults.Ok(await alerts.RetryAsync(id, user.Actor(), cancellationToken)))
            .WithName("RetryAlert")
            .WithSummary("Retry the failed deliveries an alert is about (on-call staff, marketers)")
            .WithDescription("Only the failed run's failed deliveries to this destination are sent again, each from where it stopped.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }
}

/// <summary>How long to mute an alert.</summary>
public sealed record MuteRequest(int Hours);
