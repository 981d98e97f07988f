#!/bin/sh
# make-corpus-gitindex.sh [DIR] - the seed corpus of fuzz-gitindex: small
# indexes written by real git (default DIR: tests/fuzz/corpus-gitindex).
# Fixed dates and identity; an index still holds inode numbers and times,
# so a new run gives new bytes of the same shapes.  The corpus's fuzz-*
# files are not made here: they are inputs the fuzzer found, each kept for
# the code it reaches that the others do not.
set -e
out=$(cd "$(dirname "$0")" && pwd)/corpus-gitindex
[ -n "${1:-}" ] && out=$1
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GIT_CONFIG_NOSYSTEM=1 HOME="$tmp" GIT_AUTHOR_DATE=2026-11-22T10:00:00Z \
	GIT_COMMITTER_DATE=2026-11-22T10:00:00Z
git config --global user.name "Bob Diaz"
git config --global user.email bob@firm.example
git config --global init.defaultBranch main

# flip BYTE FILE: the file with one bit of byte BYTE (from the end if < 0) flipped
flip() {
	python3 -c '
import sys
d = bytearray(open(sys.argv[2], "rb").read())
d[int(sys.argv[1])] ^= 1
sys.stdout.buffer.write(d)' "$@"
}

# zero FILE: the file with an all-zero trailer (git 2.40, index.skipHash)
zero() {
	python3 -c '
import sys
d = bytearray(open(sys.argv[1], "rb").read())
d[-20:] = bytes(20)
sys.stdout.buffer.write(d)' "$@"
}

# unknown FILE: an optional extension git does not know ("ZZZZ") put
# before the checksum, the checksum made right
unknown() {
	python3 -c '
import hashlib, struct, sys
d = open(sys.argv[1], "rb").read()[:-20] + b"ZZZZ" + struct.pack(">I", 5) + b"hello"
sys.stdout.buffer.write(d + hashlib.sha1(d).digest())' "$@"
}

cd "$tmp"
git init -q r
cd r
mkdir -p cases/2026/a1/notes cases/2026/b2
printf '[case]\nid = a1\n' >cases/2026/a1/case.ini
echo note >cases/2026/a1/notes/2026-11-01-call.md
printf '[case]\nid = b2\n' >cases/2026/b2/case.ini
printf '[firm]\nname = X\n' >docket.ini
git add .
cp .git/index "$out/v2-no-tree"
git commit -qm one
git write-tree >/dev/null
cp .git/index "$out/v2-tree"
flip 40 .git/index >"$out/v2-tree-bad-checksum"
flip -1 .git/index >"$out/v2-tree-bad-trailer"
zero .git/index >"$out/v2-tree-zero-trailer"
unknown .git/index >"$out/v2-tree-unknown-ext"

# executable, symlink, intent-to-add (extended flags: version 3), skip-worktree
echo run >run.sh
chmod +x run.sh
ln -s docket.ini link
git add run.sh link
echo later >later.txt
git add -N later.txt
git update-index --skip-worktree cases/2026/b2/case.ini
cp .git/index "$out/v3-extended"
git update-index --no-skip-worktree cases/2026/b2/case.ini
git rm -q --cached later.txt
rm later.txt
git commit -qm two

# a conflict: stages 1-3, then resolved by git add (REUC)
git checkout -q -b side
printf '[case]\nid = a1\nstage = side\n' >cases/2026/a1/case.ini
git commit -qam side
git checkout -q main
printf '[case]\nid = a1\nstage = main\n' >cases/2026/a1/case.ini
git commit -qam main
git merge -q side >/dev/null 2>&1 || :
cp .git/index "$out/v2-conflict-stages"
git add cases/2026/a1/case.ini
git write-tree >/dev/null
cp .git/index "$out/v2-reuc-tree"
git commit -qm merged

# extensions docket drops: untracked cache, end of index entries + offsets
git update-index --untracked-cache
git status >/dev/null
cp .git/index "$out/v2-untr"
git update-index --no-untracked-cache
git -c index.recordEndOfIndexEntries=true -c index.recordOffsetTable=true \
	-c index.threads=2 update-index --force-write-index
cp .git/index "$out/v2-eoie-ieot"

# racily clean entries, as the fuzz target's work tree has them (its last
# byte odd: a file "docket.ini" of "x\n", mtime 1000000000): one the same,
# one whose content differs (smudged)
odd() {
	python3 -c '
import sys
d = bytearray(open(sys.argv[1], "rb").read())
d[-1] |= 1
sys.stdout.buffer.write(d)' "$@"
}
git init -q ../racy
echo x >../racy/docket.ini
echo y >../racy/a
touch -d @1000000000 ../racy/docket.ini ../racy/a
git -C ../racy add docket.ini a
odd ../racy/.git/index >"$out/racy-clean-and-changed"

# the kinds docket leaves to libgit2 or refuses: version 4, split, sparse
git update-index --index-version 4
cp .git/index "$out/v4"
flip 30 .git/index >"$out/v4-bad-checksum"
git update-index --index-version 2
git update-index --split-index
cp .git/index "$out/split-link"
git update-index --no-split-index
git sparse-checkout set --cone --sparse-index cases/2026/b2 2>/dev/null
cp .git/index "$out/sparse-sdir"
git sparse-checkout disable
ls "$out"
