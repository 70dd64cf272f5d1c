using System.Text.Json;
using CampaignBot.App.Campaigns;
using CampaignBot.Api.Tests.Http;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Core.Campaigns;

namespace CampaignBot.Api.Tests.Campaigns;

/// <summary>GET /api/campaigns/{id}/preview over the demo customers, with an email destination beside the outbox.</summary>
public sealed class CampaignPreviewApiTests
{
    internal static readonly Dictionary<string, string?> WithKlaviyo = new()
    {
        ["Destinations:1:Name"] = "klaviyo-main",
        ["Destinations:1:Kind"] = "Klaviyo",
        ["Destinations:1:CredentialsReference"] = "Secrets:KlaviyoMain",
        ["Destinations:1:DefaultAttributes:0"] = "email",
        ["Secrets:KlaviyoMain:ApiKey"] = "pk_test_preview",
    };

    [Fact]
    public async Task Preview_shows_what_each_exclusion_and_suppression_removed_and_the_parts_add_up_to_the_audience()
    {
        await using var host = new LifecycleHost(WithKlaviyo);
        using var maya = host.Client("maya");
        var id = (await maya.CreateAsync(Draft())).Id;

        var preview = await (await maya.GetAsync($"/api/campaigns/{id}/preview")).ReadAsync<PreviewView>();

        var exclusion = Assert.Single(preview.Exclusions);
        Assert.Equal("Email opt-outs", exclusion.Segment);
        Assert.True(exclusion.Removed > 0, "some loyalty members opted out of email");
        Assert.Equal(exclusion.Removed, preview.Excluded);
        Assert.Equal(preview.Audience, preview.Included - preview.Excluded - preview.Suppressed);
        Assert.Equal(preview.Audience, preview.Recipients + preview.Control + preview.Unmatched);
    }

    [Fact]
    public async Task Preview_counts_per_destination_what_it_would_receive_and_why_the_rest_is_dropped()
    {
        await using var host = new LifecycleHost(WithKlaviyo);
        using var maya = host.Client("maya");
        var id = (await maya.CreateAsync(Draft())).Id;

        var preview = await (await maya.GetAsync($"/api/campaigns/{id}/preview")).ReadAsync<PreviewView>();

        var groups = preview.SubAudiences.Single().Groups;
        Assert.All(groups, g => Assert.Equal(["outbox", "klaviyo-main"], g.Destinations));
        Assert.All(groups, g => Assert.Equal(g.Destinations, g.Deliveries.Select(d => d.Destination)));
        foreach (var group in groups)
        {
            var (outbox, klaviyo) = (group.Deliveries[0], group.Deliveries[1]);
            Assert.Equal((group.Members, 0L), (outbox.Deliverable, outbox.Suppressed));
            Assert.Empty(outbox.Missing);
            Assert.Equal("Klaviyo", klaviyo.Kind);
            Assert.Equal("NoValidEmail", Assert.Single(klaviyo.Missing).Reason);
            Assert.Equal(group.Members, klaviyo.Deliverable + klaviyo.Suppressed + klaviyo.Missing.Sum(m => m.Rows));
        }

        Assert.True(groups.Sum(g => g.Deliveries[1].Missing.Single().Rows) > 0, "some demo customers have no email");
    }

    [Fact]
    public async Task The_new_preview_fields_are_in_the_json_under_their_documented_names()
    {
        await using var host = new LifecycleHost(WithKlaviyo);
        using var maya = host.Client("maya");
        var id = (await maya.CreateAsync(Draft())).Id;

        using var response = await maya.GetAsync($"/api/campaigns/{id}/preview");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var root = json.RootElement;
        Assert.All(["included", "exclusions", "excluded", "suppressed", "audience", "recipients", "control", "unmatched", "subAudiences"],
            name => Assert.True(root.TryGetProperty(name, out _), $"no {name}"));
        Assert.Equal("Email opt-outs", root.GetProperty("exclusions")[0].GetProperty("segment").GetString());
        var delivery = root.GetProperty("subAudiences")[0].GetProperty("groups")[0].GetProperty("deliveries")[1];
        Assert.Equal("klaviyo-main", delivery.GetProperty("destination").GetString());
        Assert.Equal("NoValidEmail", delivery.GetProperty("missing")[0].GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Number, delivery.GetProperty("missing")[0].GetProperty("rows").ValueKind);
        Assert.Equal(JsonValueKind.Number, delivery.GetProperty("deliverable").ValueKind);
    }

    internal static CampaignDraft Draft()
    {
        var draft = TestDrafts.OneTime();
        var klaviyo = new DestinationDraft { Destination = "klaviyo-main", Attributes = [new AttributeDraft { Name = "email" }] };
        return draft with
        {
            SubAudiences = draft.SubAudiences!.Select(s => s! with { Groups = s.Groups!.Select(g => g! with { Destinations = [TestDrafts.Outbox(), klaviyo] }).ToList() }).ToList(),
        };
    }
}
