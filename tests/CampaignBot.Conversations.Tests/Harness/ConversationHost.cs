using CampaignBot.App;
using CampaignBot.App.Alerts;
using CampaignBot.App.Application;
using CampaignBot.App.Approvals;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Customers;
using CampaignBot.App.Destinations;
using CampaignBot.App.Imports;
using CampaignBot.App.Logging;
using CampaignBot.App.Mail;
using CampaignBot.App.Results;
using CampaignBot.App.Runs;
using CampaignBot.App.Scheduling;
using CampaignBot.App.Segments;
using CampaignBot.App.Storage;
using CampaignBot.App.Users;
using CampaignBot.Core.Campaigns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CampaignBot.Conversations.Tests.Harness;

/// <summary>
/// The application services and the conversation core composed as Program.cs composes them, without a web host or a
/// chat channel: a LiteDB file and a DuckDB of demo customers in a temporary folder, a local-folder outbox, a fake
/// clock and the background scheduler off, so tests move time and run scheduler passes themselves.
/// </summary>
internal sealed class ConversationHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;
    private readonly List<IHostedService> _started = [];
    private readonly bool _ownsFolder;

    private ConversationHost(string dataFolder, bool ownsFolder, FakeTimeProvider clock, ServiceProvider provider)
    {
        DataFolder = dataFolder;
        _ownsFolder = ownsFolder;
        Clock = clock;
        _provider = provider;
    }

    public string DataFolder { get; }

    public FakeTimeProvider Clock { get; }

    public string Outbox => Path.Combine(DataFolder, "outbox");

    public CampaignService Campaigns => Get<CampaignService>();

    public ApprovalService Approvals => Get<ApprovalService>();

    public RunService Runs => Get<RunService>();

    public CampaignScheduler Scheduler => Get<CampaignScheduler>();

    public Actor Maya => As("maya");

    public Actor Omar => As("omar");

    public Actor Ada => As("ada");

    public Actor Vic => As("vic");

    /// <summary>
    /// Composes and starts the services. <paramref name="dataFolder"/> reuses a folder (a restart); otherwise a new
    /// temporary one is made and deleted on dispose. <paramref name="services"/> replaces registrations after the real ones.
    /// </summary>
    public static async Task<ConversationHost> StartAsync(Action<IServiceCollection>? services = null, string? dataFolder = null)
    {
        var folder = dataFolder ?? Directory.CreateTempSubdirectory("campaignbot-conversations-").FullName;
        var clock = new FakeTimeProvider(Start);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(folder)).Build();

        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddSingleton<IHostEnvironment>(new TestEnvironment(folder));
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(clock);
        collection.AddRedactedLogging();
        collection.AddAppStorage();
        collection.AddUserDirectory();
        collection.AddCustomerEngine();
        collection.AddDestinations();
        collection.AddCampaignLifecycle();
        collection.AddCampaignResults();
        collection.AddAlerts();
        collection.AddCustomerImports();
        collection.AddConversations();
        collection.AddMail();
        services?.Invoke(collection);

        var host = new ConversationHost(folder, dataFolder is null, clock, collection.BuildServiceProvider(validateScopes: true));
        await host.StartServicesAsync();
        return host;
    }

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public Actor As(string id) => new(Get<UserDirectory>().ById(id)!, "test");

    /// <summary>One scheduler pass, waiting for every run it started.</summary>
    public async Task TickAsync()
    {
        await Task.WhenAll(await Scheduler.TickAsync(8, CancellationToken.None));
    }

    /// <summary>Creates a campaign as Maya and submits it; returns its id.</summary>
    public async Task<CampaignId> SubmittedAsync(CampaignDraft draft)
    {
        var id = Campaigns.Create(draft, Maya).Unwrap().Id;
        (await Approvals.SubmitAsync(id, Maya, CancellationToken.None)).Unwrap();
        return id;
    }

    /// <summary>Creates, submits and approves a campaign; returns its id.</summary>
    public async Task<CampaignId> ApprovedAsync(CampaignDraft draft)
    {
        var id = await SubmittedAsync(draft);
        (await Approvals.ApproveAsync(id, Omar, null, CancellationToken.None)).Unwrap();
        return id;
    }

    public CampaignView View(CampaignId id) => Campaigns.Get(id, Maya).Unwrap();

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Enumerable.Reverse(_started))
        {
            await service.StopAsync(CancellationToken.None);
        }

        await _provider.DisposeAsync();
        if (_ownsFolder)
        {
            Directory.Delete(DataFolder, recursive: true);
        }
    }

    /// <summary>What the generic host does at start: every option validated at once, then the hosted services in order.</summary>
    private async Task StartServicesAsync()
    {
        _provider.GetService<IStartupValidator>()?.Validate();
        foreach (var service in _provider.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
            _started.Add(service);
        }
    }

    /// <summary>The people the tests talk as, a small demo data set, the local outbox, and the scheduler loop off.</summary>
    private static Dictionary<string, string?> Settings(string folder) => new()
    {
        ["Customers:DuckDbPath"] = Path.Combine(folder, "customers.duckdb"),
        ["Customers:DemoCustomers"] = "1000",
        ["Storage:LiteDbPath"] = Path.Combine(folder, "campaignbot.db"),
        ["Imports:Folder"] = Path.Combine(folder, "imports"),
        ["Scheduler:Enabled"] = "false",
        ["Destinations:0:Name"] = "outbox",
        ["Destinations:0:Kind"] = "LocalFolder",
        ["Destinations:0:Location"] = Path.Combine(folder, "outbox"),
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
        ["Users:People:4:Id"] = "olga",
        ["Users:People:4:Name"] = "Olga On-call",
        ["Users:People:4:Roles:0"] = "oncall",
        ["Users:People:4:Email"] = "olga@example.com",
    };

    private sealed class TestEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;

        public string ApplicationName { get; set; } = "CampaignBot.Conversations.Tests";

        public string ContentRootPath { get; set; } = contentRoot;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
