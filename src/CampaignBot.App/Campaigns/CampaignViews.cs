using CampaignBot.App.Application;
using CampaignBot.App.Approvals;
using CampaignBot.App.Runs;
using CampaignBot.App.Triggers;
using CampaignBot.Core.Approvals;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Lifecycle;
using CampaignBot.Core.People;
using CampaignBot.Core.Scheduling;
using CampaignBot.Core.Triggers;
using CampaignBot.Core.Validation;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Campaigns;

/// <summary>Builds <see cref="CampaignView"/>s, including which actions the reader's roles allow right now.</summary>
public sealed class CampaignViews(ApprovalStore approvals, RunStore runs, LatestVerdicts verdicts, IOptions<TriggerOptions> triggers, TimeProvider clock)
{
    public CampaignView Of(CampaignRecord campaign, Person reader, IReadOnlyList<ValidationProblem>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(reader);
        var draft = CampaignResolver.ReadDraft(campaign.DraftJson);
        var definition = new CampaignValidator(new StoppedClock(campaign.ValidatedAt)).Validate(draft).Value;
        var request = campaign.OpenRequestId is { } id ? approvals.Get(id) : approvals.ForCampaign(campaign.Id).LastOrDefault();
        var interrupted = Interrupted(campaign);
        var verdict = verdicts.Of(campaign.Id);
        return new CampaignView
        {
            Id = campaign.Id,
            Version = campaign.Version,
            Name = campaign.Name,
            Status = campaign.Status,
            StatusText = interrupted is null ? CampaignLifecycle.Words(campaign.Status) : RunView.InterruptedText,
            StatusReason = interrupted is null
                ? campaign.StatusReason
                : $"Interrupted, resuming: the service running run {interrupted.Id} stopped; it continues after its last delivered batch.",
            Draft = draft,
            AuthorId = campaign.AuthorId,
            CreatedAt = campaign.CreatedAt,
            UpdatedAt = campaign.UpdatedAt,
            Schedule = definition is null ? null
                : definition.Trigger is { } trigger ? TriggerDescription.Describe(trigger, triggers.Value.PollInterval)
                : ScheduleDescription.Describe(definition.Schedule, campaign.Anchor ?? definition.Schedule.LaunchInstant ?? campaign.UpdatedAt),
            NextRunAt = campaign.NextRunAt,
            AttributionDays = definition?.AttributionDays ?? AttributionRules.DefaultDays,
            LatestVerdict = verdict?.Verdict,
            LatestVerdictAt = verdict?.ComputedAt,
            Approval = request is null ? null : Of(request, campaign),
            Warnings = warnings ?? [],
            Actions = Actions(campaign, reader, request),
        };
    }

    public static ApprovalView Of(ApprovalRequestRecord request, CampaignRecord campaign)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(campaign);

        // An approval the campaign no longer carries does not stand, also when it was voided before requests recorded it.
        var voided = request.State == ApprovalRequestState.Approved && campaign.ApprovedFingerprint != request.Fingerprint;
        return new ApprovalView
        {
            RequestId = request.Id,
            State = (voided ? ApprovalRequestState.Voided : request.State).ToString(),
            RequiredApprovers = request.RequiredApprovers,
            Reasons = request.Reasons,
            Audience = request.Audience,
            Decisions = request.Decisions.Select(d => new DecisionView(d.PersonId, d.PersonName, d.Verdict.ToString(), d.At, d.Channel, d.Comment)).ToList(),
            Changes = request.ChangesSinceApproved,
            ExpiresAt = request.ExpiresAt,
        };
    }

    // A running campaign whose run lost its worker reads as interrupted until a scheduler takes the run up again.
    private RunRecord? Interrupted(CampaignRecord campaign)
    {
        if (campaign.Status != CampaignStatus.Running)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        return runs.ForCampaign(campaign.Id).FirstOrDefault(r => r.IsInterruptedAt(now));
    }

    // Each action is offered only when clicking it would pass the same checks the service makes: the permission
    // policy, and for Approve and Reject the decisions recorded so far (who decided is not offered to decide again).
    private static List<string> Actions(CampaignRecord campaign, Person reader, ApprovalRequestRecord? request) =>
        CampaignLifecycle.Available(campaign.Status)
            .Where(action => action switch
            {
                CampaignAction.Approve or CampaignAction.Reject => ApprovalDecisions.MayDecide(
                    reader, campaign.AuthorId, request?.DecisionList() ?? [], action == CampaignAction.Approve ? ApprovalVerdict.Approve : ApprovalVerdict.Reject)
                    is DecisionCheck.Allowed,
                _ => Permissions.Allows(reader, Permissions.OperationOf(action)),
            })
            .Select(action => action.ToString().ToLowerInvariant())
            .ToList();
}
