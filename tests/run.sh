#!/bin/sh
# run.sh BUILD - run the unit tests and every tests/t*.sh against BUILD/docket,
# two at a time, and end with one line: "N passed, N failed".
build=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
DOCKET_BUILD=$(cd "$build" && pwd)
export DOCKET_BUILD
out="$DOCKET_BUILD/test-results"
rm -rf "$out"
mkdir -p "$out"
jobs=${DOCKET_TEST_JOBS:-2}

for u in "$DOCKET_BUILD"/unit/*; do
	[ -x "$u" ] || continue
	"$u" >"$out/unit-$(basename "$u").out" 2>&1 ||
		echo "not ok - unit test $(basename "$u") exited with $?" >>"$out/unit-$(basename "$u").out"
done

ls "$top"/tests/t[0-9]*.sh | xargs -P "$jobs" -I{} sh -c \
	'n=$(basename {} .sh); sh {} >"$0/$n.out" 2>&1 || echo "# $n exited non-zero" >>"$0/$n.out"' "$out"

passed=$(cat "$out"/*.out | grep -c '^ok ')
failed=$(cat "$out"/*.out | grep -c '^not ok ')
# a script that died before test_done counts as a failure
for f in "$out"/t*.out; do
	grep -q '^# .*: [0-9]* tests, ' "$f" || { echo "not ok - $(basename "$f" .out) did not finish"; failed=$((failed + 1)); }
done
grep -h -A40 '^not ok ' "$out"/*.out | grep -v '^ok ' | head -n 400
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
