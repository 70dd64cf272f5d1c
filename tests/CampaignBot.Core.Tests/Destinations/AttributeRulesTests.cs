using CampaignBot.Core.Destinations;
using CampaignBot.Core.Validation;

namespace CampaignBot.Core.Tests.Destinations;

public sealed class AttributeRulesTests
{
    [Theory]
    [InlineData(DestinationKind.Klaviyo, "email")]
    [InlineData(DestinationKind.Klaviyo, "email,phone,given_name,favorite_category")]
    [InlineData(DestinationKind.Attentive, "email")]
    [InlineData(DestinationKind.Attentive, "phone,customer_id")]
    [InlineData(DestinationKind.Listrak, "email,given_name,favorite_category")]
    [InlineData(DestinationKind.Criteo, "email")]
    [InlineData(DestinationKind.TikTokAds, "email,phone")]
    [InlineData(DestinationKind.TikTokAds, "email,phone,idfa,aaid")]
    [InlineData(DestinationKind.MetaAds, "email,phone,given_name,surname,postal_code,country")]
    [InlineData(DestinationKind.MetaAds, "idfa")]
    [InlineData(DestinationKind.AmazonS3, "customer_id,email,lifetime_value,churn_risk")]
    [InlineData(DestinationKind.LocalFolder, "anything_at_all")]
    public void Accepted_attribute_sets_pass(DestinationKind kind, string attributes)
    {
        Assert.Empty(Check(kind, attributes));
    }

    [Theory]
    [InlineData(DestinationKind.Criteo, "email,given_name", "Criteo accepts only email; remove given_name.")]
    [InlineData(DestinationKind.Criteo, "phone", "Criteo accepts only email; remove phone.|Criteo needs email; add it.")]
    [InlineData(DestinationKind.Klaviyo, "phone", "Klaviyo needs email; add it.")]
    [InlineData(DestinationKind.Listrak, "given_name", "Listrak needs email; add it.")]
    [InlineData(DestinationKind.Attentive, "email,phone", "Attentive takes exactly one of email or phone, never both in one list; send email and phone to separate destinations.")]
    [InlineData(DestinationKind.Attentive, "customer_id", "Attentive needs exactly one of email or phone; add one.")]
    [InlineData(DestinationKind.Attentive, "email,given_name", "Attentive accepts only email, phone or customer_id; remove given_name.")]
    [InlineData(DestinationKind.TikTokAds, "email", "TikTok Ads needs phone; add it.")]
    [InlineData(DestinationKind.TikTokAds, "idfa", "TikTok Ads needs email and phone; add them.")]
    [InlineData(DestinationKind.TikTokAds, "email,phone,given_name", "TikTok Ads accepts only email, phone, idfa or aaid; remove given_name.")]
    [InlineData(DestinationKind.MetaAds, "email,lifetime_value", "Meta Ads accepts only email, phone, given_name, surname, postal_code, city, state, country, birthdate, gender, idfa, aaid or customer_id; remove lifetime_value.")]
    [InlineData(DestinationKind.MetaAds, "given_name,surname", "Meta Ads needs at least one identifier: email, phone, idfa, aaid or customer_id.")]
    public void Refused_attribute_sets_say_what_to_change(DestinationKind kind, string attributes, string messages)
    {
        Assert.Equal(messages.Split('|'), Check(kind, attributes).Select(p => p.Message));
        Assert.All(Check(kind, attributes), p => Assert.Equal("groups[0].destinations[0].attributes", p.Path));
    }

    [Fact]
    public void Every_kind_has_exactly_one_descriptor()
    {
        Assert.Equal(Enum.GetValues<DestinationKind>().Order(), DestinationCatalog.All.Select(d => d.Kind).Order());
    }

    [Theory]
    [InlineData(DestinationKind.Criteo, IdentifierHashing.Sha256, PhoneStyle.E164, EmailStyle.Standard)]
    [InlineData(DestinationKind.TikTokAds, IdentifierHashing.Sha256, PhoneStyle.E164, EmailStyle.TikTok)]
    [InlineData(DestinationKind.MetaAds, IdentifierHashing.Sha256, PhoneStyle.DigitsOnly, EmailStyle.Standard)]
    [InlineData(DestinationKind.Klaviyo, IdentifierHashing.None, PhoneStyle.E164, EmailStyle.Standard)]
    [InlineData(DestinationKind.Attentive, IdentifierHashing.None, PhoneStyle.E164, EmailStyle.Standard)]
    public void Each_kind_states_how_identifiers_are_normalized(DestinationKind kind, IdentifierHashing hashing, PhoneStyle phone, EmailStyle email)
    {
        var descriptor = DestinationCatalog.For(kind);

        Assert.Equal((hashing, phone, email), (descriptor.Hashing, descriptor.Phone, descriptor.Email));
    }

    private static IReadOnlyList<ValidationProblem> Check(DestinationKind kind, string attributes)
    {
        var problems = new ProblemList();
        AttributeRules.Check(DestinationCatalog.For(kind), attributes.Split(','), "groups[0].destinations[0]", problems);
        return problems.Items;
    }
}
