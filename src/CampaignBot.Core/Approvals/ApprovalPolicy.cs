using System.Globalization;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Destinations;
using CampaignBot.Core.Text;

namespace CampaignBot.Core.Approvals;

/// <summary>How many approvers a campaign needs, and why, in sentences the author and approvers read.</summary>
public sealed record ApprovalRequirement(int Approvers, IReadOnlyList<string> Reasons);

/// <summary>Decides how much scrutiny a campaign needs before it may send: its size, where it goes, and what it sends.</summary>
public static class ApprovalPolicy
{
    private static readonly HashSet<DestinationKind> PaidMedia = [DestinationKind.Criteo, DestinationKind.TikTokAds, DestinationKind.MetaAds];

    // Our column names (customer_360 / merged_customers) that only identify a customer; destinations may call
    // them otherwise (Meta's MADID and EXTERN_ID, Klaviyo's external_id), but campaigns choose columns.
    private static readonly HashSet<string> Identifiers = new(["email", "phone", "customer_id", "idfa", "aaid"], StringComparer.OrdinalIgnoreCase);

    /// <param name="reachableAudience">Customers the campaign would send to now, after exclusions and suppressions.</param>
    public static ApprovalRequirement Requirement(
        CampaignDefinition campaign, long reachableAudience, IReadOnlyList<DestinationInstance> instances, ApprovalRules rules)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(rules);
        var approvers = rules.RequiredApprovers;
        var reasons = new List<string>();
        if (rules.RequiredApprovers > 1)
        {
            reasons.Add($"Every campaign needs {Approvers(rules.RequiredApprovers)}.");
        }

        void Require(int count, string reason)
        {
            approvers = Math.Max(approvers, count);
            reasons.Add($"{reason}: {Approvers(count)} needed.");
        }

        // "Over" is strict: an audience of exactly the threshold is not large.
        if (reachableAudience > rules.LargeAudienceThreshold)
        {
            Require(rules.LargeAudienceApprovers,
                $"The audience of {Counted.Of(reachableAudience, "customer")} is over {Count(rules.LargeAudienceThreshold)}");
        }

        var sends = Sends(campaign, instances);
        foreach (var kind in sends.Select(s => s.Kind).Distinct().Where(PaidMedia.Contains))
        {
            Require(rules.PaidMediaApprovers, $"{DestinationCatalog.For(kind).DisplayName} is paid media");
        }

        foreach (var byKind in sends.GroupBy(s => s.Kind))
        {
            var personal = byKind.SelectMany(s => s.Attributes).Where(a => !Identifiers.Contains(a)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (personal.Count > 0)
            {
                Require(rules.PersonalAttributesApprovers,
                    $"Sends personal attributes beyond identifiers ({string.Join(", ", personal)}) to {DestinationCatalog.For(byKind.Key).DisplayName}");
            }
        }

        return new ApprovalRequirement(approvers, reasons);
    }

    /// <summary>
    /// Whether a recurring campaign's audience moved, up or down, by more than <paramref name="percent"/> of the
    /// approved size. Nothing approved means any audience at all is new: it exceeds, reported as 100% drift.
    /// </summary>
    public static bool DriftExceeds(long approvedAudience, long currentAudience, decimal percent, out decimal driftPercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(approvedAudience);
        ArgumentOutOfRangeException.ThrowIfNegative(currentAudience);
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        if (approvedAudience == 0)
        {
            driftPercent = currentAudience == 0 ? 0m : 100m;
            return currentAudience != 0;
        }

        driftPercent = Math.Abs(currentAudience - approvedAudience) * 100m / approvedAudience;
        return driftPercent > percent;
    }

    // The attributes each destination receives. Destinations not configured are skipped: DestinationAssignmentRules
    // refuses such a campaign before it can be submitted.
    private static List<(DestinationKind Kind, IEnumerable<string> Attributes)> Sends(CampaignDefinition campaign, IReadOnlyList<DestinationInstance> instances)
    {
        var byName = instances.ToDictionary(i => i.Name, StringComparer.OrdinalIgnoreCase);
        return campaign.RecipientGroups
            .SelectMany(g => g.Destinations)
            .Where(d => byName.ContainsKey(d.Destination))
            .Select(d => (byName[d.Destination].Kind, DestinationAssignmentRules.Resolve(d, byName[d.Destination]).Select(a => a.Name.Trim())))
            .ToList();
    }

    private static string Approvers(int count) => count == 1 ? "1 approver" : $"{count} approvers";

    private static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
