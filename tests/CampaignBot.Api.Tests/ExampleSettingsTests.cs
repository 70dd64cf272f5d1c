using CampaignBot.App.Customers;
using CampaignBot.App.Destinations;
using CampaignBot.App.Mail;
using CampaignBot.App.Runs;
using CampaignBot.App.Settings;
using CampaignBot.Chat.Slack;
using CampaignBot.Chat.Web;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CampaignBot.Api.Tests;

/// <summary>appsettings.example.json at the root shows every key; it must bind and validate as it stands.</summary>
public sealed class ExampleSettingsTests
{
    [Fact]
    public void The_example_settings_bind_and_validate()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(ExampleFile(), optional: false).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddOptions<CustomersOptions>().BindConfiguration(CustomersOptions.Section).ValidateDataAnnotations();
        services.AddDestinations();
        using var provider = services.BuildServiceProvider();

        var customers = provider.GetRequiredService<IOptions<CustomersOptions>>().Value;

        Assert.Equal("duckdb", customers.Engine);
        Assert.Equal(100_000, customers.DemoCustomers);
        Assert.False(string.IsNullOrEmpty(customers.PostgresConnectionString));
        Assert.Equal(("customers_cluster", "cityHash64(customer_id)", "MergeTree"), (customers.ClickHouseCluster, customers.ClickHouseShardingKey, customers.ClickHouseTableEngine));
        Assert.False(string.IsNullOrEmpty(customers.ClickHouseConnectionString));
        Assert.Equal(["outbox", "klaviyo-main", "meta-main", "tiktok-main", "criteo-main", "listrak-main", "s3-main", "gcs-main", "azure-main", "partner-sftp", "attentive-sms", "attentive-api"], provider.GetRequiredService<IReadOnlyList<DestinationInstance>>().Select(d => d.Name));
    }

    [Fact]
    public void The_example_customer_table_mapping_and_import_settings_bind_and_validate()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(ExampleFile(), optional: false).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddOptions<CustomersOptions>().BindConfiguration(CustomersOptions.Section).ValidateDataAnnotations()
            .RefuseUnknownSettings(CustomersOptions.Section);
        services.AddOptions<CampaignBot.App.Imports.ImportsOptions>().BindConfiguration(CampaignBot.App.Imports.ImportsOptions.Section).ValidateDataAnnotations()
            .RefuseUnknownSettings(CampaignBot.App.Imports.ImportsOptions.Section);
        using var provider = services.BuildServiceProvider();

        var customers = provider.GetRequiredService<IOptions<CustomersOptions>>().Value;
        var imports = provider.GetRequiredService<IOptions<CampaignBot.App.Imports.ImportsOptions>>().Value;

        Assert.Equal(("crm.customers_v", "cust_no"), (customers.Tables["customer_360"].Table, customers.Tables["customer_360"].Columns["customer_id"]));
        Assert.Equal("data/optouts", customers.Tables["suppressions"].Parquet);
        Assert.Equal(("data/imports", 10_737_418_240L), (imports.Folder, imports.MaxFileBytes));
    }

    [Fact]
    public void The_example_api_limits_bind_and_validate()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(ExampleFile(), optional: false).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        CampaignBot.Api.Http.RestApiSetup.AddApiOptions(services);
        using var provider = services.BuildServiceProvider();

        var api = provider.GetRequiredService<IOptions<CampaignBot.Api.Http.ApiOptions>>().Value;

        Assert.Equal((600, 262_144L), (api.PermitsPerMinute, api.MaxRequestBodyBytes));
    }

    [Fact]
    public void The_example_slack_settings_bind_and_validate()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(ExampleFile(), optional: false).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddSlack();
        using var provider = services.BuildServiceProvider();

        var slack = provider.GetRequiredService<IOptions<SlackOptions>>().Value;

        Assert.True(slack.IsConfigured);
        Assert.Equal(("https://slack.com/api/", "C0123ABCD", "C0456EFGH"), (slack.ApiBaseUrl, slack.ApprovalsChannel, slack.AlertsChannel));
    }

    [Fact]
    public void The_example_web_chat_settings_bind_and_validate()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(ExampleFile(), optional: false).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddWebChat();
        using var provider = services.BuildServiceProvider();

        var webChat = provider.GetRequiredService<IOptions<WebChatOptions>>().Value;

        Assert.True(webChat.Enabled);
    }

    [Fact]
    public void The_example_smtp_settings_bind_and_validate()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(ExampleFile(), optional: false).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddMail();
        using var provider = services.BuildServiceProvider();

        var smtp = provider.GetRequiredService<IOptions<SmtpOptions>>().Value;

        Assert.True(smtp.IsConfigured);
        Assert.Equal(("smtp.example.com", 587, SmtpSecurity.StartTls, 10), (smtp.Host, smtp.Port, smtp.Security, smtp.MaxAttempts));
    }

    [Fact]
    public void The_example_alert_settings_bind_and_validate()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(ExampleFile(), optional: false).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddOptions<CampaignBot.App.Users.UsersOptions>().BindConfiguration(CampaignBot.App.Users.UsersOptions.Section);
        services.AddOptions<CampaignBot.App.Alerts.AlertsOptions>().BindConfiguration(CampaignBot.App.Alerts.AlertsOptions.Section).ValidateDataAnnotations();
        services.AddSingleton<IValidateOptions<CampaignBot.App.Alerts.AlertsOptions>, CampaignBot.App.Alerts.AlertsOptionsValidator>();
        using var provider = services.BuildServiceProvider();

        var alerts = provider.GetRequiredService<IOptions<CampaignBot.App.Alerts.AlertsOptions>>().Value;

        Assert.Equal(["omar", "oncall-pager@example.com"], alerts.OnCall);
        Assert.Equal(["maya"], alerts.Escalation);
        Assert.Equal(30, alerts.EscalateAfterMinutes);
    }

    [Fact]
    public void The_example_scheduler_settings_bind_and_validate_with_a_short_lease()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(ExampleFile(), optional: false).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.Section).ValidateDataAnnotations();
        using var provider = services.BuildServiceProvider();

        var scheduler = provider.GetRequiredService<IOptions<SchedulerOptions>>().Value;

        Assert.Equal((TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(5)), (scheduler.LeaseDuration, scheduler.LeaseRenewInterval));
    }

    internal static string ExampleFile()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "appsettings.example.json")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? throw new FileNotFoundException("appsettings.example.json is not above the test folder."), "appsettings.example.json");
    }
}
