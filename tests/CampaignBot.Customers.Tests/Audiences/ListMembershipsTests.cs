using CampaignBot.Core.Audiences;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Tests.Engines;

namespace CampaignBot.Customers.Tests.Audiences;

/// <summary>A recurring list's recorded members and who left it since; run against each engine.</summary>
public abstract class ListMembershipsTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly AudienceRequest Request = Campaigns.Request(Campaigns.SpringSaleId, Today, ["country = US"], [], [null]);
    private static readonly GroupSlot Slot = new(0, 0);
    private readonly IReadOnlyList<AttributeColumn> _attributes = AudienceBuilder.ResolveAttributes([("email", null)], out _);
    private CustomerEngine? _engine;

    protected abstract Task<CustomerEngine> CreateEngineAsync();

    protected abstract ValueTask DisposeEngineAsync();

    public async Task InitializeAsync()
    {
        _engine = await CreateEngineAsync();
        await OrderedCustomers.SeedAsync(_engine);
    }

    public async Task DisposeAsync() => await DisposeEngineAsync();

    private ListMemberships Lists => new(_engine!);

    [Fact]
    public async Task A_list_never_recorded_has_no_record_and_nobody_has_left_it()
    {
        Assert.False(await Lists.HasRecordAsync("spring.0.0.meta"));
        Assert.Empty(await LeaversAsync("spring.0.0.meta"));
    }

    [Fact]
    public async Task Recording_holds_the_groups_members_and_nobody_has_left_right_after()
    {
        var members = await GroupAsync();

        var recorded = await Lists.RecordAsync("spring.0.0.meta", Request, Slot);

        Assert.Equal(members.Count, recorded);
        Assert.True(await Lists.HasRecordAsync("spring.0.0.meta"));
        Assert.Empty(await LeaversAsync("spring.0.0.meta"));
    }

    [Fact]
    public async Task Customers_who_left_the_group_or_the_customer_data_are_the_leavers_in_customer_id_order()
    {
        var members = await GroupAsync();
        await Lists.RecordAsync("spring.0.0.meta", Request, Slot);
        var moved = members.Take(3).ToList();
        var deleted = members.Skip(3).Take(2).ToList();
        await using (var connection = await _engine!.OpenAsync())
        {
            foreach (var id in moved)
            {
                await connection.ExecuteAsync(_engine, new SqlStatement("UPDATE customer_360 SET country = 'CA' WHERE customer_id = $1", [id]));
            }

            foreach (var id in deleted)
            {
                await connection.ExecuteAsync(_engine, new SqlStatement("DELETE FROM customer_360 WHERE customer_id = $1", [id]));
                await connection.ExecuteAsync(_engine, new SqlStatement("DELETE FROM merged_customers WHERE customer_id = $1", [id]));
            }
        }

        var leavers = await Lists.StreamLeaversAsync("spring.0.0.meta", Request, Slot, _attributes).ToListAsync();

        Assert.Equal(moved.Concat(deleted).Order(StringComparer.Ordinal), leavers.Select(l => l.CustomerId));
        Assert.All(leavers.Where(l => moved.Contains(l.CustomerId)), l => Assert.EndsWith("@example.com", (string)l.Attributes[0]!, StringComparison.Ordinal));
        Assert.All(leavers.Where(l => deleted.Contains(l.CustomerId)), l => Assert.Null(l.Attributes[0]));
        Assert.Equal(members.Count - moved.Count - deleted.Count, await Lists.RecordAsync("spring.0.0.meta", Request, Slot));
        Assert.Equal(members.Count - moved.Count - deleted.Count, (await IdsOfListAsync("spring.0.0.meta")).Count);
        Assert.Empty(await LeaversAsync("spring.0.0.meta"));
    }

    [Fact]
    public async Task Lists_are_kept_apart()
    {
        await Lists.RecordAsync("spring.0.0.meta", Request, Slot);

        await Lists.RecordAsync("spring.0.1.meta", Request, new GroupSlot(0, 1));

        Assert.Equal((await GroupAsync()).Order(StringComparer.Ordinal), await IdsOfListAsync("spring.0.0.meta"));
    }

    private async Task<List<string>> GroupAsync() =>
        await new AudienceBuilder(_engine!).StreamAsync(Request, AudienceSlice.Of(Slot), _attributes).Select(m => m.CustomerId).ToListAsync();

    private async Task<List<string>> LeaversAsync(string listKey) =>
        await Lists.StreamLeaversAsync(listKey, Request, Slot, _attributes).Select(m => m.CustomerId).ToListAsync();

    private async Task<List<string>> IdsOfListAsync(string listKey)
    {
        var ids = new List<string>();
        await using var connection = await _engine!.OpenAsync();
        await using var command = connection.CreateCommand(_engine, new SqlStatement(
            $"SELECT customer_id FROM {ListMemberships.Table} WHERE list_key = $1", [listKey]));
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids.Order(StringComparer.Ordinal).ToList();
    }
}

public sealed class DuckDbListMembershipsTests : ListMembershipsTests
{
    private readonly DuckDbFile _file = new();

    protected override Task<CustomerEngine> CreateEngineAsync() => Task.FromResult<CustomerEngine>(_file.Engine);

    protected override ValueTask DisposeEngineAsync() => _file.DisposeAsync();
}

public sealed class PostgresListMembershipsTests : ListMembershipsTests
{
    private PostgresDatabase? _database;

    protected override async Task<CustomerEngine> CreateEngineAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        return _database.Engine;
    }

    protected override ValueTask DisposeEngineAsync() => _database?.DisposeAsync() ?? ValueTask.CompletedTask;
}
