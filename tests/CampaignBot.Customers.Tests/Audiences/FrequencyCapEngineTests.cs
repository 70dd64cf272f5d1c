using CampaignBot.Core.Audiences;
using CampaignBot.Core.CrossCampaign;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Tests.Audiences;

/// <summary>
/// Frequency caps in the audience SQL of DuckDB and PostgreSQL: two earlier campaigns emailed the same customer,
/// and a third campaign's email delivery must leave them out until the first send falls out of the window.
/// </summary>
public sealed class FrequencyCapEngineTests
{
    private const int Customers = 2_000;
    private static readonly DateOnly AsOf = new(2026, 11, 23);
    private static readonly FrequencyCap EmailCap = new("email", 2, TimeSpan.FromDays(7));
    private static readonly GroupSlot Slot = new(0, 0);
    private static readonly DateTimeOffset FirstSend = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SecondSend = new(2026, 11, 12, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Engines => ["duckdb", "postgres"];

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task FrequencyCap_refuses_a_third_email_within_the_window_across_campaigns_and_allows_it_after(string engineName)
    {
        await using var engine = await DemoEngine.CreateAsync(engineName, Customers);
        var (twice, once) = await SeedSendsAsync(engine.Engine);
        var builder = new AudienceBuilder(engine.Engine);

        var withinWindow = await RecipientsAsync(builder, SecondSend.AddDays(2));
        var lastMomentOfWindow = await RecipientsAsync(builder, FirstSend.AddDays(7).AddSeconds(-1));
        var afterWindow = await RecipientsAsync(builder, FirstSend.AddDays(7));
        var uncapped = await RecipientsAsync(builder, now: null);

        Assert.DoesNotContain(twice, withinWindow);
        Assert.DoesNotContain(twice, lastMomentOfWindow);
        Assert.Contains(twice, afterWindow);
        Assert.Contains(once, withinWindow);
        Assert.Equal(uncapped.Where(id => id != twice), withinWindow);
        Assert.Equal(uncapped, afterWindow);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task FrequencyCap_counts_only_recipient_sends_on_its_own_channel_and_not_the_runs_own(string engineName)
    {
        await using var engine = await DemoEngine.CreateAsync(engineName, Customers);
        var (twice, once) = await SeedSendsAsync(engine.Engine);
        var now = SecondSend.AddDays(2);

        // "once" also had three texts and a control row in the window: neither is an email delivery.
        var check = new CustomerAudienceCheck(engine.Engine);
        Assert.Equal([2L, 1L], await CountsAsync(check, twice, once, new FrequencyCapCheck(EmailCap, now)));
        Assert.Equal([1L, 0L], await CountsAsync(check, twice, once, new FrequencyCapCheck(EmailCap, now, ExceptRunId: "run-b")));
        Assert.Equal([0L, 3L], await CountsAsync(check, twice, once, new FrequencyCapCheck(EmailCap with { Channel = "sms" }, now)));
        Assert.Contains(twice, await RecipientsAsync(new AudienceBuilder(engine.Engine), now, exceptRun: "run-b"));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task FrequencyCap_preview_counts_capped_members_per_destination_and_never_moves_anyone_out_of_a_group_or_control(string engineName)
    {
        await using var engine = await DemoEngine.CreateAsync(engineName, Customers);
        await SeedSendsAsync(engine.Engine, alsoInControl: true);
        var breakdown = new AudienceBreakdown(engine.Engine);
        var request = Campaigns.SpringSale(AsOf);

        var within = await breakdown.PlaceAsync(request, [Check(Slot, SecondSend.AddDays(2)), new DeliveryCheck(Slot, "email", [])]);
        var after = await breakdown.PlaceAsync(request, [Check(Slot, FirstSend.AddDays(7))]);
        var plain = await breakdown.PlaceAsync(request, []);

        var (capped, uncapped) = (within.Deliveries[0], within.Deliveries[1]);
        Assert.Equal((1L, 0L), (capped.Capped, uncapped.Capped));
        Assert.Equal(uncapped.Deliverable - 1, capped.Deliverable);
        Assert.Equal(0, after.Deliveries[0].Capped);

        // Caps hold back a delivery, not a placement: every group and control keeps its members.
        Assert.Equal(
            Enumerable.Range(0, 3).Select(s => (plain.Tally.Count(GroupSlot.Control(s)), plain.Tally.Count(new GroupSlot(s, 0)))),
            Enumerable.Range(0, 3).Select(s => (within.Tally.Count(GroupSlot.Control(s)), within.Tally.Count(new GroupSlot(s, 0)))));
    }

    private static DeliveryCheck Check(GroupSlot slot, DateTimeOffset now) => new(slot, "email", [], new FrequencyCapCheck(EmailCap, now));

    private static async Task<IReadOnlyList<long>> CountsAsync(CustomerAudienceCheck check, string first, string second, FrequencyCapCheck cap) =>
        [.. (await check.CountSendsAsync(first, [cap])), .. (await check.CountSendsAsync(second, [cap]))];

    // The spring sale's first group, as its email delivery streams it (email suppressions apply).
    private static async Task<List<string>> RecipientsAsync(AudienceBuilder builder, DateTimeOffset? now, string? exceptRun = null)
    {
        var request = Campaigns.SpringSale(AsOf) with { SuppressionChannel = "email" };
        if (now is { } at)
        {
            request = request with { Cap = new FrequencyCapCheck(EmailCap, at, exceptRun) };
        }

        return await builder.StreamOrderedAsync(request, AudienceSlice.Of(Slot), [], afterCustomerId: null).Select(m => m.CustomerId).ToListAsync();
    }

    /// <summary>
    /// Two of the first group's customers: "twice" was emailed by campaign A (run-a) and campaign B (run-b); "once" by B
    /// only, plus three texts and a control row. With <paramref name="alsoInControl"/>, a control member was emailed twice too.
    /// </summary>
    private static async Task<(string Twice, string Once)> SeedSendsAsync(CustomerEngine engine, bool alsoInControl = false)
    {
        await CustomerTables.EnsureCreatedAsync(engine);
        var members = await new AudienceBuilder(engine)
            .StreamOrderedAsync(Campaigns.SpringSale(AsOf) with { SuppressionChannel = "email" }, AudienceSlice.Of(Slot), [], afterCustomerId: null)
            .Select(m => m.CustomerId).Take(2).ToListAsync();
        var (twice, once) = (members[0], members[1]);
        var rows = new List<object?[]>
        {
            Send(twice, "campaign-a", "run-a", false, "email", FirstSend),
            Send(twice, "campaign-b", "run-b", false, "email", SecondSend),
            Send(once, "campaign-b", "run-b", false, "email", SecondSend),
            Send(once, "campaign-c", "run-c", false, "sms", SecondSend),
            Send(once, "campaign-c", "run-c", false, "sms", SecondSend.AddHours(1)),
            Send(once, "campaign-c", "run-c", false, "sms", SecondSend.AddHours(2)),
            Send(once, "campaign-d", "run-d", true, null, SecondSend),
        };
        if (alsoInControl)
        {
            var controlMember = await new AudienceBuilder(engine)
                .StreamOrderedAsync(Campaigns.SpringSale(AsOf), AudienceSlice.Of(GroupSlot.Control(0)), [], afterCustomerId: null)
                .Select(m => m.CustomerId).FirstAsync();
            rows.Add(Send(controlMember, "campaign-a", "run-a", false, "email", FirstSend));
            rows.Add(Send(controlMember, "campaign-b", "run-b", false, "email", SecondSend));
        }

        var table = CustomerSchema.CampaignSendList;
        await using var connection = await engine.OpenAsync();
        foreach (var row in rows)
        {
            var sql = new SqlBuilder(engine).Sql($"INSERT {engine.Tables.InsertInto(table, table.Columns)} VALUES (");
            for (var i = 0; i < row.Length; i++)
            {
                sql.Sql(i > 0 ? ", " : "").Value(row[i]);
            }

            await connection.ExecuteAsync(engine, sql.Sql(")").Build());
        }

        return (twice, once);
    }

    private static object?[] Send(string customer, string campaign, string run, bool control, string? channel, DateTimeOffset at) =>
        [customer, campaign, run, "Active", control ? "Control" : "Group A", control, channel, control ? null : "klaviyo-main",
            DateTime.SpecifyKind(at.UtcDateTime, DateTimeKind.Unspecified)];
}
