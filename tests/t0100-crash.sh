#!/bin/sh
# A writer killed at any moment leaves the repository valid, and the next
# command puts things right and says so.
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
docket add --id a1 --client "Ann One" >/dev/null

# LeakSanitizer cannot run under ptrace: no leak check for traced runs
ptrace_ok() {
	ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" "$@"
}

# kill_at N cmd...: run cmd under strace, killed with SIGKILL at its Nth
# rename(2) (each atomic file write, each libgit2 lock file committed, ends
# in a rename; the signal comes on entry, so the Nth rename is not done).
# Sets killed=yes when the kill is proven (strace died of SIGKILL, as its
# tracee did, and the trace ends in that kill at the Nth rename), killed=no
# when cmd made fewer renames and finished with 0; anything else fails.
kill_at() {
	n=$1
	shift
	killed=
	if ! command -v strace >/dev/null; then
		echo "kill_at: strace is not installed (sh scripts/deps.sh check)" >&2
		return 1
	fi
	rm -f "$TRASH/kill.trace"
	if ptrace_ok strace -f -qq -o "$TRASH/kill.trace" \
		-e trace=rename,renameat,renameat2 \
		-e inject=rename,renameat,renameat2:signal=SIGKILL:when=$n \
		"$@" >"$TRASH/kill.out" 2>&1; then
		st=0
	else
		st=$?
	fi
	renames=$(grep -c " rename" "$TRASH/kill.trace") || renames=0
	if [ "$st" = 137 ] && [ "$renames" = "$n" ] &&
		tail -n 1 "$TRASH/kill.trace" | grep -q "^[0-9]*  *+++ killed by SIGKILL +++$"; then
		killed=yes
	elif [ "$st" = 0 ] && [ "$renames" -lt "$n" ]; then
		killed=no
	else
		echo "kill_at $n: not killed at rename $n (exit $st, $renames renames):" >&2
		cat "$TRASH/kill.out" "$TRASH/kill.trace" >&2
		return 1
	fi
}

test_expect_success 'killed at every rename of advance-stage: the next command recovers' '
	n=0
	killed=yes
	while [ "$killed" = yes ]; do
		n=$((n + 1))
		if [ $n -gt 40 ]; then
			echo "advance-stage was still killed at rename 40: a loop?"
			exit 1
		fi
		before=$(git rev-parse HEAD)
		# to and fro, so that every run is a change
		if [ "$(ini_get cases/2026/a1/case.ini case.stage)" = intake ]; then
			kill_at $n docket advance-stage a1 treatment -m "step $n"
		else
			kill_at $n docket advance-stage a1 intake --force -m "step $n"
		fi
		DOCKET_NOW=2026-11-23 docket note a1 -m "after kill $n" >../out 2>../err
		test_repo_clean
		test "$(git log -1 --format=%s)" = "note(a1): internal"
		# either the killed change landed whole, or not at all
		parent=$(git rev-parse HEAD~1)
		if [ "$killed" = yes ] && [ "$parent" = "$before" ]; then
			test_not grep -q "step $n" ../err
		else
			test "$(git log -1 --format=%s HEAD~1 | cut -c1-19)" = "advance-stage(a1): "
			test "$(git rev-parse HEAD~2)" = "$before"
		fi
		test ! -e .git/docket-journal
		test ! -e .git/index.lock
	done
	# killed at every rename but the last
	test $n -gt 3
'

test_expect_success 'an undone change is kept: the text the user typed is not lost' '
	# killed after the note is in place, before its commit
	n=0
	while :; do
		n=$((n + 1))
		before=$(git rev-parse HEAD)
		kill_at $n docket note a1 -m "typed before kill $n"
		if [ "$killed" = no ]; then
			echo "never killed between the note and its commit"
			exit 1
		fi
		# in place: not only in its temporary file (.name.tmpPID)
		if grep -rlq --exclude=".*" "typed before kill $n" cases; then
			break
		fi
		test "$(git rev-parse HEAD)" = "$before"
		docket note a1 -m "recover $n" >/dev/null 2>&1
	done
	test "$(git rev-parse HEAD)" = "$before"
	docket note a1 -m next 2>../err >/dev/null
	grep -q "interrupted; its unfinished change to 1 file was undone" ../err
	test_not grep -rq "typed before kill" cases
	grep -rq "typed before kill $n" .git/docket-recovered
	test_repo_clean
'

test_expect_success 'killed as it moves the branch, its last rename: git'"'"'s index went first, and both go back' '
	# count the renames of one such command: the index, then the branch
	ptrace_ok strace -f -qq -o ../trace -e trace=rename,renameat,renameat2 \
		docket set a1 client.phone=555-0000 >/dev/null
	last=$(grep -c "rename" ../trace)
	grep "rename" ../trace | tail -n 1 | grep -q "refs/heads/main.lock"
	grep "rename" ../trace | tail -n 2 | head -n 1 | grep -q "index.lock"
	before=$(git rev-parse HEAD)
	kill_at $last docket set a1 client.phone=555-0100
	test $killed = yes
	test "$(git rev-parse HEAD)" = "$before"
	docket note a1 -m next 2>../err >/dev/null
	grep -q "interrupted; its unfinished change to 1 file was undone" ../err
	test "$(ini_get cases/2026/a1/case.ini client.phone)" = 555-0000
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
	kills=0
	while [ $i -lt 40 ]; do
		i=$((i + 1))
		DOCKET_NOW=2026-11-24T10:00:$(printf %02d $((i % 60)))Z docket note a1 -m "random $i" >/dev/null 2>../err.$i &
		pid=$!
		sleep 0.00$((i % 9 + 1))
		# it may have finished already: then there is no one to kill
		if kill -9 $pid 2>/dev/null; then
			:
		fi
		if wait $pid; then
			st=0
		else
			st=$?
		fi
		case $st in
		0) ;;
		137) kills=$((kills + 1)) ;;
		*) echo "note $i exited $st:"; cat ../err.$i; exit 1 ;;
		esac
	done
	# the kills landed (not all of them too late)
	test $kills -gt 0
	docket note a1 -m final >/dev/null 2>&1
	test_repo_clean
	test "$(git log -1 --format=%s)" = "note(a1): internal"
'

test_done
