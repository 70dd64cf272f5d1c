using CampaignBot.Core.Destinations;

namespace CampaignBot.Core.Tests.Destinations;

/// <summary>The preview counts missing identifiers by these requirements; they must drop exactly the rows the run's shaper drops.</summary>
public sealed class IdentifierRequirementsTests
{
    private const string Email = "ada@example.com";
    private const string Phone = "+16502530000";

    public static TheoryData<DestinationKind, string[]> Deliveries => new()
    {
        { DestinationKind.Klaviyo, ["email", "phone", "given_name"] },
        { DestinationKind.Attentive, ["email"] },
        { DestinationKind.Attentive, ["phone", "customer_id"] },
        { DestinationKind.Listrak, ["email"] },
        { DestinationKind.Criteo, ["email"] },
        { DestinationKind.TikTokAds, ["email", "phone"] },
        { DestinationKind.TikTokAds, ["phone", "email", "idfa"] },
        { DestinationKind.MetaAds, ["email", "phone", "given_name"] },
        { DestinationKind.MetaAds, ["given_name", "idfa"] },
        { DestinationKind.LocalFolder, ["email", "phone"] },
    };

    [Theory]
    [MemberData(nameof(Deliveries))]
    public void Every_combination_of_blank_identifiers_is_dropped_for_the_reason_the_shaper_gives(DestinationKind kind, string[] attributes)
    {
        var destination = DestinationCatalog.For(kind);
        var requirements = IdentifierRequirements.For(destination, attributes);
        var shaper = new RowShaper(destination, attributes);

        // Every attribute present or blank: 2^n rows.
        for (var mask = 0; mask < 1 << attributes.Length; mask++)
        {
            var values = attributes.Select((a, i) => (mask & (1 << i)) == 0 ? null : ValueFor(a)).ToArray();
            var present = attributes.Where((_, i) => values[i] is not null).ToHashSet();
            var predicted = requirements.FirstOrDefault(r => !r.AnyOf.Any(present.Contains))?.Reason;

            Assert.Equal(shaper.Shape(values, "US").Dropped, predicted);
        }
    }

    [Fact]
    public void TikTok_needs_email_then_phone_and_a_row_lacking_both_drops_for_the_email()
    {
        var requirements = IdentifierRequirements.For(DestinationCatalog.For(DestinationKind.TikTokAds), ["email", "phone", "idfa"]);

        Assert.Equal([(DropReason.NoValidEmail, "email"), (DropReason.NoValidPhone, "phone")], requirements.Select(r => (r.Reason, Assert.Single(r.AnyOf))));
    }

    [Fact]
    public void Meta_needs_any_one_of_the_identifiers_it_is_sent_and_files_need_none()
    {
        var meta = IdentifierRequirements.For(DestinationCatalog.For(DestinationKind.MetaAds), ["given_name", "email", "aaid"]);

        Assert.Equal(DropReason.NoIdentifier, Assert.Single(meta).Reason);
        Assert.Equal(["email", "aaid"], Assert.Single(meta).AnyOf);
        Assert.Empty(IdentifierRequirements.For(DestinationCatalog.For(DestinationKind.AmazonS3), ["email", "phone"]));
    }

    private static string ValueFor(string attribute) => attribute switch
    {
        "email" => Email,
        "phone" => Phone,
        "idfa" => "6D92078A-8246-4BA4-AE5B-76104861E7DC",
        _ => "Ada",
    };
}
