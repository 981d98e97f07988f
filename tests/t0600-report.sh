#!/bin/sh
# report --json: a firm built with docket's own commands at chosen dates,
# with a known answer for every figure
. "$(dirname "$0")/lib.sh"

at() { DOCKET_NOW=$1; export DOCKET_NOW; }
d() { docket -C firm "$@" >/dev/null; }

test_expect_success 'a firm with a known history' '
	at 2026-01-05
	make_firm
	# caseload limits low enough to be crossed (carol sits exactly on hers)
	sed -i "s/^manager_caseload_max = 150$/manager_caseload_max = 2/;
		s/^attorney_caseload_max = 100$/attorney_caseload_max = 4/" \
		firm/docket.ini
	git -C firm commit -qam "rules: small caseloads"

	# three closed cases: 100, 150 and 30 days from opened to closed
	at 2026-01-10; d add --id evans-5 --client "Eve Evans" --incident 2026-01-02 --attorney alice --manager bob
	at 2026-02-01; d add --id fisher-6 --client "Fay Fisher" --incident 2026-01-20 --attorney alice --manager carol
	at 2026-03-01; d add --id green-7 --client "Gus Green" --incident 2026-02-20 --attorney alice --manager carol
	at 2026-03-01; d due evans-5 2026-03-01 "Never done, but the case is closed" --name forgotten
	at 2026-03-31; d advance-stage green-7 closed
	at 2026-04-20; d advance-stage evans-5 closed
	at 2026-07-01; d advance-stage fisher-6 closed

	# davis: escalated on 10-01, resolved on 10-05
	at 2026-05-01; d add --id davis-4 --client "Dee Davis" --incident 2026-04-25 --attorney alice --manager carol
	at 2026-05-10; d advance-stage davis-4
	at 2026-10-01; d escalate davis-4 --reason coverage -m "Carrier denied the claim"
	at 2026-10-01; d note davis-4 --kind internal -m "A witness saw the crash"
	at 2026-10-02; d note davis-4 --kind internal -m "The other driver was UNINSURED, and the carrier speaks of coverage"
	at 2026-10-05; d escalate davis-4 --resolve -m "Go after the UM coverage"
	at 2026-11-22; d note davis-4 --kind text -m "Checked in with the client"

	# clark: an open escalation silences suggestions
	at 2026-06-01; d add --id clark-3 --client "Cy Clark" --incident 2026-05-28 --attorney alice --manager carol
	at 2026-07-01; d advance-stage clark-3
	at 2026-10-01; d advance-stage clark-3
	at 2026-10-20; d due clark-3 2026-11-01 "Request the ER records" --name er
	at 2026-11-02; d due clark-3 --done er
	at 2026-11-15; d escalate clark-3 --reason medical -m "Client reports numbness"
	at 2026-11-16; d note clark-3 --kind internal -m "More tingling, and she is frustrated"
	at 2026-11-20; d note clark-3 --kind email -m "Sent the client the treatment plan"

	# adams: deadlines on every boundary, a contact exactly 30 days ago
	at 2026-09-01; d add --id adams-1 --client "Al Adams" --incident 2026-08-15 --attorney alice --manager bob
	at 2026-09-10; d advance-stage adams-1
	at 2026-10-23; d note adams-1 --kind call -m "Client doing fine"
	at 2026-11-22; d note adams-1 --kind internal -m "Reviewed the file"
	at 2026-11-22
	d due adams-1 2026-11-21 "File the claim" --name file-claim
	d due adams-1 2026-11-22 "Order the records" --name records
	d due adams-1 2026-11-29 "Draft the demand" --name demand
	d due adams-1 2026-11-30 "Not due this week" --name later

	# baker: stuck in intake, contacted 29 days ago, two indicators
	at 2026-10-01; d add --id baker-2 --client "Bo Baker" --incident 2026-09-25 --attorney alice --manager bob
	at 2026-10-24; d note baker-2 --kind call -m "Client is frustrated with the adjuster"
	at 2026-10-30; d note baker-2 --kind medical -m "Some tingling in the hand"
	at 2026-11-10; d note baker-2 --kind internal -m "Client reports NUMBNESS in her
left hand; possible loss of
consciousness at the scene"

	# hill: new, never contacted
	at 2026-11-20; d add --id hill-8 --client "Hal Hill" --incident 2026-11-18 --attorney alice --manager bob
	test_repo_clean firm
'

