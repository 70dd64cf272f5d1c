using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Destinations;
using CampaignBot.Core.Tests.Campaigns;
using Microsoft.Extensions.Time.Testing;

namespace CampaignBot.Core.Tests.Approvals;

/// <summary>Validated campaigns and the configuration they resolve against.</summary>
internal static class Definitions
{
    // Drafts.Valid() sends to klaviyo-main (email, given_name), attentive-sms (phone), outbox (email), meta-ads and tiktok-ads (defaults).
    public static readonly DestinationInstance[] Instances =
    [
        new() { Name = "klaviyo-main", Kind = DestinationKind.Klaviyo, CredentialsReference = "K" },
        new() { Name = "attentive-sms", Kind = DestinationKind.Attentive, CredentialsReference = "A" },
        new() { Name = "outbox", Kind = DestinationKind.LocalFolder, Location = "data/outbox" },
        new() { Name = "meta-ads", Kind = DestinationKind.MetaAds, CredentialsReference = "M", DefaultAttributes = ["email", "phone"] },
        new() { Name = "tiktok-ads", Kind = DestinationKind.TikTokAds, CredentialsReference = "T", DefaultAttributes = ["email", "phone"] },
    ];

    public static readonly IReadOnlyDictionary<string, string> SegmentTexts = new Dictionary<string, string>
    {
        ["High CLV"] = "predicted_clv > 500",
        ["Loyalty members"] = "loyalty_member = true",
        ["Email opt-outs"] = "email_opt_in = false",
        ["Recent buyers"] = "last_order_date >= today - 14 days",
        ["Active customers"] = "lifecycle_status = 'active'",
        ["At-risk customers"] = "lifecycle_status = 'at risk'",
    };

    public static CampaignDefinition Campaign(CampaignDraft draft) =>
        new CampaignValidator(new FakeTimeProvider(Drafts.Now)).Validate(draft).Value ?? throw new InvalidOperationException("The draft must be valid.");

    /// <summary>A one-time campaign to a single destination with the given attributes.</summary>
    public static CampaignDefinition SendingTo(string destination, params string[] attributes) => Campaign(new CampaignDraft
    {
        Name = "Welcome",
        Type = "one-time",
        Audience = new AudienceDraft { Include = ["New customers"] },
        SubAudiences = [Drafts.SubAudience("Everyone", null, 10, Drafts.Group("Welcome mail", 90, Drafts.Destination(destination, attributes)))],
    });
}
