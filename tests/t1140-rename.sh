#!/bin/sh
# docket rename, and log across renames
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
DOCKET_NOW=2026-11-01 docket add --id a1 --client "Ann One" >/dev/null
DOCKET_NOW=2026-11-02T10:00:00Z docket note a1 --kind call -m "First call" >/dev/null
DOCKET_NOW=2026-11-03 docket set a1 client.phone=555 >/dev/null
DOCKET_NOW=2026-11-01 docket add --id b2 --client "Ben Two" >/dev/null

test_expect_success 'rename: the directory and case.id, one commit' '
	git ls-tree -r --name-only HEAD cases/2026/a1 | sed "s|/a1/|/ann-2026/|" >../expect-files
	DOCKET_NOW=2026-11-04 docket rename a1 ann-2026 >../out
	echo "a1 -> ann-2026 (cases/2026/ann-2026)" >../expect
	test_cmp ../expect ../out
	test "$(git log -1 --format=%s)" = "rename(ann-2026): from a1"
	git ls-tree -r --name-only HEAD cases/2026/ann-2026 >../files
	test_cmp ../expect-files ../files
	test "$(git ls-tree HEAD cases/2026/a1)" = ""
	test ! -e cases/2026/a1
	test "$(ini_get cases/2026/ann-2026/case.ini case.id)" = ann-2026
	test "$(ini_get cases/2026/ann-2026/case.ini client.phone)" = 555
	test "$(cat cases/2026/ann-2026/notes/20261102T100000Z-call-bob.md)" = "First call"
	git show --no-renames --name-status --format= HEAD >../st
	test "$(wc -l <../st)" = 4
	docket show ann >/dev/null
	test_repo_clean
'

test_expect_success 'log NEW follows the history across the rename' '
	DOCKET_NOW=2026-11-05 docket set ann-2026 client.email=a@x.example >/dev/null
	docket log ann-2026 >../out
	grep -v "^    + \(case\|stages\)\." ../out | sed "s/  [0-9a-f]\{8\}$//" >../got
	cat >../expect <<-\EOF
	2026-11-05 12:00  Bob Diaz  set(ann-2026): client.email
	    + client.email = a@x.example
	2026-11-04 12:00  Bob Diaz  rename(ann-2026): from a1
	    ~ case.id: a1 -> ann-2026
	2026-11-03 12:00  Bob Diaz  set(a1): client.phone
	    + client.phone = 555
	2026-11-02 10:00  Bob Diaz  note(a1): call
	    + notes/20261102T100000Z-call-bob.md
	2026-11-01 12:00  Bob Diaz  add(a1): new case
	EOF
	test_cmp ../expect ../got
'

test_expect_success 'and across two renames' '
	DOCKET_NOW=2026-11-06 docket rename ann ann-one >/dev/null 2>&1
	docket log ann-one | grep -v "^ " | sed "s/  [0-9a-f]\{8\}$//" | cut -c 29- >../got
	cat >../expect <<-\EOF
	rename(ann-one): from ann-2026
	set(ann-2026): client.email
	rename(ann-2026): from a1
	set(a1): client.phone
	note(a1): call
	add(a1): new case
	EOF
	test_cmp ../expect ../got
'

test_expect_success 'rename refusals change nothing' '
	test_refused docket rename ann-one b2
	echo "docket: case ID '\''b2'\'' is taken" >../expect
	test_cmp ../expect ../err
	test_refused docket rename ann-one Bad/ID
	echo "docket: case ID '\''Bad/ID'\'' contains '\''/'\''" >../expect
	test_cmp ../expect ../err
	test_refused docket rename ann-one ann-one
	echo "docket: ann-one is ann-one already" >../expect
	test_cmp ../expect ../err
	test_refused --code=2 docket rename ann-one
	echo stray >cases/2026/ann-one/stray.txt
	test_refused docket rename ann-one ann-two
	echo "docket: cases/2026/ann-one/stray.txt is not committed (commit or remove it first)" >../expect
	test_cmp ../expect ../err
	rm cases/2026/ann-one/stray.txt
	echo "# edit" >>cases/2026/ann-one/case.ini
	test_refused docket rename ann-one ann-two
	echo "docket: cases/2026/ann-one/case.ini has changes that are not committed (commit or undo them first)" >../expect
	test_cmp ../expect ../err
	git checkout -q -- cases
'

test_expect_success 'set case.id is refused, naming rename' '
	test_refused docket set b2 case.id=b3
	echo "docket: case.id cannot be set (use '\''docket rename'\'')" >../expect
	test_cmp ../expect ../err
'

test_expect_success 'undo a rename puts the case back' '
	docket undo >/dev/null
	test "$(git log -1 --format=%s)" = "undo(ann-one): rename(ann-one): from ann-2026"
	test "$(ini_get cases/2026/ann-2026/case.ini case.id)" = ann-2026
	test ! -e cases/2026/ann-one
	test_repo_clean
'

test_expect_success 'sync: a teammate'\''s note under the old ID follows the rename' '
	. "$TEST_DIR/lib-sync.sh"
	git init -q --bare ../remote.git
	git remote add origin ../remote.git
	at 2026-11-10T09:00:00Z . docket sync >/dev/null
	docket clone ../remote.git ../carol >/dev/null
	ident ../carol "Carol Park" carol@firm.example
	at 2026-11-10T10:00:00Z ../carol docket note b2 -m "Carol called Ben" >/dev/null
	at 2026-11-10T10:05:00Z ../carol docket set b2 client.phone=777 >/dev/null
	at 2026-11-10T11:00:00Z . docket rename b2 ben-two >/dev/null
	at 2026-11-10T12:00:00Z ../carol docket sync >/dev/null
	at 2026-11-10T13:00:00Z . docket sync >../out
	grep -qx "ben-two: moved to cases/2026/ben-two here; the changes made to it on origin/main follow it" ../out
	test ! -e cases/2026/b2
	test "$(cat cases/2026/ben-two/notes/20261110T100000Z-internal-carol.md)" = "Carol called Ben"
	test "$(ini_get cases/2026/ben-two/case.ini case.id)" = ben-two
	test "$(ini_get cases/2026/ben-two/case.ini client.phone)" = 777
	docket check >/dev/null
	test_repo_clean
'

test_done
