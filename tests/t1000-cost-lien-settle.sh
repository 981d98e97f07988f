#!/bin/sh
# docket cost, lien, settle: the money of a settlement recorded, each in
# one commit of exactly the case's case.ini with the files as docket.5
# gives them; settling a policy again; the lists; [fees] in docket.ini;
# every refusal changes nothing.
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
printf "%s\n" out err actual expect >>.git/info/exclude
at() { DOCKET_NOW=$1; export DOCKET_NOW; }
q() { docket "$@" >/dev/null; }

at 2026-11-16
q add --id smith-7k2p --client "John Smith" --title "Smith v. Acme Freight" \
	--attorney alice --manager bob
ini=cases/2026/smith-7k2p/case.ini
q policy smith-7k2p bi-acme --coverage bi --carrier "Great Plains Mutual" \
	--limits 100,000 --lor-sent
q policy smith-7k2p um-own --coverage um --lor-sent

one_commit() {
	test "$(git show --name-only --format= HEAD)" = "$ini"
	test "$(git log -1 --format=%s)" = "$1"
	test_repo_clean
}

# a section of the case, without the blank line after it
section() {
	sed -n "/^\[$1\]$/,/^$/p" $ini | sed "/^$/d"
}

test_expect_success 'init writes [fees]; the generic pipeline has no litigation rate' '
	sed -n "/^\[fees\]$/,/^$/p" docket.ini >actual
	cat >expect <<-\EOF
	[fees]
	# contingency fee by the stage the case was in when it settled (the stage
	# on the first settlement'"'"'s date); `default` for any other stage
	default = 1/3
	litigation = 40%
	# gross: the fee is on the gross recovery; net: costs come off first
	basis = gross

	EOF
	test_cmp expect actual
	docket init ../gen --pipeline generic --name X >/dev/null
	test "$(ini_get ../gen/docket.ini fees.default)" = 1/3
	test "$(ini_get ../gen/docket.ini fees.basis)" = gross
	test_not grep -q "^litigation" ../gen/docket.ini
	docket -C ../gen check >out 2>&1
'

test_expect_success 'a cost: numbered, dated today unless given, one commit' '
	at 2026-11-20
	docket cost smith-7k2p "\$1,025.5" "Police report & photos" --date 2026-11-18 >out
	echo "smith-7k2p: cost 1 of 1025.50 on 2026-11-18: Police report & photos" >expect
	test_cmp expect out
	section "cost \"1\"" >actual
	cat >expect <<-\EOF
	[cost "1"]
	date = 2026-11-18
	what = Police report & photos
	amount = 1025.50
	EOF
	test_cmp expect actual
	one_commit "cost(smith-7k2p): cost 1 of 1025.50 on 2026-11-18: Police report & photos"
	at 2026-11-21
	docket cost smith-7k2p 0.5 "Copies ; 3 pages" >out
	echo "smith-7k2p: cost 2 of 0.50 on 2026-11-21: Copies ; 3 pages" >expect
	test_cmp expect out
	test "$(ini_get $ini cost.2.what)" = "Copies ; 3 pages"
	test "$(ini_get $ini cost.2.date)" = 2026-11-21
'

test_expect_success 'the costs listed, as text and JSON' '
	at 2026-11-21
	docket cost smith >actual
	cat >expect <<-\EOF
	Costs of smith-7k2p: Smith v. Acme Freight
	  1    2026-11-18        1,025.50  Police report & photos
	  2    2026-11-21            0.50  Copies ; 3 pages
	  Total                  1,026.00
	EOF
	test_cmp expect actual
	docket cost smith-7k2p --json >out
	python3 - <<-\EOF
	import json
	r = json.load(open("out"))
	assert r == {"case": "smith-7k2p", "costs": [
	    {"name": "1", "date": "2026-11-18", "what": "Police report & photos", "amount": "1025.50"},
	    {"name": "2", "date": "2026-11-21", "what": "Copies ; 3 pages", "amount": "0.50"}],
	    "total": "1026.00"}, r
	EOF
'

test_expect_success 'a lien: added with every key, then its final amount' '
	at 2026-11-21
	docket lien smith-7k2p medicare --type medicare --holder "Medicare (BCRC)" --asserted 8,200 >out
	echo "smith-7k2p: medicare added: type medicare, holder Medicare (BCRC), asserted 8200.00" >expect
	test_cmp expect out
	section "lien \"medicare\"" >actual
	cat >expect <<-\EOF
	[lien "medicare"]
	holder = Medicare (BCRC)
	type = medicare
	asserted = 8200.00
	final =
	EOF
	test_cmp expect actual
	one_commit "lien(smith-7k2p): medicare added: type medicare, holder Medicare (BCRC), asserted 8200.00"
	docket lien smith-7k2p med --final 6100 >out
	echo "smith-7k2p: medicare: final 6100.00" >expect
	test_cmp expect out
	test "$(ini_get $ini lien.medicare.final)" = 6100.00
	one_commit "lien(smith-7k2p): medicare: final 6100.00"
	docket lien smith-7k2p medicare --final 6100.00 >out
	echo "smith-7k2p: nothing changed" >expect
	test_cmp expect out
	test "$(git log -1 --format=%s)" = "lien(smith-7k2p): medicare: final 6100.00"
