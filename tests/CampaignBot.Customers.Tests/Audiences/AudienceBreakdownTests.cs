using CampaignBot.Core.Audiences;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Destinations;
using CampaignBot.Core.Scheduling;
using CampaignBot.Customers.Audiences;

namespace CampaignBot.Customers.Tests.Audiences;

/// <summary>The preview's counts in DuckDB over hand-made customers whose exclusions, suppressions and identifiers are known.</summary>
public sealed class AudienceBreakdownTests(HandMadeCustomers customers) : IClassFixture<HandMadeCustomers>
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly GroupSlot Everyone = new(0, 0);

    private AudienceBreakdown Breakdown => new(customers.Engine);

    [Fact]
    public async Task Each_exclusion_counts_the_included_customers_in_it_even_when_another_exclusion_has_them_too()
    {
        // X2 is in Oregon and a loyalty member; X3 and X4 are in Oregon; X1 and X5 stay.
        var funnel = await Breakdown.FunnelAsync(Request("Exclusion", exclude: ["state = OR", "loyalty_member = true", "state = NY"]));

        Assert.Equal(5, funnel.Included);
        Assert.Equal([3L, 1L, 0L], funnel.RemovedByExclusion);
        Assert.Equal(3, funnel.Excluded);
        Assert.Equal(0, funnel.Suppressed);
        Assert.Equal(2, funnel.Audience);
    }

    [Fact]
    public async Task Suppressed_counts_customers_suppressed_for_every_channel_by_id_or_address_but_not_those_already_excluded()
    {
        // S1 by id and S4 by address are suppressed for all channels; S2 (sms) and S3 (email) only for one.
        var all = await Breakdown.FunnelAsync(Request("Suppression"));
        var excludingS4 = await Breakdown.FunnelAsync(Request("Suppression", exclude: ["email = 'omar.lee@example.com'"]));

        Assert.Equal((6L, 0L, 2L, 4L), (all.Included, all.Excluded, all.Suppressed, all.Audience));
        Assert.Equal((6L, 1L, 1L, 4L), (excludingS4.Included, excludingS4.Excluded, excludingS4.Suppressed, excludingS4.Audience));
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("email", 1)]
    [InlineData("sms", 1)]
    public async Task A_destination_counts_the_members_its_own_channel_suppresses(string? channel, long suppressed)
    {
        var placed = await Breakdown.PlaceAsync(Request("Suppression"), [new DeliveryCheck(Everyone, channel, [])]);

        var count = Assert.Single(placed.Deliveries);
        Assert.Equal((4L, suppressed, 4 - suppressed), (count.Members, count.Suppressed, count.Deliverable));
    }

    // I1 has both, I2 only an email, I3 only a phone, I4 neither, I5 a blank email and a phone.
    [Theory]
    [InlineData(DestinationKind.Klaviyo, new[] { "email", "given_name" }, new[] { "NoValidEmail:3" })]
    [InlineData(DestinationKind.Attentive, new[] { "email" }, new[] { "NoValidEmail:3" })]
    [InlineData(DestinationKind.Attentive, new[] { "phone" }, new[] { "NoValidPhone:2" })]
    [InlineData(DestinationKind.Listrak, new[] { "email" }, new[] { "NoValidEmail:3" })]
    [InlineData(DestinationKind.Criteo, new[] { "email" }, new[] { "NoValidEmail:3" })]
    [InlineData(DestinationKind.TikTokAds, new[] { "email", "phone" }, new[] { "NoValidEmail:3", "NoValidPhone:1" })]
    [InlineData(DestinationKind.TikTokAds, new[] { "phone", "email" }, new[] { "NoValidPhone:2", "NoValidEmail:2" })]
    [InlineData(DestinationKind.MetaAds, new[] { "email", "phone", "given_name" }, new[] { "NoIdentifier:1" })]
    [InlineData(DestinationKind.LocalFolder, new[] { "email", "phone" }, new string[0])]
    public async Task Members_lacking_the_destinations_required_identifiers_are_counted_by_the_runs_drop_reason(
        DestinationKind kind, string[] attributes, string[] expected)
    {
        var request = Request("Identifiers");
        var columns = AudienceBuilder.ResolveAttributes(attributes.Select(a => (a, (string?)null)), out _);
        var requirements = IdentifierRequirements.For(DestinationCatalog.For(kind), attributes)
            .Select(r => new ColumnRequirement(r.Reason, r.AnyOf.Select(a => columns.Single(c => c.Name == a)).ToList()))
            .ToList();

        var count = Assert.Single((await Breakdown.PlaceAsync(request, [new DeliveryCheck(Everyone, null, requirements)])).Deliveries);

        Assert.Equal(expected, requirements.Zip(count.Missing, (r, rows) => $"{r.Reason}:{rows}"));
        Assert.Equal(5 - count.Missing.Sum(), count.Deliverable);
        Assert.Equal(await ShaperDropsAsync(request, kind, attributes, columns), requirements.Zip(count.Missing, (r, rows) => (r.Reason, rows)).Where(m => m.rows > 0));
    }

    [Fact]
    public async Task Checks_count_only_their_own_groups_members_and_the_placement_matches_the_audience_count()
    {
        var request = Campaigns.Request(Campaigns.SpringSaleId, Today, ["city = Split"], ["state = CA"], ["state = WA", null]);
        var email = AudienceBuilder.ResolveAttributes([("email", null)], out _);
        var checks = new[] { new GroupSlot(0, 0), new GroupSlot(1, 1) }
            .Select(slot => new DeliveryCheck(slot, "email", [new ColumnRequirement(DropReason.NoValidEmail, email)]))
            .ToList();

        var placed = await Breakdown.PlaceAsync(request, checks);
        var counted = await new AudienceBuilder(customers.Engine).CountAsync(request);

        Assert.Equal(counted.Total, placed.Tally.Total);
        Assert.Equal((await Breakdown.FunnelAsync(request)).Audience, placed.Tally.Total);
        Assert.Equal([counted.Count(checks[0].Slot), counted.Count(checks[1].Slot)], placed.Deliveries.Select(d => d.Members));
        // The Split customers have no email at all, so every member of each group is missing it.
        Assert.All(placed.Deliveries, d => Assert.Equal((d.Members, 0L), (d.Missing.Single(), d.Deliverable)));
    }

    // What the run itself drops, streaming the same members through the destination's shaper.
    private async Task<IEnumerable<(DropReason, long)>> ShaperDropsAsync(
        AudienceRequest request, DestinationKind kind, string[] attributes, IReadOnlyList<AttributeColumn> columns)
    {
        var shaper = new RowShaper(DestinationCatalog.For(kind), attributes);
        var drops = new DropTally();
        await foreach (var member in new AudienceBuilder(customers.Engine).StreamAsync(request, AudienceSlice.Recipients, columns))
        {
            if (shaper.Shape(member.Attributes, "US").Dropped is { } reason)
            {
                drops.Add(reason);
            }
        }

        return IdentifierRequirements.For(DestinationCatalog.For(kind), attributes)
            .Select(r => r.Reason).Distinct().Where(drops.ByReason.ContainsKey).Select(r => (r, drops.ByReason[r]));
    }

    // Everyone in the scenario's city, one sub-audience with a single group of 100%, so every member is in Everyone.
    private static AudienceRequest Request(string scenario, string[]? exclude = null) => new()
    {
        SplitKey = Campaigns.SpringSaleId,
        Include = [Campaigns.Bind($"city = {scenario}")],
        Exclude = (exclude ?? []).Select(Campaigns.Bind).ToList(),
        SubAudiences = [null],
        Plan = SplitPlan.From(new CampaignDefinition
        {
            Name = "Test",
            Type = CampaignType.OneTime,
            Audience = new AudiencePlan(["any"], []),
            SubAudiences =
            [
                new SubAudience
                {
                    Name = "Everyone",
                    ControlPercent = new Percentage(0),
                    Groups = [new RecipientGroup { Name = "All", Percent = new Percentage(10000), Destinations = [new DestinationAssignment("outbox", [])] }],
                },
            ],
            Schedule = new CampaignSchedule { TimeZone = TimeZoneInfo.Utc },
        }),
        Today = Today,
    };
}
