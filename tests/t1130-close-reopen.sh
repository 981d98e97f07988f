#!/bin/sh
# docket close and docket reopen
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
DOCKET_NOW=2026-11-01 docket add --id a1 --client "Ann One" >/dev/null
DOCKET_NOW=2026-11-05 docket advance-stage a1 >/dev/null
DOCKET_NOW=2026-11-06 docket advance-stage a1 records >/dev/null

test_expect_success 'close: the last stage, a stage note with the reason, one commit' '
	DOCKET_NOW=2026-11-20T10:00:00Z docket close a1 -m "Client left the firm" >../out
	echo "a1: records -> closed" >../expect
	test_cmp ../expect ../out
	test "$(git log -1 --format=%s)" = "close(a1): records -> closed"
	test "$(ini_get cases/2026/a1/case.ini case.status)" = closed
	test "$(ini_get cases/2026/a1/case.ini case.closed)" = 2026-11-20
	test "$(ini_get cases/2026/a1/case.ini stages.closed)" = 2026-11-20
	printf "Stage: records -> closed\n\nClient left the firm\n" >../expect
	test_cmp ../expect cases/2026/a1/notes/20261120T100000Z-stage-bob.md
	test "$(git show --name-only --format= HEAD | wc -l)" = 2
	test_repo_clean
'

test_expect_success 'close a closed case, or with no reason: refused' '
	test_refused docket close a1 -m "again"
	echo "docket: a1 is in stage closed already" >../expect
	test_cmp ../expect ../err
	test_refused --code=2 docket close a1
	head -n 1 ../err >../got
	echo "docket close: why? (-m REASON)" >../expect
	test_cmp ../expect ../got
'

test_expect_success 'reopen: back to the stage it was closed from, closed emptied' '
	DOCKET_NOW=2026-11-21T10:00:00Z docket reopen a1 -m "Client came back" >../out
	echo "a1: closed -> records" >../expect
	test_cmp ../expect ../out
	test "$(git log -1 --format=%s)" = "reopen(a1): closed -> records"
	test "$(ini_get cases/2026/a1/case.ini case.status)" = open
	test "$(ini_get cases/2026/a1/case.ini case.stage)" = records
	test "$(ini_get cases/2026/a1/case.ini case.closed)" = ""
	printf "Stage: closed -> records (moved back)\n\nClient came back\n" >../expect
	test_cmp ../expect cases/2026/a1/notes/20261121T100000Z-stage-bob.md
	test_repo_clean
'

test_expect_success 'reopen an open case: refused' '
	test_refused docket reopen a1 -m "again"
	echo "docket: a1 is open (in stage records): nothing to reopen" >../expect
	test_cmp ../expect ../err
'

test_expect_success 'close and reopen the same day: the stage it was in' '
	DOCKET_NOW=2026-11-22T09:00:00Z docket advance-stage a1 demand >/dev/null
	DOCKET_NOW=2026-11-22T10:00:00Z docket close a1 -m "Settled" >/dev/null
	DOCKET_NOW=2026-11-22T11:00:00Z docket reopen a1 -m "Not quite" >../out
	echo "a1: closed -> demand" >../expect
	test_cmp ../expect ../out
'

test_done
