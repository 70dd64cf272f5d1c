using Microsoft.Extensions.Options;

namespace CampaignBot.Api.Users;

public static class UsersSetup
{
    public static IServiceCollection AddUserDirectory(this IServiceCollection services)
    {
        services.AddOptions<UsersOptions>().BindConfiguration(UsersOptions.Section).ValidateOnStart();
        services.AddOptions<ApiKeysOptions>().BindConfiguration(ApiKeysOptions.Section);
        services.AddSingleton<IValidateOptions<UsersOptions>, UsersValidation>();
        services.AddSingleton(provider => new UserDirectory(
            provider.GetRequiredService<IOptions<UsersOptions>>().Value, provider.GetRequiredService<IOptions<ApiKeysOptions>>().Value));
        return services;
    }
}
