#!/bin/sh
# docket agenda: the exceptions of the open cases an attorney and a case
# manager share, and nothing else, as text, Markdown and JSON
. "$(dirname "$0")/lib.sh"

at() { DOCKET_NOW=$1; export DOCKET_NOW; }
q() { docket "$@" >/dev/null; }
called() { q note "$1" --kind call --at 2026-11-20T09:00:00Z -m "${2:-Checked in with the client}"; }

test_expect_success 'a firm with one exception of each kind, and cases of others' '
	at 2026-09-25
	make_firm
	cd firm
	cat >>docket.ini <<-\EOF

	[staff "dave"]
	name = Dave Ng
	email = dave@firm.example
	role = attorney
	EOF
	git commit -qam "staff: dave"
	# p4: an old offer told to the client, and a new one not yet
	q add --id p4 --client "Pat Four" --attorney alice --manager bob
	at 2026-09-26; q advance-stage p4 treatment
	# p7: never contacted (only its adjuster was called)
	q add --id p7 --client "Poe Seven" --attorney alice --manager bob
	q advance-stage p7 treatment
	q policy p4 bi --coverage bi --carrier "Great Plains" --lor-sent 2026-09-26
	at 2026-10-01; q offer p4 25000 --policy bi
	q due p4 --done offer-1
	# p6 stuck in intake; q1 (carol'"'"'s) and r1 (dave'"'"'s) too
	q add --id p6 --client "Pam Six" --attorney alice --manager bob
	q add --id q1 --client "Quinn One" --attorney alice --manager carol
	q add --id r1 --client "Ray One" --attorney dave --manager bob
	# p3: records complete 2026-11-18
	at 2026-10-20; q add --id p3 --client "Pia Three" --attorney alice --manager bob
	q provider p3 "Mercy Hospital" --visit 2026-10-01 --discharged 2026-10-20
	at 2026-10-21; q records p3 mercy --request
	q advance-stage p3 treatment
	at 2026-11-15
	q add --id p1 --client "Pru One" --attorney alice --manager bob
	q add --id p2 --client "Phil Two" --attorney alice --manager bob
	q add --id p5 --client "Pen Five" --incident 2025-01-15 --attorney alice --manager bob
	q add --id p8 --client "Peg Eight" --incident 2025-04-01 --attorney alice --manager bob
	at 2026-11-18; q records p3 mercy --receive
	at 2026-11-19; q escalate p1 --reason medical -m "Client reports numbness"
	at 2026-11-20
	q offer p4 60000 --policy bi
	for c in p1 p3 p4 p5 p6 p8 q1 r1; do called $c; done
	q note p7 --kind call --with adjuster -m "The adjuster has the photos"
	called p2 "The client is frustrated with the adjuster"
	test_repo_clean
'

test_expect_success 'agenda ATTORNEY MANAGER: the exceptions of the cases they share' '
	cd firm
	at 2026-11-22
	docket agenda alice bob >../out
	cat >../expect <<-\EOF
	Agenda: alice and bob, 2026-11-22

	Escalations (2)
	  p1        medical, open 3 days (escalation 1 to alice): Client reports numbness
	  p2        suggested: communication ("frustrated" in the call note of 2026-11-20 09:00)

	Demands due (1)
	  p3        records complete 2026-11-18, demand due 2026-11-21, 1 day late

	Offers of the last 14 days (1)
	  p4        offer 2 from bi on 2026-11-20: 60,000.00; the client is not told yet

	SOL and notices of claim, within 90 days or missed (1)
	  p5        SOL 2027-01-15, in 54 days

	Stuck (1)
	  p6        52 days in intake (limit 14)

	Clients not contacted (1)
	  p7        never contacted; opened 57 days ago

	Caseload
	  bob (manager): 9 open cases of 150
	  alice (attorney): 9 open cases of 100
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'agenda ATTORNEY alone: all of the attorney'"'"'s cases, and no one else'"'"'s' '
	cd firm
	at 2026-11-22
	docket agenda alice >../out
	sed -n "/^Stuck/,/^$/p" ../out >../got
	printf "%s\n" "Stuck (2)" "  p6        52 days in intake (limit 14)" \
		"  q1        52 days in intake (limit 14)" "" >../expect
	test_cmp ../expect ../got
	test "$(head -n 1 ../out)" = "Agenda: alice, 2026-11-22"
	test_not grep -q r1 ../out
	test "$(tail -n 2 ../out)" = "$(printf "Caseload\n  alice (attorney): 9 open cases of 100")"
	docket agenda dave bob >../out
	test "$(sed -n 3,4p ../out)" = "$(printf "Stuck (1)\n  r1        52 days in intake (limit 14)")"
