using CampaignBot.Core.Destinations;
using CampaignBot.Core.Destinations.Identifiers;

namespace CampaignBot.Core.Tests.Destinations;

public sealed class RowShaperTests
{
    [Fact]
    public void Klaviyo_gets_plain_normalized_identifiers_under_its_field_names()
    {
        var shaper = Shaper(DestinationKind.Klaviyo, "email", "phone", "given_name", "favorite_category");

        var row = shaper.Shape([" Ada@Example.com ", "(650) 253-0000", "Ada", "shorts"], "US");

        Assert.Equal(["email", "phone_number", "first_name", "favorite_category"], shaper.Fields);
        Assert.Equal<IEnumerable<string?>>(["ada@example.com", "+16502530000", "Ada", "shorts"], row.Values!);
    }

    [Fact]
    public void An_optional_phone_that_is_not_valid_is_left_out_not_the_customer()
    {
        var row = Shaper(DestinationKind.Klaviyo, "email", "phone").Shape(["ada@example.com", "555-01"], "US");

        Assert.Equal<IEnumerable<string?>>(["ada@example.com", null], row.Values!);
    }

    [Fact]
    public void Usable_says_which_values_survive_normalization_even_when_the_row_is_dropped()
    {
        var shaper = Shaper(DestinationKind.Klaviyo, "email", "phone", "given_name");

        Assert.Equal([false, false, true], shaper.Usable(["jane.doe@", "555-01", "Jane"], "US"));
        Assert.Equal([true, true, false], shaper.Usable(["jane@example.com", "(650) 253-0000", " "], "US"));
    }

    [Theory]
    [InlineData(DestinationKind.Criteo, "email", "jane.doe@", DropReason.NoValidEmail)]
    [InlineData(DestinationKind.Attentive, "phone", "call me", DropReason.NoValidPhone)]
    [InlineData(DestinationKind.Listrak, "email", null, DropReason.NoValidEmail)]
    public void Customers_without_a_required_identifier_are_dropped_with_the_reason(DestinationKind kind, string attribute, string? value, DropReason reason)
    {
        var row = Shaper(kind, attribute).Shape([value], "US");

        Assert.True(row.IsDropped);
        Assert.Equal(reason, row.Dropped);
    }

    [Fact]
    public void Criteo_gets_the_sha256_of_the_trimmed_lower_cased_email()
    {
        var row = Shaper(DestinationKind.Criteo, "email").Shape(["  TEST@example.com"], "US");

        Assert.Equal<IEnumerable<string?>>(["973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b"], row.Values!);
    }

    [Fact]
    public void TikTok_hashes_its_email_variant_and_E164_phone_with_plus()
    {
        var shaper = Shaper(DestinationKind.TikTokAds, "email", "phone", "idfa");

        var row = shaper.Shape(["Jane.Doe+spring@Gmail.com", "415-555-0100", "AB12CD34-0000-4000-8000-000000000001"], "US");

        Assert.Equal(["EMAIL_SHA256", "PHONE_SHA256", "IDFA_SHA256"], shaper.Fields);
        Assert.Equal(Hashing.Sha256Hex("janedoe@gmail.com"), row.Values![0]);
        Assert.Equal(Phones.ToE164("415-555-0100", "US") is { } e164 ? Hashing.Sha256Hex(e164) : null, row.Values[1]);
        Assert.Equal(Hashing.Sha256Hex("ab12cd34-0000-4000-8000-000000000001"), row.Values[2]);
    }

    [Fact]
    public void Meta_normalizes_each_key_before_hashing_and_keeps_extern_id_plain()
    {
        var shaper = Shaper(DestinationKind.MetaAds, "email", "phone", "given_name", "city", "state", "birthdate", "gender", "customer_id");

        var row = shaper.Shape(["Ada@Example.com", "+1 (650) 253-0000", "Ada-Marie", "San Francisco", "CA", new DateOnly(1990, 4, 1), "F", "C00000042"], "US");

        Assert.Equal(["EMAIL", "PHONE", "FN", "CT", "ST", "DOBY", "GEN", "EXTERN_ID"], shaper.Fields);
        Assert.Equal<IEnumerable<string?>>(
            [
                Hashing.Sha256Hex("ada@example.com"), Hashing.Sha256Hex("16502530000"), Hashing.Sha256Hex("adamarie"),
                Hashing.Sha256Hex("sanfrancisco"), Hashing.Sha256Hex("ca"), Hashing.Sha256Hex("1990"), Hashing.Sha256Hex("f"), "C00000042",
            ],
            row.Values!);
    }

