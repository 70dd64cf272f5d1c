using CampaignBot.Core.Campaigns;

namespace CampaignBot.Bench;

/// <summary>The campaign the benchmarks that run the service create: a 10% control and two offers of 45% to the outbox.</summary>
internal static class BenchDrafts
{
    public static CampaignDraft TwoOffers(string name, string include) => new()
    {
        Name = name,
        Type = "one-time",
        Audience = new AudienceDraft { Include = [include], Exclude = ["Email opt-outs"] },
        SubAudiences =
        [
            new SubAudienceDraft
            {
                Name = "Everyone",
                CatchAll = true,
                ControlPercent = 10,
                Groups = [Group("Offer A", 45), Group("Offer B", 45)],
            },
        ],
        Schedule = new ScheduleDraft { Launch = "asap" },
    };

    private static RecipientGroupDraft Group(string name, decimal percent) => new()
    {
        Name = name,
        Percent = percent,
        Destinations = [new DestinationDraft { Destination = "outbox", Attributes = [new AttributeDraft { Name = "email" }, new AttributeDraft { Name = "given_name" }] }],
    };
}
