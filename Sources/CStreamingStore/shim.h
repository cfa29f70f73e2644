// Non-temporal ("streaming") stores, which Swift has no spelling for. Clang's builtins lower to
// `movntdq` on any x86-64 (SSE2) and to plain stores elsewhere; no library, no target flags.
// 16-byte vectors only: they pass in one XMM register under every target, so a debug build
// without AVX and a release build with it agree on the calling convention.
#include <stdint.h>

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
