#!/bin/sh
# docket attach, and the files in show
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
DOCKET_NOW=2026-11-01 docket add --id a1 --client "Ann One" >/dev/null
printf "%%PDF-1.4\nreport\n" >../report.pdf
head -c 3000 /dev/zero >../photo.jpg

test_expect_success 'attach: the file copied, one commit' '
	DOCKET_NOW=2026-11-20 docket attach a1 ../report.pdf >../out
	echo "cases/2026/a1/files/report.pdf" >../expect
	test_cmp ../expect ../out
	cmp ../report.pdf cases/2026/a1/files/report.pdf
	test "$(git log -1 --format=%s)" = "attach(a1): report.pdf"
	test "$(git show --name-only --format= HEAD)" = "cases/2026/a1/files/report.pdf"
	test_repo_clean
'

test_expect_success 'attach --as: another name; show lists the files' '
	DOCKET_NOW=2026-11-21 docket attach a1 ../photo.jpg --as "rear bumper.jpg" >../out
	echo "cases/2026/a1/files/rear bumper.jpg" >../expect
	test_cmp ../expect ../out
	docket show a1 >../out
	sed -n "/^Files/,/^$/p" ../out >../got
	cat >../expect <<-\EOF
	Files
	  2026-11-21     2.9 KB  files/rear bumper.jpg
	  2026-11-20       16 B  files/report.pdf
	EOF
	test_cmp ../expect ../got
	docket show a1 --json | python3 -c "
import json,sys
d = json.load(sys.stdin)
assert d[\"files\"] == [{\"name\": \"rear bumper.jpg\", \"size\": 3000, \"date\": \"2026-11-21\"},
                      {\"name\": \"report.pdf\", \"size\": 16, \"date\": \"2026-11-20\"}], d[\"files\"]
"
	docket check >/dev/null
'

test_expect_success 'refusals change nothing' '
	test_refused docket attach a1 ../report.pdf
	echo "docket: cases/2026/a1/files/report.pdf exists already (--as gives the file another name)" >../expect
	test_cmp ../expect ../err
	truncate -s 21M ../big.bin
	test_refused docket attach a1 ../big.bin
	echo "docket: '\''../big.bin'\'' is 21.0 MB, over the 20 MB a case'\''s file may be: keep it outside the firm'\''s repository (or track such files with git-lfs) and note where it is" >../expect
	test_cmp ../expect ../err
	test_refused docket attach a1 ../report.pdf --as .hidden
	echo "docket: the file'\''s name '\''.hidden'\'' starts with '\''.'\''" >../expect
	test_cmp ../expect ../err
	test_refused docket attach a1 ../report.pdf --as "a/b"
	test_refused docket attach a1 ../nothing.pdf
	test_refused docket attach a1 .. --as x
	echo "docket: '\''..'\'' is not a file" >../expect
	test_cmp ../expect ../err
	test_refused --code=2 docket attach a1
'

test_expect_success 'rename and undo carry the files' '
	docket rename a1 ann >/dev/null
	cmp ../report.pdf cases/2026/ann/files/report.pdf
	docket undo >/dev/null
	cmp ../report.pdf cases/2026/a1/files/report.pdf
	test_repo_clean
'

test_done
