using System.Text;

namespace Grid.Indexing.Persistence;

/// <summary>
/// The saved-index layout shared by all engines:
/// magic "GRIDVIDX", int32 format version, spec (length-prefixed UTF-8), int32 dimension,
/// the engine's payload, then the XxHash3 of everything before it (uint64).
/// </summary>
internal static class IndexStreamFormat
{
    public const int Version = 1;
    private static readonly byte[] Magic = "GRIDVIDX"u8.ToArray();

    public static void Save(Stream destination, string spec, int dimension, Action<BinaryWriter> writePayload)
    {
        var hashing = new XxHashStream(destination);
        using (var writer = new BinaryWriter(hashing, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(spec);
            writer.Write(dimension);
            writePayload(writer);
        }
        Span<byte> hash = stackalloc byte[sizeof(ulong)];
        BitConverter.TryWriteBytes(hash, hashing.CurrentHash);
        destination.Write(hash);
    }

    /// <param name="readPayload">Builds the index; may call the given verify action first, once it has
    /// read every payload byte, to check the checksum before handing bytes to native code.</param>
    public static IVectorIndex Load(Stream source, Func<EngineSpec, int, BinaryReader, Action, IVectorIndex> readPayload)
    {
        var hashing = new XxHashStream(source);
        IVectorIndex? index = null;
        try
        {
            using var reader = new BinaryReader(hashing, Encoding.UTF8, leaveOpen: true);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                throw new CorruptIndexException("Not a saved vector index (bad magic bytes).");
            var version = reader.ReadInt32();
            if (version != Version)
                throw new CorruptIndexException($"Saved index format version {version} is not supported (this build reads {Version}).");
            var specText = reader.ReadString();
            var dimension = reader.ReadInt32();
            if (dimension is <= 0 or > VectorIndexFactory.MaxDimension)
                throw new CorruptIndexException($"Saved index has an impossible dimension {dimension}.");
            EngineSpec spec;
            try { spec = EngineSpec.Parse(specText); }
            catch (UnknownEngineException e) { throw new CorruptIndexException("Saved index names an unknown engine.", e); }

            var verified = false;
            void Verify()
            {
                if (verified) return;
                var computed = hashing.CurrentHash;
                var stored = new byte[sizeof(ulong)];
                source.ReadExactly(stored);
                if (BitConverter.ToUInt64(stored) != computed)
                    throw new CorruptIndexException("Saved index checksum does not match: the stream is damaged.");
                verified = true;
            }
            index = readPayload(spec, dimension, reader, Verify);
            Verify();
            return index;
        }
        catch (Exception e) when (e is IOException or FormatException or OverflowException or ArgumentException)
        {
            index?.Dispose();
            throw new CorruptIndexException("Saved index stream is truncated or unreadable.", e);
        }
        catch
        {
            index?.Dispose();
            throw;
        }
    }
}
