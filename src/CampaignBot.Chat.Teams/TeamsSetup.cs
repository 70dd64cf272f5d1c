using CampaignBot.Chat.Teams.Authentication;
using CampaignBot.Chat.Teams.Connector;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CampaignBot.Chat.Teams;

public static class TeamsSetup
{
    /// <summary>
    /// Binds and validates the "Teams" section at start-up and registers the protocol layer: inbound token validation,
    /// the development mode, the trusted serviceUrls and the Bot Connector client. Needs an IHostEnvironment (any host has one).
    /// </summary>
    public static IServiceCollection AddTeamsProtocol(this IServiceCollection services)
    {
        services.AddOptions<TeamsOptions>().BindConfiguration(TeamsOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(OpenIdSigningKeys.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.TryAddSingleton<TeamsTokenValidator>();
        services.TryAddSingleton<TeamsDevelopmentMode>();
        services.TryAddSingleton<TrustedServiceUrls>();
        services.TryAddSingleton<TeamsRequestAuthenticator>();
        services.AddHttpClient(ConnectorTokenSource.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        services.TryAddSingleton<ConnectorTokenSource>();
        // The client's backoff jitter comes from its own Random (randomness is injected, as MailSetup does).
        services.AddHttpClient("Teams.Connector", client => client.Timeout = TimeSpan.FromSeconds(30))
            .AddTypedClient((http, provider) => ActivatorUtilities.CreateInstance<BotConnectorClient>(provider, http, new Random()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TeamsDevelopmentModeWarning>());
        return services;
    }
}
