using System.Data.Common;
using CampaignBot.Core.Audiences;
using CampaignBot.Core.Campaigns;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;
using CampaignBot.Customers.Tests.Engines;

namespace CampaignBot.Customers.Tests.Audiences;

/// <summary>
/// A small hand-made customer base in one DuckDB file, created once and only read. Each test's customers
/// live in their own city (its scenario), so a test sees only the customers written for it.
/// </summary>
public sealed class HandMadeCustomers : IAsyncLifetime
{
    public static readonly IReadOnlyList<HandMadeCustomer> All =
    [
        new() { Id = "U1", City = "Union", State = "WA" },
        new() { Id = "U2", City = "Union", State = "OR", Loyalty = true },
        new() { Id = "U3", City = "Union", State = "WA", Loyalty = true },
        new() { Id = "U4", City = "Union", State = "OR" },

        new() { Id = "X1", City = "Exclusion", State = "WA" },
        new() { Id = "X2", City = "Exclusion", State = "OR", Loyalty = true },
        new() { Id = "X3", City = "Exclusion", State = "OR", EmailOptIn = false },
        new() { Id = "X4", City = "Exclusion", State = "OR" },
        new() { Id = "X5", City = "Exclusion", State = "CA" },

        new() { Id = "S1", City = "Suppression", Email = "ana.garcia@example.com" },
        new() { Id = "S2", City = "Suppression", Email = "wei.chen@example.com" },
        new() { Id = "S3", City = "Suppression", Email = "Dana.Smith@Example.com" },
        new() { Id = "S4", City = "Suppression", Email = "omar.lee@example.com" },
        new() { Id = "S5", City = "Suppression", Email = null },
        new() { Id = "S6", City = "Suppression", Email = "kofi.adams@example.com" },

        new() { Id = "M1", City = "Merged", Email = null, MergedEmail = "best.address@example.com" },
        new() { Id = "M2", City = "Merged", Email = "nora.hill@example.com" },

        new() { Id = "O1", City = "Ordering", State = "WA", Loyalty = true },
        new() { Id = "O2", City = "Ordering", State = "WA" },
        new() { Id = "O3", City = "Ordering", State = "OR", Loyalty = true },
        new() { Id = "O4", City = "Ordering", State = "OR" },
        new() { Id = "O5", City = "Ordering", State = null },
        new() { Id = "O6", City = "Ordering", State = "CA" },

        new() { Id = "D1", City = "Dates", LastOrder = new DateOnly(2026, 11, 10) },
        new() { Id = "D2", City = "Dates", LastOrder = new DateOnly(2025, 1, 1) },
        new() { Id = "D3", City = "Dates", LastOrder = null },

        new() { Id = "A1", City = "Attributes", Email = "Old.Address@Example.com", MergedEmail = "best.address@example.org", GivenName = "Dana", Phone = "+12065550100", LifetimeValue = 123.45m },
        new() { Id = "A2", City = "Attributes", Email = "omar@example.com", GivenName = "Omar", LifetimeValue = 9.99m, InMerged = false },

        new() { Id = "E1", City = "Shared", Email = "shared.inbox@example.com" },
        new() { Id = "E2", City = "Shared", Email = "Shared.Inbox@Example.com" },
        new() { Id = "I1", City = "Identifiers", Email = "both@example.com", Phone = "+12065550101" },
        new() { Id = "I2", City = "Identifiers", Email = "email.only@example.com" },
        new() { Id = "I3", City = "Identifiers", Email = null, Phone = "+12065550103" },
        new() { Id = "I4", City = "Identifiers", Email = null },
        new() { Id = "I5", City = "Identifiers", Email = "   ", Phone = "+12065550105" },

        .. Enumerable.Range(1, 60).Select(i => new HandMadeCustomer
        {
            Id = $"C{i:D8}",
            City = "Split",
            State = (i % 3) switch { 0 => "WA", 1 => "OR", _ => "CA" },
            Loyalty = i % 5 == 0,
        }),
    ];

