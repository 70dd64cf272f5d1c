using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CampaignBot.Chat.Web.Tests;

public sealed class WebChatOptionsTests
{
    [Fact]
    public void A_misspelt_key_stops_the_start_naming_the_key_meant()
    {
        using var provider = Provider(new() { ["WebChat:Enabeld"] = "true" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("WebChat:Enabeld is not a setting; did you mean WebChat:Enabled?", error.Failures);
    }

    [Theory]
    [InlineData("Development", null, true, true)]
    [InlineData("Development", "false", false, false)]
    [InlineData("Production", null, false, false)]
    [InlineData("Production", "true", true, false)]
    [InlineData("Staging", "true", true, false)]
    public void The_chat_is_open_in_development_or_when_enabled_and_only_development_offers_the_picker(string environment, string? enabled, bool open, bool picker)
    {
        using var provider = Provider(new() { ["WebChat:Enabled"] = enabled }, environment);

        var availability = provider.GetRequiredService<WebChatAvailability>();

        Assert.Equal((open, picker), (availability.IsOpen, availability.OffersPicker));
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings, string environment = "Production")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new Environment(environment));
        services.AddWebChat();
        return services.BuildServiceProvider();
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "CampaignBot.Api";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
