namespace CampaignBot.Conversations.Inbound;

/// <summary>
/// How a channel words what the core says about itself: the command people type (a slash command and its words in one
/// channel, the bare words in another) and how an unknown person gets set up. Supplied by each channel; the core never spells them.
/// </summary>
/// <param name="CommandPrefix">Written before every command, e.g. a slash command and a space; empty where people type the bare words.</param>
/// <param name="HowToGetSetUp">The sentence that tells someone the directory does not know how an admin adds them.</param>
public sealed record ChannelStyle(string Channel, string CommandPrefix, string HowToGetSetUp)
{
    /// <summary>A command as this channel's people type it ("show Spring sale" with the prefix), marked as code.</summary>
    public string Command(string words) => $"`{CommandPrefix}{words}`";

    /// <summary>Bare command words, for a channel that registered no style of its own.</summary>
    public static ChannelStyle Plain(string channel) =>
        new(channel, "", "Ask an admin to add you to the Users section of CampaignBot's settings.");
}
