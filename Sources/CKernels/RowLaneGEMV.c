// The integer GEMVs (W4A8, W8A8) on the row-lane layouts: sixteen rows per group, laid out so
// that each 32-bit lane of a 512-bit register holds one row's four codes of the same four
// columns, and the activations of those columns are one 32-bit broadcast.
//
// Why: with one row per register (the plain and four-row interleaved layouts) each row needs its
// own conversion, FMA and final horizontal sum per block, and its `vpdpbusd` chain; here one
// `vpdpbusd` serves sixteen rows, the per-block float work (one conversion, one FMA) is shared by
// sixteen rows, and the lanes of the result are the rows of y, so no horizontal sum remains.
// Measured on this machine (one thread, 4096×4096 W4A8 in cache): 90 µs against 192 µs for the
// four-row interleaved layout on 512-bit VNNI. llama.cpp's repacked Q4_0 (8×8) uses the same idea.
//
// Every path computes the same integer per row and block of 128 columns, and each row's float
// terms are summed in the same order on every path (one lane per row), so the paths agree up to
// the rounding of one multiply-add per block where the portable loop is not contracted.
#include "CKernels.h"

/// `acc + Σ_4 u·x` per 32-bit lane on AVX2 (`vpmaddubsw`, `vpmaddwd`); |pair| ≤ 2·15·127.
#if defined(__x86_64__)
static inline QL_AVX2 __m256i ql_rl_dot4_avx2(__m256i acc, __m256i u, __m256i x) {
    return _mm256_add_epi32(acc, _mm256_madd_epi16(_mm256_maddubs_epi16(u, x), _mm256_set1_epi16(1)));
}
#endif

/// Stores the `QL_ROW_LANES` results of group G, the last group only up to `rows`.
static inline void ql_rl_store(const float *lanes, int64_t G, int64_t rows, float *y) {
    for (int i = 0; i < QL_ROW_LANES; i++) {
        int64_t r = G * QL_ROW_LANES + i;
        if (r < rows) y[r] = lanes[i];
    }
}

// MARK: W4A8

QL_U4S8_ROW_LANES(ql_gemv_u4s8_rl_portable) {
    for (int64_t G = groupBegin; G < groupEnd; G++) {
        float acc[QL_ROW_LANES] = {0};
        for (int64_t b = 0; b < blocks; b++) {
            const uint8_t *wb = w + (G * blocks + b) * QL_ROW_LANES * 64;
            const int8_t *xb = x + 128 * b;
            const float *s = weightScales + (G * groups + b / blocksPerGroup) * QL_ROW_LANES;
            for (int i = 0; i < QL_ROW_LANES; i++) {
                int32_t sum = -offsets[b];
                for (int k = 0; k < 16; k++)
                    for (int j = 0; j < 4; j++) {
                        const uint8_t byte = wb[64 * k + 4 * i + j];
                        sum += (int32_t)(byte & 0x0F) * xb[8 * k + j] + (int32_t)(byte >> 4) * xb[8 * k + 4 + j];
                    }
                acc[i] += (float)sum * (s[i] * xScales[b]);
            }
        }
        ql_rl_store(acc, G, rows, y);
    }
}

// MARK: W8A8

QL_S8S8_ROW_LANES(ql_gemv_s8s8_rl_portable) {
    for (int64_t G = groupBegin; G < groupEnd; G++) {
        float acc[QL_ROW_LANES] = {0};
        for (int64_t b = 0; b < blocks; b++) {
            const uint8_t *wb = w + (G * blocks + b) * QL_ROW_LANES * 128;
            const int8_t *xb = x + 128 * b;
            for (int i = 0; i < QL_ROW_LANES; i++) {
                int32_t sum = 0;
                for (int k = 0; k < 32; k++)
                    for (int j = 0; j < 4; j++) sum += ((int32_t)wb[64 * k + 4 * i + j] - 128) * xb[4 * k + j];
                acc[i] += (float)sum * xScales[b];
            }
        }
        for (int i = 0; i < QL_ROW_LANES; i++) acc[i] *= rowScales[G * QL_ROW_LANES + i];
        ql_rl_store(acc, G, rows, y);
    }
}

#if defined(__x86_64__)

/// Software prefetch of the block four blocks ahead (4 KiB of INT4 codes, 8 KiB of INT8) into
/// L1, one line at a time. Why: with its weights coming from memory the W4A8 product read less
/// per second than FP32's (the nibble work per line leaves the out-of-order window fewer lines
/// ahead); in three alternating runs of a C microbenchmark (4096 × 4096, after a 512 MiB read)
/// the prefetch took a cold W4A8 product from 167–194 µs to 148–166 µs, and left W8A8 within
/// the noise. Prefetches past the end of the weights are harmless: they never fault.
#define QL_RL_PREFETCH_BLOCKS 4
static inline void ql_rl_prefetch(const uint8_t *block, int64_t blockBytes) {
    const uint8_t *ahead = block + QL_RL_PREFETCH_BLOCKS * blockBytes;
    for (int64_t p = 0; p < blockBytes; p += 64) _mm_prefetch((const char *)(ahead + p), _MM_HINT_T0);
}

