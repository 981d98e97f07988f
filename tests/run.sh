#!/bin/sh
# run.sh [--fuzz SECONDS] BUILD... - for each BUILD, run the unit tests and
# every tests/t*.sh against BUILD/docket, two scripts at a time; with
# --fuzz, run each build-fuzz/fuzz-* target for SECONDS on its corpus.
# Ends with one line: "N passed, N failed".
fuzz=
if [ "$1" = --fuzz ]; then
	fuzz=$2
	shift 2
fi
top=$(cd "$(dirname "$0")/.." && pwd)
jobs=${DOCKET_TEST_JOBS:-2}
results=

for build in "${@:-build}"; do
	DOCKET_BUILD=$(cd "$build" && pwd)
	export DOCKET_BUILD
	out="$DOCKET_BUILD/test-results"
	rm -rf "$out"
	mkdir -p "$out"
	results="$results $out"
	echo "running the tests against $build/docket"
	for u in "$DOCKET_BUILD"/unit/*; do
		[ -x "$u" ] || continue
		"$u" >"$out/unit-$(basename "$u").out" 2>&1 ||
			echo "not ok - unit test $(basename "$u") exited with $?" >>"$out/unit-$(basename "$u").out"
	done
	ls "$top"/tests/t[0-9]*.sh | xargs -P "$jobs" -I{} sh -c \
		'n=$(basename {} .sh); sh {} >"$0/$n.out" 2>&1 || echo "# $n exited non-zero" >>"$0/$n.out"' "$out"
	# a script that died before test_done counts as a failure
	for f in "$out"/t*.out; do
		grep -q '^# .*: [0-9]* tests, ' "$f" ||
			echo "not ok - $(basename "$f" .out) did not finish" >>"$f"
	done
done

if [ -n "$fuzz" ]; then
	out="$top/build-fuzz/results"
	rm -rf "$out"
	mkdir -p "$out"
	results="$results $out"
	for t in "$top"/build-fuzz/fuzz-*; do
		[ -f "$t" ] && [ -x "$t" ] || continue
		n=$(basename "$t")
		echo "fuzzing $n for ${fuzz}s"
		mkdir -p "$t.corpus"
		if "$t" -max_total_time="$fuzz" -max_len=4096 -artifact_prefix="$top/build-fuzz/" \
			"$t.corpus" "$top/tests/fuzz/corpus-${n#fuzz-}" >"$out/$n.log" 2>&1; then
			echo "ok - $n: $(grep -o 'Done [0-9]* runs' "$out/$n.log") without a crash" >"$out/$n.out"
		else
			{ echo "not ok - $n found a crash"; tail -n 30 "$out/$n.log" | sed 's/^/#   /'; } >"$out/$n.out"
		fi
	done
fi

all=$(for d in $results; do cat "$d"/*.out; done)
passed=$(printf '%s\n' "$all" | grep -c '^ok ')
failed=$(printf '%s\n' "$all" | grep -c '^not ok ')
for d in $results; do
	grep -h -A40 '^not ok ' "$d"/*.out | grep -v '^ok '
done | head -n 400
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
