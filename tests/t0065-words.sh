#!/bin/sh
# kinds, reasons and stages in any case; a mistyped one: did you mean
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
docket add --id a1 --client "Ann One" --attorney alice --manager bob >/dev/null

test_expect_success 'upper or lower case does not matter' '
	docket note a1 --kind Call -m "Spoke with the client" >../out
	echo "cases/2026/a1/notes/20261122T120000Z-call-bob.md" >../expect
	test_cmp ../expect ../out
	test "$(git log -1 --format=%s)" = "note(a1): call"
	docket escalate a1 --reason MEDICAL -m "Numbness" >../out
	echo "a1: escalation 1 (medical) to alice" >../expect
	test_cmp ../expect ../out
	test "$(ini_get cases/2026/a1/case.ini escalation.1.reason)" = medical
	docket advance-stage a1 Treatment >../out
	echo "a1: intake -> treatment" >../expect
	test_cmp ../expect ../out
	test "$(docket list --stage TREATMENT | cut -d" " -f1)" = a1
	docket report --json --stage Treatment >../out
	python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert r[\"open\"] == 1, r" ../out
'

test_expect_success 'a mistyped word: did you mean' '
	test_refused docket note a1 --kind cal -m "x"
	echo "docket: unknown note kind '"'cal'"'; did you mean '"'call'"'?" >../expect
	test_cmp ../expect ../err
	test_refused docket escalate a1 --reason medicl -m "x"
	echo "docket: unknown escalation reason '"'medicl'"'; did you mean '"'medical'"'?" >../expect
	test_cmp ../expect ../err
	test_refused docket advance-stage a1 tretment
	echo "docket: unknown stage '"'tretment'"'; did you mean '"'treatment'"'?" >../expect
	test_cmp ../expect ../err
	test_refused docket advance-stage a1 Recods
	echo "docket: unknown stage '"'Recods'"'; did you mean '"'records'"'?" >../expect
	test_cmp ../expect ../err
	test_refused docket list --stage intak
	echo "docket: unknown stage '"'intak'"'; did you mean '"'intake'"'?" >../expect
	test_cmp ../expect ../err
	test_refused docket report --stage mediation
	echo "docket: unknown stage '"'mediation'"' (stages: intake, treatment, records, demand, negotiation, litigation, settlement, closed)" >../expect
	test_cmp ../expect ../err
'

test_done
