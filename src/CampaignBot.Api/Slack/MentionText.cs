using System.Text.RegularExpressions;

namespace CampaignBot.Api.Slack;

/// <summary>"&lt;@U123&gt; show Spring sale" → "show Spring sale": what a mention or DM asks, as a command.</summary>
public static partial class MentionText
{
    public static string Strip(string text)
    {
        var command = Mentions().Replace(text ?? "", " ").Trim();
        return command.StartsWith("/campaign", StringComparison.OrdinalIgnoreCase) ? command["/campaign".Length..].Trim() : command;
    }

    [GeneratedRegex(@"<@[A-Z0-9]+(\|[^>]*)?>", RegexOptions.CultureInvariant)]
    private static partial Regex Mentions();
}
