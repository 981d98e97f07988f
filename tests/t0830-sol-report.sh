#!/bin/sh
# report: sol_watch, notice_watch and sol_manual_later in every form, the
# missed ones first and loudest.
. "$(dirname "$0")/lib.sh"

d() { docket -C firm "$@" >/dev/null 2>&1; }

test_expect_success 'a firm with SOLs missed, coming, far, set by hand, done' '
	make_firm
	d add --id miss-1 --client "Mia Miss" --incident 2024-11-01 --state CA --attorney alice
	d add --id soon-2 --client "Sam Soon" --incident 2025-01-15 --state CA --attorney alice
	d add --id sat-3 --client "Sal Sat" --incident 2025-03-06 --state CA --attorney alice
	d add --id far-4 --client "Fay Far" --incident 2026-10-03 --state CA --attorney alice
	d add --id gov-5 --client "Gil Gov" --incident 2026-06-01 --state CA --attorney alice \
		--set defendant.city.kind=government
	d add --id govmiss-6 --client "Gia Gov" --incident 2026-07-01 --state NY --attorney alice \
		--set defendant.nyc.kind=government
	d add --id manual-7 --client "Max Manual" --incident 2025-02-01 --state CA --attorney alice
	d due manual-7 2027-06-01 "SOL as the attorney reads it" --name sol
	d add --id done-8 --client "Dot Done" --incident 2024-12-01 --state CA --attorney alice
	d due done-8 --done sol
	d add --id closed-9 --client "Cy Closed" --incident 2024-10-01 --state CA --attorney alice
	d advance-stage closed-9 closed
	test_repo_clean firm
'

test_expect_success 'json: sol_watch, notice_watch, sol_manual_later' '
	docket -C firm report --json >out
	python3 - >actual <<-\EOF
	import json
	r = json.load(open("out"))
	print(json.dumps({k: r[k] for k in ("sol_watch", "notice_watch", "sol_manual_later")},
	                 indent=1, ensure_ascii=False))
	EOF
	cat >expect <<-\EOF
	{
	 "sol_watch": [
	  {
	   "case": "miss-1",
	   "date": "2026-11-01",
	   "days": -21,
	   "basis": "CA: 2y from incident 2024-11-01 (Cal. Code Civ. Proc. § 335.1)",
	   "missed": true
	  },
	  {
	   "case": "soon-2",
	   "date": "2027-01-15",
	   "days": 54,
	   "basis": "CA: 2y from incident 2025-01-15 (Cal. Code Civ. Proc. § 335.1)",
	   "missed": false
	  },
	  {
	   "case": "sat-3",
	   "date": "2027-03-06",
	   "days": 104,
	   "basis": "CA: 2y from incident 2025-03-06 (Cal. Code Civ. Proc. § 335.1)",
	   "missed": false
	  }
	 ],
	 "notice_watch": [
	  {
	   "case": "govmiss-6",
	   "date": "2026-09-29",
	   "days": -54,
	   "basis": "NY: 90d from incident 2026-07-01; government defendant nyc (N.Y. Gen. Mun. Law § 50-e)",
	   "missed": true
	  },
	  {
	   "case": "gov-5",
	   "date": "2026-12-01",
	   "days": 9,
	   "basis": "CA: 6m from incident 2026-06-01; government defendant city (Cal. Gov. Code § 911.2)",
	   "missed": false
	  }
	 ],
	 "sol_manual_later": [
	  {
	   "case": "manual-7",
	   "name": "sol",
	   "date": "2027-06-01",
	   "computed": "2027-02-01"
	  }
	 ]
	}
	EOF
	test_cmp expect actual
'

test_expect_success 'json: sol_watch_days from docket.ini' '
	sed -i "s/^sol_watch_days = 180\$/sol_watch_days = 60/" firm/docket.ini
	docket -C firm report --json >out
	python3 -c "import json; r = json.load(open(\"out\")); print(\" \".join(w[\"case\"] for w in r[\"sol_watch\"]))" >actual
	echo "miss-1 soon-2" >expect
	test_cmp expect actual
	git -C firm checkout -q docket.ini
