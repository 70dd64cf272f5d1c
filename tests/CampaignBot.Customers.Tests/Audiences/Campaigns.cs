using CampaignBot.Core.Audiences;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Scheduling;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.Segments;

namespace CampaignBot.Customers.Tests.Audiences;

/// <summary>Audience requests over the demo data, written in the segment syntax.</summary>
internal static class Campaigns
{
    public const string SpringSaleId = "7f4c1d2e-9a3b-4c5d-8e6f-0a1b2c3d4e5f";

    /// <summary>High CLV or loyalty, minus email opt-outs and recent buyers; Active, At risk, then everyone else.</summary>
    public static AudienceRequest SpringSale(DateOnly today) => Request(
        SpringSaleId, today,
        include: ["lifetime_value > 100", "loyalty_member = true"],
        exclude: ["email_opt_in = false", "last_order_date in last 14 days"],
        subAudiences: ["lifecycle_status = active", "lifecycle_status in ('at risk', 'cooling down')", null]);

    public static AudienceRequest Request(string splitKey, DateOnly today, string[] include, string[] exclude, string?[] subAudiences, string? channel = null) => new()
    {
        SplitKey = splitKey,
        Include = include.Select(Bind).ToList(),
        Exclude = exclude.Select(Bind).ToList(),
        SubAudiences = subAudiences.Select(s => s is null ? null : Bind(s)).ToList(),
        Plan = Plan(subAudiences.Length),
        SuppressionChannel = channel,
        Today = today,
    };

    public static BoundFilter Bind(string text)
    {
        var parsed = SegmentParser.Parse(text);
        Assert.True(parsed.IsValid, parsed.Error?.Message);
        var bound = SegmentBinder.Bind(parsed.Filter!);
        Assert.True(bound.IsValid, string.Join("; ", bound.Errors.Select(e => e.Message)));
        return bound.Value!;
    }

    /// <summary>Each sub-audience: control 10%, then 45% and 45%.</summary>
    public static SplitPlan Plan(int subAudiences) => SplitPlan.From(new CampaignDefinition
    {
        Name = "Test",
        Type = CampaignType.OneTime,
        Audience = new AudiencePlan(["any"], []),
        SubAudiences = Enumerable.Range(0, subAudiences).Select(i => new SubAudience
        {
            Name = $"Sub-audience {i}",
            Segment = $"segment {i}",
            ControlPercent = new Percentage(1000),
            Groups =
            [
                new RecipientGroup { Name = $"S{i} A", Percent = new Percentage(4500), Destinations = [new DestinationAssignment("outbox", [])] },
                new RecipientGroup { Name = $"S{i} B", Percent = new Percentage(4500), Destinations = [new DestinationAssignment("outbox", [])] },
            ],
        }).ToList(),
        Schedule = new CampaignSchedule { TimeZone = TimeZoneInfo.Utc },
    });
}
