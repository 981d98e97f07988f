#!/bin/sh
# docket due: the three forms, filters, JSON
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
docket add --id a1 --client "Ann One" --incident 2024-11-25 --attorney alice >/dev/null
docket add --id b2 --client "Ben Two" --attorney alice --manager carol >/dev/null
docket add --id c3 --client "Cy Three" >/dev/null

test_expect_success 'due ID DATE TEXT adds a deadline (a past date is allowed)' '
	docket due b2 2026-11-20 "Request ER records" --name er >../out
	test "$(cat ../out)" = "b2: deadline er on 2026-11-20"
	docket due b2 +3d "Call the adjuster" --who bob >../out
	test "$(cat ../out)" = "b2: deadline call-adjuster on 2026-11-25"
	docket due c3 today "Send retainer" >/dev/null
	docket due c3 +2w "Follow up; then email" >/dev/null
	test "$(ini_get cases/2026/b2/case.ini due.er.who)" = carol
	test "$(ini_get cases/2026/c3/case.ini due.follow-then-email.what)" = "Follow up; then email"
	test "$(git log -1 --format=%s)" = "due(c3): add follow-then-email 2026-12-06"
	test_repo_clean
'

test_expect_success 'due lists open deadlines, overdue first, then by date' '
	docket due >../out
	cat >../expect <<-\EOF
	2026-11-20  2 days late     b2               er                   carol    Request ER records
	2026-11-22  today           c3               send-retainer        bob      Send retainer
	2026-11-25  in 3 days       a1               sol                  alice    Statute of limitations
	2026-11-25  in 3 days       b2               call-adjuster        bob      Call the adjuster
	2026-12-06  in 14 days      c3               follow-then-email    bob      Follow up; then email
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'due --json, --overdue, --within, --who' '
	docket due --json >../json
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(len(d)); print(d[0])" ../json >../got
	printf "%s\n" 5 "{'"'case'"': '"'b2'"', '"'name'"': '"'er'"', '"'date'"': '"'2026-11-20'"', '"'what'"': '"'Request ER records'"', '"'who'"': '"'carol'"', '"'days'"': -2}" >../expect
	test_cmp ../expect ../got
	test "$(docket due --overdue | cut -c1-10)" = 2026-11-20
	test "$(docket due --within 3 | wc -l)" = 4
	test "$(docket due --within 2d | wc -l)" = 2
	test "$(docket due --within 1w | wc -l)" = 4
	test "$(docket due --who alice | wc -l)" = 1
	test "$(docket due --who carol --json | python3 -c "import json,sys; print([r[\"name\"] for r in json.load(sys.stdin)])")" = "['"'er'"']"
'

test_expect_success 'due ID --done NAME marks it done; it leaves the list' '
	DOCKET_NOW=2026-11-23 docket due b2 --done er >../out
	test "$(cat ../out)" = "b2: deadline er done"
	test "$(ini_get cases/2026/b2/case.ini due.er.done)" = 2026-11-23
	test "$(git log -1 --format=%s)" = "due(b2): done er"
	docket due >../list
	test_not grep -q " er " ../list
	test_refused docket due b2 --done er
	test "$(cat ../err)" = "docket: deadline '"'er'"' of b2 was done on 2026-11-23 already"
	test_refused docket due b2 --done nope
	test "$(cat ../err)" = "docket: b2 has no deadline '"'nope'"' (it has: er, call-adjuster)"
'

test_expect_success 'closed cases have no open deadlines in the list' '
	docket advance-stage a1 closed >/dev/null
	docket due >../list
	test_not grep -q " a1 " ../list
'

test_expect_success 'refused: bad dates, names, text, and mixed forms' '
	test_refused docket due b2 2026-02-30 "x"
	test "$(cat ../err)" = "docket: '"'2026-02-30'"' is not a real date"
	test_refused docket due b2 soon "x"
	grep -q "is not a date (use YYYY-MM-DD, today, tomorrow" ../err
	test_refused docket due b2 +1d "x" --name er
	test "$(cat ../err)" = "docket: b2 has a deadline '"'er'"' already (pick another --name)"
	test_refused docket due b2 +1d "x" --name "Bad Name"
	test_refused docket due b2 +1d ""
	test_refused docket due b2 +1d "two
lines"
	test "$(cat ../err)" = "docket: TEXT: a value is one line (put longer text in a note)"
	test_refused --code=2 docket due b2 +1d
	test_refused --code=2 docket due --within soon
	test_refused --code=2 docket due b2 --json
	test_refused --code=2 docket due --done er
'

test_done
