using CampaignBot.App.Campaigns;
using CampaignBot.Core.Campaigns;
using CampaignBot.Customers.Audiences;

namespace CampaignBot.App.Explain;

/// <summary>
/// Names the campaigns that took a capped customer's slots, with their priority, so explain answers "which campaign got
/// them instead": "'Flash sale' (high priority)".
/// </summary>
internal sealed class CapSlotNames(CapSlotTakers takers, CampaignStore campaigns, CampaignResolver resolver)
{
    public async Task<IReadOnlyList<string>> ForAsync(string customerId, FrequencyCapCheck cap, CancellationToken ct)
    {
        var names = new List<string>();
        foreach (var taker in await takers.FindAsync(customerId, cap, ct))
        {
            if (Guid.TryParse(taker.CampaignId, out var id) && campaigns.Get(new CampaignId(id)) is { } campaign)
            {
                var priority = resolver.Resolve(campaign).Value?.Definition.Priority ?? CampaignPriority.Normal;
                names.Add($"'{campaign.Name}' ({priority.Word()} priority)");
            }
        }

        return names;
    }
}
