namespace CampaignBot.Core.Audiences;

/// <summary>
/// Where the splitter put a customer: a sub-audience (by match order) and a recipient group within it,
/// or its control group, or nowhere when no sub-audience matched and there is no catch-all.
/// </summary>
public readonly record struct GroupSlot(int SubAudience, int Group)
{
    public const int ControlGroup = -1;
    private const int NoSubAudience = -1;

    public static GroupSlot Unmatched => new(NoSubAudience, ControlGroup);

    public static GroupSlot Control(int subAudience) => new(subAudience, ControlGroup);

    public bool IsUnmatched => SubAudience == NoSubAudience;

    public bool IsControl => !IsUnmatched && Group == ControlGroup;

    /// <summary>True only for customers who are sent to destinations.</summary>
    public bool IsRecipient => !IsUnmatched && Group != ControlGroup;
}
