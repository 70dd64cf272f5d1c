using System.Net.Mail;

namespace CampaignBot.Core.Destinations.Identifiers;

/// <summary>Email normalization as the destinations document it (reference/destinations.md §10).</summary>
public static class Emails
{
    /// <summary>Trimmed and lower-cased, or null when it is not a usable address.</summary>
    public static string? Normalize(string? email)
    {
        var trimmed = email?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 254 || !MailAddress.TryCreate(trimmed, out var parsed)
            || parsed.Address != trimmed || !parsed.Host.Contains('.', StringComparison.Ordinal) || parsed.Host.EndsWith('.'))
        {
            return null;
        }

        return trimmed.ToLowerInvariant();
    }

    /// <summary>TikTok's rule on top: drop a "+tag" and every dot in the local part ("a.b+x@c.com" → "ab@c.com").</summary>
    public static string? NormalizeForTikTok(string? email)
    {
        var normalized = Normalize(email);
        if (normalized is null)
        {
            return null;
        }

        var at = normalized.LastIndexOf('@');
        var local = normalized[..at];
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        local = (plus >= 0 ? local[..plus] : local).Replace(".", "", StringComparison.Ordinal);
        return local.Length == 0 ? null : local + normalized[at..];
    }
}
