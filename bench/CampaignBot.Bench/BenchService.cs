using System.Globalization;
using System.Net;
using CampaignBot.Api.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Bench;

/// <summary>
/// The service's own Program on Kestrel at 127.0.0.1 (a real socket, so the HTTP stack is in the figure), as
/// production, on embedded defaults in a temporary folder (LiteDB, a DuckDB of demo customers, a local outbox), plus
/// the settings of the channel a benchmark drives.
/// </summary>
// The bench's own top-level Program hides the service's, so the entry assembly is named by another of its types (one in CampaignBot.Api itself).
internal abstract class BenchService : WebApplicationFactory<ApiOptions>
{
    private readonly Dictionary<string, string?> _settings;

    protected BenchService(string folder, long customers, IReadOnlyDictionary<string, string?> channelSettings)
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
        };
        foreach (var (key, value) in channelSettings)
        {
            _settings[key] = value;
        }
    }

    /// <summary>Where Kestrel listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Starts <paramref name="service"/> on a free loopback port and learns its address.</summary>
    protected static T Listen<T>(T service)
        where T : BenchService
    {
        ArgumentNullException.ThrowIfNull(service);
        // The factory looks for the service's folder relative to the working directory, which `dotnet run --project`
        // leaves at the caller's; the build copied the service's appsettings.json beside the benchmark, so start there.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CAMPAIGNBOT_API", AppContext.BaseDirectory);
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
