using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CampaignBot.Chat.Slack;

public static class SlackSetup
{
    /// <summary>Binds and validates the "Slack" section at start-up and registers the verifier, replay guard, pacer and Web API client.</summary>
    public static IServiceCollection AddSlack(this IServiceCollection services)
    {
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SlackSignatureVerifier>();
        services.TryAddSingleton<SlackReplayGuard>();
        services.TryAddSingleton(sp => new SlackChannelPacer(sp.GetRequiredService<TimeProvider>()));
        services.AddHttpClient<SlackWebApi>(client => client.Timeout = TimeSpan.FromSeconds(30));
        return services;
    }
}
