using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Destinations;
using CampaignBot.Core.Tests.Campaigns;
using Microsoft.Extensions.Time.Testing;

namespace CampaignBot.Core.Tests.Destinations;

public sealed class DestinationAssignmentRulesTests
{
    // The valid draft sends to klaviyo-main (email, given_name), attentive-sms (phone), outbox (email), meta-ads and tiktok-ads (defaults).
    private static readonly DestinationInstance[] Instances =
    [
        new() { Name = "klaviyo-main", Kind = DestinationKind.Klaviyo, CredentialsReference = "K" },
        new() { Name = "attentive-sms", Kind = DestinationKind.Attentive, CredentialsReference = "A" },
        new() { Name = "outbox", Kind = DestinationKind.LocalFolder, Location = "data/outbox" },
        new() { Name = "meta-ads", Kind = DestinationKind.MetaAds, CredentialsReference = "M", DefaultAttributes = ["email", "phone"] },
        new() { Name = "tiktok-ads", Kind = DestinationKind.TikTokAds, CredentialsReference = "T", DefaultAttributes = ["email", "phone"] },
    ];

    [Fact]
    public void A_campaign_whose_destinations_exist_and_accept_its_attributes_passes()
    {
        Assert.Empty(DestinationAssignmentRules.Check(Campaign(Drafts.Valid()), Instances));
    }

    [Fact]
    public void Unknown_destinations_and_refused_attributes_point_at_the_entry()
    {
        var draft = Drafts.Valid() with
        {
            SubAudiences =
            [
                Drafts.SubAudience("Active", "Active customers", 10, Drafts.Group("Active email A", 45, Drafts.Destination("klaviyo-old", "email")), Drafts.Group("Active SMS", 45, Drafts.Destination("attentive-sms", "phone", "email"))),
                .. Drafts.Valid().SubAudiences!.Skip(1),
            ],
        };

        var problems = DestinationAssignmentRules.Check(Campaign(draft), Instances);

        Assert.Equal(
            [
                ("subAudiences[0].groups[0].destinations[0].destination", "There is no destination called 'klaviyo-old'; choose one of klaviyo-main, attentive-sms, outbox, meta-ads, tiktok-ads."),
                ("subAudiences[0].groups[1].destinations[0].attributes", "Attentive takes exactly one of email or phone, never both in one list; send email and phone to separate destinations."),
            ],
            problems.Select(p => (p.Path, p.Message)));
    }

    [Fact]
    public void Defaults_fill_in_when_a_campaign_chooses_no_attributes()
    {
        var meta = Instances[3];

        var resolved = DestinationAssignmentRules.Resolve(new DestinationAssignment("meta-ads", []), meta);

        Assert.Equal([new AttributeSelection("email", "merged_customers"), new AttributeSelection("phone", "merged_customers")], resolved);
    }

    [Fact]
    public void A_per_attribute_table_overrides_the_default()
    {
        var resolved = DestinationAssignmentRules.Resolve(
            new DestinationAssignment("outbox", [new AttributeSelection("email"), new AttributeSelection("lifetime_value", "customer_360")]), Instances[2]);

        Assert.Equal([new AttributeSelection("email", "merged_customers"), new AttributeSelection("lifetime_value", "customer_360")], resolved);
    }

    private static CampaignDefinition Campaign(CampaignDraft draft) =>
        new CampaignValidator(new FakeTimeProvider(Drafts.Now)).Validate(draft).Value ?? throw new InvalidOperationException("The draft must be valid.");
}
