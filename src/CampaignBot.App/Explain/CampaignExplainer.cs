using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Runs;
using CampaignBot.Core.Audiences;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.People;
using CampaignBot.Core.Validation;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.Engine;

namespace CampaignBot.App.Explain;

/// <summary>
/// Answers "why is (or isn't) this customer in the campaign?" for one customer named by id or email: segment by
/// segment, suppressions, the sub-audience and group a run would place them in, what each destination would
/// receive, and what the latest run did. Every rule is evaluated in the engine for that customer alone.
/// </summary>
public sealed class CampaignExplainer(CampaignStore campaigns, CampaignResolver resolver, RunStore runs, CustomerEngine engine, TimeProvider clock)
{
    public async Task<ServiceResult<ExplanationView>> ExplainAsync(CampaignId campaignId, string customer, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<ExplanationView>(Operation.ExplainCampaigns) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(customer))
        {
            return Invalid("Name the customer by their customer id or email address.");
        }

        if (campaigns.Get(campaignId) is not { } record)
        {
            return CampaignService.NotFound<ExplanationView>(campaignId);
        }

        var resolved = resolver.Resolve(record);
        if (!resolved.IsValid)
        {
            return new ServiceResult<ExplanationView>.Invalid(resolved.Problems);
        }

        var check = new CustomerAudienceCheck(engine);
        var ids = await check.FindAsync(customer, ct);
        if (ids.Count == 0)
        {
            return Invalid("No customer has that customer id or email address (emails match in any case).");
        }

        if (ids.Count > 1)
        {
            var more = ids.Count == CustomerAudienceCheck.MaxMatches ? " and more" : "";
            return Invalid($"Several customers share that email address ({string.Join(", ", ids)}{more}); ask again with one of their customer ids.");
        }

        var campaign = resolved.Value!;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var channels = campaign.Deliveries.Select(d => d.SuppressionChannel).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var facts = await check.CheckAsync(campaign.AudienceRequest(today), ids[0], channels, ct);
        if (facts is null)
        {
            // Deleted between the lookup and the check.
            return Invalid("No customer has that customer id or email address (emails match in any case).");
        }

        var lastRun = runs.ForCampaign(campaignId).FirstOrDefault();
        var destinations = facts.Slot.IsRecipient
            ? await new DestinationChecks(check, runs, lastRun, new CapSlotNames(new CapSlotTakers(engine), campaigns, resolver)).ForAsync(campaign, facts, clock.GetUtcNow(), ct)
            : [];
        var matchedBy = string.Equals(ids[0], customer.Trim(), StringComparison.Ordinal) ? "id" : "email";
        return new ExplanationView
        {
            CampaignId = campaignId,
            Campaign = campaign.Definition.Name,
            CustomerId = facts.CustomerId,
            MatchedBy = matchedBy,
            Summary = ExplanationSummary.Of(campaign, facts, destinations),
            InAudience = facts.InAudience,
            Include = campaign.Definition.Audience.IncludeSegments.Select((name, i) => new SegmentCheck(name, facts.Include[i])).ToList(),
            Exclude = campaign.Definition.Audience.ExcludeSegments.Select((name, i) => new SegmentCheck(name, facts.Exclude[i])).ToList(),
            Suppression = new SuppressionCheck(facts.SuppressedEverywhere, channels.Select(c => new ChannelSuppression(c, facts.Suppressed[c])).ToList()),
            Holdout = campaign.Holdout is { } holdout ? new HoldoutCheck(holdout.Percent, facts.HeldOut) : null,
            SubAudiences = SubAudiences(campaign, facts),
            Placement = Placement(campaign, facts),
            Destinations = destinations,
            LastRun = lastRun is null ? null : new LastRunView(lastRun.Id, lastRun.Slot, lastRun.Status),
        };
    }

    private static List<SubAudienceCheck> SubAudiences(ResolvedCampaign campaign, CustomerAudienceFacts facts)
    {
        var chosen = facts.InAudience ? facts.FirstMatch : -1;
        return campaign.Definition.SubAudiences
            .Select((s, i) => new SubAudienceCheck(s.Name, s.Segment, s.Segment is null, facts.SubAudiences[i], i == chosen))
            .ToList();
    }

    private static PlacementView? Placement(ResolvedCampaign campaign, CustomerAudienceFacts facts)
    {
        var slot = facts.Slot;
        if (slot.IsUnmatched)
        {
            return null;
        }

        var subAudience = campaign.Definition.SubAudiences[slot.SubAudience];
        var group = slot.IsControl ? "Control" : subAudience.Groups[slot.Group].Name;
        return new PlacementView(subAudience.Name, group, slot.IsControl, facts.Bucket);
    }

    private static ServiceResult<ExplanationView> Invalid(string message) =>
        new ServiceResult<ExplanationView>.Invalid([new ValidationProblem("customer", message, ProblemSeverity.Error)]);
}
