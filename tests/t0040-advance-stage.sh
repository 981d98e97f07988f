#!/bin/sh
# docket advance-stage: forward, named, backwards, the demand deadline, closing
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
docket add --id c1 --client "Case One" --attorney alice >/dev/null

test_expect_success 'advance-stage moves to the next stage and records the date' '
	DOCKET_NOW=2026-11-23 docket advance-stage c1 -m "Treating with Dr. Ames" >../out
	test "$(cat ../out)" = "c1: intake -> treatment"
	test "$(ini_get cases/2026/c1/case.ini case.stage)" = treatment
	test "$(ini_get cases/2026/c1/case.ini stages.treatment)" = 2026-11-23
	test "$(ini_get cases/2026/c1/case.ini stages.intake)" = 2026-11-22
	printf "Stage: intake -> treatment\n\nTreating with Dr. Ames\n" >../expect
	test_cmp ../expect cases/2026/c1/notes/20261123T120000Z-stage-bob.md
	test "$(git log -1 --format=%s)" = "advance-stage(c1): intake -> treatment"
	git show --name-only --format= HEAD | sort >../files
	printf "cases/2026/c1/case.ini\ncases/2026/c1/notes/20261123T120000Z-stage-bob.md\n" >../expect
	test_cmp ../expect ../files
	test_repo_clean
'

test_expect_success 'entering demand adds the 72-hour deadline; leaving it marks it done' '
	DOCKET_NOW=2026-11-24 docket advance-stage c1 >/dev/null
	DOCKET_NOW=2026-11-25 docket advance-stage c1 >/dev/null
	test "$(ini_get cases/2026/c1/case.ini case.stage)" = demand
	test "$(ini_get cases/2026/c1/case.ini due.demand.date)" = 2026-11-28
	test "$(ini_get cases/2026/c1/case.ini due.demand.what)" = "Send demand package to carrier"
	test "$(ini_get cases/2026/c1/case.ini due.demand.who)" = bob
	test "$(ini_get cases/2026/c1/case.ini due.demand.done)" = ""
	DOCKET_NOW=2026-11-27 docket advance-stage c1 >/dev/null
	test "$(ini_get cases/2026/c1/case.ini due.demand.done)" = 2026-11-27
'

test_expect_success 'a named later stage skips ahead; the last stage closes the case' '
	DOCKET_NOW=2026-12-01 docket advance-stage c1 closed >../out
	test "$(cat ../out)" = "c1: negotiation -> closed"
	test "$(ini_get cases/2026/c1/case.ini case.status)" = closed
	test "$(ini_get cases/2026/c1/case.ini case.closed)" = 2026-12-01
	test_refused docket advance-stage c1
	test "$(cat ../err)" = "docket: c1 is in the last stage (closed) already"
'

test_expect_success 'a last stage not named closed says it closed the case' '
	cd "$TRASH"
	docket init gen --pipeline generic >/dev/null
	cd gen
	docket add --id g1 --client "Gene Ric" >/dev/null
	docket advance-stage g1 follow-up >../out
	test "$(cat ../out)" = "g1: initiation -> follow-up (closed)"
	test "$(ini_get cases/2026/g1/case.ini case.status)" = closed
'

test_expect_success 'moving back needs --force, and reopens a closed case' '
	test_refused docket advance-stage c1 negotiation
	test "$(cat ../err)" = "docket: moving c1 back from closed to negotiation needs --force"
	DOCKET_NOW=2026-12-02 docket advance-stage c1 negotiation --force -m "Client rejected the check" >/dev/null
	test "$(ini_get cases/2026/c1/case.ini case.status)" = open
	test "$(ini_get cases/2026/c1/case.ini case.closed)" = ""
	test "$(ini_get cases/2026/c1/case.ini stages.negotiation)" = 2026-12-02
	grep -qx "Stage: closed -> negotiation (moved back)" cases/2026/c1/notes/20261202T120000Z-stage-bob.md
	test_repo_clean
'

test_expect_success 'refused: unknown stage (the stages are listed), same stage' '
	test_refused docket advance-stage c1 mediation
	test "$(cat ../err)" = "docket: unknown stage '"'mediation'"' (stages: intake, treatment, records, demand, negotiation, litigation, settlement, closed)"
	test_refused docket advance-stage c1 negotiation
	test "$(cat ../err)" = "docket: c1 is in stage negotiation already"
	test_refused --code=2 docket advance-stage
	test_refused --code=2 docket advance-stage c1 a b
'

test_done
