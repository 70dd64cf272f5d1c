using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CampaignBot.Api.Tests;

/// <summary>The real service with its own data folder and a small demo data set, deleted afterwards.</summary>
public sealed class CampaignBotFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public CampaignBotFactory(IDictionary<string, string?>? settings = null)
    {
        DataFolder = Directory.CreateTempSubdirectory("campaignbot-api-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["Customers:DuckDbPath"] = Path.Combine(DataFolder, "customers.duckdb"),
            ["Customers:DemoCustomers"] = "1000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string DataFolder { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(DataFolder, recursive: true);
    }
}
