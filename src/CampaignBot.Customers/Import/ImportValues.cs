using System.Globalization;
using CampaignBot.Core.Text;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Import;

/// <summary>Reads one field of an import file as its column's type; empty fields are null.</summary>
internal static class ImportValues
{
    public const int MaxText = 1000;
    public const int MaxCustomerId = 64;

    public static bool TryRead(CustomerColumn column, string? text, out object? value, out string reason)
    {
        value = null;
        reason = "";
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return true;
        }

        var ok = column.Type switch
        {
            ColumnType.Text => ReadText(column, trimmed, out value, out reason),
            ColumnType.Integer => Read(long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole), whole, out value),
            ColumnType.Money => Read(decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var money) && Math.Abs(money) < 1e15m, money, out value),
            ColumnType.Fraction => Read(double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) && fraction is >= 0 and <= 1, fraction, out value),
            ColumnType.Date => Read(DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date), date, out value),
            ColumnType.Boolean => Read(TryReadBoolean(trimmed, out var flag), flag, out value),
            _ => false,
        };
        if (!ok && reason.Length == 0)
        {
            // Reports may be shown in chat: personal values are described, never repeated.
            reason = column.IsPersonal
                ? $"{column.Name} is not {Expected(column.Type)}"
                : $"{column.Name} is '{Shorten(trimmed)}', which is not {Expected(column.Type)}";
        }

        return ok;
    }

    private static bool ReadText(CustomerColumn column, string text, out object? value, out string reason)
    {
        value = text;
        reason = "";
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            reason = $"{column.Name} contains a NUL character";
            return false;
        }

        if (text.Length > (column.Name == "customer_id" ? MaxCustomerId : MaxText))
        {
            reason = $"{column.Name} is {text.Length} characters long; the limit is {(column.Name == "customer_id" ? MaxCustomerId : MaxText)}";
            return false;
        }

        if (column.Name == "lifecycle_status" && !CustomerSchema.LifecycleStatuses.Contains(text.ToLowerInvariant()))
        {
            reason = $"lifecycle_status is '{Shorten(text)}'; use {string.Join(", ", CustomerSchema.LifecycleStatuses)}";
            return false;
        }

        value = column.Name == "lifecycle_status" ? text.ToLowerInvariant() : text;
        return true;
    }

    private static bool Read<T>(bool ok, T parsed, out object? value)
    {
        value = ok ? parsed : null;
        return ok;
    }

    private static string Expected(ColumnType type) => type switch
    {
        ColumnType.Integer => "a whole number",
        ColumnType.Money => "an amount such as 199.95",
        ColumnType.Fraction => "a number from 0 to 1",
        ColumnType.Date => "a date written YYYY-MM-DD",
        ColumnType.Boolean => "true or false",
        _ => "valid",
    };

    private static bool TryReadBoolean(string text, out bool flag)
    {
        flag = text.ToLowerInvariant() is "true" or "t" or "yes" or "y" or "1";
        return flag || text.ToLowerInvariant() is "false" or "f" or "no" or "n" or "0";
    }

    // Rejection reports may be shown in chat; keep a bad value recognisable but short.
    private static string Shorten(string text) => TextElements.Truncate(text, 40, "...");
}
