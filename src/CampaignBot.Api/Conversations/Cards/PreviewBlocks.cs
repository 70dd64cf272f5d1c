using CampaignBot.Api.Campaigns;
using CampaignBot.Chat.Messages;

namespace CampaignBot.Api.Conversations.Cards;

/// <summary>How an audience splits, in sub-audience, group and destination order, counts humanized.</summary>
public static class PreviewBlocks
{
    public static IEnumerable<ChatBlock> For(PreviewView preview)
    {
        ArgumentNullException.ThrowIfNull(preview);
        yield return new FactList(
        [
            new Fact("Audience", Quantities.Of(preview.Audience)),
            new Fact("Recipients", Quantities.Of(preview.Recipients)),
            new Fact("Control (held out)", Quantities.Of(preview.Control)),
            new Fact("Approvers needed", preview.RequiredApprovers.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);
        foreach (var sub in preview.SubAudiences)
        {
            var lines = new List<string> { $"Control: {Quantities.Of(sub.Control)}" };
            lines.AddRange(sub.Groups.Select(g =>
                $"{g.Name} ({g.Percent}): {Quantities.Of(g.Members)} → {(g.Destinations.Count > 0 ? string.Join(", ", g.Destinations) : "no destination")}"));
            yield return new Paragraph($"{sub.Name}: {Quantities.Of(sub.Members, "customer", "customers")}");
            yield return new BulletList(lines);
        }

        if (preview.Unmatched > 0)
        {
            yield return new Notice($"{Quantities.Of(preview.Unmatched, "customer matches", "customers match")} no sub-audience; they are reported, never sent.", Tone.Warning);
        }
    }
}
