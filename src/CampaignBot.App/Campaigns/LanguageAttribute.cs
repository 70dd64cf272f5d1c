using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Validation;
using CampaignBot.Customers.Schema;

namespace CampaignBot.App.Campaigns;

/// <summary>
/// The "language" attribute: the campaign's language, the same on every row, rather than a customer column. The
/// engine reads a stand-in column in its place, so every row keeps one value per attribute in order, and the run
/// writes the language over it.
/// </summary>
internal static class LanguageAttribute
{
    // Always present and never personal, so the stand-in costs no extra join and reveals nothing.
    private const string StandIn = "customer_id";

    // A customer table with its own language column would be read as any column is.
    public static bool Is(AttributeSelection selection) =>
        Is(selection.Name) && (selection.SourceTable is null ? CustomerSchema.MergedCustomers : CustomerSchema.FindTable(selection.SourceTable))?.Find(CampaignLanguage.Attribute) is null;

    /// <summary>The attribute names and tables to read from the engine, the language replaced by its stand-in.</summary>
    public static IEnumerable<(string Name, string? SourceTable)> Columns(IEnumerable<AttributeSelection> selections) =>
        selections.Select(a => Is(a) ? (StandIn, (string?)null) : (a.Name, a.SourceTable));

    /// <summary>A delivery that asks for the language needs the campaign to have one.</summary>
    public static void Check(CampaignDefinition campaign, IEnumerable<AttributeSelection> selections, string path, ProblemList problems)
    {
        if (campaign.Language is null && selections.Any(Is))
        {
            problems.Error($"{path}.attributes", "This destination is sent the language, but the campaign has none; set language (such as en-US) or remove the language attribute.");
        }
    }

    /// <summary>Where in a row the campaign's language goes: the positions of the selections read from a stand-in.</summary>
    public static IReadOnlyList<int> Positions(IReadOnlyList<AttributeSelection> selections) =>
        [.. Enumerable.Range(0, selections.Count).Where(i => Is(selections[i]))];

    public static void Fill(IReadOnlyList<int> positions, CampaignLanguage? language, object?[] values)
    {
        if (language is null)
        {
            return;
        }

        foreach (var position in positions)
        {
            values[position] = language.Tag;
        }
    }

    private static bool Is(string name) => string.Equals(name.Trim(), CampaignLanguage.Attribute, StringComparison.OrdinalIgnoreCase);
}
