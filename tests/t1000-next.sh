#!/bin/sh
# docket next: a firm with a known answer for every action and its order;
# next and report agree on the same firm
. "$(dirname "$0")/lib.sh"

at() { DOCKET_NOW=$1; export DOCKET_NOW; }
q() { docket "$@" >/dev/null; }
# a call with the client on 2026-11-20: contacted, not a `contact` line
called() { q note "$1" --kind call --at 2026-11-20T09:00:00Z -m "Checked in with the client"; }

test_expect_success 'a firm with one case for each action' '
	at 2026-09-20
	make_firm
	cd firm
	# stuck: in records since 2026-10-01 (limit 30), carol manages it
	q add --id m-stuck --client "Mo Stuck" --attorney alice --manager carol
	at 2026-09-25; q advance-stage m-stuck treatment
	at 2026-10-01; q advance-stage m-stuck records
	# treatment: in treatment, the last visit 2026-10-07, not discharged
	at 2026-10-05; q add --id l-treat --client "Lu Treat" --attorney alice --manager bob
	at 2026-10-06; q advance-stage l-treat treatment
	at 2026-10-07; q provider l-treat "Dr Ames" --type ortho --visit 2026-10-07
	# contact: the last call 2026-10-12
	at 2026-10-10; q add --id i-contact --client "Ida Contact" --attorney alice --manager bob
	at 2026-10-11; q advance-stage i-contact treatment
	at 2026-10-12; q note i-contact --kind call -m "Spoke with the client"
	# demand: records complete 2026-11-18, the demand due 2026-11-21
	at 2026-10-20; q add --id e-demand --client "Ed Demand" --attorney alice --manager bob
	q provider e-demand "Mercy Hospital" --visit 2026-10-01 --discharged 2026-10-20
	at 2026-10-21; q records e-demand mercy --request
	q advance-stage e-demand treatment
	# records: requested 2026-10-20 and still awaited (follow up 2026-11-03)
	q add --id k-records --client "Kim Records" --attorney alice --manager bob
	q provider k-records "Mercy Hospital" --visit 2026-10-01
	q records k-records mercy --request 2026-10-20
	at 2026-11-15
	q add --id a-sol --client "Ann Sol" --incident 2024-12-10 --attorney alice --manager bob
	q add --id b-sol --client "Bo Sol" --incident 2024-11-15 --attorney alice --manager bob
	q add --id c-notice --client "Cy Notice" --state CA --incident 2026-06-01 --attorney alice --manager bob \
		--set defendant.city.name="City of Los Angeles" --set defendant.city.kind=government
	q add --id d-due --client "Di Due" --attorney alice --manager bob
	q due d-due 2026-11-10 "File the claim" --name file-claim --who bob
	q due d-due 2026-11-25 "Call the adjuster" --name call-adjuster --who bob
	q add --id f-inquiry --client "Fay Inquiry" --attorney alice --manager bob
	q add --id g-esc --client "Gil Esc" --attorney alice --manager bob
	q add --id h-offer --client "Hal Offer" --attorney alice --manager bob
	q policy h-offer bi --coverage bi --carrier "Great Plains" --lor-sent 2026-11-15
	q advance-stage k-records records
	at 2026-11-18; q records e-demand mercy --receive
	q note f-inquiry --kind inquiry --at 2026-11-18T09:00:00Z -m "Voicemail: when is my next appointment?"
	q note f-inquiry --kind call --at 2026-11-18T12:00:00Z -m "Called back about the appointment"
	at 2026-11-19; q escalate g-esc --reason medical -m "Client reports numbness in the arm"
	at 2026-11-20
	q offer h-offer 40000 --policy bi
	q add --id j-never --client "Jo Never" --attorney alice --manager bob
	for c in a-sol b-sol c-notice d-due e-demand g-esc h-offer k-records l-treat m-stuck; do called $c; done
	at 2026-11-22
	q note f-inquiry --kind inquiry --at 2026-11-21T06:00:00Z -m "Email: the adjuster called me"
	test_repo_clean
