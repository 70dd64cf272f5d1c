using CampaignBot.App.CrossCampaign;
using CampaignBot.Core.CrossCampaign;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CampaignBot.Api.Tests.CrossCampaign;

/// <summary>The Holdout and FrequencyCaps sections: refused at start-up with every problem named by its key.</summary>
public sealed class CrossCampaignSettingsTests
{
    [Fact]
    public void Holdout_with_an_unknown_key_or_a_percent_out_of_range_stops_the_start()
    {
        var error = StartupValidation.Failure(new Dictionary<string, string?>
        {
            ["Holdout:Percent"] = "120",
            ["Holdout:Salts"] = "x",
        }, services => services.AddCrossCampaignRules());

        Assert.Contains("Holdout:Salts is not a setting; did you mean Holdout:Salt?", error.Failures);
        Assert.Contains(error.Failures, f => f.StartsWith("Holdout:Percent must be between 0 and 50", StringComparison.Ordinal) && f.EndsWith("it is 120.", StringComparison.Ordinal));
    }

    [Fact]
    public void FrequencyCaps_with_an_unknown_channel_a_misspelt_key_or_values_out_of_range_stop_the_start()
    {
        var error = StartupValidation.Failure(new Dictionary<string, string?>
        {
            ["FrequencyCaps:emial:MaxDeliveries"] = "2",
            ["FrequencyCaps:emial:Window"] = "7.00:00:00",
            ["FrequencyCaps:sms:MaxDelivery"] = "1",
            ["FrequencyCaps:sms:Window"] = "1.00:00:00",
            ["FrequencyCaps:paid_media:MaxDeliveries"] = "0",
            ["FrequencyCaps:paid_media:Window"] = "400.00:00:00",
        }, services => services.AddCrossCampaignRules());

        Assert.Contains("FrequencyCaps:sms:MaxDelivery is not a setting; did you mean FrequencyCaps:sms:MaxDeliveries?", error.Failures);
        Assert.Contains(error.Failures, f => f.StartsWith("FrequencyCaps:emial is not a delivery channel; the channels are email, sms, paid_media, files.", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("FrequencyCaps:sms:MaxDeliveries is missing", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("FrequencyCaps:paid_media:MaxDeliveries must be between 1 and 1000; it is 0.", StringComparison.Ordinal));
        Assert.Contains("FrequencyCaps:paid_media:Window must be between 00:01:00 and 365.00:00:00; it is 400.00:00:00.", error.Failures);
    }

    [Fact]
    public void FrequencyCaps_bind_by_channel_in_any_case_and_files_are_capped_only_when_configured()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FrequencyCaps:Email:MaxDeliveries"] = "2",
            ["FrequencyCaps:Email:Window"] = "7.00:00:00",
        }).Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddCrossCampaignRules().BuildServiceProvider();

        var caps = provider.GetRequiredService<IOptions<FrequencyCapsOptions>>().Value.Caps();

        Assert.Equal("email cap: 2 deliveries in 7 days", caps.For("email")!.ToString());
        Assert.Null(caps.For("files"));
        Assert.Null(caps.For("sms"));
        Assert.Null(GlobalHoldout.From(provider.GetRequiredService<IOptions<HoldoutOptions>>().Value));
    }

    [Fact]
    public void The_example_holdout_and_frequency_caps_bind_and_validate()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(ExampleSettingsTests.ExampleFile(), optional: false).Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddCrossCampaignRules().BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var caps = provider.GetRequiredService<IOptions<FrequencyCapsOptions>>().Value.Caps();

        Assert.Equal(["email cap: 2 deliveries in 7 days", "paid_media cap: 3 deliveries in 7 days", "sms cap: 1 delivery in 2 days"], caps.All.Select(c => c.ToString()));
    }
}
