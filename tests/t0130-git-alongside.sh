#!/bin/sh
# docket and the user's own git commands on one repository: a docket commit
# holds git's index lock from before it reads the branch until its index
# entries are written, as git's own commit does, so a git command in
# between waits or refuses and never builds on an index that lags behind.
. "$(dirname "$0")/lib.sh"

shim="$DOCKET_BUILD/faultshim.so"
# an ASan build is linked first; the shim comes after it
export ASAN_OPTIONS="verify_asan_link_order=0:$ASAN_OPTIONS"

make_firm
cd firm
docket add --id a1 --client "Ann One" >/dev/null

# stopped PID: wait until the process is stopped (SIGSTOP), at most 10 s
stopped() {
	i=0
	while [ $i -lt 200 ]; do
		state=$(awk '{ print $3 }' /proc/$1/stat 2>/dev/null)
		if [ "$state" = T ]; then
			return 0
		fi
		if [ -z "$state" ]; then
			echo "process $1 is gone" >&2
			return 1
		fi
		sleep 0.05
		i=$((i + 1))
	done
	echo "process $1 never stopped" >&2
	return 1
}

# paused AT OPS:N[:TEXT] cmd...: run cmd in the background, stopped at
# that file operation (see tests/helpers/faultshim.c); its pid in $pid
paused() {
	at=$1
	shift
	DOCKET_FAULT="stop:$at" LD_PRELOAD="$shim" "$@" >../paused.out 2>../paused.err &
	pid=$!
	stopped $pid
}

ALL=open,rename,link,unlink,mkdir,write

# the branch has moved (the rename of its lock, by libgit2 or by docket)
MOVED=rename:refs/heads/main.lock

test_expect_success 'paused after moving the branch: git'"'"'s index has docket'"'"'s entries already, a git commit undoes nothing' '
	echo "my own file" >mine.txt
	git add mine.txt
	before=$(git rev-parse HEAD)
	# at the first file operation after the branch moved
	DOCKET_FAULT_AFTER=$MOVED paused $ALL:1 docket note a1 -m "noted while paused"
	test "$(git log -1 --format=%s)" = "note(a1): internal"
	test "$(git rev-parse HEAD~1)" = "$before"
	note=$(git diff --name-only HEAD~1 HEAD)
	# the index has the note already: the user'"'"'s commit keeps it
	git commit -qm "mine"
	git cat-file -e "HEAD:$note"
	git cat-file -e HEAD:mine.txt
	test "$(git log -1 --format=%s HEAD~1)" = "note(a1): internal"
	kill -CONT $pid
	wait $pid
	test "$(cat ../paused.out)" = "$note"
	test_repo_clean
'

test_expect_success 'paused with the index written, before the branch moves: git'"'"'s commit cannot move the branch' '
	echo more >>mine.txt
	git add mine.txt
	before=$(git rev-parse HEAD)
	# at the rename that moves the branch (the index is in place)
	paused rename:1:refs/heads/main.lock docket note a1 -m "noted at the branch"
	test "$(git rev-parse HEAD)" = "$before"
	test_must_fail --code=128 git commit -qm "mine again" 2>../git.err
	grep -q "refs/heads/main.lock.: File exists" ../git.err
	kill -CONT $pid
	wait $pid
	note=$(cat ../paused.out)
	git cat-file -e "HEAD:$note"
	git commit -qm "mine again"
	git cat-file -e "HEAD:$note"
	test_repo_clean
'

test_expect_success 'paused before the branch moves: the index is locked already, git refuses' '
	before=$(git rev-parse HEAD)
	# at the branch lock
	paused $ALL:1:refs/heads/main.lock docket note a1 -m "second pause"
	test "$(git rev-parse HEAD)" = "$before"
	test -e .git/index.lock
	echo more >>mine.txt
	test_must_fail --code=128 git commit -qam "mine again" 2>../git.err
	grep -q "index.lock.: File exists" ../git.err
	kill -CONT $pid
	wait $pid
	git commit -qam "mine again"
	git cat-file -e "HEAD:$(cat ../paused.out)"
	test_repo_clean
'

# killed AT cmd...: run cmd, killed (SIGKILL) at that file operation;
# the kill must happen
killed() {
	at=$1
	shift
	set +e
	DOCKET_FAULT="kill:$at" LD_PRELOAD="$shim" "$@" >/dev/null 2>&1
	st=$?
	set -e
	test "$st" = 137 || { echo "not killed (exit $st): $*" >&2; return 1; }
}

