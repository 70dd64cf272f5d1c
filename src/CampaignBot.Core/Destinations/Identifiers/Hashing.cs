using System.Security.Cryptography;
using System.Text;

namespace CampaignBot.Core.Destinations.Identifiers;

/// <summary>SHA-256 as ad platforms want it: lower-case hex of the UTF-8 bytes of an already normalized value.</summary>
public static class Hashing
{
    public static string Sha256Hex(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(normalized), digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>True for a 64-character hex string: a value hashed upstream, which must not be hashed twice.</summary>
    public static bool LooksHashed(string? value) =>
        value is { Length: 64 } && value.All(char.IsAsciiHexDigit);

    /// <summary>Hashes a normalized value unless it arrived hashed already (then only lower-cased).</summary>
    public static string Sha256HexOnce(string normalized) =>
        LooksHashed(normalized) ? normalized.ToLowerInvariant() : Sha256Hex(normalized);
}
