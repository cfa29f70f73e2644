// The integer GEMVs (W8A8, W4A8) as whole row loops, one call per chunk of rows: the AVX-512
// VNNI paths (`vpdpbusd`) and every path of the row-interleaved INT4 layout.
//
// Why here and not `static inline` in the header like the AVX2 block dots: a function with
// `target("avx512…")` is never inlined into Swift code compiled for Haswell (the callee needs
// features the caller lacks), so a block function would cost a call and a trip of the
// accumulator through memory per 128 columns. A call per chunk of rows costs nothing.
//
// Every path computes the same integer per block of 128 columns (`Σ w·x8`, exact in INT32:
// |Σ| ≤ 128·127·127 < 2³¹); the float work per block is one conversion and one FMA with the
// product of the weight and activation scales, so only the lanes over which those FMAs spread
// (and so the last bits of y) differ between paths. No compile flags: each function carries its
// own `target` attribute and is called only after `ql_cpu_has_avx512vnni` (or `ql_cpu_has_avx2`).
#include "CKernels.h"

int ql_cpu_has_avx512vnni(void) {
#if defined(__x86_64__)
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vnni");
#else
    return 0;
#endif
}

// MARK: Portable row-interleaved INT4 (any CPU)

QL_U4S8_X4(ql_gemv_u4s8_x4_portable) {
    for (int64_t G = groupBegin; G < groupEnd; G++) {
        float acc[QL_INTERLEAVE] = {0};
        for (int64_t b = 0; b < blocks; b++) {
            const int8_t *xb = x + 128 * b;
            for (int i = 0; i < QL_INTERLEAVE; i++) {
                const uint8_t *wb = w + ((G * blocks + b) * QL_INTERLEAVE + i) * 64;
                int32_t sum = -offsets[b];
                for (int j = 0; j < 64; j++) sum += (int32_t)(wb[j] & 0x0F) * xb[j] + (int32_t)(wb[j] >> 4) * xb[64 + j];
                int64_t r = G * QL_INTERLEAVE + i;
                float s = r < rows ? weightScales[r * groups + b / blocksPerGroup] : 0;
                acc[i] += s * xScales[b] * (float)sum;
            }
        }
        for (int i = 0; i < QL_INTERLEAVE; i++) {
            int64_t r = G * QL_INTERLEAVE + i;
            if (r < rows) y[r] = acc[i];
        }
    }
}

#if defined(__x86_64__)

// MARK: Helpers

#define QL_VNNI256 __attribute__((target("avx2,fma,avx512f,avx512bw,avx512vl,avx512vnni")))
#define QL_VNNI512 __attribute__((target("avx2,fma,avx512f,avx512bw,avx512vl,avx512vnni")))

static inline QL_AVX2 float ql_sum8(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

static inline QL_VNNI512 float ql_sum16(__m512 v) {
    return ql_sum8(_mm256_add_ps(_mm512_castps512_ps256(v), _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(v), 1))));
}

// MARK: Plain layouts on AVX-512 VNNI (the AVX2 paths' layouts and activation orders)

/// `ql_dot_s8s8_block_avx2` with `vpdpbusd` (256-bit): |x| · sign(w, x) summed four bytes per lane.
static inline QL_VNNI256 __m256i ql_s8s8_vnni256(const void *w, const void *x) {
    const __m256i *wv = (const __m256i *)w, *xv = (const __m256i *)x;
    __m256i d = _mm256_setzero_si256();
    for (int k = 0; k < 4; k++) {
        const __m256i xk = _mm256_loadu_si256(xv + k);
        d = _mm256_dpbusd_epi32(d, _mm256_abs_epi8(xk), _mm256_sign_epi8(_mm256_loadu_si256(wv + k), xk));
    }
    return d;
}

