using System.Security.Claims;
using CampaignBot.Api.Http;

using CampaignBot.App.Segments;

namespace CampaignBot.Api.Segments;

/// <summary><c>/api/segments</c>: named customer filters, written as text or as a tree, and what they hold.</summary>
public static class SegmentsApi
{
    public static RouteGroupBuilder MapSegments(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapApiGroup("/api/segments", "Segments");

        group.MapGet("/", (ClaimsPrincipal user, SegmentService segments) => ApiResults.Ok(segments.List(user.Actor())))
            .WithName("ListSegments")
            .WithSummary("List segments");

        group.MapGet("/{name}", (string name, ClaimsPrincipal user, SegmentService segments) => ApiResults.Ok(segments.Get(name, user.Actor())))
            .WithName("GetSegment")
            .WithSummary("Read a segment by name (any case)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/", (SegmentInput input, ClaimsPrincipal user, SegmentService segments) =>
                ApiResults.Created(segments.Create(input, user.Actor()), s => $"/api/segments/{Uri.EscapeDataString(s.Name)}"))
            .WithName("CreateSegment")
            .WithSummary("Create a segment (marketers)")
            .WithDescription("Give the filter as text (\"lifetime_value > 500 and state in (WA, OR)\") or as a tree in filter: {allOf|anyOf: [...]}, {not: {...}} or {column, operator, values}. Columns and values are checked against the customer schema.")
            .WithRequestExample(ApiExamples.Segment)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/{name}/insights", async (string name, ClaimsPrincipal user, SegmentService segments, CancellationToken cancellationToken) =>
                ApiResults.Ok(await segments.InsightsAsync(name, user.Actor(), cancellationToken)))
            .WithName("SegmentInsights")
            .WithSummary("What a segment holds")
            .WithDescription("Customers, share of all customers, total and average lifetime value, and the split by lifecycle status; computed in the customer engine.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/insights", async (SegmentInput input, ClaimsPrincipal user, SegmentService segments, CancellationToken cancellationToken) =>
                ApiResults.Ok(await segments.TryAsync(input, user.Actor(), cancellationToken)))
            .WithName("TrySegment")
            .WithSummary("Size a filter before saving it")
            .WithDescription("The same body as creating a segment; nothing is stored.")
            .WithRequestExample(ApiExamples.Segment)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return group;
    }
}
