#!/bin/sh
# docket note ID --move NOTE OTHER-ID
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
DOCKET_NOW=2026-11-01 docket add --id a1 --client "Ann One" >/dev/null
DOCKET_NOW=2026-11-01 docket add --id b2 --client "Ben Two" >/dev/null
DOCKET_NOW=2026-11-20T10:00:00Z docket note a1 --kind call -m "Ben called about his MRI" >/dev/null
DOCKET_NOW=2026-11-20T11:00:00Z docket note a1 --kind email -m "Ann emailed" >/dev/null

test_expect_success 'the note moves, by a prefix of its name, in one commit' '
	docket note a1 --move 20261120T10 ben -m "Logged on the wrong case" >../out 2>../err
	echo "cases/2026/b2/notes/20261120T100000Z-call-bob.md" >../expect
	test_cmp ../expect ../out
	test "$(git log -1 --format=%s)" = "note(a1): moved 20261120T100000Z-call-bob.md to b2: Logged on the wrong case"
	git show --no-renames --name-status --format= HEAD >../got
	printf "D\tcases/2026/a1/notes/20261120T100000Z-call-bob.md\nA\tcases/2026/b2/notes/20261120T100000Z-call-bob.md\n" >../expect
	test_cmp ../expect ../got
	test "$(cat cases/2026/b2/notes/20261120T100000Z-call-bob.md)" = "Ben called about his MRI"
	test "$(ls cases/2026/a1/notes)" = "20261120T110000Z-email-bob.md"
	test_repo_clean
'

test_expect_success 'refusals change nothing' '
	test_refused docket note a1 --move 2025 b2
	echo "docket: a1 has no note '\''2025'\''" >../expect
	test_cmp ../expect ../err
	test_refused docket note a1 --move 20261120T11 a1
	echo "docket: the note is on a1 already" >../expect
	test_cmp ../expect ../err
	test_refused --code=2 docket note a1 --move 20261120T11
	test_refused --code=2 docket note a1 --move 20261120T11 b2 --kind call
'

test_expect_success 'an ambiguous prefix lists the notes' '
	DOCKET_NOW=2026-11-20T12:00:00Z docket note a1 -m "Another" >/dev/null
	test_refused docket note a1 --move 20261120T1 b2
	echo "docket: note '\''20261120T1'\'' is ambiguous: 20261120T110000Z-email-bob.md, 20261120T120000Z-internal-bob.md" >../expect
	test_cmp ../expect ../err
'

test_expect_success 'log of each case shows the move; undo moves it back' '
	docket log b2 | head -n 2 | sed "s/  [0-9a-f]\{8\}$//" >../got
	cat >../expect <<-\EOF
	2026-11-22 12:00  Bob Diaz  note(a1): moved 20261120T100000Z-call-bob.md to b2: Logged on the wrong case
	    + notes/20261120T100000Z-call-bob.md
	EOF
	test_cmp ../expect ../got
	docket undo b2 >/dev/null
	test -e cases/2026/a1/notes/20261120T100000Z-call-bob.md
	test ! -e cases/2026/b2/notes
	test_repo_clean
'

test_done
