using CampaignBot.Core.Audiences;
using CampaignBot.Core.Destinations;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.DemoData;
using CampaignBot.Customers.Tests.Audiences;

namespace CampaignBot.Customers.Tests.Engines;

/// <summary>The preview's counts are the same in DuckDB and PostgreSQL over the same demo customers.</summary>
public sealed class PreviewEqualityTests
{
    private const int Customers = 20_000;
    private static readonly DateOnly AsOf = new(2026, 11, 23);

    [Fact]
    public async Task Exclusions_suppressions_and_missing_identifiers_count_the_same_in_both_engines()
    {
        await using var duck = new DuckDbFile();
        await using var postgres = await PostgresDatabase.CreateAsync();
        await new DemoDataGenerator(duck.Engine).GenerateAsync(Customers, AsOf);
        await new DemoDataGenerator(postgres.Engine).GenerateAsync(Customers, AsOf);
        var request = Campaigns.SpringSale(AsOf);
        var checks = Checks();

        var inDuck = await CountsAsync(new AudienceBreakdown(duck.Engine), request, checks);
        var inPostgres = await CountsAsync(new AudienceBreakdown(postgres.Engine), request, checks);

        Assert.Equal(inDuck.Figures, inPostgres.Figures);
        Assert.Equal((await new AudienceBuilder(duck.Engine).CountAsync(request)).Total, inDuck.Funnel.Audience);
        Assert.True(inDuck.Funnel.RemovedByExclusion.All(r => r > 0), "each exclusion removes somebody");
        Assert.True(inDuck.Deliveries.Sum(d => d.Missing.Sum()) > 0, "some demo customers lack an identifier");
    }

    // Klaviyo, Attentive by phone, TikTok and Meta over the first group of each of the three sub-audiences.
    internal static List<DeliveryCheck> Checks()
    {
        var columns = AudienceBuilder.ResolveAttributes([("email", null), ("phone", null), ("idfa", "customer_360")], out _);
        ColumnRequirement Requirement(IdentifierRequirement r) => new(r.Reason, r.AnyOf.Select(a => columns.Single(c => c.Name == a)).ToList());
        DeliveryCheck Check(GroupSlot slot, DestinationKind kind, string? channel, params string[] attributes) =>
            new(slot, channel, IdentifierRequirements.For(DestinationCatalog.For(kind), attributes).Select(Requirement).ToList());

        return
        [
            Check(new GroupSlot(0, 0), DestinationKind.Klaviyo, "email", "email"),
            Check(new GroupSlot(0, 0), DestinationKind.Attentive, "sms", "phone"),
            Check(new GroupSlot(1, 0), DestinationKind.TikTokAds, null, "email", "phone"),
            Check(new GroupSlot(2, 1), DestinationKind.MetaAds, null, "phone", "idfa"),
        ];
    }

    // Every figure as text, since the records hold lists, which compare by reference.
    internal static async Task<(AudienceFunnel Funnel, string Figures, IReadOnlyList<DeliveryCount> Deliveries)> CountsAsync(
        AudienceBreakdown breakdown, AudienceRequest request, IReadOnlyList<DeliveryCheck> checks)
    {
        var funnel = await breakdown.FunnelAsync(request);
        var placed = await breakdown.PlaceAsync(request, checks);
        var tally = Enumerable.Range(0, request.Plan.SubAudienceCount)
            .SelectMany(s => new[] { GroupSlot.Control(s), new GroupSlot(s, 0), new GroupSlot(s, 1) })
            .Select(slot => placed.Tally.Count(slot));
        var figures = string.Join(" | ",
            $"{funnel.Included} {string.Join(" ", funnel.RemovedByExclusion)} {funnel.Excluded} {funnel.Suppressed}",
            string.Join(" ", tally),
            string.Join(" ", placed.Deliveries.Select(d => $"{d.Members}/{d.Suppressed}/{string.Join("+", d.Missing)}")));
        return (funnel, figures, placed.Deliveries);
    }
}
