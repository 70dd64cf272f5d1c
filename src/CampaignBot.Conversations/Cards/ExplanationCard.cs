using CampaignBot.App.Explain;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Conversations.Cards;

/// <summary>An explanation in the order the audience is built: segments, suppression, global holdout, sub-audience, group, destinations.</summary>
public static class ExplanationCard
{
    public static ChatMessage For(ExplanationView explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        var steps = new List<string>();
        steps.AddRange(explanation.Include.Select(s => $"Include {s.Segment}: {(s.Member ? "member" : "not a member")}"));
        steps.AddRange(explanation.Exclude.Select(s => $"Exclude {s.Segment}: {(s.Member ? "member, so removed" : "not a member")}"));
        var suppressed = explanation.Suppression.Channels.Where(c => c.Suppressed).Select(c => c.Channel).ToList();
        steps.Add(explanation.Suppression.Global ? "Suppressed on every channel, so removed"
            : suppressed.Count > 0 ? $"Suppressed for {string.Join(", ", suppressed)} only"
            : "Not suppressed");
        if (explanation.Holdout is { } holdout)
        {
            var percent = $"{holdout.Percent.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}%";
            steps.Add(holdout.HeldOut ? $"Global holdout ({percent} of all customers): in the global holdout, so removed" : $"Global holdout ({percent} of all customers): not held out");
        }

        steps.AddRange(explanation.SubAudiences.Select(s =>
            $"Sub-audience {s.Name} ({(s.IsCatchAll ? "catch-all" : s.Segment)}): {(s.Chosen ? "chosen" : s.CriteriaMatched == true ? "matched, but an earlier one came first" : s.IsCatchAll ? "not needed" : "no match")}"));
        if (explanation.Placement is { } placement)
        {
            steps.Add(placement.IsControl
                ? $"Group: control of {placement.SubAudience} (bucket {placement.Bucket}): held out, never sent"
                : $"Group: {placement.Group} of {placement.SubAudience} (bucket {placement.Bucket})");
        }

        var blocks = new List<ChatBlock>
        {
            new Heading($"{explanation.CustomerId} in {explanation.Campaign}"),
            new Paragraph(explanation.Summary),
            new BulletList(steps),
        };
        foreach (var destination in explanation.Destinations)
        {
            var attributes = string.Join(", ", destination.Attributes.Select(a => $"{a.Field} {(a.Present ? a.Valid ? "ok" : "invalid" : "missing")}"));
            blocks.Add(new Paragraph($"{destination.Destination}: {destination.Reason}" + (attributes.Length > 0 ? $" ({attributes})" : "")));
            if (destination.LastRun is { } last)
            {
                blocks.Add(new Footnote($"Last run: {last.Reason}"));
            }
        }

        blocks.Add(new Footnote("Membership is checked against today's data; values are never shown here."));
        return new ChatMessage(explanation.Summary, blocks);
    }
}
