#!/bin/sh
# docket sync killed at every file operation: the next docket command
# finishes or undoes what the sync had begun and says which, no lock of
# its own is left anywhere (the clone, the shared remote), and the next
# sync completes.  An ordinary command after the kill never commits half
# a merge under its own name.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/lib-sync.sh"

shim="$DOCKET_BUILD/faultshim.so"
export ASAN_OPTIONS="verify_asan_link_order=0:$ASAN_OPTIONS"
ALL=open,rename,link,unlink,mkdir,write
# every command, docket's and git's, without fsync: this test kills a sync
# a hundred times and needs a fast disk, not a durable one
export LD_PRELOAD="$shim" DOCKET_FAULT_NOSYNC=1

# no lock file of git's anywhere under DIR... (objects/ aside: a pack
# libgit2 was receiving when it died leaves a temporary of a name of its
# own there, which blocks nothing)
no_locks() {
	found=$(find "$@" -name "*.lock" ! -name docket.lock ! -path "*/objects/*")
	test -z "$found" || { echo "locks left: $found" >&2; return 1; }
	found=$(find "$@" -name "docket-lock.*")
	test -z "$found" || { echo "docket's lock files left: $found" >&2; return 1; }
}

test_expect_success 'two clones, each with work the other lacks' '
	make_firm bob
	git init -q --bare remote.git
	git -C bob remote add origin ../remote.git
	at 2026-11-22T09:00:00Z bob docket add --id smith --client "John Smith" >/dev/null
	at 2026-11-22T09:01:00Z bob docket sync >/dev/null
	git clone -q remote.git carol
	ident carol "Carol Park" carol@firm.example
	at 2026-11-22T10:00:00Z carol docket set smith client.phone=555-0100 >/dev/null
	at 2026-11-22T10:01:00Z carol docket note smith --kind call -m "Called the client" >/dev/null
	at 2026-11-22T10:02:00Z carol docket add --id jones --client "Ann Jones" >/dev/null
	at 2026-11-22T10:03:00Z carol docket sync >/dev/null
	at 2026-11-22T11:00:00Z bob docket set smith client.email=john@example.com >/dev/null
	at 2026-11-22T11:01:00Z bob docket note smith -m "Records requested" >/dev/null
	# the state every kill starts from
	cp -a bob bob.orig
	cp -a remote.git remote.orig
	cp -a carol carol.orig
'

# fresh: put bob, the remote and carol back as they were
fresh() {
	rm -rf bob remote.git carol
	cp -a bob.orig bob
	cp -a remote.orig remote.git
	cp -a carol.orig carol
}

# after_kill: the state a kill left is put right by the next commands
after_kill() {
	# the merged result: both sides' work, in bob, the remote and carol
	test "$(git -C bob rev-parse HEAD)" = "$(git -C remote.git rev-parse main)"
	# (grep, not the slower ini_get: this runs a hundred times)
	grep -qx "phone = 555-0100" bob/cases/2026/smith/case.ini
	grep -qx "email = john@example.com" bob/cases/2026/smith/case.ini
	test -f bob/cases/2026/jones/case.ini
	test "$(ls bob/cases/2026/smith/notes | wc -l)" = 2
	test_repo_clean bob
	no_locks bob/.git remote.git
	test ! -e bob/.git/docket-journal
	git -C remote.git fsck --strict --no-dangling >/dev/null 2>&1
	# a teammate's push goes through: nothing of bob's blocks the remote
	at 2026-11-22T13:00:00Z carol docket note jones -m "Carol again" >/dev/null
	at 2026-11-22T13:01:00Z carol docket sync >/dev/null
	test_repo_clean carol
	test "$(git -C carol rev-parse HEAD)" = "$(git -C remote.git rev-parse main)"
}

test_expect_success 'the operations of one sync, counted' '
	fresh
	rm -f ops
	(cd bob && DOCKET_NOW=2026-11-22T12:00:00Z DOCKET_FAULT="count:$ALL:0" \
		DOCKET_FAULT_LOG=../ops LD_PRELOAD="$shim" docket sync >/dev/null)
	after_kill
	wc -l <ops >total
	test "$(cat total)" -gt 40
	grep -q "remote.git/refs/heads/main" ops
	grep -q "objects/pack" ops
