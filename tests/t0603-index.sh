#!/bin/sh
# docket's commits update git's index entry by entry (src/gitindex.c): the
# index must read as git itself would have left it
. "$(dirname "$0")/lib.sh"

# The index holds exactly HEAD, its cache tree is right, nothing is dirty.
index_is_head() {
	git -C firm ls-files -s >ls-files &&
	git -C firm ls-tree -r HEAD | awk '{ printf "%s %s 0\t%s\n", $1, $3, $4 }' >ls-tree &&
	test_cmp ls-tree ls-files &&
	test "$(git -C firm write-tree)" = "$(git -C firm rev-parse "HEAD^{tree}")" &&
	test_repo_clean firm
}

test_expect_success 'a firm with a few cases' '
	make_firm &&
	for i in 1 2 3 4 5; do
		docket -C firm add --id case-$i --client "Client $i" >/dev/null || exit 1
	done &&
	git -C firm status --porcelain >st &&
	test_must_fail test -s st
'

test_expect_success 'a note: the index is what git would write' '
	# git fills in its cache tree first, so there is one to keep right
	git -C firm write-tree >/dev/null &&
	grep -q TREE firm/.git/index &&
	docket -C firm note case-3 -m "a note" >/dev/null &&
	grep -q TREE firm/.git/index &&
	index_is_head &&
	docket -C firm set case-2 client.phone="+1 555 0100" >/dev/null &&
	index_is_head &&
	git -C firm fsck --strict >/dev/null 2>&1
'

test_expect_success 'its entry has the file'"'"'s stat data, so git trusts it' '
	docket -C firm note case-4 -m "another" >path &&
	sleep 1 &&
	git -C firm update-index --refresh >/dev/null &&
	git -C firm ls-files --debug "$(cat path)" >debug &&
	grep -q "size: $(stat -c %s "firm/$(cat path)")" debug &&
	grep -q "ino: $(stat -c %i "firm/$(cat path)")" debug
'

test_expect_success 'a racily clean entry is smudged, so git still sees the change' '
	echo aaaa >firm/scratch.txt &&
	git -C firm add scratch.txt &&
	echo bbbb >firm/scratch.txt &&
	sleep 1 &&
	docket -C firm note case-1 -m "later" >/dev/null &&
	git -C firm status --porcelain >st &&
	echo "AM scratch.txt" >expect &&
	test_cmp expect st &&
	git -C firm diff --cached --name-only >staged &&
	echo scratch.txt >expect &&
	test_cmp expect staged &&
	git -C firm rm -qf --cached scratch.txt && rm firm/scratch.txt
'

test_expect_success 'an unchanged racily clean entry is left alone (plumbing sees a clean tree)' '
	docket init rc >/dev/null
	docket -C rc add --client "A B" --id ab >/dev/null
	git -C rc status >/dev/null
	sleep 1.1
	docket -C rc note ab -m one --kind call >/dev/null
	docket -C rc note ab -m two --kind call >/dev/null
	test -z "$(git -C rc diff-files --name-only)"
	test -z "$(git -C rc diff-index --name-only HEAD)"
'

test_expect_success 'a user'"'"'s staged and unstaged work stays as it was' '
	echo staged >firm/mine.txt &&
	git -C firm add mine.txt &&
	echo "# mine" >>firm/docket.ini &&
	docket -C firm note case-5 -m "note" >/dev/null &&
	git -C firm status --porcelain >st &&
	printf " M docket.ini\nA  mine.txt\n" >expect &&
	test_cmp expect st &&
	test "$(git -C firm show --stat --format= HEAD | grep -c "|")" = 1 &&
	git -C firm reset -q --hard &&
	rm -f firm/mine.txt
'

test_expect_success 'extensions: untracked cache and fsmonitor data are dropped' '
	git -C firm update-index --untracked-cache &&
	git -C firm status >/dev/null &&
	docket -C firm note case-1 -m "with an untracked cache" >/dev/null &&
	index_is_head &&
	echo new >firm/untracked.txt &&
	git -C firm status --porcelain >st &&
	echo "?? untracked.txt" >expect &&
	test_cmp expect st &&
	rm firm/untracked.txt &&
	git -C firm update-index --no-untracked-cache
'

test_expect_success 'index version 4: left to libgit2' '
	git -C firm update-index --index-version 4 &&
	docket -C firm note case-2 -m "v4" >/dev/null &&
	index_is_head &&
	git -C firm update-index --index-version 2 &&
	docket -C firm note case-2 -m "v2 again" >/dev/null &&
	index_is_head
'

test_expect_success 'another program holds index.lock: docket waits, then refuses, and leaves the lock' '
	echo "their lock" >firm/.git/index.lock
	cd firm
	test_refused env DOCKET_LOCK_TIMEOUT=0.5 docket note case-3 -m "locked out"
	cd ..
	echo "docket: another git process holds .git/index.lock; try again when it finishes (or remove the lock if it is stale)" >expect
	test_cmp expect err
	test "$(cat firm/.git/index.lock)" = "their lock"
	test_not grep -rq "locked out" firm/cases
	rm firm/.git/index.lock
	index_is_head
'

test_expect_success 'a lock released while docket waits: the commit goes through' '
	echo "their lock" >firm/.git/index.lock
	(sleep 0.3; rm firm/.git/index.lock) &
	DOCKET_LOCK_TIMEOUT=5 docket -C firm note case-3 -m "waited" >/dev/null
	wait
	test "$(git -C firm log -1 --format=%s)" = "note(case-3): internal"
	index_is_head
	test_repo_clean firm
'

test_expect_success 'a broken index is refused before any commit, and left as it was' '
	cp firm/.git/index saved
	printf "DIRC\0\0\0\2\0\0\0\1broken" >firm/.git/index
	cp firm/.git/index broken
	head=$(git -C firm rev-parse HEAD)
	test_must_fail docket -C firm note case-3 -m "broken index" >/dev/null 2>err
	grep -q "^docket: git.s index (.git/index) is in a form docket cannot update" err
	test "$(git -C firm rev-parse HEAD)" = "$head"
	cmp broken firm/.git/index
	test_must_fail test -e firm/.git/index.lock
	cp saved firm/.git/index
	index_is_head
'

test_expect_success 'a split index: refused before committing, nothing changed' '
	git -C firm update-index --split-index
	head=$(git -C firm rev-parse HEAD)
	test_must_fail docket -C firm note case-3 -m "split" >/dev/null 2>err
	grep -q "a split or sparse index" err
	test "$(git -C firm rev-parse HEAD)" = "$head"
	test -z "$(git -C firm status --porcelain)"
	git -C firm update-index --no-split-index
	docket -C firm note case-3 -m "whole again" >/dev/null
	index_is_head
'

test_expect_success 'a sparse index: refused before committing, nothing changed' '
	git -C firm sparse-checkout set --cone --sparse-index cases 2>/dev/null
	head=$(git -C firm rev-parse HEAD)
	test_must_fail docket -C firm note case-3 -m "sparse" >/dev/null 2>err
	grep -q "a split or sparse index" err
	test "$(git -C firm rev-parse HEAD)" = "$head"
	test -z "$(git -C firm status --porcelain)"
	git -C firm sparse-checkout disable
'

test_done
