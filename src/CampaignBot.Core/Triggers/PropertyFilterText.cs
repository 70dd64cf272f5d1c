using System.Globalization;
using System.Text.RegularExpressions;

namespace CampaignBot.Core.Triggers;

/// <summary>
/// Reads the one-comparison filter people write on an event's properties: <c>amount &gt; 100</c>,
/// <c>plan = 'pro'</c>, <c>channel != store</c>. Deliberately small: a property name, one of = != &gt; &gt;= &lt; &lt;=,
/// and a number, a quoted text or a bare word.
/// </summary>
public static partial class PropertyFilterText
{
    public const int MaxPropertyName = 64;

    public const int MaxValueLength = 200;

    public const string Help = "write it as property, operator and value, such as amount > 100 or plan = 'pro' (operators = != > >= < <=)";

    /// <summary>The filter, or null with <paramref name="problem"/> saying what is wrong.</summary>
    public static PropertyFilter? Parse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Comparison().Match(text.Trim());
        if (!match.Success)
        {
            problem = $"'{Shorten(text.Trim())}' is not a filter; {Help}.";
            return null;
        }

        var property = match.Groups["property"].Value;
        if (property.Length > MaxPropertyName)
        {
            problem = $"The property name is {property.Length} characters long; keep it to {MaxPropertyName} or fewer.";
            return null;
        }

        var op = match.Groups["operator"].Value switch
        {
            "=" or "==" => PropertyOperator.Equal,
            "!=" or "<>" => PropertyOperator.NotEqual,
            ">" => PropertyOperator.Greater,
            ">=" => PropertyOperator.GreaterOrEqual,
            "<" => PropertyOperator.Less,
            _ => PropertyOperator.LessOrEqual,
        };
        var value = ReadValue(match.Groups["value"].Value);
        if (value.Text.Length > MaxValueLength)
        {
            problem = $"The value is {value.Text.Length} characters long; keep it to {MaxValueLength} or fewer.";
            return null;
        }

        if (op is not (PropertyOperator.Equal or PropertyOperator.NotEqual) && !value.IsNumber)
        {
            problem = $"'{value.Text}' is not a number; {Symbol(op)} compares numbers (use = or != for text).";
            return null;
        }

        problem = null;
        return new PropertyFilter(property, op, value);
    }

    public static string Symbol(PropertyOperator op) => op switch
    {
        PropertyOperator.Equal => "=",
        PropertyOperator.NotEqual => "!=",
        PropertyOperator.Greater => ">",
        PropertyOperator.GreaterOrEqual => ">=",
        PropertyOperator.Less => "<",
        PropertyOperator.LessOrEqual => "<=",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    private static PropertyValue ReadValue(string raw)
    {
        if (raw.Length >= 2 && raw[0] is '\'' or '"' && raw[^1] == raw[0])
        {
            var quote = raw[0].ToString();
            return new PropertyValue(raw[1..^1].Replace(quote + quote, quote, StringComparison.Ordinal), null);
        }

        return decimal.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            ? new PropertyValue(raw, number)
            : new PropertyValue(raw, null);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    [GeneratedRegex("""^(?<property>[A-Za-z_][A-Za-z0-9_]*)\s*(?<operator>==|!=|<>|>=|<=|=|>|<)\s*(?<value>'(?:[^']|'')*'|"(?:[^"]|"")*"|[A-Za-z0-9_.+-]+)$""")]
    private static partial Regex Comparison();
}
