#!/bin/sh
# A full disk at any moment: docket either commits whole and says so, or
# fails and leaves nothing behind; a change it could not undo is undone by
# the next command once there is room.  Never "committed" without a commit.
. "$(dirname "$0")/lib.sh"

shim="$DOCKET_BUILD/faultshim.so"
export ASAN_OPTIONS="verify_asan_link_order=0:$ASAN_OPTIONS"
ALL=open,rename,link,unlink,mkdir,write

# check_after OLD NEW STATUS: after `docket set a1 client.phone=NEW` exited
# STATUS (stderr in ../err), with OLD the value before: either it committed
# whole, or nothing of it stays once the next writer has run.
check_after() {
	old=$1 new=$2 st=$3
	if [ "$st" = 0 ]; then
		test "$(git log -1 --format=%s)" = "set(a1): client.phone"
		test "$(git show HEAD:cases/2026/a1/case.ini | grep "^phone")" = "phone = $new"
	else
		test "$st" = 1
		test_not grep -q "committed" ../err
		test "$(git rev-parse HEAD)" = "$head"
	fi
	# the next writer, with room again, finishes whatever was left
	DOCKET_NOW=2026-11-23 docket note a1 -m "after $new" >/dev/null 2>../err2
	test "$(git show --stat --format= HEAD | grep -c "|")" = 1
	git show --stat --format= HEAD | grep -q "notes/"
	want=$old
	if [ "$st" = 0 ]; then
		want=$new
	fi
	test "$(ini_get cases/2026/a1/case.ini client.phone)" = "$want"
	test ! -e .git/docket-journal
	test_repo_clean
}

test_expect_success 'a firm' '
	make_firm
	cd firm
	docket add --id a1 --client "Ann One" --set client.phone=555-0000 >/dev/null
'

test_expect_success 'every file operation of set failing with ENOSPC in turn' '
	cd firm
	# how many operations a set makes
	rm -f ../ops
	DOCKET_FAULT="count:$ALL:0" DOCKET_FAULT_LOG=../ops LD_PRELOAD="$shim" \
		docket set a1 client.phone=555-0001 >/dev/null
	total=$(wc -l <../ops)
	test "$total" -gt 20
	old=555-0001
	n=1
	while [ $n -le "$total" ]; do
		head=$(git rev-parse HEAD)
		new=555-1$(printf %03d $n)
		set +e
		DOCKET_FAULT="enospc:$ALL:$n" LD_PRELOAD="$shim" \
			docket set a1 client.phone=$new >/dev/null 2>../err
		rc=$?
		set -e
		echo "checking after a failure at operation $n of $total"
		# not $st: test_repo_clean (in check_after) sets it
		check_after $old $new $rc
		if [ "$rc" = 0 ]; then
			old=$new
		fi
		n=$((n + 1))
	done
'

test_expect_success 'a rollback that fails too: the journal stays, the next writer undoes it' '
	cd firm
	head=$(git rev-parse HEAD)
	old=$(ini_get cases/2026/a1/case.ini client.phone)
	# fail the journal-protected commit once its case.ini is written: the
	# rollback (an atomic write) then fails as well
	set +e
	DOCKET_FAULT="enospc:$ALL:1:index.lock" LD_PRELOAD="$shim" \
		docket set a1 client.phone=555-9999 >/dev/null 2>../err
	st=$?
	set -e
	test "$st" = 1
	grep -q "^docket: could not put the files back as they were (No space left on device); the next docket command will$" ../err
	test -e .git/docket-journal
	test "$(ini_get cases/2026/a1/case.ini client.phone)" = 555-9999
	test "$(git rev-parse HEAD)" = "$head"
	DOCKET_NOW=2026-11-24 docket due a1 +3d "Call the client" >/dev/null 2>../err
	grep -q "was interrupted; its unfinished change to 1 file was undone" ../err
	test "$(git log -1 --format=%s)" = "due(a1): add call-client 2026-11-27"
	test "$(git show HEAD:cases/2026/a1/case.ini | grep "^phone")" = "phone = $old"
	test_not grep -q 555-9999 cases/2026/a1/case.ini
	test_repo_clean
'

