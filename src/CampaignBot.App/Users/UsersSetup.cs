using CampaignBot.App.Settings;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Users;

public static class UsersSetup
{
    public static IServiceCollection AddUserDirectory(this IServiceCollection services)
    {
        // The API keys are checked with the people they belong to, so every failure of both sections comes out at once.
        services.AddOptions<UsersOptions>().BindConfiguration(UsersOptions.Section)
            .RefuseUnknownSettings(UsersOptions.Section)
            .RefuseUnknownSettings(ApiKeysOptions.Section, typeof(ApiKeysOptions))
            .ValidateOnStart();
        services.AddOptions<ApiKeysOptions>().BindConfiguration(ApiKeysOptions.Section);
        services.AddSingleton<IValidateOptions<UsersOptions>, UsersValidation>();
        services.AddSingleton(provider => new UserDirectory(
            provider.GetRequiredService<IOptions<UsersOptions>>().Value, provider.GetRequiredService<IOptions<ApiKeysOptions>>().Value));
        return services;
    }
}