'

test_expect_success 'killed at each of them: the next sync recovers and finishes' '
	total=$(cat total)
	n=1
	while [ $n -le "$total" ]; do
		fresh
		set +e
		(cd bob && DOCKET_NOW=2026-11-22T12:00:00Z DOCKET_FAULT="kill:$ALL:$n" \
			LD_PRELOAD="$shim" docket sync >/dev/null 2>&1)
		st=$?
		set -e
		test "$st" = 137 || { echo "operation $n: not killed (exit $st)" >&2; exit 1; }
		# (said before, so that it is the last word of a failure)
		echo "after a kill at operation $n: $(sed -n ${n}p ops)"
		at 2026-11-22T12:30:00Z bob docket sync >out
		after_kill
		n=$((n + 1))
	done
'

test_expect_success 'a full disk at each of them: the sync fails cleanly, the next one finishes' '
	total=$(cat total)
	n=1
	while [ $n -le "$total" ]; do
		fresh
		before=$(git -C bob rev-parse HEAD)
		set +e
		# (the slow unwinder: libgit2 leaks on a full disk, and only a
		# whole stack names the leak tests/lsan.supp lets pass)
		(cd bob && DOCKET_NOW=2026-11-22T12:00:00Z DOCKET_FAULT="enospc:$ALL:$n" \
			ASAN_OPTIONS="fast_unwind_on_malloc=0:$ASAN_OPTIONS" \
			docket sync >/dev/null 2>../err)
		st=$?
		set -e
		echo "after a full disk at operation $n: $(sed -n ${n}p ops) (exit $st)"
		test "$st" = 0 || test "$st" = 1
		if [ "$st" = 1 ]; then
			grep -q "^docket: " err
		fi
		at 2026-11-22T12:30:00Z bob docket sync >out
		after_kill
		n=$((n + 1))
	done
'

test_expect_success 'killed while moving the work tree, then an ordinary set: it commits only its own change' '
	# at the first file it writes, the third, the branch, and the index
	for at_op in "rename:1:cases/" "rename:3:cases/" "rename:1:refs/heads/main.lock" "rename:1:index.lock"; do
		fresh
		set +e
		(cd bob && DOCKET_NOW=2026-11-22T12:00:00Z DOCKET_FAULT="kill:$at_op" \
			LD_PRELOAD="$shim" docket sync >/dev/null 2>&1)
		st=$?
		set -e
		test "$st" = 137
		before=$(git -C bob rev-parse HEAD)
		at 2026-11-22T12:30:00Z bob docket set smith insurance.claim=GP-1 >/dev/null 2>err
		grep -q "an earlier docket sync (pid [0-9]*) was interrupted" err
		test "$(git -C bob log -1 --format=%s)" = "set(smith): insurance.claim"
		# exactly one file, and exactly one line of it, changed
		test "$(git -C bob diff --stat HEAD~1 HEAD | grep -c "|")" = 1
		test "$(git -C bob diff HEAD~1 HEAD | grep -c "^[-+][a-z]")" = 1
		test_repo_clean bob
		no_locks bob/.git remote.git
		at 2026-11-22T12:31:00Z bob docket sync >/dev/null
		test "$(cd bob && ini_get cases/2026/smith/case.ini client.phone)" = 555-0100
		test "$(cd bob && ini_get cases/2026/smith/case.ini insurance.claim)" = GP-1
		test_repo_clean bob
	done
'

test_expect_success 'a killed sync never leaves a file half written' '
	fresh
	for n in $(grep -n "rename.*cases/" ops | cut -d: -f1); do
		fresh
		set +e
		(cd bob && DOCKET_NOW=2026-11-22T12:00:00Z DOCKET_FAULT="kill:$ALL:$n" \
			LD_PRELOAD="$shim" docket sync >/dev/null 2>&1)
		set -e
		for f in $(find bob/cases -name "*.ini" -o -name "*.md"); do
			test -s "$f" || { echo "empty after a kill at $n: $f" >&2; exit 1; }
		done
	done
'

test_done
