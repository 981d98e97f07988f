#!/bin/sh
# docket provider: a case's medical providers added and changed, one
# commit each, amounts in their canonical form; the list with the medical
# specials, as text and JSON; set, edit and check on the same sections;
# every refusal changes nothing.
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
printf "%s\n" out err actual expect expect2 lines >>.git/info/exclude
export DOCKET_NOW=2026-11-22
docket add --id smith-7k2p --client "John Smith" --title "Smith v. Acme Freight" \
	--incident 2026-10-03 --attorney alice --manager bob >/dev/null
ini=cases/2026/smith-7k2p/case.ini

# HEAD changed exactly the case's case.ini, with this message
one_commit() {
	test "$(git show --name-only --format= HEAD)" = "$ini"
	test "$(git log -1 --format=%s)" = "$1"
	test_repo_clean
}

# the case.ini from its [provider ...] sections on
providers() {
	sed -n '/^\[provider /,$p' "$ini"
}

test_expect_success 'a new provider: every key in order, one commit' '
	docket provider smith-7k2p "Mercy Hospital" --type hospital \
		--phone "+1 555 0142" --visit 2026-10-04 >out 2>err
	echo "smith-7k2p: mercy-hospital added (Mercy Hospital): type hospital, phone +1 555 0142, visit 2026-10-04" >expect
	test_cmp expect out
	test ! -s err
	cat >expect <<-\EOF
	[provider "mercy-hospital"]
	name = Mercy Hospital
	type = hospital
	phone = +1 555 0142
	first_visit = 2026-10-04
	last_visit = 2026-10-04
	discharged =
	records_requested =
	records_received =
	bills_requested =
	bills_received =
	billed =
	paid =
	owed =
	EOF
	providers >actual
	test_cmp expect actual
	one_commit "provider(smith-7k2p): mercy-hospital added (Mercy Hospital): type hospital, phone +1 555 0142, visit 2026-10-04"
'

test_expect_success 'a prefix names it; visits widen the span; amounts as typed' '
	docket provider smith-7k2p mercy --visit 2026-11-01 --visit 2026-10-20 \
		--billed "\$12,450" --paid 3200.5 >out
	echo "smith-7k2p: mercy-hospital: visit 2026-11-01, visit 2026-10-20, billed 12450.00, paid 3200.50" >expect
	test_cmp expect out
	test "$(ini_get $ini provider.mercy-hospital.first_visit)" = 2026-10-04
	test "$(ini_get $ini provider.mercy-hospital.last_visit)" = 2026-11-01
	test "$(ini_get $ini provider.mercy-hospital.billed)" = 12450.00
	test "$(ini_get $ini provider.mercy-hospital.paid)" = 3200.50
	one_commit "provider(smith-7k2p): mercy-hospital: visit 2026-11-01, visit 2026-10-20, billed 12450.00, paid 3200.50"
	# a visit inside the span changes nothing
	before=$(git rev-parse HEAD)
	docket provider smith-7k2p mercy-hospital --visit 2026-10-10 >out
	echo "smith-7k2p: nothing changed" >expect
	test_cmp expect out
	test "$(git rev-parse HEAD)" = "$before"
'

