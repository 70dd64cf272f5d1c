using CampaignBot.App.Application;
using CampaignBot.App.Approvals;
using CampaignBot.App.Audit;
using CampaignBot.App.Runs;
using CampaignBot.App.Storage;
using CampaignBot.App.Users;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Lifecycle;
using CampaignBot.Core.People;

namespace CampaignBot.App.Campaigns;

/// <summary>
/// Creating, editing and steering campaigns: what the REST API and every chat channel call. Each method checks
/// the person's role, validates everything, and changes nothing unless it returns Ok.
/// </summary>
public sealed class CampaignService(
    AppDatabase database,
    CampaignStore campaigns,
    ApprovalStore approvals,
    RunStore runs,
    AuditLog audit,
    CampaignResolver resolver,
    CampaignTransitions transitions,
    CampaignViews views,
    SchedulerSignal scheduler,
    UserDirectory people,
    TimeProvider clock)
{
    public IReadOnlyList<CampaignView> List(Actor actor) =>
        Permissions.Allows(actor.Person, Operation.ReadCampaigns) ? campaigns.List().Select(c => views.Of(c, actor.Person)).ToList() : [];

    /// <summary>Campaigns matching the query, newest change first, one page at a time.</summary>
    public ServiceResult<CampaignPage> Find(CampaignQuery query, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<CampaignPage>(Operation.ReadCampaigns) is { } refused)
        {
            return refused;
        }

        var problems = query.Check(out var status);
        if (problems.HasErrors)
        {
            return new ServiceResult<CampaignPage>.Invalid(problems.Items);
        }

        var search = query.Search?.Trim() ?? "";
        var author = query.Author?.Trim() ?? "";
        var matching = (status is { } wanted ? campaigns.InStatus(wanted).OrderByDescending(c => c.UpdatedAt).ToList() : campaigns.List())
            .Where(c => search.Length == 0 || c.Name.Contains(search, StringComparison.OrdinalIgnoreCase))
            .Where(c => author.Length == 0 || string.Equals(c.AuthorId, author, StringComparison.OrdinalIgnoreCase))
            .ToList();
        matching = PriorityOrder.Apply(query.Sort, matching);
        var items = matching.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).Select(c => views.Of(c, actor.Person)).ToList();
        return new CampaignPage(items, query.Page, query.PageSize, matching.Count);
    }

    /// <summary>Everything that happened to the campaign, oldest first.</summary>
    public ServiceResult<IReadOnlyList<AuditView>> History(CampaignId id, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<IReadOnlyList<AuditView>>(Operation.ReadCampaignHistory) is { } refused)
        {
            return refused;
        }

        var entries = audit.For(id);
        if (entries.Count == 0 && campaigns.Get(id) is null)
        {
            return NotFound<IReadOnlyList<AuditView>>(id);
        }

        return entries.Select(e => new AuditView(
            e.At, e.Actor, e.Actor == AuditLog.SchedulerActor ? "the scheduler" : people.ById(e.Actor)?.Name ?? e.Actor,
            e.Channel, e.Action, e.From?.ToString(), e.To?.ToString(), e.Detail)).ToList();
    }

    public ServiceResult<CampaignView> Get(CampaignId id, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<CampaignView>(Operation.ReadCampaigns) is { } refused)
        {
            return refused;
        }

        return campaigns.Get(id) is { } campaign ? views.Of(campaign, actor.Person) : NotFound<CampaignView>(id);
    }

    public ServiceResult<CampaignView> Create(CampaignDraft draft, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<CampaignView>(Operation.CreateCampaigns) is { } refused)
        {
            return refused;
        }

        var id = CampaignId.New();
        var now = clock.GetUtcNow();
        var resolved = resolver.Resolve(id, draft, now);
        if (!resolved.IsValid)
        {
            return new ServiceResult<CampaignView>.Invalid(resolved.Problems);
        }

        var record = new CampaignRecord
        {
            Id = id,
            Version = 1,
            Name = resolved.Value!.Definition.Name,
            DraftJson = CampaignResolver.WriteDraft(draft),
            ValidatedAt = now,
            AuthorId = actor.Person.Id,
            CreatedAt = now,
            UpdatedAt = now,
        };
        database.Write(() =>
        {
            campaigns.Insert(record);
            audit.Add(new AuditEntry { CampaignId = record.Id, At = now, Actor = actor.Person.Id, Channel = actor.Channel, Action = "Create", To = CampaignStatus.Draft });
        });
        return views.Of(record, actor.Person, resolved.Value.Warnings);
    }

    /// <summary>Replaces the draft. Anything approved or waiting goes back to Draft and its approval is void.</summary>
    /// <param name="expectedVersion">The version the caller read; null to overwrite whatever is stored (If-Match: *).</param>
    public ServiceResult<CampaignView> Update(CampaignId id, int? expectedVersion, CampaignDraft draft, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<CampaignView>(Operation.EditCampaigns) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        var resolved = resolver.Resolve(id, draft, now);
        if (!resolved.IsValid)
        {
            return campaigns.Get(id) is null ? NotFound<CampaignView>(id) : new ServiceResult<CampaignView>.Invalid(resolved.Problems);
        }

        var result = transitions.Apply(id, expectedVersion, new CampaignMove.Edit(), actor, campaign =>
        {
            campaign.Name = resolved.Value!.Definition.Name;
            campaign.DraftJson = CampaignResolver.WriteDraft(draft);
            campaign.ValidatedAt = now;
            WithdrawApproval(campaign);
            CancelPausedRuns(id, "The campaign was edited while this run was paused.");
        });
        return result.Select(c => views.Of(c, actor.Person, resolved.Value!.Warnings));
    }

    public ServiceResult<CampaignView> Delete(CampaignId id, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<CampaignView>(Operation.DeleteCampaigns) is { } refused)
        {
            return refused;
        }

        return database.Write<ServiceResult<CampaignView>>(() =>
        {
            if (campaigns.Get(id) is not { } campaign)
            {
                return NotFound<CampaignView>(id);
            }

            var check = CampaignLifecycle.Check(campaign.Status, CampaignAction.Delete);
            if (!check.IsAllowed)
            {
                return new ServiceResult<CampaignView>.Conflict(check.Refusal!);
            }

            if (runs.AnyFor(id))
            {
                return new ServiceResult<CampaignView>.Conflict(campaign.Status == CampaignStatus.Cancelled
                    ? $"'{campaign.Name}' has runs on record, so it is kept for its history; it is cancelled and will not run again."
                    : $"'{campaign.Name}' has runs on record; cancel it instead so its history stays.");
            }

            WithdrawApproval(campaign);
            campaigns.Delete(id);
            audit.Add(new AuditEntry { CampaignId = id, At = clock.GetUtcNow(), Actor = actor.Person.Id, Channel = actor.Channel, Action = "Delete", From = campaign.Status });
            return views.Of(campaign, actor.Person);
        });
    }

    public ServiceResult<CampaignView> Pause(CampaignId id, Actor actor) =>
        Steer(id, actor, CampaignAction.Pause, _ => new CampaignMove.Pause(actor.Person.Name));

    /// <summary>Continues a run the pause stopped, where it stopped; otherwise the schedule picks up from the last run.</summary>
    public ServiceResult<CampaignView> Resume(CampaignId id, Actor actor)
    {
        var result = Steer(id, actor, CampaignAction.Resume, c => new CampaignMove.Resume(
            runs.ForCampaign(id).FirstOrDefault(r => r.Status == RunStatus.Paused)?.Slot,
            resolver.Resolve(c).Value?.Definition.Schedule));
        scheduler.Wake();
        return result;
    }

    public ServiceResult<CampaignView> Cancel(CampaignId id, Actor actor) =>
        Steer(id, actor, CampaignAction.Cancel, _ => new CampaignMove.Cancel(actor.Person.Name), c =>
        {
            WithdrawApproval(c);
            CancelPausedRuns(id, $"Cancelled by {actor.Person.Name}.");
        });

    // The action names what the person asks for, so the permission policy is asked before the campaign is read.
    private ServiceResult<CampaignView> Steer(
        CampaignId id, Actor actor, CampaignAction action, Func<CampaignRecord, CampaignMove> move, Action<CampaignRecord>? alongside = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<CampaignView>(Permissions.OperationOf(action)) is { } refused)
        {
            return refused;
        }

        return transitions.Apply(id, move, actor, alongside).Select(c => views.Of(c, actor.Person));
    }

    // A run stopped by a pause cannot continue once the campaign changed or ended; it is closed, keeping what it delivered.
    private void CancelPausedRuns(CampaignId id, string reason)
    {
        foreach (var run in runs.ForCampaign(id).Where(r => r.Status == RunStatus.Paused))
        {
            run.Status = RunStatus.Cancelled;
            run.FinishedAt = clock.GetUtcNow();
            run.Errors.Add(reason);
            runs.TryUpdate(run, run.Version);
        }
    }

    // The campaign's lifecycle forgets its approval in the same transition; the approval requests say so too.
    private void WithdrawApproval(CampaignRecord campaign) =>
        approvals.Withdraw(campaign.Id, campaign.ApprovedFingerprint is not null, campaign.OpenRequestId);

    internal static ServiceResult<T> NotFound<T>(CampaignId id) => new ServiceResult<T>.NotFound($"There is no campaign {id}.");
}
