using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CampaignBot.Chat.Teams.Endpoints;

/// <summary>
/// The Azure Bot's messaging endpoint. It sits beside the REST API's /api groups, not in them: the Bot Connector
/// authenticates with its own JWT, not an API key, and sends fields the strict REST filters would refuse (A2005).
/// </summary>
public static class TeamsEndpoints
{
    public const string Route = "/api/messages";

    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Route, MessagesAsync).ExcludeFromDescription().DisableAntiforgery();
        return routes;
    }

    private static async Task<IResult> MessagesAsync(HttpContext context, TeamsInbound inbound, TeamsActivities activities)
    {
        var (activity, refusal) = await inbound.ReadAsync(context);
        return refusal ?? await activities.HandleAsync(activity!, context.RequestAborted);
    }
}
