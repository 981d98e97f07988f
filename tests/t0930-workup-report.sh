#!/bin/sh
# report and the workup, against a firm with known answers: demands due
# (records complete, no demand sent), treatment gaps at the edge of
# treatment_gap_days, the demand turnaround over open and closed cases,
# and the complexity escalation a commercial policy or a truck case
# suggests; in JSON, text, Markdown and HTML.
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
printf "%s\n" out err actual expect page.html >>.git/info/exclude
at() { DOCKET_NOW=$1; export DOCKET_NOW; }
q() { docket "$@" >/dev/null; }

# a case with one provider whose records are complete on $3
complete_case() {
	at "$2"
	q add --id "$1" --client "Client $1" --attorney alice --manager bob
	q provider "$1" "Clinic" --visit "$2" --discharged "$2"
	at "$3"
	q records "$1" clinic --receive
}

test_expect_success 'the firm' '
	complete_case due-1 2026-11-01 2026-11-20
	complete_case late-2 2026-11-01 2026-11-10
	# records complete by a hand edit, outside docket: no deadline
	at 2026-10-20
	q add --id hand-3 --client "Client hand-3" --manager bob
	cat >>cases/2026/hand-3/case.ini <<-\EOF

	[provider "lab"]
	discharged = 2026-10-25
	records_received = 2026-11-01
	bills_received = 2026-10-30
	EOF
	git commit -qam "by hand"
	complete_case sent-4 2026-11-01 2026-11-05
	q policy sent-4 bi --coverage bi --lor-sent 2026-11-05
	at 2026-11-07; q demand sent-4 100000 --policy bi
	# closed: counts in the turnaround, not in demands due
	complete_case slow-5 2026-09-01 2026-10-01
	q policy slow-5 bi --coverage bi --lor-sent 2026-10-01
	at 2026-10-11; q demand slow-5 100000 --policy bi
	at 2026-10-12; q advance-stage slow-5 closed
	# a demand before the last records: 0 days
	at 2026-10-20
	q add --id early-6 --client "Client early-6" --manager bob
	q provider early-6 Clinic --visit 2026-10-20 --discharged 2026-10-20
	q policy early-6 bi --coverage bi --lor-sent 2026-10-20
	at 2026-11-01; q demand early-6 100000 --policy bi
	at 2026-11-10; q records early-6 clinic --receive
	# treatment gaps
	at 2026-10-01
	q add --id gap-7 --client "Client gap-7" --manager carol
	q advance-stage gap-7 treatment
	q provider gap-7 "Old PT" --visit 2026-10-01
	q provider gap-7 "Done Ortho" --visit 2026-09-15 --discharged 2026-09-20
	q provider gap-7 "No Visit Yet"
	at 2026-11-01; q provider gap-7 "Recent Chiro" --visit 2026-11-01
	at 2026-10-22
	q add --id gap-8 --client "Client gap-8" --manager carol
	q advance-stage gap-8 treatment
	q provider gap-8 "Edge 31" --visit 2026-10-22
	at 2026-10-23; q provider gap-8 "Edge 30" --visit 2026-10-23
	q add --id intake-9 --client "Client intake-9" --manager carol
	q provider intake-9 "Old Doc" --visit 2026-09-01
	# complexity from the case file
	at 2026-11-02
	q add --id truck-10 --client "Client truck-10" --attorney alice --type truck --manager bob
	q add --id comm-11 --client "Client comm-11" --attorney alice --manager bob
	q policy comm-11 bi --coverage bi --commercial --lor-sent 2026-11-02
	q add --id esc-12 --client "Client esc-12" --attorney alice --type truck --manager bob
	q escalate esc-12 --reason complexity -m "Truck case"
	q escalate esc-12 --resolve -m "Attorney has it"
	q add --id open-13 --client "Client open-13" --attorney alice --type truck --manager bob
	q escalate open-13 --reason medical -m "Numbness"
	q add --id note-14 --client "Client note-14" --attorney alice --type truck --manager bob
	q note note-14 --kind call -m "Hit by an 18-wheeler"
	test_repo_clean
