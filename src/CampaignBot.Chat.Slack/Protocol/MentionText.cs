using System.Text.RegularExpressions;

namespace CampaignBot.Chat.Slack.Protocol;

/// <summary>
/// "@U0BOT show Spring sale" → "show Spring sale": what a mention or DM asks, as a command. The event parser has
/// already turned Slack's &lt;@U0BOT&gt; into "@U0BOT"; member ids are what tell a mention from a typed word.
/// </summary>
public static partial class MentionText
{
    public static string Strip(string text)
    {
        var command = Mentions().Replace(text ?? "", " ").Trim().TrimStart(',', ':').Trim();
        return command.StartsWith("/campaign", StringComparison.OrdinalIgnoreCase) ? command["/campaign".Length..].Trim() : command;
    }

    // Slack member ids: U or W and upper-case letters or digits, standing alone as a word.
    [GeneratedRegex(@"(?<![\w@.])@[UW][A-Z0-9]{2,}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Mentions();
}
