// QuantLab's own intrinsics: the instructions Swift cannot spell, and nothing else.
//
// Four kernel families, each called from one Swift file, and the workers that run them:
// - streaming stores (`Tensor/Memory/StreamingStore.swift`): non-temporal writes;
// - byte dot products (`Kernels/GEMV/ByteDot.swift`): the integer block dots of the W4A8 and
//   W8A8 GEMVs on `vpmaddubsw`/`vpmaddwd` (AVX2);
// - integer GEMV row loops (`Kernels/GEMV/ByteDot.swift` too, IntegerGEMV.c): the AVX-512 VNNI
//   paths and the row-interleaved INT4 layout, whole chunks of rows per call (see that file),
//   and the row-lane layouts of INT4 and INT8 (RowLaneGEMV.c);
// - instruction-rate probes (`Kernels/Probes/InstructionRateProbe.swift`): the ISA ceiling of
//   FP32 FMA, INT8 VNNI and BF16 dot products, and the core clock;
// - the parallel row loops' workers (`Kernels/GEMV/MatvecKernel.swift`, ThreadPool.c).
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

// MARK: Integer GEMV row loops (IntegerGEMV.c: one call per chunk of rows)

/// Rows per group of the row-interleaved INT4 layout (`Int4Matvec`'s `.interleaved`).
#define QL_INTERLEAVE 4

/// Whether this CPU runs the AVX-512 VNNI paths: AVX512F, BW, VL and VNNI (`vpdpbusd`).
int ql_cpu_has_avx512vnni(void);

/// `ql_dot_s8s8_block_avx2` on AVX-512 VNNI (256-bit `vpdpbusd`): the same lanes, so the same
/// integers and the same floats. Needs `ql_cpu_has_avx512vnni`.
void ql_dot_s8s8_block_vnni256(const void *w, const void *x, float scale, float *acc);
/// `ql_dot_u4s8_block_avx2` on AVX-512 VNNI (256-bit `vpdpbusd`), lane for lane.
void ql_dot_u4s8_block_vnni256(const void *w, const void *x, int32_t offset, float scale, float *acc);

/// W8A8 rows `rowBegin..<rowEnd`: `y[r] = rowScales[r] · Σ_b xScales[b] · Σ_{c∈b} w[r][c]·x[c]`.
/// `w`: signed codes in [−127, 127], rows of `rowLength` (a multiple of 128) bytes; `x`: the
/// activations' codes in column order. 256-bit or 512-bit `vpdpbusd`; needs `ql_cpu_has_avx512vnni`.
void ql_gemv_s8s8_vnni256(const int8_t *w, int64_t rowLength, const int8_t *x, const float *xScales,
                          const float *rowScales, int64_t rowBegin, int64_t rowEnd, float *y);
void ql_gemv_s8s8_vnni512(const int8_t *w, int64_t rowLength, const int8_t *x, const float *xScales,
                          const float *rowScales, int64_t rowBegin, int64_t rowEnd, float *y);
/// W4A8 rows `rowBegin..<rowEnd` of the lane-packed layout (the AVX2 path's blocks and
/// activation order): `y[r] = Σ_b weightScales[r·groups + b / blocksPerGroup] · xScales[b] ·
/// (Σ u·x − offsets[b])`. Needs `ql_cpu_has_avx512vnni`.
void ql_gemv_u4s8_vnni256(const uint8_t *w, int64_t rowBytes, const int8_t *x, const float *xScales,
                          const int32_t *offsets, int64_t blocks, const float *weightScales, int64_t groups,
                          int64_t blocksPerGroup, int64_t rowBegin, int64_t rowEnd, float *y);
/// W4A8 on the row-interleaved layout, row groups `groupBegin..<groupEnd` of QL_INTERLEAVE rows:
/// block b of group G holds, for each row i of the group, 64 bytes at
/// `((G·blocks + b)·QL_INTERLEAVE + i)·64` whose byte j has column 128b + j in its low nibble
/// and column 128b + 64 + j in its high nibble (offset-binary u = q + 8); `x` in column order.
/// Same formula as `ql_gemv_u4s8_vnni256`; rows at or past `rows` (padding) are not written.
/// Portable (any CPU), AVX2 (`ql_cpu_has_avx2`), VNNI 256-bit and 512-bit (`ql_cpu_has_avx512vnni`).
#define QL_U4S8_X4(name) \
    void name(const uint8_t *w, const int8_t *x, const float *xScales, const int32_t *offsets, int64_t blocks, \
              const float *weightScales, int64_t groups, int64_t blocksPerGroup, int64_t groupBegin, int64_t groupEnd, \
              int64_t rows, float *y)
