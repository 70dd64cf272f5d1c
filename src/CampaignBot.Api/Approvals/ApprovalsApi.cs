using CampaignBot.Api.Campaigns;
using System.Security.Claims;
using CampaignBot.App.Campaigns;
using CampaignBot.Api.Http;

using CampaignBot.App.Approvals;
using CampaignBot.Core.Campaigns;

namespace CampaignBot.Api.Approvals;

/// <summary>Submitting a campaign for approval, and approving or rejecting it (four-eyes: never your own).</summary>
public static class ApprovalsApi
{
    public static RouteGroupBuilder MapApprovals(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapApiGroup("/api/campaigns/{id:guid}", "Approvals");

        group.MapPost("/submit", async (CampaignId id, ClaimsPrincipal user, ApprovalService approvals, HttpResponse response, CancellationToken cancellationToken) =>
                ApiResults.Ok(CampaignsApi.Tagged(response, await approvals.SubmitAsync(id, user.Actor(), cancellationToken))))
            .WithName("SubmitCampaign")
            .WithSummary("Submit a draft for approval (marketers)")
            .WithDescription("Sizes the audience, sets how many approvers it needs from the risk rules, and pins the request to what you submitted: a later change to a segment withdraws it.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/approve", async (CampaignId id, DecisionInput? decision, ClaimsPrincipal user, ApprovalService approvals, HttpResponse response, CancellationToken cancellationToken) =>
                ApiResults.Ok(CampaignsApi.Tagged(response, await approvals.ApproveAsync(id, user.Actor(), decision?.Comment, cancellationToken))))
            .WithName("ApproveCampaign")
            .WithSummary("Approve a waiting campaign (approvers; never your own)")
            .WithDescription("Counts towards the approvers the request needs; the last one needed schedules the campaign. Approving twice changes nothing.")
            .WithRequestExample(new DecisionInput("Audience and split look right."))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/reject", async (CampaignId id, DecisionInput? decision, ClaimsPrincipal user, ApprovalService approvals, HttpResponse response, CancellationToken cancellationToken) =>
                ApiResults.Ok(CampaignsApi.Tagged(response, await approvals.RejectAsync(id, user.Actor(), decision?.Comment, cancellationToken))))
            .WithName("RejectCampaign")
            .WithSummary("Reject a waiting campaign with a reason (approvers; never your own)")
            .WithDescription("The comment is required: it tells the author what to change. The campaign returns to draft.")
            .WithRequestExample(new DecisionInput("Exclude customers who bought in the last 30 days."))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return group;
    }
}

/// <summary>An approver's decision; the comment is required to reject.</summary>
public sealed record DecisionInput(string? Comment);
