using System.Runtime.InteropServices;
using System.Text;

namespace Grid.Grains.Storage;

/// <summary>
/// The binary frame of a log record: <c>[int32 length][payload][uint32 crc32(payload)]</c>, payload =
/// <c>[kind byte][body]</c>. Each frame is written as one atomic append block, so a frame is either whole or
/// absent; the CRC still guards replay against a damaged or torn tail, which is ignored (it was never
/// acknowledged) rather than corrupting the shard.
/// </summary>
public static class ShardLogCodec
{
    private const byte EnrolledKind = 1;
    private const byte RemovedKind = 2;
    private const byte EngineChangedKind = 3;
    private const int FrameOverhead = CrcFrame.Overhead;

    public static byte[] Encode(ShardLogRecord record, int dimension)
    {
        using var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            switch (record)
            {
                case ShardLogRecord.Enrolled e:
                    w.Write(EnrolledKind);
                    w.Write(e.Ids.Length);
                    for (var i = 0; i < e.Ids.Length; i++)
                    {
                        w.Write(e.Ids[i]);
                        w.Write(e.Hashes[i]);
                        w.Write(e.SubjectRefs[i]);
                        w.Write(MemoryMarshal.AsBytes(e.Vectors.AsSpan(i * dimension, dimension)));
                    }
                    break;
                case ShardLogRecord.Removed r:
                    w.Write(RemovedKind);
                    w.Write(r.SubjectRef);
                    break;
                case ShardLogRecord.EngineChanged c:
                    w.Write(EngineChangedKind);
                    w.Write(c.Engine);
                    break;
            }
        }
        return CrcFrame.Wrap(payload.GetBuffer().AsSpan(0, (int)payload.Length));
    }

    /// <summary>Reads frames until the end or the first incomplete / damaged frame.</summary>
    public static IEnumerable<ShardLogRecord> Decode(Stream source, int dimension, LogReplay replay)
    {
        var header = new byte[4];
        while (true)
        {
            var headerRead = source.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            if (headerRead < header.Length)
            {
                replay.TornTail = headerRead > 0;
                yield break;
            }
            var length = BitConverter.ToInt32(header);
            var rest = length is > 0 and < 512 * 1024 * 1024 ? TryReadFrame(source, length + 4) : null;
            if (rest is null || !CrcFrame.Intact(rest.AsSpan(0, length), rest.AsSpan(length)))
            {
                replay.TornTail = true;
                yield break;
            }
            replay.ValidBytes += length + FrameOverhead;
            replay.Records++;
            yield return DecodePayload(rest.AsSpan(0, length).ToArray(), dimension);
        }
    }

    private static ShardLogRecord DecodePayload(byte[] payload, int dimension)
    {
        using var r = new BinaryReader(new MemoryStream(payload), Encoding.UTF8);
        switch (r.ReadByte())
        {
            case EnrolledKind:
                var n = r.ReadInt32();
                var ids = new long[n];
                var hashes = new ulong[n];
                var refs = new string[n];
                var vectors = new float[n * dimension];
                for (var i = 0; i < n; i++)
                {
                    ids[i] = r.ReadInt64();
                    hashes[i] = r.ReadUInt64();
                    refs[i] = r.ReadString();
                    r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(vectors.AsSpan(i * dimension, dimension)));
                }
                return new ShardLogRecord.Enrolled(ids, hashes, refs, vectors);
            case RemovedKind:
                return new ShardLogRecord.Removed(r.ReadString());
            case EngineChangedKind:
                return new ShardLogRecord.EngineChanged(r.ReadString());
            case var kind:
                throw new InvalidDataException($"Unknown shard log record kind {kind}.");
        }
    }

    /// <summary>Reads <paramref name="count"/> bytes, or null when the stream ends first. The length comes from
    /// an unverified header (a torn tail may hold any bytes), so the buffer grows with the data actually read
    /// instead of trusting it up front: garbage claiming 400 MB costs what the stream holds, not 400 MB.</summary>
    private static byte[]? TryReadFrame(Stream source, int count)
    {
        const int FirstChunk = 1024 * 1024;
        var buffer = new byte[Math.Min(count, FirstChunk)];
        var filled = 0;
        while (true)
        {
            var read = source.ReadAtLeast(buffer.AsSpan(filled), buffer.Length - filled, throwOnEndOfStream: false);
            filled += read;
            if (filled < buffer.Length) return null;
            if (filled == count) return buffer;
            Array.Resize(ref buffer, (int)Math.Min(count, buffer.Length * 2L));
        }
    }
}
