namespace CampaignBot.Customers.Segments;

public enum FilterOperator
{
    Equal,
    NotEqual,
    LessThan,
    LessOrEqual,
    GreaterThan,
    GreaterOrEqual,
    In,
    NotIn,
    Contains,
    StartsWith,
    IsEmpty,
    IsNotEmpty,
    Between,

    /// <summary>A date within the last N days, weeks, months or years, up to today.</summary>
    InLast,
}

public static class FilterOperators
{
    private static readonly Dictionary<FilterOperator, string> Texts = new()
    {
        [FilterOperator.Equal] = "=",
        [FilterOperator.NotEqual] = "!=",
        [FilterOperator.LessThan] = "<",
        [FilterOperator.LessOrEqual] = "<=",
        [FilterOperator.GreaterThan] = ">",
        [FilterOperator.GreaterOrEqual] = ">=",
        [FilterOperator.In] = "in",
        [FilterOperator.NotIn] = "not in",
        [FilterOperator.Contains] = "contains",
        [FilterOperator.StartsWith] = "starts with",
        [FilterOperator.IsEmpty] = "is empty",
        [FilterOperator.IsNotEmpty] = "is not empty",
        [FilterOperator.Between] = "between",
        [FilterOperator.InLast] = "in last",
    };

    private static readonly Dictionary<string, FilterOperator> ByText =
        Texts.ToDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>How the operator is written in the segment language ("starts with").</summary>
    public static string Text(this FilterOperator op) => Texts[op];

    /// <summary>Accepts the language's spelling and the enum name ("starts with", "StartsWith", "starts_with").</summary>
    public static bool TryParse(string? text, out FilterOperator op)
    {
        op = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var spaced = text.Trim().Replace('_', ' ');
        if (spaced == "<>")
        {
            op = FilterOperator.NotEqual;
            return true;
        }

        if (ByText.TryGetValue(spaced, out op))
        {
            return true;
        }

        var name = spaced.Replace(" ", "", StringComparison.Ordinal);
        return name.Length > 0 && char.IsLetter(name[0]) && Enum.TryParse(name, ignoreCase: true, out op) && Enum.IsDefined(op);
    }

    public static string AllTexts => string.Join(", ", Texts.Values);
}