#define QL_RL_VNNI __attribute__((target("avx2,fma,avx512f,avx512bw,avx512vl,avx512vnni")))

/// Four bytes of x (columns c…c+3) in every 32-bit lane.
#define QL_BROADCAST4_256(p) _mm256_set1_epi32(*(const int32_t *)(p))
#define QL_BROADCAST4_512(p) _mm512_set1_epi32(*(const int32_t *)(p))

/// W4A8, 256-bit registers: the sixteen rows as two halves of eight; per step of eight columns
/// one 64-byte load (both halves), and per half two nibble masks and two dot products.
#define QL_U4S8_RL_256(DOT)                                                                                      \
    const __m256i mask = _mm256_set1_epi8(0x0F);                                                                \
    for (int64_t G = groupBegin; G < groupEnd; G++) {                                                            \
        __m256 lo = _mm256_setzero_ps(), hi = _mm256_setzero_ps();                                              \
        for (int64_t b = 0; b < blocks; b++) {                                                                   \
            const uint8_t *wb = w + (G * blocks + b) * QL_ROW_LANES * 64;                                        \
            ql_rl_prefetch(wb, QL_ROW_LANES * 64);                                                               \
            const int8_t *xb = x + 128 * b;                                                                      \
            const float *s = weightScales + (G * groups + b / blocksPerGroup) * QL_ROW_LANES;                   \
            __m256i l0 = _mm256_set1_epi32(-offsets[b]), l1 = _mm256_setzero_si256();                           \
            __m256i h0 = l0, h1 = _mm256_setzero_si256();                                                        \
            for (int k = 0; k < 16; k++) {                                                                       \
                const __m256i a = _mm256_loadu_si256((const __m256i *)(wb + 64 * k));                            \
                const __m256i c = _mm256_loadu_si256((const __m256i *)(wb + 64 * k + 32));                       \
                const __m256i x0 = QL_BROADCAST4_256(xb + 8 * k), x1 = QL_BROADCAST4_256(xb + 8 * k + 4);        \
                l0 = DOT(l0, _mm256_and_si256(a, mask), x0);                                                     \
                l1 = DOT(l1, _mm256_and_si256(_mm256_srli_epi16(a, 4), mask), x1);                               \
                h0 = DOT(h0, _mm256_and_si256(c, mask), x0);                                                     \
                h1 = DOT(h1, _mm256_and_si256(_mm256_srli_epi16(c, 4), mask), x1);                               \
            }                                                                                                    \
            const __m256 t = _mm256_set1_ps(xScales[b]);                                                         \
            lo = _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_add_epi32(l0, l1)), _mm256_mul_ps(_mm256_loadu_ps(s), t), lo); \
            hi = _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_add_epi32(h0, h1)), _mm256_mul_ps(_mm256_loadu_ps(s + 8), t), hi); \
        }                                                                                                        \
        float lanes[QL_ROW_LANES];                                                                               \
        _mm256_storeu_ps(lanes, lo);                                                                             \
        _mm256_storeu_ps(lanes + 8, hi);                                                                         \
        ql_rl_store(lanes, G, rows, y);                                                                          \
    }

static inline QL_RL_VNNI __m256i ql_rl_dot4_vnni256(__m256i acc, __m256i u, __m256i x) { return _mm256_dpbusd_epi32(acc, u, x); }

QL_AVX2 QL_U4S8_ROW_LANES(ql_gemv_u4s8_rl_avx2) { QL_U4S8_RL_256(ql_rl_dot4_avx2) }
QL_RL_VNNI QL_U4S8_ROW_LANES(ql_gemv_u4s8_rl_vnni256) { QL_U4S8_RL_256(ql_rl_dot4_vnni256) }
#undef QL_U4S8_RL_256

