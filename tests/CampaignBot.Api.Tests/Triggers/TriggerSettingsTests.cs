using CampaignBot.App.Triggers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CampaignBot.Api.Tests.Triggers;

public sealed class TriggerSettingsTests
{
    [Fact]
    public void Trigger_settings_out_of_range_or_misspelt_stop_the_start_naming_the_key()
    {
        var error = StartupValidation.Failure(new Dictionary<string, string?>
        {
            ["Triggers:PollInterval"] = "00:00:00",
            ["Triggers:Cooldown"] = "-01:00:00",
            ["Triggers:MaxEventsPerRequest"] = "50000",
            ["Triggers:Cooldwn"] = "00:10:00",
        }, services => services.AddTriggers());

        Assert.Contains(error.Failures, f => f.Contains("Triggers:PollInterval must be between a second and a day.", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Triggers:Cooldown must be between 0 and 365 days.", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Triggers:MaxEventsPerRequest must be between 1 and 10000.", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Triggers:Cooldwn is not a setting; did you mean Triggers:Cooldown?", StringComparison.Ordinal));
    }

    [Fact]
    public void The_example_trigger_settings_bind_and_validate()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(ExampleSettingsTests.ExampleFile(), optional: false).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddTriggers();
        using var provider = services.BuildServiceProvider();

        var triggers = provider.GetRequiredService<IOptions<TriggerOptions>>().Value;

        Assert.Equal((TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), 1000), (triggers.PollInterval, triggers.Cooldown, triggers.MaxEventsPerRequest));
    }
}
