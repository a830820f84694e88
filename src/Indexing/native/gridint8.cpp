// gridint8: AVX-512 VNNI int8 dot products for Grid.Indexing's exact-int8 engine. .NET 10 exposes no
// AVX-512 VNNI intrinsics (only VEX AVX-VNNI, which this CPU family lacks), so the kernels that need
// vpdpbusd (64 multiply-adds into int32 in one instruction) live here. Compiled without -march: the
// kernels carry their own target attribute and the caller checks CPUID before calling them.
// GCC 12's AVX-512 headers trip -Wmaybe-uninitialized on their own _mm256_undefined_* placeholders.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>
#include <cstdint>

namespace {

#define GI8_TARGET __attribute__((target("avx512f,avx512bw,avx512vnni")))

// acc += Σ a (uint8) · b (int8) per int32 lane, as vpdpbusd. In inline assembly because GCC 12 does not tie
// the intrinsic's accumulator to its output register: the 4 × 4 tile's loop copied 16 accumulators through
// spare registers around its 16 _mm512_dpbusd_epi32 (62 register copies in the kernel, 4 with this), and
// measured on one L2-resident block it ran at 3.4–4.1 ns per (row, probe) against 2.5–2.7 with this.
GI8_TARGET inline __m512i dpbusd(__m512i acc, __m512i a, __m512i b) {
    asm("vpdpbusd %2, %1, %0" : "+v"(acc) : "v"(a), "v"(b));
    return acc;
}

// Spreads `lines` prefetches (into L2) of the next block over a kernel call's groups, a few before each group, so
// the next block streams in at the pace this one is scored. Measured at 250,000 × 512, 16 and 32 probes, one
// thread: paced per group, a pass took 12.97 and 21.8 ms against 16.1 and 25.4 with the lines issued in bursts
// of 32 between calls of a few groups (the bursts filled the miss buffers and stalled the multiply-adds).
struct Prefetch {
    const char* next;
    int left;
    int perGroup;
    Prefetch(const void* at, int lines, int groups)
        : next(static_cast<const char*>(at)), left(at ? lines : 0), perGroup(groups > 0 ? (lines + groups - 1) / groups : 0) {}
    inline void step() {
        for (int l = 0; l < perGroup && left > 0; l++, left--, next += 64) _mm_prefetch(next, _MM_HINT_T1);
    }
};

// Lane sums of x and y interleaved: per 128-bit lane [x0+x2, y0+y2, x1+x3, y1+y3].
GI8_TARGET inline __m512i pair32(__m512i x, __m512i y) {
    return _mm512_add_epi32(_mm512_unpacklo_epi32(x, y), _mm512_unpackhi_epi32(x, y));
}

// Two pair32 results to per-128-bit-lane sums of four accumulators: [S0, S1, S2, S3] in every lane.
GI8_TARGET inline __m512i pair64(__m512i x, __m512i y) {
    return _mm512_add_epi32(_mm512_unpacklo_epi64(x, y), _mm512_unpackhi_epi64(x, y));
}

// Adds neighbouring 128-bit lanes: [x0+x1, x2+x3, y0+y1, y2+y3].
GI8_TARGET inline __m512i pair128(__m512i x, __m512i y) {
    return _mm512_add_epi32(_mm512_shuffle_i32x4(x, y, 0x88), _mm512_shuffle_i32x4(x, y, 0xDD));
}

// The 16 accumulators' sums, lane i = Σ a[i], by a transposing tree (45 operations instead of 16
// separate reductions).
GI8_TARGET inline __m512i reduce16(const __m512i* a) {
    __m512i u0 = pair64(pair32(a[0], a[1]), pair32(a[2], a[3]));
    __m512i u1 = pair64(pair32(a[4], a[5]), pair32(a[6], a[7]));
    __m512i u2 = pair64(pair32(a[8], a[9]), pair32(a[10], a[11]));
    __m512i u3 = pair64(pair32(a[12], a[13]), pair32(a[14], a[15]));
    return pair128(pair128(u0, u1), pair128(u2, u3));
}

// Q queries (int8, stride apart) against groups × (16 / Q) consecutive rows (uint8 = code + 128, stride
// apart): out[16·g + Q·row + query] = Σ row[i] · query[i], exactly, in int32. A group is four sub-tiles of
// four (row, query) pairs, folded to per-128-bit-lane sums and finished in one reduce tree and one store.
// Rows are read strictly in address order (a whole row, then the next): measured at 250,000 × 512 on this
// machine, that costs 1.1× the CPU time of a plain read of the same bytes, against 2.5× when four rows are
// read interleaved line by line (the hardware prefetcher loses the stream), and software prefetch only
// added cost. Each row chunk is loaded once for all Q queries; two accumulators per (row, query) halve the
// dependency chain; query chunks stay in L1.
template <int Q>
GI8_TARGET inline void queries_by_rows(const int8_t* queries, const uint8_t* rows, int groups, int stride, int32_t* out, Prefetch prefetch) {
    static_assert(Q == 1 || Q == 2, "four queries have their own 4 x 4 tile");
    constexpr int R = 16 / Q;        // rows per group
    constexpr int SubRows = 4 / Q;   // rows per sub-tile
    for (int g = 0; g < groups; g++) {
        prefetch.step();
        const uint8_t* group = rows + (int64_t)(R * g) * stride;
        __m512i folded[4];
        for (int s = 0; s < 4; s++) {
            __m512i a[4];
            for (int j = 0; j < SubRows; j++) {
                const uint8_t* r = group + (int64_t)(SubRows * s + j) * stride;
                __m512i x[Q], y[Q];
                for (int t = 0; t < Q; t++) x[t] = y[t] = _mm512_setzero_si512();
                int i = 0;
                for (; i + 128 <= stride; i += 128) {
                    const __m512i rx = _mm512_loadu_si512(r + i), ry = _mm512_loadu_si512(r + i + 64);
                    for (int t = 0; t < Q; t++) {
                        x[t] = dpbusd(x[t], rx, _mm512_loadu_si512(queries + (int64_t)t * stride + i));
                        y[t] = dpbusd(y[t], ry, _mm512_loadu_si512(queries + (int64_t)t * stride + i + 64));
                    }
                }
                if (i < stride) {
                    const __m512i rx = _mm512_loadu_si512(r + i);
                    for (int t = 0; t < Q; t++) x[t] = dpbusd(x[t], rx, _mm512_loadu_si512(queries + (int64_t)t * stride + i));
                }
                for (int t = 0; t < Q; t++) a[Q * j + t] = _mm512_add_epi32(x[t], y[t]);
            }
            folded[s] = pair64(pair32(a[0], a[1]), pair32(a[2], a[3]));
        }
        _mm512_storeu_si512(out + 16 * g, pair128(pair128(folded[0], folded[1]), pair128(folded[2], folded[3])));
    }
}


}  // namespace

