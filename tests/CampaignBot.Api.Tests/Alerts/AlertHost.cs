using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CampaignBot.App.Alerts;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Api.Tests.Slack;
using CampaignBot.Chat.Slack.Tests.Fakes;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Destinations;
using CampaignBot.Core.Lifecycle;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CampaignBot.Api.Tests.Alerts;

/// <summary>
/// The real service with Slack, the alerts channel, Olga (oncall) and Erin (the escalation list), and one destination
/// played by a loopback fake of its service. Connectors run on real time, with retries of milliseconds and one batch
/// attempt; the scheduler, the alerts and Slack's signatures run on the host's fake clock.
/// </summary>
internal sealed class AlertHost : IAsyncDisposable
{
    public const string AlertsChannel = "CALERTS";
    public const int EscalateAfterMinutes = 30;
    public const string BaseUrl = "https://campaignbot.example.com/";

    private AlertHost(SlackHost slack, FakeDestination? destination) => (Slack, Destination) = (slack, destination);

    public SlackHost Slack { get; }

    public LifecycleHost Host => Slack.Host;

    /// <summary>The destination the campaign sends to besides (or instead of) the outbox; null for the outbox alone.</summary>
    public FakeDestination? Destination { get; }

    public string DestinationName => Destination?.Name ?? "outbox";

    public TestConnectors Connectors => (TestConnectors)Host.Get<IConnectorFactory>();

    public AlertService Alerts => Host.Get<AlertService>();

    public static async Task<AlertHost> StartAsync(FakeDestination? destination = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Scheduler:BatchAttempts"] = "1",
            ["Slack:AlertsChannel"] = AlertsChannel,
            ["Alerts:Escalation:0"] = "erin",
            ["Alerts:EscalateAfterMinutes"] = EscalateAfterMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Alerts:PublicBaseUrl"] = BaseUrl,
            ["Users:People:5:Id"] = "olga",
            ["Users:People:5:Name"] = "Olga On-call",
            ["Users:People:5:Roles:0"] = "oncall",
            ["Users:People:5:Email"] = "olga@example.com",
            ["Users:People:5:SlackUserIds:0"] = "UOLGA",
            ["Users:People:6:Id"] = "erin",
            ["Users:People:6:Name"] = "Erin Escalation",
            ["Users:People:6:Roles:0"] = "viewer",
            ["Users:People:6:Email"] = "erin@example.com",
            ["Users:People:6:SlackUserIds:0"] = "UERIN",
        };
        foreach (var (key, value) in destination?.Settings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        // Connectors wait on real time (their retries and job polls are milliseconds here): on the fake clock they would wait forever.
        var slack = await SlackHost.StartAsync(settings, s => s.AddSingleton<IConnectorFactory>(p => new TestConnectors(
            new ConnectorFactory(p.GetRequiredService<IHostEnvironment>().ContentRootPath, p.GetRequiredService<DestinationCredentials>(), TimeProvider.System))));
        slack.Slack.AddUser("UOLGA", "olga@example.com");
        slack.Slack.AddUser("UERIN", "erin@example.com");
        return new AlertHost(slack, destination);
    }

    /// <summary>The demo campaign; each group sends to the destination, and also to the healthy outbox when <paramref name="alsoOutbox"/>.</summary>
    public CampaignDraft Draft(bool alsoOutbox = false)
    {
        var to = Destination is { } d ? TestDrafts.Outbox(d.Attributes) with { Destination = d.Name } : TestDrafts.Outbox();
        return TestDrafts.OneTime().WithSubAudience(s => s with
        {
            Groups = s.Groups!.Select(g => g with { Destinations = alsoOutbox ? [TestDrafts.Outbox(), to] : [to] }).ToList(),
        });
    }

