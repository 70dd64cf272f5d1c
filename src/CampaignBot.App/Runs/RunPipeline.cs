using System.Data.Common;
using System.Diagnostics;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Notifications;
using CampaignBot.App.Storage;
using CampaignBot.App.Triggers;
using CampaignBot.Core.Approvals;
using CampaignBot.Core.Audiences;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Destinations;
using CampaignBot.Core.Lifecycle;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Results;
using CampaignBot.Delivery.Connectors;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Runs;

/// <summary>
/// Carries out one run: counts and places the audience, records the control groups' members (never sent),
/// delivers every (recipient group, destination) through its connector in resumable batches, and finishes the
/// run and the campaign. Safe to call again on a run that stopped part-way: it continues where it left off.
/// A run held because its audience drifted is reported to the caller, who asks the approvers again.
/// </summary>
public sealed partial class RunPipeline(
    AppDatabase database,
    RunStore runs,
    RunLedger ledger,
    CampaignStore campaigns,
    CampaignResolver resolver,
    CampaignTransitions transitions,
    DestinationStateStore destinationState,
    DeliveryRunner deliveries,
    SendHistory sends,
    RunHeartbeat heartbeats,
    TriggerPasses triggers,
    IConnectorFactory connectors,
    CustomerEngine engine,
    NoticeQueue notices,
    IOptions<ApprovalRules> approvalRules,
    TimeProvider clock,
    ILogger<RunPipeline> logger)
{
    private readonly AudienceBuilder _audiences = new(engine);
    private readonly RunAudiences _stored = new(engine);

    /// <summary>Carries the run out while a heartbeat keeps its lease; stops early if another scheduler takes it over.</summary>
    /// <returns>Why the run was held for re-approval, with nothing sent; null when it was not.</returns>
    public async Task<HeldForReapproval?> ExecuteAsync(string runId, string owner, CancellationToken cancellationToken)
    {
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopHeartbeat = new CancellationTokenSource();
        var heartbeat = heartbeats.KeepAsync(runId, owner, work, stopHeartbeat.Token);
        try
        {
            return await WorkAsync(runId, owner, work.Token, cancellationToken);
        }
        finally
        {
            await stopHeartbeat.CancelAsync();
            await heartbeat;
        }
    }

    private async Task<HeldForReapproval?> WorkAsync(string runId, string owner, CancellationToken work, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            return await ExecuteCoreAsync(runId, owner, watch, work);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the run stays Running; the next start (or another instance) resumes it.
            ledger.Update(runId, owner, r => r.Seconds += watch.Elapsed.TotalSeconds);
            ledger.Release(runId, owner);
            throw;
        }
        catch (OperationCanceledException) when (work.IsCancellationRequested)
        {
            // The heartbeat found the run taken over (this worker had stalled past its lease): the new owner
            // resumes it after the last committed batch, and this worker writes nothing more.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRunFailed(e, runId);
            var failed = ledger.Update(runId, owner, r =>
            {
                r.Errors.Add($"The run stopped unexpectedly: {e.Message}");
                foreach (var d in r.Deliveries.Where(d => d.Status == DeliveryStatus.Pending))
                {
                    d.Status = DeliveryStatus.Failed;
                    d.Error ??= "Not delivered: the run stopped before reaching it.";
                }
            });
            if (failed is not null)
            {
                await FinishAsync(failed, owner, watch, work);
            }
        }

        return null;
    }

    private async Task<HeldForReapproval?> ExecuteCoreAsync(string runId, string owner, Stopwatch watch, CancellationToken cancellationToken)
    {
        if (runs.Get(runId) is not { } run || campaigns.Get(run.CampaignId) is not { } campaign)
        {
            return null;
        }

        var resolved = resolver.Resolve(campaign);
        if (!resolved.IsValid)
        {
            var errors = resolved.Errors.Select(p => $"{p.Path}: {p.Message}").ToList();
            var failed = ledger.Update(runId, owner, r => r.Errors.AddRange(errors));
            if (failed is not null)
            {
                await FinishAsync(failed, owner, watch, cancellationToken);
            }

            return null;
        }

        var plan = resolved.Value!;
        var today = Today(run);
        if (!run.Counted)
        {
            if (plan.Definition.Trigger is { } trigger)
            {
                await triggers.ClaimAsync(run, campaign, trigger, cancellationToken);
            }

            var counted = await CountAsync(run, owner, campaign, plan, cancellationToken);
            if (counted is null)
            {
                return null;
            }

            run = counted;
            if (run.Status == RunStatus.HeldForApproval)
            {
                await DropAudienceAsync(run.Id, RunAudience.TableFor(run.Id));
                return new HeldForReapproval(campaign.Id, plan, run.Recipients, run.Errors[^1]);
            }

            await notices.SendInTurnAsync(new CampaignNotice.RunStarted(run, plan.Definition.IsTriggered), cancellationToken);
        }

        foreach (var delivery in run.Deliveries.Where(d => d.Status == DeliveryStatus.Pending).ToList())
        {
            var deliveryPlan = plan.Deliveries.Single(d => d.Key == delivery.Key);
            var connector = connectors.Create(deliveryPlan.Instance);
            var state = destinationState.GetOrCreate(run.CampaignId, deliveryPlan.GroupName, deliveryPlan.Instance.Name,
                () => ListNames.For(deliveryPlan.Instance.Descriptor, campaign.Name, deliveryPlan.GroupName));
            var target = new DeliveryTarget
            {
                CampaignId = run.CampaignId.ToString(),
                Campaign = campaign.Name,
                Group = deliveryPlan.GroupName,
                RunId = run.Id,
                ListName = state.ListName,
                Fields = new RowShaper(deliveryPlan.Instance.Descriptor, deliveryPlan.Attributes).Fields,
                CreatedAt = run.StartedAt,
            };
            if (ledger.Update(runId, owner, r => r.Deliveries.Single(d => d.Key == delivery.Key).Attempts++) is null)
            {
                return null;
            }

            var stop = await deliveries.DeliverAsync(new DeliveryJob
            {
                RunId = run.Id,
                Owner = owner,
                Delivery = delivery,
                Plan = deliveryPlan,
                // Caps count the sends before this run began, so a resumed run leaves out the same customers.
                Audience = await WithStoredAsync(triggers.Scope(plan.DeliveryRequest(deliveryPlan, today, run.StartedAt, run.Id), run, plan.Definition), run, cancellationToken),
                Connector = connector,
                Target = target,
                ListKey = plan.Definition.IsRecurring ? state.Id : null,
                StillRunning = () => IsRunning(run.CampaignId),
            }, cancellationToken);
            if (stop == DeliveryRunner.Stop.LostRun)
            {
                return null;
            }

            if (stop == DeliveryRunner.Stop.Halted)
            {
                await HaltAsync(runId, owner, watch);
                return null;
            }
        }

        if (runs.Get(runId) is { } finished)
        {
            await FinishAsync(finished, owner, watch, cancellationToken);
        }

        return null;
    }

    // Counts every slot, writes each control group's member ids to a file, and lists the deliveries to make.
    private async Task<RunRecord?> CountAsync(
        RunRecord run, string owner, CampaignRecord campaign, ResolvedCampaign plan, CancellationToken cancellationToken)
    {
        var phase = Stopwatch.StartNew();
        var counting = triggers.Scope(plan.AudienceRequest(Today(run)), run, plan.Definition);
        var stored = await StoreAudienceAsync(run, plan, counting, cancellationToken);
        var request = counting with { Snapshot = stored };
        var tally = await _audiences.CountAsync(request, cancellationToken);
        LogCounted(run.Id, phase.Elapsed.TotalSeconds);
        phase.Restart();
        var groups = new List<GroupCount>();
        for (var s = 0; s < plan.Definition.SubAudiences.Count; s++)
        {
            var subAudience = plan.Definition.SubAudiences[s];
            var control = tally.Count(GroupSlot.Control(s));
            string? membersFile = null;
            if (control > 0)
            {
                membersFile = ControlFile(run.Id, s);
                Directory.CreateDirectory(Path.GetDirectoryName(membersFile)!);
                await _audiences.ExportCsvAsync(request, AudienceSlice.Of(GroupSlot.Control(s)), [], membersFile, cancellationToken);
                if (ledger.StartSendHistory(run.Id, owner, RunRecord.ControlStep(s)) is not { } firstAttempt)
                {
                    return null;
                }

                await sends.RecordAsync(
                    new SendRecord(run.CampaignId.ToString(), run.Id, subAudience.Name, "Control", IsControl: true, Channel: null, Destination: null, clock.GetUtcNow()),
                    request, GroupSlot.Control(s), firstAttempt, cancellationToken);
            }

            groups.Add(new GroupCount { SubAudience = s, SubAudienceName = subAudience.Name, Group = GroupSlot.ControlGroup, Name = "Control", Members = control, MembersFile = membersFile });
            groups.AddRange(subAudience.Groups.Select((g, i) => new GroupCount { SubAudience = s, SubAudienceName = subAudience.Name, Group = i, Name = g.Name, Members = tally.Count(new GroupSlot(s, i)) }));
        }

        LogControlRecorded(run.Id, phase.Elapsed.TotalSeconds);
        var recipients = groups.Where(g => !g.IsControl).Sum(g => g.Members);
        var drifted = plan.Definition.IsRecurring && campaign.ApprovedAudience is { } approved && runs.ForCampaign(run.CampaignId).Any(r => r.Id != run.Id && r.Counted)
            && ApprovalPolicy.DriftExceeds(approved, recipients, approvalRules.Value.RecurringDriftPercent, out _);
        return ledger.Update(run.Id, owner, r =>
        {
            r.Groups = groups;
            r.Unmatched = tally.Unmatched;
            r.Counted = true;
            r.AudienceTable = drifted ? null : stored?.Table;
            r.AudienceChannels = [.. stored?.Channels ?? []];
            r.AudienceSuppressions = stored?.Suppressions ?? "";
            r.Deliveries = plan.Deliveries.Select(d => new DeliveryRecord
            {
                Key = d.Key,
                SubAudience = d.Slot.SubAudience,
                Group = d.Slot.Group,
                GroupName = d.GroupName,
                Destination = d.Instance.Name,
                Status = DeliveryStatus.Pending,
            }).ToList();
            if (drifted)
            {
                r.Status = RunStatus.HeldForApproval;
                r.Errors.Add($"The audience is {recipients:N0} recipients against {campaign.ApprovedAudience:N0} approved; nothing was sent and the campaign waits for re-approval.");
            }
        });
    }

    // Storing the audience saves time, nothing more: where the engine refuses (rights to create tables, space), each step
    // builds the audience itself, as runs did before.
    private async Task<RunAudience?> StoreAudienceAsync(RunRecord run, ResolvedCampaign plan, AudienceRequest counting, CancellationToken cancellationToken)
    {
        try
        {
            return await _stored.StoreAsync(counting, run.Id, plan.Deliveries.Select(d => d.SuppressionChannel), cancellationToken);
        }
        catch (DbException e)
        {
            LogAudienceNotStored(e, run.Id);
            return null;
        }
    }

    // A delivery reads the run's stored audience when the run has one with its channel's flag and the suppressions have
    // not changed since; otherwise (a suppression was added, the run was counted before audiences were stored, it is
    // retried after its stored audience was dropped, or resumed on another engine) it builds the audience as it is now.
    private async Task<AudienceRequest> WithStoredAsync(AudienceRequest request, RunRecord run, CancellationToken cancellationToken) =>
        run.AudienceTable is { } table && new RunAudience(table, run.AudienceChannels, run.AudienceSuppressions) is var stored
            && stored.Covers(request.SuppressionChannel) && await _stored.IsCurrentAsync(stored, cancellationToken)
            ? request with { Snapshot = stored }
            : request;

    // Nothing reads the stored audience once the run has ended (a retry builds the audience again); a failure to drop
    // it only leaves a table behind, so it is logged, not raised.
    private async Task DropAudienceAsync(string runId, string? table)
    {
        if (table is null)
        {
            return;
        }

        try
        {
            await _stored.DropAsync(table, CancellationToken.None);
        }
        catch (DbException e)
        {
            LogAudienceNotDropped(e, runId, table);
        }
    }

    // Dated segments ("ordered in the last 14 days") are read as of the occurrence, so a run resumed a day later counts the same audience.
    private static DateOnly Today(RunRecord run) => DateOnly.FromDateTime(run.Slot.UtcDateTime);

    private string ControlFile(string runId, int subAudience) =>
        Path.Combine(Path.GetDirectoryName(database.Path)!, "runs", runId, $"control-{subAudience + 1}.csv");

    // A retried run of a recurring campaign runs while the campaign is Scheduled; only pausing, cancelling or editing stops it.
    private bool IsRunning(CampaignId campaignId) =>
        campaigns.Get(campaignId)?.Status is not (null or CampaignStatus.Paused or CampaignStatus.Cancelled or CampaignStatus.Draft or CampaignStatus.PendingApproval);

    // The campaign was paused or cancelled between batches: the run stops and keeps its place.
    private Task HaltAsync(string runId, string owner, Stopwatch watch)
    {
        var campaign = runs.Get(runId) is { } run ? campaigns.Get(run.CampaignId) : null;
        var status = campaign?.Status == CampaignStatus.Paused ? RunStatus.Paused : RunStatus.Cancelled;
        string? table = null;
        var halted = ledger.Update(runId, owner, r =>
        {
            r.Status = status;
            r.Seconds += watch.Elapsed.TotalSeconds;
            if (status == RunStatus.Cancelled)
            {
                r.FinishedAt = clock.GetUtcNow();
                (table, r.AudienceTable) = (r.AudienceTable, null);
            }
        });
        return halted is null ? Task.CompletedTask : DropAudienceAsync(runId, table);
    }

    private async Task FinishAsync(RunRecord run, string owner, Stopwatch watch, CancellationToken cancellationToken)
    {
        var delivered = run.Deliveries.Count(d => d.Status == DeliveryStatus.Delivered);
        var outcome = run.Errors.Count > 0 && delivered == 0 ? RunStatus.Failed
            : delivered == run.Deliveries.Count ? RunStatus.Completed
            : delivered == 0 ? RunStatus.Failed
            : RunStatus.PartiallyFailed;
        string? table = null;
        var finished = ledger.Update(run.Id, owner, r =>
        {
            r.Status = outcome;
            r.FinishedAt = clock.GetUtcNow();
            r.Seconds += watch.Elapsed.TotalSeconds;
            (table, r.AudienceTable) = (r.AudienceTable, null);
        });
        if (finished is null)
        {
            return;
        }

        await DropAudienceAsync(run.Id, table);

        var campaign = campaigns.Get(run.CampaignId);
        if (campaign?.Status == CampaignStatus.Running)
        {
            FinishCampaign(campaign, run.Id, outcome);
        }

        var isPass = campaign is not null && resolver.Resolve(campaign).Value?.Definition is { IsTriggered: true };
        await notices.SendInTurnAsync(new CampaignNotice.RunFinished(finished, isPass), cancellationToken);
    }

    // The lifecycle decides where the campaign goes: the run's outcome for a one-time campaign, the next occurrence
    // (or expiry) for a recurring one, the next pass for a triggered one.
    private void FinishCampaign(CampaignRecord campaign, string runId, RunStatus outcome)
    {
        var definition = resolver.Resolve(campaign).Value?.Definition;
        var recurring = definition is { IsRecurring: true } or { IsTriggered: true } ? definition.Schedule : null;
        var move = new CampaignMove.Finish(runId, Enum.Parse<CampaignStatus>(outcome.ToString()), recurring);
        transitions.ApplyAsScheduler(campaign.Id, move);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: the audience was counted in {Seconds:0.00} s")]
    private partial void LogCounted(string runId, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: the control groups' members were written and recorded in {Seconds:0.00} s")]
    private partial void LogControlRecorded(string runId, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: its audience could not be stored in the customer engine; each step builds it instead")]
    private partial void LogAudienceNotStored(Exception error, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: its stored audience {Table} could not be dropped")]
    private partial void LogAudienceNotDropped(Exception error, string runId, string table);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} stopped unexpectedly")]
    private partial void LogRunFailed(Exception error, string runId);
}
