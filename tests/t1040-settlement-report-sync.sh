#!/bin/sh
# report's settlements: open cases with a recovery and a lien without its
# final amount, the gross and the liens' asserted amounts (the money the
# firm holds for lien holders), in every form; and the settlement's money
# through a sync: costs added in two clones under one number are both
# kept, a recovery and a lien from either side merge key by key.
. "$(dirname "$0")/lib.sh"

at() {
	t=$1 d=$2
	shift 2
	(cd "$d" && DOCKET_NOW=$t "$@")
}
q() { docket -C firm "$@" >/dev/null; }

test_expect_success 'a firm: cases that are held, and cases that are not' '
	make_firm
	export DOCKET_NOW=2027-03-01
	for id in held-1 held-2 final-3 none-4 closed-5 nolien-6; do
		q add --id $id --client "Client $id" --attorney alice --manager bob
		q policy $id bi --coverage bi --lor-sent
	done
	q policy held-2 um --coverage um --lor-sent
	# held: one lien not final (one final beside it)
	q settle held-1 85000 --policy bi --date 2027-02-20
	q lien held-1 medicare --type medicare --asserted 8200
	q lien held-1 bcbs --type health --asserted 1000 --final 900
	# held: two recoveries, two liens not final, one of no amount yet
	q settle held-2 10000.01 --policy bi --date 2027-01-05
	q settle held-2 2500 --policy um
	q lien held-2 er --type hospital --asserted 1234.56
	q lien held-2 pt --type provider
	# not held: every lien final; no recovery; closed; no lien
	q settle final-3 5000 --policy bi
	q lien final-3 medicaid --type medicaid --asserted 700 --final 500
	q lien none-4 medicare --type medicare --asserted 100
	q settle closed-5 9000 --policy bi
	q lien closed-5 medicare --type medicare --asserted 100
	q advance-stage closed-5 closed
	q settle nolien-6 100 --policy bi
'

test_expect_success 'json: the held cases, the oldest settlement first, money as strings' '
	docket -C firm report --json >out
	python3 - <<-\EOF
	import json
	r = json.load(open("out"))
	assert r["settlements"] == [
	  {"case": "held-2", "gross": "12500.01", "liens_pending": "1234.56"},
	  {"case": "held-1", "gross": "85000.00", "liens_pending": "8200.00"}], r["settlements"]
	EOF
'

test_expect_success 'text, Markdown and the page list them too' '
	docket -C firm report >out
	sed -n "/^Settlements held for lien holders/,/^$/p" out >actual
	cat >expect <<-\EOF
	Settlements held for lien holders (2)
	  2027-01-05  held-2           gross 12,500.01, liens pending 1,234.56
	      not final: er, pt
	  2027-02-20  held-1           gross 85,000.00, liens pending 8,200.00
	      not final: medicare

	EOF
	test_cmp expect actual
	docket -C firm report --md >out
	grep -qx "## Settlements held for lien holders (2)" out
	grep -qx -- "- \*\*held-2\*\* (Client held-2): settled 2027-01-05, gross 12,500.01, liens pending \*\*1,234.56\*\* (not final: er, pt)" out
	docket -C firm report --html "$TRASH/page.html"
	html_inert "$TRASH/page.html"
	grep -q "<section class=\"list\" id=\"settlements\">" "$TRASH/page.html"
	grep -q "<li><a class=\"id\" href=\"#case-held-1\">held-1</a> <span class=\"client\">Client held-1</span>: settled <time>2027-02-20</time>, gross 85,000.00, liens pending <strong>8,200.00</strong> (not final: medicare)</li>" "$TRASH/page.html"
'

test_expect_success 'a final amount agreed: off the list' '
	q lien held-1 medicare --final 6100
	docket -C firm report --json >out
	python3 -c "import json; r = json.load(open(\"out\")); assert [s[\"case\"] for s in r[\"settlements\"]] == [\"held-2\"], r"
'

test_expect_success 'setup: a remote and two clones, a (Bob) and b (Carol)' '
	git init -q --bare remote.git
	git -C firm remote add origin ../remote.git
	at 2027-03-01T09:00:00Z firm docket sync >/dev/null
	docket clone remote.git b >/dev/null
	git -C b config user.name "Carol Park"
	git -C b config user.email carol@firm.example
'

ini=cases/2027/held-2/case.ini

test_expect_success 'costs added on both sides under one number: both kept, the later renumbered' '
	at 2027-03-02T09:00:00Z firm docket cost held-2 25 "Police report" >/dev/null
	at 2027-03-02T09:01:00Z firm docket sync >/dev/null
	at 2027-03-02T10:00:00Z b docket cost held-2 40 "Medical records" >/dev/null
	at 2027-03-02T10:01:00Z b docket sync >out
	grep -q "\[cost \"1\"\] was added on both sides: the later one (Carol Park, .*) is now \[cost \"2\"\]" out
	test "$(ini_get b/$ini cost.1.what)" = "Police report"
	test "$(ini_get b/$ini cost.2.what)" = "Medical records"
	test "$(ini_get b/$ini cost.2.amount)" = 40.00
	(cd b && docket check) >out
	test ! -s out
	test_repo_clean b
'

test_expect_success 'a final amount on one side, a recovery replaced on the other: both in the statement' '
	at 2027-03-03T09:00:00Z firm docket sync >/dev/null
	at 2027-03-03T09:01:00Z firm docket lien held-2 er --final 1000 >/dev/null
	at 2027-03-03T09:02:00Z firm docket lien held-2 pt --asserted 300 --final 250 >/dev/null
	at 2027-03-03T09:03:00Z firm docket sync >/dev/null
	at 2027-03-03T10:00:00Z b docket settle held-2 3000 --policy um >/dev/null
	at 2027-03-03T10:01:00Z b docket sync >/dev/null
	DOCKET_NOW=2027-03-03 docket -C b statement held-2 --json >out
	python3 - <<-\EOF
	import json
	r = json.load(open("out"))
	assert r["final"] is True, r
	assert (r["gross"], r["costs_total"], r["liens_total"]) == ("13000.01", "65.00", "1250.00"), r
	assert r["fee"]["amount"] == "4333.34", r["fee"]
	assert r["net"] == "7351.67", r["net"]
	EOF
	test_repo_clean b
'

test_done
