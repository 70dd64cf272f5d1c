using CampaignBot.App.Application;
using CampaignBot.App.Approvals;
using CampaignBot.App.Campaigns;
using CampaignBot.Conversations.Cards;
using CampaignBot.App.Notifications;
using CampaignBot.App.Runs;
using CampaignBot.App.Users;
using CampaignBot.Conversations.Messages;
using CampaignBot.Chat.Slack;
using CampaignBot.Core.People;
using CampaignBot.Core.Text;
using Microsoft.Extensions.Options;

namespace CampaignBot.Chat.Slack;

/// <summary>
/// Campaign notices in Slack: approval cards to the approvers' channel and DMs, updated in place once decided,
/// the author told by DM, and run updates in the card's thread. Does nothing until Slack is configured.
/// </summary>
public sealed partial class SlackNotifier(
    IOptions<SlackOptions> options, SlackWebApi slack, SlackReplies replies, SlackMessageStore messages, UserDirectory people,
    CampaignService campaigns, CampaignPreviews previews, RunService runs, TimeProvider clock, ILogger<SlackNotifier> logger) : ICampaignNotifier
{
    // Cards are read as a viewer would: no per-person buttons are computed into them.
    private static readonly Actor Reader = new(new Person("campaignbot", "CampaignBot", Role.Viewer), "slack");

    public async Task NotifyAsync(CampaignNotice notice, CancellationToken cancellationToken)
    {
        if (!options.Value.IsConfigured)
        {
            return;
        }

        switch (notice)
        {
            case CampaignNotice.ApprovalRequested { IsReminder: false } requested:
                await PostCardsAsync(requested.Request, requested.Counts, cancellationToken);
                break;
            case CampaignNotice.ApprovalRequested reminder:
                await InThreadAsync(reminder.Request.CampaignId, ChatMessage.Plain($"Reminder: {reminder.Request.CampaignName} still waits for a decision."), cancellationToken);
                break;
            case CampaignNotice.ApprovalProgressed progressed:
                await RefreshCardsAsync(progressed.Request, cancellationToken);
                break;
            case CampaignNotice.ApprovalDecided decided:
                await UpdateCardsAsync(decided.Request.CampaignId, ApprovalCard.Decided(decided.Request, decided.Outcome), cancellationToken);
                await TellAuthorAsync(decided.Request, Outcome(decided.Request, decided.Outcome), cancellationToken);
                break;
            case CampaignNotice.ApprovalExpired expired:
                await UpdateCardsAsync(expired.Request.CampaignId, ApprovalCard.Expired(expired.Request), cancellationToken);
                await TellAuthorAsync(expired.Request, ApprovalCard.Expired(expired.Request), cancellationToken);
                break;
            case CampaignNotice.RunStarted started:
                await InThreadAsync(started.Run.CampaignId, ChatMessage.Plain(
                    $"Run started: {Quantities.Of(started.Run.Recipients, "recipient", "recipients")} across {Counted.Of(started.Run.Deliveries.Count, "delivery")}."), cancellationToken);
                break;
            case CampaignNotice.RunFinished finished when runs.Get(finished.Run.Id, Reader) is ServiceResult<RunView>.Ok { Value: var run }:
                await InThreadAsync(finished.Run.CampaignId, RunCard.For(run, clock.GetUtcNow()), cancellationToken);
                break;
        }
    }

    /// <param name="counts">The submission's own count; only a request raised without one (a drifted recurring run) is counted here.</param>
    private async Task PostCardsAsync(ApprovalRequestRecord request, PreviewView? counts, CancellationToken cancellationToken)
    {
        if (campaigns.Get(request.CampaignId, Reader) is not ServiceResult<CampaignView>.Ok { Value: var campaign })
        {
            return;
        }

        counts ??= (await previews.PreviewAsync(campaign.Id, Reader, cancellationToken) as ServiceResult<PreviewView>.Ok)?.Value;
        var card = SlackBlockKit.Message(ApprovalCard.Pending(campaign, counts, request, clock.GetUtcNow()));
        var posted = new List<SlackPosted>();
        if (options.Value.ApprovalsChannel is { Length: > 0 } channel && await TryPostAsync(channel, card, cancellationToken) is { } inChannel)
        {
            posted.Add(inChannel);
        }

        // Each approver's copy is independent: one closed DM must not keep the card from the others.
        foreach (var approver in people.Holding(Role.Approver).Where(p => !string.Equals(p.Id, request.AuthorId, StringComparison.OrdinalIgnoreCase)))
        {
            if (people.SlackUserOf(approver.Id) is { } slackUser && await TryPostAsync(null, card, cancellationToken, slackUser) is { } direct)
            {
                posted.Add(direct);
            }
        }

        messages.Replace(request.CampaignId, posted);
    }

    /// <summary>Re-renders the pending card everywhere it was posted, so everyone sees "1 of 2 approvals".</summary>
    private async Task RefreshCardsAsync(ApprovalRequestRecord request, CancellationToken cancellationToken)
    {
        if (campaigns.Get(request.CampaignId, Reader) is ServiceResult<CampaignView>.Ok { Value: var campaign })
        {
            var preview = await previews.PreviewAsync(campaign.Id, Reader, cancellationToken) as ServiceResult<PreviewView>.Ok;
            await UpdateCardsAsync(request.CampaignId, ApprovalCard.Pending(campaign, preview?.Value, request, clock.GetUtcNow()), cancellationToken);
        }
    }

    private async Task<SlackPosted?> TryPostAsync(string? channel, System.Text.Json.Nodes.JsonObject card, CancellationToken cancellationToken, string? directTo = null)
    {
        try
        {
            var target = channel ?? await slack.OpenDirectMessageAsync(directTo!, cancellationToken);
            return Posted(await slack.PostMessageAsync(target, card.DeepClone().AsObject(), cancellationToken));
        }
        catch (SlackApiException e)
        {
            LogPostFailed(channel ?? directTo!, e.Error);
            return null;
        }
    }

    private async Task UpdateCardsAsync(Guid campaignId, ChatMessage card, CancellationToken cancellationToken)
    {
        foreach (var posted in messages.For(campaignId)?.Cards ?? [])
        {
            try
            {
                await slack.UpdateMessageAsync(posted.Channel, posted.Ts, SlackBlockKit.Message(card), cancellationToken);
            }
            catch (SlackApiException e)
            {
                // A deleted message or a left channel: the other copies still get the decision.
                LogUpdateFailed(posted.Channel, e.Error);
            }
        }
    }

    private async Task InThreadAsync(Guid campaignId, ChatMessage message, CancellationToken cancellationToken)
    {
        if (messages.For(campaignId)?.Cards.FirstOrDefault() is { } card)
        {
            var body = SlackBlockKit.Message(message);
            body["thread_ts"] = card.Ts;
            await slack.PostMessageAsync(card.Channel, body, cancellationToken);
        }
    }

    private async Task TellAuthorAsync(ApprovalRequestRecord request, ChatMessage message, CancellationToken cancellationToken)
    {
        if (people.SlackUserOf(request.AuthorId) is { } author)
        {
            await replies.DirectAsync(author, message, cancellationToken);
        }
    }

    private static ChatMessage Outcome(ApprovalRequestRecord request, string outcome)
    {
        var last = request.Decisions.LastOrDefault();
        var who = last is null ? "" : $" by {last.PersonName}";
        var why = last?.Comment is { Length: > 0 } comment ? $" Their comment: \"{comment}\"" : "";
        var next = outcome == "approved" ? "It runs on its schedule." : "It is a draft again; change it and submit it once more.";
        return new ChatMessage(
            $"Your campaign {request.CampaignName} was {outcome}",
            [
                new Notice($"Your campaign {request.CampaignName} was {outcome}{who}.{why}", outcome == "approved" ? Tone.Success : Tone.Warning),
                new Paragraph(next),
                new ActionRow([new ChatButton(Conversations.ChatActions.Show, "Show campaign", request.CampaignId.ToString())]),
            ]);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not post an approval card to {Target}: {Error}")]
    private partial void LogPostFailed(string target, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not update the approval card in {Channel}: {Error}")]
    private partial void LogUpdateFailed(string channel, string error);

    private static SlackPosted Posted(SlackMessageRef message) => new() { Channel = message.Channel, Ts = message.Ts };
}
