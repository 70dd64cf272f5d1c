using CampaignBot.App.Approvals;
using CampaignBot.App.Settings;
using CampaignBot.App.Users;
using CampaignBot.Chat.Teams.Authentication;
using CampaignBot.Chat.Teams.Connector;
using CampaignBot.Chat.Teams.Endpoints;
using CampaignBot.Chat.Teams.Notices;
using CampaignBot.Chat.Teams.References;
using CampaignBot.Chat.Teams.Replies;
using CampaignBot.Conversations.Inbound;
using CampaignBot.Conversations.Notices;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CampaignBot.Chat.Teams;

public static class TeamsSetup
{
    /// <summary>How Teams people type commands (the bare words, in their chat with the bot or after @CampaignBot) and get set up.</summary>
    public static readonly ChannelStyle Style = new(
        ChatChannels.Teams,
        "",
        "Ask an admin to add your Microsoft Entra object ID (Teams admin center or Entra ID, your user's Object ID) to your entry's TeamsObjectIds in the Users section.");

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

    /// <summary>
    /// The Teams channel on the conversation core: the protocol, conversation references, the endpoint's helpers,
    /// its directory, style and messenger. Map the endpoint with <see cref="TeamsEndpoints.MapTeams"/>.
    /// </summary>
    public static IServiceCollection AddTeamsChannel(this IServiceCollection services)
    {
        services.AddTeamsProtocol();
        services.AddOptions<TeamsOptions>().RefuseUnknownSettings(TeamsOptions.Section);
        services.AddSingleton<TeamsConversations>();
        services.AddSingleton<TeamsCardViews>();
        services.AddSingleton<IApprovalClosing>(provider => provider.GetRequiredService<TeamsCardViews>());
        services.AddSingleton<TeamsForms>();
        services.AddSingleton<TeamsChats>();
        services.AddSingleton<TeamsReplies>();
        services.AddSingleton<TeamsInvokeAnswers>();
        services.TryAddSingleton(TeamsInvokeTiming.Default);
        services.AddSingleton<TeamsInvokes>();
        services.AddSingleton<TeamsActivities>();
        services.AddSingleton<TeamsInbound>();
        services.AddSingleton(Style);
        services.AddSingleton<IChannelDirectory, TeamsDirectory>();
        services.AddSingleton<IChannelMessenger, TeamsMessenger>();
        services.AddHostedService<StoredServiceUrls>();
        return services;
    }
}

/// <summary>At start-up, trusts the serviceUrls of stored references again: they came from authenticated activities.</summary>
internal sealed partial class StoredServiceUrls(TeamsConversations references, ILogger<StoredServiceUrls> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogTrusted(references.TrustStoredServiceUrls());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Trusting {Count} Bot Connector serviceUrls from stored Teams conversations")]
    private partial void LogTrusted(int count);
}
