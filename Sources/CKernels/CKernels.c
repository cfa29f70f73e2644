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