test_expect_success 'the disk fills as git'"'"'s index is written: nothing is committed, and all goes back' '
	cd firm
	head=$(git rev-parse HEAD)
	old=$(ini_get cases/2026/a1/case.ini client.phone)
	set +e
	DOCKET_FAULT="enospc:write:1:docket-lock" LD_PRELOAD="$shim" \
		docket set a1 client.phone=555-7777 >/dev/null 2>../err
	st=$?
	set -e
	test "$st" = 1
	grep -q "^docket: cannot write .git/index: No space left on device$" ../err
	test_not grep -q "committed" ../err
	test "$(git rev-parse HEAD)" = "$head"
	DOCKET_NOW=2026-11-25 docket note a1 -m "after the index" >/dev/null 2>../err
	grep -q "^docket: an earlier docket command (pid [0-9]*) was interrupted; its unfinished change to 1 file was undone$" ../err
	test "$(ini_get cases/2026/a1/case.ini client.phone)" = "$old"
	test_repo_clean
'

test_expect_success 'an empty journal (the disk filled as it was made) is dropped without a word' '
	cd firm
	: >.git/docket-journal
	DOCKET_NOW=2026-11-25 docket note a1 -m "after an empty journal" >/dev/null 2>../err
	test_must_fail test -s ../err
	test ! -e .git/docket-journal
	printf "docket-jour" >.git/docket-journal
	DOCKET_NOW=2026-11-25 docket note a1 -m "after a torn journal" >/dev/null 2>../err
	test_must_fail test -s ../err
	test_repo_clean
'

test_expect_success 'killed before its commit: the next command never speaks of its commit' '
	cd firm
	for at in open:1:cases link:1:index.lock link:1:refs/heads; do
		head=$(git rev-parse HEAD)
		set +e
		DOCKET_FAULT="kill:$at" LD_PRELOAD="$shim" docket set a1 client.email=a@b.example >/dev/null 2>&1
		st=$?
		set -e
		test "$st" = 137
		test "$(git rev-parse HEAD)" = "$head"
		DOCKET_NOW=2026-11-25 docket note a1 -m "after a kill at $at" >/dev/null 2>../err
		test_not grep -q "its commit" ../err
		test_not grep -q "pid 0" ../err
		test_not grep -q "a@b.example" cases/2026/a1/case.ini
		test_repo_clean
	done
'

test_expect_success 'killed after its commit: the next command says so, and names nothing undone' '
	cd firm
	set +e
	# at the first file operation after the branch moved
	DOCKET_FAULT_AFTER=rename:refs/heads/main.lock DOCKET_FAULT="kill:unlink:1" \
		LD_PRELOAD="$shim" docket set a1 client.email=c@d.example >/dev/null 2>&1
	st=$?
	set -e
	test "$st" = 137
	test "$(git log -1 --format=%s)" = "set(a1): client.email"
	DOCKET_NOW=2026-11-25 docket note a1 -m "after its commit" >/dev/null 2>../err
	grep -q "^docket: an earlier docket command (pid [1-9][0-9]*) was interrupted after its commit, which stands$" ../err
	test "$(wc -l <../err)" = 1
	test_repo_clean
'

# a real full disk: a small tmpfs, filled to leave a little room
if [ "$(id -u)" = 0 ]; then
	disk="$TRASH/disk"
	trap 'umount "$disk" 2>/dev/null; rm -rf "$TRASH"' EXIT
fi

test_expect_success 'a 2 MB tmpfs with a few kB free: never a false "committed"' '
	test "$(id -u)" = 0 || { echo "mounting a tmpfs needs root" >&2; exit 1; }
	mkdir -p "$disk"
	mount -t tmpfs -o size=2m,mode=0700 tmpfs "$disk"
	cd "$disk"
	make_firm
	cd firm
	docket add --id a1 --client "Ann One" --set client.phone=555-0000 >/dev/null
	old=555-0000
	for room in 0 4 8 12 16 20 24 28 32 40 48 64; do
		rm -f ../filler
		free=$(df -k --output=avail . | tail -n 1)
		if [ "$free" -gt "$room" ]; then
			dd if=/dev/zero of=../filler bs=1k count=$((free - room)) 2>/dev/null ||
				test "$(df -k --output=avail . | tail -n 1)" -le "$room"
		fi
		head=$(git rev-parse HEAD)
		new=555-2$(printf %03d $room)
		set +e
		docket set a1 client.phone=$new >/dev/null 2>../err
		rc=$?
		set -e
		rm -f ../filler
		echo "checking with $room kB free"
		check_after $old $new $rc
		if [ "$rc" = 0 ]; then
			old=$new
		fi
	done
	cd "$TRASH"
	umount "$disk"
'

test_done
