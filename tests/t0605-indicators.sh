#!/bin/sh
# indicator phrases match whole words; a phrase ending in * any word it starts
. "$(dirname "$0")/lib.sh"

at() { DOCKET_NOW=$1; export DOCKET_NOW; }
d() { docket -C firm "$@" >/dev/null; }

test_expect_success 'init writes the default indicators, with * where an ending should match' '
	at 2026-11-01
	make_firm
	sed -n "/^# words in notes/,/^communication/p" firm/docket.ini >actual &&
	cat >expect <<-\EOF &&
	# words in notes that suggest an escalation, by reason: whole words,
	# any case; a phrase ending in * matches any word it starts
	[indicators]
	medical = numbness, tingling, loss of consciousness, blacked out, confusion, confused, forgetful
	complexity = 18-wheeler*, semi truck*, tractor-trailer*, commercial policy, evidence preservation, witness*
	treatment = stopped treatment, refuses treatment, skip therapy, skipped therapy, settle now
	coverage = denied, liability dispute*, uninsured, underinsured, coverage
	communication = unhappy, dissatisfied, frustrated, another lawyer, complain*
	EOF
	test_cmp expect actual
'

test_expect_success 'whole words: complaint is not in complaints, unless it ends in *' '
	at 2026-11-01
	d add --id a-1 --client "Ann A" --attorney alice --manager bob
	d add --id b-2 --client "Ben B" --attorney alice --manager bob
	d add --id c-3 --client "Cy C" --attorney alice --manager bob
	d note a-1 --kind call -m "Two COMPLAINTS about the eyewitness; no coverages left"
	d note b-2 --kind call -m "A pile-up with two 18-Wheelers and three witnesses"
	d note c-3 --kind call -m "Uncomplaining, no numbness (numbnesses?)"
	docket -C firm report --json >out &&
	python3 - <<-\EOF
	import json
	s = json.load(open("out"))["suggested_escalations"]
	got = sorted((x["case"], x["reason"], x["match"]) for x in s)
	assert got == [("a-1", "communication", "complain*"),
	    ("b-2", "complexity", "18-wheeler*"),
	    ("c-3", "medical", "numbness")], got
	EOF
'

test_expect_success 'a phrase without * stays whole' '
	at 2026-11-02
	sed -i "s/^communication = .*/communication = complaint/" firm/docket.ini
	git -C firm commit -qam "indicators: complaint"
	docket -C firm report --json >out
	python3 - <<-\EOF
	import json
	s = json.load(open("out"))["suggested_escalations"]
	assert [x["case"] for x in s if x["reason"] == "communication"] == [], s
	EOF
	d note a-1 --kind call -m "A complaint, at last."
	docket -C firm report --json >out &&
	python3 - <<-\EOF
	import json
	s = json.load(open("out"))["suggested_escalations"]
	got = [(x["case"], x["match"]) for x in s if x["reason"] == "communication"]
	assert got == [("a-1", "complaint")], s
	EOF
'

test_done