/// W4A8, 512-bit registers: per step of eight columns one load, three nibble operations and two
/// `vpdpbusd` for all sixteen rows; four accumulators so that the `vpdpbusd` chains overlap.
QL_RL_VNNI QL_U4S8_ROW_LANES(ql_gemv_u4s8_rl_vnni512) {
    const __m512i mask = _mm512_set1_epi8(0x0F);
    for (int64_t G = groupBegin; G < groupEnd; G++) {
        __m512 acc = _mm512_setzero_ps();
        for (int64_t b = 0; b < blocks; b++) {
            const uint8_t *wb = w + (G * blocks + b) * QL_ROW_LANES * 64;
            ql_rl_prefetch(wb, QL_ROW_LANES * 64);
            const int8_t *xb = x + 128 * b;
            const float *s = weightScales + (G * groups + b / blocksPerGroup) * QL_ROW_LANES;
            __m512i d0 = _mm512_set1_epi32(-offsets[b]), d1 = _mm512_setzero_si512(), d2 = d1, d3 = d1;
            for (int k = 0; k < 16; k += 2) {
                const __m512i a = _mm512_loadu_si512(wb + 64 * k), c = _mm512_loadu_si512(wb + 64 * k + 64);
                d0 = _mm512_dpbusd_epi32(d0, _mm512_and_si512(a, mask), QL_BROADCAST4_512(xb + 8 * k));
                d1 = _mm512_dpbusd_epi32(d1, _mm512_and_si512(_mm512_srli_epi16(a, 4), mask), QL_BROADCAST4_512(xb + 8 * k + 4));
                d2 = _mm512_dpbusd_epi32(d2, _mm512_and_si512(c, mask), QL_BROADCAST4_512(xb + 8 * k + 8));
                d3 = _mm512_dpbusd_epi32(d3, _mm512_and_si512(_mm512_srli_epi16(c, 4), mask), QL_BROADCAST4_512(xb + 8 * k + 12));
            }
            const __m512i d = _mm512_add_epi32(_mm512_add_epi32(d0, d1), _mm512_add_epi32(d2, d3));
            acc = _mm512_fmadd_ps(_mm512_cvtepi32_ps(d), _mm512_mul_ps(_mm512_loadu_ps(s), _mm512_set1_ps(xScales[b])), acc);
        }
        float lanes[QL_ROW_LANES];
        _mm512_storeu_ps(lanes, acc);
        ql_rl_store(lanes, G, rows, y);
    }
}

/// W8A8 on AVX2: the offset-binary codes back to signed by `xor 0x80`, then the sign trick of
/// `ql_dot_s8s8_block_avx2` (`vpmaddubsw` of |x| and w·sign(x): |pair| ≤ 2·127·127, no
/// saturation); no offset to subtract.
QL_AVX2 QL_S8S8_ROW_LANES(ql_gemv_s8s8_rl_avx2) {
    const __m256i flip = _mm256_set1_epi8((char)0x80), ones = _mm256_set1_epi16(1);
    for (int64_t G = groupBegin; G < groupEnd; G++) {
        __m256 lo = _mm256_setzero_ps(), hi = _mm256_setzero_ps();
        for (int64_t b = 0; b < blocks; b++) {
            const uint8_t *wb = w + (G * blocks + b) * QL_ROW_LANES * 128;
            ql_rl_prefetch(wb, QL_ROW_LANES * 128);
            const int8_t *xb = x + 128 * b;
            __m256i l = _mm256_setzero_si256(), h = _mm256_setzero_si256();
            for (int k = 0; k < 32; k++) {
                const __m256i xk = QL_BROADCAST4_256(xb + 4 * k), ax = _mm256_abs_epi8(xk);
                const __m256i a = _mm256_xor_si256(_mm256_loadu_si256((const __m256i *)(wb + 64 * k)), flip);
                const __m256i c = _mm256_xor_si256(_mm256_loadu_si256((const __m256i *)(wb + 64 * k + 32)), flip);
                l = _mm256_add_epi32(l, _mm256_madd_epi16(_mm256_maddubs_epi16(ax, _mm256_sign_epi8(a, xk)), ones));
                h = _mm256_add_epi32(h, _mm256_madd_epi16(_mm256_maddubs_epi16(ax, _mm256_sign_epi8(c, xk)), ones));
            }
            const __m256 t = _mm256_set1_ps(xScales[b]);
            lo = _mm256_fmadd_ps(_mm256_cvtepi32_ps(l), t, lo);
            hi = _mm256_fmadd_ps(_mm256_cvtepi32_ps(h), t, hi);
        }
        float lanes[QL_ROW_LANES];
        _mm256_storeu_ps(lanes, _mm256_mul_ps(lo, _mm256_loadu_ps(rowScales + G * QL_ROW_LANES)));
        _mm256_storeu_ps(lanes + 8, _mm256_mul_ps(hi, _mm256_loadu_ps(rowScales + G * QL_ROW_LANES + 8)));
        ql_rl_store(lanes, G, rows, y);
    }
}