'

test_expect_success 'next --all: every action, most urgent first, then by when it fell due' '
	cd firm
	at 2026-11-22
	docket next --all >out
	cat >expect <<-\EOF
	b-sol      sol         SOL 2026-11-15, 7 days late                                      alice
	a-sol      sol         SOL 2026-12-10, in 18 days                                       alice
	c-notice   notice      notice of claim 2026-12-01, in 9 days                            alice
	d-due      overdue     file-claim 12 days late                                          bob
	e-demand   demand      records complete 2026-11-18, demand due 2026-11-21 (1 day late)  bob
	f-inquiry  inquiry     unanswered for 30 hours                                          bob
	g-esc      escalation  medical, open 3 days                                             alice
	h-offer    offer       offer-1: tell the client by 2026-11-24                           bob
	i-contact  contact     last contact 41 days ago                                         bob
	j-never    contact     never contacted, opened 2 days ago                               bob
	k-records  records     mercy-hospital: requested 33 days ago (follow up after 14)       bob
	l-treat    treatment   dr-ames: last visit 46 days ago (gap over 30)                    bob
	d-due      due-soon    call-adjuster in 3 days                                          bob
	m-stuck    stuck       52 days in records (limit 30)                                    carol
	EOF
	test_cmp expect out
'

test_expect_success 'next: the user'"'"'s own by default; --who; --limit; --action' '
	cd firm
	at 2026-11-22
	docket next >out
	grep -c " bob$" out >n
	test "$(cat n)" = 9
	test "$(wc -l <out)" = 9
	test "$(head -n 1 out | cut -c1-20)" = "d-due      overdue  "
	DOCKET_USER=alice docket next | cut -c1-10 >out
	printf "%s\n" "b-sol     " "a-sol     " "c-notice  " "g-esc     " >expect
	test_cmp expect out
	docket next --who carol >out
	test "$(cat out)" = "m-stuck   stuck       52 days in records (limit 30)  carol"
	docket next --all --limit 2 | cut -c1-10 >out
	printf "%s\n" "b-sol     " "a-sol     " >expect
	test_cmp expect out
	docket next --all --action contact | cut -d" " -f1 >out
	printf "%s\n" i-contact j-never >expect
	test_cmp expect out
'

test_expect_success 'next --json: case, action, why, who and urgency, in the same order' '
	cd firm
	at 2026-11-22
	docket next --all --json >out
	python3 - <<-\EOF
	import json
	v = json.load(open("out"))
	assert [(x["case"], x["action"], x["urgency"]) for x in v] == [
	    ("b-sol", "sol", 100), ("a-sol", "sol", 100), ("c-notice", "notice", 90),
	    ("d-due", "overdue", 80), ("e-demand", "demand", 70),
	    ("f-inquiry", "inquiry", 60), ("g-esc", "escalation", 55),
	    ("h-offer", "offer", 50), ("i-contact", "contact", 40),
	    ("j-never", "contact", 40), ("k-records", "records", 30),
	    ("l-treat", "treatment", 25), ("d-due", "due-soon", 20),
	    ("m-stuck", "stuck", 10)], v
	assert v[0] == {"case": "b-sol", "action": "sol",
	    "why": "SOL 2026-11-15, 7 days late", "who": "alice", "urgency": 100}, v[0]
	assert set(x["who"] for x in v) == {"alice", "bob", "carol"}
	EOF
'

