using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Tests.Engines;

namespace CampaignBot.Customers.Tests.Audiences;

/// <summary>The ordered, resumable audience stream the run pipeline batches; run against each engine.</summary>
public abstract class AudienceOrderedStreamTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly AudienceRequest Request = Campaigns.Request(Campaigns.SpringSaleId, Today, ["country = US"], [], [null]);
    private readonly IReadOnlyList<AttributeColumn> _attributes = AudienceBuilder.ResolveAttributes([("email", null)], out _);
    private CustomerEngine? _engine;

    public static TheoryData<string> Slices => ["everyone", "recipients"];

    protected abstract Task<CustomerEngine> CreateEngineAsync();

    protected abstract ValueTask DisposeEngineAsync();

    public async Task InitializeAsync()
    {
        _engine = await CreateEngineAsync();
        await OrderedCustomers.SeedAsync(_engine);
    }

    public async Task DisposeAsync() => await DisposeEngineAsync();

    private AudienceBuilder Builder => new(_engine!);

    [Theory]
    [MemberData(nameof(Slices))]
    public async Task The_ordered_stream_is_the_unordered_slice_sorted_ordinally(string slice)
    {
        var unordered = await ReadAsync(Builder.StreamAsync(Request, Slice(slice), _attributes));
        var ordered = await ReadAsync(Builder.StreamOrderedAsync(Request, Slice(slice), _attributes, afterCustomerId: null));

        Assert.Equal(unordered.OrderBy(Id, StringComparer.Ordinal), ordered);
        Assert.Equal(ordered.Distinct(), ordered);
        if (slice == "everyone")
        {
            Assert.Equal(OrderedCustomers.InOrdinalOrder, ordered.Select(Id));
        }
    }

    [Theory]
    [MemberData(nameof(Slices))]
    public async Task Resuming_after_the_kth_member_yields_exactly_the_members_after_it(string slice)
    {
        var all = await IdsAsync(Slice(slice), afterCustomerId: null);
        Assert.True(all.Count > 40, "Enough members that every resume point is checked against a long tail.");

        for (var k = 0; k < all.Count; k++)
        {
            Assert.Equal(all.Skip(k + 1), await IdsAsync(Slice(slice), all[k]));
        }
    }

    [Theory]
    [MemberData(nameof(Slices))]
    public async Task Pages_resumed_after_each_last_member_concatenate_to_the_full_stream(string slice)
    {
        const int PageSize = 7;
        var full = await IdsAsync(Slice(slice), afterCustomerId: null);
        var delivered = new List<string>();
        string? last = null;
        while (true)
        {
            // Stops reading mid-stream, as a crash after a batch would, then resumes from the last delivered id.
            var page = new List<string>();
            await foreach (var member in Builder.StreamOrderedAsync(Request, Slice(slice), _attributes, last))
            {
                page.Add(member.CustomerId);
                if (page.Count == PageSize)
                {
                    break;
                }
            }

            if (page.Count == 0)
            {
                break;
            }

            delivered.AddRange(page);
            last = page[^1];
        }

        Assert.Equal(full, delivered);
    }

    [Fact]
    public async Task Resuming_after_an_id_not_in_the_audience_starts_at_the_next_id_in_order()
    {
        var ids = await IdsAsync(AudienceSlice.Everyone, "a5");

        Assert.Equal(OrderedCustomers.InOrdinalOrder.Where(id => string.CompareOrdinal(id, "a5") > 0), ids);
        Assert.Equal("a9", ids[0]);
    }

    [Fact]
    public async Task Resuming_after_the_last_member_yields_nothing()
    {
        Assert.Empty(await IdsAsync(AudienceSlice.Everyone, OrderedCustomers.InOrdinalOrder[^1]));
    }

    private static AudienceSlice Slice(string name) => name == "recipients" ? AudienceSlice.Recipients : AudienceSlice.Everyone;

    private async Task<List<string>> IdsAsync(AudienceSlice slice, string? afterCustomerId) =>
        (await ReadAsync(Builder.StreamOrderedAsync(Request, slice, _attributes, afterCustomerId))).Select(Id).ToList();

    /// <summary>Each member as "id|slot|email", so members compare whole.</summary>
    private static async Task<List<string>> ReadAsync(IAsyncEnumerable<AudienceMember> members)
    {
        var rows = new List<string>();
        await foreach (var member in members)
        {
            rows.Add($"{member.CustomerId}|{member.Slot}|{member.Attributes[0]}");
        }

        return rows;
    }

    private static string Id(string row) => row[..row.IndexOf('|', StringComparison.Ordinal)];
}

public sealed class DuckDbAudienceOrderedStreamTests : AudienceOrderedStreamTests
{
    private readonly DuckDbFile _file = new();

    protected override Task<CustomerEngine> CreateEngineAsync() => Task.FromResult<CustomerEngine>(_file.Engine);

    protected override ValueTask DisposeEngineAsync() => _file.DisposeAsync();
}

/// <summary>On a database with a linguistic collation, where unqualified ORDER BY would sort "a" before "B".</summary>
public sealed class PostgresAudienceOrderedStreamTests : AudienceOrderedStreamTests
{
    private PostgresDatabase? _database;

    protected override async Task<CustomerEngine> CreateEngineAsync()
    {
        _database = await PostgresDatabase.CreateAsync(linguisticCollation: true);
        return _database.Engine;
    }

    protected override ValueTask DisposeEngineAsync() => _database?.DisposeAsync() ?? ValueTask.CompletedTask;
}
