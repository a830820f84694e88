namespace Grid.Indexing.Compressed;

/// <summary>
/// Symmetric per-vector scalar quantisation. A stored row keeps codes in [−127, 127], written as bytes
/// code + 128 (the unsigned operand AVX-512 VNNI's <c>vpdpbusd</c> wants), and one float scale
/// (max |x| / 127), so x ≈ scale · code; a query gets int8 codes in [−127, 127] and its own scale. Then
/// Σ byte · query = Σ code · query + 128 · Σ query, and the second term is one constant per query.
/// Rows and queries are zero-padded (query codes 0, row bytes 128) to <see cref="Stride"/>, so the
/// kernels never need a tail loop.
/// </summary>
internal static class Int8Codec
{
    public const int Limit = 127;
    public const byte Offset = 128;

    /// <summary>Codes per row including padding: a multiple of 64 (one cache line of codes).</summary>
    public static int Stride(int dimension) => (dimension + 63) & ~63;

    public static float EncodeRow(ReadOnlySpan<float> vector, Span<byte> bytes)
    {
        var scale = MaxAbs(vector) / Limit;
        bytes.Fill(Offset);
        if (scale > 0)
            for (var i = 0; i < vector.Length; i++)
                bytes[i] = (byte)(Offset + (int)Math.Clamp(MathF.Round(vector[i] / scale), -Limit, Limit));
        return scale;
    }

    /// <summary>Writes the query's codes twice (int8 for the VNNI kernel, int16 for the others) and returns
    /// its scale; <paramref name="correction"/> is 128 · Σ codes, to subtract from every raw kernel sum.</summary>
    public static float EncodeQuery(ReadOnlySpan<float> vector, Span<sbyte> codes8, Span<short> codes16, out int correction)
    {
        var scale = MaxAbs(vector) / Limit;
        codes8.Clear();
        codes16.Clear();
        var sum = 0;
        if (scale > 0)
            for (var i = 0; i < vector.Length; i++)
            {
                var code = (int)Math.Clamp(MathF.Round(vector[i] / scale), -Limit, Limit);
                codes8[i] = (sbyte)code;
                codes16[i] = (short)code;
                sum += code;
            }
        correction = Offset * sum;
        return scale;
    }

    /// <summary>The code of byte <paramref name="b"/> (for re-scoring from the codes).</summary>
    public static int Code(byte b) => b - Offset;

    /// <summary>The approximate inner product every scan path computes, in one fixed order so a batch
    /// and a single probe rank candidates identically. Σ byte · query ≤ stride · 255 · 127, which fits in
    /// an int32 for every allowed dimension (≤ 65 536).</summary>
    public static float Score(int rawDot, int correction, float rowScale, float queryScale) =>
        (rawDot - correction) * rowScale * queryScale;

    private static float MaxAbs(ReadOnlySpan<float> vector)
    {
        var max = System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(vector);
        return float.IsFinite(max) ? Math.Abs(max) : 0;
    }
}