    /// <summary>Suppressed: S1 by id everywhere, S2 by id for SMS, S3 and S4 by address (written in other cases).</summary>
    public static readonly IReadOnlyList<(string? CustomerId, string? Email, string Channel)> Suppressions =
    [
        ("S1", null, "all"),
        ("S2", null, "sms"),
        (null, "dana.smith@EXAMPLE.COM", "email"),
        (null, "OMAR.LEE@example.com", "all"),
        ("C99999999", null, "all"),
        (null, "someone.else@example.com", "all"),
        (null, "best.address@example.com", "all"),
    ];

    private readonly DuckDbFile _file = new();
    private DbConnection? _keepOpen;

    public CustomerEngine Engine => _file.Engine;

    public async Task InitializeAsync()
    {
        // Held open for the fixture's life: DuckDB closes and checkpoints a file whenever its last connection closes.
        _keepOpen = await Engine.OpenAsync();
        await CustomerTables.EnsureCreatedAsync(Engine);
        await using var transaction = await _keepOpen.BeginTransactionAsync();
        foreach (var c in All)
        {
            await _keepOpen.ExecuteAsync(Engine, new SqlStatement(
                "INSERT INTO customer_360 (customer_id, given_name, email, phone, city, state, country, lifetime_value, loyalty_member, email_opt_in, last_order_date) " +
                "VALUES ($1, $2, $3, $4, $5, $6, 'US', $7, $8, $9, $10)",
                [c.Id, c.GivenName, c.Email, c.Phone, c.City, c.State, c.LifetimeValue, c.Loyalty, c.EmailOptIn, c.LastOrder]), transaction);
            if (c.InMerged)
            {
                await _keepOpen.ExecuteAsync(Engine, new SqlStatement(
                    "INSERT INTO merged_customers (customer_id, given_name, email, phone, city, state, country) VALUES ($1, $2, $3, $4, $5, $6, 'US')",
                    [c.Id, c.GivenName, c.MergedEmail ?? c.Email?.ToLowerInvariant(), c.Phone, c.City, c.State]), transaction);
            }
        }

        foreach (var (customerId, email, channel) in Suppressions)
        {
            await _keepOpen.ExecuteAsync(Engine, new SqlStatement(
                "INSERT INTO suppressions (customer_id, email, channel, reason) VALUES ($1, $2, $3, 'test')", [customerId, email, channel]), transaction);
        }

        await transaction.CommitAsync();
    }

    public async Task DisposeAsync()
    {
        if (_keepOpen is not null)
        {
            await _keepOpen.DisposeAsync();
        }

        await _file.DisposeAsync();
    }
}

public sealed record HandMadeCustomer
{
    public required string Id { get; init; }

    /// <summary>The test scenario the customer belongs to.</summary>
    public required string City { get; init; }

    public string? GivenName { get; init; }

    public string? Email { get; init; }

    /// <summary>The best known address in merged_customers; the customer_360 address lower-cased when not set.</summary>
    public string? MergedEmail { get; init; }

    public string? Phone { get; init; }

    public string? State { get; init; }

    public decimal LifetimeValue { get; init; }

    public bool Loyalty { get; init; }

    public bool EmailOptIn { get; init; } = true;

    public DateOnly? LastOrder { get; init; }

    public bool InMerged { get; init; } = true;
}

