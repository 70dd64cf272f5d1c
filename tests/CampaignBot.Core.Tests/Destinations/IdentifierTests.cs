using CampaignBot.Core.Destinations.Identifiers;

namespace CampaignBot.Core.Tests.Destinations;

public sealed class IdentifierTests
{
    [Theory]
    [InlineData("  Jane.Doe@Example.COM ", "jane.doe@example.com")]
    [InlineData("a+promo@shop.co.uk", "a+promo@shop.co.uk")]
    [InlineData("jane.doe@", null)]
    [InlineData("not-an-email", null)]
    [InlineData("jane@localhost", null)]
    [InlineData("Jane Doe <jane@example.com>", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Emails_are_trimmed_and_lower_cased_or_refused(string? raw, string? expected)
    {
        Assert.Equal(expected, Emails.Normalize(raw));
    }

    [Theory]
    [InlineData("Jane.Doe+spring@Gmail.com", "janedoe@gmail.com")]
    [InlineData("j.d@example.com", "jd@example.com")]
    [InlineData("+tag@example.com", null)]
    public void TikTok_emails_also_lose_plus_tags_and_dots_in_the_local_part(string raw, string? expected)
    {
        Assert.Equal(expected, Emails.NormalizeForTikTok(raw));
    }

    [Theory]
    [InlineData("(650) 253-0000", "US", "+16502530000")]
    [InlineData("650.253.0000", null, "+16502530000")]
    [InlineData("+44 20 7031 3000", "US", "+442070313000")]
    [InlineData("020 7031 3000", "gb", "+442070313000")]
    [InlineData("030 901820", "DE", "+4930901820")]
    [InlineData("01 42 68 53 00", "FR", "+33142685300")]
    [InlineData("(02) 9374 4000", "AU", "+61293744000")]
    [InlineData("555-01", "US", null)]
    [InlineData("+0000000000", "US", null)]
    [InlineData("call me", "US", null)]
    [InlineData("", "US", null)]
    public void Phones_become_E164_in_the_customers_country(string raw, string? country, string? expected)
    {
        Assert.Equal(expected, Phones.ToE164(raw, country));
    }

    [Fact]
    public void Meta_phones_are_E164_digits_without_the_plus()
    {
        Assert.Equal("16502530000", Phones.ToDigits("+1 (650) 253-0000", "US"));
        Assert.Null(Phones.ToDigits("+0000000000", "US"));
    }

    [Theory]
    [InlineData("test@example.com", "973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b")]
    [InlineData("jane.doe@gmail.com", "831f6494ad6be4fcb3a724c3d5fef22d3ceffa3c62ef3a7984e45a0ea177f982")]
    [InlineData("14155550100", "5e7ec4c79ccac6e420876e65ad0e6b4b2ccf73ec3dccb50297bf2890a1ec73b9")]
    [InlineData("+14155550100", "40d3f4e02db27d66cf4cfdda506c2c945f115a7955cc8491dda98ce5beabcda0")]
    public void Hashes_are_lower_case_sha256_hex_of_the_normalized_value(string normalized, string expected)
    {
        Assert.Equal(expected, Hashing.Sha256Hex(normalized));
    }

    [Fact]
    public void Values_hashed_upstream_are_not_hashed_twice()
    {
        const string hashed = "973DFE463EC85785F5F95AF5BA3906EEDB2D931C24E69824A89EA65DBA4E813B";

        Assert.True(Hashing.LooksHashed(hashed));
        Assert.Equal(hashed.ToLowerInvariant(), Hashing.Sha256HexOnce(hashed));
        Assert.Equal(Hashing.Sha256Hex("test@example.com"), Hashing.Sha256HexOnce("test@example.com"));
    }
}
