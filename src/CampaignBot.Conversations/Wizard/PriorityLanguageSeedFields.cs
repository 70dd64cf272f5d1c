using CampaignBot.Conversations.Messages;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Seeds;

namespace CampaignBot.Conversations.Wizard;

/// <summary>
/// The wizard's optional priority, language and seed list fields, on the schedule step. Their ids are the draft's paths,
/// so the validator's problems ("priority", "language", "seedLists[0].name") land beside them.
/// </summary>
public static class PriorityLanguageSeedFields
{
    public const string Priority = "priority";
    public const string Language = "language";
    public const string SeedLists = "seedLists";

    public static IEnumerable<FormField> For(CampaignDraft draft, IReadOnlyList<string> seedListNames)
    {
        ArgumentNullException.ThrowIfNull(draft);
        yield return new ChoiceField
        {
            Id = Priority, Label = "Priority", Optional = true, Initial = draft.Priority is { } p ? [p] : [],
            Choices = [new Choice("High", "high"), new Choice("Normal", "normal"), new Choice("Low", "low")],
        };
        yield return new TextField
        {
            Id = Language, Label = "Language", Optional = true, Initial = draft.Language, MaxLength = 35,
            Hint = "A BCP 47 tag such as en-US or fr-CA; destinations that take the language attribute receive it",
        };
        if (seedListNames.Count > 0)
        {
            yield return new ChoiceField
            {
                Id = SeedLists, Label = "Seed lists (to every destination)", Optional = true, Multiple = true,
                Initial = [.. (draft.SeedLists ?? []).Select(s => s?.Name).OfType<string>()],
                Choices = [.. seedListNames.Select(n => new Choice(n, n))],
            };
        }
    }

    /// <summary>The draft with the answers; seed lists chosen here go to every destination, keeping any per-destination choice made through the API.</summary>
    public static CampaignDraft Apply(CampaignDraft draft, FormSubmission answers)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(answers);
        var chosen = answers.All(SeedLists).Where(n => !string.IsNullOrWhiteSpace(n)).ToList();
        var kept = (draft.SeedLists ?? []).Where(s => s?.Name is { } name && chosen.Contains(name, StringComparer.OrdinalIgnoreCase)).ToList();
        var added = chosen.Where(n => !kept.Any(k => string.Equals(k!.Name, n, StringComparison.OrdinalIgnoreCase))).Select(n => (SeedListDraft?)new SeedListDraft { Name = n });
        List<SeedListDraft?> seedLists = [.. kept, .. added];
        return draft with
        {
            Priority = Blank(answers.Text(Priority)),
            Language = Blank(answers.Text(Language)),
            SeedLists = seedLists.Count == 0 ? null : seedLists,
        };
    }

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
