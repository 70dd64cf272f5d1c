using CampaignBot.Core.Campaigns;

namespace CampaignBot.App.Approvals;

/// <summary>
/// State kept elsewhere that ends when a campaign's approval request closes (decided, expired, withdrawn), such as a
/// chat channel's per-person views of the request's card. It is written in the transaction that closes the request:
/// the decision's own commit, rather than a commit of its own after the decision.
/// </summary>
public interface IApprovalClosing
{
    /// <summary>Runs inside the write that closes the request; only reads and writes the service's database.</summary>
    void RequestClosed(CampaignId campaignId);
}
