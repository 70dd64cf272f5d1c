using CampaignBot.App.Campaigns;

namespace CampaignBot.App.Runs;

/// <summary>
/// A recurring run counted an audience that drifted past the approved size, so it sent nothing and waits. The pipeline
/// reports it rather than asking approvers itself; whoever runs the pipeline (the scheduler) asks them again.
/// </summary>
/// <param name="Drift">The sentence recorded on the run, which the new request carries as what changed.</param>
public sealed record HeldForReapproval(Guid CampaignId, ResolvedCampaign Campaign, long Recipients, string Drift);
