using Grid.Indexing.Compressed;
using Grid.Indexing.Exact;
using Grid.Indexing.Faiss;
using Grid.Indexing.Persistence;

namespace Grid.Indexing;

/// <summary>Creates, validates and loads vector indexes from engine specs
/// (<c>exact</c>, <c>exact-int8[?rerank=float16|float32|codes]</c>
/// or <c>faiss:FACTORY[?nprobe=N&amp;efSearch=N]</c>).</summary>
public static class VectorIndexFactory
{
    public const string DefaultSpec = EngineSpec.Exact;
    public const int MaxDimension = 65_536;

    public static IVectorIndex Create(string spec, int dimension)
    {
        CheckDimension(dimension);
        var parsed = EngineSpec.Parse(spec);
        if (parsed.IsExact) return new ExactVectorIndex(dimension, spec);
        if (parsed.IsExactInt8) return new ExactInt8VectorIndex(dimension, parsed.Int8Rerank!.Value, spec);
        return FaissVectorIndex.Create(parsed, dimension);
    }

    /// <summary>Reads an index written by <see cref="IVectorIndex.Save"/>; the stream's header names the engine.</summary>
    public static IVectorIndex Load(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return IndexStreamFormat.Load(source, (spec, dimension, reader, verify) =>
            spec.IsExact ? ExactVectorIndex.ReadPayload(spec.Text, dimension, reader)
            : spec.IsExactInt8 ? ExactInt8VectorIndex.ReadPayload(spec.Text, spec.Int8Rerank!.Value, dimension, reader)
            : FaissVectorIndex.ReadPayload(spec, dimension, reader, verify));
    }

    /// <summary>Checks the spec's syntax without creating an index or loading native code.</summary>
    public static void Validate(string spec) => EngineSpec.Parse(spec);

    /// <summary>Also lets FAISS parse the factory string for <paramref name="dimension"/> (an empty
    /// native index is built and freed at once; no vectors are allocated).</summary>
    public static void Validate(string spec, int dimension)
    {
        CheckDimension(dimension);
        var parsed = EngineSpec.Parse(spec);
        if (parsed.FaissFactory is not null) FaissVectorIndex.Create(parsed, dimension).Dispose();
    }

    internal static void CheckDimension(int dimension)
    {
        if (dimension is <= 0 or > MaxDimension)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"The dimension must be between 1 and {MaxDimension}.");
    }
}
