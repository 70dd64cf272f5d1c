using CampaignBot.App.Application;
using CampaignBot.App.Approvals;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Runs;
using CampaignBot.App.Scheduling;
using CampaignBot.App.Users;
using CampaignBot.Core.Campaigns;
using CampaignBot.Customers.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CampaignBot.Api.Tests.Lifecycle;

/// <summary>
/// The real service (LiteDB file, DuckDB demo customers, local outbox) on a fake clock with the background
/// scheduler off: tests move time and run scheduler passes themselves.
/// </summary>
internal sealed class LifecycleHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public LifecycleHost(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string? dataFolder = null, FakeTimeProvider? clock = null)
    {
        Clock = clock ?? new FakeTimeProvider(Start);
        var all = new Dictionary<string, string?> { ["Scheduler:Enabled"] = "false" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        Factory = new CampaignBotFactory(all, s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            services?.Invoke(s);
        }, dataFolder);
        _ = Factory.Server;
    }

    public CampaignBotFactory Factory { get; }

    public FakeTimeProvider Clock { get; }

    public string Outbox => Path.Combine(Factory.DataFolder, "outbox");

    public CampaignService Campaigns => Get<CampaignService>();

    public ApprovalService Approvals => Get<ApprovalService>();

    public RunService Runs => Get<RunService>();

    public CampaignScheduler Scheduler => Get<CampaignScheduler>();

    public Actor Maya => As("maya");

    public Actor Omar => As("omar");

    public Actor Ada => As("ada");

    public Actor Vic => As("vic");

    public T Get<T>()
        where T : notnull => Factory.Services.GetRequiredService<T>();

    public Actor As(string id) => new(Get<UserDirectory>().ById(id)!, "test");

    /// <summary>An HTTP client carrying <paramref name="user"/>'s API key.</summary>
    public HttpClient Client(string user) => Factory.ClientFor(user);

    /// <summary>One scheduler pass, waiting for every run it started.</summary>
    public async Task TickAsync()
    {
        await Task.WhenAll(await Scheduler.TickAsync(8, CancellationToken.None));
    }

    /// <summary>Creates, submits and approves a campaign; returns its id.</summary>
    public async Task<CampaignId> ApprovedAsync(CampaignDraft draft)
    {
        var id = Campaigns.Create(draft, Maya).Unwrap().Id;
        (await Approvals.SubmitAsync(id, Maya, CancellationToken.None)).Unwrap();
        (await Approvals.ApproveAsync(id, Omar, null, CancellationToken.None)).Unwrap();
        return id;
    }

    /// <summary>What <c>campaign_sends</c> holds for the campaign: rows per group. A customer twice in one group fails the test.</summary>
    public async Task<Dictionary<string, long>> SentPerGroupAsync(CampaignId id)
    {
        var engine = Get<CustomerEngine>();
        await using var connection = await engine.OpenAsync();
        await using var command = connection.CreateCommand(engine, new SqlStatement(
            "SELECT group_name, count(*), count(DISTINCT customer_id) FROM campaign_sends WHERE campaign_id = $1 GROUP BY group_name", [id.ToString()]));
        await using var reader = await command.ExecuteReaderAsync();
        var sent = new Dictionary<string, long>();
        while (await reader.ReadAsync())
        {
            Assert.Equal(reader.GetInt64(2), reader.GetInt64(1));
            sent[reader.GetString(0)] = reader.GetInt64(1);
        }

        return sent;
    }

    public RunView OnlyRun(CampaignId campaignId) => Assert.Single(Runs.ForCampaign(campaignId, Maya).Unwrap());

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>Drafts over the demo segments and the test outbox.</summary>
internal static class TestDrafts
{
    public static DestinationDraft Outbox(params string[] attributes) =>
        new() { Destination = "outbox", Attributes = (attributes.Length == 0 ? ["customer_id", "email"] : attributes).Select(a => new AttributeDraft { Name = a }).ToList() };

    /// <summary>Loyalty members minus email opt-outs; one catch-all sub-audience: 10% control, two groups of 45%.</summary>
    public static CampaignDraft OneTime(string name = "Winter welcome", ScheduleDraft? schedule = null) => new()
    {
        Name = name,
        Type = schedule?.Cadence is null ? "one-time" : "recurring",
        Audience = new AudienceDraft { Include = ["Loyalty members"], Exclude = ["Email opt-outs"] },
        SubAudiences =
        [
            new SubAudienceDraft
            {
                Name = "Everyone",
                CatchAll = true,
                ControlPercent = 10,
                Groups =
                [
                    new RecipientGroupDraft { Name = "Email A", Percent = 45, Destinations = [Outbox()] },
                    new RecipientGroupDraft { Name = "Email B", Percent = 45, Destinations = [Outbox()] },
                ],
            },
        ],
        Schedule = schedule ?? new ScheduleDraft { Launch = "asap" },
    };

    public static CampaignDraft Recurring(string cadence, string launch, string timeZone = "UTC", QuietHoursDraft? quietHours = null, string? expires = null) =>
        OneTime("Weekly picks", new ScheduleDraft { Cadence = cadence, Launch = launch, TimeZone = timeZone, QuietHours = quietHours, ExpiresAt = expires });
}
