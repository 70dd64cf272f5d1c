using CampaignBot.Core.Campaigns;

namespace CampaignBot.Conversations.Tests.Harness;

/// <summary>Drafts over the demo segments and the test outbox.</summary>
internal static class TestDrafts
{
    public static DestinationDraft Outbox(params string[] attributes) =>
        new() { Destination = "outbox", Attributes = (attributes.Length == 0 ? ["customer_id", "email"] : attributes).Select(a => new AttributeDraft { Name = a }).ToList() };

    /// <summary>Loyalty members minus email opt-outs; one catch-all sub-audience: 10% control, two groups of 45%.</summary>
    public static CampaignDraft OneTime(string name = "Winter welcome") => new()
    {
        Name = name,
        Type = "one-time",
        Audience = new AudienceDraft { Include = ["Loyalty members"], Exclude = ["Email opt-outs"] },
        SubAudiences =
        [
            new SubAudienceDraft
            {
                Name = "Everyone",
                CatchAll = true,
                ControlPercent = 10,
                Groups =
                [
                    new RecipientGroupDraft { Name = "Email A", Percent = 45, Destinations = [Outbox()] },
                    new RecipientGroupDraft { Name = "Email B", Percent = 45, Destinations = [Outbox()] },
                ],
            },
        ],
        Schedule = new ScheduleDraft { Launch = "asap" },
    };

    /// <summary>The draft sending <paramref name="attributes"/> to the outbox from both groups.</summary>
    public static CampaignDraft Sending(this CampaignDraft draft, params string[] attributes) =>
        draft with { SubAudiences = [draft.SubAudiences![0] with { Groups = draft.SubAudiences[0].Groups!.Select(g => g with { Destinations = [Outbox(attributes)] }).ToList() }] };
}
