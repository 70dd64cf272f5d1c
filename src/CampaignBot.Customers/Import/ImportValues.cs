using System.Globalization;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Import;

/// <summary>
/// Reads one field of an import file as its column's type; empty fields are null. Reasons describe what is wrong
/// and never repeat the value: reports are shown in chat and logs, and values may be personal data.
/// </summary>
internal static class ImportValues
{
    public const int MaxText = 1000;
    public const int MaxCustomerId = 64;

    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd' 'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd' 'HH:mmK", "yyyy-MM-dd",
    ];

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
            ColumnType.Timestamp => ReadTimestamp(trimmed, out value, out reason),
            ColumnType.Boolean => Read(TryReadBoolean(trimmed, out var flag), flag, out value),
            _ => false,
        };
        if (!ok && reason.Length == 0)
        {
            reason = $"not {Expected(column.Type)}";
        }

        return ok;
    }

    /// <summary>What a column of <paramref name="type"/> takes, in words.</summary>
    public static string Expected(ColumnType type) => type switch
    {
        ColumnType.Integer => "a whole number",
        ColumnType.Money => "an amount such as 199.95",
        ColumnType.Fraction => "a number from 0 to 1",
        ColumnType.Date => "a date written YYYY-MM-DD",
        ColumnType.Timestamp => "a time written YYYY-MM-DD HH:MM:SS (UTC, unless it ends with Z or an offset such as +02:00)",
        ColumnType.Boolean => "true or false (or yes/no, 1/0)",
        _ => "text",
    };

    private static bool ReadText(CustomerColumn column, string text, out object? value, out string reason)
    {
        value = text;
        reason = "";
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            reason = "contains a NUL character";
            return false;
        }

        var limit = column.Name == "customer_id" ? MaxCustomerId : MaxText;
        if (text.Length > limit)
        {
            reason = $"{text.Length:N0} characters long; the limit is {limit:N0}";
            return false;
        }

        if (column.Name == "lifecycle_status")
        {
            var status = text.ToLowerInvariant();
            if (!CustomerSchema.LifecycleStatuses.Contains(status))
            {
                reason = $"not one of {string.Join(", ", CustomerSchema.LifecycleStatuses)}";
                return false;
            }

            value = status;
        }

        return true;
    }

    // ISO 8601 with T or a space, seconds and fractions optional; a bare date is midnight, as Parquet timestamps at
    // midnight read as dates. Stored in UTC without a zone, as the send history's sent_at, which results compare it to.
    private static bool ReadTimestamp(string text, out object? value, out string reason)
    {
        value = null;
        reason = "";
        if (!DateTimeOffset.TryParseExact(text, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment))
        {
            return false;
        }

        // ClickHouse's DateTime64 holds 1900 to 2299; every engine takes the same range.
        if (moment.Year is < 1900 or > 2299)
        {
            reason = "outside the years 1900 to 2299";
            return false;
        }

        value = DateTime.SpecifyKind(moment.UtcDateTime, DateTimeKind.Unspecified);
        return true;
    }

    private static bool Read<T>(bool ok, T parsed, out object? value)
    {
        value = ok ? parsed : null;
        return ok;
    }

    private static bool TryReadBoolean(string text, out bool flag)
    {
        var lower = text.ToLowerInvariant();
        flag = lower is "true" or "t" or "yes" or "y" or "1";
        return flag || lower is "false" or "f" or "no" or "n" or "0";
    }
}
