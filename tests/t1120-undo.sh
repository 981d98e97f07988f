#!/bin/sh
# docket undo: the user's own latest change reverted by a new commit
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
DOCKET_NOW=2026-11-01 docket add --id a1 --client "Ann One" >/dev/null
DOCKET_NOW=2026-11-01 docket add --id b2 --client "Ben Two" >/dev/null

as_carol() {
	git -c user.name="Carol Park" -c user.email=carol@firm.example "$@"
}

test_expect_success 'undo a note: the note goes, the history keeps it' '
	DOCKET_NOW=2026-11-20T10:00:00Z docket note a1 --kind call -m "Wrong case" >/dev/null
	note=cases/2026/a1/notes/20261120T100000Z-call-bob.md
	noted=$(git rev-parse --short=8 HEAD)
	docket undo >../out
	echo "a1: undid note(a1): call ($noted)" >../expect
	test_cmp ../expect ../out
	test ! -e $note
	test "$(git log -1 --format=%s)" = "undo(a1): note(a1): call"
	test "$(git show --name-status --format= HEAD)" = "D	$note"
	test "$(git show HEAD~1:$note)" = "Wrong case"
	test_repo_clean
'

test_expect_success 'an undo is undone by the next undo' '
	docket undo >/dev/null
	test "$(git log -1 --format=%s)" = "undo(a1): undo(a1): note(a1): call"
	test "$(cat cases/2026/a1/notes/20261120T100000Z-call-bob.md)" = "Wrong case"
	test_repo_clean
'

test_expect_success 'undo ID: the latest change of yours on that case' '
	docket set b2 client.phone=555 >/dev/null
	docket set a1 client.phone=111 >/dev/null
	docket undo b2 >/dev/null
	test "$(git log -1 --format=%s)" = "undo(b2): set(b2): client.phone"
	test_not grep -q phone cases/2026/b2/case.ini
	grep -q "^phone = 111$" cases/2026/a1/case.ini
	test "$(git show --name-only --format= HEAD)" = "cases/2026/b2/case.ini"
	test_repo_clean
'

test_expect_success 'a teammate changed the same file since: refused, naming it' '
	docket set a1 client.email=a@x.example >/dev/null
	mine=$(git rev-parse --short=8 HEAD)
	git config user.name "Carol Park"
	git config user.email carol@firm.example
	docket set a1 client.phone=222 >/dev/null
	theirs=$(git rev-parse --short=8 HEAD)
	git config --unset user.name
	git config --unset user.email
	test_refused docket undo a1
	echo "docket: cannot undo '\''set(a1): client.email'\'' ($mine): cases/2026/a1/case.ini was changed since by set(a1): client.phone ($theirs, Carol Park)" >../expect
	test_cmp ../expect ../err
'

test_expect_success 'a teammate commit elsewhere is not in the way; theirs are not mine' '
	DOCKET_NOW=2026-11-21T10:00:00Z docket note b2 -m "mine" >/dev/null
	git config user.name "Carol Park"
	git config user.email carol@firm.example
	DOCKET_NOW=2026-11-21T11:00:00Z docket note b2 -m "hers" >/dev/null
	git config --unset user.name
	git config --unset user.email
	docket undo >/dev/null
	test "$(git log -1 --format=%s)" = "undo(b2): note(b2): internal"
	test "$(ls cases/2026/b2/notes)" = "20261121T110000Z-internal-carol.md"
'

test_expect_success 'uncommitted edits of the file: refused' '
	DOCKET_NOW=2026-11-22T10:00:00Z docket note b2 -m "again" >/dev/null
	echo more >>cases/2026/b2/notes/20261122T100000Z-internal-bob.md
	test_refused docket undo
	echo "docket: cannot undo '\''note(b2): internal'\'' ($(git rev-parse --short=8 HEAD)): cases/2026/b2/notes/20261122T100000Z-internal-bob.md has changes that are not committed" >../expect
	test_cmp ../expect ../err
	git checkout -q -- cases
'

test_expect_success 'nothing of yours to undo' '
	git config user.email nobody@firm.example
	test_refused docket undo a1
	echo "docket: nothing of yours (nobody@firm.example) to undo on a1" >../expect
	test_cmp ../expect ../err
	git config --unset user.email
	test_refused --code=2 docket undo a1 b2
'

test_expect_success 'undo add: the case goes' '
	docket add --id c3 --client "Cy Three" >/dev/null
	docket undo >/dev/null
	test "$(git log -1 --format=%s)" = "undo(c3): add(c3): new case"
	test ! -e cases/2026/c3
	test_must_fail docket show c3 2>../err
	test_repo_clean
'

test_done
