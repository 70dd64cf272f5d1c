using System.Security.Claims;
using CampaignBot.Api.Http;
using CampaignBot.App.SeedLists;
using CampaignBot.Core.Seeds;

namespace CampaignBot.Api.SeedLists;

/// <summary><c>/api/seed-lists</c>: named lists of internal people sent along with campaigns, never counted as recipients.</summary>
public static class SeedListsApi
{
    private static readonly SeedListInput Example = new()
    {
        Name = "Marketing directors",
        Description = "Check the timing and look of every send.",
        Entries =
        [
            new SeedEntryInput { Name = "Dana", Email = "dana@example.com", Phone = "+1 206 555 0100" },
            new SeedEntryInput { Name = "Luc", Email = "luc@example.com", Phone = "514 555 0199", Country = "CA", ExternalId = "seed-luc" },
        ],
    };

    public static RouteGroupBuilder MapSeedLists(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapApiGroup("/api/seed-lists", "Seed lists");

        group.MapGet("/", (ClaimsPrincipal user, SeedListService lists) => ApiResults.Ok(lists.List(user.Actor())))
            .WithName("ListSeedLists")
            .WithSummary("List seed lists")
            .WithDescription("Each list with its people and the campaigns that send it.");

        group.MapGet("/{name}", (string name, ClaimsPrincipal user, SeedListService lists) => ApiResults.Ok(lists.Get(name, user.Actor())))
            .WithName("GetSeedList")
            .WithSummary("Read a seed list by name (any case)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/", (SeedListInput input, ClaimsPrincipal user, SeedListService lists) =>
                ApiResults.Created(lists.Create(input, user.Actor()), l => $"/api/seed-lists/{Uri.EscapeDataString(l.Name)}"))
            .WithName("CreateSeedList")
            .WithSummary("Create a seed list (marketers)")
            .WithDescription("Up to 100 people, each with an email, a phone (E.164, or national with country) or an external id; checked like customer identifiers and stored normalized.")
            .WithRequestExample(Example)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPut("/{name}", (string name, SeedListInput input, ClaimsPrincipal user, SeedListService lists) => ApiResults.Ok(lists.Update(name, input, user.Actor())))
            .WithName("UpdateSeedList")
            .WithSummary("Replace a seed list's people (marketers)")
            .WithDescription("The name stays. Campaigns that send the list keep their approvals: the next run sends the list as it is then.")
            .WithRequestExample(Example)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapDelete("/{name}", (string name, ClaimsPrincipal user, SeedListService lists) => ApiResults.NoContent(lists.Delete(name, user.Actor())))
            .WithName("DeleteSeedList")
            .WithSummary("Delete a seed list no unfinished campaign sends (marketers)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