test_expect_success 'the same name again is the same provider' '
	docket provider smith-7k2p "Mercy Hospital" --owed 2,000 >out
	echo "smith-7k2p: mercy-hospital: owed 2000.00" >expect
	test_cmp expect out
	test "$(grep -c "^\[provider " $ini)" = 1
'

test_expect_success 'a word of the name, in any case, names the provider' '
	docket provider smith-7k2p "Dr. Ames" --type ortho >out
	echo "smith-7k2p: dr-ames added (Dr. Ames): type ortho" >expect
	test_cmp expect out
	docket provider smith-7k2p Ames --visit 2026-10-15 >out
	echo "smith-7k2p: dr-ames: visit 2026-10-15" >expect
	test_cmp expect out
	docket provider smith-7k2p "DR AMES" --phone "+1 555 0150" >out
	echo "smith-7k2p: dr-ames: phone +1 555 0150" >expect
	test_cmp expect out
	test "$(grep -c "^\[provider " $ini)" = 2
	git reset -q --hard HEAD~3
'

test_expect_success '--discharged: today, a date after it, or a date joined with =' '
	DOCKET_NOW=2026-11-15 docket provider smith-7k2p mercy --discharged >out
	test "$(ini_get $ini provider.mercy-hospital.discharged)" = 2026-11-15
	docket provider smith-7k2p --discharged 2026-11-16 mercy >out
	echo "smith-7k2p: mercy-hospital: discharged 2026-11-16" >expect
	test_cmp expect out
	docket provider smith-7k2p mercy --discharged=-7d >out
	test "$(ini_get $ini provider.mercy-hospital.discharged)" = 2026-11-15
	# a word that is not a date is the NAME
	docket provider smith-7k2p --discharged "City PT" --type pt >out
	echo "smith-7k2p: city-pt added (City PT): type pt, discharged 2026-11-22" >expect
	test_cmp expect out
'

test_expect_success 'the list: status, visits, records, bills, money, the specials' '
	cat >expect <<-\EOF
	Providers of smith-7k2p: Smith v. Acme Freight
	  mercy-hospital  Mercy Hospital (hospital), +1 555 0142
	      discharged 2026-11-15; visits 2026-10-04 to 2026-11-01
	      records  not requested
	      bills    not requested
	      billed 12,450.00   paid 3,200.50   balance 9,249.50   owed 2,000.00
	  city-pt  City PT (pt)
	      discharged 2026-11-22
	      records  not requested
	      bills    not requested
	      billed -   paid -   balance -
	  Medical specials, 2 providers
	      billed 12,450.00   paid 3,200.50   balance 9,249.50   owed 2,000.00
	  Records not complete: mercy-hospital records not requested, bills not requested; city-pt records not requested, bills not requested
	EOF
	docket provider smith-7k2p >actual
	test_cmp expect actual
'

test_expect_success 'the list as JSON: amounts are strings' '
	docket provider smith-7k2p --json >out
	python3 - <<-\EOF
	import json
	r = json.load(open("out"))
	assert r["case"] == "smith-7k2p"
	m = r["providers"][0]
	assert m == {"handle": "mercy-hospital", "name": "Mercy Hospital",
	    "type": "hospital", "phone": "+1 555 0142", "status": "discharged",
	    "first_visit": "2026-10-04", "last_visit": "2026-11-01",
	    "discharged": "2026-11-15", "records_requested": None,
	    "records_received": None, "bills_requested": None,
	    "bills_received": None, "billed": "12450.00", "paid": "3200.50",
	    "balance": "9249.50", "owed": "2000.00"}, m
	assert r["providers"][1]["billed"] is None
	assert r["providers"][1]["balance"] is None
	assert r["medical"] == {"billed": "12450.00", "paid": "3200.50",
	    "balance": "9249.50", "owed": "2000.00"}, r["medical"]
	assert r["records_complete"] is None
	EOF
'

test_expect_success 'show and show --json carry the providers and the specials' '
	docket show smith-7k2p >out
	sed -n "/^Providers$/,/^Deadlines$/p" out >actual
	{ echo Providers; docket provider smith-7k2p | sed 1d; echo; echo Deadlines; } >expect
	test_cmp expect actual
	test_not grep -q "^\[provider" out
	docket show smith-7k2p --json >out
	python3 - <<-\EOF
	import json
	r = json.load(open("out"))
	assert [p["handle"] for p in r["providers"]] == ["mercy-hospital", "city-pt"]
	assert r["medical"]["balance"] == "9249.50"
	assert r["records_complete"] is None
	assert r["policies"] == [] and r["demands"] == [] and r["offers"] == []
	EOF
'

test_expect_success 'a client who paid more than billed: a negative balance' '
	docket provider smith-7k2p city --billed 100 --paid 150.25 >/dev/null
	docket provider smith-7k2p >out
	grep -qx "      billed 100.00   paid 150.25   balance -50.25" out
	docket provider smith-7k2p --json >out
	python3 -c "import json; r = json.load(open(\"out\")); assert r[\"providers\"][1][\"balance\"] == \"-50.25\"; assert r[\"medical\"][\"balance\"] == \"9199.25\", r"
'

test_expect_success 'refused, and nothing changes' '
	test_refused docket provider smith-7k2p mercy --type dentist
	grep -qx "docket: --type: .dentist. is not a type of provider (er, hospital, urgent-care, pcp, chiro, pt, ortho, neuro, pain, imaging, surgery, pharmacy, mental-health, other)" "$TRASH/err"
	test_refused docket provider smith-7k2p mercy --billed -5
	grep -qx "docket: --billed: .-5. is not an amount: it has a sign; an amount is never negative (such as 12450.00, 12,450.50 or \$12,450.50)" "$TRASH/err"
	test_refused docket provider smith-7k2p mercy --paid 1.234
	grep -q "more than two decimals" "$TRASH/err"
	test_refused docket provider smith-7k2p mercy --owed 1,000,000,000,000
	grep -q "it is more than 999,999,999,999.99" "$TRASH/err"
	test_refused docket provider smith-7k2p mercy --paid 12,45
	grep -q "commas must group the digits in threes" "$TRASH/err"
	test_refused docket provider smith-7k2p mercy --visit 2026-11-23
	grep -qx "docket: --visit: 2026-11-23 is after today; record it once it has happened" "$TRASH/err"
	test_refused docket provider smith-7k2p mercy --visit 2026-11-20
	grep -qx "docket: cases/2026/smith-7k2p/case.ini:[0-9]*: \[provider \"mercy-hospital\"\] discharged: 2026-11-15 is before last_visit (2026-11-20)" "$TRASH/err"
	test_refused docket provider smith-7k2p mercy --discharged 2026-10-30
	grep -q "discharged: 2026-10-30 is before last_visit (2026-11-01)" "$TRASH/err"
	docket provider smith-7k2p "Mercy Clinic" >/dev/null
	test_refused docket provider smith-7k2p mercy --paid 1
	grep -qx "docket: provider .mercy. of smith-7k2p is ambiguous: mercy-hospital, mercy-clinic" "$TRASH/err"
	test_refused docket provider smith-7k2p ""
	grep -qx "docket: the provider.s NAME is empty" "$TRASH/err"
	test_refused docket provider nosuch-1 mercy --paid 1
	grep -q "no case .nosuch-1." "$TRASH/err"
	test_refused docket provider smith-7k2p "$(printf "Bad\nName")"
	grep -q "NAME" "$TRASH/err"
'

test_expect_success 'usage errors (exit 2), and nothing changes' '
	test_refused --code=2 docket provider
	test_refused --code=2 docket provider smith-7k2p --paid 5
	grep -q "which provider?" "$TRASH/err"
	test_refused --code=2 docket provider smith-7k2p mercy-hospital --json
	test_refused --code=2 docket provider smith-7k2p Mercy Hospital
	grep -q "a NAME of several words goes in quotes" "$TRASH/err"
	test_refused --code=2 docket provider smith-7k2p mercy --bileld 5
	grep -q "did you mean .--billed.?" "$TRASH/err"
	docket provider --help >out
	grep -q "^usage: docket provider ID \[--json\]$" out
'

test_expect_success 'set: amounts as typed, stored canonical; bad ones refused' '
	docket set smith-7k2p provider.mercy-clinic.billed="\$1,234.5" >out
	test "$(ini_get $ini provider.mercy-clinic.billed)" = 1234.50
	one_commit "set(smith-7k2p): provider.mercy-clinic.billed"
	test_refused docket set smith-7k2p provider.mercy-clinic.paid=-1
	grep -qx "docket: provider.mercy-clinic.paid: .-1. is not an amount: it has a sign; an amount is never negative (such as 12450.00, 12,450.50 or \$12,450.50)" "$TRASH/err"
	test_refused docket set smith-7k2p provider.mercy-clinic.type=dentist
	grep -q "type: .dentist. is not a type of provider" "$TRASH/err"
	test_refused docket set smith-7k2p provider.mercy-clinic.first_visit=soon
	grep -q "first_visit: .soon. is not a date" "$TRASH/err"
	# a date as dates are typed
	docket set smith-7k2p provider.mercy-clinic.first_visit=-2d >/dev/null
	test "$(ini_get $ini provider.mercy-clinic.first_visit)" = 2026-11-20
	# an empty value clears
	docket set smith-7k2p provider.mercy-clinic.billed= >/dev/null
	test -z "$(ini_get $ini provider.mercy-clinic.billed)"
'

test_expect_success 'by hand: check names the line of an amount not written as docket writes it' '
	sed -i "s/^billed = 12450.00$/billed = 12,450/" $ini
	git commit -qam "by hand"
	test_must_fail docket check >out 2>err
	line=$(grep -n "^billed = 12,450$" $ini | cut -d: -f1)
	echo "error: $ini:$line: [provider \"mercy-hospital\"] billed: '"'"'12,450'"'"' is not written as docket writes amounts: 12450.00" >expect
	test_cmp expect out
	test_refused docket provider smith-7k2p
	sed "s/^error: /docket: /" expect >expect2
	test_cmp expect2 "$TRASH/err"
	sed -i "s/^billed = 12,450$/billed = 12450.00/" $ini
	git commit -qam "fixed"
	docket check >out 2>err
	test ! -s out
'

test_expect_success 'edit: an amount that is not canonical is refused and kept aside' '
	cat >ed.sh <<-\EOF
	#!/bin/sh
	sed -i "s/^paid = 3200.50$/paid = 3200.5/" "$1"
	EOF
	chmod +x ed.sh
	echo ed.sh >>.git/info/exclude
	EDITOR=./ed.sh test_refused docket edit smith-7k2p
	grep -q "paid: .3200.5. is not written as docket writes amounts: 3200.50" "$TRASH/err"
	grep -q "your edit is kept in" "$TRASH/err"
	rm .git/DOCKET_EDIT_smith-7k2p.ini .git/DOCKET_EDIT_smith-7k2p.ini.base
'

test_done
