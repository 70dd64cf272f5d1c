using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CampaignBot.Chat.Teams;

/// <summary>
/// Teams:AllowUnauthenticatedLoopback, for the Agents Playground, which sends no JWT and cannot obtain a real token
/// (teams-testing.md §1). It applies only in the Development environment, only to requests from this machine, and
/// only to loopback serviceUrls, so a real Bot Connector token is never skipped and never sent anywhere new.
/// </summary>
public sealed class TeamsDevelopmentMode(IOptions<TeamsOptions> options, IHostEnvironment environment)
{
    public bool IsRequested => options.Value.AllowUnauthenticatedLoopback;

    public bool IsOn => IsRequested && environment.IsDevelopment();

    /// <summary>An activity without a valid token is accepted only from loopback, naming a loopback serviceUrl.</summary>
    public bool AdmitsUnauthenticated(IPAddress? remoteAddress, Uri serviceUrl) =>
        IsOn && Loopback.IsLoopback(remoteAddress) && Loopback.IsLoopback(serviceUrl);

    /// <summary>The Playground's mock connector wants no token (and would otherwise send us to the real Microsoft login).</summary>
    public bool SkipsTokenFor(Uri serviceUrl) => IsOn && Loopback.IsLoopback(serviceUrl);
}

/// <summary>Says loudly at start-up when the development mode is on, or asked for where it is ignored.</summary>
internal sealed partial class TeamsDevelopmentModeWarning(TeamsDevelopmentMode mode, IHostEnvironment environment, ILogger<TeamsDevelopmentModeWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (mode.IsOn)
        {
            LogOn(logger);
        }
        else if (mode.IsRequested)
        {
            LogIgnored(logger, environment.EnvironmentName);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams:AllowUnauthenticatedLoopback is on: activities from loopback are accepted WITHOUT authentication and loopback serviceUrls get no token. Never use this outside local development.")]
    private static partial void LogOn(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams:AllowUnauthenticatedLoopback is set but ignored in the {Environment} environment; every Teams activity must carry a valid token.")]
    private static partial void LogIgnored(ILogger logger, string environment);
}
