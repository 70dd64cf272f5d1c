using System.ComponentModel.DataAnnotations;
using CampaignBot.Chat.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using CampaignBot.Chat.Slack.WebApi;

namespace CampaignBot.Chat.Slack.Tests;

public sealed class SlackOptionsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSlack();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Service_starts_without_slack_configured_and_slack_stays_closed()
    {
        using var services = Services([]);
        var options = services.GetRequiredService<IOptions<SlackOptions>>().Value;
        Assert.False(options.IsConfigured);
        Assert.Equal("https://slack.com/api/", options.ApiBaseUrl);
        Assert.NotNull(services.GetRequiredService<SlackWebApi>());
    }

    [Fact]
    public void Complete_configuration_binds_from_the_slack_section()
    {
        using var services = Services(new()
        {
            ["Slack:SigningSecret"] = "8f742231b10e8888abcd99yyyzzz85a5",
            ["Slack:BotToken"] = "xoxb-123-456-abc",
            ["Slack:ApprovalsChannel"] = "C0APPROVALS",
        });
        var options = services.GetRequiredService<IOptions<SlackOptions>>().Value;
        Assert.True(options.IsConfigured);
        Assert.Equal("C0APPROVALS", options.ApprovalsChannel);
    }

    [Fact]
    public void Half_configured_slack_and_a_bad_base_url_are_reported_together()
    {
        using var services = Services(new() { ["Slack:BotToken"] = "xoxb-123-456-abc", ["Slack:ApiBaseUrl"] = "slack.com/api" });
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SlackOptions>>().Value);
        Assert.Equal(2, error.Failures.Count());
    }

    [Fact]
    public void A_token_that_is_not_a_slack_token_is_refused()
    {
        var options = new SlackOptions { BotToken = "Bearer abc" };
        var results = new List<ValidationResult>();
        var valid = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        Assert.False(valid);
        Assert.DoesNotContain("Bearer abc", results.Single().ErrorMessage, StringComparison.Ordinal);
    }
}
