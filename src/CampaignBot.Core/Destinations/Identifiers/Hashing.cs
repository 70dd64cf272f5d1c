using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace CampaignBot.Core.Destinations.Identifiers;

/// <summary>SHA-256 as ad platforms want it: lower-case hex of the UTF-8 bytes of an already normalized value.</summary>
public static class Hashing
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    public static string Sha256Hex(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);

        // Shaping hashes every identifier of every row: short values are encoded on the stack, not in a new array.
        var most = Encoding.UTF8.GetMaxByteCount(normalized.Length);
        var rented = most > 512 ? ArrayPool<byte>.Shared.Rent(most) : null;
        Span<byte> utf8 = rented ?? stackalloc byte[512];
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(normalized, utf8)], digest);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return Convert.ToHexStringLower(digest);
    }

    /// <summary>True for a 64-character hex string: a value hashed upstream, which must not be hashed twice.</summary>
    public static bool LooksHashed(string? value) =>
        value is { Length: 64 } && !value.AsSpan().ContainsAnyExcept(HexDigits);

    /// <summary>Hashes a normalized value unless it arrived hashed already (then only lower-cased).</summary>
    public static string Sha256HexOnce(string normalized) =>
        LooksHashed(normalized) ? normalized.ToLowerInvariant() : Sha256Hex(normalized);
}
