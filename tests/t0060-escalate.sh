#!/bin/sh
# docket escalate: open, list, resolve
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
docket add --id a1 --client "Ann One" --attorney alice >/dev/null
docket add --id b2 --client "Ben Two" >/dev/null

test_expect_success 'escalate opens an escalation to the attorney, with a note' '
	docket escalate a1 --reason medical -m "Client reports numbness and tingling" >../out
	test "$(cat ../out)" = "a1: escalation 1 (medical) to alice"
	cat >../expect <<-\EOF

	[escalation "1"]
	opened = 2026-11-22
	by = bob
	to = alice
	reason = medical
	what = Client reports numbness and tingling
	resolved =
	EOF
	tail -n 8 cases/2026/a1/case.ini >../got
	test_cmp ../expect ../got
	printf "Escalation 1 (medical) to alice:\n\nClient reports numbness and tingling\n" >../expect
	test_cmp ../expect cases/2026/a1/notes/20261122T120000Z-escalation-bob.md
	test "$(git log -1 --format=%s)" = "escalate(a1): open 1 (medical) to alice"
	test_repo_clean
'

test_expect_success 'escalate lists the open escalations; --json' '
	DOCKET_NOW=2026-11-25 docket escalate b2 --reason coverage -m "Carrier denies" --to alice >/dev/null
	DOCKET_NOW=2026-11-26 docket escalate >../out
	printf "%s\n" "a1               #1   medical       alice    2026-11-22    4d  Client reports numbness and tingling" \
		"b2               #1   coverage      alice    2026-11-25    1d  Carrier denies" >../expect
	test_cmp ../expect ../out
	DOCKET_NOW=2026-11-26 docket escalate --json | python3 -c "
import json,sys
d = json.load(sys.stdin)
assert [(e[\"case\"], e[\"reason\"], e[\"to\"], e[\"by\"], e[\"opened\"], e[\"days_open\"]) for e in d] == \
  [(\"a1\",\"medical\",\"alice\",\"bob\",\"2026-11-22\",4), (\"b2\",\"coverage\",\"alice\",\"bob\",\"2026-11-25\",1)], d
"
'

test_expect_success 'a multi-line text: case.ini holds the first line, the note all of it' '
	docket escalate a1 --reason complexity -m "Tractor-trailer involved
Preserve the black box" >/dev/null
	test "$(ini_get cases/2026/a1/case.ini escalation.2.what)" = "Tractor-trailer involved"
	grep -qx "Preserve the black box" cases/2026/a1/notes/20261122T120000Z.02-escalation-bob.md
'

test_expect_success 'resolve needs --name when several are open' '
	test_refused docket escalate a1 --resolve
	test "$(cat ../err)" = "docket: a1 has 2 open escalations (1, 2); say which with --name"
	DOCKET_NOW=2026-11-27 docket escalate a1 --resolve --name 1 -m "Referred to neurologist" >../out
	test "$(cat ../out)" = "a1: escalation 1 resolved"
	test "$(ini_get cases/2026/a1/case.ini escalation.1.resolved)" = 2026-11-27
	test "$(ini_get cases/2026/a1/case.ini escalation.1.resolution)" = "Referred to neurologist"
	test "$(git log -1 --format=%s)" = "escalate(a1): resolve 1"
	docket escalate a1 --resolve >/dev/null
	test_refused docket escalate a1 --resolve
	test "$(cat ../err)" = "docket: a1 has no open escalation"
	test_repo_clean
'

test_expect_success 'refused: unknown reason (listed), no text, no attorney' '
	test_refused docket escalate b2 --reason angry -m x
	test "$(cat ../err)" = "docket: unknown escalation reason '"'angry'"' (reasons: medical, complexity, treatment, coverage, communication, other)"
	test_refused docket escalate b2 --reason medical
	test_refused docket escalate b2 --reason medical -m x
	test "$(cat ../err)" = "docket: b2 has no attorney to escalate to; name one with --to"
	test_refused --code=2 docket escalate b2 -m x
	test_refused --code=2 docket escalate b2 --resolve --reason medical
'

test_done