/// `ql_dot_u4s8_block_avx2` with `vpdpbusd` (256-bit): the nibbles need no sign trick.
static inline QL_VNNI256 __m256i ql_u4s8_vnni256(const void *w, const void *x, int32_t offset) {
    const __m256i mask = _mm256_set1_epi8(0x0F);
    const __m256i w0 = _mm256_loadu_si256((const __m256i *)w), w1 = _mm256_loadu_si256((const __m256i *)w + 1);
    const __m256i *xv = (const __m256i *)x;
    __m256i d = _mm256_setr_epi32(-offset, 0, 0, 0, 0, 0, 0, 0);
    d = _mm256_dpbusd_epi32(d, _mm256_and_si256(w0, mask), _mm256_loadu_si256(xv));
    d = _mm256_dpbusd_epi32(d, _mm256_and_si256(_mm256_srli_epi16(w0, 4), mask), _mm256_loadu_si256(xv + 1));
    d = _mm256_dpbusd_epi32(d, _mm256_and_si256(w1, mask), _mm256_loadu_si256(xv + 2));
    d = _mm256_dpbusd_epi32(d, _mm256_and_si256(_mm256_srli_epi16(w1, 4), mask), _mm256_loadu_si256(xv + 3));
    return d;
}

QL_VNNI256 void ql_dot_s8s8_block_vnni256(const void *w, const void *x, float scale, float *acc) {
    __m256 a = _mm256_loadu_ps(acc);
    _mm256_storeu_ps(acc, _mm256_fmadd_ps(_mm256_cvtepi32_ps(ql_s8s8_vnni256(w, x)), _mm256_set1_ps(scale), a));
}

QL_VNNI256 void ql_dot_u4s8_block_vnni256(const void *w, const void *x, int32_t offset, float scale, float *acc) {
    __m256 a = _mm256_loadu_ps(acc);
    _mm256_storeu_ps(acc, _mm256_fmadd_ps(_mm256_cvtepi32_ps(ql_u4s8_vnni256(w, x, offset)), _mm256_set1_ps(scale), a));
}

QL_VNNI256 void ql_gemv_s8s8_vnni256(const int8_t *w, int64_t rowLength, const int8_t *x, const float *xScales,
                                     const float *rowScales, int64_t rowBegin, int64_t rowEnd, float *y) {
    const int64_t blocks = rowLength / 128;
    for (int64_t r = rowBegin; r < rowEnd; r++) {
        const int8_t *row = w + r * rowLength;
        __m256 acc = _mm256_setzero_ps();
        for (int64_t b = 0; b < blocks; b++)
            acc = _mm256_fmadd_ps(_mm256_cvtepi32_ps(ql_s8s8_vnni256(row + 128 * b, x + 128 * b)), _mm256_set1_ps(xScales[b]), acc);
        y[r] = rowScales[r] * ql_sum8(acc);
    }
}

/// 512-bit: w given the sign of x by a masked negation (AVX-512 has no `vpsignb`), then
/// `vpdpbusd` with |x|. A weight code of −128 would overflow the negation; the quantizers never
/// produce it.
QL_VNNI512 void ql_gemv_s8s8_vnni512(const int8_t *w, int64_t rowLength, const int8_t *x, const float *xScales,
                                     const float *rowScales, int64_t rowBegin, int64_t rowEnd, float *y) {
    const int64_t blocks = rowLength / 128;
    const __m512i zero = _mm512_setzero_si512();
    for (int64_t r = rowBegin; r < rowEnd; r++) {
        const int8_t *row = w + r * rowLength;
        __m512 acc = _mm512_setzero_ps();
        for (int64_t b = 0; b < blocks; b++) {
            const __m512i x0 = _mm512_loadu_si512(x + 128 * b), x1 = _mm512_loadu_si512(x + 128 * b + 64);
            const __m512i w0 = _mm512_loadu_si512(row + 128 * b), w1 = _mm512_loadu_si512(row + 128 * b + 64);
            __m512i d = _mm512_dpbusd_epi32(zero, _mm512_abs_epi8(x0), _mm512_mask_sub_epi8(w0, _mm512_movepi8_mask(x0), zero, w0));
            d = _mm512_dpbusd_epi32(d, _mm512_abs_epi8(x1), _mm512_mask_sub_epi8(w1, _mm512_movepi8_mask(x1), zero, w1));
            acc = _mm512_fmadd_ps(_mm512_cvtepi32_ps(d), _mm512_set1_ps(xScales[b]), acc);
        }
        y[r] = rowScales[r] * ql_sum16(acc);
    }
}

