using CampaignBot.App.Segments;
using CampaignBot.App.Triggers;
using CampaignBot.Core.Campaigns;

namespace CampaignBot.Api.Http;

/// <summary>Request bodies the OpenAPI document shows; they work against the demo data as they are.</summary>
public static class ApiExamples
{
    public static CampaignDraft Campaign { get; } = new()
    {
        Name = "Winter welcome",
        Description = "Loyalty members hear about the winter range first.",
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
                    new RecipientGroupDraft
                    {
                        Name = "Early access",
                        Percent = 90,
                        Destinations = [new DestinationDraft { Destination = "outbox", Attributes = [new AttributeDraft { Name = "email" }, new AttributeDraft { Name = "given_name" }] }],
                    },
                ],
            },
        ],
        Schedule = new ScheduleDraft { Launch = "asap", TimeZone = "America/Los_Angeles", QuietHours = new QuietHoursDraft { Start = "21:00", End = "08:00" } },
    };

    public static SegmentInput Segment { get; } = new()
    {
        Name = "West coast big spenders",
        Description = "Lifetime value over 500 in Washington or Oregon.",
        Text = "lifetime_value > 500 and state in (WA, OR)",
    };

    public static EventBatchInput Events { get; } = new()
    {
        Events =
        [
            new EventInput
            {
                Id = "ord-10045",
                CustomerId = "C000042",
                Type = "order",
                OccurredAt = "2026-12-06T21:04:00Z",
                Properties = System.Text.Json.JsonDocument.Parse("""{"amount": 120.50, "channel": "web"}""").RootElement.Clone(),
            },
        ],
    };
}
