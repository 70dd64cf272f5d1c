using System.Buffers;
using System.Text.Unicode;

namespace CampaignBot.Customers.Import;

/// <summary>Thrown where an import file stops being UTF-8 (a Latin-1 or Windows-1252 export, a binary file).</summary>
/// <param name="line">The file's line holding the first byte that is not UTF-8.</param>
internal sealed class NotUtf8Exception(long line)
    : IOException($"Line {line} is not valid UTF-8.")
{
    public long Line { get; } = line;
}

/// <summary>
/// Passes bytes through while checking that they are UTF-8, counting lines as it goes so the first bad byte is
/// reported by line. The CSV reader would otherwise turn such bytes into U+FFFD and store mangled names.
/// </summary>
internal sealed class Utf8CheckedStream(Stream inner) : Stream
{
    // A sequence cut by the end of a read: its first bytes wait here for the rest.
    private readonly byte[] _pending = new byte[4];
    private int _pendingLength;
    private long _line = 1;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Check(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Check(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Check(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            if (_pendingLength > 0)
            {
                // The file ends inside a sequence.
                throw new NotUtf8Exception(_line);
            }

            return;
        }

        if (_pendingLength > 0)
        {
            bytes = CompletePending(bytes);
            if (_pendingLength > 0)
            {
                return;
            }
        }

        var whole = bytes.Length - IncompleteTail(bytes);
        var checkedPart = bytes[..whole];
        if (!Utf8.IsValid(checkedPart))
        {
            var valid = ValidPrefix(checkedPart);
            throw new NotUtf8Exception(_line + checkedPart[..valid].Count((byte)'\n'));
        }

        _line += checkedPart.Count((byte)'\n');
        bytes[whole..].CopyTo(_pending);
        _pendingLength = bytes.Length - whole;
    }

    // Adds bytes from the start of this read to the cut sequence, checks it, and returns what follows it.
    private ReadOnlySpan<byte> CompletePending(ReadOnlySpan<byte> bytes)
    {
        var needed = SequenceLength(_pending[0]) - _pendingLength;
        var taken = Math.Min(needed, bytes.Length);
        bytes[..taken].CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength += taken;
        if (taken < needed)
        {
            // Still cut (a read of one or two bytes); wait for more.
            return [];
        }

        if (!Utf8.IsValid(_pending.AsSpan(0, _pendingLength)))
        {
            throw new NotUtf8Exception(_line);
        }

        _pendingLength = 0;
        return bytes[taken..];
    }

    // How many bytes at the end start a sequence that continues in the next read (0 to 3).
    private static int IncompleteTail(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) != 0x80)
            {
                // A lead byte (or ASCII): the tail is incomplete when the sequence it starts is longer than what is here.
                return SequenceLength(b) > back ? back : 0;
            }
        }

        return 0;
    }

    private static int SequenceLength(byte lead) => lead switch
    {
        < 0x80 => 1,
        >= 0xC2 and < 0xE0 => 2,
        >= 0xE0 and < 0xF0 => 3,
        >= 0xF0 and < 0xF5 => 4,
        _ => 1,
    };

    private static int ValidPrefix(ReadOnlySpan<byte> bytes)
    {
        var chars = ArrayPool<char>.Shared.Rent(bytes.Length + 1);
        try
        {
            Utf8.ToUtf16(bytes, chars, out var read, out _, replaceInvalidSequences: false);
            return read;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
