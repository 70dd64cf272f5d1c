using System.Security.Claims;
using CampaignBot.App.Application;
using CampaignBot.App.Audit;
using CampaignBot.App.Explain;
using CampaignBot.Api.Http;
using CampaignBot.Core.Campaigns;
using Microsoft.AspNetCore.Http.HttpResults;

using CampaignBot.App.Campaigns;

namespace CampaignBot.Api.Campaigns;

/// <summary><c>/api/campaigns</c>: create, read, edit (with If-Match), delete, preview and steer campaigns.</summary>
public static class CampaignsApi
{
    public static RouteGroupBuilder MapCampaigns(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapApiGroup("/api/campaigns", "Campaigns");

        group.MapGet("/", (ClaimsPrincipal user, CampaignService campaigns, string? status, string? search, string? author, int? page, int? pageSize, string? sort) =>
                ApiResults.Ok(campaigns.Find(new CampaignQuery
                {
                    Status = status,
                    Search = search,
                    Author = author,
                    Page = page ?? 1,
                    PageSize = pageSize ?? CampaignQuery.DefaultPageSize,
                    Sort = sort,
                }, user.Actor())))
            .WithName("ListCampaigns")
            .WithSummary("List campaigns")
            .WithDescription("Newest change first, or with sort=priority high priority first, then the next to run. Filter by status (\"pending approval\", \"scheduled\"…), part of the name, or author; page with page and pageSize (at most 100).")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/{id:guid}", (CampaignId id, ClaimsPrincipal user, CampaignService campaigns, HttpResponse response) =>
                ApiResults.Ok(Tagged(response, campaigns.Get(id, user.Actor()))))
            .WithName("GetCampaign")
            .WithSummary("Read a campaign")
            .WithDescription("Its draft, status, schedule in words, approval progress and the actions you may take. The ETag header is the version to send in If-Match when editing.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/", (CampaignDraft draft, ClaimsPrincipal user, CampaignService campaigns, HttpResponse response) =>
                ApiResults.Created(Tagged(response, campaigns.Create(draft, user.Actor())), c => $"/api/campaigns/{c.Id}"))
            .WithName("CreateCampaign")
            .WithSummary("Create a campaign (marketers)")
            .WithDescription("Validated in full: every problem comes back at once, keyed by its path (subAudiences[0].groups[1].percent). The campaign starts as a draft.")
            .WithRequestExample(ApiExamples.Campaign)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPut("/{id:guid}", Update)
            .WithName("UpdateCampaign")
            .WithSummary("Replace a campaign's draft (marketers)")
            .WithDescription("Send If-Match with the ETag you read. Editing an approved or waiting campaign returns it to draft and voids its approval.")
            .WithRequestExample(ApiExamples.Campaign)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapDelete("/{id:guid}", (CampaignId id, ClaimsPrincipal user, CampaignService campaigns) => ApiResults.NoContent(campaigns.Delete(id, user.Actor())))
            .WithName("DeleteCampaign")
            .WithSummary("Delete a campaign that never ran (marketers)")
            .WithDescription("A campaign with runs on record is kept for its history; cancel it instead.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/{id:guid}/preview", async (CampaignId id, ClaimsPrincipal user, CampaignPreviews previews, CancellationToken cancellationToken) =>
                ApiResults.Ok(await previews.PreviewAsync(id, user.Actor(), cancellationToken)))
            .WithName("PreviewCampaign")
            .WithSummary("Count the audience without sending")
            .WithDescription("Counted in the customer engine: customers included, removed by each exclusion (a customer in two counts in both) and by suppressions; per sub-audience, control and recipient group; per destination the deliverable rows and those missing a required identifier, by the run's drop reasons (null or blank values only: the run also drops malformed ones, so its drops may be higher); and how many approvers the campaign will need.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/{id:guid}/explain", Explain)
            .WithName("ExplainCampaignCustomer")
            .WithSummary("Explain why a customer is or is not in the campaign")
            .WithDescription("customer is a customer id or an email address (any case). Each include and exclude segment, suppressions, the first matching sub-audience, the control or recipient group a run places them in, and per destination the attributes it would receive (names and whether each value is usable, never the values) or the drop reason, plus what the last run did. Evaluated in the customer engine for this customer alone.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        MapSteering(group, "pause", "PauseCampaign", "Pause a campaign (marketers)", "Stops a running campaign after the batch in flight; resume continues where it stopped.",
            (campaigns, id, actor) => campaigns.Pause(id, actor));
        MapSteering(group, "resume", "ResumeCampaign", "Resume a paused campaign (marketers)", "A run the pause stopped continues after its last delivered batch.",
            (campaigns, id, actor) => campaigns.Resume(id, actor));
        MapSteering(group, "cancel", "CancelCampaign", "Cancel a campaign (marketers)", "It will not run again; its runs and history are kept.",
            (campaigns, id, actor) => campaigns.Cancel(id, actor));

        group.MapGet("/{id:guid}/audit", (CampaignId id, ClaimsPrincipal user, CampaignService campaigns) => ApiResults.Ok(campaigns.History(id, user.Actor())))
            .WithName("CampaignAudit")
            .WithSummary("A campaign's history")
            .WithDescription("Every transition and decision, oldest first: who, when, from which channel, from and to which status.")
            .Produces<IReadOnlyList<AuditView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static Results<Ok<CampaignView>, ProblemHttpResult> Update(
        CampaignId id, CampaignDraft draft, ClaimsPrincipal user, CampaignService campaigns, HttpRequest request, HttpResponse response)
    {
        var (version, problem) = ETags.Expected(request);
        if (problem is not null)
        {
            return problem;
        }

        return ApiResults.Ok(Tagged(response, campaigns.Update(id, version, draft, user.Actor())));
    }

    private static async Task<Results<Ok<ExplanationView>, ProblemHttpResult>> Explain(
        CampaignId id, string? customer, ClaimsPrincipal user, CampaignExplainer explainer, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(customer))
        {
            return ApiResults.Invalid("customer", "Give the customer id or email address in the customer query parameter.");
        }

        return ApiResults.Ok(await explainer.ExplainAsync(id, customer, user.Actor(), cancellationToken));
    }

    private static void MapSteering(RouteGroupBuilder group, string verb, string name, string summary, string description, Func<CampaignService, CampaignId, Actor, ServiceResult<CampaignView>> steer) =>
        group.MapPost($"/{{id:guid}}/{verb}", (CampaignId id, ClaimsPrincipal user, CampaignService campaigns, HttpResponse response) =>
                ApiResults.Ok(Tagged(response, steer(campaigns, id, user.Actor()))))
            .WithName(name)
            .WithSummary(summary)
            .WithDescription(description)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>Puts the campaign's version in the ETag header of a successful answer.</summary>
    public static ServiceResult<CampaignView> Tagged(HttpResponse response, ServiceResult<CampaignView> result)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (result is ServiceResult<CampaignView>.Ok ok)
        {
            response.Headers.ETag = ETags.Of(ok.Value.Version);
        }

        return result;
    }
}
