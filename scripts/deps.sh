#!/bin/sh
# deps.sh build|demo|check|bench... - install what docket needs to build
# (build), to make the sample firm (demo: git too, for the staff commit), to
# run its tests (check), or its benchmark (bench: taskwarrior too), from
# Debian's packages: with apt-get when root, else print the line to run and
# fail.  The Makefile runs it before it asks pkg-config
# for any flag.  deps.sh --line KIND: only print that line.
set -e
need_build="gcc make pkg-config libgit2-dev libinih-dev libcmark-dev libssl-dev"
# the tests: the man page linter, the three shells the completions are for,
# a pseudo-terminal (script), strace for the crash tests, node with npm for
# an iCalendar parser, clang for the ASan+UBSan build and the fuzz targets,
# and llvm-14 for llvm-symbolizer-14, the path Debian's clang-14 sanitizers
# symbolize their stack traces with (without it they warn on every report)
need_check="$need_build git python3 mandoc bash-completion zsh fish bsdutils strace clang libclang-rt-14-dev llvm-14 nodejs"
line=
if [ "${1:-}" = --line ]; then
	line=1
	shift
fi
# npm comes with some builds of nodejs (NodeSource's), else on its own
if echo " $* " | grep -q " check " && ! command -v npm >/dev/null 2>&1; then
	need_check="$need_check npm"
fi
# chromium, for the HTML report in a real browser (tests/t0601)
need_check="$need_check chromium"
# the benchmark: taskwarrior is its baseline (task next on 10,000 tasks)
need_bench="$need_build git python3 taskwarrior"
want=
for kind in "${@:-build}"; do
	case $kind in
	build) want="$want $need_build" ;;
	demo) want="$want $need_build git" ;;
	check) want="$want $need_check" ;;
	bench) want="$want $need_bench" ;;
	*) echo "usage: deps.sh [--line] build|demo|check|bench..." >&2; exit 2 ;;
	esac
done
want=$(echo $want | tr " " "\n" | awk '!seen[$0]++' | tr "\n" " ")
want=${want% }
if [ -n "$line" ]; then
	echo "sudo apt-get install -y $want"
	exit 0
fi
if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "note: not a Debian system; docket needs (Debian's names): $want" >&2
	exit 0
fi
missing=
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "installing:$missing"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >/dev/null ||
	{ apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >/dev/null; }
else
	echo "docket needs:$missing" >&2
	echo "run: sudo apt-get install -y$missing" >&2
	exit 1
fi
