#!/bin/sh
# Stage rules: a stage's tasks (deadlines on entering it, in business
# days, done on leaving it) and its requirements (refused with every unmet
# condition listed, --force and --skip recorded), at their edges
. "$(dirname "$0")/lib.sh"

at() { DOCKET_NOW=$1; export DOCKET_NOW; }
q() { docket "$@" >/dev/null; }
# due NAME: "date who done" of a deadline of case x
due() { printf "%s %s %s\n" "$(ini_get cases/2026/${2:-x}/case.ini "due.$1.date")" \
	"$(ini_get cases/2026/${2:-x}/case.ini "due.$1.who")" \
	"$(ini_get cases/2026/${2:-x}/case.ini "due.$1.done")"; }

test_expect_success 'a firm whose stages have tasks and requirements' '
	at 2026-11-20
	make_firm
	cd firm
	printf "%s\n" out err expect >>.git/info/exclude
	python3 - <<-\EOF
	p = "docket.ini"
	s = open(p).read()
	def after(head, lines):
	    global s
	    assert head in s, head
	    s = s.replace(head, head + lines, 1)
	after("[stage \"intake\"]\nmax_days = 14\n",
	      "task = 1bd Call the client: introduce yourself and the process\n"
	      "task = 2bd Send letters of representation\n")
	after("[stage \"treatment\"]\nmax_days = 180\n", "task = 1w Check in on the treatment\n")
	after("[stage \"records\"]\nmax_days = 30\n", "requires = providers-discharged\n")
	after("on_enter_due = 3d Send demand package to carrier\n",
	      "requires = records-complete, lor-sent, client.dob\n")
	after("[stage \"negotiation\"]\nmax_days = 60\n", "requires = demand-sent\n")
	after("[stage \"settlement\"]\nmax_days = 30\n",
	      "requires = settled\ntask = 3bd Send the client the settlement statement\n"
	      "[stage \"closed\"]\nrequires = liens-final, no-open-escalation, no-open-deadlines\n")
	open(p, "w").write(s)
	EOF
	docket check >out
	git commit -qam "stages: tasks and requirements"
'

test_expect_success 'add enters the first stage: its tasks are deadlines, in business days, for the manager' '
	cd firm
	at 2026-11-20
	q add --id x --client "Xavier X" --attorney alice --manager bob
	test "$(due call-client)" = "2026-11-23 bob "
	test "$(due send-letters)" = "2026-11-24 bob "
	test "$(ini_get cases/2026/x/case.ini due.call-client.what)" = "Call the client: introduce yourself and the process"
	test "$(git show --name-only --format= HEAD)" = cases/2026/x/case.ini
	# without a manager, the attorney; the day after Thanksgiving
	at 2026-11-25
	q add --id y --client "Yan Y" --attorney alice --manager ""
	test "$(due call-client y)" = "2026-11-27 alice "
	test "$(due send-letters y)" = "2026-11-30 alice "
	test_repo_clean
'

test_expect_success 'moving on marks the stage'"'"'s tasks done and adds the next stage'"'"'s' '
	cd firm
	at 2026-11-20
	docket advance-stage x >out
	printf "%s\n" "x: intake -> treatment" "x: deadline check-treatment 2026-11-27" >expect
	test_cmp expect out
	test "$(due call-client)" = "2026-11-23 bob 2026-11-20"
	test "$(due send-letters)" = "2026-11-24 bob 2026-11-20"
	test "$(due check-treatment)" = "2026-11-27 bob "
	test "$(git log -1 --format=%s)" = "advance-stage(x): intake -> treatment; deadlines: check-treatment 2026-11-27"
	test_repo_clean
'

test_expect_success 'entering a stage again: an open task due sooner keeps its date; a later one moves' '
	cd firm
	at 2026-11-25
	q advance-stage x intake --force
	# moving back leaves the tasks of the stage left open
	test "$(due check-treatment)" = "2026-11-27 bob "
	# and reopens those of the stage entered
	test "$(due call-client)" = "2026-11-27 bob "
	q advance-stage x treatment
	test "$(due check-treatment)" = "2026-11-27 bob "
	q set x due.check-treatment.date=2027-01-10
	q advance-stage x intake --force
	q advance-stage x treatment
	test "$(due check-treatment)" = "2026-12-02 bob "
	test_repo_clean
'

test_expect_success 'a requirement not met: refused, with why, and nothing changes' '
	cd firm
	at 2026-11-25
	test_refused docket advance-stage x records
	test "$(cat "$TRASH/err")" = "docket: x cannot enter records: providers-discharged (no provider) (--force moves it anyway)"
	q provider x "Dr Ames" --visit 2026-11-21
	test_refused docket advance-stage x records
	test "$(cat "$TRASH/err")" = "docket: x cannot enter records: providers-discharged (still treating: dr-ames) (--force moves it anyway)"
	q provider x "Dr Ames" --discharged 2026-11-24
	docket advance-stage x records >out
	test "$(head -n 1 out)" = "x: treatment -> records"
	test "$(git log -1 --format=%s)" = "advance-stage(x): treatment -> records"
'

test_expect_success 'every unmet requirement is listed at once; only the target stage'"'"'s, when a move skips stages' '
	cd firm
	at 2026-11-25
	# y is in intake: records requires providers-discharged, which y does
	# not meet, but a move to demand checks demand'"'"'s alone
	test_refused docket advance-stage y demand
	test "$(cat "$TRASH/err")" = "docket: y cannot enter demand: records-complete (no provider), lor-sent (no policy), client.dob (not set) (--force moves it anyway)"
	q set y client.dob=
	q policy y bi --coverage bi
	q provider y "Mercy" --visit 2026-11-21 --discharged 2026-11-22
	q records y mercy --request 2026-11-23
	test_refused docket advance-stage y demand
	test "$(cat "$TRASH/err")" = "docket: y cannot enter demand: records-complete (mercy records not received, bills not received), lor-sent (not sent: bi), client.dob (empty) (--force moves it anyway)"
