using CampaignBot.App.Alerts;
using CampaignBot.App.Customers;
using CampaignBot.App.Destinations;
using CampaignBot.Api.Http;
using CampaignBot.App.Mail;
using CampaignBot.App.Runs;
using CampaignBot.App.Settings;
using CampaignBot.App.Storage;
using CampaignBot.App.Users;
using CampaignBot.Chat.Slack;
using CampaignBot.Core.Approvals;
using CampaignBot.Delivery.Mail;
using Microsoft.Extensions.Configuration;

namespace CampaignBot.Api.Tests.Settings;

/// <summary>A key the options have no property for stops the start, named by its full path; the binder would drop it.</summary>
public sealed class UnknownSettingsTests
{
    [Fact]
    public void A_misspelt_key_inside_a_destination_entry_stops_the_start_naming_the_key_and_the_one_meant()
    {
        var error = StartupValidation.Failure(new Dictionary<string, string?>
        {
            ["Destinations:0:Name"] = "outbox",
            ["Destinations:0:Kind"] = "LocalFolder",
            ["Destinations:0:Location"] = "data/outbox",
            ["Destinations:1:Name"] = "exports",
            ["Destinations:1:Kind"] = "LocalFolder",
            ["Destinations:1:Locaton"] = "/mnt/exports",
        }, services => services.AddDestinations());

        Assert.Contains("Destinations:1:Locaton is not a setting; did you mean Destinations:1:Location?", error.Failures);
    }

    [Fact]
    public void An_unknown_key_inside_a_person_or_an_api_key_entry_stops_the_start()
    {
        var error = StartupValidation.Failure(new Dictionary<string, string?>
        {
            ["Users:People:0:Id"] = "maya",
            ["Users:People:0:Name"] = "Maya Marketer",
            ["Users:People:0:Role:0"] = "marketer",
            ["Users:People:0:Manager"] = "ada",
            ["ApiKeys:Keys:0:Key"] = "a-long-enough-key-0123456789abcdef",
            ["ApiKeys:Keys:0:Usr"] = "maya",
        }, services => services.AddUserDirectory());

        Assert.Contains("Users:People:0:Role is not a setting; did you mean Users:People:0:Roles?", error.Failures);
        Assert.Contains("Users:People:0:Manager is not a setting; the settings there are Id, Name, Email, Roles, SlackUserIds, TeamsObjectIds.", error.Failures);
        Assert.Contains("ApiKeys:Keys:0:Usr is not a setting; did you mean ApiKeys:Keys:0:User?", error.Failures);
    }

    [Fact]
    public void A_misspelt_key_in_a_plain_section_stops_the_start_too()
    {
        var error = StartupValidation.Failure(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "smtp.example.com",
            ["Smtp:Pasword"] = "from-the-environment",
        }, services => services.AddMail());

        Assert.Contains("Smtp:Pasword is not a setting; did you mean Smtp:Password?", error.Failures);
        Assert.DoesNotContain(error.Failures, f => f.Contains("from-the-environment", StringComparison.Ordinal));
    }

    [Fact]
    public void The_example_settings_hold_no_key_that_binds_to_nothing()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(ExampleSettingsTests.ExampleFile(), optional: false).Build();
        var sections = new (string Section, Type Shape)[]
        {
            (DestinationsOptions.Section, typeof(List<DestinationSettings>)), (UsersOptions.Section, typeof(UsersOptions)),
            (ApiKeysOptions.Section, typeof(ApiKeysOptions)), (SlackOptions.Section, typeof(SlackOptions)), (SmtpOptions.Section, typeof(SmtpOptions)),
            (AlertsOptions.Section, typeof(AlertsOptions)), (ApiOptions.Section, typeof(ApiOptions)), (ApprovalRules.Section, typeof(ApprovalRules)),
            (SchedulerOptions.Section, typeof(SchedulerOptions)), (StorageOptions.Section, typeof(StorageOptions)), (CustomersOptions.Section, typeof(CustomersOptions)),
            (CampaignBot.Chat.Web.WebChatOptions.Section, typeof(CampaignBot.Chat.Web.WebChatOptions)),
        };

        Assert.Empty(sections.SelectMany(s => UnknownSettings.Find(configuration.GetSection(s.Section), s.Shape)));
    }
}
