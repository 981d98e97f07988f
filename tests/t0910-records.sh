#!/bin/sh
# docket records: requests and receipts with their follow-up deadline;
# what the firm waits for; records complete and the 72-hour demand at its
# edges (a provider still treating, bills missing, a demand already sent,
# the demand stage's own deadline); every refusal changes nothing.
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
printf "%s\n" out err actual expect expect2 >>.git/info/exclude
at() { DOCKET_NOW=$1; export DOCKET_NOW; }
q() { docket "$@" >/dev/null; }

at 2026-11-01
q add --id smith-7k2p --client "John Smith" --attorney alice --manager bob
q add --id doe-2 --client "Jane Doe" --attorney alice --manager carol
ini=cases/2026/smith-7k2p/case.ini
q provider smith-7k2p "Mercy Hospital" --visit 2026-10-04 --discharged 2026-10-30
q provider smith-7k2p "City PT" --visit 2026-10-10
q provider doe-2 "Valley ER" --visit 2026-10-20 --discharged 2026-10-20

# HEAD changed exactly this case's case.ini, with this message
one_commit() {
	test "$(git show --name-only --format= HEAD)" = "cases/2026/$1/case.ini"
	test "$(git log -1 --format=%s)" = "$2"
	test_repo_clean
}

# a deadline as "date done who what"
due() {
	f=$(ls cases/*/"$1"/case.ini)
	echo "$(ini_get "$f" "due.$2.date") $(ini_get "$f" "due.$2.done")" \
		"$(ini_get "$f" "due.$2.who") $(ini_get "$f" "due.$2.what")"
}

test_expect_success 'a request: the dates, and the follow-up deadline 14 days on' '
	at 2026-11-16
	docket records smith-7k2p mercy --request >out
	cat >expect <<-\EOF
	smith-7k2p: mercy-hospital records and bills requested 2026-11-16
	smith-7k2p: deadline records-mercy-hospital on 2026-11-30 (follow up on the request)
	EOF
	test_cmp expect out
	test "$(ini_get $ini provider.mercy-hospital.records_requested)" = 2026-11-16
	test "$(ini_get $ini provider.mercy-hospital.bills_requested)" = 2026-11-16
	test "$(due smith-7k2p records-mercy-hospital)" = "2026-11-30  bob Follow up on the records and bills from Mercy Hospital"
	one_commit smith-7k2p "records(smith-7k2p): mercy-hospital records and bills requested 2026-11-16; deadlines: records-mercy-hospital 2026-11-30"
'

test_expect_success 'a request of one kind, on a date given' '
	at 2026-11-20
	docket records doe-2 valley --request 2026-11-10 --only bills >out
	cat >expect <<-\EOF
	doe-2: valley-er bills requested 2026-11-10
	doe-2: deadline records-valley-er on 2026-11-24 (follow up on the request)
	EOF
	test_cmp expect out
	test -z "$(ini_get cases/2026/doe-2/case.ini provider.valley-er.records_requested)"
	test "$(due doe-2 records-valley-er)" = "2026-11-24  carol Follow up on the bills from Valley ER"
'

test_expect_success 'what the firm waits for: oldest first, per case, by manager, as JSON' '
	at 2026-11-22
	cat >expect <<-\EOF
	2026-11-10  12 days    doe-2            valley-er                bills
	2026-11-16  6 days     smith-7k2p       mercy-hospital           records
	2026-11-16  6 days     smith-7k2p       mercy-hospital           bills
	EOF
	docket records >actual
	test_cmp expect actual
	docket records smith-7k2p >actual
	sed 1d expect >expect2
	test_cmp expect2 actual
	docket records --who carol >actual
	head -n 1 expect >expect2
	test_cmp expect2 actual
	docket records --who alice >actual
	test ! -s actual
	docket records --json >out
	python3 - <<-\EOF
	import json
	assert json.load(open("out")) == [
	  {"case": "doe-2", "provider": "valley-er", "what": "bills", "requested": "2026-11-10", "days": 12},
	  {"case": "smith-7k2p", "provider": "mercy-hospital", "what": "records", "requested": "2026-11-16", "days": 6},
	  {"case": "smith-7k2p", "provider": "mercy-hospital", "what": "bills", "requested": "2026-11-16", "days": 6}]
	EOF
'

test_expect_success 'a closed case waits for nothing in the firm list' '
	at 2026-11-22
	q add --id old-1 --client "Old Case" --manager bob
	q provider old-1 "Gone Clinic" --visit 2026-11-01
	q records old-1 gone --request 2026-11-02
	q advance-stage old-1 closed
	docket records >actual
	test "$(wc -l <actual)" = 3
	docket records old-1 >actual
	test "$(wc -l <actual)" = 2
'

test_expect_success 'records in, bills still out: the follow-up stays open' '
	at 2026-11-18
	docket records smith-7k2p mercy --receive --only records >out
	echo "smith-7k2p: mercy-hospital records received 2026-11-18" >expect
	test_cmp expect out
	test "$(due smith-7k2p records-mercy-hospital)" = "2026-11-30  bob Follow up on the records and bills from Mercy Hospital"
	one_commit smith-7k2p "records(smith-7k2p): mercy-hospital records received 2026-11-18"
'

test_expect_success 'everything asked for is in: the follow-up is done; a provider still treating: no demand' '
	at 2026-11-20
	docket records smith-7k2p mercy --receive --billed 12,450 >out
	cat >expect <<-\EOF
	smith-7k2p: mercy-hospital bills received 2026-11-20, billed 12450.00
	smith-7k2p: deadline records-mercy-hospital done 2026-11-20 (everything requested is in)
	EOF
	test_cmp expect out
	test "$(due smith-7k2p records-mercy-hospital)" = "2026-11-30 2026-11-20 bob Follow up on the records and bills from Mercy Hospital"
	test_not grep -q "^\[due \"demand\"\]" $ini
	one_commit smith-7k2p "records(smith-7k2p): mercy-hospital bills received 2026-11-20, billed 12450.00; deadlines: records-mercy-hospital done"
'

test_expect_success 'discharged, records in, bills missing: still no demand' '
	at 2026-11-21
	q provider smith-7k2p city --discharged 2026-11-19
	q records smith-7k2p city --request 2026-11-19
	docket records smith-7k2p city --receive --only records >out
	test "$(wc -l <out)" = 1
	test_not grep -q "^\[due \"demand\"\]" $ini
	docket provider smith-7k2p | tail -n 1 >actual
	echo "  Records not complete: city-pt bills not received" >expect
	test_cmp expect actual
'

test_expect_success 'the last bills make the case records complete: the demand in 3 days, same commit' '
	at 2026-11-22
	docket records smith-7k2p city --receive 2026-11-21 >out
	cat >expect <<-\EOF
	smith-7k2p: city-pt bills received 2026-11-21
	smith-7k2p: deadline records-city-pt done 2026-11-21 (everything requested is in)
	smith-7k2p: deadline demand on 2026-11-24 (records complete 2026-11-21)
	EOF
	test_cmp expect out
	test "$(due smith-7k2p demand)" = "2026-11-24  bob Send the demand"
	one_commit smith-7k2p "records(smith-7k2p): city-pt bills received 2026-11-21; deadlines: records-city-pt done, demand 2026-11-24"
	docket provider smith-7k2p | tail -n 1 >actual
	echo "  Records complete on 2026-11-21; the demand is due 2026-11-24 (in 2 days)" >expect
	test_cmp expect actual
	docket show smith-7k2p --json >out
	python3 -c "import json; assert json.load(open(\"out\"))[\"records_complete\"] == \"2026-11-21\""
'

test_expect_success 'what was received already is refused; a new request starts over' '
	test_refused docket records smith-7k2p city --receive
	grep -qx "docket: the bills of city-pt were received on 2026-11-21 already (a new request starts over: docket records smith-7k2p city-pt --request)" "$TRASH/err"
	test_refused docket records smith-7k2p mercy --receive --only records
	grep -q "the records of mercy-hospital were received on 2026-11-18 already" "$TRASH/err"
	at 2026-11-23
	docket records smith-7k2p city --request --only records >out
	cat >expect <<-\EOF
	smith-7k2p: city-pt records requested 2026-11-23
	smith-7k2p: deadline records-city-pt on 2026-12-07 (follow up on the request)
	EOF
	test_cmp expect out
	test -z "$(ini_get $ini provider.city-pt.records_received)"
	test "$(due smith-7k2p records-city-pt)" = "2026-12-07  bob Follow up on the records from City PT"
	# the case is no longer records complete; its demand deadline stays
	docket provider smith-7k2p | tail -n 1 >actual
	echo "  Records not complete: city-pt records not received" >expect
	test_cmp expect actual
	# complete again: the open demand deadline keeps the earlier date
	docket records smith-7k2p city --receive >out
	test "$(wc -l <out)" = 2
	test "$(due smith-7k2p demand)" = "2026-11-24  bob Send the demand"
'

test_expect_success 'a demand already sent: complete records add no demand deadline' '
	at 2026-11-22
	q add --id early-3 --client "Early Demand" --manager bob
	q provider early-3 "Lone Clinic" --visit 2026-11-01 --discharged 2026-11-02
	q policy early-3 bi --coverage bi --lor-sent 2026-11-03
	q demand early-3 50000 --policy bi --date 2026-11-10
	docket records early-3 lone --receive 2026-11-20 >out
	echo "early-3: lone-clinic records and bills received 2026-11-20" >expect
	test_cmp expect out
	test_not grep -q "^\[due \"demand\"\]" cases/2026/early-3/case.ini
'

test_expect_success 'the demand stage came first: its earlier deadline stays; a later one moves up' '
	at 2026-11-01
	q add --id stage-4 --client "Stage First" --manager bob
	q provider stage-4 "Clinic A" --visit 2026-10-01 --discharged 2026-10-02
	q advance-stage stage-4 demand
	test "$(due stage-4 demand)" = "2026-11-04  bob Send demand package to carrier"
	at 2026-11-10
	docket records stage-4 clinic --receive 2026-11-09 >out
	test "$(wc -l <out)" = 1
	test "$(due stage-4 demand)" = "2026-11-04  bob Send demand package to carrier"
	q add --id stage-5 --client "Stage Later" --manager bob
	q provider stage-5 "Clinic B" --visit 2026-10-01 --discharged 2026-10-02
	q advance-stage stage-5 demand
	test "$(due stage-5 demand)" = "2026-11-13  bob Send demand package to carrier"
	docket records stage-5 clinic --receive 2026-11-05 >out
	tail -n 1 out >actual
	echo "stage-5: deadline demand 2026-11-13 -> 2026-11-08 (records complete 2026-11-05)" >expect
	test_cmp expect actual
	test "$(due stage-5 demand)" = "2026-11-08  bob Send the demand"
	# records complete first, the demand stage after: the earlier stays
	q add --id stage-7 --client "Records First" --manager bob
	q provider stage-7 "Clinic D" --visit 2026-10-01 --discharged 2026-10-02
	q records stage-7 clinic --receive 2026-11-05
	test "$(due stage-7 demand)" = "2026-11-08  bob Send the demand"
	q advance-stage stage-7 demand
	test "$(due stage-7 demand)" = "2026-11-08  bob Send the demand"
'

test_expect_success 'leaving the demand stage marks the demand deadline done, whoever added it' '
	at 2026-11-12
	sed -i "/^on_enter_due = 3d Send demand package to carrier$/d" docket.ini
	git commit -qam "no stage deadline"
	q add --id stage-6 --client "Stage Six" --manager bob
	q provider stage-6 "Clinic C" --visit 2026-10-01 --discharged 2026-10-02
	q advance-stage stage-6 demand
	q records stage-6 clinic --receive 2026-11-11
	test "$(due stage-6 demand)" = "2026-11-14  bob Send the demand"
	q advance-stage stage-6
	test "$(due stage-6 demand)" = "2026-11-14 2026-11-12 bob Send the demand"
'

test_expect_success 'refused (exit 1), and nothing changes' '
	at 2026-11-22
	test_refused docket records smith-7k2p nosuch --request
	grep -qx "docket: smith-7k2p has no provider .nosuch. (it has: mercy-hospital, city-pt)" "$TRASH/err"
	test_refused docket records smith-7k2p mercy --request 2026-11-23
	grep -qx "docket: --request: 2026-11-23 is after today; record it once it has happened" "$TRASH/err"
	q provider doe-2 "Late Lab" --visit 2026-11-01
	q records doe-2 late --request 2026-11-10 --only records
	test_refused docket records doe-2 late --receive 2026-11-09
	grep -q "records_received: 2026-11-09 is before records_requested (2026-11-10)" "$TRASH/err"
	test_refused docket records doe-2 late --receive --only bills --billed 1.001
	grep -q "more than two decimals" "$TRASH/err"
	test_refused docket records doe-2 late --receive=junk
	grep -q "receive: .junk. is not a date" "$TRASH/err"
'

test_expect_success 'usage errors (exit 2), and nothing changes' '
	test_refused --code=2 docket records smith-7k2p mercy
	grep -q "request or --receive?" "$TRASH/err"
	test_refused --code=2 docket records smith-7k2p mercy --request --receive
	test_refused --code=2 docket records smith-7k2p mercy --request --only xrays
	grep -q "only: .xrays. is not records or bills" "$TRASH/err"
	test_refused --code=2 docket records smith-7k2p mercy --request --billed 5
	test_refused --code=2 docket records smith-7k2p mercy --receive --only records --billed 5
	test_refused --code=2 docket records smith-7k2p mercy --receive --json
	test_refused --code=2 docket records smith-7k2p --who bob
	test_refused --code=2 docket records --request
	test_refused --code=2 docket records a b c --receive
'

test_done
