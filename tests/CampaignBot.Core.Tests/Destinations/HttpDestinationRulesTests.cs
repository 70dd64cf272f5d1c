using CampaignBot.Core.Destinations;
using CampaignBot.Core.Validation;

namespace CampaignBot.Core.Tests.Destinations;

public sealed class HttpDestinationRulesTests
{
    private static List<(string Path, string Message)> Check(DestinationInstance instance)
    {
        var problems = new ProblemList();
        HttpDestinationRules.Check(instance, "Destinations:0", problems);
        return problems.Items.Select(p => (p.Path, p.Message)).ToList();
    }

    [Fact]
    public void Well_formed_api_settings_pass()
    {
        Assert.Empty(Check(new DestinationInstance
        {
            Name = "meta-main", Kind = DestinationKind.MetaAds, AccountId = "act_1234567890", ApiVersion = "v21.0", RequestsPerSecond = 5, RequestsPerMinute = 200,
            AttemptTimeout = TimeSpan.FromMinutes(2), TotalTimeout = TimeSpan.FromMinutes(10),
        }));
        Assert.Empty(Check(new DestinationInstance { Name = "klaviyo-main", Kind = DestinationKind.Klaviyo, ApiVersion = "2025-10-15", PollInterval = TimeSpan.FromSeconds(2) }));
    }

    [Fact]
    public void A_meta_destination_without_its_ad_account_and_with_bad_numbers_is_refused_with_every_problem()
    {
        Assert.Equal(
            [
                ("Destinations:0:AccountId", "Destination 'meta-main' (Meta Ads) needs an AccountId, the ad account its audiences live in, such as act_1234567890."),
                ("Destinations:0:ApiVersion", "Destination 'meta-main' (Meta Ads) has ApiVersion '21'; Graph API versions look like v21.0."),
                ("Destinations:0:RequestsPerSecond", "Destination 'meta-main' (Meta Ads) has a request rate of zero or less; use positive numbers, or leave them out for the service's defaults."),
                ("Destinations:0:RetryDelay", "Destination 'meta-main' (Meta Ads) has RetryDelay 00:00:00; use a positive duration such as 00:00:30, or leave it out."),
                ("Destinations:0:TotalTimeout", "Destination 'meta-main' (Meta Ads) has a TotalTimeout shorter than its AttemptTimeout; the total covers every try."),
            ],
            Check(new DestinationInstance
            {
                Name = "meta-main", Kind = DestinationKind.MetaAds, ApiVersion = "21", RequestsPerMinute = 0, RetryDelay = TimeSpan.Zero,
                AttemptTimeout = TimeSpan.FromMinutes(2), TotalTimeout = TimeSpan.FromMinutes(1),
            }));
    }

    [Fact]
    public void A_klaviyo_revision_must_be_a_date()
    {
        Assert.Equal(
            [("Destinations:0:ApiVersion", "Destination 'k' (Klaviyo) has ApiVersion 'v3'; Klaviyo revisions are dates such as 2025-10-15.")],
            Check(new DestinationInstance { Name = "k", Kind = DestinationKind.Klaviyo, ApiVersion = "v3" }));
    }

    [Fact]
    public void A_tiktok_destination_needs_its_advertiser_id_and_a_dotted_api_version()
    {
        Assert.Empty(Check(new DestinationInstance { Name = "tiktok-main", Kind = DestinationKind.TikTokAds, AccountId = "7012345678901234567", ApiVersion = "v1.3" }));
        Assert.Equal(
            [
                ("Destinations:0:AccountId", "Destination 't' (TikTok Ads) needs an AccountId, the advertiser id its audiences live in, such as 7012345678901234567."),
                ("Destinations:0:ApiVersion", "Destination 't' (TikTok Ads) has ApiVersion '1.3'; TikTok Business API versions look like v1.3."),
            ],
            Check(new DestinationInstance { Name = "t", Kind = DestinationKind.TikTokAds, AccountId = "act_12", ApiVersion = "1.3" }));
    }

    [Fact]
    public void A_criteo_destination_needs_its_advertiser_id_and_a_monthly_version()
    {
        Assert.Empty(Check(new DestinationInstance { Name = "criteo-main", Kind = DestinationKind.Criteo, AccountId = "12345", ApiVersion = "2026-01", RequestsPerMinute = 250 }));
        Assert.Equal(
            [
                ("Destinations:0:AccountId", "Destination 'c' (Criteo) needs an AccountId, the Criteo advertiser id its audience segments belong to, such as 12345."),
                ("Destinations:0:ApiVersion", "Destination 'c' (Criteo) has ApiVersion 'v2026'; Criteo versions are months such as 2026-01, or preview."),
            ],
            Check(new DestinationInstance { Name = "c", Kind = DestinationKind.Criteo, AccountId = "adv-1", ApiVersion = "v2026" }));
    }

    [Fact]
    public void A_listrak_destination_takes_no_fixed_list_and_only_version_v1()
    {
        Assert.Empty(Check(new DestinationInstance { Name = "listrak-main", Kind = DestinationKind.Listrak, ApiVersion = "v1", RequestsPerSecond = 5 }));
        Assert.Equal(
            [
                ("Destinations:0:AccountId", "Destination 'l' (Listrak) has an AccountId, but Listrak lists are found or created by campaign and group; leave AccountId out."),
                ("Destinations:0:ApiVersion", "Destination 'l' (Listrak) has ApiVersion 'v2'; the Listrak Email API has only v1, so leave ApiVersion out."),
            ],
            Check(new DestinationInstance { Name = "l", Kind = DestinationKind.Listrak, AccountId = "12345", ApiVersion = "v2" }));
    }
}
