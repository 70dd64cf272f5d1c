using CampaignBot.Customers.Segments;

namespace CampaignBot.Customers.DemoData;

/// <summary>Segments that make sense over the demo customers, seeded with them on first start.</summary>
public static class DemoSegments
{
    public static IReadOnlyList<(string Name, string Description, string Text)> All { get; } =
    [
        ("High CLV", "Lifetime value above $500", "lifetime_value > 500"),
        ("Loyalty members", "Members of the loyalty programme", "loyalty_member = true"),
        ("Active customers", "Ordered in the last 60 days", "lifecycle_status = active"),
        ("At-risk customers", "Cooling down or at risk of churning", "lifecycle_status in ('cooling down', 'at risk')"),
        ("Lapsed customers", "No order for a year, or never", "lifecycle_status = lapsed"),
        ("Recent buyers", "Ordered in the last 14 days", "last_order_date in last 14 days"),
        ("Email opt-outs", "Did not agree to email marketing", "email_opt_in = false or email is empty"),
        ("SMS subscribers", "Agreed to SMS and have a phone number", "sms_opt_in = true and phone is not empty"),
        ("West coast", "Customers in Washington, Oregon and California", "state in (WA, OR, CA)"),
        ("Shorts fans", "Shorts are their favourite category", "favorite_category = shorts"),
    ];

    public static IEnumerable<SegmentDefinition> Definitions() =>
        All.Select(s => new SegmentDefinition(s.Name, s.Description, SegmentParser.Parse(s.Text).Filter
            ?? throw new InvalidOperationException($"Demo segment '{s.Name}' does not parse.")));
}
