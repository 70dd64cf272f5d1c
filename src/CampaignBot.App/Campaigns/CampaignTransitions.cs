using CampaignBot.App.Application;
using CampaignBot.App.Audit;
using CampaignBot.App.Storage;
using CampaignBot.Core.Lifecycle;
using LiteDB;

namespace CampaignBot.App.Campaigns;

/// <summary>
/// Moves a campaign through the lifecycle in one transaction: checks the move, checks nobody saved a newer
/// version meanwhile, applies the change, bumps the version and writes the audit entry — or changes nothing. This
/// is the one writer of status moves, so it is also where a move that changed nothing is kept out of the audit.
/// </summary>
public sealed class CampaignTransitions(AppDatabase database, CampaignStore campaigns, AuditLog audit, TimeProvider clock)
{
    /// <param name="expectedVersion">The version the caller read; null when the caller does not edit content (approve, pause).</param>
    /// <param name="change">Further changes in the same transaction; returns a refusal to roll everything back, or null.</param>
    public ServiceResult<CampaignRecord> Apply(
        Guid id, int? expectedVersion, CampaignAction action, string actor, string channel,
        Func<CampaignRecord, string?>? change = null, string? detail = null, CampaignStatus? finishedAs = null)
    {
        try
        {
            return Write(id, expectedVersion, action, actor, channel, change, detail, finishedAs);
        }
        catch (TransitionRefused refused)
        {
            return new ServiceResult<CampaignRecord>.Conflict(refused.Message);
        }
    }

    private ServiceResult<CampaignRecord> Write(
        Guid id, int? expectedVersion, CampaignAction action, string actor, string channel,
        Func<CampaignRecord, string?>? change, string? detail, CampaignStatus? finishedAs) =>
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

            var check = CampaignLifecycle.Check(campaign.Status, action, finishedAs);
            if (!check.IsAllowed)
            {
                return new ServiceResult<CampaignRecord>.Conflict(check.Refusal!);
            }

            var from = campaign.Status;
            var read = campaign.Version;
            var before = Content(campaign);
            var updatedAt = campaign.UpdatedAt;
            campaign.Status = check.To!.Value;
            campaign.UpdatedAt = clock.GetUtcNow();
            if (change?.Invoke(campaign) is { } refusal)
            {
                throw new TransitionRefused(refusal);
            }

            // A move that leaves the status and everything stored as they were (a draft saved unchanged, a schedule
            // placed where it already was) is no change: no new version for readers, no line in the audit.
            if (campaign.Status == from && Content(campaign).CompareTo(before) == 0)
            {
                campaign.UpdatedAt = updatedAt;
                return campaign;
            }

            if (!campaigns.TryUpdate(campaign, read))
            {
                return new ServiceResult<CampaignRecord>.Stale($"'{campaign.Name}' was changed by someone else; reload it and try again.");
            }

            audit.Add(new AuditEntry
            {
                CampaignId = id,
                At = campaign.UpdatedAt,
                Actor = actor,
                Channel = channel,
                Action = action.ToString(),
                From = from,
                To = campaign.Status,
                Detail = detail,
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

    private sealed class TransitionRefused(string message) : Exception(message);
}
