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

    public static void Fill(IReadOnlyList<string> attributes, CampaignLanguage? language, object?[] values)
    {
        if (language is null)
        {
            return;
        }

        for (var i = 0; i < attributes.Count && i < values.Length; i++)
        {
            if (Is(attributes[i]))
            {
                values[i] = language.Tag;
            }
        }
    }

    private static bool Is(string name) => string.Equals(name.Trim(), CampaignLanguage.Attribute, StringComparison.OrdinalIgnoreCase);
}
