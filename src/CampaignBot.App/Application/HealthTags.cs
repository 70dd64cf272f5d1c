namespace CampaignBot.App.Application;

/// <summary>Tags on health checks; the host maps <c>/health/ready</c> to the checks tagged <see cref="Ready"/>.</summary>
public static class HealthTags
{
    public const string Ready = "ready";
}
