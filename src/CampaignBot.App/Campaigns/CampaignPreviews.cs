using CampaignBot.App.SeedLists;
using CampaignBot.App.Application;
using CampaignBot.Core.Approvals;
using CampaignBot.Core.Audiences;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Destinations;
using CampaignBot.Core.People;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.Engine;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Campaigns;

/// <summary>Counts a campaign's audience per sub-audience and group in the engine, without sending anything.</summary>
public sealed class CampaignPreviews(
    CampaignStore campaigns, CampaignResolver resolver, CustomerEngine engine, IReadOnlyList<DestinationInstance> destinations,
    IOptions<ApprovalRules> rules, TimeProvider clock)
{
    public async Task<ServiceResult<PreviewView>> PreviewAsync(CampaignId id, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<PreviewView>(Operation.PreviewCampaigns) is { } refused)
        {
            return refused;
        }

        if (campaigns.Get(id) is not { } campaign)
        {
            return CampaignService.NotFound<PreviewView>(id);
        }

        var resolved = resolver.Resolve(campaign);
        if (!resolved.IsValid)
        {
            return new ServiceResult<PreviewView>.Invalid(resolved.Problems);
        }

        return await CountAsync(resolved.Value!, cancellationToken);
    }

    /// <summary>Two statements in the engine: the include-to-audience funnel, then the placed audience with per-destination checks.</summary>
    public async Task<PreviewView> CountAsync(ResolvedCampaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var request = campaign.AudienceRequest(today);
        var breakdown = new AudienceBreakdown(engine);
        var funnel = await breakdown.FunnelAsync(request, cancellationToken);
        var checks = campaign.Deliveries.Select(d => DeliveryChecks.For(d, now)).ToList();
        var placed = await breakdown.PlaceAsync(request, checks, cancellationToken);
        var tally = placed.Tally;
        var subAudiences = campaign.Definition.SubAudiences.Select((s, i) => new SubAudiencePreview(
            s.Name,
            tally.SubAudienceTotal(i),
            tally.Count(GroupSlot.Control(i)),
            s.Groups.Select((g, j) => new GroupPreview(
                g.Name, g.Percent.ToString(), tally.Count(new GroupSlot(i, j)), g.Destinations.Select(d => d.Destination).ToList(),
                Deliveries(campaign, checks, placed, new GroupSlot(i, j)))).ToList())).ToList();
        var control = subAudiences.Sum(s => s.Control);
        var recipients = subAudiences.Sum(s => s.Members) - control;
        var requirement = ApprovalPolicy.Requirement(campaign.Definition, recipients, destinations, rules.Value);
        return new PreviewView
        {
            Included = funnel.Included,
            Exclusions = campaign.Definition.Audience.ExcludeSegments.Zip(funnel.RemovedByExclusion, (name, removed) => new ExclusionPreview(name, removed)).ToList(),
            Excluded = funnel.Excluded,
            Suppressed = funnel.Suppressed,
            HeldOutGlobally = funnel.HeldOut,
            Audience = tally.Total,
            Recipients = recipients,
            Control = control,
            Unmatched = tally.Unmatched,
            SubAudiences = subAudiences,
            RequiredApprovers = requirement.Approvers,
            ApprovalReasons = requirement.Reasons,
            Warnings = campaign.Warnings,
            Seeds = campaign.Deliveries.SelectMany(d => d.Seeds).Distinct().Count(),
        };
    }

    private static List<DeliveryPreview> Deliveries(ResolvedCampaign campaign, IReadOnlyList<DeliveryCheck> checks, PlacementCounts placed, GroupSlot slot) =>
        campaign.Deliveries
            .Select((delivery, i) => (delivery, check: checks[i], count: placed.Deliveries[i]))
            .Where(d => d.delivery.Slot == slot)
            .Select(d => new DeliveryPreview(
                d.delivery.Instance.Name,
                d.delivery.Instance.Kind.ToString(),
                d.count.Suppressed,
                d.count.Deliverable,
                d.check.Requirements.Zip(d.count.Missing, (requirement, rows) => (requirement.Reason, rows))
                    .GroupBy(m => m.Reason)
                    .Select(m => new MissingPreview(m.Key.ToString(), m.Sum(x => x.rows)))
                    .ToList(),
                d.count.Capped,
                d.delivery.Cap?.ToString())
            {
                Seeds = SeedRows.For(d.delivery, new RowShaper(d.delivery.Instance.Descriptor, d.delivery.Attributes)).Count,
            })
            .ToList();
}
