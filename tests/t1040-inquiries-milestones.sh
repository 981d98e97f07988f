#!/bin/sh
# report: client inquiries and their response times, milestones on
# schedule and velocity, with exact numbers, in every form
. "$(dirname "$0")/lib.sh"

at() { DOCKET_NOW=$1; export DOCKET_NOW; }
q() { docket "$@" >/dev/null; }
n() { q note "$1" --kind "$2" --at "$3" -m "$4"; }

test_expect_success 'a firm with client inquiries, answered and not' '
	at 2026-10-01
	make_firm
	cd firm
	q add --id a --client "Ann A" --attorney alice --manager bob
	q add --id b --client "Bo B" --attorney alice --manager bob
	q add --id c --client "Cy C" --attorney alice --manager bob
	q add --id d --client "Di D" --attorney alice --manager bob
	at 2026-11-22
	# a: 2 hours (2.5); then two inquiries that the internal note does not
	# answer, nor the second inquiry the first: the email does, 27 and 25
	# hours after them
	n a inquiry 2026-11-10T08:00:00Z "Voicemail: call me back"
	n a call 2026-11-10T10:30:00Z "Called back"
	n a inquiry 2026-11-12T09:00:00Z "Portal: a question about the bills"
	n a internal 2026-11-12T10:00:00Z "Asked the billing team"
	n a inquiry 2026-11-12T11:00:00Z "Email: and the pharmacy bill?"
	n a email 2026-11-13T12:00:00Z "Answered both questions"
	# b: 24 hours exactly (within); one older than 30 days (not counted);
	# one open, 10 hours
	n b inquiry 2026-10-20T09:00:00Z "Voicemail, long ago"
	n b call 2026-10-30T09:00:00Z "Called back, late"
	n b inquiry 2026-11-20T12:00:00Z "Voicemail"
	n b text 2026-11-21T12:00:00Z "Texted back"
	n b inquiry 2026-11-22T02:00:00Z "Email at night"
	# c: open for 29 days (696 hours): contact all the same
	n c inquiry 2026-10-24T12:00:00Z "Voicemail"
	# d: closed, its inquiry not counted
	n d inquiry 2026-11-21T12:00:00Z "Thank you note"
	at 2026-11-21; q advance-stage d closed
	test_repo_clean
'

test_expect_success 'report --json: inquiries, answered by the next contact note, with exact hours' '
	cd firm
	at 2026-11-22
	docket report --json >../out
	python3 - ../out <<-\EOF
	import json, sys
	r = json.load(open(sys.argv[1]))
	q = r["inquiries"]
	assert q["answered"] == 4, q
	assert q["median_hours"] == 24.5, q
	assert q["within_pct"] == 50, q
	assert q["target_hours"] == 24, q
	assert [(o["case"], o["at"], o["hours"]) for o in q["open"]] == [
	    ("c", "2026-10-24T12:00:00Z", 696), ("b", "2026-11-22T02:00:00Z", 10)], q
	assert q["open"][1]["note"] == "20261122T020000Z-inquiry-bob.md", q
	# an inquiry is client contact: c was contacted 29 days ago
	assert [s["case"] for s in r["contact"]["stale"]] == [], r["contact"]
	EOF
'

test_expect_success '[rules] inquiry_response_hours sets the target' '
	cd firm
	at 2026-11-22
	sed -i "s/^inquiry_response_hours = 24$/inquiry_response_hours = 25/" docket.ini
	docket report --json >../out
	python3 -c "import json,sys; q=json.load(open(\"../out\"))[\"inquiries\"]; sys.exit(not (q[\"within_pct\"] == 75 and q[\"target_hours\"] == 25))"
	git checkout -q docket.ini
'

test_expect_success 'the inquiries in the text, Markdown and HTML reports' '
	cd firm
	at 2026-11-22
	docket report >../out
	sed -n "/^Client inquiries unanswered/,/^$/p" ../out >../got
	cat >../expect <<-\EOF
	Client inquiries unanswered (2)
	  c                696 hours since 2026-10-24 12:00 (over target)
	  b                10 hours since 2026-11-22 02:00

	EOF
	test_cmp ../expect ../got
	grep -A1 "^Client inquiries of the last 30 days: 2 open$" ../out >../got
	printf "%s\n" "Client inquiries of the last 30 days: 2 open" \
		"  4 answered, median 24.5 hours; 50% within 24 hours" >../expect
	test_cmp ../expect ../got
	docket report --md >../out
	grep -q "^- \*\*c\*\* (Cy C): 696 hours since 2026-10-24 12:00$" ../out
	grep -q "^4 answered in the last 30 days: median 24.5 hours; \*\*50%\*\* within 24 hours; 2 open\.$" ../out
	docket report --html - >../page.html
	html_inert ../page.html
	grep -q "<h2 id=\"inquiries\">Client inquiries unanswered (2)</h2>" ../page.html
	grep -q "4 answered in the last 30 days, median 24.5 hours; 50% within 24 hours; 2 open" ../page.html
