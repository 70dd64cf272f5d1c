using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Storage;
using CampaignBot.Core.Campaigns;
using LiteDB;

namespace CampaignBot.Conversations.Wizard;

/// <summary>
/// Which draft each wizard session created, kept in the LiteDB file: one session creates at most one draft, even
/// when "Create draft" arrives twice at the same moment (a double click, a redelivery), and the second answer points
/// to the first draft. The check and the insert share one write transaction, so they cannot interleave.
/// </summary>
public sealed class WizardDrafts(AppDatabase database, TimeProvider clock)
{
    // A session is idle-expired after an hour; a day covers any late repeat of its last submission.
    private static readonly TimeSpan Kept = TimeSpan.FromDays(1);

    private ILiteCollection<WizardDraftRecord> Records
    {
        get
        {
            var records = database.Collection<WizardDraftRecord>("wizard_drafts");
            records.EnsureIndex(r => r.CreatedAtTicks);
            return records;
        }
    }

    /// <summary>The draft the session created, if it did.</summary>
    public CampaignId? CreatedBy(string sessionId) => Records.FindById(sessionId)?.CampaignId;

    /// <summary>
    /// Runs <paramref name="create"/> unless the session already created a draft. <c>Earlier</c> is the draft an
    /// earlier submission created (the result is then null); otherwise the result is <paramref name="create"/>'s.
    /// </summary>
    public (ServiceResult<CampaignView>? Result, CampaignId? Earlier) CreateOnce(string sessionId, Func<ServiceResult<CampaignView>> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        return database.Write<(ServiceResult<CampaignView>?, CampaignId?)>(() =>
        {
            if (Records.FindById(sessionId) is { } done)
            {
                return (null, done.CampaignId);
            }

            var created = create();
            if (created is ServiceResult<CampaignView>.Ok { Value: var campaign })
            {
                var now = clock.GetUtcNow();
                Records.DeleteMany(Query.LT(nameof(WizardDraftRecord.CreatedAtTicks), (now - Kept).UtcTicks));
                Records.Insert(new WizardDraftRecord { Id = sessionId, CampaignId = campaign.Id, CreatedAtTicks = now.UtcTicks });
            }

            return (created, null);
        });
    }
}

public sealed class WizardDraftRecord
{
    /// <summary>The wizard session id.</summary>
    public string Id { get; set; } = "";

    public CampaignId CampaignId { get; set; }

    public long CreatedAtTicks { get; set; }
}
