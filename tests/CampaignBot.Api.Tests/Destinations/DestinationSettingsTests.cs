using CampaignBot.Core.Destinations;
using Microsoft.Extensions.DependencyInjection;
using CampaignBot.Api.Destinations;

namespace CampaignBot.Api.Tests.Destinations;

public sealed class DestinationSettingsTests
{
    [Fact]
    public async Task Without_configured_destinations_the_local_outbox_is_there()
    {
        await using var factory = new CampaignBotFactory(testOutbox: false);
        using var client = factory.CreateClient();

        var outbox = Assert.Single(factory.Services.GetRequiredService<IReadOnlyList<DestinationInstance>>());

        Assert.Equal(("outbox", DestinationKind.LocalFolder, "data/outbox"), (outbox.Name, outbox.Kind, outbox.Location));
    }

    [Fact]
    public async Task Configured_destinations_replace_the_default()
    {
        await using var factory = new CampaignBotFactory(new Dictionary<string, string?>
        {
            ["Destinations:0:Name"] = "klaviyo-main",
            ["Destinations:0:Kind"] = "Klaviyo",
            ["Destinations:0:CredentialsReference"] = "KLAVIYO_API_KEY",
            ["Destinations:0:DefaultAttributes:0"] = "email",
        });
        using var client = factory.CreateClient();

        var klaviyo = Assert.Single(factory.Services.GetRequiredService<IReadOnlyList<DestinationInstance>>());

        Assert.Equal(DestinationKind.Klaviyo, klaviyo.Kind);
        Assert.Equal(["email"], klaviyo.DefaultAttributes);
    }

    [Theory]
    [InlineData("Destinations:0:Kind", "Carrier pigeon", "Destinations:0:Kind is 'Carrier pigeon'; use one of Klaviyo, Attentive")]
    [InlineData("Destinations:0:DefaultAttributes:0", "given_name", "Criteo accepts only email; remove given_name.")]
    public void Bad_destinations_stop_the_start_with_a_message_per_entry(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Destinations:0:Name"] = "criteo",
            ["Destinations:0:Kind"] = "Criteo",
            ["Destinations:0:CredentialsReference"] = "CRITEO_CLIENT",
            [key] = value,
        };
        var error = StartupValidation.Failure(settings, services => services.AddDestinations());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
