using System.Security.Claims;
using CampaignBot.Api.Http;

using CampaignBot.App.Destinations;

namespace CampaignBot.Api.Destinations;

/// <summary><c>/api/destinations</c>: where campaigns can send, with each destination's attribute rules.</summary>
public static class DestinationsApi
{
    public static RouteGroupBuilder MapDestinations(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapApiGroup("/api/destinations", "Destinations");
        group.MapGet("/", (ClaimsPrincipal user, DestinationDirectory destinations) => ApiResults.Ok(destinations.List(user.Actor())))
            .WithName("ListDestinations")
            .WithSummary("List destinations with their rules")
            .WithDescription("Required and accepted attributes, how they are named and hashed at the destination, batch and name limits, default attributes, and whether this build can deliver to it.");
        return group;
    }
}
