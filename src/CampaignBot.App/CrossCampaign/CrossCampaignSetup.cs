using CampaignBot.App.Settings;
using CampaignBot.Core.CrossCampaign;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.CrossCampaign;

/// <summary>The rules that span campaigns: the global holdout and, per channel, frequency caps; checked at start-up.</summary>
public static class CrossCampaignSetup
{
    public static IServiceCollection AddCrossCampaignRules(this IServiceCollection services)
    {
        services.AddOptions<HoldoutOptions>().BindConfiguration(HoldoutOptions.Section).RefuseUnknownSettings(HoldoutOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HoldoutOptions>>(new SettingsProblems<HoldoutOptions>(o => o.Problems()));

        // Channel names are the section's keys, so the section binds to the dictionary of caps rather than to properties.
        services.AddOptions<FrequencyCapsOptions>()
            .Configure<IConfiguration>((options, configuration) => configuration.GetSection(FrequencyCapsOptions.Section).Bind(options.Channels))
            .RefuseUnknownSettings(FrequencyCapsOptions.Section, typeof(Dictionary<string, ChannelCapSettings>))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FrequencyCapsOptions>>(new SettingsProblems<FrequencyCapsOptions>(o => o.Problems()));
        return services;
    }
}

/// <summary>Start-up validation from an options class's own list of problems, each already naming its key.</summary>
internal sealed class SettingsProblems<TOptions>(Func<TOptions, IReadOnlyList<string>> problems) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        problems(options) is { Count: > 0 } found ? ValidateOptionsResult.Fail(found) : ValidateOptionsResult.Success;
}
