#!/bin/sh
# docket list, show and log
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
DOCKET_NOW=2026-11-01 docket add --id a1 --client "Ann One" --title "One v. Acme" --incident 2026-10-03 --attorney alice >/dev/null
DOCKET_NOW=2026-11-02 docket add --id b2 --client "Ben Two" --manager carol >/dev/null
DOCKET_NOW=2026-11-03 docket add --id c3 --client "Cy Three" >/dev/null
DOCKET_NOW=2026-11-10 docket advance-stage a1 >/dev/null
DOCKET_NOW=2026-11-11 docket advance-stage c3 closed >/dev/null

test_expect_success 'list: one line per open case, sorted by ID' '
	docket list >../out
	printf "%s\n" \
	"a1                   Ann One              treatment      12d  alice    bob      2028-10-03 sol  One v. Acme" \
	"b2                   Ben Two              intake         20d  -        carol    Ben Two" >../expect
	test_cmp ../expect ../out
'

test_expect_success 'list on a terminal: a header; a long client name cut' '
	DOCKET_NOW=2026-11-02 docket add --id d4 --client "Bartholomew Fitzgerald-Montgomery" --title "BFM" >/dev/null
	NO_COLOR=1 script -qec "docket list" /dev/null | tr -d "\r" >../out
	printf "%s\n" \
	"ID                   CLIENT               STAGE         DAYS  ATTORNEY MANAGER  NEXT DUE  TITLE" \
	"a1                   Ann One              treatment      12d  alice    bob      2028-10-03 sol  One v. Acme" \
	"b2                   Ben Two              intake         20d  -        carol    Ben Two" \
	"d4                   Bartholomew Fitzger$(printf "\342\200\246") intake         20d  -        bob      BFM" >../expect
	test_cmp ../expect ../out
	docket undo >/dev/null
'

test_expect_success 'list filters: --status, --stage, --who' '
	test "$(docket list --status all | cut -d" " -f1 | tr "\n" " ")" = "a1 b2 c3 "
	test "$(docket list --status closed | cut -d" " -f1)" = c3
	test "$(docket list --stage intake | cut -d" " -f1)" = b2
	test "$(docket list --who alice | cut -d" " -f1)" = a1
	test "$(docket list --who carol | cut -d" " -f1)" = b2
	test_must_fail --code=2 docket list --status pending 2>../err
	test_must_fail docket list --stage lunch 2>../err
	grep -q "^docket: unknown stage .lunch. (stages: intake, treatment" ../err
'

test_expect_success 'list --json' '
	docket list --json | python3 -c "
import json,sys
d = json.load(sys.stdin)
assert [c[\"id\"] for c in d] == [\"a1\", \"b2\"], d
a = d[0]
assert a[\"stage\"] == \"treatment\" and a[\"stage_since\"] == \"2026-11-10\" and a[\"days_in_stage\"] == 12, a
assert a[\"next_due\"] == {\"name\": \"sol\", \"date\": \"2028-10-03\", \"what\": \"Statute of limitations\"}, a
assert d[1][\"next_due\"] is None
"
'

test_expect_success 'show: metadata, deadlines, escalations and notes' '
	docket note a1 --kind call -m "Client **doing well**; see [portal](https://example.com/x)" >/dev/null
	docket escalate a1 --reason medical -m "Numbness" >/dev/null
	docket show a1 >../out
	cat >../expect <<-\EOF
	a1  One v. Acme
	  client     Ann One
	  stage      treatment since 2026-11-10 (12 days), open
	  opened     2026-11-01   incident 2026-10-03
	  attorney   alice
	  manager    bob

	Deadlines
	  2028-10-03  in 681 days     sol                  alice    Statute of limitations
	               basis: firm default: 2y from incident 2026-10-03; the case has no state

	Escalations
	  #1 medical to alice by bob, opened 2026-11-22: Numbness
	     open 0 days

	Notes
	  2026-11-10 12:00  stage  bob
	    Stage: intake -> treatment
	  2026-11-22 12:00  call  bob
	    Client doing well; see portal <https://example.com/x>
	  2026-11-22 12:00  escalation  bob
	    Escalation 1 (medical) to alice:

	    Numbness
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'show --json has every section and the notes with their text' '
	docket show a1 --json | python3 -c "
import json,sys
d = json.load(sys.stdin)
assert d[\"id\"] == \"a1\" and d[\"client\"] == \"Ann One\" and d[\"closed\"] is None
assert d[\"sections\"][\"stages\"] == {\"intake\": \"2026-11-01\", \"treatment\": \"2026-11-10\"}, d[\"sections\"]
assert d[\"deadlines\"][0][\"name\"] == \"sol\" and d[\"deadlines\"][0][\"done\"] is None
assert d[\"escalations\"][0][\"reason\"] == \"medical\" and d[\"escalations\"][0][\"resolved\"] is None
assert [n[\"kind\"] for n in d[\"notes\"]] == [\"stage\", \"call\", \"escalation\"]
assert d[\"notes\"][1][\"text\"] == \"Client **doing well**; see [portal](https://example.com/x)\n\"
"
'

test_expect_success 'show makes terminal escapes in notes visible, never live' '
	printf "evil \033[31mred\033]0;title\007 text\n" | docket note b2 >/dev/null
	docket show b2 >../out
	grep -q "evil \\\\e\[31mred\\\\e\]0;title\\\\x07 text" ../out
	test_not grep -q "$(printf "\033")" ../out
'

test_expect_success 'log: the audit trail from git history, newest first' '
	DOCKET_NOW=2026-11-12 docket set c3 client.phone=555 >/dev/null
	docket log c3 >../out
	sed "s/  [0-9a-f]\{8\}$//" ../out >../got
	cat >../expect <<-\EOF
	2026-11-12 12:00  Bob Diaz  set(c3): client.phone
	    + client.phone = 555
	2026-11-11 12:00  Bob Diaz  advance-stage(c3): intake -> closed
	    + notes/20261111T120000Z-stage-bob.md
	    ~ case.stage: intake -> closed
	    ~ case.status: open -> closed
	    ~ case.closed: (empty) -> 2026-11-11
	    + stages.closed = 2026-11-11
	2026-11-03 12:00  Bob Diaz  add(c3): new case
	    + case.id = c3
	    + case.title = Cy Three
	    + case.client = Cy Three
	    + case.type =
	    + case.opened = 2026-11-03
	    + case.incident =
	    + case.stage = intake
	    + case.status = open
	    + case.closed =
	    + case.attorney =
	    + case.manager = bob
	    + stages.intake = 2026-11-03
	EOF
	test_cmp ../expect ../got
	test "$(git log --format=%s -- cases/2026/c3)" = "$(grep -v "^ " ../got | cut -c 29-)"
'

test_expect_success 'log shows who made each change (the git identity)' '
	git config user.name "Carol Park"
	git config user.email carol@firm.example
	DOCKET_NOW=2026-11-13 docket note c3 -m "from carol" >../out
	test "$(cat ../out)" = "cases/2026/c3/notes/20261113T120000Z-internal-carol.md"
	docket log c3 | head -n 1 | grep -q "^2026-11-13 12:00  Carol Park  note(c3): internal"
	test "$(git log -1 --format=%an)" = "Carol Park"
	git config --unset user.name
	git config --unset user.email
'

test_done
