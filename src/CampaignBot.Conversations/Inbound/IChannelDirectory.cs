namespace CampaignBot.Conversations.Inbound;

/// <summary>A channel's own profile of its users, asked when the user directory does not list someone's channel id.</summary>
public interface IChannelDirectory
{
    string Channel { get; }

    /// <summary>The person's email as the channel knows it; null when it cannot tell (no permission, a bot, not found).</summary>
    Task<string?> EmailOfAsync(string userId, CancellationToken cancellationToken);
}
