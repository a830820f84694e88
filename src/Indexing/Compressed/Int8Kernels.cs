using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Grid.Indexing.Compressed;

/// <summary>
/// Integer dot products between int8 queries and rows of uint8 codes (code + 128), both zero-padded to a
/// stride that is a multiple of 64, so no kernel has a tail loop. The managed kernels read the query as
/// int16 (<c>vpmaddwd</c> needs 16-bit lanes), the VNNI kernel as int8; the values are the same. Each
/// kernel returns the raw Σ (code + 128) · query; the caller subtracts 128 · Σ query. Sums are exact int32
/// (the codec bounds them), hence every level and tile shape gives identical results and a batch scores
/// each pair exactly as a single-probe scan does.
/// Kernels are compiled fully optimised at once (AggressiveOptimization): their tier-0 code keeps vectors
/// on the stack and runs ~8× slower, and a first scan of millions of rows would run it for seconds.
/// Tiles: 4 queries × 4 rows (batches: each row is loaded once for four queries and each query once
/// for four rows), 2 queries × 8 rows and 1 query × 16 rows (the one to three probes left over, and single
/// probes), 1 × 1 (tails). (A kernel that transposed each 16 rows once and met every probe of a batch with them was
/// dropped: once the VNNI tile lost its register copies and the next block's prefetch was paced, 4 × 4 tiles took
/// 19 against 26 ms a pass at 16 probes, 33 against 39 at 32, 89 against 95 at 100.)
/// Every tile shape fills 16 int32 per group of rows, out[16·group + queries·row + query],
/// so the caller scores any shape 16 lanes at a time. Each call may also pull the next block's lines into L2,
/// a few before each group (<see cref="PacedPrefetch"/>).
/// </summary>
internal static unsafe class Int8Kernels
{
    public static Int8KernelLevel Best =>
        NativeInt8Methods.IsAvailable ? Int8KernelLevel.Avx512Vnni
        : Avx512BW.IsSupported && Vector512.IsHardwareAccelerated ? Int8KernelLevel.Avx512
        : Avx2.IsSupported ? Int8KernelLevel.Avx2
        : Int8KernelLevel.Scalar;

    public static bool IsSupported(Int8KernelLevel level) => level switch
    {
        Int8KernelLevel.Avx512Vnni => NativeInt8Methods.IsAvailable,
        Int8KernelLevel.Avx512 => Avx512BW.IsSupported,
        Int8KernelLevel.Avx2 => Avx2.IsSupported,
        _ => true,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Dot(Int8KernelLevel level, short* q, byte* r, int stride)
    {
        if (level >= Int8KernelLevel.Avx512 && Avx512BW.IsSupported)
        {
            var acc = Vector512<int>.Zero;
            for (var i = 0; i < stride; i += 32)
                acc += Avx512BW.MultiplyAddAdjacent(Vector512.Load(q + i), Avx512BW.ConvertToVector512Int16(Vector256.Load(r + i)));
            return Vector512.Sum(acc);
        }
        if (level >= Int8KernelLevel.Avx2 && Avx2.IsSupported)
        {
            var acc = Vector256<int>.Zero;
            for (var i = 0; i < stride; i += 16)
                acc += Avx2.MultiplyAddAdjacent(Vector256.Load(q + i), Avx2.ConvertToVector256Int16(r + i));
            return Vector256.Sum(acc);
        }
        var sum = 0;
        for (var i = 0; i < stride; i++) sum += q[i] * r[i];
        return sum;
    }

    /// <summary>Rows per group of each tile shape: a group always fills 16 int32 (queries × rows).</summary>
    public static int GroupRows(int queries) => 16 / queries;

    /// <summary>One query (int16 copy <paramref name="q16"/>, int8 copy <paramref name="q8"/>) against
    /// <paramref name="groups"/> × 16 consecutive rows; out[16·group + row].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void OneByRows(Int8KernelLevel level, short* q16, sbyte* q8, byte* r, int groups, int stride, int* output,
        byte* prefetch = null, int prefetchLines = 0)
    {
        if (level == Int8KernelLevel.Avx512Vnni && NativeInt8Methods.IsAvailable)
        {
            NativeInt8Methods.OneQueryByRows(q8, r, groups, stride, output, prefetch, prefetchLines);
            return;
        }
        var ahead = new PacedPrefetch(prefetch, prefetchLines, groups);
        // Row by row, in address order: the hardware prefetcher keeps one linear stream (interleaving four rows
        // line by line cost 2.5× a plain read's CPU time in the VNNI kernel's measurements).
        for (var j = 0; j < 16 * groups; j++)
        {
            if ((j & 15) == 0) ahead.Step();
            output[j] = Dot(level, q16, r + (long)j * stride, stride);
        }
    }