    /// <summary>Approves the demo campaign and runs it: its run has failed (or not) when this returns.</summary>
    public async Task<CampaignId> RunAsync(bool alsoOutbox = false)
    {
        var id = await Host.ApprovedAsync(Draft(alsoOutbox));
        if (Host.Campaigns.Get(id, Host.Maya).Unwrap().Status == CampaignStatus.PendingApproval)
        {
            // Paid media asks for a second approver.
            (await Host.Approvals.ApproveAsync(id, Host.Ada, null, CancellationToken.None)).Unwrap();
        }

        await Host.TickAsync();
        return id;
    }

    /// <summary>The alert card's first post in the alerts channel (not a thread reply).</summary>
    public Task<FakeSlackCall> PostedAsync() =>
        Slack.WaitForAsync("chat.postMessage", c => InAlerts(c) && c.Body["thread_ts"] is null);

    public Task<FakeSlackCall> UpdatedAsync(string text) =>
        Slack.WaitForAsync("chat.update", c => InAlerts(c) && SlackHost.Text(c).Contains(text, StringComparison.Ordinal));

    public Task<FakeSlackCall> ThreadReplyAsync(string text) =>
        Slack.WaitForAsync("chat.postMessage", c => InAlerts(c) && c.Body["thread_ts"] is not null && SlackHost.Text(c).Contains(text, StringComparison.Ordinal));

    /// <summary>The cards posted to the alerts channel (thread replies left out).</summary>
    public IReadOnlyList<FakeSlackCall> Posts => Slack.Slack.CallsTo("chat.postMessage").Where(c => InAlerts(c) && c.Body["thread_ts"] is null).ToList();

    public IReadOnlyList<FakeSlackCall> ThreadReplies => Slack.Slack.CallsTo("chat.postMessage").Where(c => InAlerts(c) && c.Body["thread_ts"] is not null).ToList();

    public IReadOnlyList<FakeSlackCall> Updates => Slack.Slack.CallsTo("chat.update").Where(InAlerts).ToList();

    /// <summary>Clicks a button of the alert card as <paramref name="user"/>, and waits for the private answer at the click's response_url.</summary>
    public async Task<FakeSlackCall> ClickAsync(string user, string actionId, string value, string answer)
    {
        var responseUrl = Slack.Slack.NewResponseUrl();
        using var click = await Slack.InteractionAsync(SlackHost.Click(user, actionId, value, responseUrl, AlertsChannel));
        click.EnsureSuccessStatusCode();
        return await Slack.WaitForAsync("response_url", c => SlackHost.Text(c).Contains(answer, StringComparison.Ordinal));
    }

    public async Task<JsonObject> ListAsync(string query = "", string user = "maya")
    {
        using var client = Host.Client(user);
        return (await client.GetFromJsonAsync<JsonObject>($"/api/alerts{query}"))!;
    }

    /// <summary>The one alert there is, as the API shows it.</summary>
    public async Task<JsonObject> OnlyAlertAsync() => Assert.Single((await ListAsync())["items"]!.AsArray())!.AsObject();

    public static bool InAlerts(FakeSlackCall call) => call.Body["channel"]?.GetValue<string>() == AlertsChannel;

    public async ValueTask DisposeAsync()
    {
        await Slack.DisposeAsync();
        if (Destination is not null)
        {
            await Destination.Service.DisposeAsync();
        }
    }
}

/// <summary>A destination named in the settings and played by a loopback fake, with retries small enough for tests.</summary>
internal sealed record FakeDestination(string Name, FakeService Service, IReadOnlyDictionary<string, string?> Settings, string[] Attributes)
{
    public const string KlaviyoKey = "pk_alerts_0123456789abcdef";
    public const string MetaToken = "EAAB-alerts-system-user-token";
    public const string MetaAccount = "act_1234567890";
    public const string TikTokToken = "tiktok-alerts-access-token-0123456789";
    public const string TikTokAdvertiser = "7012345678901234567";

    public FaultPlan Faults => Service.Faults.Plan;

