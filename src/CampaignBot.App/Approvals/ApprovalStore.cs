using CampaignBot.App.Storage;
using CampaignBot.Core.Campaigns;
using LiteDB;

namespace CampaignBot.App.Approvals;

public sealed class ApprovalStore(AppDatabase database, IEnumerable<IApprovalClosing> closing)
{
    private ILiteCollection<ApprovalRequestRecord> Requests => database.Collection<ApprovalRequestRecord>("approvals", c =>
    {
        c.EnsureIndex(r => r.CampaignId);
        c.EnsureIndex(r => r.State);
    });

    public ApprovalRequestRecord? Get(Guid id) => Requests.FindById(id);

    public IReadOnlyList<ApprovalRequestRecord> ForCampaign(CampaignId campaignId) =>
        Requests.Find(r => r.CampaignId == campaignId).OrderBy(r => r.RequestedAt).ToList();

    public IReadOnlyList<ApprovalRequestRecord> Open() =>
        Requests.Find(Query.EQ(nameof(ApprovalRequestRecord.State), ApprovalRequestState.Open.ToString())).ToList();

    public void Insert(ApprovalRequestRecord request) => Requests.Insert(request);

    public void Update(ApprovalRequestRecord request) => Requests.Update(request);

    /// <summary>
    /// Stores the request as closed in <paramref name="state"/>, and ends what is kept elsewhere about it (see
    /// <see cref="IApprovalClosing"/>). Call inside the write that closes it.
    /// </summary>
    public void Close(ApprovalRequestRecord request, ApprovalRequestState state)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.State = state;
        Requests.Update(request);
        foreach (var ending in closing)
        {
            ending.RequestClosed(request.CampaignId);
        }
    }

    /// <summary>
    /// The campaign was edited, cancelled or deleted: the approval it carried (<paramref name="approved"/>) no longer
    /// stands and its open request closes undecided. Call inside the write that voids it.
    /// </summary>
    public void Withdraw(CampaignId campaignId, bool approved, Guid? openRequestId)
    {
        if (approved)
        {
            VoidApproved(campaignId);
        }

        if (openRequestId is { } id && Get(id) is { State: ApprovalRequestState.Open } request)
        {
            Close(request, ApprovalRequestState.Withdrawn);
        }
    }

    /// <summary>Marks the campaign's approval as no longer standing; call inside the write that clears it.</summary>
    public void VoidApproved(CampaignId campaignId)
    {
        foreach (var approved in ForCampaign(campaignId).Where(r => r.State == ApprovalRequestState.Approved))
        {
            approved.State = ApprovalRequestState.Voided;
            Requests.Update(approved);
        }
    }
}