QL_U4S8_X4(ql_gemv_u4s8_x4_portable);
QL_U4S8_X4(ql_gemv_u4s8_x4_avx2);
QL_U4S8_X4(ql_gemv_u4s8_x4_vnni256);
QL_U4S8_X4(ql_gemv_u4s8_x4_vnni512);

// MARK: Row-lane integer GEMVs (RowLaneGEMV.c)

/// Rows per group of the row-lane layouts (`Int4Matvec`'s and `Int8Matvec`'s `.rowLanes`).
#define QL_ROW_LANES 16

/// W4A8 on the row-lane layout, row groups `groupBegin..<groupEnd` of QL_ROW_LANES rows: block
/// b of group G is 1024 bytes at `(G·blocks + b)·1024`, sixteen steps of 64 bytes; byte 4i + j of
/// step k holds row 16G + i's offset-binary codes u = q + 8 of column 128b + 8k + j (low nibble)
/// and 128b + 8k + 4 + j (high nibble). `x` in column order; `weightScales` per group G and
/// weight group g as sixteen floats at `(G·groups + g)·16`; `offsets[b] = 8·Σ_{c∈b} x8_c`.
/// `y[r] = Σ_b s[r][g(b)] · xScales[b] · (Σ u·x8 − offsets[b])`; rows at or past `rows` are not
/// written. Portable (any CPU), AVX2, VNNI 256-bit and 512-bit.
#define QL_U4S8_ROW_LANES(name) \
    void name(const uint8_t *w, const int8_t *x, const float *xScales, const int32_t *offsets, int64_t blocks, \
              const float *weightScales, int64_t groups, int64_t blocksPerGroup, int64_t groupBegin, int64_t groupEnd, \
              int64_t rows, float *y)
QL_U4S8_ROW_LANES(ql_gemv_u4s8_rl_portable);
QL_U4S8_ROW_LANES(ql_gemv_u4s8_rl_avx2);
QL_U4S8_ROW_LANES(ql_gemv_u4s8_rl_vnni256);
QL_U4S8_ROW_LANES(ql_gemv_u4s8_rl_vnni512);

/// W8A8 on the row-lane layout: block b of group G is 2048 bytes at `(G·blocks + b)·2048`,
/// thirty-two steps of 64 bytes; byte 4i + j of step k holds row 16G + i's code of column
/// 128b + 4k + j as `q + 128`. `rowScales` padded to whole groups; `offsets[b] = 8·Σ_{c∈b} x8_c`
/// (the W4A8 offsets: the VNNI paths subtract 16 times them). `y[r] = s_r · Σ_b xScales[b] ·
/// Σ_{c∈b} q·x8`. Portable, AVX2, VNNI 256-bit and 512-bit.
#define QL_S8S8_ROW_LANES(name) \
    void name(const uint8_t *w, const int8_t *x, const float *xScales, const int32_t *offsets, int64_t blocks, \
              const float *rowScales, int64_t groupBegin, int64_t groupEnd, int64_t rows, float *y)
QL_S8S8_ROW_LANES(ql_gemv_s8s8_rl_portable);
QL_S8S8_ROW_LANES(ql_gemv_s8s8_rl_avx2);
QL_S8S8_ROW_LANES(ql_gemv_s8s8_rl_vnni256);
QL_S8S8_ROW_LANES(ql_gemv_s8s8_rl_vnni512);

// MARK: Parallel chunks (ThreadPool.c)

/// One chunk of a parallel loop: the half-open range `begin..<end` of the loop's indices.
typedef void (*ql_chunk_body)(void *context, int64_t begin, int64_t end);

/// Runs `body(context, c·count/chunks, (c+1)·count/chunks)` for every chunk c < `chunks`, on
/// the caller and the pool's workers (one per further online processor, started on first use,
/// spinning 2 ms after each job before they sleep); returns when every chunk is done, without
/// waiting for a worker that has not joined. A call made while another runs executes all its
/// chunks on the caller.
void ql_parallel_for(int64_t count, int64_t chunks, ql_chunk_body body, void *context);

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