/// W8A8 on VNNI: `vpdpbusd` takes the offset-binary weights `q + 128` as its unsigned operand
/// and x as its signed one, so `Σ (q + 128)·x − 128·Σ x` (16 · `offsets[b]`) needs no sign trick.
QL_RL_VNNI QL_S8S8_ROW_LANES(ql_gemv_s8s8_rl_vnni256) {
    for (int64_t G = groupBegin; G < groupEnd; G++) {
        __m256 lo = _mm256_setzero_ps(), hi = _mm256_setzero_ps();
        for (int64_t b = 0; b < blocks; b++) {
            const uint8_t *wb = w + (G * blocks + b) * QL_ROW_LANES * 128;
            ql_rl_prefetch(wb, QL_ROW_LANES * 128);
            const int8_t *xb = x + 128 * b;
            __m256i l0 = _mm256_set1_epi32(-16 * offsets[b]), l1 = _mm256_setzero_si256(), h0 = l0, h1 = l1;
            for (int k = 0; k < 32; k += 2) {
                const __m256i x0 = QL_BROADCAST4_256(xb + 4 * k), x1 = QL_BROADCAST4_256(xb + 4 * k + 4);
                l0 = _mm256_dpbusd_epi32(l0, _mm256_loadu_si256((const __m256i *)(wb + 64 * k)), x0);
                h0 = _mm256_dpbusd_epi32(h0, _mm256_loadu_si256((const __m256i *)(wb + 64 * k + 32)), x0);
                l1 = _mm256_dpbusd_epi32(l1, _mm256_loadu_si256((const __m256i *)(wb + 64 * k + 64)), x1);
                h1 = _mm256_dpbusd_epi32(h1, _mm256_loadu_si256((const __m256i *)(wb + 64 * k + 96)), x1);
            }
            const __m256 t = _mm256_set1_ps(xScales[b]);
            lo = _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_add_epi32(l0, l1)), t, lo);
            hi = _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_add_epi32(h0, h1)), t, hi);
        }
        float lanes[QL_ROW_LANES];
        _mm256_storeu_ps(lanes, _mm256_mul_ps(lo, _mm256_loadu_ps(rowScales + G * QL_ROW_LANES)));
        _mm256_storeu_ps(lanes + 8, _mm256_mul_ps(hi, _mm256_loadu_ps(rowScales + G * QL_ROW_LANES + 8)));
        ql_rl_store(lanes, G, rows, y);
    }
}

QL_RL_VNNI QL_S8S8_ROW_LANES(ql_gemv_s8s8_rl_vnni512) {
    for (int64_t G = groupBegin; G < groupEnd; G++) {
        __m512 acc = _mm512_setzero_ps();
        for (int64_t b = 0; b < blocks; b++) {
            const uint8_t *wb = w + (G * blocks + b) * QL_ROW_LANES * 128;
            ql_rl_prefetch(wb, QL_ROW_LANES * 128);
            const int8_t *xb = x + 128 * b;
            __m512i d0 = _mm512_set1_epi32(-16 * offsets[b]), d1 = _mm512_setzero_si512(), d2 = d1, d3 = d1;
            for (int k = 0; k < 32; k += 4) {
                d0 = _mm512_dpbusd_epi32(d0, _mm512_loadu_si512(wb + 64 * k), QL_BROADCAST4_512(xb + 4 * k));
                d1 = _mm512_dpbusd_epi32(d1, _mm512_loadu_si512(wb + 64 * k + 64), QL_BROADCAST4_512(xb + 4 * k + 4));
                d2 = _mm512_dpbusd_epi32(d2, _mm512_loadu_si512(wb + 64 * k + 128), QL_BROADCAST4_512(xb + 4 * k + 8));
                d3 = _mm512_dpbusd_epi32(d3, _mm512_loadu_si512(wb + 64 * k + 192), QL_BROADCAST4_512(xb + 4 * k + 12));
            }
            const __m512i d = _mm512_add_epi32(_mm512_add_epi32(d0, d1), _mm512_add_epi32(d2, d3));
            acc = _mm512_fmadd_ps(_mm512_cvtepi32_ps(d), _mm512_set1_ps(xScales[b]), acc);
        }
        float lanes[QL_ROW_LANES];
        _mm512_storeu_ps(lanes, _mm512_mul_ps(acc, _mm512_loadu_ps(rowScales + G * QL_ROW_LANES)));
        ql_rl_store(lanes, G, rows, y);
    }
}

#else
// Off x86-64 only the portable paths run; these are defined so that the Swift callers link.
QL_U4S8_ROW_LANES(ql_gemv_u4s8_rl_avx2) {}
QL_U4S8_ROW_LANES(ql_gemv_u4s8_rl_vnni256) {}
QL_U4S8_ROW_LANES(ql_gemv_u4s8_rl_vnni512) {}
QL_S8S8_ROW_LANES(ql_gemv_s8s8_rl_avx2) {}
QL_S8S8_ROW_LANES(ql_gemv_s8s8_rl_vnni256) {}
QL_S8S8_ROW_LANES(ql_gemv_s8s8_rl_vnni512) {}
#endif