'

test_expect_success 'text: right after the overdue deadlines, missed first and loudest' '
	docket -C firm report >out
	sed -n "/^MISSED: statutes/,/^Awaiting first contact/p" out >actual
	cat >expect <<-\EOF
	MISSED: statutes of limitations past their date (1)
	  2026-11-01  21 days ago    miss-1           (a Sunday)
	      CA: 2y from incident 2024-11-01 (Cal. Code Civ. Proc. § 335.1)

	MISSED: notices of claim past their date (1)
	  2026-09-29  54 days ago    govmiss-6
	      NY: 90d from incident 2026-07-01; government defendant nyc (N.Y. Gen.
	      Mun. Law § 50-e)

	Statutes of limitations in the next 180 days (2)
	  2027-01-15  in 54 days     soon-2
	      CA: 2y from incident 2025-01-15 (Cal. Code Civ. Proc. § 335.1)
	  2027-03-06  in 104 days    sat-3            (a Saturday)
	      CA: 2y from incident 2025-03-06 (Cal. Code Civ. Proc. § 335.1)

	Notices of claim in the next 180 days (1)
	  2026-12-01  in 9 days      gov-5
	      CA: 6m from incident 2026-06-01; government defendant city (Cal. Gov.
	      Code § 911.2)

	Set by hand later than the rules give (1)
	  manual-7         sol             2027-06-01; the rules give 2027-02-01
	      CA: 2y from incident 2025-02-01 (Cal. Code Civ. Proc. § 335.1)

	Awaiting first contact (8)
	EOF
	test_cmp expect actual
	# the overdue deadlines come just before
	grep -n "^Overdue deadlines (2)\$" out | cut -d: -f1 >o
	grep -n "^MISSED: statutes" out | cut -d: -f1 >m
	test "$(cat o)" -lt "$(cat m)"
	test "$(sed -n "$(($(cat m) - 1))p" out)" = ""
	test "$(sed -n "$(($(cat m) - 2))p" out)" = "      Statute of limitations"
'

test_expect_success 'text: the missed ones in red, on a terminal' '
	script -qec "docket -C firm report" /dev/null >tty
	grep -q "$(printf "\033")\[1m$(printf "\033")\[31mMISSED: statutes of limitations past their date (1)" tty
	grep -q "$(printf "\033")\[31m21 days ago" tty
'

test_expect_success 'md: the same sections' '
	docket -C firm report --md >out
	sed -n "/^## MISSED: statutes/,/^## Awaiting first contact/p" out >actual
	cat >expect <<-\EOF
	## MISSED: statutes of limitations past their date (1)

	- **miss-1** (Mia Miss): **2026-11-01**, **missed, 21 days ago** (a Sunday); CA: 2y from incident 2024-11-01 \(Cal. Code Civ. Proc. § 335.1\)

	## MISSED: notices of claim past their date (1)

	- **govmiss-6** (Gia Gov): **2026-09-29**, **missed, 54 days ago**; NY: 90d from incident 2026-07-01; government defendant nyc \(N.Y. Gen. Mun. Law § 50-e\)

	## Statutes of limitations in the next 180 days (2)

	- **soon-2** (Sam Soon): 2027-01-15, in 54 days; CA: 2y from incident 2025-01-15 \(Cal. Code Civ. Proc. § 335.1\)
	- **sat-3** (Sal Sat): 2027-03-06, in 104 days (a Saturday); CA: 2y from incident 2025-03-06 \(Cal. Code Civ. Proc. § 335.1\)

	## Notices of claim in the next 180 days (1)

	- **gov-5** (Gil Gov): 2026-12-01, in 9 days; CA: 6m from incident 2026-06-01; government defendant city \(Cal. Gov. Code § 911.2\)

	## Set by hand later than the rules give (1)

	- **manual-7** (Max Manual): `sol` set to 2027-06-01; the rules give **2027-02-01**: CA: 2y from incident 2025-02-01 \(Cal. Code Civ. Proc. § 335.1\)

	## Awaiting first contact (8)
	EOF
	test_cmp expect actual
