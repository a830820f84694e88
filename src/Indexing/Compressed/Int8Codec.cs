namespace Grid.Indexing.Compressed;

/// <summary>
/// Symmetric per-vector scalar quantisation. A stored row keeps int8 codes in [−127, 127] and one
/// float scale (max |x| / 127), so x ≈ scale · code; a query keeps int16 codes and its own scale,
/// which halves the quantisation error of the integer score at no memory cost (queries are few).
/// Both are zero-padded to <see cref="Stride"/> so the kernels never need a tail loop.
/// </summary>
internal static class Int8Codec
{
    public const int RowLimit = 127;

    /// <summary>Codes per row including zero padding: a multiple of 64 (one cache line of codes).</summary>
    public static int Stride(int dimension) => (dimension + 63) & ~63;

    /// <summary>Largest query code such that no int32 sum can overflow, even for rows holding −128
    /// (never written, but a snapshot could carry one): stride · limit · 128 ≤ int.MaxValue.</summary>
    public static int QueryLimit(int stride) => (int)Math.Min(short.MaxValue, int.MaxValue / (stride * 128L));

    public static float EncodeRow(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        var scale = MaxAbs(vector) / RowLimit;
        codes.Clear();
        if (scale > 0)
            for (var i = 0; i < vector.Length; i++)
                codes[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] / scale), -RowLimit, RowLimit);
        return scale;
    }

    public static float EncodeQuery(ReadOnlySpan<float> vector, Span<short> codes, int limit)
    {
        var scale = MaxAbs(vector) / limit;
        codes.Clear();
        if (scale > 0)
            for (var i = 0; i < vector.Length; i++)
                codes[i] = (short)Math.Clamp(MathF.Round(vector[i] / scale), -limit, limit);
        return scale;
    }

    /// <summary>The approximate inner product every scan path computes, in one fixed order so a batch
    /// and a single probe rank candidates identically.</summary>
    public static float Score(int dot, float rowScale, float queryScale) => dot * rowScale * queryScale;

    private static float MaxAbs(ReadOnlySpan<float> vector)
    {
        var max = System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(vector);
        return float.IsFinite(max) ? Math.Abs(max) : 0;
    }
}
