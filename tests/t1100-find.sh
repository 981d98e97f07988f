#!/bin/sh
# finding a case: by ID, by the client's name, by the directory you are in
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
docket add --id shah-c9uz --client "Priya Shah-Menon" --title "Shah-Menon v. Acme" >/dev/null
docket add --id lopez-a1 --client "Maria Lopez" --title "Lopez v. City" >/dev/null
docket add --id lopez-b2 --client "Jose Lopez" --title "Lopez v. Acme Freight" >/dev/null

test_expect_success 'a word of the client name finds the case, and says which' '
	docket show menon >../out 2>../err
	echo "docket: '\''menon'\'' is shah-c9uz (Priya Shah-Menon)" >../expect
	test_cmp ../expect ../err
	head -n 1 ../out >../got
	echo "shah-c9uz  Shah-Menon v. Acme" >../expect
	test_cmp ../expect ../got
	docket show PRIYA >/dev/null 2>../err
	echo "docket: '\''PRIYA'\'' is shah-c9uz (Priya Shah-Menon)" >../expect
	test_cmp ../expect ../err
	docket show "priya sh" >/dev/null 2>../err
	echo "docket: '\''priya sh'\'' is shah-c9uz (Priya Shah-Menon)" >../expect
	test_cmp ../expect ../err
'

test_expect_success 'an ID or its prefix comes before a name, and says nothing' '
	docket show shah >../out 2>../err
	test_cmp /dev/null ../err
	head -n 1 ../out >../got
	echo "shah-c9uz  Shah-Menon v. Acme" >../expect
	test_cmp ../expect ../got
'

test_expect_success 'a write by a client name: one commit on that case' '
	docket note maria -m "Called" >../out 2>../err
	echo "docket: '\''maria'\'' is lopez-a1 (Maria Lopez)" >../expect
	test_cmp ../expect ../err
	test "$(git log -1 --format=%s)" = "note(lopez-a1): internal"
	test_repo_clean
'

test_expect_success 'an ambiguous name lists the candidates, and changes nothing' '
	test_refused docket note Lopez -m "Called"
	echo "docket: '\''Lopez'\'' matches 2 clients: lopez-a1 (Maria Lopez: Lopez v. City), lopez-b2 (Jose Lopez: Lopez v. Acme Freight)" >../expect
	test_cmp ../expect ../err
'

test_expect_success 'no case by ID or name: the ID error' '
	test_refused docket note zed -m "Called"
	echo "docket: no case '\''zed'\'' (see '\''docket list'\'')" >../expect
	test_cmp ../expect ../err
'

test_expect_success 'show . and show with no ID inside a case directory' '
	(cd cases/2026/lopez-b2 && docket show .) >../out
	head -n 1 ../out >../got
	echo "lopez-b2  Lopez v. Acme Freight" >../expect
	test_cmp ../expect ../got
	(cd cases/2026/shah-c9uz && docket show) >../out
	head -n 1 ../out >../got
	echo "shah-c9uz  Shah-Menon v. Acme" >../expect
	test_cmp ../expect ../got
	(cd cases/2026/shah-c9uz && docket log .) >../out
	test "$(grep -c "^[0-9]" ../out)" = 1
'

test_expect_success 'show . outside a case: an error; no ID: a usage error' '
	test_must_fail docket show . 2>../err
	echo "docket: this directory is in no case (give a case ID, or cd into a case'\''s directory)" >../expect
	test_cmp ../expect ../err
	test_must_fail --code=2 docket show 2>../err
	head -n 1 ../err >../got
	echo "docket show: which case? (a case ID)" >../expect
	test_cmp ../expect ../got
'

test_expect_success 'add warns of a likely duplicate intake, and adds it' '
	docket add --id dup-1 --client "Ann  Lee" --incident 2026-10-03 >/dev/null 2>../err
	test_cmp /dev/null ../err
	docket add --id dup-2 --client "ann lee" --incident 2026-10-03 >../out 2>../err
	echo dup-2 >../expect
	test_cmp ../expect ../out
	echo "docket: warning: dup-1 is open for ann lee with the same incident date (2026-10-03): a duplicate intake? ('\''docket undo'\'' takes this one back)" >../expect
	test_cmp ../expect ../err
	test "$(git log -1 --format=%s)" = "add(dup-2): new case"
	docket add --id dup-3 --client "Ann Lee" --incident 2026-10-04 >/dev/null 2>../err
	test_cmp /dev/null ../err
	docket close dup-1 -m "Merged into dup-2" >/dev/null
	docket add --id dup-4 --client "Ann Lee" --incident 2026-10-03 >/dev/null 2>../err
	echo "docket: warning: dup-2 is open for Ann Lee with the same incident date (2026-10-03): a duplicate intake? ('\''docket undo'\'' takes this one back)" >../expect
	test_cmp ../expect ../err
'

test_done
