// gridint8: AVX-512 VNNI int8 dot products for Grid.Indexing's exact-int8 engine. .NET 10 exposes no
// AVX-512 VNNI intrinsics (only VEX AVX-VNNI, which this CPU family lacks), so the one kernel that needs
// vpdpbusd (64 multiply-adds into int32 in one instruction) lives here. Compiled without -march: the
// kernel carries its own target attribute and the caller checks CPUID before calling it.
// GCC 12's AVX-512 headers trip -Wmaybe-uninitialized on their own _mm256_undefined_* placeholders.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>
#include <cstdint>

namespace {

__attribute__((target("avx512f,avx512bw,avx512vnni")))
inline __m128i reduce4(__m512i a0, __m512i a1, __m512i a2, __m512i a3) {
    __m256i b0 = _mm256_add_epi32(_mm512_castsi512_si256(a0), _mm512_extracti64x4_epi64(a0, 1));
    __m256i b1 = _mm256_add_epi32(_mm512_castsi512_si256(a1), _mm512_extracti64x4_epi64(a1, 1));
    __m256i b2 = _mm256_add_epi32(_mm512_castsi512_si256(a2), _mm512_extracti64x4_epi64(a2, 1));
    __m256i b3 = _mm256_add_epi32(_mm512_castsi512_si256(a3), _mm512_extracti64x4_epi64(a3, 1));
    __m256i h = _mm256_hadd_epi32(_mm256_hadd_epi32(b0, b1), _mm256_hadd_epi32(b2, b3));
    return _mm_add_epi32(_mm256_castsi256_si128(h), _mm256_extracti128_si256(h, 1));
}

}  // namespace

extern "C" {

int gi8_version() { return 1; }

// Four queries (int8, stride apart) against row_tiles × 4 rows (uint8 = code + 128, stride apart).
// For tile t, out[16·t + 4·row + query] = Σ row[i] · query[i], exactly, in int32.
// stride is a multiple of 64; the caller bounds |query| ≤ 127 so sums cannot overflow.
__attribute__((target("avx512f,avx512bw,avx512vnni")))
void gi8_four_queries_by_rows(const int8_t* queries, const uint8_t* rows, int row_tiles, int stride, int32_t* out) {
    const int8_t* q1 = queries + stride;
    const int8_t* q2 = queries + 2 * stride;
    const int8_t* q3 = queries + 3 * stride;
    for (int t = 0; t < row_tiles; t++) {
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
            a00 = _mm512_dpbusd_epi32(a00, row, v0);
            a01 = _mm512_dpbusd_epi32(a01, row, v1);
            a02 = _mm512_dpbusd_epi32(a02, row, v2);
            a03 = _mm512_dpbusd_epi32(a03, row, v3);
            row = _mm512_loadu_si512(r1 + i);
            a10 = _mm512_dpbusd_epi32(a10, row, v0);
            a11 = _mm512_dpbusd_epi32(a11, row, v1);
            a12 = _mm512_dpbusd_epi32(a12, row, v2);
            a13 = _mm512_dpbusd_epi32(a13, row, v3);
            row = _mm512_loadu_si512(r2 + i);
            a20 = _mm512_dpbusd_epi32(a20, row, v0);
            a21 = _mm512_dpbusd_epi32(a21, row, v1);
            a22 = _mm512_dpbusd_epi32(a22, row, v2);
            a23 = _mm512_dpbusd_epi32(a23, row, v3);
            row = _mm512_loadu_si512(r3 + i);
            a30 = _mm512_dpbusd_epi32(a30, row, v0);
            a31 = _mm512_dpbusd_epi32(a31, row, v1);
            a32 = _mm512_dpbusd_epi32(a32, row, v2);
            a33 = _mm512_dpbusd_epi32(a33, row, v3);
        }
        int32_t* o = out + 16 * t;
        _mm_storeu_si128((__m128i*)o, reduce4(a00, a01, a02, a03));
        _mm_storeu_si128((__m128i*)(o + 4), reduce4(a10, a11, a12, a13));
        _mm_storeu_si128((__m128i*)(o + 8), reduce4(a20, a21, a22, a23));
        _mm_storeu_si128((__m128i*)(o + 12), reduce4(a30, a31, a32, a33));
    }
}

}  // extern "C"
