using System.Globalization;
using System.Net;
using CampaignBot.Api.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Bench.WebChat;

/// <summary>
/// The service's own Program on Kestrel at 127.0.0.1 (a real socket: Kestrel, the chat's filters and the event streams
/// are in the figure), on embedded defaults in a temporary folder, outside Development with <c>WebChat:Enabled</c>, so
/// people sign in with their API keys as they would in production. Each of <c>people</c> marketers has a key of their own.
/// </summary>
// The bench's own top-level Program hides the service's, so the entry assembly is named by another of its types (one in CampaignBot.Api itself).
internal sealed class WebChatService : WebApplicationFactory<ApiOptions>
{
    private readonly Dictionary<string, string?> _settings;

    private WebChatService(string folder, long customers, int people)
    {
        _settings = new()
        {
            ["Storage:LiteDbPath"] = Path.Combine(folder, "campaignbot.db"),
            ["Customers:DuckDbPath"] = Path.Combine(folder, "customers.duckdb"),
            ["Customers:DemoCustomers"] = customers.ToString(CultureInfo.InvariantCulture),
            ["Customers:DuckDbMemoryLimit"] = "256MB",
            ["Destinations:0:Name"] = "outbox",
            ["Destinations:0:Kind"] = "LocalFolder",
            ["Destinations:0:Location"] = Path.Combine(folder, "outbox"),
            ["WebChat:Enabled"] = "true",
        };
        for (var i = 0; i < people; i++)
        {
            var id = PersonId(i);
            _settings[$"Users:People:{i}:Id"] = id;
            _settings[$"Users:People:{i}:Name"] = $"Bench Marketer {i + 1}";
            _settings[$"Users:People:{i}:Email"] = $"{id}@example.com";
            _settings[$"Users:People:{i}:Roles:0"] = "marketer";
            _settings[$"ApiKeys:Keys:{i}:Key"] = KeyOf(i);
            _settings[$"ApiKeys:Keys:{i}:User"] = id;
        }
    }

    /// <summary>Where Kestrel listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; private set; } = null!;

    public static string PersonId(int index) => $"bench{(index + 1).ToString("000", CultureInfo.InvariantCulture)}";

    public static string KeyOf(int index) => $"bench-web-chat-key-{(index + 1).ToString("000", CultureInfo.InvariantCulture)}-0123456789abcdef";

    public static WebChatService Start(string folder, long customers, int people)
    {
        // As SlackAckService: the build copied the service's appsettings.json beside the benchmark, so start there.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CAMPAIGNBOT_API", AppContext.BaseDirectory);
        var service = new WebChatService(folder, customers, people);
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
