#!/bin/sh
# docket's commits update git's index entry by entry (src/gitindex.c): the
# index must read as git itself would have left it
. "$(dirname "$0")/lib.sh"

# index_is_head [DIR]: the index holds exactly HEAD, its cache tree is
# right, nothing is dirty (DIR: firm).
index_is_head() {
	git -C "${1:-firm}" ls-files -s >ls-files &&
	git -C "${1:-firm}" ls-tree -r HEAD | awk '{ printf "%s %s 0\t%s\n", $1, $3, $4 }' >ls-tree &&
	test_cmp ls-tree ls-files &&
	test "$(git -C "${1:-firm}" write-tree)" = "$(git -C "${1:-firm}" rev-parse "HEAD^{tree}")" &&
	test_repo_clean "${1:-firm}"
}

# index_extensions DIR: the signatures of the extensions of DIR/.git/index,
# one a line, as they are in the file (read here, not by git or docket)
index_extensions() {
	python3 - "$1/.git/index" <<-\EOF
	import struct, sys
	d = open(sys.argv[1], "rb").read()
	assert d[:4] == b"DIRC", d[:4]
	version, count = struct.unpack(">II", d[4:12])
	assert version in (2, 3), version
	p = 12
	for _ in range(count):
	    flags = struct.unpack(">H", d[p + 60:p + 62])[0]
	    hdr = 62 + (2 if flags & 0x4000 else 0)
	    name = d.index(b"\0", p + hdr) - (p + hdr)
	    p += (hdr + name + 8) & ~7
	while p < len(d) - 20:
	    size = struct.unpack(">I", d[p + 4:p + 8])[0]
	    print(d[p:p + 4].decode("latin-1"))
	    p += 8 + size
	assert p == len(d) - 20, (p, len(d))
	EOF
}

