using System.Text.Json;
using CampaignBot.App.Application;
using CampaignBot.App.Approvals;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Notifications;
using CampaignBot.App.Runs;
using CampaignBot.App.Users;
using CampaignBot.Conversations.Cards;
using CampaignBot.Conversations.Messages;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.People;
using CampaignBot.Core.Text;

namespace CampaignBot.Conversations.Notices;

/// <summary>
/// Who hears which campaign notice and which earlier message it updates: approval cards go to the approvers' room
/// and to each approver privately (never the author: four-eyes), decisions update every copy and tell the author,
/// reminders and run updates reply under the room's card; how a customer import ended goes to each admin privately.
/// A triggered campaign's passes (one a minute when events flow) post no run updates but a pass that did not complete;
/// their failures alert as any run's do, and their results are read as always.
/// </summary>
public sealed class CampaignNoticePlanner(
    CampaignService campaigns, CampaignPreviews previews, RunService runs, UserDirectory people, TimeProvider clock)
{
    // Cards are read as a viewer would: no per-person buttons are computed into them.
    private static readonly Actor Reader = new(new Person("campaignbot", "CampaignBot", Role.Viewer), "notices");

    public static string ThreadOf(CampaignId campaignId) => $"approval:{campaignId.Value:N}";

    public async Task<IReadOnlyList<NoticeStep>> PlanAsync(CampaignNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        switch (notice)
        {
            case CampaignNotice.ApprovalRequested { IsReminder: false } requested:
                return await PendingCardAsync(requested.Request, requested.Counts, cancellationToken) is { } card
                    ? [new NoticeStep.Post(ThreadOf(requested.Request.CampaignId), [new NoticePlace.Room(NoticeRoom.Approvals), .. Approvers(requested.Request)], card)]
                    : [];
            case CampaignNotice.ApprovalRequested reminder:
                return [Reply(reminder.Request.CampaignId, ChatMessage.Plain($"Reminder: {reminder.Request.CampaignName} still waits for a decision."))];
            case CampaignNotice.ApprovalProgressed progressed:
                return await PendingCardAsync(progressed.Request, null, cancellationToken) is { } refreshed
                    ? [new NoticeStep.Update(ThreadOf(progressed.Request.CampaignId), refreshed)]
                    : [];
            case CampaignNotice.ApprovalDecided decided:
                return
                [
                    new NoticeStep.Update(ThreadOf(decided.Request.CampaignId), ApprovalCard.Decided(decided.Request, decided.Outcome)),
                    new NoticeStep.Tell(decided.Request.AuthorId, Outcome(decided.Request, decided.Outcome)),
                ];
            case CampaignNotice.ApprovalExpired expired:
                return
                [
                    new NoticeStep.Update(ThreadOf(expired.Request.CampaignId), ApprovalCard.Expired(expired.Request)),
                    new NoticeStep.Tell(expired.Request.AuthorId, ApprovalCard.Expired(expired.Request)),
                ];
            case CampaignNotice.RunStarted { IsPass: true }:
                return [];
            case CampaignNotice.RunFinished { IsPass: true, Run.Status: RunStatus.Completed }:
                return [];
            case CampaignNotice.RunStarted started:
                return [RunReply(started.Run.CampaignId, ChatMessage.Plain(
                    $"Run started: {Counted.Of(started.Run.Recipients, "recipient")} across {Counted.Of(started.Run.Deliveries.Count, "delivery")}."))];
            case CampaignNotice.RunFinished finished when runs.Get(finished.Run.Id, Reader) is ServiceResult<RunView>.Ok { Value: var run }:
                return [RunReply(finished.Run.CampaignId, RunCard.For(run, clock.GetUtcNow()))];
            case CampaignNotice.CustomerImportFinished finished:
                return [.. people.Allowed(Operation.ImportCustomers).Select(admin => new NoticeStep.Tell(admin.Id, ImportCard.For(finished.Import)))];
            default:
                return [];
        }
    }

    // Four-eyes: the author never gets a card to approve their own campaign.
    private IEnumerable<NoticePlace.Person> Approvers(ApprovalRequestRecord request) =>
        people.Allowed(Operation.DecideApprovals, request.AuthorId).Select(p => new NoticePlace.Person(p.Id));

    /// <summary>The pending card with the counts the request was made with; only a request that carries none is counted here.</summary>
    private async Task<ChatMessage?> PendingCardAsync(ApprovalRequestRecord request, PreviewView? counts, CancellationToken cancellationToken)
    {
        if (campaigns.Get(request.CampaignId, Reader) is not ServiceResult<CampaignView>.Ok { Value: var campaign })
        {
            return null;
        }

        counts ??= request.CountsJson is { } json ? JsonSerializer.Deserialize<PreviewView>(json, CampaignResolver.Json) : null;
        counts ??= (await previews.PreviewAsync(campaign.Id, Reader, cancellationToken) as ServiceResult<PreviewView>.Ok)?.Value;
        return ApprovalCard.Pending(campaign, counts, request, clock.GetUtcNow()) with { ActableBy = [.. Approvers(request).Select(a => a.PersonId)] };
    }

    private static NoticeStep.Reply Reply(CampaignId campaignId, ChatMessage message) => new(ThreadOf(campaignId), message, []);

    /// <summary>Run updates reply under the approval card; the campaign's author follows them wherever they read.</summary>
    private NoticeStep.Reply RunReply(CampaignId campaignId, ChatMessage message) => Reply(campaignId, message) with
    {
        Followers = campaigns.Get(campaignId, Reader) is ServiceResult<CampaignView>.Ok { Value: var campaign } ? [campaign.AuthorId] : [],
    };

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
                new ActionRow([new ChatButton(ChatActions.Show, "Show campaign", request.CampaignId.ToString())]),
            ]);
    }
}