test_expect_success 'report --json gives every figure' '
	at 2026-11-22
	cat >expect <<-\EOF &&
	{
	  "as_of": "2026-11-22",
	  "open": 5,
	  "closed": 3,
	  "overdue": [
	    {
	      "case": "adams-1",
	      "name": "file-claim",
	      "date": "2026-11-21",
	      "what": "File the claim",
	      "who": "bob",
	      "days": 1
	    }
	  ],
	  "due_soon": [
	    {
	      "case": "adams-1",
	      "name": "records",
	      "date": "2026-11-22",
	      "what": "Order the records",
	      "who": "bob",
	      "days": 0
	    },
	    {
	      "case": "adams-1",
	      "name": "demand",
	      "date": "2026-11-29",
	      "what": "Draft the demand",
	      "who": "bob",
	      "days": 7
	    }
	  ],
	  "sol_watch": [],
	  "notice_watch": [],
	  "sol_manual_later": [],
	  "demands_due": [],
	  "treatment_gaps": [],
	  "settlements": [],
	  "escalations": [
	    {
	      "case": "clark-3",
	      "reason": "medical",
	      "to": "alice",
	      "opened": "2026-11-15",
	      "days_open": 7
	    }
	  ],
	  "suggested_escalations": [
	    {
	      "case": "baker-2",
	      "reason": "medical",
	      "match": "numbness",
	      "note": "20261110T120000Z-internal-bob.md"
	    },
	    {
	      "case": "baker-2",
	      "reason": "communication",
	      "match": "frustrated",
	      "note": "20261024T120000Z-call-bob.md"
	    },
	    {
	      "case": "davis-4",
	      "reason": "coverage",
	      "match": "uninsured",
	      "note": "20261002T120000Z-internal-bob.md"
	    }
	  ],
	  "stages": [
	    {
	      "stage": "intake",
	      "open": 2,
	      "over_limit": 1,
	      "max_days": 14
	    },
	    {
	      "stage": "treatment",
	      "open": 2,
	      "over_limit": 1,
	      "max_days": 180
	    },
	    {
	      "stage": "records",
	      "open": 1,
	      "over_limit": 1,
	      "max_days": 30
	    },
	    {
	      "stage": "demand",
	      "open": 0,
	      "over_limit": 0,
	      "max_days": 3
	    },
	    {
	      "stage": "negotiation",
	      "open": 0,
	      "over_limit": 0,
	      "max_days": 60
	    },
	    {
	      "stage": "litigation",
	      "open": 0,
	      "over_limit": 0,
	      "max_days": 365
	    },
	    {
	      "stage": "settlement",
	      "open": 0,
	      "over_limit": 0,
	      "max_days": 30
	    }
	  ],
	  "stuck": [
	    {
	      "case": "baker-2",
	      "stage": "intake",
	      "days": 52,
	      "max_days": 14
	    },
	    {
	      "case": "davis-4",
	      "stage": "treatment",
	      "days": 196,
	      "max_days": 180
	    },
	    {
	      "case": "clark-3",
	      "stage": "records",
	      "days": 52,
	      "max_days": 30
	    }
	  ],
	  "contact": {
	    "window_days": 30,
	    "open": 5,
	    "contacted": 3,
	    "pct": 75,
	    "target_pct": 80,
	    "stale": [
	      {
	        "case": "adams-1",
	        "last_contact": "2026-10-23",
	        "days": 30
	      }
	    ],
	    "awaiting_first_contact": [
	      {
	        "case": "hill-8",
	        "opened": "2026-11-20",
	        "days": 2
	      }
	    ]
	  },
	  "caseload": [
	    {
	      "who": "alice",
	      "role": "attorney",
	      "open": 5,
	      "max": 4,
	      "over": true
	    },
	    {
	      "who": "bob",
	      "role": "manager",
	      "open": 3,
	      "max": 2,
	      "over": true
	    },
	    {
	      "who": "carol",
	      "role": "manager",
	      "open": 2,
	      "max": 2,
	      "over": false
	    }
	  ],
	  "resolution": {
	    "closed": 3,
	    "avg_days": 93.33,
	    "median_days": 100
	  },
	  "demand_turnaround": {
	    "count": 0,
	    "median_days": null,
	    "within_pct": null,
	    "target_days": 3
	  },
	  "inquiries": {
	    "open": [],
	    "answered": 0,
	    "median_hours": null,
	    "within_pct": null,
	    "target_hours": 24
	  },
	  "milestones": {
	    "completed": 7,
	    "on_time": 3,
	    "pct": 42.86
	  },
	  "velocity": [
	    {
	      "stage": "intake",
	      "median_days": 30,
	      "count": 6
	    },
	    {
	      "stage": "treatment",
	      "median_days": 92,
	      "count": 1
	    }
	  ],
	  "errors": []
	}
	EOF
	docket -C firm report --json >actual 2>err &&
	test_cmp expect actual &&
	test_must_fail test -s err &&
	test_repo_clean firm
'

