using CampaignBot.Customers.Import;

namespace CampaignBot.App.Imports;

/// <summary>
/// The column names of an import as people type them, in the API's <c>mapping</c> parameter and the command line's
/// <c>--mapping</c>: <c>file column:table column</c> pairs separated by commas, <c>-</c> for a column to leave out,
/// e.g. <c>cust_no:customer_id,e-mail:email,notes:-</c>.
/// </summary>
public static class ImportColumnNames
{
    public static IReadOnlyDictionary<string, string> Parse(string? text, out string? problem)
    {
        problem = null;
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(text))
        {
            return names;
        }

        foreach (var pair in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var colon = pair.LastIndexOf(':');
            var file = colon > 0 ? pair[..colon].Trim() : "";
            var column = colon > 0 ? pair[(colon + 1)..].Trim() : "";
            if (file.Length == 0 || column.Length == 0)
            {
                problem = $"'{Shorten(pair)}' is not a pair 'file column:table column' (or 'file column:{ImportRequest.SkipColumn}' to leave it out); separate pairs with commas.";
                return names;
            }

            if (!names.TryAdd(file, column))
            {
                problem = $"'{Shorten(file)}' is given twice.";
                return names;
            }
        }

        return names;
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
