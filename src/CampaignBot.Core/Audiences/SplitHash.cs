using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CampaignBot.Core.Audiences;

/// <summary>
/// The sticky split's hash, defined so that .NET, DuckDB and PostgreSQL compute the same bucket:
/// <code>
/// bucket = floor( u32( md5( utf8( split_key || ':' || customer_id ) )[0..4] ) * 10000 / 2^32 )
/// </code>
/// where <c>split_key</c> is the campaign id in lower-case "D" form and <c>u32</c> reads the first four
/// digest bytes big-endian (the first 8 hex digits of <c>md5()</c> in SQL). Buckets run 0..9999, one per
/// basis point, so a 12.5% group owns exactly 1,250 of them. MD5 serves here as a well-mixed, portable
/// function, not for secrecy. See docs/splitting.md for the SQL forms.
/// </summary>
public sealed class SplitHash
{
    public const int Buckets = 10_000;
    private const int StackLimit = 512;

    private readonly byte[] _prefix;

    public SplitHash(string splitKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(splitKey);
        _prefix = Encoding.UTF8.GetBytes(splitKey + ":");
    }

    public int BucketOf(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        var length = _prefix.Length + Encoding.UTF8.GetMaxByteCount(customerId.Length);
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            _prefix.CopyTo(buffer);
            var written = _prefix.Length + Encoding.UTF8.GetBytes(customerId, buffer[_prefix.Length..]);
            Span<byte> digest = stackalloc byte[MD5.HashSizeInBytes];
            MD5.HashData(buffer[..written], digest);
            ulong leading = BinaryPrimitives.ReadUInt32BigEndian(digest);
            return (int)((leading * Buckets) >> 32);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