QL_VNNI256 void ql_gemv_u4s8_vnni256(const uint8_t *w, int64_t rowBytes, const int8_t *x, const float *xScales,
                                     const int32_t *offsets, int64_t blocks, const float *weightScales, int64_t groups,
                                     int64_t blocksPerGroup, int64_t rowBegin, int64_t rowEnd, float *y) {
    for (int64_t r = rowBegin; r < rowEnd; r++) {
        const uint8_t *row = w + r * rowBytes;
        __m256 acc = _mm256_setzero_ps();
        for (int64_t b = 0; b < blocks; b++) {
            const float s = weightScales[r * groups + b / blocksPerGroup] * xScales[b];
            acc = _mm256_fmadd_ps(_mm256_cvtepi32_ps(ql_u4s8_vnni256(row + 64 * b, x + 128 * b, offsets[b])), _mm256_set1_ps(s), acc);
        }
        y[r] = ql_sum8(acc);
    }
}

// MARK: Row-interleaved INT4 (QL_INTERLEAVE rows per group; activations in column order)

/// One group of QL_INTERLEAVE rows. The activations of a block are loaded once and feed every
/// row of the group; per row a block costs 2 loads, 3 nibble operations, 4 `vpdpbusd` (AVX2:
/// 4 `vpmaddubsw`, 3 adds and a `vpmaddwd`), a conversion and an FMA.
#define QL_X4_BODY(DOT256)                                                                                   \
    const __m256i mask = _mm256_set1_epi8(0x0F);                                                            \
    for (int64_t G = groupBegin; G < groupEnd; G++) {                                                        \
        __m256 acc[QL_INTERLEAVE];                                                                           \
        for (int i = 0; i < QL_INTERLEAVE; i++) acc[i] = _mm256_setzero_ps();                               \
        float s[QL_INTERLEAVE] = {0};                                                                        \
        for (int64_t b = 0; b < blocks; b++) {                                                               \
            const __m256i *xv = (const __m256i *)(x + 128 * b);                                              \
            const __m256i x0 = _mm256_loadu_si256(xv), x1 = _mm256_loadu_si256(xv + 1);                     \
            const __m256i x2 = _mm256_loadu_si256(xv + 2), x3 = _mm256_loadu_si256(xv + 3);                 \
            if (b % blocksPerGroup == 0) {                                                                   \
                for (int i = 0; i < QL_INTERLEAVE; i++) {                                                    \
                    int64_t r = G * QL_INTERLEAVE + i;                                                       \
                    s[i] = r < rows ? weightScales[r * groups + b / blocksPerGroup] : 0;                     \
                }                                                                                            \
            }                                                                                                \
            const __m256i start = _mm256_setr_epi32(-offsets[b], 0, 0, 0, 0, 0, 0, 0);                      \
            const uint8_t *wb = w + (G * blocks + b) * QL_INTERLEAVE * 64;                                   \
            for (int i = 0; i < QL_INTERLEAVE; i++) {                                                        \
                const __m256i w0 = _mm256_loadu_si256((const __m256i *)(wb + 64 * i));                      \
                const __m256i w1 = _mm256_loadu_si256((const __m256i *)(wb + 64 * i + 32));                 \
                __m256i d = DOT256(start, _mm256_and_si256(w0, mask), x0);                                   \
                d = DOT256(d, _mm256_and_si256(_mm256_srli_epi16(w0, 4), mask), x2);                         \
                d = DOT256(d, _mm256_and_si256(w1, mask), x1);                                               \
                d = DOT256(d, _mm256_and_si256(_mm256_srli_epi16(w1, 4), mask), x3);                         \
                acc[i] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(d), _mm256_set1_ps(s[i] * xScales[b]), acc[i]); \
            }                                                                                                \
        }                                                                                                    \
        for (int i = 0; i < QL_INTERLEAVE; i++) {                                                            \
            int64_t r = G * QL_INTERLEAVE + i;                                                               \
            if (r < rows) y[r] = ql_sum8(acc[i]);                                                            \
        }                                                                                                    \
    }

/// `acc + Σ_4 u·x` per lane with `vpmaddubsw`/`vpmaddwd` (|pair| ≤ 2·15·127: no saturation).
static inline QL_AVX2 __m256i ql_dot4_avx2(__m256i acc, __m256i u, __m256i x) {
    return _mm256_add_epi32(acc, _mm256_madd_epi16(_mm256_maddubs_epi16(u, x), _mm256_set1_epi16(1)));
}

