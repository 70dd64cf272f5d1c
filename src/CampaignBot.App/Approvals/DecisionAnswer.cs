using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;

namespace CampaignBot.App.Approvals;

/// <summary>A decision's answer; <paramref name="Repeated"/> when the person had already given it and nothing was recorded now.</summary>
public sealed record DecisionAnswer(ServiceResult<CampaignView> Result, bool Repeated);
