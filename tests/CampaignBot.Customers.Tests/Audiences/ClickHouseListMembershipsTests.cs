using CampaignBot.Core.Audiences;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.DemoData;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Tests.Engines;

namespace CampaignBot.Customers.Tests.Audiences;

/// <summary>A recurring list recorded on DuckDB and on the two-shard ClickHouse cluster: the same members, the same leavers.</summary>
public sealed class ClickHouseListMembershipsTests : IAsyncLifetime
{
    private const int Customers = 5_000;
    private const string ListKey = "spring.1.0.meta";
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly GroupSlot Slot = new(1, 0);
    private static readonly AudienceRequest Before = Campaigns.SpringSale(Today);

    // The same campaign after its segments changed: the west coast is now excluded too, so its members leave the list.
    private static readonly AudienceRequest After = Before with { Exclude = [.. Before.Exclude, Campaigns.Bind("state in (WA, OR, CA)")] };

    private readonly DuckDbFile _duck = new();
    private readonly IReadOnlyList<AttributeColumn> _attributes = AudienceBuilder.ResolveAttributes([("email", null)], out _);
    private ClickHouseDatabase? _clickHouse;

    private ClickHouseDatabase ClickHouse => _clickHouse!;

    public async Task InitializeAsync()
    {
        _clickHouse = await ClickHouseDatabase.CreateAsync();
        await new DemoDataGenerator(_duck.Engine).GenerateAsync(Customers, Today);
        await new DemoDataGenerator(ClickHouse.Engine).GenerateAsync(Customers, Today);
    }

    public async Task DisposeAsync()
    {
        await _duck.DisposeAsync();
        if (_clickHouse is not null)
        {
            await _clickHouse.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_list_recorded_on_ClickHouse_holds_the_same_members_and_loses_the_same_leavers_as_on_DuckDB()
    {
        var recorded = await new ListMemberships(_duck.Engine).RecordAsync(ListKey, Before, Slot);

        Assert.Equal(recorded, await new ListMemberships(ClickHouse.Engine).RecordAsync(ListKey, Before, Slot));
        Assert.True(await new ListMemberships(ClickHouse.Engine).HasRecordAsync(ListKey));
        Assert.Empty(await LeaversAsync(ClickHouse.Engine, Before));

        var leavers = await LeaversAsync(_duck.Engine, After);
        Assert.InRange(leavers.Count, 1, (int)recorded - 1);
        Assert.Equal(leavers, await LeaversAsync(ClickHouse.Engine, After));

        var now = await new ListMemberships(ClickHouse.Engine).RecordAsync(ListKey, After, Slot);
        Assert.Equal(recorded - leavers.Count, now);
        Assert.Empty(await LeaversAsync(ClickHouse.Engine, After));
    }

    [Fact]
    public async Task ClickHouse_keeps_each_list_member_on_the_shard_of_the_customer()
    {
        await new ListMemberships(ClickHouse.Engine).RecordAsync(ListKey, Before, Slot);

        foreach (var node in ClickHouse.Nodes)
        {
            Assert.True(Convert.ToInt64(await ClickHouseDatabase.ScalarOnNodeAsync(node, "SELECT count() FROM list_members_local")) > 0);
            Assert.Equal(0L, Convert.ToInt64(await ClickHouseDatabase.ScalarOnNodeAsync(node,
                "SELECT count() FROM list_members_local WHERE customer_id NOT IN (SELECT customer_id FROM customer_360_local)")));
        }
    }

    // In customer-id order, each with its email: what a destination's removal reads.
    private async Task<List<string>> LeaversAsync(CustomerEngine engine, AudienceRequest request) =>
        await new ListMemberships(engine).StreamLeaversAsync(ListKey, request, Slot, _attributes).Select(m => $"{m.CustomerId} {m.Attributes[0]}").ToListAsync();
}
