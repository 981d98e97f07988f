#!/bin/sh
# A writer killed at any moment leaves the repository valid, and the next
# command puts things right and says so.
. "$(dirname "$0")/lib.sh"

command -v strace >/dev/null || { echo "ok 1 - $TEST_NAME # SKIP strace is not installed"; test_done; exit 0; }

make_firm
cd firm
docket add --id a1 --client "Ann One" >/dev/null

# LeakSanitizer cannot run under ptrace: no leak check for traced runs
ptrace_ok() {
	ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" "$@"
}

# kill_at N cmd...: run cmd, killed with SIGKILL at its Nth rename(2) (each
# atomic file write, each libgit2 lock file committed, ends in a rename)
kill_at() {
	n=$1
	shift
	ptrace_ok strace -f -qq -o /dev/null -e trace=rename,renameat,renameat2 \
		-e inject=rename,renameat,renameat2:signal=SIGKILL:when=$n "$@" >/dev/null 2>&1 || true
	return 0
}

test_expect_success 'killed at every rename of advance-stage: the next command recovers' '
	for n in 1 2 3 4 5 6; do
		before=$(git rev-parse HEAD)
		kill_at $n docket advance-stage a1 -m "step $n"
		DOCKET_NOW=2026-11-23 docket note a1 -m "after kill $n" >../out 2>../err
		test_repo_clean
		test "$(git log -1 --format=%s)" = "note(a1): internal"
		# either the killed change landed whole, or not at all
		parent=$(git rev-parse HEAD~1)
		if [ "$parent" = "$before" ]; then
			test_not grep -q "step $n" ../err
		else
			test "$(git log -1 --format=%s HEAD~1 | cut -c1-15)" = "advance-stage(a"
		fi
		test ! -e .git/docket-journal
		test ! -e .git/index.lock
	done
'

test_expect_success 'an undone change is kept: the text the user typed is not lost' '
	# the 1st rename puts the note in place, the 2nd is libgit2 writing a blob
	kill_at 2 docket note a1 -m "typed before the kill"
	grep -rlq "typed before the kill" cases
	docket note a1 -m next 2>../err >/dev/null
	grep -q "interrupted; its unfinished change to 1 file was undone" ../err
	test_not grep -rq "typed before the kill" cases
	grep -rq "typed before the kill" .git/docket-recovered
	test_repo_clean
'

test_expect_success 'killed after its commit: the next command only updates the index' '
	# count the renames of one such command: the last one writes the index
	ptrace_ok strace -f -qq -o ../trace -e trace=rename,renameat,renameat2 \
		docket set a1 client.phone=555-0000 >/dev/null
	last=$(grep -c "rename" ../trace)
	grep "rename" ../trace | tail -n 1 | grep -q "index.lock"
	kill_at $last docket set a1 client.phone=555-0100
	test "$(git log -1 --format=%s)" = "set(a1): client.phone"
	docket note a1 -m next 2>../err >/dev/null
	grep -q "interrupted after its commit; its index entries are up to date now" ../err
	test "$(ini_get cases/2026/a1/case.ini client.phone)" = 555-0100
	test_repo_clean
'

test_expect_success 'killed while it recovers: the next command recovers all the same' '
	# the 1st rename would put the note in place: a journal, no commit
	kill_at 1 docket note a1 -m "killed first"
	test -e .git/docket-journal
	# recovery rolls nothing back; its 1st rename writes the index
	kill_at 1 docket note a1 -m "killed recovering"
	test -e .git/index.lock
	docket note a1 -m "after both" >../out 2>../err
	test_not grep -q warning ../err
	test ! -e .git/index.lock
	test "$(git log -1 --format=%s)" = "note(a1): internal"
	test_repo_clean
'

test_expect_success 'killed at random moments, many times: always valid, never stuck' '
	i=0
	while [ $i -lt 40 ]; do
		i=$((i + 1))
		DOCKET_NOW=2026-11-24T10:00:$((i % 60))Z docket note a1 -m "random $i" >/dev/null 2>&1 &
		pid=$!
		sleep 0.00$((i % 9 + 1))
		kill -9 $pid 2>/dev/null || true
		wait $pid 2>/dev/null || true
	done
	docket note a1 -m final >/dev/null 2>&1
	test_repo_clean
	test "$(git log -1 --format=%s)" = "note(a1): internal"
'

test_done
