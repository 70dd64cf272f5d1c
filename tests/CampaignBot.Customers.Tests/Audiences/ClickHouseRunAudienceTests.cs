using CampaignBot.Core.Audiences;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.DemoData;
using CampaignBot.Customers.Tests.Engines;

namespace CampaignBot.Customers.Tests.Audiences;

/// <summary>A run's stored audience on the two-shard ClickHouse cluster: sharded like the customers, read with co-located joins.</summary>
public sealed class ClickHouseRunAudienceTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private readonly IReadOnlyList<AttributeColumn> _attributes = AudienceBuilder.ResolveAttributes([("email", null), ("given_name", null)], out _);
    private ClickHouseDatabase? _clickHouse;

    public async Task InitializeAsync()
    {
        _clickHouse = await ClickHouseDatabase.CreateAsync();
        await new DemoDataGenerator(_clickHouse.Engine).GenerateAsync(3_000, Today);
    }

    public async Task DisposeAsync()
    {
        if (_clickHouse is not null)
        {
            await _clickHouse.DisposeAsync();
        }
    }

    [Fact]
    public async Task Every_slot_read_from_the_stored_audience_on_ClickHouse_equals_the_built_audience()
    {
        var engine = _clickHouse!.Engine;
        var builder = new AudienceBuilder(engine);
        var audiences = new RunAudiences(engine);
        var counting = Campaigns.SpringSale(Today);
        var stored = await audiences.StoreAsync(counting, "run-1", ["email"]);
        Assert.True(await audiences.IsCurrentAsync(stored));

        foreach (var channel in new[] { null, "email" })
        {
            var request = counting with { SuppressionChannel = channel };
            foreach (var slot in new[] { GroupSlot.Control(0), new GroupSlot(0, 0), new GroupSlot(2, 1) })
            {
                var built = await IdsAsync(builder, request, slot);
                Assert.NotEmpty(built);
                Assert.Equal(built, await IdsAsync(builder, request with { Snapshot = stored }, slot));
            }
        }

        await audiences.DropAsync(stored.Table);
        Assert.False(await audiences.IsCurrentAsync(stored));
    }

    private async Task<List<string>> IdsAsync(AudienceBuilder builder, AudienceRequest request, GroupSlot slot)
    {
        var ids = new List<string>();
        await foreach (var member in builder.StreamOrderedAsync(request, AudienceSlice.Of(slot), _attributes, afterCustomerId: null))
        {
            ids.Add($"{member.CustomerId}|{member.Attributes[0]}|{member.Attributes[1]}");
        }

        return ids;
    }
}
