#!/usr/bin/env bash
# Checks that the per-file ctest tests together run every doctest case exactly once: the
# cases selected by each --source-file filter add up to all the cases of the binary, and no
# filter selects nothing (a renamed file would otherwise run no test, silently).
#   tests/scripts/doctest_partition.sh BUILD/chatiere_tests --source-file=... [...]
set -u
binary=$1
shift
count() {
    "$binary" --count "$@" | sed -n 's/.*passing the current filters: *\([0-9]*\).*/\1/p'
}
total=$(count)
[[ -n $total ]] || { echo "cannot count the test cases of $binary" >&2; exit 1; }
sum=0
status=0
for filter in "$@"; do
    n=$(count "$filter")
    if [[ -z $n || $n -eq 0 ]]; then
        echo "no test case for $filter" >&2
        status=1
    fi
    sum=$((sum + ${n:-0}))
done
echo "$# files, $sum test cases; the binary has $total"
if [[ $sum -ne $total ]]; then
    echo "the per-file tests run $sum cases, not $total: a case is run twice or never" >&2
    status=1
fi
exit $status
