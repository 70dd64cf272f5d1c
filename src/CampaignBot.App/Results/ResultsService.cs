using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Runs;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.People;
using CampaignBot.Core.Results;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Results;

namespace CampaignBot.App.Results;

/// <summary>
/// Did the campaign work: each recipient group against its sub-audience's control, counted from the send history
/// and the orders in one engine query (<see cref="CampaignResultsQuery"/>), judged by <see cref="LiftVerdict"/>.
/// Readers of campaigns may ask; the verdict is kept for the campaign's summary.
/// </summary>
public sealed class ResultsService(CampaignStore campaigns, RunStore runs, LatestVerdicts verdicts, CustomerEngine engine, TimeProvider clock)
{
    public async Task<ServiceResult<CampaignResultsView>> GetAsync(CampaignId campaignId, string? runId, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<CampaignResultsView>(Operation.ReadCampaigns) is { } refused)
        {
            return refused;
        }

        if (campaigns.Get(campaignId) is not { } campaign)
        {
            return CampaignService.NotFound<CampaignResultsView>(campaignId);
        }

        var campaignRuns = runs.ForCampaign(campaignId).OrderByDescending(r => r.StartedAt).ToList();
        if (runId is not null && !campaignRuns.Any(r => r.Id == runId))
        {
            return new ServiceResult<CampaignResultsView>.NotFound($"Campaign {campaign.Name} has no run {runId}.");
        }

        var days = CampaignResolver.ReadDraft(campaign.DraftJson).AttributionDays is int set and >= 1 and <= AttributionRules.MaxDays ? set : AttributionRules.DefaultDays;
        var counts = await new CampaignResultsQuery(engine).CountAsync(new ResultsRequest(campaignId.ToString(), runId, days), cancellationToken);
        var subAudiences = Compare(counts);
        var view = new CampaignResultsView
        {
            CampaignId = campaignId,
            Campaign = campaign.Name,
            RunId = runId,
            AttributionDays = days,
            ComputedAt = clock.GetUtcNow(),
            Verdict = Headline(subAudiences, campaignRuns.Count),
            SubAudiences = subAudiences,
            Runs = campaignRuns.Select(r => r.Id).ToList(),
        };
        if (runId is null)
        {
            verdicts.Record(campaignId, view.Verdict, view.ComputedAt);
        }

        return view;
    }

    /// <summary>Each recipient group against the control of its own sub-audience; a sub-audience without one is shown, not compared.</summary>
    public static IReadOnlyList<SubAudienceResults> Compare(IReadOnlyList<GroupCounts> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var multiple = counts.Select(c => c.SubAudience).Distinct(StringComparer.Ordinal).Count() > 1;
        return counts.GroupBy(c => c.SubAudience, StringComparer.Ordinal).Select(sub =>
        {
            var control = sub.FirstOrDefault(c => c.IsControl);
            var groups = sub.Where(c => !c.IsControl).Select(g =>
            {
                var name = multiple ? $"{sub.Key} / {g.GroupName}" : g.GroupName;
                var lift = LiftVerdict.Compare(name, g.Outcome, control?.Outcome ?? new GroupOutcome(0, 0, 0, 0));
                var verdict = control is null ? $"{name}: not measurable: this sub-audience holds no control group" : lift.Verdict.StartsWith("not yet", StringComparison.Ordinal) ? $"{name}: {lift.Verdict}" : lift.Verdict;
                return new RecipientGroupResults(
                    GroupFigures.Of(g.GroupName, g.Outcome), lift.AbsoluteLift, lift.RelativeLift, lift.PValue, lift.RevenuePerCustomerLift,
                    lift.Measurable, lift.MoreCustomersNeeded, verdict);
            }).ToList();
            return new SubAudienceResults(sub.Key, control is null ? null : GroupFigures.Of(control.GroupName, control.Outcome), groups);
        }).ToList();
    }

    private static string Headline(IReadOnlyList<SubAudienceResults> subAudiences, int runCount)
    {
        var verdicts = subAudiences.SelectMany(s => s.Groups).Select(g => g.Verdict).ToList();
        return verdicts.Count > 0
            ? string.Join("; ", verdicts)
            : runCount == 0 ? "Nothing to measure yet: the campaign has not run." : "Nothing to measure yet: no run has recorded its sends.";
    }
}
