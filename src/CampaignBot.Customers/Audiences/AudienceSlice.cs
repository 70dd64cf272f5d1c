using CampaignBot.Core.Audiences;

namespace CampaignBot.Customers.Audiences;

/// <summary>Which placed members to return: everyone, only those to send to, or one group (or control).</summary>
public sealed record AudienceSlice
{
    private AudienceSlice(bool recipientsOnly, GroupSlot? slot)
    {
        RecipientsOnly = recipientsOnly;
        Slot = slot;
    }

    public static AudienceSlice Everyone { get; } = new(false, null);

    /// <summary>Members of recipient groups: never control, never unmatched.</summary>
    public static AudienceSlice Recipients { get; } = new(true, null);

    public bool RecipientsOnly { get; }

    public GroupSlot? Slot { get; }

    public static AudienceSlice Of(GroupSlot slot) => new(slot.IsRecipient, slot);
}
