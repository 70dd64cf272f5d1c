using CampaignBot.App.Storage;
using LiteDB;

namespace CampaignBot.App.Approvals;

public sealed class ApprovalStore(AppDatabase database)
{
    private ILiteCollection<ApprovalRequestRecord> Requests
    {
        get
        {
            var requests = database.Collection<ApprovalRequestRecord>("approvals");
            requests.EnsureIndex(r => r.CampaignId);
            requests.EnsureIndex(r => r.State);
            return requests;
        }
    }

    public ApprovalRequestRecord? Get(Guid id) => Requests.FindById(id);

    public IReadOnlyList<ApprovalRequestRecord> ForCampaign(Guid campaignId) =>
        Requests.Find(r => r.CampaignId == campaignId).OrderBy(r => r.RequestedAt).ToList();

    public IReadOnlyList<ApprovalRequestRecord> Open() =>
        Requests.Find(Query.EQ(nameof(ApprovalRequestRecord.State), ApprovalRequestState.Open.ToString())).ToList();

    public void Insert(ApprovalRequestRecord request) => Requests.Insert(request);

    public void Update(ApprovalRequestRecord request) => Requests.Update(request);

    /// <summary>
    /// The campaign was edited, cancelled or deleted: the approval it carried (<paramref name="approved"/>) no longer
    /// stands and its open request closes undecided. Call inside the write that voids it.
    /// </summary>
    public void Withdraw(Guid campaignId, bool approved, Guid? openRequestId)
    {
        if (approved)
        {
            VoidApproved(campaignId);
        }

        if (openRequestId is { } id && Get(id) is { State: ApprovalRequestState.Open } request)
        {
            request.State = ApprovalRequestState.Withdrawn;
            Update(request);
        }
    }

    /// <summary>Marks the campaign's approval as no longer standing; call inside the write that clears it.</summary>
    public void VoidApproved(Guid campaignId)
    {
        foreach (var approved in ForCampaign(campaignId).Where(r => r.State == ApprovalRequestState.Approved))
        {
            approved.State = ApprovalRequestState.Voided;
            Requests.Update(approved);
        }
    }
}
