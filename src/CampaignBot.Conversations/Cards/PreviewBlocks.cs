using System.Globalization;
using CampaignBot.App.Campaigns;
using CampaignBot.Conversations.Messages;
using Humanizer;

namespace CampaignBot.Conversations.Cards;

/// <summary>How an audience is built and splits: what each exclusion removed, then sub-audience, group and destination, counts humanized.</summary>
public static class PreviewBlocks
{
    public static IEnumerable<ChatBlock> For(PreviewView preview)
    {
        ArgumentNullException.ThrowIfNull(preview);
        var funnel = new List<Fact>
        {
            new("Included", Quantities.Of(preview.Included)),
            new("Excluded", Quantities.Of(preview.Excluded)),
            new("Suppressed", Quantities.Of(preview.Suppressed)),
        };
        if (preview.HeldOutGlobally > 0)
        {
            funnel.Add(new Fact("Held out globally", Quantities.Of(preview.HeldOutGlobally)));
        }

        funnel.AddRange(
        [
            new Fact("Audience", Quantities.Of(preview.Audience)),
            new Fact("Recipients", Quantities.Of(preview.Recipients)),
            new Fact("Control (held out)", Quantities.Of(preview.Control)),
            new Fact("Approvers needed", preview.RequiredApprovers.ToString(CultureInfo.InvariantCulture)),
        ]);
        yield return new FactList(funnel);
        if (preview.Exclusions.Count > 0)
        {
            yield return new BulletList([.. preview.Exclusions.Select(e => $"{e.Segment} removed {Quantities.Of(e.Removed, "customer", "customers")}")]);
        }

        foreach (var sub in preview.SubAudiences)
        {
            var lines = new List<string> { $"Control: {Quantities.Of(sub.Control)}" };
            foreach (var group in sub.Groups)
            {
                lines.Add($"{group.Name} ({group.Percent}): {Quantities.Of(group.Members)}" + (group.Deliveries.Count == 0 ? ", no destination" : ""));
                lines.AddRange(group.Deliveries.Select(d => $"    → {d.Destination}: {Delivery(d)}"));
            }

            yield return new Paragraph($"{sub.Name}: {Quantities.Of(sub.Members, "customer", "customers")}");
            yield return new BulletList(lines);
        }

        if (preview.Unmatched > 0)
        {
            yield return new Notice($"{Quantities.Of(preview.Unmatched, "customer matches", "customers match")} no sub-audience; they are reported, never sent.", Tone.Warning);
        }

        if (preview.SubAudiences.SelectMany(s => s.Groups).SelectMany(g => g.Deliveries).Any(d => d.Missing.Any(m => m.Rows > 0)))
        {
            yield return new Footnote("Missing identifiers are counted from empty values; the run also drops values in the wrong format.");
        }
    }

    /// <summary>"9.9 thousand deliverable, 120 dropped (no valid email), 3 suppressed, 40 capped (email cap: 2 deliveries in 7 days)".</summary>
    private static string Delivery(DeliveryPreview delivery)
    {
        var parts = new List<string> { $"{Quantities.Of(delivery.Deliverable)} deliverable" + Seeds(delivery.Seeds) };
        parts.AddRange(delivery.Missing.Where(m => m.Rows > 0).Select(m => $"{Quantities.Of(m.Rows)} dropped ({m.Reason.Humanize(LetterCasing.LowerCase)})"));
        if (delivery.Suppressed > 0)
        {
            parts.Add($"{Quantities.Of(delivery.Suppressed)} suppressed for this channel");
        }

        if (delivery.Capped > 0)
        {
            parts.Add($"{Quantities.Of(delivery.Capped)} capped ({delivery.Cap})");
        }

        return string.Join(", ", parts);
    }

    /// <summary>" +3 seeds": seed list people sent along, shown apart because they are never recipients.</summary>
    public static string Seeds(int seeds) => seeds == 0 ? "" : $" +{seeds.ToString(CultureInfo.InvariantCulture)} {(seeds == 1 ? "seed" : "seeds")}";
}
