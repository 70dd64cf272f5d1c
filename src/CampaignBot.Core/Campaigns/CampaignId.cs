namespace CampaignBot.Core.Campaigns;

/// <summary>Identifies a campaign for life; it also keys the sticky split, so it never changes.</summary>
public readonly record struct CampaignId(Guid Value)
{
    public static CampaignId New() => new(Guid.NewGuid());

    public static bool TryParse(string? text, out CampaignId id)
    {
        var ok = Guid.TryParse(text, out var guid);
        id = new CampaignId(guid);
        return ok;
    }

    /// <summary>Lower-case "D" form: the exact text hashed by the splitter in .NET and in SQL.</summary>
    public override string ToString() => Value.ToString("D");
}
