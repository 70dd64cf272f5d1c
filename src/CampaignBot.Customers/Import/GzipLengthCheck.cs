namespace CampaignBot.Customers.Import;

/// <summary>
/// Passes decompressed gzip bytes through and, at the end, compares their count with the length the gzip trailer
/// records. A file cut short decompresses without complaint up to the cut; without this check its first part would
/// import as if it were the whole file.
/// </summary>
internal sealed class GzipLengthCheck(Stream decompressed, uint trailerLength) : Stream
{
    private uint _length;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>The length the last 4 bytes of a gzip file record (the uncompressed size modulo 2^32).</summary>
    public static uint TrailerLength(FileStream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Length < 18)
        {
            throw new InvalidDataException("The gzip file is shorter than a gzip header and trailer.");
        }

        Span<byte> trailer = stackalloc byte[4];
        var at = file.Position;
        file.Seek(-4, SeekOrigin.End);
        file.ReadExactly(trailer);
        file.Position = at;
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer);
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(decompressed.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(decompressed.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await decompressed.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

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
            decompressed.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(int read)
    {
        // The trailer keeps the length modulo 2^32; so does this count, wrapping alike.
        unchecked
        {
            _length += (uint)read;
        }

        return read == 0 && _length != trailerLength
            ? throw new InvalidDataException("The gzip data ends before its trailer says it should.")
            : read;
    }
}
