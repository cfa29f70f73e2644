// libFuzzer's driver, as its documentation declares it (FuzzerInterface.h): runs the fuzzing
// loop over `callback` with libFuzzer's own command-line flags. Declared here because SwiftPM
// gives every executable its own `main`, so libFuzzer's `main` never runs; ours calls this.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
