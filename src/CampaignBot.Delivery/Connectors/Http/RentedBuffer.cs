using System.Buffers;

namespace CampaignBot.Delivery.Connectors.Http;

/// <summary>
/// A growable byte buffer rented from the shared pool, so the megabyte job bodies of one batch after another
/// reuse the same arrays instead of landing on the large object heap each time. A Utf8JsonWriter may write
/// into it directly.
/// </summary>
internal sealed class RentedBuffer : IBufferWriter<byte>, IDisposable
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

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _array.Length - Length);
        Length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _array.AsMemory(Length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _array.AsSpan(Length);
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

    private void Reserve(int sizeHint)
    {
        var wanted = Math.Max(sizeHint, 1);
        if (_array.Length - Length < wanted)
        {
            Grow(Length + wanted);
        }
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
