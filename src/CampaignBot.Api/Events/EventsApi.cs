using System.Security.Claims;
using CampaignBot.Api.Http;
using CampaignBot.App.Triggers;

namespace CampaignBot.Api.Events;

/// <summary><c>/api/events</c>: customer events (orders, sign-ups) that triggered campaigns send on.</summary>
public static class EventsApi
{
    public static RouteGroupBuilder MapEvents(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapApiGroup("/api/events", "Events");

        group.MapPost("/", async (EventBatchInput batch, ClaimsPrincipal user, EventService events, CancellationToken cancellationToken) =>
                ApiResults.Ok(await events.AppendAsync(batch, user.Actor(), cancellationToken)))
            .WithName("SendEvents")
            .WithSummary("Send a batch of customer events (admins)")
            .WithDescription("Up to Triggers:MaxEventsPerRequest events, each {id, customer_id, type, occurred_at, properties}. Idempotent by id: an id sent before is accepted and not stored again. A batch with any problem is refused whole, with every problem keyed by its item (events[3].occurred_at).")
            .WithRequestExample(ApiExamples.Events)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return group;
    }
}
