#!/bin/sh
# note --with: who a contact was with; only the client's count for contact
. "$(dirname "$0")/lib.sh"

at() { DOCKET_NOW=$1; export DOCKET_NOW; }
d() { docket -C firm "$@" >/dev/null; }

test_expect_success 'a firm with known contact answers' '
	at 2026-09-01
	make_firm
	# a: called the client 12 days ago
	d add --id a-1 --client "Ann A" --attorney alice --manager bob
	# b: only the adjuster was called: nobody called the client
	d add --id b-2 --client "Ben B" --attorney alice --manager bob
	# e: the client emailed 48 days ago, the adjuster called 2 days ago
	at 2026-10-01; d add --id e-5 --client "Eve E" --attorney alice --manager bob
	at 2026-10-05T10:00:00Z; d note e-5 --kind email -m "Sent the client the forms"
	at 2026-11-10T15:00:00Z; d note a-1 --kind call -m "Client doing fine"
	at 2026-11-15T16:30:00Z; d note b-2 --kind call --with adjuster -m "Adjuster wants records"
	at 2026-11-20T09:00:00Z; d note e-5 --kind call --with Adjuster -m "Adjuster called back"
	# c: opened 12 days ago, not yet called: awaiting its first contact
	at 2026-11-10; d add --id c-3 --client "Cy C" --attorney alice --manager bob
	# d: opened 10 days ago, emailed the day after
	at 2026-11-12; d add --id d-4 --client "Di D" --attorney alice --manager bob
	at 2026-11-13T12:00:00Z; d note d-4 --kind email --with client -m "Welcome letter"
	test_repo_clean firm
'

test_expect_success 'the note file names say who a note was with' '
	git -C firm ls-files "cases/*/b-2/notes/*" "cases/*/e-5/notes/*" "cases/*/d-4/notes/*" >actual &&
	cat >expect <<-\EOF &&
	cases/2026/b-2/notes/20261115T163000Z-call-bob+adjuster.md
	cases/2026/d-4/notes/20261113T120000Z-email-bob.md
	cases/2026/e-5/notes/20261005T100000Z-email-bob.md
	cases/2026/e-5/notes/20261120T090000Z-call-bob+adjuster.md
	EOF
	test_cmp expect actual &&
	git -C firm log -1 --format=%s -- cases/2026/e-5/notes >actual &&
	echo "note(e-5): call with adjuster" >expect &&
	test_cmp expect actual
'

test_expect_success 'report --json: client contact only; new cases await' '
	at 2026-11-22
	docket -C firm report --json >out &&
	python3 - <<-\EOF
	import json
	c = json.load(open("out"))["contact"]
	want = {
	    "window_days": 30, "open": 5, "contacted": 2, "pct": 50,
	    "target_pct": 80,
	    "stale": [
	        {"case": "b-2", "last_contact": None, "days": 82},
	        {"case": "e-5", "last_contact": "2026-10-05", "days": 48},
	    ],
	    "awaiting_first_contact": [
	        {"case": "c-3", "opened": "2026-11-10", "days": 12},
	    ],
	}
	assert c == want, c
	EOF
'

test_expect_success 'report: the text shows the cases awaiting first contact' '
	at 2026-11-22
	docket -C firm report >out &&
	sed -n "/^Clients not contacted/,/^$/p; /^Awaiting first contact/,/^$/p; /^Client contact/,/^$/p" out >actual &&
	cat >expect <<-\EOF &&
	Clients not contacted in 30 days (2)
	  b-2              never contacted; opened 82 days ago
	  e-5              last contact 2026-10-05, 48 days ago

	Awaiting first contact (1)
	  c-3              opened 12 days ago

	Client contact in the last 30 days: 2 of 4 open cases
	  50%, target 80% (below target)
	  1 more awaiting first contact

	EOF
	test_cmp expect actual
'

test_expect_success 'a case opened contact_days ago and never called is stale' '
	at 2026-12-10
	docket -C firm report --json >out &&
	python3 - <<-\EOF
	import json
	c = json.load(open("out"))["contact"]
	got = [(s["case"], s["days"]) for s in c["stale"]]
	assert got == [("b-2", 100), ("e-5", 66), ("a-1", 30), ("c-3", 30)], got
	assert c["awaiting_first_contact"] == [], c
	assert (c["contacted"], c["pct"]) == (1, 20), c
	EOF
'

test_expect_success 'show and log say who a note was with' '
	at 2026-11-22
	docket -C firm show e-5 >out &&
	sed -n "/^Notes/,\$p" out >actual &&
	cat >expect <<-\EOF &&
	Notes
	  2026-10-05 10:00  email  bob
	    Sent the client the forms
	  2026-11-20 09:00  call with adjuster  bob
	    Adjuster called back
	EOF
	test_cmp expect actual &&
	docket -C firm show e-5 --json >out &&
	python3 - <<-\EOF &&
	import json
	n = json.load(open("out"))["notes"]
	assert [x["with"] for x in n] == ["client", "adjuster"], n
	EOF
	docket -C firm log e-5 >out &&
	grep -q "^2026-11-20 09:00  Bob Diaz  note(e-5): call with adjuster  " out
'

test_expect_success 'refused: a --with that is not one word' '
	cd firm &&
	test_refused docket note a-1 --kind call --with "Dana Roe" -m "x" &&
	echo "docket: --with '"'"'dana roe'"'"' contains a space" >expect &&
	test_cmp expect "$TRASH/err" &&
	test_refused docket note a-1 --kind call --with "" -m "x" &&
	echo "docket: --with is empty" >expect &&
	test_cmp expect "$TRASH/err"
'

test_done
