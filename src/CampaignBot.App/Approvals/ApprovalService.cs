using System.Text.Json;
using CampaignBot.App.Application;
using CampaignBot.App.Audit;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Notifications;
using CampaignBot.App.Storage;
using CampaignBot.Core.Approvals;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Lifecycle;
using CampaignBot.Core.People;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Approvals;

/// <summary>
/// Four-eyes approval: a submission pins the exact resolved campaign (its fingerprint) and counts its audience;
/// approvers other than the author decide; enough approvals (per the risk rules) approve it, one rejection
/// returns it to Draft. Requests remind and then expire; nothing is ever approved by timeout.
/// </summary>
public sealed class ApprovalService(
    AppDatabase database,
    CampaignStore campaigns,
    ApprovalStore approvals,
    AuditLog audit,
    CampaignResolver resolver,
    CampaignPreviews previews,
    CampaignTransitions transitions,
    CampaignViews views,
    NoticeQueue notices,
    SchedulerSignal scheduler,
    IOptions<ApprovalRules> rules,
    IReadOnlyList<CampaignBot.Core.Destinations.DestinationInstance> destinations,
    TimeProvider clock)
{
    public async Task<ServiceResult<CampaignView>> SubmitAsync(CampaignId id, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<CampaignView>(Operation.SubmitCampaigns) is { } refused)
        {
            return refused;
        }

        if (campaigns.Get(id) is not { } campaign)
        {
            return CampaignService.NotFound<CampaignView>(id);
        }

        var check = CampaignLifecycle.Check(campaign.Status, CampaignAction.Submit);
        if (!check.IsAllowed)
        {
            return new ServiceResult<CampaignView>.Conflict(check.Refusal!);
        }

        var resolved = resolver.Resolve(campaign);
        if (!resolved.IsValid)
        {
            return new ServiceResult<CampaignView>.Invalid(resolved.Problems);
        }

        var preview = await previews.CountAsync(resolved.Value!, cancellationToken);
        if (preview.Recipients == 0)
        {
            return new ServiceResult<CampaignView>.Invalid([new("audience", "Nobody would receive this campaign: the audience has no recipients today. Check the segments and sub-audiences.", Core.Validation.ProblemSeverity.Error)]);
        }

        var request = NewRequest(campaign, resolved.Value!, preview.RequiredApprovers, preview.ApprovalReasons, preview.Recipients, actor.Person.Id,
            campaign.ApprovedSnapshotJson is { } approved ? CampaignDiff.Describe(CampaignDiff.Between(ReadSnapshot(approved), resolved.Value!.Snapshot)) : null);
        request.CountsJson = JsonSerializer.Serialize(preview, CampaignResolver.Json);
        var result = transitions.Apply(id, campaign.Version, new CampaignMove.Submit(request.Id, request.RequiredApprovers, request.Audience), actor,
            _ => approvals.Insert(request));
        if (result is ServiceResult<CampaignRecord>.Ok ok)
        {
            await notices.SendAfterAsync(new CampaignNotice.ApprovalRequested(request, IsReminder: false, preview), cancellationToken);
            return views.Of(ok.Value, actor.Person, resolved.Value!.Warnings);
        }

        return result is ServiceResult<CampaignRecord>.Stale ? SubmitLost(id) : result.Select(c => views.Of(c, actor.Person));
    }

    // Someone changed the campaign while this submit was sizing it (often the same submit, sent twice at once). The caller
    // sent no If-Match, so a 412 would be a riddle: answer as the check above would now, as if this request came second.
    private ServiceResult<CampaignView> SubmitLost(CampaignId id)
    {
        if (campaigns.Get(id) is not { } campaign)
        {
            return CampaignService.NotFound<CampaignView>(id);
        }

        var check = CampaignLifecycle.Check(campaign.Status, CampaignAction.Submit);
        return new ServiceResult<CampaignView>.Conflict(check.IsAllowed
            ? $"'{campaign.Name}' was changed while it was being submitted; review it and submit it again."
            : check.Refusal!);
    }

    /// <summary>
    /// A recurring run found the audience drifted past the approved size: the campaign waits for approvers again,
    /// with the drift as the change they are asked about. Called by the scheduler for a run the pipeline held; nothing was sent.
    /// </summary>
    public async Task RequestReapprovalAsync(CampaignId id, ResolvedCampaign campaign, long recipients, string drift, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (campaigns.Get(id) is not { } record)
        {
            return;
        }

        var requirement = ApprovalPolicy.Requirement(campaign.Definition, recipients, destinations, rules.Value);
        var request = NewRequest(record, campaign, requirement.Approvers, requirement.Reasons, recipients, AuditLog.SchedulerActor, drift);
        var result = transitions.ApplyAsScheduler(id, new CampaignMove.RequestReapproval(request.Id, drift), _ =>
        {
            approvals.VoidApproved(id);
            approvals.Insert(request);
        });
        if (result.IsOk)
        {
            await notices.SendAfterAsync(new CampaignNotice.ApprovalRequested(request, IsReminder: false), cancellationToken);
        }
    }

    public Task<ServiceResult<CampaignView>> ApproveAsync(CampaignId id, Actor actor, string? comment, CancellationToken cancellationToken) =>
        AnswerOf(DecideAsync(id, actor, ApprovalVerdict.Approve, comment, cancellationToken));

    public Task<ServiceResult<CampaignView>> RejectAsync(CampaignId id, Actor actor, string? comment, CancellationToken cancellationToken) =>
        AnswerOf(DecideAsync(id, actor, ApprovalVerdict.Reject, comment, cancellationToken));

    /// <summary>
    /// Whether <paramref name="actor"/> may decide on the campaign now, checked before asking them for a reason or a
    /// comment: a refusal comes before they type. Ok also when they already gave this verdict and it still stands
    /// (repeating it changes nothing); the view's approval shows their decision and when they gave it.
    /// </summary>
    public ServiceResult<CampaignView> CheckDecision(CampaignId id, Actor actor, ApprovalVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Precheck(id, actor, verdict, out var campaign, out _) ?? views.Of(campaign!, actor.Person);
    }

    /// <summary>The answer when the decision cannot or need not be recorded (refused, or already recorded); null when it may be.</summary>
    private ServiceResult<CampaignView>? Precheck(CampaignId id, Actor actor, ApprovalVerdict verdict, out CampaignRecord? campaign, out ApprovalRequestRecord? request)
    {
        request = null;
        campaign = null;
        // The role alone first, before anything is looked up; four-eyes needs the campaign's author, below.
        if (actor.Refusal<CampaignView>(Operation.DecideApprovals) is { } refused)
        {
            return refused;
        }

        if (campaigns.Get(id) is not { } found)
        {
            return CampaignService.NotFound<CampaignView>(id);
        }

        campaign = found;
        if (found.OpenRequestId is not { } requestId || approvals.Get(requestId) is not { State: ApprovalRequestState.Open } open)
        {
            // Deciding twice is idempotent: the same person repeating the decision that closed the request gets the result again,
            // as long as that decision still stands (an approval voided by an edit is not approved again by a late click).
            // The campaign is read again after the request: a decision closing the request a moment ago changed both in
            // one transaction, so this read sees the approval the request says it got.
            var closed = approvals.ForCampaign(id).LastOrDefault();
            found = campaigns.Get(id) ?? found;
            campaign = found;
            var stands = closed is not null && (verdict == ApprovalVerdict.Approve
                ? closed.State == ApprovalRequestState.Approved && found.ApprovedFingerprint == closed.Fingerprint
                : closed.State == ApprovalRequestState.Rejected);
            if (stands && closed!.Decisions.Exists(d => d.PersonId == actor.Person.Id && d.Verdict == verdict))
            {
                return views.Of(found, actor.Person);
            }

            return new ServiceResult<CampaignView>.Conflict($"There is nothing to decide: '{found.Name}' is {CampaignLifecycle.Words(found.Status)}, not waiting for approval.");
        }

        request = open;
        return ApprovalDecisions.MayDecide(actor.Person, found.AuthorId, open.DecisionList(), verdict) switch
        {
            DecisionCheck.AlreadyRecorded => views.Of(found, actor.Person),
            DecisionCheck.Refused refusal => new ServiceResult<CampaignView>.Forbidden(refusal.Reason),
            _ => null,
        };
    }

    /// <summary>
    /// Records <paramref name="actor"/>'s <paramref name="verdict"/>, telling a repeated click apart: when they already
    /// gave it and it still stands, nothing is recorded and <see cref="DecisionAnswer.Repeated"/> is set, so a chat
    /// can say when they decided instead of deciding again. One look at the campaign and its request serves both.
    /// </summary>
    public async Task<DecisionAnswer> DecideAsync(CampaignId id, Actor actor, ApprovalVerdict verdict, string? comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Precheck(id, actor, verdict, out var campaign, out var request) is { } answered)
        {
            return new DecisionAnswer(answered, Repeated: answered is ServiceResult<CampaignView>.Ok);
        }

        return new DecisionAnswer(await RecordAsync(campaign!, request!, actor, verdict, comment, cancellationToken), Repeated: false);
    }

    private static async Task<ServiceResult<CampaignView>> AnswerOf(Task<DecisionAnswer> deciding) => (await deciding).Result;

    private async Task<ServiceResult<CampaignView>> RecordAsync(
        CampaignRecord campaign, ApprovalRequestRecord request, Actor actor, ApprovalVerdict verdict, string? comment, CancellationToken cancellationToken)
    {
        var id = campaign.Id;
        switch (ApprovalDecisions.Check(actor.Person, campaign.AuthorId, request.DecisionList(), verdict, comment))
        {
            case DecisionCheck.AlreadyRecorded:
                return views.Of(campaign, actor.Person);
            case DecisionCheck.Refused refusal:
                return refusal.Reason.Contains("comment", StringComparison.OrdinalIgnoreCase)
                    ? new ServiceResult<CampaignView>.Invalid([new("comment", refusal.Reason, Core.Validation.ProblemSeverity.Error)])
                    : new ServiceResult<CampaignView>.Forbidden(refusal.Reason);
        }

        // The approval covers exactly what was submitted: if a segment behind it changed since, the request is stale.
        // It is withdrawn and the campaign goes back to Draft, so the author can review the change and submit again.
        var resolved = resolver.Resolve(campaign);
        if (verdict == ApprovalVerdict.Approve && (!resolved.IsValid || resolved.Value!.Snapshot.Fingerprint != request.Fingerprint))
        {
            transitions.Apply(id, null, new CampaignMove.WithdrawStaleRequest(), actor, _ => approvals.Close(request, ApprovalRequestState.Withdrawn));
            return new ServiceResult<CampaignView>.Conflict(
                $"'{campaign.Name}' no longer matches what was submitted (a segment or destination behind it changed); it is back in Draft for the author to submit again.");
        }

        var decision = new DecisionRecord
        {
            PersonId = actor.Person.Id,
            PersonName = actor.Person.Name,
            Verdict = verdict,
            At = clock.GetUtcNow(),
            Channel = actor.Channel,
            Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
        };

        // Decisions are counted inside one transaction on the request as stored, so two approvers deciding at the
        // same moment both count and neither overwrites the other. Decisions made at the same moment share a commit (a
        // grouped write): each still reads the request as the decisions before it in the group left it.
        ApprovalOutcome? outcome = null;
        ApprovalRequestRecord? decided = null;
        var result = await database.WriteGroupedAsync<ServiceResult<CampaignRecord>>(() =>
        {
            outcome = null;
            decided = null;
            if (approvals.Get(request.Id) is not { State: ApprovalRequestState.Open } fresh)
            {
                // The same person's same verdict closed it a moment ago (a double click racing itself): the same answer as the first.
                return approvals.Get(request.Id) is { } closed && closed.Decisions.Exists(d => d.PersonId == actor.Person.Id && d.Verdict == verdict)
                    ? campaigns.Get(id)!
                    : new ServiceResult<CampaignRecord>.Conflict("Someone decided on this request a moment ago; reload the campaign to see the outcome.");
            }

            switch (ApprovalDecisions.Check(actor.Person, campaign.AuthorId, fresh.DecisionList(), verdict, comment))
            {
                case DecisionCheck.AlreadyRecorded:
                    return campaigns.Get(id)!;
                case DecisionCheck.Refused refused:
                    return new ServiceResult<CampaignRecord>.Forbidden(refused.Reason);
            }

            outcome = ApprovalDecisions.Outcome([.. fresh.DecisionList(), new(decision.PersonId, decision.PersonName, verdict, decision.At, decision.Channel, decision.Comment)], fresh.RequiredApprovers);

            // The request as this decision leaves it (the writes below add the decision to it), for the notices.
            decided = fresh;
            return outcome switch
            {
                ApprovalOutcome.Waiting waiting => RecordOnly(campaign, fresh, decision, actor, waiting.More),
                ApprovalOutcome.Approved => transitions.Apply(id, null,
                    new CampaignMove.Approve(new ApprovedVersion(fresh.Fingerprint, fresh.SnapshotJson, decision.At, fresh.Audience), decision.Comment),
                    actor, _ => Close(fresh, decision, ApprovalRequestState.Approved)),
                _ => transitions.Apply(id, null, new CampaignMove.Reject(actor.Person.Name, decision.Comment), actor,
                    _ => Close(fresh, decision, ApprovalRequestState.Rejected)),
            };
        });
        if (result is not ServiceResult<CampaignRecord>.Ok ok)
        {
            return result.Select(c => views.Of(c, actor.Person));
        }

        if (outcome is not (null or ApprovalOutcome.Waiting))
        {
            // The notice carries every decision including this one.
            await notices.SendAfterAsync(new CampaignNotice.ApprovalDecided(decided!, outcome is ApprovalOutcome.Approved ? "approved" : "rejected"), cancellationToken);
            scheduler.Wake();
        }
        else if (outcome is ApprovalOutcome.Waiting)
        {
            await notices.SendAfterAsync(new CampaignNotice.ApprovalProgressed(decided!), cancellationToken);
        }

        return views.Of(ok.Value, actor.Person);
    }

    /// <summary>Reminds approvers of requests left undecided too long and expires those past their deadline.</summary>
    public async Task<int> RemindAndExpireAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var changed = 0;
        foreach (var request in approvals.Open())
        {
            if (request.ExpiresAt <= now)
            {
                var result = transitions.ApplyAsScheduler(request.CampaignId, new CampaignMove.ExpireRequest(rules.Value.RequestExpiresAfter),
                    _ => approvals.Close(request, ApprovalRequestState.Expired));
                if (result.IsOk)
                {
                    changed++;
                    await notices.SendAfterAsync(new CampaignNotice.ApprovalExpired(request), cancellationToken);
                }
            }
            else if (request.RemindAt <= now && request.RemindedAt is null)
            {
                request.RemindedAt = now;
                database.Write(() => approvals.Update(request));
                changed++;
                await notices.SendAfterAsync(new CampaignNotice.ApprovalRequested(request, IsReminder: true), cancellationToken);
            }
        }

        return changed;
    }

    private ApprovalRequestRecord NewRequest(
        CampaignRecord campaign, ResolvedCampaign resolved, int approvers, IReadOnlyList<string> reasons, long audience, string requestedBy, string? changes)
    {
        var now = clock.GetUtcNow();
        return new ApprovalRequestRecord
        {
            Id = Guid.NewGuid(),
            CampaignId = campaign.Id,
            CampaignName = campaign.Name,
            Fingerprint = resolved.Snapshot.Fingerprint,
            SnapshotJson = JsonSerializer.Serialize(resolved.Snapshot.Lines, CampaignResolver.Json),
            ChangesSinceApproved = changes,
            RequiredApprovers = approvers,
            Reasons = [.. reasons],
            Audience = audience,
            AuthorId = campaign.AuthorId,
            RequestedBy = requestedBy,
            RequestedAt = now,
            RemindAt = now + rules.Value.ReminderAfter,
            ExpiresAt = now + rules.Value.RequestExpiresAfter,
            State = ApprovalRequestState.Open,
        };
    }

    private ServiceResult<CampaignRecord> RecordOnly(CampaignRecord campaign, ApprovalRequestRecord request, DecisionRecord decision, Actor actor, int more) =>
        database.Write<ServiceResult<CampaignRecord>>(() =>
        {
            request.Decisions.Add(decision);
            approvals.Update(request);
            audit.Add(new AuditEntry
            {
                CampaignId = campaign.Id,
                At = decision.At,
                Actor = actor.Person.Id,
                Channel = actor.Channel,
                Action = "Approve",
                From = campaign.Status,
                To = campaign.Status,
                Detail = $"{more} more {(more == 1 ? "approval" : "approvals")} needed",
            });
            return campaign;
        });

    private void Close(ApprovalRequestRecord request, DecisionRecord decision, ApprovalRequestState state)
    {
        request.Decisions.Add(decision);
        approvals.Close(request, state);
    }

    private static CampaignSnapshot ReadSnapshot(string json) =>
        new(JsonSerializer.Deserialize<List<SnapshotLine>>(json, CampaignResolver.Json) ?? []);
}
