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
# fails the test.  The shell ignores set -e for a negated command (`! cmd`),
# for all but the last command of an `a && b` list, and inside a loop, an
# if or a { } group whose status is tested by && or ||, so assert a
# negation with `test_not cmd`, and write one command a line.
# tests/chainlint.py finds what breaks that rule (and `|| true`) in every
# test body and function of the script: each finding fails the script.
#
# Helpers some scripts share live in a library of their own, sourced after
# this one (". "$TEST_DIR/lib-NAME.sh"): lib-sync.sh, for team work.

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

# a command of a test whose failure would go unseen fails the script
if ! python3 "$TEST_DIR/chainlint.py" "$TEST_DIR/$TEST_NAME.sh" >"$TRASH/.lint" 2>&1; then
	test_count=1
	test_failed=1
	echo "not ok 1 - $TEST_NAME: chainlint: a failure in a test would go unseen"
	sed 's/^/#   /' "$TRASH/.lint"
fi

test_expect_success() {
	test_count=$((test_count + 1))
	# not inside an `if`: the shell ignores set -e in a condition
	(set -e; if [ -n "${TEST_TRACE:-}" ]; then set -x; fi; eval "$2") >"$TRASH/.out" 2>&1
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
	if "$@"; then
		got=0
	else
		got=$?
	fi
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
	git status --porcelain >"$TRASH/.status.before" || return 1
	git ls-files -s >"$TRASH/.index.before" || return 1
	if "$@" 2>"$TRASH/err"; then
		got=0
	else
		got=$?
	fi
	if [ "$got" != "$want" ]; then
		echo "test_refused: '$*' exited $got, expected $want" >&2
		cat "$TRASH/err" >&2
		return 1
	fi
	[ "$(git rev-parse HEAD)" = "$before" ] || { echo "test_refused: HEAD moved" >&2; return 1; }
	git status --porcelain >"$TRASH/.status.after" || return 1
	git ls-files -s >"$TRASH/.index.after" || return 1
	test_cmp "$TRASH/.status.before" "$TRASH/.status.after" &&
	test_cmp "$TRASH/.index.before" "$TRASH/.index.after"
}

# The repository is whole and nothing is left uncommitted.
test_repo_clean() {
	git -C "${1:-.}" fsck --strict --no-dangling >/dev/null 2>"$TRASH/.fsck" || {
		cat "$TRASH/.fsck" >&2
		return 1
	}
	# (a name of its own: a test's $st is often an exit status it keeps)
	_status=$(git -C "${1:-.}" status --porcelain) || return 1
	if [ -n "$_status" ]; then
		echo "git status is not clean:" >&2
		echo "$_status" >&2
		return 1
	fi
}

