#!/bin/sh
# Business days: +Nbd wherever a date is taken, on_enter_due = Nbd, the US
# federal holidays on their observed days and the firm's own dates; a
# computed SOL on a day off is flagged, never moved.
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
printf "%s\n" out err actual "expect*" >>.git/info/exclude
# Monday before Thanksgiving 2026
DOCKET_NOW=2026-11-23
docket add --id smith-7k2p --client "John Smith" --incident 2026-10-03 \
	--attorney alice --manager bob >/dev/null

test_expect_success 'due +5bd: weekends and Thanksgiving skipped' '
	docket due smith-7k2p +5bd "Send records request" --name records >out
	test "$(cat out)" = "smith-7k2p: deadline records on 2026-12-01"
	docket due smith-7k2p +1bd "Call the adjuster" --name call >out
	test "$(cat out)" = "smith-7k2p: deadline call on 2026-11-24"
	DOCKET_NOW=2026-11-25 docket due smith-7k2p +1bd "Wednesday: next is Friday" --name fri >out
	test "$(cat out)" = "smith-7k2p: deadline fri on 2026-11-27"
	DOCKET_NOW=2026-11-22 docket due smith-7k2p +0bd "Sunday, +0bd: today" --name sun >out
	test "$(cat out)" = "smith-7k2p: deadline sun on 2026-11-22"
	DOCKET_NOW=2027-07-02 docket due smith-7k2p +1bd "Over the 4th, observed the 5th" --name july >out
	test "$(cat out)" = "smith-7k2p: deadline july on 2027-07-06"
	DOCKET_NOW=2027-12-30 docket due smith-7k2p +1bd "New Year 2028, observed 2027-12-31" --name ny >out
	test "$(cat out)" = "smith-7k2p: deadline ny on 2028-01-03"
	docket due smith-7k2p --name back -- -2bd "Back over a weekend" >out
	test "$(cat out)" = "smith-7k2p: deadline back on 2026-11-19"
'

test_expect_success 'due --within 1bd: up to the next business day' '
	DOCKET_NOW=2026-11-25 docket due --within 1bd --json >out
	python3 -c "import json; print(\" \".join(d[\"name\"] for d in json.load(open(\"out\"))))" >actual
	echo "back sun call fri" >expect
	test_cmp expect actual
	test_must_fail --code=2 docket due --within xbd 2>err
	grep -q "^docket due: --within: '"'"'xbd'"'"' is not a number of days (14, 14d, 2w or 10bd)\$" err
'

test_expect_success 'set a date key to +Nbd: stored as the day it means' '
	docket set smith-7k2p due.call.date=+3bd >out
	test "$(cat out)" = "smith-7k2p: set due.call.date"
	test "$(ini_get cases/2026/smith-7k2p/case.ini due.call.date)" = 2026-11-27
	docket set smith-7k2p due.call.done=today >/dev/null
	test "$(ini_get cases/2026/smith-7k2p/case.ini due.call.done)" = 2026-11-23
	# not a date key: kept as typed
	docket set smith-7k2p client.note=+3bd >/dev/null
	test "$(ini_get cases/2026/smith-7k2p/case.ini client.note)" = +3bd
	test_refused docket set smith-7k2p due.call.date=+3xd
	grep -q "date: '"'"'+3xd'"'"' is not a date (YYYY-MM-DD)" "$TRASH/err"
'

test_expect_success 'add --incident -2bd' '
	docket add --id bd-1 --client "B" --incident -2bd >/dev/null
	test "$(ini_get cases/2026/bd-1/case.ini case.incident)" = 2026-11-19
'

test_expect_success 'a bad date names +5bd among the forms' '
	test_refused docket due smith-7k2p someday "Text"
	echo "docket: '"'"'someday'"'"' is not a date (use YYYY-MM-DD, today, tomorrow, yesterday, friday, next friday, +3d, +2w, +1m or +5bd)" >expect
	test_cmp expect "$TRASH/err"
	test_refused docket due smith-7k2p +5db "Text"
	sed "s/someday/+5db/" expect >expect.db
	test_cmp expect.db "$TRASH/err"
'

test_expect_success 'on_enter_due = 2bd: business days from the day the stage is entered' '
	sed -i "s/^on_enter_due = 3d Send demand package to carrier\$/on_enter_due = 2bd Send demand package to carrier/" docket.ini
	git commit -qam "demand: 2 business days"
	DOCKET_NOW=2026-11-25 docket advance-stage smith-7k2p demand >/dev/null
	test "$(ini_get cases/2026/smith-7k2p/case.ini due.demand.date)" = 2026-11-30
	test "$(ini_get cases/2026/smith-7k2p/case.ini due.demand.what)" = "Send demand package to carrier"
