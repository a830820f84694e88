using System.IO.Hashing;

namespace Grid.Grains.Storage;

/// <summary>The frame every durable log record travels in: <c>[int32 length][payload][uint32 crc32(payload)]</c>.
/// Shared by the shard logs and the audit logs, so both read torn tails and damage the same way.</summary>
public static class CrcFrame
{
    public const int Overhead = 8;

    public static byte[] Wrap(ReadOnlySpan<byte> payload)
    {
        var frame = new byte[payload.Length + Overhead];
        BitConverter.TryWriteBytes(frame.AsSpan(0, 4), payload.Length);
        payload.CopyTo(frame.AsSpan(4));
        BitConverter.TryWriteBytes(frame.AsSpan(4 + payload.Length), Crc32.HashToUInt32(payload));
        return frame;
    }

    /// <summary>True when <paramref name="crc"/> (the 4 bytes after the payload) matches the payload.</summary>
    public static bool Intact(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> crc) =>
        Crc32.HashToUInt32(payload) == BitConverter.ToUInt32(crc);
}
