// oneDNN's C API (Debian ships no pkg-config file for it; the module map links `dnnl`).
#include <oneapi/dnnl/dnnl.h>
