#!/bin/sh
# escalate --dismiss: a suggestion looked at and found to need no
# escalation stays quiet until a note after that day matches again
. "$(dirname "$0")/lib.sh"

at() { DOCKET_NOW=$1; export DOCKET_NOW; }
sugg() {
	docket report --json >"$TRASH/report.json" || return 1
	python3 -c "import json,sys; print(' '.join(s['case'] + ':' + s['reason'] for s in json.load(open(sys.argv[1]))['suggested_escalations']))" "$TRASH/report.json"
}

test_expect_success 'a note suggests a medical escalation' '
	at 2026-11-10
	make_firm
	cd firm
	docket add --id a1 --client "Ann One" --attorney alice --manager bob >/dev/null
	docket note a1 --kind call -m "Client reports numbness in her arm" >/dev/null
	docket note a1 --kind call -m "She is frustrated with the adjuster" >/dev/null
	test "$(sugg)" = "a1:communication a1:medical"
'

test_expect_success 'dismissed: quiet, the other reason still suggested' '
	cd firm
	at 2026-11-12
	docket escalate a1 --dismiss Medical -m "An old injury, known to the attorney" >../out
	echo "a1: medical dismissed until a note after today suggests it again" >../expect
	test_cmp ../expect ../out
	test "$(git log -1 --format=%s)" = "escalate(a1): dismiss medical"
	test "$(ini_get cases/2026/a1/case.ini dismissed.medical.date)" = 2026-11-12
	test "$(ini_get cases/2026/a1/case.ini dismissed.medical.by)" = bob
	test "$(ini_get cases/2026/a1/case.ini dismissed.medical.why)" = "An old injury, known to the attorney"
	test "$(sugg)" = "a1:communication"
	test_repo_clean
'

test_expect_success 'a note of the same day does not wake it; one after does' '
	cd firm
	at 2026-11-12T18:00:00Z
	docket note a1 --kind call -m "Numbness again, same as before" >/dev/null
	test "$(sugg)" = "a1:communication"
	at 2026-11-13
	docket note a1 --kind call -m "Now tingling in the other hand" >/dev/null
	test "$(sugg)" = "a1:medical a1:communication"
	python3 -c "import json,sys; s=json.load(open(sys.argv[1]))[\"suggested_escalations\"][0]; assert s[\"match\"] == \"tingling\", s" "$TRASH/report.json"
'

test_expect_success 'show lists the dismissals' '
	cd firm
	docket show a1 >../out
	sed -n "/^Dismissed suggestions/,/^$/p" ../out >../actual
	cat >../expect <<-\EOF
	Dismissed suggestions
	  medical       2026-11-12 by bob: An old injury, known to the attorney

	EOF
	test_cmp ../expect ../actual
	docket show a1 --json >../out
	python3 -c "import json,sys; d=json.load(open(sys.argv[1]))[\"dismissed\"]; assert d == [{\"reason\": \"medical\", \"date\": \"2026-11-12\", \"by\": \"bob\", \"why\": \"An old injury, known to the attorney\"}], d" ../out
'

test_expect_success 'refused: a mistyped reason, no why, mixed forms' '
	cd firm
	test_refused docket escalate a1 --dismiss medicl -m "x"
	test "$(cat ../err)" = "docket: unknown escalation reason '"'medicl'"'; did you mean '"'medical'"'?"
	test_refused docket escalate a1 --dismiss medical
	test "$(cat ../err)" = "docket: -m WHY is required: say why it needs no escalation"
	test_refused --code=2 docket escalate a1 --dismiss medical --reason medical -m x
	test_refused --code=2 docket escalate --dismiss medical -m x
	sed -i "s/^\\[dismissed \"medical\"\\]/[dismissed \"lunch\"]/" cases/2026/a1/case.ini
	test_must_fail docket check >../out
	grep -q "lunch" ../out
	git checkout -q cases/2026/a1/case.ini
'

test_done