'

test_expect_success 'the liens listed, as text and JSON' '
	at 2026-11-21
	q lien smith-7k2p bcbs --type health --asserted 1200
	docket lien smith-7k2p >actual
	cat >expect <<-\EOF
	Liens of smith-7k2p: Smith v. Acme Freight
	  medicare         medicare  Medicare (BCRC)
	      asserted 8,200.00; final 6,100.00
	  bcbs             health
	      asserted 1,200.00; final not yet
	  Total 7,300.00 (1 not final: counted at the asserted amount)
	EOF
	test_cmp expect actual
	docket lien smith-7k2p --json >out
	python3 - <<-\EOF
	import json
	r = json.load(open("out"))
	assert r["liens"][1] == {"name": "bcbs", "type": "health", "holder": "",
	    "asserted": "1200.00", "final": None}, r
	assert r["total"] == "7300.00"
	EOF
'

test_expect_success 'settle: a recovery from a policy, dated today unless given' '
	at 2027-03-01
	docket settle smith-7k2p 85,000 --policy bi >out 2>err
	echo "smith-7k2p: bi-acme 85000.00 on 2027-03-01" >expect
	test_cmp expect out
	section "settlement \"bi-acme\"" >actual
	cat >expect <<-\EOF
	[settlement "bi-acme"]
	date = 2027-03-01
	amount = 85000.00
	EOF
	test_cmp expect actual
	one_commit "settle(smith-7k2p): bi-acme 85000.00 on 2027-03-01"
	test ! -s err
'

