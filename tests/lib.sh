# lib.sh - the end-to-end test harness, sourced by every tNNNN-*.sh.
#
#   test_expect_success 'what it shows' 'shell commands'
#   test_must_fail [--code=N] command...    # fails with N (default: 1)
#   test_cmp expected actual                # files equal, else a diff
#   test_done
#
# Each script runs in its own scratch directory with its own HOME (a git
# identity in ~/.gitconfig), TZ=UTC, LC_ALL=C.UTF-8 and DOCKET_NOW fixed.
# A test's commands run in a subshell under `set -e`: any failing command
# fails the test.  The shell ignores set -e for a negated command (`! cmd`)
# and for all but the last command of an `a && b` list, so assert a negation
# with `test_not cmd`, and write one command a line.

: "${DOCKET_BUILD:?run the tests through tests/run.sh or make check}"
TEST_NAME=$(basename "$0" .sh)
TEST_DIR=$(cd "$(dirname "$0")" && pwd)
SRC_DIR=$(cd "$TEST_DIR/.." && pwd)
TRASH="${DOCKET_TRASH:-${TMPDIR:-/tmp}}/docket-test.$TEST_NAME.$$"
rm -rf "$TRASH"
mkdir -p "$TRASH/home"
trap 'rm -rf "$TRASH"' EXIT

export HOME="$TRASH/home"
export TZ=UTC LC_ALL=C.UTF-8 DOCKET_NOW=2026-11-22
export GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0
export PATH="$DOCKET_BUILD:$PATH"
# leaks of the libraries, not docket's (see the file)
export LSAN_OPTIONS="suppressions=$TEST_DIR/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
# a sanitizer's report exits 86, which no test expects (ASan's own default
# is 1, the same as a command that failed: a leak on an error path hid)
export ASAN_OPTIONS="exitcode=86${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
# A sanitizer symbolizes stacks (its reports, and each leak it checks against
# lsan.supp) with llvm-symbolizer; Debian's clang-14 runs
# /usr/bin/llvm-symbolizer-14 (package llvm-14, a check dependency), and
# where that is missing it writes "WARNING: invalid path to external
# symbolizer!" into the stderr the tests compare.  So: name the symbolizer
# there is, or, with none, report frames as module+offset (symbolize=0; a
# report still exits 86 and lsan.supp still matches by module).
: "${ASAN_SYMBOLIZER_PATH:=$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer)}"
if [ -x "$ASAN_SYMBOLIZER_PATH" ]; then
	export ASAN_SYMBOLIZER_PATH
else
	unset ASAN_SYMBOLIZER_PATH
	ASAN_OPTIONS="$ASAN_OPTIONS:symbolize=0"
fi
unset DOCKET_USER EDITOR VISUAL NO_COLOR GIT_DIR GIT_WORK_TREE \
	GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
git config --global user.name "Bob Diaz"
git config --global user.email bob@firm.example
git config --global init.defaultBranch main
git config --global protocol.file.allow always
cd "$TRASH" || exit 1

test_count=0
test_failed=0

test_expect_success() {
	test_count=$((test_count + 1))
	# not inside an `if`: the shell ignores set -e in a condition
	(set -e; [ -n "${TEST_TRACE:-}" ] && set -x; eval "$2") >"$TRASH/.out" 2>&1
	if [ $? = 0 ]; then
		echo "ok $test_count - $TEST_NAME: $1"
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $TEST_NAME: $1"
		sed 's/^/#   /' "$TRASH/.out" | tail -n 40
	fi
}

# test_must_fail [--code=N] cmd...: cmd must exit with N (default 1).
test_must_fail() {
	want=1
	case "$1" in --code=*) want=${1#--code=}; shift ;; esac
	set +e
	"$@"
	got=$?
	set -e
	if [ "$got" != "$want" ]; then
		echo "test_must_fail: '$*' exited $got, expected $want" >&2
		return 1
	fi
	return 0
}

# ini_get FILE SECTION.KEY | KIND.NAME.KEY: the value as Python's
# configparser reads it (an INI reader independent of docket's).
ini_get() {
	python3 - "$@" <<-\PY
	import configparser, sys
	c = configparser.RawConfigParser(strict=True, interpolation=None)
	with open(sys.argv[1], encoding="utf-8") as f:
	    c.read_file(f)
	parts = sys.argv[2].split(".")
	sec = parts[0] if len(parts) == 2 else '%s "%s"' % (parts[0], ".".join(parts[1:-1]))
	if not c.has_option(sec, parts[-1]):
	    sys.exit("ini_get: no %s in %s" % (sys.argv[2], sys.argv[1]))
	print(c.get(sec, parts[-1]))
	PY
}

# test_not cmd...: cmd must fail (any non-zero status).
test_not() {
	if "$@"; then
		echo "test_not: '$*' succeeded" >&2
		return 1
	fi
	return 0
}

test_cmp() {
	if ! cmp -s "$1" "$2"; then
		echo "test_cmp: $1 and $2 differ:" >&2
		diff -u "$1" "$2" >&2
		return 1
	fi
}

# test_refused [--code=N] cmd...: cmd fails with N (default 1) and changes
# nothing: HEAD, the index and the work tree are as they were.  Its stderr
# is left in $TRASH/err.
test_refused() {
	want=1
	case "$1" in --code=*) want=${1#--code=}; shift ;; esac
	before=$(git rev-parse HEAD) || return 1
	git status --porcelain >"$TRASH/.status.before"
	git ls-files -s >"$TRASH/.index.before"
	set +e
	"$@" 2>"$TRASH/err"
	got=$?
	set -e
	if [ "$got" != "$want" ]; then
		echo "test_refused: '$*' exited $got, expected $want" >&2
		cat "$TRASH/err" >&2
		return 1
	fi
	[ "$(git rev-parse HEAD)" = "$before" ] || { echo "test_refused: HEAD moved" >&2; return 1; }
	git status --porcelain >"$TRASH/.status.after"
	git ls-files -s >"$TRASH/.index.after"
	test_cmp "$TRASH/.status.before" "$TRASH/.status.after" &&
	test_cmp "$TRASH/.index.before" "$TRASH/.index.after"
}

# The repository is whole and nothing is left uncommitted.
test_repo_clean() {
	git -C "${1:-.}" fsck --strict --no-dangling >/dev/null 2>"$TRASH/.fsck" || {
		cat "$TRASH/.fsck" >&2
		return 1
	}
	st=$(git -C "${1:-.}" status --porcelain)
	if [ -n "$st" ]; then
		echo "git status is not clean:" >&2
		echo "$st" >&2
		return 1
	fi
}

# make_firm [DIR]: a firm (default: firm) whose staff are bob (manager, the
# test's git identity), alice (attorney) and carol (manager).
make_firm() {
	dir=${1:-firm}
	docket init "$dir" --name "Example Injury Law" >/dev/null
	sed -i 's/^role = attorney$/role = manager/' "$dir/docket.ini"
	cat >>"$dir/docket.ini" <<'INI'

[staff "alice"]
name = Alice Chen
email = alice@firm.example
role = attorney

[staff "carol"]
name = Carol Park
email = carol@firm.example
role = manager
INI
	git -C "$dir" commit -qam "staff: alice, carol"
}

test_done() {
	echo "# $TEST_NAME: $test_count tests, $test_failed failed"
	[ "$test_failed" = 0 ]
}
