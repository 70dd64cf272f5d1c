namespace CampaignBot.Core.Scheduling;

/// <summary>How often a recurring campaign runs, counted from its first launch in the campaign's time zone.</summary>
public enum Cadence
{
    Daily,
    Weekly,
    Monthly,
    Quarterly,
}
