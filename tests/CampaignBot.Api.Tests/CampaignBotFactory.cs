using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Api.Tests;

/// <summary>The real service with its own data folder and a small demo data set, deleted afterwards.</summary>
public sealed class CampaignBotFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsFolder;

    private readonly Action<IServiceCollection>? _services;

    public CampaignBotFactory(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string? dataFolder = null, bool testOutbox = true)
    {
        _services = services;
        DataFolder = dataFolder ?? Directory.CreateTempSubdirectory("campaignbot-api-").FullName;
        _ownsFolder = dataFolder is null;
        _settings = new Dictionary<string, string?>
        {
            ["Customers:DuckDbPath"] = Path.Combine(DataFolder, "customers.duckdb"),
            ["Customers:DemoCustomers"] = "1000",
            ["Storage:LiteDbPath"] = Path.Combine(DataFolder, "campaignbot.db"),
            ["Imports:Folder"] = Path.Combine(DataFolder, "imports"),
            ["Users:People:0:Id"] = "maya",
            ["Users:People:0:Name"] = "Maya Marketer",
            ["Users:People:0:Roles:0"] = "marketer",
            ["Users:People:1:Id"] = "omar",
            ["Users:People:1:Name"] = "Omar Approver",
            ["Users:People:1:Roles:0"] = "approver",
            ["Users:People:2:Id"] = "ada",
            ["Users:People:2:Name"] = "Ada Admin",
            ["Users:People:2:Roles:0"] = "admin",
            ["Users:People:3:Id"] = "vic",
            ["Users:People:3:Name"] = "Vic Viewer",
            ["Users:People:3:Roles:0"] = "viewer",
            ["Users:People:4:Id"] = "nora",
            ["Users:People:4:Name"] = "Nora No-role",
        };
        foreach (var (user, index) in ApiUsers.Select((u, i) => (u, i)))
        {
            _settings[$"ApiKeys:Keys:{index}:Key"] = KeyOf(user);
            _settings[$"ApiKeys:Keys:{index}:User"] = user;
        }

        if (testOutbox)
        {
            _settings["Destinations:0:Name"] = "outbox";
            _settings["Destinations:0:Kind"] = "LocalFolder";
            _settings["Destinations:0:Location"] = Path.Combine(DataFolder, "outbox");
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string DataFolder { get; }

    /// <summary>The people with API keys: a marketer, an approver, an admin, a viewer and someone without a role.</summary>
    public static readonly string[] ApiUsers = ["maya", "omar", "ada", "vic", "nora"];

    public static string KeyOf(string user) => $"test-key-for-{user}-0123456789abcdef";

    /// <summary>A client whose requests carry <paramref name="user"/>'s API key, so the real authentication runs.</summary>
    public HttpClient ClientFor(string user) => CreateDefaultClient(new ApiKeyHandler(KeyOf(user)));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsFolder)
        {
            Directory.Delete(DataFolder, recursive: true);
        }
    }
}