'

test_expect_success 'html: the lists, missed first, every value escaped' '
	docket -C firm report --html "$TRASH/page.html"
	for id in sol-watch notice-watch sol-manual-later; do
		grep -q "id=\"$id\"" page.html || { echo "no $id"; exit 1; }
	done
	sed -n "/<section class=\"list\" id=\"sol-watch\">/,/<\\/section>/p" page.html >actual
	cat >expect <<-\EOF
	<section class="list" id="sol-watch">
	<h2>Statutes of limitations: missed, and in the next 180 days <span class="muted">(3)</span></h2>
	<ul class="items">
	<li class="missed"><a class="id" href="#case-miss-1">miss-1</a> <span class="client">Mia Miss</span>: <time>2026-11-01</time>, <strong class="late">MISSED, 21 days ago</strong> (a Sunday)<br><span class="muted">CA: 2y from incident 2024-11-01 (Cal. Code Civ. Proc. § 335.1)</span></li>
	<li><a class="id" href="#case-soon-2">soon-2</a> <span class="client">Sam Soon</span>: <time>2027-01-15</time>, <span class="soon">in 54 days</span><br><span class="muted">CA: 2y from incident 2025-01-15 (Cal. Code Civ. Proc. § 335.1)</span></li>
	<li><a class="id" href="#case-sat-3">sat-3</a> <span class="client">Sal Sat</span>: <time>2027-03-06</time>, <span class="soon">in 104 days</span> (a Saturday)<br><span class="muted">CA: 2y from incident 2025-03-06 (Cal. Code Civ. Proc. § 335.1)</span></li>
	</ul>
	</section>
	EOF
	test_cmp expect actual
	grep -q "<li class=\"missed\"><a class=\"id\" href=\"#case-govmiss-6\">" page.html
	grep -q "<code>sol</code> set to <time>2027-06-01</time>; the rules give <strong class=\"late\"><time>2027-02-01</time></strong>" page.html
	# each case listed has its notes section
	grep -q "id=\"case-manual-7\"" page.html
'

test_expect_success 'html: empty lists say so' '
	make_firm empty
	docket -C empty report --html "$TRASH/empty.html"
	grep "id=\"notice-watch\"" empty.html >actual
	cat >expect <<-\EOF
	<section class="empty" id="notice-watch"><h2>Notices of claim: missed, and in the next 180 days: <span class="muted">none</span></h2></section>
	EOF
	test_cmp expect actual
	docket -C empty report >out
	test_not grep -q "MISSED\|Statutes of limitations" out
'

test_expect_success 'a hostile basis stays text' '
	printf "\n[sol \"EV\"]\nperiod = 2y\ncite = <script>alert(1)</script> & *bold*\nverified = 2026-11-01\n" >>firm/docket.ini
	git -C firm commit -qam "a rule with markup in its cite"
	d add --id evil-1 --client "E" --incident 2024-12-15 --state EV
	docket -C firm report --html "$TRASH/page.html"
	grep -q "EV: 2y from incident 2024-12-15 (&lt;script&gt;alert(1)&lt;/script&gt; &amp; \*bold\*)" page.html
	test_must_fail grep -qi "<script" page.html
	docket -C firm report --md >out
	grep -q "EV: 2y from incident 2024-12-15 \\\\(\\\\<script\\\\>alert\\\\(1\\\\)\\\\</script\\\\> \\\\& \\\\\*bold\\\\\*\\\\)" out
	docket -C firm report --json >out
	grep -q "\\\\u003cscript\\\\u003e" out
'

test_done
