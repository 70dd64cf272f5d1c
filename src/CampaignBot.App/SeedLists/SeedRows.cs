using CampaignBot.App.Campaigns;
using CampaignBot.Core.Destinations;

namespace CampaignBot.App.SeedLists;

/// <summary>
/// A delivery's seed people as rows for its destination: the same attributes in the same order as a customer's row,
/// through the same <see cref="RowShaper"/>, so they are normalized and hashed exactly like the rest. A person lacking
/// an identifier the destination requires is left out, as a customer would be.
/// </summary>
public static class SeedRows
{
    public static IReadOnlyList<string?[]> For(ResolvedDelivery delivery, RowShaper shaper)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(shaper);
        var rows = new List<string?[]>(delivery.Seeds.Count);
        foreach (var seed in delivery.Seeds)
        {
            var values = delivery.Attributes.Select(a => seed.ValueOf(a, delivery.Language)).ToArray();
            if (shaper.Shape(values, seed.Country).Values is { } shaped)
            {
                rows.Add(shaped);
            }
        }

        return rows;
    }
}
