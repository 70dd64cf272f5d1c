using CampaignBot.Api.Cli;
using CampaignBot.Api.Hosting;
using CampaignBot.App.Alerts;
using CampaignBot.App;
using CampaignBot.Conversations;
using CampaignBot.App.Customers;
using CampaignBot.App.Destinations;
using CampaignBot.App.Imports;
using CampaignBot.Api.Health;
using CampaignBot.Api.Http;
using CampaignBot.App.Logging;
using CampaignBot.App.Mail;
using CampaignBot.App.Settings;
using CampaignBot.Chat.Slack;
using CampaignBot.Chat.Web;
using CampaignBot.App.Storage;
using CampaignBot.App.Users;

if (ImportCommand.Matches(args))
{
    return await ImportCommand.RunAsync(args, Console.Out, Console.Error, !Console.IsOutputRedirected);
}

var builder = WebApplication.CreateBuilder(args);
builder.ListenOnDefaultUnlessSet();

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddRedactedLogging();
builder.Services.AddHealthChecks();
builder.Services.AddAppStorage();
builder.Services.AddUserDirectory();
builder.Services.AddCustomerEngine();
builder.Services.AddDestinations();
builder.Services.AddCampaignLifecycle();
builder.Services.AddAlerts();
builder.Services.AddCustomerImports();
builder.Services.AddConversations();
builder.Services.AddSlackChannel();
builder.Services.AddWebChat();
builder.Services.AddMail();
builder.Services.AddRestApi();

var app = builder.Build();

app.UseRestApi();
app.MapHealth();
app.MapRestApi();
app.MapSlack();
app.MapWebChat();

app.Run();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