'

test_expect_success 'the firm'"'"'s own dates' '
	sed -i "s/^dates =\$/dates = 2026-12-24, 2026-12-31/" docket.ini
	git commit -qam "holidays: the office is closed"
	DOCKET_NOW=2026-12-23 docket due smith-7k2p +1bd "After the break" --name xmas >out
	test "$(cat out)" = "smith-7k2p: deadline xmas on 2026-12-28"
	DOCKET_NOW=2026-12-28 docket due smith-7k2p +3bd "Over New Year" --name newyear >out
	test "$(cat out)" = "smith-7k2p: deadline newyear on 2027-01-04"
'

test_expect_success 'without [holidays]: only weekends are skipped' '
	python3 - <<-\EOF
	import re
	t = open("docket.ini").read()
	t = re.sub(r"\n# Days that are not business days.*?\n\n", "\n\n", t, flags=re.S)
	open("docket.ini", "w").write(t)
	EOF
	test_not grep -q "holidays" docket.ini
	git commit -qam "no holidays"
	docket due smith-7k2p +5bd "Weekends only" --name weekends >out
	test "$(cat out)" = "smith-7k2p: deadline weekends on 2026-11-30"
	docket check >/dev/null
'

test_expect_success 'refused: [holidays] docket cannot read, with docket.ini:LINE' '
	printf "\n[holidays]\nfederal = maybe\n" >>docket.ini
	git commit -qam "holidays: maybe"
	line=$(grep -n "^federal = maybe\$" docket.ini | cut -d: -f1)
	test_refused docket due smith-7k2p +1bd "Text"
	echo "docket: docket.ini:$line: federal: '"'"'maybe'"'"' is not yes or no" >expect
	test_cmp expect "$TRASH/err"
	sed -i "s/^federal = maybe\$/federal = yes\\ndates = 2026-12-24, 2026-13-01/" docket.ini
	git commit -qam "holidays: a bad date"
	line=$(grep -n "^dates = 2026-12-24, 2026-13-01\$" docket.ini | cut -d: -f1)
	test_must_fail docket check 2>err
	echo "docket: docket.ini:$line: dates: '"'"'2026-13-01'"'"' is not a date (YYYY-MM-DD)" >expect
	test_cmp expect err
	sed -i "s/^dates = 2026-12-24, 2026-13-01\$/dates = 2026-12-24/" docket.ini
	sed -i "s/^on_enter_due = 2bd Send/on_enter_due = 2xd Send/" docket.ini
	git commit -qam "demand: a bad offset"
	line=$(grep -n "^on_enter_due = 2xd" docket.ini | cut -d: -f1)
	test_must_fail docket check 2>err
	echo "docket: docket.ini:$line: on_enter_due: '"'"'2xd Send demand package to carrier'"'"' is not '"'"'<3d|2w|1m|2bd> <what>'"'"'" >expect
	test_cmp expect err
	sed -i "s/^on_enter_due = 2xd Send/on_enter_due = 2bd Send/" docket.ini
	git commit -qam "demand: 2bd again"
	docket check >/dev/null
'

test_expect_success 'a computed SOL on a day off: flagged, never moved' '
	docket add --id sat-1 --client "S" --incident 2026-09-30 --state CA --attorney alice >/dev/null
	test "$(ini_get cases/2026/sat-1/case.ini due.sol.date)" = 2028-09-30
	docket add --id jul-1 --client "J" --incident 2026-07-04 --state CA --attorney alice >/dev/null
	test "$(ini_get cases/2026/jul-1/case.ini due.sol.date)" = 2028-07-04
	docket due --sol --who alice >out
	cat >expect <<-\EOF
	2028-07-04  in 589 days     jul-1            sol                  alice    Statute of limitations (a holiday: Independence Day)
	            CA: 2y from incident 2026-07-04 (Cal. Code Civ. Proc. § 335.1)
	2028-09-30  in 677 days     sat-1            sol                  alice    Statute of limitations (a Saturday)
	            CA: 2y from incident 2026-09-30 (Cal. Code Civ. Proc. § 335.1)
	2028-10-03  in 680 days     smith-7k2p       sol                  alice    Statute of limitations
	            firm default: 2y from incident 2026-10-03; the case has no state
	EOF
	test_cmp expect out
	docket set sat-1 case.incident=2026-10-01 >out 2>err
	test "$(cat err)" = "sat-1: sol 2028-09-30 -> 2028-10-01 (a Sunday)"
	test "$(ini_get cases/2026/sat-1/case.ini due.sol.date)" = 2028-10-01
'

test_done
