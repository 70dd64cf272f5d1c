using CampaignBot.Api.Alerts;
using CampaignBot.Api.Campaigns;
using CampaignBot.Api.Conversations;
using CampaignBot.Api.Customers;
using CampaignBot.Api.Destinations;
using CampaignBot.Api.Health;
using CampaignBot.Api.Http;
using CampaignBot.Api.Logging;
using CampaignBot.Api.Mail;
using CampaignBot.Api.Settings;
using CampaignBot.Api.Slack;
using CampaignBot.Api.Storage;
using CampaignBot.Api.Users;

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
builder.Services.AddConversations();
builder.Services.AddSlackChannel();
builder.Services.AddMail();
builder.Services.AddRestApi();

var app = builder.Build();

app.UseRestApi();
app.MapHealth();
app.MapRestApi();
app.MapSlack();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