/// <summary>The audience build in DuckDB over hand-made customers whose expected placement is known.</summary>
public sealed class AudienceBuildTests(HandMadeCustomers customers) : IClassFixture<HandMadeCustomers>
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private AudienceBuilder Builder => new(customers.Engine);

    [Fact]
    public async Task A_customer_in_either_include_segment_is_in_the_audience_once()
    {
        var request = Request("Union", include: ["state = WA", "loyalty_member = true"], subAudiences: ["state = WA", null]);

        Assert.Equal(["U1", "U2", "U3"], await IdsAsync(request));
        Assert.Equal(3, (await Builder.CountAsync(request)).Total);
    }

    [Fact]
    public async Task A_customer_in_any_exclude_segment_is_left_out()
    {
        var request = Request("Exclusion", exclude: ["state = WA", "loyalty_member = true", "email_opt_in = false"]);

        Assert.Equal(["X4", "X5"], await IdsAsync(request));
    }

    [Theory]
    [InlineData(null, new[] { "S2", "S3", "S5", "S6" })]
    [InlineData("all", new[] { "S2", "S3", "S5", "S6" })]
    [InlineData("email", new[] { "S2", "S5", "S6" })]
    [InlineData("EMAIL", new[] { "S2", "S5", "S6" })]
    [InlineData("sms", new[] { "S3", "S5", "S6" })]
    [InlineData("SMS", new[] { "S3", "S5", "S6" })]
    public async Task Suppressions_for_all_channels_always_apply_and_those_for_one_channel_only_when_building_for_it(string? channel, string[] expected)
    {
        Assert.Equal(expected, await IdsAsync(Request("Suppression") with { SuppressionChannel = channel }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("email")]
    [InlineData("sms")]
    public async Task A_customer_suppressed_by_id_for_all_channels_is_left_out_whatever_the_channel(string? channel)
    {
        Assert.DoesNotContain("S1", await IdsAsync(Request("Suppression") with { SuppressionChannel = channel }));
    }

    [Fact]
    public async Task A_suppressed_email_address_is_matched_ignoring_case()
    {
        var ids = await IdsAsync(Request("Suppression") with { SuppressionChannel = "email" });

        Assert.DoesNotContain("S3", ids); // Dana.Smith@Example.com, suppressed as dana.smith@EXAMPLE.COM
        Assert.DoesNotContain("S4", ids); // omar.lee@example.com, suppressed as OMAR.LEE@example.com
        Assert.Contains("S6", ids);
    }

    [Fact]
    public async Task Suppressions_of_other_customers_and_addresses_leave_everyone_else_in()
    {
        var ids = await IdsAsync(Request("Suppression") with { SuppressionChannel = "email" });

        Assert.Contains("S5", ids); // no address at all
        Assert.Contains("S6", ids);
    }

    [Fact]
    public async Task A_suppressed_email_address_is_matched_against_the_address_sent_from_merged_customers()
    {
        Assert.Equal(["M2"], await IdsAsync(Request("Merged")));
    }

    [Fact]
    public async Task Sub_audiences_match_in_order_and_the_first_match_wins()
    {
        var request = Request("Ordering", subAudiences: ["loyalty_member = true", "state = WA", null]);

        var subAudiences = await SubAudiencesAsync(request);

        Assert.Equal(0, subAudiences["O1"]); // loyal and in WA: the first match wins
        Assert.Equal(1, subAudiences["O2"]);
        Assert.Equal(0, subAudiences["O3"]);
    }

    [Fact]
    public async Task The_catch_all_takes_everyone_no_earlier_sub_audience_matched()
    {
        var request = Request("Ordering", subAudiences: ["loyalty_member = true", "state = WA", null]);

        var subAudiences = await SubAudiencesAsync(request);

        Assert.Equal(
            new Dictionary<string, int> { ["O1"] = 0, ["O2"] = 1, ["O3"] = 0, ["O4"] = 2, ["O5"] = 2, ["O6"] = 2 },
            subAudiences);
    }

    [Fact]
    public async Task A_single_catch_all_sub_audience_takes_the_whole_audience()
    {
        var subAudiences = await SubAudiencesAsync(Request("Ordering", subAudiences: [null]));

        Assert.Equal(["O1", "O2", "O3", "O4", "O5", "O6"], subAudiences.Keys);
        Assert.All(subAudiences.Values, s => Assert.Equal(0, s));
    }

    [Fact]
    public async Task Without_a_catch_all_customers_matching_no_sub_audience_are_unmatched_and_counted()
    {
        var request = Request("Ordering", subAudiences: ["state = WA", "loyalty_member = true"]);

        var members = await MembersAsync(request, AudienceSlice.Everyone);
        var tally = await Builder.CountAsync(request);

        Assert.Equal(["O4", "O5", "O6"], members.Where(m => m.Slot == GroupSlot.Unmatched).Select(m => m.CustomerId));
        Assert.All(members.Where(m => m.CustomerId is "O1" or "O2"), m => Assert.Equal(0, m.Slot.SubAudience));
        Assert.Equal(1, members.Single(m => m.CustomerId == "O3").Slot.SubAudience);
        Assert.Equal(3, tally.Unmatched);
        Assert.Equal(2, tally.SubAudienceTotal(0));
        Assert.Equal(1, tally.SubAudienceTotal(1));
        Assert.Equal(6, tally.Total);
    }

    [Fact]
    public async Task Every_member_is_placed_where_the_sticky_splitter_places_them()
    {
        var request = Request("Split", subAudiences: ["state = WA", null]);
        var hash = new SplitHash(request.SplitKey);
        Assert.True(CampaignId.TryParse(request.SplitKey, out var campaignId));
        var splitter = new StickySplitter(campaignId, request.Plan);
        var states = HandMadeCustomers.All.ToDictionary(c => c.Id, c => c.State);

        var members = await MembersAsync(request, AudienceSlice.Everyone);

        Assert.Equal(60, members.Count);
        foreach (var member in members)
        {
            var subAudience = states[member.CustomerId] == "WA" ? 0 : 1;
            Assert.Equal(request.Plan.Locate(subAudience, hash.BucketOf(member.CustomerId)), member.Slot);
            Assert.Equal(splitter.Assign(member.CustomerId, subAudience), member.Slot);
        }

        // The sixty customers span the control group and both recipient groups, so a wrong bucket would show.
        Assert.Equal([-1, 0, 1], members.Select(m => m.Slot.Group).Distinct().Order());
    }

    [Fact]
    public async Task The_recipients_slice_never_returns_control_or_unmatched_customers()
    {
        var request = Request("Split", subAudiences: ["state in (WA, CA)"]);

        var everyone = await MembersAsync(request, AudienceSlice.Everyone);
        var recipients = await MembersAsync(request, AudienceSlice.Recipients);

        Assert.Contains(everyone, m => m.Slot.IsControl);
        Assert.Contains(everyone, m => m.Slot.IsUnmatched);
        Assert.All(recipients, m => Assert.True(m.Slot.IsRecipient, $"{m.CustomerId} is {m.Slot}"));
        Assert.Equal(everyone.Where(m => m.Slot.IsRecipient).Select(m => m.CustomerId), recipients.Select(m => m.CustomerId));
    }

    [Fact]
    public async Task A_slice_of_one_slot_returns_exactly_the_members_of_that_slot()
    {
        var request = Request("Split", subAudiences: ["state in (WA, CA)"]);
        var everyone = await MembersAsync(request, AudienceSlice.Everyone);
        var slots = everyone.Select(m => m.Slot).Distinct().ToList();

        Assert.Equal([GroupSlot.Unmatched, GroupSlot.Control(0), new GroupSlot(0, 0), new GroupSlot(0, 1)], slots.OrderBy(s => s.SubAudience).ThenBy(s => s.Group));
        foreach (var slot in slots)
        {
            var slice = await MembersAsync(request, AudienceSlice.Of(slot));

            Assert.All(slice, m => Assert.Equal(slot, m.Slot));
            Assert.Equal(everyone.Where(m => m.Slot == slot).Select(m => m.CustomerId), slice.Select(m => m.CustomerId));
        }
    }

    [Fact]
    public async Task Attributes_come_from_merged_customers_unless_customer_360_is_named_in_request_order()
    {
        var attributes = AudienceBuilder.ResolveAttributes(
            [("lifetime_value", "customer_360"), ("email", null), ("email", "customer_360"), ("phone", null), ("given_name", "merged_customers")],
            out var problems);
        Assert.Empty(problems);

        var members = (await MembersAsync(Request("Attributes"), AudienceSlice.Everyone, attributes)).ToDictionary(m => m.CustomerId, m => m.Attributes);

        Assert.Equal(["lifetime_value", "email", "email", "phone", "given_name"], attributes.Select(a => a.Name));
        Assert.Equal([123.45m, "best.address@example.org", "Old.Address@Example.com", "+12065550100", "Dana"], members["A1"]);
        Assert.Equal([9.99m, null, "omar@example.com", null, null], members["A2"]); // A2 has no merged_customers row
    }

    [Fact]
    public void Unknown_attribute_tables_and_columns_are_reported_and_known_ones_resolved()
    {
        var attributes = AudienceBuilder.ResolveAttributes(
            [("email", null), ("lifetime_value", null), ("email", "orders"), (" EMAIL ", " Customer_360 "), ("emial", null)],
            out var problems);

        Assert.Equal(
            [(CustomerSchema.MergedCustomers, "email"), (CustomerSchema.Customer360, "email")],
            attributes.Select(a => (a.Table, a.Name)));
        const string Known = "The attributes are customer_id, email, phone, given_name, surname, birthdate, gender, city, state, postal_code, country, idfa, aaid.";
        Assert.Equal(
            [
                $"There is no attribute 'lifetime_value'. {Known} 'lifetime_value' exists in customer_360; name that table as the attribute's source to send it.",
                "There is no customer table 'orders'; use customer_360 or merged_customers.",
                $"There is no attribute 'emial'. Did you mean 'email'? {Known}",
            ],
            problems);
    }

    [Fact]
    public async Task Counts_per_slot_equal_the_rows_streamed_for_each_slot()
    {
        var request = Request("Split", include: ["state in (WA, CA)", "loyalty_member = true"], subAudiences: ["state = WA", "loyalty_member = true"]);

        var tally = await Builder.CountAsync(request);
        var streamed = (await MembersAsync(request, AudienceSlice.Everyone)).GroupBy(m => m.Slot).ToDictionary(g => g.Key, g => g.LongCount());

        Assert.Equal(streamed.Values.Sum(), tally.Total);
        Assert.True(tally.Unmatched > 0, "Californians outside the loyalty programme match no sub-audience.");
        foreach (var (slot, count) in streamed)
        {
            Assert.Equal(count, tally.Count(slot));
        }

        for (var s = 0; s < request.Plan.SubAudienceCount; s++)
        {
            Assert.Equal(streamed.Where(p => p.Key.SubAudience == s).Sum(p => p.Value), tally.SubAudienceTotal(s));
        }
    }

    [Theory]
    [InlineData("2026-11-23", new[] { "D1" })]
    [InlineData("2026-11-24", new[] { "D1" })]
    [InlineData("2026-11-25", new string[0])]
    [InlineData("2026-11-09", new string[0])]
    public async Task Relative_dates_count_back_from_the_request_today(string today, string[] expected)
    {
        var request = Request("Dates", include: ["last_order_date in last 14 days"]) with { Today = DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Equal(expected, await IdsAsync(request));
    }

    [Fact]
    public async Task Relative_dates_in_sub_audiences_count_back_from_the_request_today()
    {
        var request = Request("Dates", subAudiences: ["last_order_date in last 30 days", null]);

        Assert.Equal(new Dictionary<string, int> { ["D1"] = 0, ["D2"] = 1, ["D3"] = 1 }, await SubAudiencesAsync(request));
        Assert.Equal(
            new Dictionary<string, int> { ["D1"] = 1, ["D2"] = 0, ["D3"] = 1 },
            await SubAudiencesAsync(request with { Today = new DateOnly(2025, 1, 20) }));
    }

    /// <summary>A request over one scenario's customers: each include segment is narrowed to the scenario's city.</summary>
    private static AudienceRequest Request(string scenario, string[]? include = null, string[]? exclude = null, string?[]? subAudiences = null) =>
        Campaigns.Request(
            Campaigns.SpringSaleId, Today,
            (include ?? ["country = US"]).Select(s => $"city = {scenario} and ({s})").ToArray(),
            exclude ?? [],
            subAudiences ?? [null]);

    private async Task<List<AudienceMember>> MembersAsync(AudienceRequest request, AudienceSlice slice, IReadOnlyList<AttributeColumn>? attributes = null)
    {
        var members = new List<AudienceMember>();
        await foreach (var member in Builder.StreamAsync(request, slice, attributes ?? []))
        {
            members.Add(member);
        }

        return members.OrderBy(m => m.CustomerId, StringComparer.Ordinal).ToList();
    }

    /// <summary>The member ids in order, duplicates kept so that a duplicate shows.</summary>
    private async Task<List<string>> IdsAsync(AudienceRequest request) =>
        (await MembersAsync(request, AudienceSlice.Everyone)).Select(m => m.CustomerId).ToList();

    private async Task<Dictionary<string, int>> SubAudiencesAsync(AudienceRequest request) =>
        (await MembersAsync(request, AudienceSlice.Everyone)).ToDictionary(m => m.CustomerId, m => m.Slot.SubAudience);
}