'

test_expect_success '--skip moves past the named requirements only; --force past all, and both are recorded' '
	cd firm
	at 2026-11-25
	test_refused docket advance-stage y demand --skip lor-sent --skip client.dob
	test "$(cat "$TRASH/err")" = "docket: y cannot enter demand: records-complete (mercy records not received, bills not received) (--force moves it anyway)"
	test_refused docket advance-stage y demand --skip settled
	test "$(cat "$TRASH/err")" = "docket: --skip: '"'"'settled'"'"' is not a requirement of the demand stage (requires: records-complete, lor-sent, client.dob)"
	docket advance-stage y demand --skip lor-sent,client.dob,records-complete >out
	test "$(head -n 1 out)" = "y: intake -> demand (skipped records-complete, lor-sent, client.dob)"
	test "$(git log -1 --format=%s)" = "advance-stage(y): intake -> demand; skipped records-complete, lor-sent, client.dob"
	note=$(git show --name-only --format= HEAD | grep notes/)
	cat >expect <<-\EOF
	Stage: intake -> demand

	Moved with --skip; not met:
	- records-complete (mercy records not received, bills not received)
	- lor-sent (not sent: bi)
	- client.dob (empty)
	EOF
	test_cmp expect "$note"
	q advance-stage y negotiation --force -m "Demand went by fax"
	test "$(git log -1 --format=%s)" = "advance-stage(y): demand -> negotiation; skipped demand-sent"
	note=$(git show --name-only --format= HEAD | grep notes/)
	printf "%s\n" "Stage: demand -> negotiation" "" "Moved with --force; not met:" \
		"- demand-sent (no demand sent)" "" "Demand went by fax" >expect
	test_cmp expect "$note"
'

test_expect_success 'the requirements of the last stages at their edges: settled, liens, escalations, deadlines' '
	cd firm
	at 2026-11-25
	test_refused docket advance-stage y settlement
	test "$(cat "$TRASH/err")" = "docket: y cannot enter settlement: settled (no recovery recorded) (--force moves it anyway)"
	q set y settlement.bi.date=2026-11-25 settlement.bi.amount=85000.00
	q advance-stage y settlement
	test "$(due send-client y)" = "2026-12-01 alice "
	q escalate y --reason other -m "Client wants to reopen"
	q set y lien.medicare.type=medicare lien.medicare.asserted=8200.00
	test_refused docket advance-stage y closed
	test "$(cat "$TRASH/err")" = "docket: y cannot enter closed: liens-final (not final: medicare), no-open-escalation (open: escalation 1), no-open-deadlines (open: lor-bi, records-mercy) (--force moves it anyway)"
	# the settlement task is not counted: the move marks it done
	q set y lien.medicare.final=6100.00
	q escalate y --resolve -m "Told the client no"
	for d in lor-bi records-mercy; do q due y --done $d; done
	docket advance-stage y closed >out
	test "$(cat out)" = "y: settlement -> closed"
	test "$(due send-client y)" = "2026-12-01 alice 2026-11-25"
	test "$(ini_get cases/2026/y/case.ini case.status)" = closed
	test_repo_clean
'

test_expect_success 'liens-final holds with no lien at all' '
	cd firm
	at 2026-11-25
	q add --id z --client "Zoe Z" --attorney alice --manager bob
	for d in call-client send-letters; do q due z --done $d; done
	q advance-stage z closed
	test "$(ini_get cases/2026/z/case.ini case.status)" = closed
'

test_expect_success 'check rejects a condition, a task or an urgency it does not know, with docket.ini:LINE' '
	cd firm
	sed -i "s/^requires = demand-sent$/requires = demand-sent, records-completed/" docket.ini
	line=$(grep -n "records-completed" docket.ini | cut -d: -f1)
	test_must_fail docket check 2>err
	test "$(cat err)" = "docket: docket.ini:$line: [stage \"negotiation\"] requires: unknown condition '"'"'records-completed'"'"'; did you mean '"'"'records-complete'"'"'?"
	sed -i "s/^requires = demand-sent, records-completed$/requires = frob/" docket.ini
	test_must_fail docket check 2>err
	test "$(cat err)" = "docket: docket.ini:$line: [stage \"negotiation\"] requires: unknown condition '"'"'frob'"'"' (conditions: records-complete, providers-discharged, lor-sent, demand-sent, settled, liens-final, no-open-escalation, no-open-deadlines, or a section.key such as client.dob)"
	git checkout -q docket.ini
	sed -i "s/^task = 1w Check in on the treatment$/&\ntask = soon Check in/" docket.ini
	line=$(grep -n "^task = soon" docket.ini | cut -d: -f1)
	test_must_fail docket check 2>err
	test "$(cat err)" = "docket: docket.ini:$line: [stage \"treatment\"] task: '"'"'soon Check in'"'"' is not '"'"'<1bd|3d|2w> <what to do>'"'"'"
	sed -i "s/^task = soon Check in$/task = 2w Check the treatment/" docket.ini
	test_must_fail docket check 2>err
	test "$(cat err)" = "docket: docket.ini:$line: [stage \"treatment\"] task: '"'"'Check the treatment'"'"' makes the deadline name '"'"'check-treatment'"'"', as the task at line $((line - 1)) does; word one of them differently"
	sed -i "s/^task = 2w Check the treatment$/task = 2w SOL/" docket.ini
	test_must_fail docket check 2>err
	grep -q "would be the deadline '"'"'sol'"'"', which docket computes" err
	git checkout -q docket.ini
	docket check >out
'

test_done
