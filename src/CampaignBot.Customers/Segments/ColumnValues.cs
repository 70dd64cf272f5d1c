using System.Globalization;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Segments;

/// <summary>Reads a value a marketer typed as the column's type, or says how to write it.</summary>
internal static class ColumnValues
{
    public static bool TryRead(CustomerColumn column, string text, out object value, out string problem)
    {
        var trimmed = text.Trim();
        problem = "";
        switch (column.Type)
        {
            case ColumnType.Text:
                value = text;
                return true;
            case ColumnType.Integer when long.TryParse(trimmed.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole):
                value = whole;
                return true;
            case ColumnType.Money when decimal.TryParse(trimmed.TrimStart('$').Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var money):
                value = money;
                return true;
            case ColumnType.Fraction when TryReadFraction(trimmed, out var fraction):
                value = fraction;
                return true;
            case ColumnType.Date when DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                value = date;
                return true;
            case ColumnType.Boolean when TryReadBoolean(trimmed, out var flag):
                value = flag;
                return true;
            default:
                value = text;
                problem = $"{column.Name} holds {Describe(column.Type)}, so '{text}' does not fit; {Example(column.Type)}.";
                return false;
        }
    }

    public static string Describe(ColumnType type) => type switch
    {
        ColumnType.Text => "text",
        ColumnType.Integer => "whole numbers",
        ColumnType.Money => "amounts of money",
        ColumnType.Fraction => "fractions from 0 to 1",
        ColumnType.Date => "dates",
        ColumnType.Boolean => "yes/no values",
        _ => type.ToString(),
    };

    private static string Example(ColumnType type) => type switch
    {
        ColumnType.Integer => "write a whole number such as 3",
        ColumnType.Money => "write an amount such as 500 or 99.95",
        ColumnType.Fraction => "write a number such as 0.7 or a percent such as 70%",
        ColumnType.Date => "write dates as YYYY-MM-DD, e.g. 2026-01-31",
        ColumnType.Boolean => "write true or false",
        _ => "write it as text",
    };

    private static bool TryReadFraction(string text, out double fraction)
    {
        var percent = text.EndsWith('%');
        var ok = double.TryParse(percent ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out fraction);
        fraction = percent ? fraction / 100 : fraction;
        return ok && double.IsFinite(fraction);
    }

    private static bool TryReadBoolean(string text, out bool flag)
    {
        switch (text.ToLowerInvariant())
        {
            case "true" or "yes" or "y" or "1":
                flag = true;
                return true;
            case "false" or "no" or "n" or "0":
                flag = false;
                return true;
            default:
                flag = false;
                return false;
        }
    }
}
