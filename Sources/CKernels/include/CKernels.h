// QuantLab's own intrinsics: the instructions Swift cannot spell, and nothing else.
//
// Three kernel families, each called from one Swift file:
// - streaming stores (`Tensor/Memory/StreamingStore.swift`): non-temporal writes;
// - byte dot products (`Kernels/GEMV/ByteDot.swift`): the integer block dots of the W4A8 and
//   W8A8 GEMVs on `vpmaddubsw`/`vpmaddwd` (AVX2);
// - instruction-rate probes (`Kernels/Probes/InstructionRateProbe.swift`): the ISA ceiling of
//   FP32 FMA, INT8 VNNI and BF16 dot products, and the core clock.
// The hot functions are `static inline` here, not in CKernels.c: Swift's Clang importer then
// compiles their bodies into the calling Swift module, and a release build (`-target-cpu
// haswell`) inlines them into the Swift loops. A function in the .c file would be a call per
// 16 bytes or per block. CKernels.c holds only what runs once (the CPU check).
//
// Only pointers, scalars and 16-byte vectors cross the boundary: a 256-bit vector passed by
// value would change calling convention between a debug build (no AVX) and a release build.
#ifndef QL_CKERNELS_H
#define QL_CKERNELS_H

#include <stdint.h>
#if defined(__x86_64__)
#include <immintrin.h>
#define QL_AVX2 __attribute__((target("avx2,fma")))
#endif

// MARK: Streaming stores

// Clang's builtins lower to `movntdq` on any x86-64 (SSE2) and to plain stores elsewhere; no
// target flags. 16-byte vectors only: they pass in one XMM register under every target.

typedef uint8_t ql_bytes16 __attribute__((ext_vector_type(16)));

/// Stores 16 bytes at `address`, 16-byte aligned, without reading its cache line first and
/// without keeping it in cache.
static inline __attribute__((always_inline)) void ql_stream_store16(void *address, ql_bytes16 bytes) {
    __builtin_nontemporal_store(bytes, (ql_bytes16 *)address);
}

/// Orders every earlier streaming store before any later store (`sfence` on x86-64).
static inline __attribute__((always_inline)) void ql_stream_fence(void) {
#if defined(__x86_64__)
    __builtin_ia32_sfence();
#else
    __atomic_thread_fence(__ATOMIC_RELEASE);
#endif
}

// MARK: Byte dot products

// LLVM does not form `vpmaddubsw` from Swift's SIMD types, and Swift's vector conversions
// between element widths scalarize. In a debug build the AVX2 functions are called per block.
// Without AVX2 (`ql_cpu_has_avx2` false) or off x86-64 a portable loop computes the same integers.

/// Whether this CPU runs the AVX2 path (checked once by the caller before the first block).
int ql_cpu_has_avx2(void);

#if defined(__x86_64__)
/// One block of 128 columns: `acc[0..<8] += scale · (Σ_j u_j · x_j − offset)`, spread over 8 lanes.
///
/// `w`: 64 bytes of 4-bit codes u ∈ [0, 15]; byte i holds two codes, low nibble and high nibble.
/// `x`: 128 signed bytes in the order the codes are met: x[0..<32] pairs with the low nibbles of
/// w[0..<32], x[32..<64] with their high nibbles, x[64..<96] and x[96..<128] likewise for
/// w[32..<64]. `vpmaddubsw` multiplies unsigned by signed bytes and adds pairs into 16 bits:
/// |pair| ≤ 2·15·127 = 3810, four of them ≤ 15240 < 2¹⁵, so the 16-bit sums never saturate;
/// `vpmaddwd` by ones then widens to 32 bits. `offset` is subtracted in lane 0 (the caller
/// passes 8 · Σx for offset-binary codes u = q + 8).
static inline QL_AVX2 void ql_dot_u4s8_block_avx2(const void *w, const void *x, int32_t offset, float scale, float *acc) {
    const __m256i mask = _mm256_set1_epi8(0x0F);
    const __m256i w0 = _mm256_loadu_si256((const __m256i *)w);
    const __m256i w1 = _mm256_loadu_si256((const __m256i *)w + 1);
    const __m256i *xv = (const __m256i *)x;
    __m256i s = _mm256_maddubs_epi16(_mm256_and_si256(w0, mask), _mm256_loadu_si256(xv));
    s = _mm256_add_epi16(s, _mm256_maddubs_epi16(_mm256_and_si256(_mm256_srli_epi16(w0, 4), mask), _mm256_loadu_si256(xv + 1)));
    s = _mm256_add_epi16(s, _mm256_maddubs_epi16(_mm256_and_si256(w1, mask), _mm256_loadu_si256(xv + 2)));
    s = _mm256_add_epi16(s, _mm256_maddubs_epi16(_mm256_and_si256(_mm256_srli_epi16(w1, 4), mask), _mm256_loadu_si256(xv + 3)));
    __m256i d = _mm256_madd_epi16(s, _mm256_set1_epi16(1));
    d = _mm256_sub_epi32(d, _mm256_setr_epi32(offset, 0, 0, 0, 0, 0, 0, 0));
    __m256 a = _mm256_loadu_ps(acc);
    _mm256_storeu_ps(acc, _mm256_fmadd_ps(_mm256_cvtepi32_ps(d), _mm256_set1_ps(scale), a));
}

