using CampaignBot.Core.Audiences;
using CampaignBot.Customers.Audiences;

namespace CampaignBot.Customers.Tests.Audiences;

/// <summary>One customer's audience facts in DuckDB agree with the audience build over the same hand-made customers.</summary>
public sealed class CustomerAudienceCheckTests(HandMadeCustomers customers) : IClassFixture<HandMadeCustomers>
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private CustomerAudienceCheck Check => new(customers.Engine);

    [Fact]
    public async Task Each_include_and_exclude_segment_is_answered_for_the_customer_and_an_excluded_member_is_out()
    {
        var request = Request("Exclusion", include: ["state in (WA, OR)", "loyalty_member = true"], exclude: ["state = WA", "loyalty_member = true", "email_opt_in = false"]);

        var loyal = await FactsAsync(request, "X2");
        var plain = await FactsAsync(request, "X4");
        var outside = await FactsAsync(request, "X5");

        Assert.Equal([true, true], loyal.Include);
        Assert.Equal([false, true, false], loyal.Exclude);
        Assert.False(loyal.InAudience);
        Assert.Equal(GroupSlot.Unmatched, loyal.Slot);
        Assert.Equal([true, false], plain.Include);
        Assert.Equal([false, false, false], plain.Exclude);
        Assert.True(plain.InAudience);
        Assert.Equal([false, false], outside.Include);
        Assert.False(outside.InAudience);
    }

    [Theory]
    [InlineData("S1", true, true, true)] // by id, all channels
    [InlineData("S2", false, false, true)] // by id, SMS only
    [InlineData("S3", false, true, false)] // by address in another case, email only
    [InlineData("S4", true, true, true)] // by address, all channels
    [InlineData("S6", false, false, false)]
    [InlineData("M1", true, true, true)] // by the merged_customers address
    public async Task Suppressions_are_found_per_channel_as_the_build_applies_them(string id, bool everywhere, bool email, bool sms)
    {
        var facts = await FactsAsync(Request(id.StartsWith('M') ? "Merged" : "Suppression"), id, "email", "sms");

        Assert.Equal((everywhere, email, sms), (facts.SuppressedEverywhere, facts.SuppressedFor("email"), facts.SuppressedFor("SMS")));
        Assert.Equal(!everywhere, facts.InAudience);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("email")]
    [InlineData("sms")]
    public async Task Suppression_facts_agree_with_the_audience_built_for_each_channel(string? channel)
    {
        var request = Request("Suppression") with { SuppressionChannel = channel };
        var built = await IdsAsync(request);

        foreach (var id in new[] { "S1", "S2", "S3", "S4", "S5", "S6" })
        {
            var facts = await FactsAsync(request, id, "email", "sms");
            Assert.Equal(built.Contains(id), facts.InAudience && !facts.SuppressedFor(channel));
        }
    }

    [Fact]
    public async Task Sub_audience_criteria_are_answered_in_order_and_the_first_match_or_the_catch_all_wins()
    {
        var request = Request("Ordering", subAudiences: ["loyalty_member = true", "state = WA", null]);

        var both = await FactsAsync(request, "O1");
        var second = await FactsAsync(request, "O2");
        var neither = await FactsAsync(request, "O4");

        Assert.Equal([true, true, null], both.SubAudiences);
        Assert.Equal(0, both.FirstMatch);
        Assert.Equal([false, true, null], second.SubAudiences);
        Assert.Equal(1, second.FirstMatch);
        Assert.Equal([false, false, null], neither.SubAudiences);
        Assert.Equal(2, neither.FirstMatch);
    }

    [Fact]
    public async Task Without_a_catch_all_a_customer_matching_no_sub_audience_is_unmatched()
    {
        var facts = await FactsAsync(Request("Ordering", subAudiences: ["state = WA", "loyalty_member = true"]), "O4");

        Assert.True(facts.InAudience);
        Assert.Equal(-1, facts.FirstMatch);
        Assert.Equal(GroupSlot.Unmatched, facts.Slot);
    }

    [Fact]
    public async Task Every_customer_is_placed_where_the_audience_build_and_the_sticky_splitter_place_them()
    {
        var request = Request("Split", include: ["state in (WA, CA)", "loyalty_member = true"], subAudiences: ["state = WA", "loyalty_member = true"]);
        var built = new Dictionary<string, GroupSlot>();
        await foreach (var member in new AudienceBuilder(customers.Engine).StreamAsync(request, AudienceSlice.Everyone, []))
        {
            built[member.CustomerId] = member.Slot;
        }

        var hash = new SplitHash(request.SplitKey);
        foreach (var customer in HandMadeCustomers.All.Where(c => c.City == "Split"))
        {
            var facts = await FactsAsync(request, customer.Id);

            Assert.Equal(built.ContainsKey(customer.Id), facts.InAudience);
            Assert.Equal(built.GetValueOrDefault(customer.Id, GroupSlot.Unmatched), facts.Slot);
            Assert.Equal(hash.BucketOf(customer.Id), facts.Bucket);
        }

        Assert.Equal([-1, 0, 1], built.Values.Where(s => !s.IsUnmatched).Select(s => s.Group).Distinct().Order());
    }

    [Theory]
    [InlineData("S3", "S3")]
    [InlineData("dana.smith@example.com", "S3")]
    [InlineData("  DANA.SMITH@EXAMPLE.COM ", "S3")]
    [InlineData("Best.Address@Example.ORG", "A1")] // only merged_customers holds this address
    public async Task A_customer_is_found_by_id_or_by_email_in_any_case(string typed, string expected)
    {
        Assert.Equal([expected], await Check.FindAsync(typed));
    }

    [Theory]
    [InlineData("nobody@example.com")]
    [InlineData("s3")] // ids match exactly
    [InlineData("ZZ404")]
    public async Task Nothing_is_found_for_an_unknown_id_or_email(string typed)
    {
        Assert.Empty(await Check.FindAsync(typed));
    }

    [Fact]
    public async Task Every_customer_sharing_an_email_is_found()
    {
        Assert.Equal(["E1", "E2"], await Check.FindAsync("SHARED.INBOX@example.com"));
    }

    [Fact]
    public async Task An_unknown_customer_has_no_facts()
    {
        Assert.Null(await Check.CheckAsync(Request("Split"), "ZZ404", []));
    }

    [Fact]
    public async Task Attributes_are_read_for_the_customer_as_a_run_reads_them()
    {
        var attributes = AudienceBuilder.ResolveAttributes([("email", null), ("phone", null), ("lifetime_value", "customer_360")], out _);

        Assert.Equal(["best.address@example.org", "+12065550100", 123.45m], await Check.ReadAttributesAsync("A1", attributes));
        Assert.Equal([null, null, 9.99m], await Check.ReadAttributesAsync("A2", attributes)); // no merged_customers row
    }

    private async Task<CustomerAudienceFacts> FactsAsync(AudienceRequest request, string id, params string[] channels) =>
        await Check.CheckAsync(request, id, channels) ?? throw new InvalidOperationException($"No facts for {id}.");

    private async Task<HashSet<string>> IdsAsync(AudienceRequest request)
    {
        var ids = new HashSet<string>();
        await foreach (var member in new AudienceBuilder(customers.Engine).StreamAsync(request, AudienceSlice.Everyone, []))
        {
            ids.Add(member.CustomerId);
        }

        return ids;
    }

    private static AudienceRequest Request(string scenario, string[]? include = null, string[]? exclude = null, string?[]? subAudiences = null) =>
        Campaigns.Request(
            Campaigns.SpringSaleId, Today,
            (include ?? ["country = US"]).Select(s => $"city = {scenario} and ({s})").ToArray(),
            exclude ?? [],
            subAudiences ?? [null]);
}
