#!/usr/bin/env bash
# `make fuzz`: runs every libFuzzer target of Tests/Fuzz for FUZZ_RUNS executions each
# (default 1,000,000) with a 512 MB memory bound, then prints one line per target: executions,
# seconds, executions per second and findings. Exits 1 when any target found a crash, a leak,
# a time-out or an out-of-memory input; the input is kept in .build-fuzz/work/<target>/.
#
# Each target starts from its checked-in seeds (Tests/Fuzz/<target>/corpus/, read only) and
# grows a scratch corpus beside its build (.build-fuzz/work/<target>/corpus/), so a run never
# writes into the repository. FUZZ_TARGETS="npy store" runs some of them.
set -u
runs=${FUZZ_RUNS:-1000000}
targets=${FUZZ_TARGETS:-npy safetensors csv jsonl manifest store explain}
bin=.build-fuzz/release
# A trap goes straight to libFuzzer as a deadly signal: Swift's backtracer, reading memory in a
# thread of its own, would trip AddressSanitizer first and hide the reason.
export SWIFT_BACKTRACE=enable=no
status=0
report=""
for target in $targets; do
    work=.build-fuzz/work/$target
    mkdir -p "$work/corpus"
    rm -f "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*
    echo "fuzz: $target ($runs executions)"
    start=$(date +%s.%N)
    # -timeout: an input that takes 10 s is a finding too (a reader must stay linear-ish).
    "$bin/fuzz-$target" -runs="$runs" -rss_limit_mb=512 -timeout=10 -print_final_stats=1 \
        -artifact_prefix="$work/" "$work/corpus" "Tests/Fuzz/$target/corpus" >"$work/log" 2>&1
    code=$?
    seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -n 1)
    rate=$(awk -v n="${executions:-0}" -v s="$seconds" 'BEGIN { printf "%.0f", n / (s > 0 ? s : 1) }')
    findings=$(ls "$work" | grep -E '^(crash|leak|timeout|oom)-' || true)
    if [ "$code" -ne 0 ] || [ -n "$findings" ]; then
        status=1
        line="$target: FOUND after ${executions:-?} executions (exit $code): $(echo $findings) — see $work/log"
        grep -m 3 -E '^(==[0-9]+==ERROR|SUMMARY|Fatal error|.*error:)' "$work/log" | sed 's/^/    /'
    else
        line="$target: ${executions:-?} executions in ${seconds:-?} s (${rate:-?}/s), 0 crashes, 0 leaks, 0 time-outs, 0 out-of-memory"
    fi
    echo "$line"
    report+="$line"$'\n'
done
echo
echo "fuzz summary (FUZZ_RUNS=$runs, -rss_limit_mb=512):"
printf '%s' "$report"
exit $status
