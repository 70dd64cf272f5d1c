namespace CampaignBot.App.Users;

/// <summary>The chat channels' names: what audit entries record as the channel and how the directory keys identities.</summary>
public static class ChatChannels
{
    public const string Slack = "slack";
    public const string Teams = "teams";
    public const string Web = "web";
}
