using CampaignBot.Core.Campaigns;

namespace CampaignBot.Core.Tests.Campaigns;

/// <summary>Valid drafts to start from; each test changes only what it is about.</summary>
internal static class Drafts
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static DestinationDraft Destination(string name, params string[] attributes) =>
        new() { Destination = name, Attributes = attributes.Select(a => new AttributeDraft { Name = a }).ToList() };

    public static RecipientGroupDraft Group(string name, decimal percent, params DestinationDraft[] destinations) =>
        new() { Name = name, Percent = percent, Destinations = destinations.Length > 0 ? destinations : [Destination("outbox", "email")] };

    public static SubAudienceDraft SubAudience(string name, string? segment, decimal control, params RecipientGroupDraft[] groups) =>
        new() { Name = name, Segment = segment, CatchAll = segment is null, ControlPercent = control, Groups = groups };

    /// <summary>A recurring spring campaign: two segment sub-audiences and a catch-all, each with control + 2 groups.</summary>
    public static CampaignDraft Valid() => new()
    {
        Name = "Spring Sale",
        Description = "Shorts and t-shirts for the warm months",
        Type = "recurring",
        Audience = new AudienceDraft { Include = ["High CLV", "Loyalty members"], Exclude = ["Email opt-outs", "Recent buyers"] },
        SubAudiences =
        [
            SubAudience("Active", "Active customers", 10, Group("Active email A", 45, Destination("klaviyo-main", "email", "given_name")), Group("Active SMS", 45, Destination("attentive-sms", "phone"))),
            SubAudience("At risk", "At-risk customers", 20, Group("At risk email", 40), Group("At risk ads", 40, Destination("meta-ads"), Destination("tiktok-ads"))),
            SubAudience("Everyone else", null, 5, Group("Newsletter", 47.5m), Group("Newsletter plus", 47.5m)),
        ],
        Schedule = new ScheduleDraft { TimeZone = "America/Los_Angeles", Launch = "2026-12-01 09:00", Cadence = "weekly", QuietHours = new QuietHoursDraft { Start = "21:00", End = "08:00" } },
    };
}
