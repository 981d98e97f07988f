#!/bin/sh
# docket check, files that do not parse, and the general conventions
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
docket add --id a1 --client "Ann One" --attorney alice >/dev/null
docket add --id b2 --client "Ben Two" --attorney zed >/dev/null 2>&1

test_expect_success 'check: a clean firm exits 0 and lists warnings' '
	docket check >../out 2>../err
	test "$(cat ../out)" = "warning: cases/2026/b2/case.ini:11: attorney: '"'zed'"' is not in docket.ini'"'"'s [staff]"
	test "$(cat ../err)" = "2 cases checked: 0 errors, 1 warning"
'

test_expect_success 'a case.ini that does not parse: file:line everywhere, and the rest still works' '
	sed -i "s/^client = Ben Two$/client Ben Two/" cases/2026/b2/case.ini
	test_must_fail docket check >../out 2>/dev/null
	grep -qx "error: cases/2026/b2/case.ini:4: expected '"'key = value'"'" ../out
	test_must_fail docket show b2 2>../err
	test "$(cat ../err)" = "docket: cases/2026/b2/case.ini:4: expected '"'key = value'"'"
	test_must_fail docket list >../out 2>../err
	test "$(cut -d" " -f1 ../out)" = a1
	test "$(cat ../err)" = "docket: cases/2026/b2/case.ini:4: expected '"'key = value'"'"
	test_must_fail docket note b2 -m x 2>../err
	git checkout -q cases/2026/b2/case.ini
'

test_expect_success 'invalid values name the file, line and what is wrong' '
	sed -i "s/^stage = intake$/stage = lunch/" cases/2026/a1/case.ini
	test_must_fail docket show a1 2>../err
	test "$(cat ../err)" = "docket: cases/2026/a1/case.ini:8: stage: '"'lunch'"' is not a stage of the pipeline (intake, treatment, records, demand, negotiation, litigation, settlement, closed)"
	git checkout -q cases/2026/a1/case.ini
	printf "[case]\nid = a1\n[case]\nid = a1\n" >cases/2026/a1/case.ini
	test_must_fail docket show a1 2>../err
	test "$(cat ../err)" = "docket: cases/2026/a1/case.ini:3: duplicate section [case] (first at line 1)"
	git checkout -q cases/2026/a1/case.ini
'

test_expect_success 'a broken docket.ini stops every command with docket.ini:LINE' '
	cp docket.ini ../docket.ini.good
	sed -i "s/^contact_days = 30$/contact_days = thirty/" docket.ini
	test_must_fail docket list 2>../err
	test "$(cat ../err)" = "docket: docket.ini:$(grep -n "^contact_days" docket.ini | cut -d: -f1): contact_days: '"'thirty'"' is not a whole number"
	printf "[pipeline\n" >docket.ini
	test_must_fail docket list 2>../err
	test "$(cat ../err)" = "docket: docket.ini:1: section header without '"']'"'"
	cp ../docket.ini.good docket.ini
	test_repo_clean
'

test_expect_success 'every command answers --help on stdout with exit 0' '
	for c in init add note advance-stage due escalate set edit list show log check; do
		docket $c --help >../out 2>../err
		grep -q "^usage: docket $c" ../out
		test ! -s ../err
	done
	docket --help | grep -q "^usage: docket \[-C DIR\] COMMAND"
'

test_expect_success 'unknown commands and options are usage errors (exit 2) with a suggestion' '
	test_must_fail --code=2 docket lst 2>../err
	test "$(head -n1 ../err)" = "docket: '"'lst'"' is not a docket command; did you mean '"'list'"'?"
	test_must_fail --code=2 docket list --bogus 2>../err
	test "$(head -n1 ../err)" = "docket list: unknown option '"'--bogus'"'"
	test_must_fail --code=2 docket 2>/dev/null
	docket --version | grep -qx "docket [0-9.]*"
'

test_expect_success '-C DIR runs as if started in DIR' '
	cd ..
	test "$(docket -C firm list | cut -d" " -f1 | tr "\n" " ")" = "a1 b2 "
	test_must_fail docket -C nowhere list 2>err
	grep -q "^docket: cannot change to .nowhere." err
'

test_expect_success 'DOCKET_USER names the acting staff member; a bad DOCKET_NOW is an error' '
	DOCKET_USER=alice docket note a1 -m x >../out
	grep -q -- "-internal-alice.md$" ../out
	DOCKET_NOW=someday test_refused docket note a1 -m x
	test "$(cat ../err)" = "docket: DOCKET_NOW: '"'someday'"' is not a date or time (use YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM])"
	DOCKET_NOW=2026-11-22T08:00:00-05:00 docket note a1 -m y >/dev/null
	test "$(git log -1 --format=%ad --date=iso-strict)" = "2026-11-22T13:00:00+00:00"
'

test_expect_success 'writers started together all succeed, one commit each' '
	for i in 1 2 3 4 5 6; do
		(set +e; DOCKET_NOW=2026-11-25T10:0$i:00Z docket note a1 -m "n$i" >/dev/null; echo $? >../rc.$i) &
	done
	wait
	test "$(cat ../rc.*)" = "$(printf "0\n0\n0\n0\n0\n0")"
	test "$(git log --format=%s --since=2026-11-25T00:00:00Z | grep -c "^note(a1)")" = 6
	test_repo_clean
'

test_done
