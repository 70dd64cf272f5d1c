using System.Globalization;
using System.Net;
using CampaignBot.Chat.Slack;
using CampaignBot.Chat.Slack.Tests.Fakes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using CampaignBot.Chat.Slack.Protocol;
using CampaignBot.Chat.Slack.WebApi;

namespace CampaignBot.Bench.Slack;

/// <summary>
/// The service's own Program on Kestrel at 127.0.0.1 (a real socket, so the HTTP stack is measured), on embedded
/// defaults in a temporary folder, with Slack pointed at the loopback fake and one person known by a Slack id.
/// </summary>
// The bench's own top-level Program hides the service's, so the entry assembly is named by another of its types.
internal sealed class SlackAckService : WebApplicationFactory<SlackInbound>
{
    public const string SigningSecret = "bench-signing-secret-0123456789abcdef";
    public const string SlackUser = "UBENCHMAYA";

    private readonly Dictionary<string, string?> _settings;

    private SlackAckService(string folder, long customers, FakeSlack slack) => _settings = new()
    {
        ["Storage:LiteDbPath"] = Path.Combine(folder, "campaignbot.db"),
        ["Customers:DuckDbPath"] = Path.Combine(folder, "customers.duckdb"),
        ["Customers:DemoCustomers"] = customers.ToString(CultureInfo.InvariantCulture),
        ["Customers:DuckDbMemoryLimit"] = "256MB",
        ["Destinations:0:Name"] = "outbox",
        ["Destinations:0:Kind"] = "LocalFolder",
        ["Destinations:0:Location"] = Path.Combine(folder, "outbox"),
        ["Users:People:0:Id"] = "maya",
        ["Users:People:0:Name"] = "Maya Marketer",
        ["Users:People:0:Roles:0"] = "marketer",
        ["Users:People:0:SlackUserIds:0"] = SlackUser,
        ["Slack:SigningSecret"] = SigningSecret,
        ["Slack:BotToken"] = slack.BotToken,
        ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
        ["Slack:ApprovalsChannel"] = "CAPPROVALS",
    };

    /// <summary>Where Kestrel listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; private set; } = null!;

    public static SlackAckService Start(string folder, long customers, FakeSlack slack)
    {
        // The factory looks for the service's folder relative to the working directory, which `dotnet run --project`
        // leaves at the caller's; the build copied the service's appsettings.json beside the benchmark, so start there.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CAMPAIGNBOT_API", AppContext.BaseDirectory);
        var service = new SlackAckService(folder, customers, slack);
        service.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        service.StartServer();
        var address = service.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        service.Address = new Uri(address.EndsWith('/') ? address : address + "/");
        return service;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
