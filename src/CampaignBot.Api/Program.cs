using CampaignBot.Api.Campaigns;
using CampaignBot.Api.Customers;
using CampaignBot.Api.Destinations;
using CampaignBot.Api.Storage;
using CampaignBot.Api.Users;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHealthChecks();
builder.Services.AddAppStorage();
builder.Services.AddUserDirectory();
builder.Services.AddCustomerEngine();
builder.Services.AddDestinations();
builder.Services.AddCampaignLifecycle();

var app = builder.Build();

app.MapHealthChecks("/health");

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
