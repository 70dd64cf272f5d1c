using CampaignBot.App.Campaigns;
using CampaignBot.Core.Audiences;
using CampaignBot.Core.Text;

namespace CampaignBot.Conversations.Cards;

/// <summary>What a marketer should look at before sending: validation warnings plus what the counts reveal.</summary>
public static class Warnings
{
    public static IEnumerable<string> For(CampaignView campaign, PreviewView? preview)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        foreach (var warning in campaign.Warnings)
        {
            yield return warning.Message;
        }

        if (preview is null)
        {
            yield break;
        }

        foreach (var sub in preview.SubAudiences)
        {
            foreach (var group in sub.Groups.Where(g => g.Members == 0))
            {
                yield return $"{sub.Name} / {group.Name} is empty today: nobody would be sent to {string.Join(", ", group.Destinations)}.";
            }

            if (Lift(sub) is { } lift)
            {
                yield return lift;
            }
        }
    }

    /// <summary>The warning for a control group too small to measure a realistic lift, or null when it is large enough (or absent).</summary>
    public static string? Lift(SubAudiencePreview sub)
    {
        ArgumentNullException.ThrowIfNull(sub);
        var treated = sub.Members - sub.Control;
        if (!LiftSensitivity.IsTooSmall(sub.Control, treated))
        {
            return null;
        }

        var lift = LiftSensitivity.MinimumDetectableLift(sub.Control, treated);
        return $"{sub.Name}'s control group of {Quantities.Of(sub.Control)} can only reveal a lift of {Counted.Of(lift * 100, "point", "0.#")} or more "
            + $"(at a {LiftSensitivity.TypicalConversion:P0} conversion rate); raise the control percent to measure a realistic 1-point lift.";
    }
}
