using CampaignBot.App.Alerts;
using CampaignBot.App.Customers;
using CampaignBot.App.Destinations;
using CampaignBot.App.Imports;
using CampaignBot.App.Logging;
using CampaignBot.App.Mail;
using CampaignBot.App.Results;
using CampaignBot.App.Storage;
using CampaignBot.App.Triggers;
using CampaignBot.App.Users;

namespace CampaignBot.App;

public static class ApplicationSetup
{
    /// <summary>
    /// Every application service a front end calls, with its state and settings: the one composition the host and the
    /// conversation tests share, so a service added here reaches both.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services) => services
        .AddRedactedLogging()
        .AddAppStorage()
        .AddUserDirectory()
        .AddCustomerEngine()
        .AddDestinations()
        .AddCampaignLifecycle()
        .AddTriggers()
        .AddCampaignResults()
        .AddAlerts()
        .AddCustomerImports()
        .AddMail();
}
