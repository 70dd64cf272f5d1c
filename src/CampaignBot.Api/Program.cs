using CampaignBot.Api.Cli;
using CampaignBot.Api.Health;
using CampaignBot.Api.Hosting;
using CampaignBot.Api.Http;
using CampaignBot.App;
using CampaignBot.Chat.Slack;
using CampaignBot.Chat.Teams;
using CampaignBot.Chat.Teams.Endpoints;
using CampaignBot.Chat.Web;
using CampaignBot.Conversations;

if (ImportCommand.Matches(args))
{
    return await ImportCommand.RunAsync(args, Console.Out, Console.Error, !Console.IsOutputRedirected);
}

var builder = WebApplication.CreateBuilder(args);
builder.ListenOnDefaultUnlessSet();

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHealthChecks();
builder.Services.AddApplication();
builder.Services.AddConversations();
builder.Services.AddSlackChannel();
builder.Services.AddTeamsChannel();
builder.Services.AddWebChat();
builder.Services.AddRestApi();

var app = builder.Build();

app.UseRestApi();
app.MapHealth();
app.MapRestApi();
app.MapSlack();
app.MapTeams();
app.MapWebChat();

app.Run();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