extern "C" {

int gi8_version() { return 4; }

// stride is a multiple of 64; the caller bounds |query| ≤ 127 so sums cannot overflow. Loads are unaligned
// (free on aligned data): the engine's rows are 64-byte aligned, callers' buffers need not be. Each kernel also
// prefetches `prefetch_lines` 64-byte lines from `prefetch` (null: none), spread over its groups.

// One query against groups × 16 rows: out[16·g + row].
GI8_TARGET void gi8_one_query_by_rows(const int8_t* query, const uint8_t* rows, int groups, int stride, int32_t* out,
                                      const void* prefetch, int prefetch_lines) {
    queries_by_rows<1>(query, rows, groups, stride, out, Prefetch(prefetch, prefetch_lines, groups));
}

// Two queries against groups × 8 rows: out[16·g + 2·row + query].
GI8_TARGET void gi8_two_queries_by_rows(const int8_t* queries, const uint8_t* rows, int groups, int stride, int32_t* out,
                                        const void* prefetch, int prefetch_lines) {
    queries_by_rows<2>(queries, rows, groups, stride, out, Prefetch(prefetch, prefetch_lines, groups));
}

// Four queries against groups × 4 rows: out[16·g + 4·row + query]. Each row chunk is loaded once for
// the four queries and each query chunk once for the four rows.
GI8_TARGET void gi8_four_queries_by_rows(const int8_t* queries, const uint8_t* rows, int groups, int stride, int32_t* out,
                                         const void* prefetch, int prefetch_lines) {
    Prefetch ahead(prefetch, prefetch_lines, groups);
    const int8_t* q1 = queries + stride;
    const int8_t* q2 = queries + 2 * stride;
    const int8_t* q3 = queries + 3 * stride;
    for (int t = 0; t < groups; t++) {
        ahead.step();
        const uint8_t* r0 = rows + (int64_t)(4 * t) * stride;
        const uint8_t* r1 = r0 + stride;
        const uint8_t* r2 = r1 + stride;
        const uint8_t* r3 = r2 + stride;
        __m512i a00 = _mm512_setzero_si512(), a01 = a00, a02 = a00, a03 = a00;
        __m512i a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        __m512i a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        __m512i a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        for (int i = 0; i < stride; i += 64) {
            __m512i v0 = _mm512_loadu_si512(queries + i);
            __m512i v1 = _mm512_loadu_si512(q1 + i);
            __m512i v2 = _mm512_loadu_si512(q2 + i);
            __m512i v3 = _mm512_loadu_si512(q3 + i);
            __m512i row = _mm512_loadu_si512(r0 + i);
            a00 = dpbusd(a00, row, v0);
            a01 = dpbusd(a01, row, v1);
            a02 = dpbusd(a02, row, v2);
            a03 = dpbusd(a03, row, v3);
            row = _mm512_loadu_si512(r1 + i);
            a10 = dpbusd(a10, row, v0);
            a11 = dpbusd(a11, row, v1);
            a12 = dpbusd(a12, row, v2);
            a13 = dpbusd(a13, row, v3);
            row = _mm512_loadu_si512(r2 + i);
            a20 = dpbusd(a20, row, v0);
            a21 = dpbusd(a21, row, v1);
            a22 = dpbusd(a22, row, v2);
            a23 = dpbusd(a23, row, v3);
            row = _mm512_loadu_si512(r3 + i);
            a30 = dpbusd(a30, row, v0);
            a31 = dpbusd(a31, row, v1);
            a32 = dpbusd(a32, row, v2);
            a33 = dpbusd(a33, row, v3);
        }
        // Accumulator order 4·row + query, so lane i of the reduction is out[16·t + i].
        const __m512i acc[16] = {a00, a01, a02, a03, a10, a11, a12, a13, a20, a21, a22, a23, a30, a31, a32, a33};
        _mm512_storeu_si512(out + 16 * t, reduce16(acc));
    }
}

}  // extern "C"