static inline QL_VNNI256 __m256i ql_dot4_vnni256(__m256i acc, __m256i u, __m256i x) {
    return _mm256_dpbusd_epi32(acc, u, x);
}

QL_AVX2 QL_U4S8_X4(ql_gemv_u4s8_x4_avx2) {
    QL_X4_BODY(ql_dot4_avx2)
}

QL_VNNI256 QL_U4S8_X4(ql_gemv_u4s8_x4_vnni256) {
    QL_X4_BODY(ql_dot4_vnni256)
}
#undef QL_X4_BODY

/// 512-bit: a row's 64 bytes are one register, whose low nibbles pair with columns 0…63 and
/// high nibbles with 64…127 of the block: 1 load, 3 nibble operations and 2 `vpdpbusd` per row.
QL_VNNI512 QL_U4S8_X4(ql_gemv_u4s8_x4_vnni512) {
    const __m512i mask = _mm512_set1_epi8(0x0F);
    for (int64_t G = groupBegin; G < groupEnd; G++) {
        __m512 acc[QL_INTERLEAVE];
        for (int i = 0; i < QL_INTERLEAVE; i++) acc[i] = _mm512_setzero_ps();
        float s[QL_INTERLEAVE] = {0};
        for (int64_t b = 0; b < blocks; b++) {
            const __m512i x0 = _mm512_loadu_si512(x + 128 * b), x1 = _mm512_loadu_si512(x + 128 * b + 64);
            if (b % blocksPerGroup == 0) {
                for (int i = 0; i < QL_INTERLEAVE; i++) {
                    int64_t r = G * QL_INTERLEAVE + i;
                    s[i] = r < rows ? weightScales[r * groups + b / blocksPerGroup] : 0;
                }
            }
            const __m512i start = _mm512_setr_epi32(-offsets[b], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            const uint8_t *wb = w + (G * blocks + b) * QL_INTERLEAVE * 64;
            for (int i = 0; i < QL_INTERLEAVE; i++) {
                const __m512i wi = _mm512_loadu_si512(wb + 64 * i);
                __m512i d = _mm512_dpbusd_epi32(start, _mm512_and_si512(wi, mask), x0);
                d = _mm512_dpbusd_epi32(d, _mm512_and_si512(_mm512_srli_epi16(wi, 4), mask), x1);
                acc[i] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(d), _mm512_set1_ps(s[i] * xScales[b]), acc[i]);
            }
        }
        for (int i = 0; i < QL_INTERLEAVE; i++) {
            int64_t r = G * QL_INTERLEAVE + i;
            if (r < rows) y[r] = ql_sum16(acc[i]);
        }
    }
}

#else
// Off x86-64 only the portable paths run (`ql_cpu_has_avx2` and `ql_cpu_has_avx512vnni` are 0);
// these are defined so that the Swift callers link.
void ql_dot_s8s8_block_vnni256(const void *w, const void *x, float scale, float *acc) {}
void ql_dot_u4s8_block_vnni256(const void *w, const void *x, int32_t offset, float scale, float *acc) {}
void ql_gemv_s8s8_vnni256(const int8_t *w, int64_t rowLength, const int8_t *x, const float *xScales,
                          const float *rowScales, int64_t rowBegin, int64_t rowEnd, float *y) {}
void ql_gemv_s8s8_vnni512(const int8_t *w, int64_t rowLength, const int8_t *x, const float *xScales,
                          const float *rowScales, int64_t rowBegin, int64_t rowEnd, float *y) {}
void ql_gemv_u4s8_vnni256(const uint8_t *w, int64_t rowBytes, const int8_t *x, const float *xScales,
                          const int32_t *offsets, int64_t blocks, const float *weightScales, int64_t groups,
                          int64_t blocksPerGroup, int64_t rowBegin, int64_t rowEnd, float *y) {}
QL_U4S8_X4(ql_gemv_u4s8_x4_avx2) {}
QL_U4S8_X4(ql_gemv_u4s8_x4_vnni256) {}
QL_U4S8_X4(ql_gemv_u4s8_x4_vnni512) {}
#endif
