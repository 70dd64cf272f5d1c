using CampaignBot.Conversations.Inbound;
using CampaignBot.Conversations.Messages;
using CampaignBot.Core.Text;

namespace CampaignBot.Conversations.Cards;

/// <summary>What you can type; shown for "help", for anything not understood, and to people not yet set up.</summary>
public static class HelpCard
{
    public static ChatMessage For(IEnumerable<IChatCommand> commands, bool knownPerson, string? unknown, ChannelStyle style)
    {
        var blocks = new List<ChatBlock>();
        if (unknown is not null)
        {
            blocks.Add(new Notice($"I don't know \"{Shorten(unknown)}\". Here is what I can do:", Tone.Warning));
        }

        blocks.Add(new Heading("CampaignBot commands"));
        blocks.Add(new BulletList([.. commands.Select(c => $"{style.CommandPrefix}{c.Usage}: {c.Description}")]));
        blocks.Add(knownPerson
            ? new Footnote("Campaign names can be typed in any case. Buttons on each answer offer the next step.")
            : new Notice($"You are not set up in CampaignBot yet, so you can read this help but not act. {style.HowToGetSetUp}", Tone.Info));
        return new ChatMessage(unknown is null ? "CampaignBot commands" : "Unknown command; here is the help", blocks);
    }

    private static string Shorten(string text) => TextElements.Truncate(text, 61);
}
