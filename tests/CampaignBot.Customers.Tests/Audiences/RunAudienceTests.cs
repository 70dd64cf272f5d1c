using CampaignBot.Core.Audiences;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.Engine;

namespace CampaignBot.Customers.Tests.Audiences;

/// <summary>
/// A run's audience stored once in the engine: every step that reads it (counts, control files, each delivery's
/// ordered stream with its channel's suppressions) must see exactly the members that building the audience gives.
/// </summary>
public sealed class RunAudienceTests
{
    private const int Customers = 3_000;
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly IReadOnlyList<AttributeColumn> Attributes = AudienceBuilder.ResolveAttributes([("email", null), ("given_name", null)], out _);

    public static TheoryData<string> Engines => ["duckdb", "postgres"];

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Every_slot_read_from_the_stored_audience_equals_the_built_audience_for_each_channel(string engineName)
    {
        await using var demo = await DemoEngine.CreateAsync(engineName, Customers);
        var builder = new AudienceBuilder(demo.Engine);
        var counting = Campaigns.SpringSale(Today);
        var stored = await new RunAudiences(demo.Engine).StoreAsync(counting, "run-1", ["email", null, "sms"]);

        Assert.Equal(["email", "sms"], stored.Channels);
        Assert.Equal(Tally(await builder.CountAsync(counting)), Tally(await builder.CountAsync(counting with { Snapshot = stored })));
        foreach (var channel in new[] { null, "email", "sms" })
        {
            var request = counting with { SuppressionChannel = channel };
            for (var s = 0; s < 3; s++)
            {
                foreach (var slot in new[] { GroupSlot.Control(s), new GroupSlot(s, 0), new GroupSlot(s, 1) })
                {
                    var built = await RowsAsync(builder, request, slot);
                    Assert.NotEmpty(built);
                    Assert.Equal(built, await RowsAsync(builder, request with { Snapshot = stored }, slot));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_suppression_added_after_storing_makes_the_stored_audience_stale_so_the_delivery_builds_it_again(string engineName)
    {
        await using var demo = await DemoEngine.CreateAsync(engineName, Customers);
        var audiences = new RunAudiences(demo.Engine);
        var stored = await audiences.StoreAsync(Campaigns.SpringSale(Today), "run-1", ["email"]);
        Assert.True(await audiences.IsCurrentAsync(stored));

        var first = (await RowsAsync(new AudienceBuilder(demo.Engine), Campaigns.SpringSale(Today), new GroupSlot(0, 0)))[0];
        await using (var connection = await demo.Engine.OpenAsync())
        {
            await connection.ExecuteAsync(demo.Engine, new SqlStatement(
                "INSERT INTO suppressions (customer_id, email, channel, reason) VALUES ($1, NULL, 'email', 'opt-out')", [first.CustomerId]));
        }

        Assert.False(await audiences.IsCurrentAsync(stored));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_dropped_or_never_stored_table_is_not_current(string engineName)
    {
        await using var demo = await DemoEngine.CreateAsync(engineName, Customers);
        var audiences = new RunAudiences(demo.Engine);
        var stored = await audiences.StoreAsync(Campaigns.SpringSale(Today), "run-1", []);

        await audiences.DropAsync(stored.Table);

        Assert.False(await audiences.IsCurrentAsync(stored));
        Assert.False(await audiences.IsCurrentAsync(stored with { Table = RunAudience.TableFor("run-never-counted") }));
    }

    [Fact]
    public void Run_tables_are_named_within_postgresqls_63_characters_and_differ_per_run()
    {
        var a = RunAudience.TableFor("0f8fad5bd9cb469fa16570867728950e-639321946062153477");
        var b = RunAudience.TableFor("0f8fad5bd9cb469fa16570867728950e-639321946062153478");

        Assert.NotEqual(a, b);
        Assert.True(a.Length <= 63);
        Assert.Matches("^[a-z0-9_]+$", a);
    }

    private static async Task<List<(string CustomerId, string? Email, string? Name)>> RowsAsync(AudienceBuilder builder, AudienceRequest request, GroupSlot slot)
    {
        var rows = new List<(string, string?, string?)>();
        await foreach (var member in builder.StreamOrderedAsync(request, AudienceSlice.Of(slot), Attributes, afterCustomerId: null))
        {
            rows.Add((member.CustomerId, member.Attributes[0] as string, member.Attributes[1] as string));
        }

        return rows;
    }

    private static string Tally(SplitTally tally) =>
        string.Join(",", Enumerable.Range(0, 3).SelectMany(s => new[] { GroupSlot.Control(s), new GroupSlot(s, 0), new GroupSlot(s, 1) }).Select(tally.Count)) + $"|{tally.Unmatched}";
}
