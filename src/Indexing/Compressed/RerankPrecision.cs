namespace Grid.Indexing.Compressed;

/// <summary>What the int8 engine keeps to re-rank its scan candidates (spec <c>exact-int8?rerank=…</c>).</summary>
public enum RerankPrecision
{
    /// <summary>A float16 copy of each vector: 0.75× the float32 bytes with the codes; scores within ~1e-4 of float32.</summary>
    Float16,

    /// <summary>The float32 vector: 1.25× the float32 bytes with the codes; scores bit-identical to the exact engine.</summary>
    Float32,

    /// <summary>Nothing beyond the codes (0.25×): candidates are re-scored as float query · dequantised codes.</summary>
    Codes,
}
