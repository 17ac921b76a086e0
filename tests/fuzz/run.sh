#!/usr/bin/env bash
# Runs every libFuzzer target of a CHATIERE_FUZZ build for a bounded time.
#   tests/fuzz/run.sh BUILD_DIR [SECONDS_PER_TARGET (default 20)] [TARGET...]
# Build first:
#   cmake -S . -B build-fuzz -DCHATIERE_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug
#   cmake --build build-fuzz -j2
# Each target starts from a copy of tests/fuzz/corpus/<name>/ kept in BUILD_DIR/fuzz-run/<name>/
# (so later runs in the same build dir go on from what earlier runs found); nothing is written
# into the source tree. Prints one line per target; exits 1 if any target crashed, leaked,
# hit undefined behaviour, a timeout or the memory limit, with the input that did it kept in
# BUILD_DIR/fuzz-run/<name>/crashes/ (replay: BUILD_DIR/tests/fuzz/<name>_fuzz FILE).
set -u

if [[ $# -lt 1 ]]; then
    echo "usage: $0 BUILD_DIR [SECONDS_PER_TARGET] [TARGET...]" >&2
    exit 2
fi
build=$(cd "$1" && pwd) || exit 2
seconds=${2:-20}
shift $(( $# >= 2 ? 2 : 1 ))
here=$(cd "$(dirname "$0")" && pwd)

if [[ $# -gt 0 ]]; then
    targets=("$@")
else
    targets=()
    while read -r name; do [[ -n $name ]] && targets+=("$name"); done < "$build/fuzz_targets.txt" || {
        echo "$build/fuzz_targets.txt missing: configure with -DCHATIERE_FUZZ=ON" >&2
        exit 2
    }
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=0
printf '%-12s %10s %8s %8s %8s  %s\n' target executions exec/s cov features result
for name in "${targets[@]}"; do
    binary="$build/tests/fuzz/${name}_fuzz"
    work="$build/fuzz-run/$name"
    if [[ ! -x $binary ]]; then
        printf '%-12s %10s %8s %8s %8s  %s\n' "$name" - - - - "MISSING ($binary)"
        failed=1
        continue
    fi
    mkdir -p "$work/corpus" "$work/crashes"
    # Seeds are copied in, never linked: libFuzzer adds and may remove files in its corpus.
    cp -n "$here/corpus/$name"/* "$work/corpus/" 2>/dev/null
    dict=()
    [[ -f $here/$name.dict ]] && dict=("-dict=$here/$name.dict")
    log="$work/last-run.log"
    "$binary" "${dict[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
        -print_final_stats=1 -artifact_prefix="$work/crashes/" "$work/corpus" > "$log" 2>&1
    status=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    if [[ $status -eq 0 ]]; then
        result=ok
    else
        failed=1
        artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
        kind=$(grep -m1 -o 'ERROR: [A-Za-z]*: [a-z-]*\|runtime error: .*\|FUZZ_CHECK failed.*\|ERROR: libFuzzer: [a-z-]*' "$log" | head -1)
        result="FAILED (exit $status): ${kind:-see log} -> ${artifact:-no input saved}; log: $log"
    fi
    printf '%-12s %10s %8s %8s %8s  %s\n' "$name" "${execs:--}" "${rate:--}" "${cov:--}" "${ft:--}" "$result"
done
exit $failed