# flip_oid DIR PATH: one bit of the object name of PATH'"'"'s entry in
# DIR/.git/index flipped, in place (the index still parses; its checksum
# is wrong)
flip_oid() {
	python3 - "$1/.git/index" "$2" <<-\EOF
	import struct, sys
	with open(sys.argv[1], "r+b") as f:
	    d = f.read()
	    version, count = struct.unpack(">II", d[4:12])
	    p, path = 12, sys.argv[2].encode()
	    for _ in range(count):
	        flags = struct.unpack(">H", d[p + 60:p + 62])[0]
	        hdr = 62 + (2 if flags & 0x4000 else 0)
	        end = d.index(b"\0", p + hdr)
	        if d[p + hdr:end] == path:
	            break
	        p += (hdr + end - (p + hdr) + 8) & ~7
	    else:
	        sys.exit("no %s in %s" % (sys.argv[2], sys.argv[1]))
	    f.seek(p + 45)
	    f.write(bytes([d[p + 45] ^ 1]))
	EOF
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

test_expect_success 'extensions: the untracked cache is dropped' '
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

# A file-system monitor for git (core.fsmonitor, hook protocol 2) made of
# find(1): each answer is a token (a stamp file) and the files modified
# since the stamp of the token git asks about ("/", all, for a token it
# does not know).  Git keeps the token, and which entries it must still
# look at, by position, in the index's FSMN extension.
cat >fsmonitor <<\EOF
#!/bin/sh
dir=.git/fsmonitor-stamps
mkdir -p "$dir"
token=$(date +%s%N)
: >"$dir/$token"
printf "%s\0" "$token"
if [ -n "$2" ] && [ -e "$dir/$2" ]; then
	find . -path ./.git -prune -o -type f -newer "$dir/$2" -print |
		sed "s|^\./||" | tr "\n" "\0"
else
	printf "/\0"
fi
EOF
chmod +x fsmonitor

test_expect_success 'fsmonitor: git'"'"'s view of the work tree stays right' '
	cp -a firm fsm
	git -C fsm config core.fsmonitor "$TRASH/fsmonitor"
	git -C fsm config core.fsmonitorHookVersion 2
	git -C fsm status --porcelain >st
	test_must_fail test -s st
	index_extensions fsm >ext
	grep -qx FSMN ext
	# the user changes a file that sorts after the note docket adds: git
	# hears of it from the monitor, and keeps it dirty in FSMN
	sleep 0.1
	echo "# mine" >>fsm/docket.ini
	git -C fsm status --porcelain >st
	echo " M docket.ini" >expect
	test_cmp expect st
	git -C fsm ls-files -f docket.ini >flags
	echo "H docket.ini" >expect
	test_cmp expect flags
	index_extensions fsm >ext
	grep -qx FSMN ext
	sleep 0.1
	docket -C fsm note case-1 -m "with a monitor" >path
	# the monitor data (positions, a token) is dropped: git asks again
	index_extensions fsm >ext
	test_not grep -qx FSMN ext
	git -C fsm status --porcelain >st
	echo " M docket.ini" >expect
	test_cmp expect st
	git -C fsm diff --name-only >unstaged
	echo docket.ini >expect
	test_cmp expect unstaged
	git -C fsm diff --cached --name-only >staged
	test_must_fail test -s staged
	git -C fsm ls-files -s >ls-files
	git -C fsm ls-tree -r HEAD | awk "{ printf \"%s %s 0\t%s\n\", \$1, \$3, \$4 }" >ls-tree
	test_cmp ls-tree ls-files
	grep -q "$(cat path)" ls-files
	# git wrote its monitor data back, and still sees the change
	index_extensions fsm >ext
	grep -qx FSMN ext
	git -C fsm ls-files -f docket.ini >flags
	echo "H docket.ini" >expect
	test_cmp expect flags
	git -C fsm checkout -q docket.ini
	index_is_head fsm
'

test_expect_success 'a resolved conflict (resolve-undo, REUC) is kept' '
	cp -a firm merged
	git -C merged checkout -q -b side
	echo side >merged/shared.txt
	git -C merged add shared.txt
	git -C merged commit -qm side
	git -C merged checkout -q main
	echo main >merged/shared.txt
	git -C merged add shared.txt
	git -C merged commit -qm main
	test_must_fail git -C merged merge -q side >/dev/null 2>&1
	echo both >merged/shared.txt
	git -C merged add shared.txt
	git -C merged commit -qm merged
	index_extensions merged >ext
	grep -qx REUC ext
	git -C merged ls-files --resolve-undo >reuc
	test "$(grep -c "shared.txt" reuc)" = 2
	docket -C merged note case-2 -m "after a merge" >/dev/null
	index_extensions merged >ext
	grep -qx REUC ext
	git -C merged ls-files --resolve-undo >after
	test_cmp reuc after
	index_is_head merged
	# and git can still make the conflict again from it
	git -C merged checkout -m -- shared.txt
	git -C merged ls-files -u >unmerged
	test "$(grep -c "shared.txt" unmerged)" = 2
	grep -qx "<<<<<<< ours" merged/shared.txt
	git -C merged checkout -q HEAD -- shared.txt
	git -C merged status --porcelain >st
	test_must_fail test -s st
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

msg="docket: git's index (.git/index) is corrupt (bad checksum); nothing was committed; 'git read-tree HEAD' rebuilds it from HEAD"

test_expect_success 'a corrupt index (bad checksum) is refused, and left as it was for git fsck' '
	cp -a firm bad
	flip_oid bad cases/2026/case-1/case.ini
	cp bad/.git/index corrupt
	head=$(git -C bad rev-parse HEAD)
	test_must_fail --code=128 git -C bad fsck >/dev/null 2>fsck
	grep -q "bad index file sha1 signature" fsck
	test_must_fail docket -C bad note case-3 -m "corrupt index" >out 2>err
	echo "$msg" >expect
	test_cmp expect err
	test_must_fail test -s out
	test "$(git -C bad rev-parse HEAD)" = "$head"
	cmp corrupt bad/.git/index
	test ! -e bad/.git/index.lock
	test_must_fail --code=128 git -C bad fsck >/dev/null 2>fsck
	grep -q "bad index file sha1 signature" fsck
	test_not grep -rq "corrupt index" bad/cases
	# what the message says puts it right (git reset would not: it
	# trusts the cache tree, keeps the bad entry and checksums it anew)
	git -C bad read-tree HEAD
	git -C bad fsck >/dev/null
	docket -C bad note case-3 -m "index rebuilt" >/dev/null
	index_is_head bad
'

test_expect_success 'a corrupt index of version 4 (left to libgit2) is refused the same way' '
	cp -a firm bad4
	git -C bad4 update-index --index-version 4
	# a bit of the first entry'"'"'s object name, .gitattributes'"'"' (version 4
	# compresses paths, not the entries'"'"' fixed part)
	git -C bad4 ls-files >files
	test "$(head -n 1 files)" = .gitattributes
	python3 -c "
import sys
f = open(sys.argv[1], \"r+b\")
f.seek(12 + 45)
b = f.read(1)[0]
f.seek(12 + 45)
f.write(bytes([b ^ 1]))" bad4/.git/index
	cp bad4/.git/index corrupt
	head=$(git -C bad4 rev-parse HEAD)
	test_must_fail docket -C bad4 note case-3 -m "corrupt v4" >out 2>err
	echo "$msg" >expect
	test_cmp expect err
	test "$(git -C bad4 rev-parse HEAD)" = "$head"
	cmp corrupt bad4/.git/index
	test_must_fail --code=128 git -C bad4 fsck >/dev/null 2>fsck
	grep -q "bad index file sha1 signature" fsck
	# (git reset would die reading the bad .gitattributes entry)
	git -C bad4 read-tree HEAD
	git -C bad4 update-index --index-version 2
	index_is_head bad4
'

test_expect_success 'an index without a checksum (git 2.40, index.skipHash) is taken' '
	python3 - firm/.git/index <<-\EOF
	import sys
	with open(sys.argv[1], "r+b") as f:
	    f.seek(-20, 2)
	    f.write(bytes(20))
	EOF
	test "$(tail -c 20 firm/.git/index | od -An -tx1 | tr -d " \n")" = 0000000000000000000000000000000000000000
	docket -C firm note case-3 -m "no checksum" >/dev/null
	git -C firm fsck >/dev/null
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
