using CampaignBot.Chat.Slack.BlockKit;

namespace CampaignBot.Chat.Slack.Protocol;

/// <summary>A slash command invocation (S3), from its form body. <see cref="Text"/> is plain text: Slack's escaping is undone.</summary>
public sealed record SlashCommand(
    string Command,
    string Text,
    string UserId,
    string UserName,
    string ChannelId,
    string TeamId,
    string ResponseUrl,
    string TriggerId,
    string ApiAppId)
{
    /// <summary>
    /// Slack probes command URLs with ssl_check=1 (S1.6): answer 200 and ignore every other field, which an
    /// attacker could have smuggled alongside it.
    /// </summary>
    public static bool IsSslCheck(ReadOnlySpan<byte> formBody) => SlackForm.Parse(formBody).Get("ssl_check") == "1";

    public static SlackParseResult<SlashCommand> Parse(ReadOnlySpan<byte> formBody)
    {
        var form = SlackForm.Parse(formBody);
        if (form.Get("ssl_check") == "1")
        {
            return SlackParseResult<SlashCommand>.Fail("ssl_check probe, not a command");
        }

        var command = new SlashCommand(
            form.Get("command"),
            SlackMarkup.ToPlainText(form.Get("text")),
            form.Get("user_id"),
            form.Get("user_name"),
            form.Get("channel_id"),
            form.Get("team_id"),
            form.Get("response_url"),
            form.Get("trigger_id"),
            form.Get("api_app_id"));
        var missing = new[] { ("command", command.Command), ("user_id", command.UserId), ("channel_id", command.ChannelId), ("team_id", command.TeamId) }
            .Where(f => f.Item2.Length == 0)
            .Select(f => f.Item1)
            .ToList();
        if (missing.Count > 0)
        {
            return SlackParseResult<SlashCommand>.Fail($"slash command without {string.Join(", ", missing)}");
        }

        return command.Command.StartsWith('/')
            ? SlackParseResult<SlashCommand>.Ok(command)
            : SlackParseResult<SlashCommand>.Fail("command does not start with '/'");
    }
}
