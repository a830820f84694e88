using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Grid.Indexing.Exact;

/// <summary>
/// Inner-product kernels over 256-bit vectors with FMA. Every kernel accumulates each
/// (query, row) pair in one accumulator in the same order and reduces it the same way, so a
/// pair gets the bit-identical score whichever kernel (single or batch) computed it.
/// The multi-pair kernels exist to keep several independent FMA chains in flight and to load
/// each row (or query) once for several pairs.
/// </summary>
internal static unsafe class DotKernels
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(float* q, float* r, int dim)
    {
        var acc = Vector256<float>.Zero;
        var i = 0;
        for (; i <= dim - 8; i += 8)
            acc = Vector256.FusedMultiplyAdd(Vector256.Load(q + i), Vector256.Load(r + i), acc);
        return Finish(acc, q, r, i, dim);
    }

    /// <summary>One query against four rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void OneQueryFourRows(float* q, float* r0, float* r1, float* r2, float* r3, int dim, float* scores)
    {
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        var i = 0;
        for (; i <= dim - 8; i += 8)
        {
            var qv = Vector256.Load(q + i);
            a0 = Vector256.FusedMultiplyAdd(qv, Vector256.Load(r0 + i), a0);
            a1 = Vector256.FusedMultiplyAdd(qv, Vector256.Load(r1 + i), a1);
            a2 = Vector256.FusedMultiplyAdd(qv, Vector256.Load(r2 + i), a2);
            a3 = Vector256.FusedMultiplyAdd(qv, Vector256.Load(r3 + i), a3);
        }
        scores[0] = Finish(a0, q, r0, i, dim);
        scores[1] = Finish(a1, q, r1, i, dim);
        scores[2] = Finish(a2, q, r2, i, dim);
        scores[3] = Finish(a3, q, r3, i, dim);
    }

    /// <summary>Four queries against one row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FourQueriesOneRow(float* q0, float* q1, float* q2, float* q3, float* r, int dim, float* scores)
    {
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        var i = 0;
        for (; i <= dim - 8; i += 8)
        {
            var rv = Vector256.Load(r + i);
            a0 = Vector256.FusedMultiplyAdd(Vector256.Load(q0 + i), rv, a0);
            a1 = Vector256.FusedMultiplyAdd(Vector256.Load(q1 + i), rv, a1);
            a2 = Vector256.FusedMultiplyAdd(Vector256.Load(q2 + i), rv, a2);
            a3 = Vector256.FusedMultiplyAdd(Vector256.Load(q3 + i), rv, a3);
        }
        scores[0] = Finish(a0, q0, r, i, dim);
        scores[1] = Finish(a1, q1, r, i, dim);
        scores[2] = Finish(a2, q2, r, i, dim);
        scores[3] = Finish(a3, q3, r, i, dim);
    }

    /// <summary>Four queries against two rows (a 4 × 2 register tile: 8 accumulators, 6 loads per 8 FMAs,
    /// so the FMA units rather than the loads set the pace); scores[4·row + query].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FourQueriesTwoRows(float* q0, float* q1, float* q2, float* q3, float* r0, float* r1, int dim, float* scores)
    {
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        Vector256<float> b0 = default, b1 = default, b2 = default, b3 = default;
        var i = 0;
        for (; i <= dim - 8; i += 8)
        {
            var v0 = Vector256.Load(q0 + i);
            var v1 = Vector256.Load(q1 + i);
            var v2 = Vector256.Load(q2 + i);
            var v3 = Vector256.Load(q3 + i);
            var rv = Vector256.Load(r0 + i);
            a0 = Vector256.FusedMultiplyAdd(v0, rv, a0);
            a1 = Vector256.FusedMultiplyAdd(v1, rv, a1);
            a2 = Vector256.FusedMultiplyAdd(v2, rv, a2);
            a3 = Vector256.FusedMultiplyAdd(v3, rv, a3);
            rv = Vector256.Load(r1 + i);
            b0 = Vector256.FusedMultiplyAdd(v0, rv, b0);
            b1 = Vector256.FusedMultiplyAdd(v1, rv, b1);
            b2 = Vector256.FusedMultiplyAdd(v2, rv, b2);
            b3 = Vector256.FusedMultiplyAdd(v3, rv, b3);
        }
        scores[0] = Finish(a0, q0, r0, i, dim);
        scores[1] = Finish(a1, q1, r0, i, dim);
        scores[2] = Finish(a2, q2, r0, i, dim);
        scores[3] = Finish(a3, q3, r0, i, dim);
        scores[4] = Finish(b0, q0, r1, i, dim);
        scores[5] = Finish(b1, q1, r1, i, dim);
        scores[6] = Finish(b2, q2, r1, i, dim);
        scores[7] = Finish(b3, q3, r1, i, dim);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Finish(Vector256<float> acc, float* q, float* r, int i, int dim)
    {
        var sum = Vector256.Sum(acc);
        for (; i < dim; i++) sum = MathF.FusedMultiplyAdd(q[i], r[i], sum);
        return sum;
    }
}
