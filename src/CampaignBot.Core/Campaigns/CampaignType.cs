namespace CampaignBot.Core.Campaigns;

public enum CampaignType
{
    /// <summary>Sent once, e.g. a welcome offer.</summary>
    OneTime,

    /// <summary>Re-sent to a refreshed audience on a cadence, e.g. a weekly newsletter.</summary>
    Recurring,

    /// <summary>Sub-audiences combined with different channels; may also recur.</summary>
    MultiChannel,

    /// <summary>Sent to each customer who had a matching event since the last pass, e.g. a receipt after an order.</summary>
    Triggered,
}
