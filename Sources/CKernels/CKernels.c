// The functions of CKernels that run once, so need no inlining: compiled here, not in the
// callers (the hot ones are `static inline` in include/CKernels.h; see its header comment).
#include "CKernels.h"

int ql_cpu_has_avx2(void) {
#if defined(__x86_64__)
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return 0;
#endif
}

// MARK: Instruction-rate probes
//
// Each probe runs one instruction in a loop over 12 independent accumulators, enough to cover
// its latency (4–6 cycles) at up to two issues per cycle, so the loop is bound by throughput
// alone: the ISA's ceiling for that instruction on one core. The inputs come through volatile
// reads so that the compiler cannot fold the loop; the result depends on every accumulator.

int ql_isa_probe_support(void) {
#if defined(__x86_64__)
    int bits = 0;
    if (__builtin_cpu_supports("avx512f")) bits |= 1;
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vnni")) bits |= 2;
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bf16")) bits |= 4;
    return bits;
#else
    return 0;
#endif
}

uint64_t ql_dependent_adds(uint64_t iterations, uint64_t step) {
    uint64_t x = step;
#if defined(__x86_64__)
    for (uint64_t i = 0; i < iterations; i++) {
        __asm__ volatile(
            "add %1, %0\n\tadd %1, %0\n\tadd %1, %0\n\tadd %1, %0\n\t"
            "add %1, %0\n\tadd %1, %0\n\tadd %1, %0\n\tadd %1, %0\n\t"
            : "+r"(x) : "r"(step));
    }
#else
    for (uint64_t i = 0; i < iterations; i++) x += 8 * step;
#endif
    return x;
}

#if defined(__x86_64__)
#define QL_ACCUMULATE12(op) \
    a0 = op(a0); a1 = op(a1); a2 = op(a2); a3 = op(a3); a4 = op(a4); a5 = op(a5); \
    a6 = op(a6); a7 = op(a7); a8 = op(a8); a9 = op(a9); a10 = op(a10); a11 = op(a11);

__attribute__((target("avx512f")))
float ql_fma512_f32(uint64_t iterations) {
    volatile float one = 1.0f, tiny = 1e-7f;
    __m512 m = _mm512_set1_ps(one), c = _mm512_set1_ps(tiny);
    __m512 a0 = c, a1 = c, a2 = c, a3 = c, a4 = c, a5 = c, a6 = c, a7 = c, a8 = c, a9 = c, a10 = c, a11 = c;
#define QL_FMA(a) _mm512_fmadd_ps(a, m, c)
    for (uint64_t i = 0; i < iterations; i++) { QL_ACCUMULATE12(QL_FMA) }
#undef QL_FMA
    __m512 s = _mm512_add_ps(_mm512_add_ps(_mm512_add_ps(a0, a1), _mm512_add_ps(a2, a3)),
                             _mm512_add_ps(_mm512_add_ps(a4, a5), _mm512_add_ps(a6, a7)));
    s = _mm512_add_ps(s, _mm512_add_ps(_mm512_add_ps(a8, a9), _mm512_add_ps(a10, a11)));
    return _mm512_reduce_add_ps(s);
}

__attribute__((target("avx512f,avx512bw,avx512vnni")))
int32_t ql_vnni512(uint64_t iterations) {
    volatile int8_t one = 1;
    __m512i u = _mm512_set1_epi8(one), s8 = _mm512_set1_epi8(one);
    __m512i z = _mm512_setzero_si512();
    __m512i a0 = z, a1 = z, a2 = z, a3 = z, a4 = z, a5 = z, a6 = z, a7 = z, a8 = z, a9 = z, a10 = z, a11 = z;
#define QL_DP(a) _mm512_dpbusd_epi32(a, u, s8)
    for (uint64_t i = 0; i < iterations; i++) { QL_ACCUMULATE12(QL_DP) }
#undef QL_DP
    __m512i s = _mm512_add_epi32(_mm512_add_epi32(_mm512_add_epi32(a0, a1), _mm512_add_epi32(a2, a3)),
                                 _mm512_add_epi32(_mm512_add_epi32(a4, a5), _mm512_add_epi32(a6, a7)));
    s = _mm512_add_epi32(s, _mm512_add_epi32(_mm512_add_epi32(a8, a9), _mm512_add_epi32(a10, a11)));
    return _mm512_reduce_add_epi32(s);
}

__attribute__((target("avx512f,avx512bw,avx512bf16")))
float ql_bf16dot512(uint64_t iterations) {
    volatile int16_t small = 0x3380;  // bfloat16 of 2^-24: the sums stay far below overflow
    __m512bh v = (__m512bh)_mm512_set1_epi16(small);
    __m512 z = _mm512_setzero_ps();
    __m512 a0 = z, a1 = z, a2 = z, a3 = z, a4 = z, a5 = z, a6 = z, a7 = z, a8 = z, a9 = z, a10 = z, a11 = z;
#define QL_BF(a) _mm512_dpbf16_ps(a, v, v)
    for (uint64_t i = 0; i < iterations; i++) { QL_ACCUMULATE12(QL_BF) }
#undef QL_BF
    __m512 s = _mm512_add_ps(_mm512_add_ps(_mm512_add_ps(a0, a1), _mm512_add_ps(a2, a3)),
                             _mm512_add_ps(_mm512_add_ps(a4, a5), _mm512_add_ps(a6, a7)));
    s = _mm512_add_ps(s, _mm512_add_ps(_mm512_add_ps(a8, a9), _mm512_add_ps(a10, a11)));
    return _mm512_reduce_add_ps(s);
}
#undef QL_ACCUMULATE12
#else
float ql_fma512_f32(uint64_t iterations) { return 0; }
int32_t ql_vnni512(uint64_t iterations) { return 0; }
float ql_bf16dot512(uint64_t iterations) { return 0; }
#endif