'

test_expect_success 'agenda --md: the same lines, escaped, for the invitation' '
	cd firm
	at 2026-11-22
	docket agenda alice bob --md >../out
	head -n 1 ../out >../got
	echo "# Agenda: alice and bob, 2026-11-22" >../expect
	test_cmp ../expect ../got
	grep -qx "## Escalations (2)" ../out
	grep -qx -- "- \*\*p2\*\* (Phil Two): suggested: communication (\"frustrated\" in the call note of 2026-11-20 09:00)" ../out
	grep -qx -- "- \*\*p4\*\* (Pat Four): offer 2 from bi on 2026-11-20: 60,000.00; the client is not told yet" ../out
	grep -qx -- "- bob (manager): 9 open cases of 150" ../out
'

test_expect_success 'agenda --json: every list, money as a string' '
	cd firm
	at 2026-11-22
	docket agenda alice bob --json >../out
	python3 - ../out <<-\EOF
	import json, sys
	a = json.load(open(sys.argv[1]))
	assert (a["attorney"], a["manager"], a["as_of"]) == ("alice", "bob", "2026-11-22"), a
	assert [e["case"] for e in a["escalations"]] == ["p1"], a
	assert [(s["case"], s["reason"]) for s in a["suggested_escalations"]] == [("p2", "communication")], a
	assert a["demands_due"] == [{"case": "p3", "complete": "2026-11-18", "due": "2026-11-21", "days": -1}], a
	assert a["offers"] == [{"case": "p4", "offer": "2", "policy": "bi", "date": "2026-11-20",
	    "amount": "60000.00", "conveyed": False}], a
	assert [(s["case"], s["days"]) for s in a["sol"]] == [("p5", 54)], a
	assert a["notice"] == [], a
	assert [s["case"] for s in a["stuck"]] == ["p6"], a
	assert a["not_contacted"] == [{"case": "p7", "last_contact": None, "days": 57}], a
	assert a["caseload"] == [
	    {"who": "bob", "role": "manager", "open": 9, "max": 150, "over": False},
	    {"who": "alice", "role": "attorney", "open": 9, "max": 100, "over": False}], a
	EOF
	docket agenda alice --json >../out
	python3 -c "import json,sys; a=json.load(open(\"../out\")); sys.exit(a[\"manager\"] is not None)"
'

test_expect_success 'the agenda and the report agree: every line is one of the report'"'"'s' '
	cd firm
	at 2026-11-22
	docket report --json >../report
	docket agenda alice --json >../agenda
	python3 - ../report ../agenda <<-\EOF
	import json, sys
	r, a = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
	alice = {"p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "q1"}
	def cases(v): return sorted(x["case"] for x in v)
	assert cases(a["escalations"]) == cases(x for x in r["escalations"] if x["case"] in alice)
	assert cases(a["demands_due"]) == cases(x for x in r["demands_due"] if x["case"] in alice)
	assert cases(a["stuck"]) == cases(x for x in r["stuck"] if x["case"] in alice)
	assert cases(a["not_contacted"]) == cases(x for x in r["contact"]["stale"] if x["case"] in alice)
	assert cases(a["sol"]) == cases(x for x in r["sol_watch"] if x["case"] in alice and x["days"] <= 90)
	EOF
'

test_expect_success 'nothing to decide: said so, with the caseload' '
	cd firm
	at 2026-11-22
	docket agenda dave carol >../out
	printf "%s\n" "Agenda: dave and carol, 2026-11-22" "" "No exceptions: nothing to decide." \
		"" "Caseload" "  carol (manager): 1 open case of 150" \
		"  dave (attorney): 1 open case of 100" >../expect
	test_cmp ../expect ../out
'

test_expect_success 'agenda refuses bad arguments' '
	cd firm
	test_refused --code=2 docket agenda
	test_refused --code=2 docket agenda alice bob carol
	test_refused --code=2 docket agenda alice --md --json
	test_refused docket agenda "Alice Chen"
'

test_done