'

test_expect_success 'report --json: demands_due, treatment_gaps, demand_turnaround' '
	at 2026-11-22
	docket report --json >out 2>err
	test ! -s err
	python3 - <<-\EOF
	import json
	r = json.load(open("out"))
	assert r["demands_due"] == [
	  {"case": "hand-3", "complete": "2026-11-01", "due": "2026-11-04", "days": -18},
	  {"case": "late-2", "complete": "2026-11-10", "due": "2026-11-13", "days": -9},
	  {"case": "due-1", "complete": "2026-11-20", "due": "2026-11-23", "days": 1}], r["demands_due"]
	assert r["treatment_gaps"] == [
	  {"case": "gap-7", "provider": "old-pt", "last_visit": "2026-10-01", "days": 52},
	  {"case": "gap-8", "provider": "edge-31", "last_visit": "2026-10-22", "days": 31}], r["treatment_gaps"]
	assert r["demand_turnaround"] == {"count": 3, "median_days": 2,
	    "within_pct": 66.67, "target_days": 3}, r["demand_turnaround"]
	s = [(x["case"], x["reason"], x["match"], x["note"]) for x in r["suggested_escalations"]]
	note = [x["note"] for x in r["suggested_escalations"] if x["case"] == "note-14"][0]
	assert s == [("comm-11", "complexity", "commercial policy", None),
	             ("truck-10", "complexity", "type truck", None),
	             ("note-14", "complexity", "18-wheeler*", note)], s
	assert note.endswith("-call-bob.md"), note
	EOF
'

test_expect_success 'recording the demand takes a case off demands due; the turnaround counts it' '
	at 2026-11-22
	q policy due-1 bi --coverage bi --lor-sent 2026-11-20
	q demand due-1 90000 --policy bi
	docket report --json >out
	python3 - <<-\EOF
	import json
	r = json.load(open("out"))
	assert [d["case"] for d in r["demands_due"]] == ["hand-3", "late-2"]
	assert r["demand_turnaround"] == {"count": 4, "median_days": 2,
	    "within_pct": 75, "target_days": 3}, r["demand_turnaround"]
	EOF
	git reset -q --hard HEAD~2
'