    [Fact]
    public void Meta_drops_a_customer_left_with_no_identifier()
    {
        var row = Shaper(DestinationKind.MetaAds, "email", "phone", "given_name").Shape(["nope", "+0000000000", "Ada"], "US");

        Assert.Equal(DropReason.NoIdentifier, row.Dropped);
    }

    [Fact]
    public void National_phone_numbers_are_read_in_the_customers_country()
    {
        var row = Shaper(DestinationKind.Attentive, "phone").Shape(["020 7031 3000"], "GB");

        Assert.Equal<IEnumerable<string?>>(["+442070313000"], row.Values!);
    }

    [Fact]
    public void Files_take_values_as_they_are()
    {
        var row = Shaper(DestinationKind.LocalFolder, "customer_id", "lifetime_value", "birthdate").Shape(["C1", 120.5m, new DateOnly(1990, 4, 1)], "US");

        Assert.Equal<IEnumerable<string?>>(["C1", "120.5", "1990-04-01"], row.Values!);
    }

    [Fact]
    public void Drop_counts_read_as_sentences()
    {
        var tally = new DropTally();
        for (var i = 0; i < 1204; i++)
        {
            tally.Add(DropReason.NoValidPhone);
        }

        tally.Add(DropReason.NoValidEmail);

        Assert.Equal(["1,204 customers had no valid phone number", "1 customer had no valid email address"], tally.Sentences());
        Assert.Equal(1205, tally.Total);
    }

    [Fact]
    public void A_remembered_phone_is_read_again_in_another_country()
    {
        var shaper = Shaper(DestinationKind.Attentive, "phone");

        var british = shaper.Shape(["020 7031 3000"], "GB");
        var american = shaper.Shape(["020 7031 3000"], "US");

        Assert.Equal<IEnumerable<string?>>(["+442070313000"], british.Values!);
        Assert.Equal(DropReason.NoValidPhone, american.Dropped);
    }

    [Theory]
    [InlineData(DestinationKind.MetaAds)]
    [InlineData(DestinationKind.Klaviyo)]
    [InlineData(DestinationKind.TikTokAds)]
    [InlineData(DestinationKind.Attentive)]
    public void Remembering_repeated_values_shapes_every_row_as_plain_shaping_does(DestinationKind kind)
    {
        string[] attributes = kind == DestinationKind.Attentive ? ["phone"] : ["email", "phone", "given_name", "surname", "postal_code", "birthdate"];
        var remembering = new RowShaper(DestinationCatalog.For(kind), attributes);
        var plain = new RowShaper(DestinationCatalog.For(kind), attributes, rememberRepeatedValues: false);

        // Far more rows than a trial, with values that repeat (names, postal codes, some phones) and values that do not.
        foreach (var (values, country) in RepeatingRows(20_000).Select(r => (kind == DestinationKind.Attentive ? r.Values[1..2] : r.Values, r.Country)))
        {
            var expected = plain.Shape(values, country);
            var actual = remembering.Shape(values, country);
            Assert.Equal(expected.Dropped, actual.Dropped);
            Assert.Equal(expected.Values, actual.Values);
        }
    }

    internal static IEnumerable<(object?[] Values, string Country)> RepeatingRows(int count)
    {
        string[] names = ["Ada", "Zoë", "José María", "O'Brien", "  ", "Li"];
        string[] phones = ["020 7031 3000", "(650) 253-0000", "555-01", "+1 415 555 0100"];
        string[] countries = ["US", "GB", "us", "FR"];
        for (var i = 0; i < count; i++)
        {
            var phone = i % 3 == 0 ? $"+1 {200 + i % 700} {200 + i / 700 % 700} {i % 10_000:D4}" : phones[i % phones.Length];
            object? birthdate = (i % 4) switch { 0 => new DateOnly(1950 + i % 50, 1 + i % 12, 1), 1 => "1990-01-01", 2 => null, _ => "" };
            yield return ([i % 11 == 0 ? "not an email" : $"Customer{i % 5_000}@Example.com", phone, names[i % names.Length], names[(i / 7) % names.Length],
                $"{94000 + i % 30} ", birthdate], countries[i / 5 % countries.Length]);
        }
    }

    private static RowShaper Shaper(DestinationKind kind, params string[] attributes) => new(DestinationCatalog.For(kind), attributes);
}