    public static async Task<FakeDestination> KlaviyoAsync(FaultPlan faults)
    {
        var fake = new FakeKlaviyo(KlaviyoKey, faults);
        await fake.StartAsync();
        return new("klaviyo-main", fake, Named("klaviyo-main", "Klaviyo", fake.BaseAddress.ToString(), "Klaviyo", new() { ["ApiKey"] = KlaviyoKey }), ["customer_id", "email"]);
    }

    public static async Task<FakeDestination> MetaAsync(FaultPlan faults)
    {
        var fake = new FakeMeta(MetaToken, MetaAccount, faults, perSecond: 20, perMinute: 600);
        await fake.StartAsync();
        var settings = Named("meta-main", "MetaAds", fake.BaseAddress.ToString(), "Meta", new() { ["AccessToken"] = MetaToken });
        settings["Destinations:1:AccountId"] = MetaAccount;
        return new("meta-main", fake, settings, ["email"]);
    }

    /// <param name="advertiser">The advertiser id in the settings; another than the fake's is a configuration mistake.</param>
    public static async Task<FakeDestination> TikTokAsync(FaultPlan faults, string advertiser = TikTokAdvertiser)
    {
        var fake = new FakeTikTok(TikTokToken, TikTokAdvertiser, faults, perSecond: 20, perMinute: 600);
        await fake.StartAsync();
        var settings = Named("tiktok-main", "TikTokAds", new Uri(fake.BaseAddress, "open_api").ToString(), "TikTok", new() { ["AccessToken"] = TikTokToken });
        settings["Destinations:1:AccountId"] = advertiser;
        return new("tiktok-main", fake, settings, ["email", "phone"]);
    }

    private static Dictionary<string, string?> Named(string name, string kind, string endpoint, string secret, Dictionary<string, string> credentials)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Destinations:1:Name"] = name,
            ["Destinations:1:Kind"] = kind,
            ["Destinations:1:Endpoint"] = endpoint,
            ["Destinations:1:CredentialsReference"] = $"Secrets:{secret}",
            ["Destinations:1:RetryDelay"] = "00:00:00.010",
            ["Destinations:1:AttemptTimeout"] = "00:00:05",
            ["Destinations:1:TotalTimeout"] = "00:00:10",
            ["Destinations:1:PollInterval"] = "00:00:00.020",
        };
        foreach (var (key, value) in credentials)
        {
            settings[$"Secrets:{secret}:{key}"] = value;
        }

        return settings;
    }
}

/// <summary>The real connectors; the outbox can be made to report holding half of what it was sent, a shortfall.</summary>
internal sealed class TestConnectors(IConnectorFactory real) : IConnectorFactory
{
    public bool OutboxReportsHalf { get; set; }

    public bool Supports(DestinationKind kind) => real.Supports(kind);

    public IDestinationConnector Create(DestinationInstance instance) =>
        instance.Kind == DestinationKind.LocalFolder ? new Reporting(real.Create(instance), this) : real.Create(instance);

    private sealed class Reporting(IDestinationConnector inner, TestConnectors owner) : IDestinationConnector, IVerifiesDelivery
    {
        private long _accepted;

        public DestinationInstance Instance => inner.Instance;

        public async Task<BatchOutcome> DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken)
        {
            var outcome = await inner.DeliverAsync(batch, cancellationToken);
            if (outcome is BatchOutcome.Delivered)
            {
                Interlocked.Add(ref _accepted, batch.Rows.Count);
            }

            return outcome;
        }

        public Task<string?> CompleteAsync(DeliveryTarget target, IReadOnlyList<DeliveredBatch> batches, IReadOnlyDictionary<string, long> dropped, CancellationToken cancellationToken) =>
            inner.CompleteAsync(target, batches, dropped, cancellationToken);

        public Task<long?> CountDeliveredAsync(DeliveryTarget target, CancellationToken cancellationToken) =>
            Task.FromResult<long?>(owner.OutboxReportsHalf ? Interlocked.Read(ref _accepted) / 2 : null);
    }
}