test_expect_success 'killed holding both locks: the next command removes them (they are its own)' '
	before=$(git rev-parse HEAD)
	killed $ALL:1:objects docket note a1 -m "killed with the locks"
	test -e .git/index.lock
	test -e .git/refs/heads/main.lock
	DOCKET_NOW=2026-11-23 docket note a1 -m "next" >/dev/null 2>../err
	grep -q "was interrupted; its unfinished change to 1 file was undone" ../err
	test "$(git rev-parse HEAD~1)" = "$before"
	test ! -e .git/index.lock
	test ! -e .git/refs/heads/main.lock
	test -z "$(ls .git | grep docket-lock)"
	test_repo_clean
'

test_expect_success 'a lock that appeared after a crash is someone else'"'"'s: never removed' '
	before=$(git rev-parse HEAD)
	# killed after the journal names its index lock, before it is made
	killed link:1:index.lock docket note a1 -m "killed before the lock"
	test ! -e .git/index.lock
	echo "their lock" >.git/index.lock
	test_refused env DOCKET_LOCK_TIMEOUT=0.3 docket note a1 -m "blocked"
	grep -q "^docket: an earlier docket command (pid [0-9]*) was interrupted and its change cannot be put right yet: another git process holds .git/index.lock; try again when it finishes (or remove the lock if it is stale)$" ../err
	test "$(cat .git/index.lock)" = "their lock"
	test -e .git/docket-journal
	rm .git/index.lock
	DOCKET_NOW=2026-11-23 docket note a1 -m "free again" >/dev/null 2>../err
	grep -q "was interrupted; its unfinished change to 1 file was undone" ../err
	test "$(git rev-parse HEAD~1)" = "$before"
	test_repo_clean
'

test_expect_success 'a branch lock someone else holds: docket waits, refuses, leaves it' '
	echo "their lock" >.git/refs/heads/main.lock
	test_refused env DOCKET_LOCK_TIMEOUT=0.3 docket note a1 -m "blocked"
	echo "docket: another git process holds .git/refs/heads/main.lock; try again when it finishes (or remove the lock if it is stale)" >../expect
	test_cmp ../expect ../err
	test "$(cat .git/refs/heads/main.lock)" = "their lock"
	test ! -e .git/index.lock
	rm .git/refs/heads/main.lock
	test_repo_clean
'

# The user'"'"'s loop commits as git commit does, but for one thing: git
# commit reads the index before it reads HEAD (and before it takes the
# index lock), so a docket commit that lands between those two reads is
# undone by git itself, whoever wrote it: two git commits race the same way.
# The loop reads HEAD first, stages under the index lock (update-index),
# then reads the index (write-tree) and moves HEAD from the value it read.
# A docket commit it undoes can then only come from docket'"'"'s own window:
# a branch moved before git'"'"'s index holds its entries.  (The tests
# paused at each step above prove that window closed; this one shows
# many writers at once and the user'"'"'s commits lose nothing.)
test_expect_success 'many docket writers and a loop of the user'"'"'s commits: no docket commit is undone' '
	i=0
	: >../notes
	(
		n=0
		while [ ! -e ../stop ] && [ $n -lt 400 ]; do
			n=$((n + 1))
			echo "line $n" >>mine.txt
			if old=$(git rev-parse HEAD) &&
			   git update-index --add mine.txt 2>/dev/null &&
			   tree=$(git write-tree 2>/dev/null) &&
			   new=$(git commit-tree "$tree" -p "$old" -m "mine $n") &&
			   git update-ref HEAD "$new" "$old" 2>/dev/null; then
				:
			fi
		done
	) &
	loop=$!
	while [ $i -lt 30 ]; do
		i=$((i + 1))
		DOCKET_NOW=2026-11-23T10:00:$((i % 60))Z docket note a1 -m "writer $i" >>../notes 2>>../notes.err &
		# six at a time
		if [ $((i % 6)) = 0 ]; then
			sleep 0.2
		fi
	done
	sleep 1
	touch ../stop
	wait
	rm ../stop
	# every writer either committed (and printed its note) or refused
	# cleanly; the user committed too
	test "$(wc -l <../notes)" -ge 1
	test "$(git log --oneline --grep="^mine " | wc -l)" -ge 1
	while read -r note; do
		git cat-file -e "HEAD:$note" || { echo "undone: $note" >&2; exit 1; }
		test -f "$note"
	done <../notes
	git add mine.txt
	if ! git diff --cached --quiet; then git commit -qm "mine, last"; fi
	test_repo_clean
'

test_done
