using System.IO.Hashing;

namespace Grid.Indexing.Persistence;

/// <summary>Passes reads or writes through to an inner stream (left open) while hashing every byte,
/// so a saved index carries a checksum without a second pass or a managed copy.</summary>
internal sealed class XxHashStream(Stream inner) : Stream
{
    private readonly XxHash3 _hash = new();

    public ulong CurrentHash => _hash.GetCurrentHashAsUInt64();

    /// <summary>Bytes left in a seekable inner stream, so a damaged length can be rejected before
    /// it is allocated; null when the inner stream cannot tell.</summary>
    public long? Remaining => inner.CanSeek ? inner.Length - inner.Position : null;

    /// <summary>Throws if a seekable inner stream holds fewer than <paramref name="bytes"/> more bytes.</summary>
    public static void EnsureAvailable(Stream stream, long bytes, string what)
    {
        if (bytes < 0 || (stream is XxHashStream { Remaining: { } left } && bytes > left))
            throw new CorruptIndexException($"Saved index is truncated or damaged: {what} needs {bytes} bytes.");
    }

    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => false;
    public override bool CanWrite => inner.CanWrite;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        _hash.Append(buffer[..read]);
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _hash.Append(buffer);
        inner.Write(buffer);
    }

    public override void Flush() => inner.Flush();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