/// One block of 128 columns of signed 8-bit weights and activations:
/// `acc[0..<8] += scale · Σ_j w_j · x_j`, spread over 8 lanes.
///
/// `vpmaddubsw` needs one unsigned operand, so it multiplies |x| by `sign(w, x)` (`vpsignb`: w
/// with the sign of x, 0 where x is 0), whose product is w·x. With |w|, |x| ≤ 127 a pair sums to
/// at most 2·127² = 32258 < 2¹⁵: no saturation (a code of −128 could saturate; the quantizers
/// never produce it). `vpmaddwd` by ones widens each chunk of 32 to 32 bits before the next.
static inline QL_AVX2 void ql_dot_s8s8_block_avx2(const void *w, const void *x, float scale, float *acc) {
    const __m256i ones = _mm256_set1_epi16(1);
    const __m256i *wv = (const __m256i *)w, *xv = (const __m256i *)x;
    __m256i d = _mm256_setzero_si256();
    for (int k = 0; k < 4; k++) {
        const __m256i xk = _mm256_loadu_si256(xv + k);
        const __m256i p = _mm256_maddubs_epi16(_mm256_abs_epi8(xk), _mm256_sign_epi8(_mm256_loadu_si256(wv + k), xk));
        d = _mm256_add_epi32(d, _mm256_madd_epi16(p, ones));
    }
    __m256 a = _mm256_loadu_ps(acc);
    _mm256_storeu_ps(acc, _mm256_fmadd_ps(_mm256_cvtepi32_ps(d), _mm256_set1_ps(scale), a));
}
#else
// Never called off x86-64 (`ql_cpu_has_avx2` is 0 there); defined so that the Swift caller compiles.
static inline void ql_dot_u4s8_block_avx2(const void *w, const void *x, int32_t offset, float scale, float *acc) {
    (void)w; (void)x; (void)offset; (void)scale; (void)acc;
}
static inline void ql_dot_s8s8_block_avx2(const void *w, const void *x, float scale, float *acc) {
    (void)w; (void)x; (void)scale; (void)acc;
}
#endif

/// `ql_dot_s8s8_block_avx2` on any CPU, one code at a time.
static inline void ql_dot_s8s8_block_portable(const void *w, const void *x, float scale, float *acc) {
    const int8_t *wb = (const int8_t *)w, *xb = (const int8_t *)x;
    int32_t sum = 0;
    for (int j = 0; j < 128; j++) sum += (int32_t)wb[j] * xb[j];
    acc[0] += scale * (float)sum;
}

/// `ql_dot_u4s8_block_avx2` on any CPU, one code at a time (same integers; the float sum may
/// differ in rounding since it is not spread over 8 lanes).
static inline void ql_dot_u4s8_block_portable(const void *w, const void *x, int32_t offset, float scale, float *acc) {
    const uint8_t *wb = (const uint8_t *)w;
    const int8_t *xb = (const int8_t *)x;
    int32_t sum = -offset;
    for (int half = 0; half < 2; half++) {
        for (int j = 0; j < 32; j++) {
            uint8_t byte = wb[32 * half + j];
            sum += (int32_t)(byte & 0x0F) * xb[64 * half + j] + (int32_t)(byte >> 4) * xb[64 * half + 32 + j];
        }
    }
    acc[0] += scale * (float)sum;
}

// MARK: Instruction-rate probes (CKernels.c: they loop internally, so one call per measurement)

/// Which probes this CPU can run: bit 0 AVX-512F FMA, bit 1 AVX512-VNNI, bit 2 AVX512-BF16.
int ql_isa_probe_support(void);
/// `iterations` rounds of 8 dependent 64-bit adds of `step` (1-cycle latency each): 8 cycles
/// per round, so the elapsed time gives the core clock. Returns the sum (keeps the loop).
uint64_t ql_dependent_adds(uint64_t iterations, uint64_t step);
/// `iterations` × 12 independent `vfmadd231ps zmm` (16 FMAs, 32 FLOP each). Needs bit 0.
float ql_fma512_f32(uint64_t iterations);
/// `iterations` × 12 independent `vpdpbusd zmm` (64 u8·s8 products into 16 INT32: 128 ops). Needs bit 1.
int32_t ql_vnni512(uint64_t iterations);
/// `iterations` × 12 independent `vdpbf16ps zmm` (32 BF16 products into 16 FP32: 64 FLOP). Needs bit 2.
float ql_bf16dot512(uint64_t iterations);

#endif