# make_firm [DIR]: a firm (default: firm) whose staff are bob (manager, the
# test's git identity), alice (attorney) and carol (manager).
make_firm() {
	dir=${1:-firm}
	docket init "$dir" --name "Example Injury Law" >/dev/null || return 1
	sed -i 's/^role = attorney$/role = manager/' "$dir/docket.ini" || return 1
	cat >>"$dir/docket.ini" <<'INI' || return 1

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

# html_inert FILE: docket's HTML report cannot run or fetch anything.  Its
# head holds docket's Content-Security-Policy, exactly, before anything
# else is read; and read with python3's html.parser (an HTML reader
# independent of docket), it holds only the elements and attributes docket
# writes: no <script> or <img>, no on* handler, no javascript: (or any
# other) URL but http(s), mailto and the page's own #anchors, no url() in
# its CSS.
html_inert() {
	python3 - "$1" <<-\PY
	import sys
	from html.parser import HTMLParser
	CSP = ("default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; "
	       "img-src data:; font-src 'none'; connect-src 'none'; "
	       "base-uri 'none'; form-action 'none'")
	TAGS = set("""html head meta title style body header main section h1 h2 h3
	    h4 h5 h6 p span time a ul ol li div code pre mark figure figcaption
	    table tbody tr th td article em strong blockquote hr br del
	    svg g rect line text""".split())
	ATTRS = set("""charset http-equiv content name lang class id href role
	    aria-label viewbox xmlns width height x y x1 y1 x2 y2 fill stroke
	    stroke-width stroke-dasharray text-anchor dominant-baseline transform
	    start""".split())
	class Page(HTMLParser):
	    def __init__(self):
	        super().__init__(convert_charrefs=True)
	        self.bad, self.order, self.open = [], [], []
	    def no(self, what):
	        self.bad.append("line %d: %s" % (self.getpos()[0], what))
	    def handle_starttag(self, tag, attrs):
	        self.order.append((tag, dict(attrs)))
	        self.open.append(tag)
	        if tag not in TAGS:
	            self.no("<%s>" % tag)
	        for k, v in attrs:
	            v = v or ""
	            flat = "".join(c for c in v if c > " ").lower()
	            if k.startswith("on") or k not in ATTRS:
	                self.no("<%s %s=%r>" % (tag, k, v))
	            if k == "href" and ":" in flat.split("#")[0] and \
	                    not flat.startswith(("http:", "https:", "mailto:")):
	                self.no("<%s %s=%r>: a URL scheme" % (tag, k, v))
	            if k == "xmlns" and v != "http://www.w3.org/2000/svg":
	                self.no("<%s xmlns=%r>" % (tag, v))
	        if tag == "meta" and "http-equiv" in dict(attrs):
	            a = dict(attrs)
	            if a["http-equiv"].lower() != "content-security-policy" or a.get("content") != CSP:
	                self.no("<meta http-equiv=%r content=%r>" % (a["http-equiv"], a.get("content")))
	    def handle_startendtag(self, tag, attrs):
	        self.handle_starttag(tag, attrs)
	        self.open.pop()
	    def handle_endtag(self, tag):
	        if tag in self.open:
	            while self.open.pop() != tag:
	                pass
	    def handle_data(self, data):
	        if self.open and self.open[-1] == "style":
	            low = data.lower()
	            for w in ("url(", "@import", "expression(", "behavior", "binding"):
	                if w in low:
	                    self.no("%s in <style>" % w)
	    def handle_pi(self, data):
	        self.no("<?%s>" % data)
	    def unknown_decl(self, data):
	        self.no("<![%s>" % data)
	p = Page()
	p.feed(open(sys.argv[1], encoding="utf-8").read())
	p.close()
	csp = [i for i, (t, a) in enumerate(p.order)
	       if t == "meta" and a.get("http-equiv", "").lower() == "content-security-policy"
	       and a.get("content") == CSP]
	head = [t for t, a in p.order[:3]]
	if len(csp) != 1 or head != ["html", "head", "meta"] or csp[0] > 3:
	    p.no("not one Content-Security-Policy <meta>, first in <head>: %r" % p.order[:4])
	for b in p.bad:
	    print("html_inert: %s: %s" % (sys.argv[1], b), file=sys.stderr)
	sys.exit(1 if p.bad else 0)
	PY
}

# headless_chromium ARGS... URL: Debian's chromium (a check dependency,
# scripts/deps.sh: missing, the test fails) run headless with a fresh
# profile, no sandbox (the tests may run as root), nothing fetched in the
# background; its stderr in $TRASH/chromium.err.
headless_chromium() {
	if ! command -v chromium >/dev/null; then
		echo "headless_chromium: chromium is not installed (sh scripts/deps.sh check)" >&2
		return 1
	fi
	profile=$(mktemp -d "$TRASH/chromium.XXXXXX") || return 1
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
		--disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$profile" "$@" 2>"$TRASH/chromium.err"
}

test_done() {
	echo "# $TEST_NAME: $test_count tests, $test_failed failed"
	[ "$test_failed" = 0 ]
}