    /// <summary>Queries q and q+stride against <paramref name="groups"/> × 8 consecutive rows;
    /// out[16·group + 2·row + query].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TwoByRows(Int8KernelLevel level, short* q16, sbyte* q8, byte* r, int groups, int stride, int* output,
        byte* prefetch = null, int prefetchLines = 0)
    {
        if (level == Int8KernelLevel.Avx512Vnni && NativeInt8Methods.IsAvailable)
        {
            NativeInt8Methods.TwoQueriesByRows(q8, r, groups, stride, output, prefetch, prefetchLines);
            return;
        }
        var ahead = new PacedPrefetch(prefetch, prefetchLines, groups);
        for (var j = 0; j < 8 * groups; j++)
        {
            if ((j & 7) == 0) ahead.Step();
            // The second probe re-reads the row from L1; memory sees one linear stream.
            output[2 * j] = Dot(level, q16, r + (long)j * stride, stride);
            output[2 * j + 1] = Dot(level, q16 + stride, r + (long)j * stride, stride);
        }
    }

    /// <summary>Queries q, q+stride, q+2·stride, q+3·stride (int16 copy <paramref name="q16"/>, int8 copy
    /// <paramref name="q8"/>) against <paramref name="rowTiles"/> × 4 consecutive rows;
    /// out[16·tile + 4·row + query].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FourByRows(Int8KernelLevel level, short* q16, sbyte* q8, byte* r, int rowTiles, int stride, int* output,
        byte* prefetch = null, int prefetchLines = 0)
    {
        if (level == Int8KernelLevel.Avx512Vnni && NativeInt8Methods.IsAvailable)
        {
            NativeInt8Methods.FourQueriesByRows(q8, r, rowTiles, stride, output, prefetch, prefetchLines);
            return;
        }
        var ahead = new PacedPrefetch(prefetch, prefetchLines, rowTiles);
        for (var t = 0; t < rowTiles; t++)
        {
            ahead.Step();
            FourByFour(level, q16, r + 4L * t * stride, stride, output + 16 * t);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FourByFour(Int8KernelLevel level, short* q, byte* r, int stride, int* output)
    {
        if (level >= Int8KernelLevel.Avx512 && Avx512BW.IsSupported)
        {
            FourByFour512(q, r, stride, output);
            return;
        }
        if (level >= Int8KernelLevel.Avx2 && Avx2.IsSupported)
        {
            // 16 ymm registers: two passes of 4 queries × 2 rows keep the 8 accumulators in registers.
            FourByTwo256(q, r, stride, output);
            FourByTwo256(q, r + 2 * stride, stride, output + 8);
            return;
        }
        for (var j = 0; j < 4; j++)
            for (var t = 0; t < 4; t++)
                output[4 * j + t] = Dot(Int8KernelLevel.Scalar, q + t * stride, r + j * stride, stride);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FourByFour512(short* q, byte* r, int stride, int* output)
    {
        Vector512<int> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector512<int> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector512<int> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector512<int> a30 = default, a31 = default, a32 = default, a33 = default;
        short* q1 = q + stride, q2 = q + 2 * stride, q3 = q + 3 * stride;
        byte* r1 = r + stride, r2 = r + 2 * stride, r3 = r + 3 * stride;
        for (var i = 0; i < stride; i += 32)
        {
            var v0 = Vector512.Load(q + i);
            var v1 = Vector512.Load(q1 + i);
            var v2 = Vector512.Load(q2 + i);
            var v3 = Vector512.Load(q3 + i);
            var row = Avx512BW.ConvertToVector512Int16(Vector256.Load(r + i));
            a00 += Avx512BW.MultiplyAddAdjacent(v0, row);
            a01 += Avx512BW.MultiplyAddAdjacent(v1, row);
            a02 += Avx512BW.MultiplyAddAdjacent(v2, row);
            a03 += Avx512BW.MultiplyAddAdjacent(v3, row);
            row = Avx512BW.ConvertToVector512Int16(Vector256.Load(r1 + i));
            a10 += Avx512BW.MultiplyAddAdjacent(v0, row);
            a11 += Avx512BW.MultiplyAddAdjacent(v1, row);
            a12 += Avx512BW.MultiplyAddAdjacent(v2, row);
            a13 += Avx512BW.MultiplyAddAdjacent(v3, row);
            row = Avx512BW.ConvertToVector512Int16(Vector256.Load(r2 + i));
            a20 += Avx512BW.MultiplyAddAdjacent(v0, row);
            a21 += Avx512BW.MultiplyAddAdjacent(v1, row);
            a22 += Avx512BW.MultiplyAddAdjacent(v2, row);
            a23 += Avx512BW.MultiplyAddAdjacent(v3, row);
            row = Avx512BW.ConvertToVector512Int16(Vector256.Load(r3 + i));
            a30 += Avx512BW.MultiplyAddAdjacent(v0, row);
            a31 += Avx512BW.MultiplyAddAdjacent(v1, row);
            a32 += Avx512BW.MultiplyAddAdjacent(v2, row);
            a33 += Avx512BW.MultiplyAddAdjacent(v3, row);
        }
        Reduce(Fold(a00), Fold(a01), Fold(a02), Fold(a03)).Store(output);
        Reduce(Fold(a10), Fold(a11), Fold(a12), Fold(a13)).Store(output + 4);
        Reduce(Fold(a20), Fold(a21), Fold(a22), Fold(a23)).Store(output + 8);
        Reduce(Fold(a30), Fold(a31), Fold(a32), Fold(a33)).Store(output + 12);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FourByTwo256(short* q, byte* r, int stride, int* output)
    {
        Vector256<int> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector256<int> a10 = default, a11 = default, a12 = default, a13 = default;
        short* q1 = q + stride, q2 = q + 2 * stride, q3 = q + 3 * stride;
        var r1 = r + stride;
        for (var i = 0; i < stride; i += 16)
        {
            var v0 = Vector256.Load(q + i);
            var v1 = Vector256.Load(q1 + i);
            var v2 = Vector256.Load(q2 + i);
            var v3 = Vector256.Load(q3 + i);
            var row = Avx2.ConvertToVector256Int16(r + i);
            a00 += Avx2.MultiplyAddAdjacent(v0, row);
            a01 += Avx2.MultiplyAddAdjacent(v1, row);
            a02 += Avx2.MultiplyAddAdjacent(v2, row);
            a03 += Avx2.MultiplyAddAdjacent(v3, row);
            row = Avx2.ConvertToVector256Int16(r1 + i);
            a10 += Avx2.MultiplyAddAdjacent(v0, row);
            a11 += Avx2.MultiplyAddAdjacent(v1, row);
            a12 += Avx2.MultiplyAddAdjacent(v2, row);
            a13 += Avx2.MultiplyAddAdjacent(v3, row);
        }
        Reduce(a00, a01, a02, a03).Store(output);
        Reduce(a10, a11, a12, a13).Store(output + 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Fold(Vector512<int> a) => a.GetLower() + a.GetUpper();

    /// <summary>Four 8-lane accumulators to their four sums, with three horizontal adds instead of four full reductions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Reduce(Vector256<int> a0, Vector256<int> a1, Vector256<int> a2, Vector256<int> a3)
    {
        var h = Avx2.HorizontalAdd(Avx2.HorizontalAdd(a0, a1), Avx2.HorizontalAdd(a2, a3));
        return h.GetLower() + h.GetUpper();
    }
}
