using CampaignBot.App.Imports;
using CampaignBot.App.Notifications;
using CampaignBot.App.Users;
using CampaignBot.Conversations.Messages;
using CampaignBot.Core.People;
using CampaignBot.Customers.Import;
using CampaignBot.Chat.Slack.WebApi;
using Microsoft.Extensions.Options;

namespace CampaignBot.Chat.Slack;

/// <summary>Tells each admin with a Slack id, by direct message, how a customer import ended: its counts and first problems.</summary>
public sealed partial class SlackImportNotices(IOptions<SlackOptions> options, SlackReplies replies, UserDirectory people, ILogger<SlackImportNotices> logger)
    : ICampaignNotifier
{
    private const int ProblemsShown = 5;

    public async Task NotifyAsync(CampaignNotice notice, CancellationToken cancellationToken)
    {
        if (!options.Value.IsConfigured || notice is not CampaignNotice.CustomerImportFinished { Import: var import })
        {
            return;
        }

        var message = Message(import);
        foreach (var admin in people.People.Where(p => Permissions.Holds(p, Role.Admin)))
        {
            if (people.ChannelUserOf(ChatChannels.Slack, admin.Id) is not { } slackUser)
            {
                continue;
            }

            try
            {
                await replies.DirectAsync(slackUser, message, cancellationToken);
            }
            catch (SlackApiException e)
            {
                // One admin's closed DM must not keep the notice from the others.
                LogNotSent(slackUser, e.Error);
            }
        }
    }

    public static ChatMessage Message(ImportView import)
    {
        ArgumentNullException.ThrowIfNull(import);
        var succeeded = import.Status == ImportStatus.Succeeded;
        var headline = succeeded
            ? $"Import into {import.Table} succeeded: {import.Accepted:N0} rows ({import.Mode})"
            : $"Import into {import.Table} failed: nothing was imported ({import.Rejected:N0} of {import.RowsRead:N0} rows rejected)";
        var blocks = new List<ChatBlock>
        {
            new Notice(headline, succeeded ? Tone.Success : Tone.Warning),
            new FactList(
            [
                new Fact("Rows read", $"{import.RowsRead:N0}"),
                new Fact("Accepted", $"{import.Accepted:N0}"),
                new Fact("Rejected", $"{import.Rejected:N0}"),
                new Fact("Time", $"{import.ElapsedSeconds:N1} s"),
            ]),
        };
        if (import.Problems.Count > 0)
        {
            blocks.Add(new BulletList([.. import.Problems.Take(ProblemsShown).Select(p => new ImportProblem(p.Line, p.Column, p.Reason).ToString())]));
        }

        if (!succeeded && import.Failure is { } failure)
        {
            blocks.Add(new Paragraph(failure));
        }

        blocks.Add(new Footnote($"Import {import.Id}, by {import.RequestedBy}{(import.Problems.Count > ProblemsShown ? $"; all {import.Problems.Count} problems: GET /api/customers/imports/{import.Id}" : "")}"));
        return new ChatMessage(headline, blocks);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell {SlackUser} about a customer import: {Error}")]
    private partial void LogNotSent(string slackUser, string error);
}