test_expect_success 'report text: the sections, and the turnaround among the figures' '
	at 2026-11-22
	docket report >out
	sed -n "/^Demands due/,/^$/p" out >actual
	cat >expect <<-\EOF
	Demands due: records complete, no demand sent (3)
	  2026-11-04  18 days late   hand-3           records complete 2026-11-01
	  2026-11-13  9 days late    late-2           records complete 2026-11-10
	  2026-11-23  tomorrow       due-1            records complete 2026-11-20

	EOF
	test_cmp expect actual
	sed -n "/^Treatment gaps/,/^$/p" out >actual
	cat >expect <<-\EOF
	Treatment gaps: no visit in 30 days (2)
	  gap-7            old-pt           last visit 2026-10-01, 52 days ago
	  gap-8            edge-31          last visit 2026-10-22, 31 days ago

	EOF
	test_cmp expect actual
	sed -n "/^Suggested escalations/,/^$/p" out | head -n 5 >actual
	cat >expect <<-\EOF
	Suggested escalations (3)
	  comm-11          complexity    "commercial policy"
	      from the case file
	  truck-10         complexity    "type truck"
	      from the case file
	EOF
	test_cmp expect actual
	sed -n "/^Demand turnaround/,/^$/p" out >actual
	cat >expect <<-\EOF
	Demand turnaround, records complete to the first demand:
	  3 cases, median 2 days; 66.67% within 3 days

	EOF
	test_cmp expect actual
	grep -n "^Overdue\|^Demands due\|^Due in\|^Suggested\|^Treatment gaps\|^Stuck\|^Client contact\|^Demand turnaround\|^Caseload" out | cut -d: -f2 | cut -c1-12 >actual
	cat >expect <<-\EOF
	Overdue dead
	Demands due
	Due in the n
	Suggested es
	Treatment ga
	Stuck in a s
	Client conta
	Demand turna
	Caseload (op
	EOF
	test_cmp expect actual
'

test_expect_success 'report --md: the same sections' '
	at 2026-11-22
	docket report --md >out
	sed -n "/^## Demands due/,/^## Due in/p" out >actual
	cat >expect <<-\EOF
	## Demands due: records complete, no demand sent (3)

	- **hand-3** (Client hand-3): records complete 2026-11-01, demand due 2026-11-04, **18 days late**
	- **late-2** (Client late-2): records complete 2026-11-10, demand due 2026-11-13, **9 days late**
	- **due-1** (Client due-1): records complete 2026-11-20, demand due 2026-11-23, tomorrow

	## Due in the next 7 days (1)
	EOF
	test_cmp expect actual
	grep -qx -- "- \*\*gap-7\*\* (Client gap-7): old-pt, last visit 2026-10-01, 52 days ago" out
	grep -qx -- "- \*\*comm-11\*\* (Client comm-11): complexity, \"commercial policy\" from the case file" out
	grep -qx "3 cases, from records complete to the first demand: median 2 days; \*\*66.67%\*\* within 3 days." out
'

test_expect_success 'report --html: the lists and the figure' '
	at 2026-11-22
	docket report --html page.html
	grep -q "<section class=\"list\" id=\"demands-due\">" page.html
	grep -q "<section class=\"list\" id=\"treatment-gaps\">" page.html
	grep -q "<li><a class=\"id\" href=\"#case-hand-3\">hand-3</a> <span class=\"client\">Client hand-3</span>: records complete <time>2026-11-01</time>, demand due <time>2026-11-04</time>, <span class=\"late\">18 days late</span></li>" page.html
	grep -q "<code>old-pt</code>, last visit <time>2026-10-01</time>" page.html
	grep -q "&ldquo;<mark>type truck</mark>&rdquo; from the case file</li>" page.html
	grep -q "<tr><th>Demand turnaround</th><td>3 cases, from records complete to the first demand: median 2 days; <span class=\"bad\">66.67%</span> within 3 days</td></tr>" page.html
'

test_expect_success '--who and --stage narrow the workup lists too' '
	at 2026-11-22
	docket report --json --who carol >out
	python3 - <<-\EOF
	import json
	r = json.load(open("out"))
	assert r["demands_due"] == []
	assert [g["case"] for g in r["treatment_gaps"]] == ["gap-7", "gap-8"]
	assert r["demand_turnaround"]["count"] == 0
	assert r["demand_turnaround"]["median_days"] is None
	assert r["demand_turnaround"]["within_pct"] is None
	EOF
'

test_expect_success '[rules] set the days: a wider gap, a longer demand window' '
	at 2026-11-22
	sed -i "s/^treatment_gap_days = 30$/treatment_gap_days = 40/; s/^demand_within_days = 3$/demand_within_days = 10/" docket.ini
	git commit -qam "rules"
	docket report --json >out
	python3 - <<-\EOF
	import json
	r = json.load(open("out"))
	assert [g["case"] for g in r["treatment_gaps"]] == ["gap-7"]
	# demands due keep the deadlines they have; hand-3 has none
	assert [(d["case"], d["due"]) for d in r["demands_due"]] == [
	  ("hand-3", "2026-11-11"), ("late-2", "2026-11-13"), ("due-1", "2026-11-23")], r["demands_due"]
	assert r["demand_turnaround"] == {"count": 3, "median_days": 2,
	    "within_pct": 100, "target_days": 10}, r["demand_turnaround"]
	EOF
'

test_done