test_expect_success 'one fact, one line: a deadline with an action of its own is never overdue or due soon' '
	cd firm
	at 2026-11-22
	docket report --json >report
	python3 - <<-\EOF
	import json
	r = json.load(open("report"))
	names = sorted((x["case"], x["name"]) for x in r["overdue"] + r["due_soon"])
	# the report lists every one of them ...
	assert names == [("b-sol", "sol"), ("d-due", "call-adjuster"),
	    ("d-due", "file-claim"), ("e-demand", "demand"),
	    ("h-offer", "offer-1"), ("k-records", "records-mercy-hospital")], names
	EOF
	docket next --all >out
	# ... next says each once, as its own action
	test "$(grep -c "^b-sol " out)" = 1
	test "$(grep -c "^e-demand " out)" = 1
	test "$(grep -c "^h-offer " out)" = 1
	test "$(grep -c "^k-records " out)" = 1
	test_not grep -q "overdue  *sol\|due-soon  *offer\|due-soon  *records\|overdue  *demand" out
'

test_expect_success 'next and report agree: each action is the report'"'"'s fact, and each fact an action' '
	cd firm
	at 2026-11-22
	docket report --json >report
	docket next --all --json >next
	python3 "$TEST_DIR/helpers/next-agrees.py" report next
'

test_expect_success 'the facts that are done leave the list: a deadline done, an inquiry answered' '
	cd firm
	at 2026-11-22
	q due d-due --done file-claim
	q note f-inquiry --kind email -m "Answered: the adjuster may not call you"
	docket next --all | cut -d" " -f1 | sort -u >out
	test_not grep -qx f-inquiry out
	docket next --all >out
	test_not grep -q file-claim out
	docket report --json >report
	docket next --all --json >next
	python3 "$TEST_DIR/helpers/next-agrees.py" report next
	git reset -q --hard HEAD~2
'

test_expect_success '[urgency] moves an action: contact = 95 comes after sol, before notice' '
	cd firm
	at 2026-11-22
	sed -i "s/^\[urgency\]$/&\ncontact = 95/" docket.ini
	docket next --all | cut -c1-21 | head -n 5 >out
	printf "%s\n" "b-sol      sol       " "a-sol      sol       " \
		"i-contact  contact   " "j-never    contact   " "c-notice   notice    " >expect
	test_cmp expect out
	git checkout -q docket.ini
'

test_expect_success '[urgency] refuses what it does not know, with docket.ini:LINE' '
	cd firm
	sed -i "s/^\[urgency\]$/&\ncontakt = 95/" docket.ini
	line=$(grep -n "^contakt" docket.ini | cut -d: -f1)
	test_must_fail docket next 2>err
	test "$(cat err)" = "docket: docket.ini:$line: [urgency] unknown action '"'contakt'"'; did you mean '"'contact'"'?"
	test_must_fail docket check 2>err
	grep -q "docket.ini:$line: \[urgency\] unknown action" err
	sed -i "s/^contakt = 95$/contact = high/" docket.ini
	test_must_fail docket next --all 2>err
	test "$(cat err)" = "docket: docket.ini:$line: [urgency] contact: '"'high'"' is not a whole number from 0 to 1000"
	git checkout -q docket.ini
'

test_expect_success 'next refuses bad options and changes nothing' '
	cd firm
	test_refused --code=2 docket next --who bob --all
	grep -q "^docket next: --who and --all go one at a time" "$TRASH/err"
	test_refused --code=2 docket next --limit 0
	test_refused --code=2 docket next --limit ten
	test_refused docket next --action calls
	test "$(cat "$TRASH/err")" = "docket: unknown action '"'calls'"' (actions: sol, notice, overdue, demand, inquiry, escalation, offer, contact, records, treatment, due-soon, stuck)"
	test_refused --code=2 docket next extra
'

test_expect_success 'a case that cannot be read: named on stderr, the rest listed, exit 1' '
	cd firm
	at 2026-11-22
	printf "[case\n" >cases/2026/m-stuck/case.ini
	test_must_fail docket next --all >out 2>err
	test "$(wc -l <out)" = 13
	test_not grep -q m-stuck out
	grep -q "^docket: cases/2026/m-stuck/case.ini:1: " err
	test "$(tail -n 1 err)" = "docket: 1 file could not be read; what it holds is not listed"
	git checkout -q cases/2026/m-stuck/case.ini
'

test_done