test_expect_success 'settle the same policy again: the amount replaced, old and new in the message, the date kept' '
	at 2027-03-04
	docket settle smith-7k2p 90000 --policy bi-acme >out 2>err
	echo "smith-7k2p: bi-acme 85000.00 -> 90000.00 on 2027-03-01" >expect
	test_cmp expect out
	test "$(ini_get $ini settlement.bi-acme.amount)" = 90000.00
	test "$(ini_get $ini settlement.bi-acme.date)" = 2027-03-01
	test "$(grep -c "^\[settlement " $ini)" = 1
	one_commit "settle(smith-7k2p): bi-acme 85000.00 -> 90000.00 on 2027-03-01"
	docket settle smith-7k2p 90000 --policy bi-acme >out
	echo "smith-7k2p: nothing changed" >expect
	test_cmp expect out
	docket settle smith-7k2p 90000 --policy bi-acme --date 2027-03-02 >out
	echo "smith-7k2p: bi-acme 90000.00 on 2027-03-02" >expect
	test_cmp expect out
'

test_expect_success 'another policy adds to the gross; over the limits, a warning' '
	at 2027-03-04
	docket settle smith-7k2p 150000 --policy um >out 2>err
	echo "smith-7k2p: um-own 150000.00 on 2027-03-04" >expect
	test_cmp expect out
	test ! -s err
	docket settle smith-7k2p 120000 --policy bi-acme >out 2>err
	echo "docket: warning: 120,000.00 is more than the limits of bi-acme (100,000.00)" >expect
	test_cmp expect err
	test "$(grep -c "^\[settlement " $ini)" = 2
'

test_expect_success 'set takes the input forms of an amount and stores the canonical one' '
	at 2027-03-04
	q set smith-7k2p cost.2.amount="\$1,000" settlement.um-own.amount=150,000.5
	test "$(ini_get $ini cost.2.amount)" = 1000.00
	test "$(ini_get $ini settlement.um-own.amount)" = 150000.50
'

test_expect_success 'completion: the liens of the case, the lien types, the policies' '
	docket __complete words lien smith-7k2p "" >out
	printf "medicare\tMedicare (BCRC)\nbcbs\n" >expect
	test_cmp expect out
	docket __complete words lien smith-7k2p bcbs --type me >out
	printf "medicare\nmedicaid\n" >expect
	test_cmp expect out
	docket __complete words settle smith-7k2p 5 --policy u >out
	printf "um-own\tum\n" >expect
	test_cmp expect out
	docket __complete lien-types >out
	printf "%s\n" medicare medicaid health hospital provider wc other >expect
	test_cmp expect out
'

test_expect_success 'refused (exit 1), and nothing changes' '
	at 2027-03-04
	test_refused docket cost smith-7k2p -- -5 "Refund"
	grep -qx "docket: AMOUNT: .-5. is not an amount: it has a sign; an amount is never negative (such as 12450.00, 12,450.50 or \$12,450.50)" "$TRASH/err"
	test_refused docket cost smith-7k2p 1.234 "Report"
	grep -q "more than two decimals" "$TRASH/err"
	test_refused docket cost smith-7k2p 1,000,000,000,000 "Report"
	grep -q "more than 999,999,999,999.99" "$TRASH/err"
	test_refused docket cost smith-7k2p 25 ""
	grep -qx "docket: TEXT is empty: what was the cost? (a police report, a filing fee, ...)" "$TRASH/err"
	test_refused docket cost smith-7k2p 25 "$(printf "two\nlines")"
	grep -q "TEXT: a value is one line" "$TRASH/err"
	test_refused docket cost smith-7k2p 25 "Report" --date 2027-03-05
	grep -q "after today" "$TRASH/err"
	test_refused docket cost nobody 25 "Report"
	test_refused docket lien smith-7k2p er --type mediclaim
	grep -qx "docket: --type: .mediclaim. is not a type of lien (medicare, medicaid, health, hospital, provider, wc, other)" "$TRASH/err"
	test_refused docket lien smith-7k2p er --asserted 100
	grep -qx "docket: smith-7k2p has no lien .er. (it has: medicare, bcbs) (a new lien needs --type)" "$TRASH/err"
	test_refused docket lien smith-7k2p ER --type hospital
	grep -q "a handle such as medicare" "$TRASH/err"
	test_refused docket lien smith-7k2p medicare --final 6,1000
	grep -q "commas must group the digits in threes" "$TRASH/err"
	test_refused docket lien smith-7k2p medicare --holder "$(printf "a\tb\033")"
	test_refused docket settle smith-7k2p 5 --policy pd
	grep -qx "docket: smith-7k2p has no policy .pd. (it has: bi-acme, um-own)" "$TRASH/err"
	test_refused docket settle smith-7k2p 5x --policy bi-acme
	test_refused docket settle smith-7k2p 5 --policy bi-acme --date tomorrow
	test_refused docket set smith-7k2p lien.bcbs.type=insurer
	grep -q "\[lien \"bcbs\"\] type: .insurer. is not a type of lien" "$TRASH/err"
	test_refused docket set smith-7k2p settlement.bi-acme.amount=-1
	test_refused docket set smith-7k2p cost.1.date=
	grep -q "\[cost \"1\"\] date: a date is required" "$TRASH/err"
	test_refused docket set smith-7k2p settlement.pd-other.date=2027-03-01 settlement.pd-other.amount=5
	grep -q "\[settlement \"pd-other\"\] .pd-other. is not a policy of the case (bi-acme, um-own)" "$TRASH/err"
'

test_expect_success 'a hand-edited amount that is not canonical: check names the line' '
	sed -i "s/^amount = 1025.50$/amount = 1,025.50/" $ini
	test_must_fail docket check >out 2>&1
	grep -q "cases/2026/smith-7k2p/case.ini:[0-9]*: \[cost \"1\"\] amount: .1,025.50. is not written as docket writes amounts: 1025.50" out
	git checkout -q $ini
	printf "[lien \"er\"]\nholder = Mercy ER\n" >>$ini
	docket check >out 2>&1
	grep -q "case.ini:[0-9]*: \[lien \"er\"\] has no type (medicare, medicaid, health, ...)" out
	git checkout -q $ini
'

test_expect_success 'a bad [fees] is an error naming docket.ini:LINE' '
	cp docket.ini docket.ini.orig
	sed -i "s/^litigation = 40%$/litigation = 40/" docket.ini
	test_must_fail docket statement smith-7k2p 2>err
	line=$(grep -n "^litigation = 40$" docket.ini | cut -d: -f1)
	echo "docket: docket.ini:$line: [fees] litigation: '"'"'40'"'"' is not a fee: a percentage (40%, 33.33%, 33 1/3%) or a fraction (1/3), at most 100%" >expect
	test_cmp expect err
	sed -i "s/^litigation = 40$/trial = 45%/" docket.ini
	docket check >out 2>&1
	grep -q "docket.ini:$line: \[fees\] .trial. is not a stage of the pipeline" out
	mv docket.ini.orig docket.ini
	test_repo_clean
'

test_expect_success 'usage errors (exit 2), and nothing changes' '
	test_refused --code=2 docket cost smith-7k2p 25
	grep -q "what was the cost? (docket cost ID AMOUNT TEXT)" "$TRASH/err"
	test_refused --code=2 docket cost smith-7k2p 25 Police report
	grep -q "unexpected argument .report. (a TEXT of several words goes in quotes)" "$TRASH/err"
	test_refused --code=2 docket cost smith-7k2p 25 Report --json
	test_refused --code=2 docket cost
	test_refused --code=2 docket lien smith-7k2p --type medicare
	test_refused --code=2 docket lien smith-7k2p medicare --json
	test_refused --code=2 docket settle smith-7k2p 5
	grep -q "which policy paid? (--policy P)" "$TRASH/err"
	test_refused --code=2 docket settle smith-7k2p --policy bi-acme
	test_refused --code=2 docket settle smith-7k2p 5 6 --policy bi-acme
'

test_done
