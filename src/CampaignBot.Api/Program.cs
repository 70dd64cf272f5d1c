using CampaignBot.Api.Customers;
using CampaignBot.Api.Destinations;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHealthChecks();
builder.Services.AddCustomerEngine();
builder.Services.AddDestinations();

var app = builder.Build();

app.MapHealthChecks("/health");

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
