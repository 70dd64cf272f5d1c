using System.Buffers;

namespace CampaignBot.Delivery.Connectors.Klaviyo;

/// <summary>
/// A growable byte buffer rented from the shared pool, so the megabyte job bodies of one batch after another
/// reuse the same arrays instead of landing on the large object heap each time.
/// </summary>
internal sealed class RentedBuffer : IDisposable
{
    private byte[] _array = [];

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Written => _array.AsMemory(0, Length);

    public void Clear() => Length = 0;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (Length + bytes.Length > _array.Length)
        {
            Grow(Length + bytes.Length);
        }

        bytes.CopyTo(_array.AsSpan(Length));
        Length += bytes.Length;
    }

    public void Dispose()
    {
        if (_array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = [];
        }

        Length = 0;
    }

    private void Grow(int needed)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(64 * 1024, _array.Length * 2)));
        _array.AsSpan(0, Length).CopyTo(larger);
        if (_array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
        }

        _array = larger;
    }
}
