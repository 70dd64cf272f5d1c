using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CampaignBot.Api.Tests;

/// <summary>
/// Runs the start-up validation the host runs (everything registered with ValidateOnStart) for given
/// settings and registrations. Starting a WebApplicationFactory that fails races with its disposal, so
/// tests of bad settings check the same validators directly.
/// </summary>
internal static class StartupValidation
{
    public static OptionsValidationException Failure(IDictionary<string, string?> settings, Action<IServiceCollection> register)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        register(services);
        using var provider = services.BuildServiceProvider();

        return Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }
}
