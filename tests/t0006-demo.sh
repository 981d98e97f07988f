#!/bin/sh
# make demo: the sample firm the README's first command makes and shows
. "$(dirname "$0")/lib.sh"

test_expect_success 'the demo makes its firm with docket alone, without a word on stderr' '
	DEMO_DOCKET="$DOCKET_BUILD/docket" DEMO_DIR="$TRASH/demo" \
		sh "$SRC_DIR/scripts/demo.sh" >out 2>err
	test_cmp /dev/null err
	test "$(ls demo/demo-firm/cases/2026 | wc -l)" = 12
	test_repo_clean demo/demo-firm
	docket -C demo/demo-firm check >check.out
	test -s demo/demo-report.html
	# every commit on the demo'"'"'s own dates, none on the day it runs
	git -C demo/demo-firm log --format=%cs --grep="^staff: alice, carol" >date
	test "$(cat date)" = 2026-01-05
	test "$(git -C demo/demo-firm log --format=%cs | sort | tail -n 1)" = 2026-11-21
'

test_expect_success 'it shows the work queue, the agenda and the report, each with its lines' '
	for cmd in "next --all --limit 15" "agenda alice bob" "report" "list --status all" \
		"records" "show chen-2603" "log novak-2606"; do
		grep -qx "\$ docket $cmd" out
	done
	grep -qx "novak-2606   demand      records complete 2026-11-18, demand due 2026-11-21 (1 day late)   bob" out
	grep -qx "A sample firm of 12 invented cases is in $TRASH/demo/demo-firm (as of 2026-11-22)." out
'

test_done