'

test_expect_success 'next lists the open inquiries, oldest first' '
	cd firm
	at 2026-11-22
	docket next --action inquiry >../out
	printf "%s\n" "c         inquiry     unanswered for 696 hours  bob" \
		"b         inquiry     unanswered for 10 hours   bob" >../expect
	test_cmp ../expect ../out
'

test_expect_success 'a firm whose cases moved through the pipeline at known dates' '
	at 2025-11-01
	make_firm mfirm
	cd mfirm
	q add --id s2 --client "Two" --attorney alice --manager bob
	at 2025-11-20; q advance-stage s2 treatment
	at 2026-01-05; q add --id s1 --client "One" --attorney alice --manager bob
	at 2026-01-15; q advance-stage s1 treatment
	at 2026-03-01; q advance-stage s2 closed
	at 2026-03-11; q advance-stage s2 settlement --force
	at 2026-05-15; q advance-stage s1 records
	at 2026-06-20; q advance-stage s1 demand
	at 2026-06-22; q advance-stage s1 negotiation
	at 2026-09-01; q add --id s3 --client "Three" --attorney alice --manager bob
	at 2026-09-05; q advance-stage s3 treatment
	at 2026-09-10; q advance-stage s3 intake --force
	at 2026-10-01; q add --id s4 --client "Four" --attorney alice --manager bob
	q advance-stage s4 demand
	at 2026-10-05; q advance-stage s4 negotiation
	test_repo_clean
'

test_expect_success 'milestones and velocity: the stays that ended in the last 365 days' '
	cd mfirm
	at 2026-11-22
	docket report --json >../out
	python3 - ../out <<-\EOF
	import json, sys
	r = json.load(open(sys.argv[1]))
	# s1: intake 10 (on time), treatment 120 (on), records 36 (late),
	#     demand 2 (on); s2: intake ended 2025-11-20 (too long ago),
	#     treatment 101 (on), closed 10 (no limit: velocity only);
	# s3: treatment 5 (on; moved back, [stages] keeps the last entry);
	# s4: intake 0 (on; skipped stages, the same day), demand 4 (late)
	assert r["milestones"] == {"completed": 8, "on_time": 6, "pct": 75}, r["milestones"]
	assert r["velocity"] == [
	    {"stage": "intake", "median_days": 5, "count": 2},
	    {"stage": "treatment", "median_days": 101, "count": 3},
	    {"stage": "records", "median_days": 36, "count": 1},
	    {"stage": "demand", "median_days": 3, "count": 2},
	    {"stage": "closed", "median_days": 10, "count": 1}], r["velocity"]
	EOF
'

test_expect_success 'a stay that ended 365 days ago is out; one day later it is in' '
	cd mfirm
	# s2 left intake on 2025-11-20: 365 days before 2026-11-20
	at 2026-11-20
	docket report --json >../out
	python3 -c "import json,sys; r=json.load(open(\"../out\")); sys.exit(r[\"milestones\"][\"completed\"] != 8)"
	at 2026-11-19
	docket report --json >../out
	python3 -c "import json,sys; r=json.load(open(\"../out\")); sys.exit(r[\"milestones\"] != {\"completed\": 9, \"on_time\": 6, \"pct\": 66.67})"
'

test_expect_success 'milestones and velocity in the text, Markdown and HTML reports' '
	cd mfirm
	at 2026-11-22
	docket report >../out
	grep -qx "Milestones, stage stays ended in the last 365 days: 6 of 8 on time (75%)" ../out
	sed -n "/^Velocity, median days in a stage:$/,/^$/p" ../out >../got
	cat >../expect <<-\EOF
	Velocity, median days in a stage:
	  intake                  5 days  (2 stays)
	  treatment             101 days  (3 stays)
	  records                36 days  (1 stay)
	  demand                  3 days  (2 stays)
	  closed                 10 days  (1 stay)
	EOF
	test_cmp ../expect ../got
	docket report --md >../out
	grep -qx "6 of 8 stage stays that ended in the last 365 days were on time: \*\*75%\*\*." ../out
	grep -qx -- "- treatment: median 101 days (3 stays)" ../out
	docket report --html - >../page.html
	html_inert ../page.html
	grep -q "<tr><th>Milestones</th><td>6 of 8 stage stays on time (75%)</td></tr>" ../page.html
	grep -q "<tr><th>Velocity: demand</th><td>median 3 days (2 stays)</td></tr>" ../page.html
'

test_expect_success 'a firm with no stay ended and no inquiry: null figures, never a division by zero' '
	at 2026-11-22
	make_firm empty
	cd empty
	docket report --json >../out
	python3 - ../out <<-\EOF
	import json, sys
	r = json.load(open(sys.argv[1]))
	assert r["milestones"] == {"completed": 0, "on_time": 0, "pct": None}, r
	assert r["velocity"] == [], r
	assert r["inquiries"] == {"open": [], "answered": 0, "median_hours": None,
	    "within_pct": None, "target_hours": 24}, r
	EOF
'

test_done
