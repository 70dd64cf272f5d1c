using System.Text.Json.Nodes;

namespace CampaignBot.Chat.Teams.Cards;

/// <summary>A broken card rule: where (a JSON path such as $.body[2].actions[0]) and which rule.</summary>
public sealed record AdaptiveCardViolation(string Path, string Rule);

/// <summary>
/// Checks a card against what Teams accepts and renders (T4), returning every violation at once: size, version, unique
/// ids, required inputs with label and error message, Action.Execute with a verb, refresh for at most 60 users, and the
/// things the adaptivecards library does not catch. The npm validator and the JSON schema check the rest in tests.
/// </summary>
public static class AdaptiveCardLimits
{
    /// <summary>28 KB: the smallest message limit of any Teams surface (T3 design rule); bot messages allow more.</summary>
    public const int MaxCardBytes = 28 * 1024;

    /// <summary>The adaptivecards library's default host refuses a sixth action in a row (TooManyActions); Teams folds extras away.</summary>
    public const int MaxActionsPerSet = 5;
    public const int MaxChoices = 100;

    public static IReadOnlyList<AdaptiveCardViolation> Check(JsonObject card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var check = new AdaptiveCardChecker();
        check.Card(card);
        var size = AdaptiveCardRenderer.Size(card);
        if (size > MaxCardBytes)
        {
            check.Add("$", $"the card is {size} bytes; Teams takes at most {MaxCardBytes}");
        }

        return check.Violations;
    }
}
