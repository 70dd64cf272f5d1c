using CampaignBot.App.Application;
using CampaignBot.App.Audit;
using CampaignBot.App.Storage;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Lifecycle;
using LiteDB;

namespace CampaignBot.App.Campaigns;

/// <summary>
/// The one writer of a campaign's lifecycle. Moves a campaign in one transaction: checks nobody saved a newer version
/// meanwhile, asks the Core lifecycle what the move does, applies its effects, bumps the version and writes the audit
/// entry — or changes nothing. Being the one writer, it is also where a move that changed nothing is kept out of the audit.
/// </summary>
public sealed class CampaignTransitions(AppDatabase database, CampaignStore campaigns, AuditLog audit, TimeProvider clock)
{
    /// <summary>A person's move.</summary>
    /// <param name="expectedVersion">The version the caller read; null when the caller does not edit content (approve, pause).</param>
    /// <param name="alongside">
    /// Further writes in the same transaction: the draft's content, approval requests, runs. It sees the campaign as it
    /// was before the move; an exception from it rolls everything back.
    /// </param>
    public ServiceResult<CampaignRecord> Apply(CampaignId id, int? expectedVersion, CampaignMove move, Actor actor, Action<CampaignRecord>? alongside = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Write(id, expectedVersion, _ => move, (actor.Person.Id, actor.Channel), alongside, at: null);
    }

    /// <summary>A person's move, asked for on the campaign as read inside the transaction, so the facts it carries (its schedule, a paused run) are current.</summary>
    public ServiceResult<CampaignRecord> Apply(CampaignId id, Func<CampaignRecord, CampaignMove> ask, Actor actor, Action<CampaignRecord>? alongside = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Write(id, expectedVersion: null, ask, (actor.Person.Id, actor.Channel), alongside, at: null);
    }

    /// <summary>A move the scheduler or a run makes.</summary>
    /// <param name="at">The instant the move happens at; the scheduler passes the one its pass planned with, so what it claims next agrees with what is stored.</param>
    public ServiceResult<CampaignRecord> ApplyAsScheduler(CampaignId id, CampaignMove move, Action<CampaignRecord>? alongside = null, DateTimeOffset? at = null) =>
        Write(id, expectedVersion: null, _ => move, (AuditLog.SchedulerActor, "scheduler"), alongside, at);

    private ServiceResult<CampaignRecord> Write(
        CampaignId id, int? expectedVersion, Func<CampaignRecord, CampaignMove> ask, (string Id, string Channel) by, Action<CampaignRecord>? alongside, DateTimeOffset? at) =>
        database.Write<ServiceResult<CampaignRecord>>(() =>
        {
            if (campaigns.Get(id) is not { } campaign)
            {
                return new ServiceResult<CampaignRecord>.NotFound($"There is no campaign {id}.");
            }

            if (expectedVersion is { } expected && expected != campaign.Version)
            {
                return new ServiceResult<CampaignRecord>.Stale(
                    $"'{campaign.Name}' was changed by someone else (version {campaign.Version}, you had {expected}); reload it and apply your change again.");
            }

            var now = at ?? clock.GetUtcNow();
            var decided = CampaignLifecycle.Decide(campaign.Lifecycle, ask(campaign), now);
            if (decided is TransitionResult.Refused refused)
            {
                return new ServiceResult<CampaignRecord>.Conflict(refused.Reason);
            }

            var transition = ((TransitionResult.Allowed)decided).Transition;

            var read = campaign.Version;

            // A move that leaves the status and everything stored as they were (a draft saved unchanged, a schedule
            // placed where it already was) is no change: no new version for readers, no line in the audit. Only a move
            // that keeps the status can be one, so only then is the campaign's content compared.
            var before = transition.To == transition.From ? Content(campaign) : null;
            alongside?.Invoke(campaign);
            campaign.Apply(transition);
            if (before is not null && Content(campaign).CompareTo(before) == 0)
            {
                return campaign;
            }

            campaign.UpdatedAt = now;
            if (!campaigns.TryUpdate(campaign, read))
            {
                return new ServiceResult<CampaignRecord>.Stale($"'{campaign.Name}' was changed by someone else; reload it and try again.");
            }

            audit.Add(new AuditEntry
            {
                CampaignId = id,
                At = now,
                Actor = by.Id,
                Channel = by.Channel,
                Action = transition.Action.ToString(),
                From = transition.From,
                To = transition.To,
                Detail = transition.Detail,
            });
            return campaign;
        });

    // What a campaign holds, less the bookkeeping every save touches (version, save and validation instants).
    private BsonDocument Content(CampaignRecord campaign)
    {
        var document = database.Database.Mapper.ToDocument(campaign);
        document.Remove(nameof(CampaignRecord.Version));
        document.Remove(nameof(CampaignRecord.UpdatedAt));
        document.Remove(nameof(CampaignRecord.ValidatedAt));
        return document;
    }
}
