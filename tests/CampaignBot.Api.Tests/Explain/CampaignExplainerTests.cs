using System.Text.Json;
using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Explain;
using CampaignBot.App.Runs;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Core.Audiences;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Destinations;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.Engine;

namespace CampaignBot.Api.Tests.Explain;

public sealed class CampaignExplainerTests
{
    [Fact]
    public async Task A_customer_in_an_include_segment_and_an_exclude_segment_is_out_and_the_exclude_is_named()
    {
        var (host, id) = await ExplainScenario.StartAsync();
        await using var _ = host;

        var view = await ExplainAsync(host, id, "EX-OPTOUT");

        Assert.False(view.InAudience);
        Assert.Equal([("Explain loyal", true), ("Explain WA", true)], view.Include.Select(s => (s.Segment, s.Member)));
        Assert.Equal([("Explain opt-outs", true)], view.Exclude.Select(s => (s.Segment, s.Member)));
        Assert.Null(view.Placement);
        Assert.Empty(view.Destinations);
        Assert.Contains("exclude segment 'Explain opt-outs' removes them", view.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_in_no_include_segment_is_out_and_told_so()
    {
        var (host, id) = await ExplainScenario.StartAsync();
        await using var _ = host;

        var view = await ExplainAsync(host, id, "EX-NONE");

        Assert.False(view.InAudience);
        Assert.All(view.Include, s => Assert.False(s.Member));
        Assert.Contains("none of the include segments", view.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_globally_suppressed_customer_is_out_of_the_audience()
    {
        var (host, id) = await ExplainScenario.StartAsync();
        await using var _ = host;

        var view = await ExplainAsync(host, id, "EX-GLOBAL");

        Assert.True(view.Suppression.Global);
        Assert.False(view.InAudience);
        Assert.All(view.Include, s => Assert.True(s.Member));
        Assert.Null(view.Placement);
        Assert.Contains("global suppression list", view.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_suppressed_for_sms_stays_in_the_audience_but_is_not_texted()
    {
        var (host, id) = await ExplainScenario.StartAsync();
        await using var _ = host;

        var view = await ExplainAsync(host, id, "EX-SMS");

        Assert.True(view.InAudience);
        Assert.Equal([new ChannelSuppression("sms", true)], view.Suppression.Channels);
        Assert.Equal(
            [("attentive-sms", DestinationOutcome.Suppressed), ("outbox", DestinationOutcome.WouldReceive)],
            view.Destinations.Select(d => (d.Destination, d.Outcome)));
    }

    [Fact]
    public async Task The_first_matching_sub_audience_wins_and_the_catch_all_takes_the_rest()
    {
        var (host, id) = await ExplainScenario.StartAsync();
        await using var _ = host;

        var wanda = await ExplainAsync(host, id, "EX-WANDA");
        var oregon = await ExplainAsync(host, id, "EX-OREGON");

        Assert.Equal([("Washington", true, true), ("Others", (bool?)null, false)], wanda.SubAudiences.Select(s => (s.Name, s.CriteriaMatched, s.Chosen)));
        Assert.Equal(new PlacementView("Washington", "Texts", false, wanda.Placement!.Bucket), wanda.Placement);
        Assert.Equal([("Washington", (bool?)false, false), ("Others", null, true)], oregon.SubAudiences.Select(s => (s.Name, s.CriteriaMatched, s.Chosen)));
        Assert.True(oregon.SubAudiences[1].IsCatchAll);
        Assert.Equal(("Others", "Emails"), (oregon.Placement!.SubAudience, oregon.Placement.Group));
        Assert.Equal(["outbox"], oregon.Destinations.Select(d => d.Destination));
    }

    [Fact]
    public async Task A_row_lacking_the_destination_s_identifier_is_dropped_with_the_run_s_reason()
    {
        var (host, id) = await ExplainScenario.StartAsync();
        await using var _ = host;

        var view = await ExplainAsync(host, id, "EX-NOPHONE");

        var attentive = view.Destinations.Single(d => d.Destination == "attentive-sms");
        Assert.Equal((DestinationOutcome.Dropped, DropReason.NoValidPhone), (attentive.Outcome, attentive.DropReason));
        Assert.Equal([new AttributeCheck("phone", "phone", false, false)], attentive.Attributes);
        Assert.Equal("Dropped: the customer has no valid phone number.", attentive.Reason);
        Assert.Equal(DestinationOutcome.WouldReceive, view.Destinations.Single(d => d.Destination == "outbox").Outcome);
    }

    [Fact]
    public async Task The_row_a_destination_would_receive_names_attributes_without_their_values()
    {
        var (host, id) = await ExplainScenario.StartAsync();
        await using var _ = host;

        var view = await ExplainAsync(host, id, ExplainScenario.WandaEmail.ToUpperInvariant());

        Assert.Equal(("EX-WANDA", "email"), (view.CustomerId, view.MatchedBy));
        Assert.All(view.Destinations, d => Assert.Equal(DestinationOutcome.WouldReceive, d.Outcome));
        Assert.Equal([new AttributeCheck("customer_id", "customer_id", true, true), new AttributeCheck("email", "email", true, true)],
            view.Destinations.Single(d => d.Destination == "outbox").Attributes);
        var json = JsonSerializer.Serialize(view);
        Assert.DoesNotContain("wanda.ash", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@", json, StringComparison.Ordinal);
        Assert.DoesNotContain("2065550100", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Customers_are_found_by_email_in_any_case_and_by_exact_id()
    {
        var (host, id) = await ExplainScenario.StartAsync();
        await using var _ = host;

        var byEmail = await ExplainAsync(host, id, "  wanda.ASH@example.COM ");
        var byId = await ExplainAsync(host, id, "EX-WANDA");

        Assert.Equal(("EX-WANDA", "email"), (byEmail.CustomerId, byEmail.MatchedBy));
        Assert.Equal(("EX-WANDA", "id"), (byId.CustomerId, byId.MatchedBy));
    }

    [Theory]
    [InlineData("EX-NOBODY")]
    [InlineData("nobody@nowhere.example")]
    [InlineData("ex-wanda")]
    [InlineData("  ")]
    public async Task An_unknown_or_missing_customer_is_a_problem_with_the_customer(string customer)
    {
        var (host, id) = await ExplainScenario.StartAsync();
        await using var _ = host;

        var result = await host.Get<CampaignExplainer>().ExplainAsync(id, customer, host.Vic, CancellationToken.None);

        var invalid = Assert.IsType<ServiceResult<ExplanationView>.Invalid>(result);
        Assert.Equal("customer", Assert.Single(invalid.Problems).Path);
    }

    [Fact]
    public async Task Several_customers_sharing_an_email_are_named_so_the_asker_can_pick_one()
    {
        var (host, id) = await ExplainScenario.StartAsync();
        await using var _ = host;
        var engine = host.Get<CustomerEngine>();
        await using (var connection = await engine.OpenAsync())
        {
            await connection.ExecuteAsync(engine, new SqlStatement("INSERT INTO customer_360 (customer_id, email, city) VALUES ('EX-TWIN', 'wanda.ash@example.com', 'Explainville')", []));
        }

        var result = await host.Get<CampaignExplainer>().ExplainAsync(id, ExplainScenario.WandaEmail, host.Vic, CancellationToken.None);

        var problem = Assert.Single(Assert.IsType<ServiceResult<ExplanationView>.Invalid>(result).Problems);
        Assert.Contains("Several customers share that email address (EX-TWIN, EX-WANDA)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_without_a_role_is_refused_and_a_viewer_may_ask()
    {
        var (host, id) = await ExplainScenario.StartAsync();
        await using var _ = host;
        var explainer = host.Get<CampaignExplainer>();

        Assert.IsType<ServiceResult<ExplanationView>.Forbidden>(await explainer.ExplainAsync(id, "EX-WANDA", host.As("nora"), CancellationToken.None));
        Assert.True((await explainer.ExplainAsync(id, "EX-WANDA", host.Vic, CancellationToken.None)).IsOk);
        Assert.IsType<ServiceResult<ExplanationView>.NotFound>(await explainer.ExplainAsync(CampaignId.New(), "EX-WANDA", host.Vic, CancellationToken.None));
    }

    [Fact]
    public async Task Control_and_recipient_placements_agree_with_the_audience_build_and_the_run()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.OneTime());
        await host.TickAsync();
        var run = host.OnlyRun(id);
        Assert.Equal(nameof(RunStatus.Completed), run.Status);
        var controlIds = File.ReadLines(run.Groups.Single(g => g.IsControl).MembersFile!).Skip(1).Select(l => l.Split(',')[0]).ToHashSet();
        var campaign = host.Get<CampaignResolver>().Resolve(host.Get<CampaignStore>().Get(id)!).Value!;
        var built = new Dictionary<string, GroupSlot>();
        var request = campaign.AudienceRequest(DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime));
        await foreach (var member in new AudienceBuilder(host.Get<CustomerEngine>()).StreamAsync(request, AudienceSlice.Everyone, []))
        {
            built[member.CustomerId] = member.Slot;
        }

        // The first members of each slot and some customers outside the audience, so every answer is exercised.
        var sample = built.GroupBy(m => m.Value).SelectMany(g => g.Select(m => m.Key).Order(StringComparer.Ordinal).Take(8)).ToList();
        sample.AddRange(await OutsideAsync(host, built, 8));
        foreach (var customer in sample)
        {
            var view = await ExplainAsync(host, id, customer);
            var slot = built.GetValueOrDefault(customer, GroupSlot.Unmatched);

            Assert.Equal(built.ContainsKey(customer), view.InAudience);
            Assert.Equal(slot.IsControl, view.Placement?.IsControl == true);
            Assert.Equal(controlIds.Contains(customer), view.Placement?.IsControl == true);
            if (slot.IsRecipient)
            {
                Assert.Equal(campaign.Definition.SubAudiences[0].Groups[slot.Group].Name, view.Placement!.Group);
                var outbox = Assert.Single(view.Destinations);
                Assert.Equal((DeliveryStatus.Delivered, true), (outbox.LastRun!.Status, outbox.LastRun.CustomerInDeliveredBatch));
            }
            else
            {
                Assert.Empty(view.Destinations);
            }
        }

        Assert.Equal(3, sample.Where(built.ContainsKey).Select(c => built[c]).Distinct().Count());
    }

    private static async Task<IEnumerable<string>> OutsideAsync(LifecycleHost host, Dictionary<string, GroupSlot> built, int count)
    {
        var engine = host.Get<CustomerEngine>();
        var ids = new List<string>();
        await using var connection = await engine.OpenAsync();
        await using var command = connection.CreateCommand(engine, new SqlStatement("SELECT customer_id FROM customer_360 ORDER BY customer_id", []));
        await using var reader = await command.ExecuteReaderAsync();
        while (ids.Count < count && await reader.ReadAsync())
        {
            if (!built.ContainsKey(reader.GetString(0)))
            {
                ids.Add(reader.GetString(0));
            }
        }

        return ids;
    }

    private static async Task<ExplanationView> ExplainAsync(LifecycleHost host, CampaignId id, string customer) =>
        (await host.Get<CampaignExplainer>().ExplainAsync(id, customer, host.Vic, CancellationToken.None)).Unwrap();
}