test_expect_success 'a day later: the boundaries move' '
	at 2026-11-23
	docket -C firm report --json >out &&
	python3 - <<-\EOF
	import json
	r = json.load(open("out"))
	assert r["as_of"] == "2026-11-23"
	assert [(d["name"], d["days"]) for d in r["overdue"]] == [("file-claim", 2), ("records", 1)], r["overdue"]
	assert [(d["name"], d["days"]) for d in r["due_soon"]] == [("demand", 6), ("later", 7)], r["due_soon"]
	# baker (call on 10-24) is exactly 30 days ago now
	assert r["contact"]["contacted"] == 2, r["contact"]
	# hill, opened 3 days ago, awaits its first contact: not stale
	assert [s["case"] for s in r["contact"]["stale"]] == ["adams-1", "baker-2"]
	assert r["contact"]["awaiting_first_contact"] == [{"case": "hill-8", "opened": "2026-11-20", "days": 3}]
	assert r["contact"]["open"] == 5
	assert r["contact"]["pct"] == 50
	EOF
'

test_expect_success 'the escalation answers what was known then' '
	at 2026-11-22
	d escalate baker-2 --reason medical -m "Numbness, possible loss of consciousness"
	docket -C firm report --json >out
	python3 - <<-\EOF
	import json
	r = json.load(open("out"))
	assert [(s["case"], s["reason"]) for s in r["suggested_escalations"]] == [("davis-4", "coverage")], r["suggested_escalations"]
	assert [e["case"] for e in r["escalations"]] == ["clark-3", "baker-2"], r["escalations"]
	EOF
	d escalate baker-2 --resolve -m "Handled"
	docket -C firm report --json >out &&
	python3 - <<-\EOF
	import json
	r = json.load(open("out"))
	# the notes are from before the escalation was opened (today)
	assert [(s["case"], s["reason"]) for s in r["suggested_escalations"]] == [("davis-4", "coverage")], r["suggested_escalations"]
	assert [e["case"] for e in r["escalations"]] == ["clark-3"]
	EOF
'

test_expect_success 'a note after the escalation suggests again' '
	at 2026-11-23
	d note baker-2 --kind call -m "Client says she is dissatisfied"
	docket -C firm report --json >out &&
	python3 - <<-\EOF
	import json
	r = json.load(open("out"))
	got = [(s["case"], s["reason"], s["match"]) for s in r["suggested_escalations"]]
	assert got == [("baker-2", "communication", "dissatisfied"), ("davis-4", "coverage", "uninsured")], got
	EOF
'

test_expect_success '--who: one person'"'"'s cases' '
	at 2026-11-22
	docket -C firm report --json --who carol >out &&
	python3 - <<-\EOF
	import json
	r = json.load(open("out"))
	assert (r["open"], r["closed"]) == (2, 2), (r["open"], r["closed"])
	assert r["overdue"] == [] and r["due_soon"] == []
	assert [e["case"] for e in r["escalations"]] == ["clark-3"]
	assert [s["case"] for s in r["stuck"]] == ["davis-4", "clark-3"]
	assert r["caseload"] == [{"who": "carol", "role": "manager", "open": 2, "max": 2, "over": False}]
	assert r["resolution"] == {"closed": 2, "avg_days": 90, "median_days": 90}
	assert r["contact"]["pct"] == 100
	EOF
'

test_expect_success '--stage: the cases in one stage' '
	at 2026-11-22
	docket -C firm report --json --stage intake >out &&
	python3 - <<-\EOF
	import json
	r = json.load(open("out"))
	assert (r["open"], r["closed"]) == (2, 0)
	assert [s["open"] for s in r["stages"]] == [2, 0, 0, 0, 0, 0, 0]
	assert r["contact"]["stale"] == []
	assert [s["case"] for s in r["contact"]["awaiting_first_contact"]] == ["hill-8"]
	assert r["resolution"] == {"closed": 0, "avg_days": None, "median_days": None}
	assert [(c["who"], c["open"]) for c in r["caseload"]] == [("alice", 2), ("bob", 2), ("carol", 0)]
	EOF
'

test_expect_success 'bad options are usage errors; an unknown stage fails' '
	test_must_fail --code=2 docket -C firm report --json --md 2>err &&
	grep -q "one at a time" err &&
	test_must_fail --code=2 docket -C firm report extra 2>err &&
	grep -q "unexpected argument" err &&
	test_must_fail --code=2 docket -C firm report --bogus &&
	test_must_fail docket -C firm report --stage nowhere 2>err &&
	grep -q "unknown stage .nowhere." err &&
	test_must_fail docket -C firm report --who "Not A Handle" &&
	docket -C firm report --help >out &&
	grep -q "^usage: docket report" out
'

test_expect_success 'html: the page of this firm, and of one person, runs and fetches nothing' '
	docket -C firm report --html "$TRASH/page.html"
	html_inert page.html
	grep -q "<section class=\"list\" id=\"overdue\">" page.html
	docket -C firm report --who alice --html "$TRASH/alice.html"
	html_inert alice.html
	grep -q "the cases of alice" alice.html
'

test_expect_success 'the report changes nothing' '
	head=$(git -C firm rev-parse HEAD) &&
	docket -C firm report >/dev/null &&
	docket -C firm report --md >/dev/null &&
	test "$(git -C firm rev-parse HEAD)" = "$head" &&
	test_repo_clean firm
'

test_done
