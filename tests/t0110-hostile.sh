#!/bin/sh
# Hostile input: symlinks, huge lines, traversal, pathological Markdown,
# failing writes.  Each gets a clear error, no crash, and changes nothing.
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
docket add --id a1 --client "Ann One" --attorney alice >/dev/null
mkdir -p ../outside

test_expect_success 'a notes directory that is a symlink out of the firm is refused' '
	ln -s "$TRASH/outside" cases/2026/a1/notes
	git add cases/2026/a1/notes
	git commit -qm "plant a symlink"
	test_refused docket note a1 -m "secret"
	test "$(cat ../err)" = "docket: cannot make cases/2026/a1/notes: Not a directory"
	test "$(ls ../outside | wc -l)" = 0
	git rm -q cases/2026/a1/notes
	git commit -qm "remove it"
'

test_expect_success 'a symlinked case.ini or case directory is never followed' '
	cp cases/2026/a1/case.ini ../outside/case.ini
	docket add --id b2 --client "Ben Two" >/dev/null
	rm cases/2026/b2/case.ini
	ln -s "$TRASH/outside/case.ini" cases/2026/b2/case.ini
	git add -A
	git commit -qm "plant"
	cp ../outside/case.ini ../outside.before
	test_refused docket note b2 -m x
	test "$(cat ../err)" = "docket: no case '"'b2'"' (see '"'docket list'"')"
	test_refused docket set b2 client.phone=1
	test_cmp ../outside.before ../outside/case.ini
	mkdir -p ../outside/c3
	printf "[case]\nid = c3\n" >../outside/c3/case.ini
	ln -s "$TRASH/outside/c3" cases/2026/c3
	test_refused docket note c3 -m x
	test_must_fail docket show c3 2>/dev/null
	rm cases/2026/c3
	git rm -q cases/2026/b2/case.ini
	git commit -qm "unplant"
'

test_expect_success 'a 1 MB line in case.ini is an error naming the line, not a new key' '
	python3 -c "print(\"[case]\nid = a1\nclient = \" + \"x\" * 1048576 + \"\nstage = demand\")" >cases/2026/a1/case.ini
	test_must_fail docket show a1 2>../err
	test "$(cat ../err)" = "docket: cases/2026/a1/case.ini:3: line longer than 65533 bytes"
	test_refused docket note a1 -m x
	git checkout -q cases/2026/a1/case.ini
'

test_expect_success 'a value past inih'"'"'s 200-byte line keeps its tail (no new key appears)' '
	long=$(python3 -c "print(\"a\" * 300 + \" stage = closed\")")
	docket set a1 client.note="$long" >/dev/null
	test "$(ini_get cases/2026/a1/case.ini client.note)" = "$long"
	test "$(ini_get cases/2026/a1/case.ini case.stage)" = intake
	docket show a1 --json | python3 -c "import json,sys; d=json.load(sys.stdin); assert d[\"sections\"][\"client\"][\"note\"].endswith(\" stage = closed\") and d[\"stage\"] == \"intake\""
'

test_expect_success 'a value too long for any INI line is refused, saying the limit' '
	huge=$(python3 -c "print(\"b\" * 70000)")
	test_refused docket set a1 client.note="$huge"
	grep -q "^docket: client.note: 70000 bytes is longer than the limit of 65526 bytes for this value" ../err
'

test_expect_success 'duplicate sections or keys in case.ini: an error, not a guess' '
	printf "[client]\nphone = 1\n[client]\nphone = 2\n" >>cases/2026/a1/case.ini
	test_must_fail docket show a1 2>../err
	grep -q "duplicate section \[client\]" ../err
	git checkout -q cases/2026/a1/case.ini
'

test_expect_success 'stage names in docket.ini that try path traversal are refused' '
	cp docket.ini ../good.ini
	sed -i "s/^stages = intake,/stages = ..\/..\/etc, intake,/" docket.ini
	test_must_fail docket list 2>../err
	grep -q "^docket: docket.ini:[0-9]*: stages: stage name .\.\./\.\./etc. contains ./." ../err
	cp ../good.ini docket.ini
'

test_expect_success 'pathological Markdown does not stall show' '
	python3 -c "print(\"> \" * 20000 + \"a\")" | docket note a1 >/dev/null
	python3 -c "print(\"![[]()\" * 30000)" | docket note a1 >/dev/null
	python3 -c "print(\"- \" * 20000 + \"a\")" | docket note a1 >/dev/null
	timeout 20 docket show a1 >../out
	test "$(grep -c "^  2026-11-22 12:00  internal  bob" ../out)" = 3
'

test_expect_success 'a write that fails (file size limit) leaves the case as it was' '
	python3 -c "print(\"y\" * 200000)" >../big
	(ulimit -f 100; test_refused docket note a1 -F ../big)
	grep -q "^docket: cannot write cases/2026/a1/notes/.*: File too large" ../err
	test_repo_clean
	(ulimit -f 100; DOCKET_NOW=2026-11-23 test_refused docket set a1 client.bio="$(head -c 60000 ../big)")
	grep -q "File too large" ../err
	test_repo_clean
'

test_expect_success 'no hook runs, from .git/hooks or a hooksPath in the work tree' '
	mkdir hooks
	for h in pre-commit post-commit commit-msg prepare-commit-msg post-checkout post-merge; do
		printf "#!/bin/sh\ntouch \"%s/hook-ran-%s\"\n" "$TRASH" "$h" >.git/hooks/$h
		cp .git/hooks/$h hooks/$h
		chmod +x .git/hooks/$h hooks/$h
	done
	git add hooks
	git -c core.hooksPath=/dev/null commit -qm "hooks in the tree"
	rm -f "$TRASH"/hook-ran-*
	git config core.hooksPath hooks
	docket note a1 -m "no hooks" >/dev/null
	docket advance-stage a1 >/dev/null
	test "$(ls "$TRASH" | grep -c hook-ran)" = 0
	git config --unset core.hooksPath
'

test_done
