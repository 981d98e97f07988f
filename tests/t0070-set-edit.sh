#!/bin/sh
# docket set and docket edit
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
docket add --id a1 --client "Ann One" --incident 2026-10-03 --attorney alice >/dev/null
f=cases/2026/a1/case.ini

test_expect_success 'set changes keys in place and adds new ones at the end of their section' '
	docket set a1 client.phone="+1 555 0100" case.type=truck "insurance.claim=GP-22-1181; ref #7" >../out
	test "$(cat ../out)" = "a1: set client.phone, case.type, insurance.claim"
	test "$(ini_get $f case.type)" = truck
	test "$(ini_get $f client.phone)" = "+1 555 0100"
	test "$(ini_get $f insurance.claim)" = "GP-22-1181; ref #7"
	test "$(sed -n 5p $f)" = "type = truck"
	test "$(git log -1 --format=%s)" = "set(a1): client.phone, case.type, insurance.claim"
	test_repo_clean
'

test_expect_success 'unknown sections, keys and comments survive every rewrite, in place' '
	cat >>$f <<-\EOF

	# the firm tracks this too
	[x-billing]
	retainer = 33%  ; contingency
	EOF
	sed -i "s/^type = truck$/type = truck\n; hand comment\nfavourite = yes/" $f
	git commit -qam "hand edit"
	cp $f ../before
	docket set a1 client.email=ann@example.com >/dev/null
	docket note a1 -m x >/dev/null
	docket advance-stage a1 >/dev/null
	grep -n "" $f >../now
	grep -qx "6:; hand comment" ../now
	grep -qx "7:favourite = yes" ../now
	test "$(ini_get $f x-billing.retainer)" = "33%  ; contingency"
	test "$(tail -n 3 $f)" = "$(tail -n 3 ../before)"
'

test_expect_success 'tricky text reads back exactly, through docket and configparser' '
	printf "%s\n" "semi;colon ; then # hash" "= leading equals" "[not] a section" \
		"quotes \"double\" '"'single'"'" "back\\slash\\" "%(interp)s 100%" \
		"$(printf "caf\303\251 \342\202\254 \360\237\230\200")" "tab	inside" >../values
	grep -q "^café € " ../values
	i=0
	while IFS= read -r v; do
		i=$((i + 1))
		docket set a1 "x-test.v$i=$v" >/dev/null
		test "$(ini_get $f x-test.v$i)" = "$v"
		docket show a1 --json | python3 -c "import json,sys; print(json.load(sys.stdin)[\"sections\"][\"x-test\"][\"v$i\"])" >../got
		test "$(cat ../got)" = "$v"
	done <../values
	test $i = 8
	long=$(python3 -c "print(\"x;#=\" * 1500)")
	docket set a1 "x-test.long=$long" >/dev/null
	test "$(ini_get $f x-test.long)" = "$long"
'

test_expect_success 'deadline and escalation keys: KIND.NAME.KEY' '
	docket set a1 due.sol.what="SOL (confirm with attorney)" >/dev/null
	test "$(ini_get $f due.sol.what)" = "SOL (confirm with attorney)"
'

test_expect_success 'an empty value clears the key; nothing changed makes no commit' '
	docket set a1 client.email= >/dev/null
	test "$(ini_get $f client.email)" = ""
	git rev-parse HEAD >../head
	docket set a1 client.email= >../out
	test "$(cat ../out)" = "a1: nothing changed"
	test "$(git rev-parse HEAD)" = "$(cat ../head)"
'

test_expect_success 'refused: case.stage, case.id, bad dates, bad names, bad text' '
	test_refused docket set a1 case.stage=demand
	test "$(cat ../err)" = "docket: case.stage cannot be set (use '"'docket advance-stage'"')"
	test_refused docket set a1 case.id=b2
	test_refused docket set a1 case.opened=2026-02-30
	test "$(cat ../err)" = "docket: cases/2026/a1/case.ini: [case] opened: '"'2026-02-30'"' is not a date (YYYY-MM-DD)"
	test_refused docket set a1 case.incident=2026-12-01
	grep -q "incident: 2026-12-01 is after the day the case was opened" ../err
	test_refused docket set a1 case.status=pending
	test_refused docket set a1 "client.note=line one
line two"
	test_refused --code=2 docket set a1 Client.Phone=1
	test_refused --code=2 docket set a1 nodot=1
	test_refused --code=2 docket set a1
'

test_expect_success 'edit commits a valid edit, naming the keys that changed' '
	cat >../ed <<-\EOF
	#!/bin/sh
	sed -i "s/^title = .*/title = One v. Two/" "$1"
	EOF
	chmod +x ../ed
	EDITOR=../ed docket edit a1 >../out
	test "$(cat ../out)" = "a1: edited case.title"
	test "$(ini_get $f case.title)" = "One v. Two"
	test "$(git log -1 --format=%s)" = "edit(a1): case.title"
	test_repo_clean
'

test_expect_success 'edit keeps an invalid edit aside, says why, and resumes it' '
	cat >../bad-ed <<-\EOF
	#!/bin/sh
	sed -i "s/^opened = .*/opened = someday/" "$1"
	EOF
	chmod +x ../bad-ed
	EDITOR=../bad-ed test_refused docket edit a1
	grep -q "^docket: cases/2026/a1/case.ini:[0-9]*: opened: .someday. is not a date" ../err
	grep -q "your edit is kept in .*/.git/DOCKET_EDIT_a1.ini" ../err
	test -f .git/DOCKET_EDIT_a1.ini
	cat >../fix-ed <<-\EOF
	#!/bin/sh
	sed -i "s/^opened = .*/opened = 2026-11-21/" "$1"
	EOF
	chmod +x ../fix-ed
	EDITOR=../fix-ed docket edit a1 2>../err >../out
	grep -q "going on with your earlier edit" ../err
	test "$(cat ../out)" = "a1: edited case.opened"
	test ! -e .git/DOCKET_EDIT_a1.ini
	test ! -e .git/DOCKET_EDIT_a1.ini.base
	test_repo_clean
'

test_expect_success 'an edit kept aside is not committed over changes made since' '
	EDITOR=../bad-ed test_refused docket edit a1
	DOCKET_NOW=2026-11-23 docket set a1 client.phone=555-0199 >/dev/null
	sed "s/2026-11-21/2026-11-20/" ../fix-ed >../fix-ed2
	chmod +x ../fix-ed2
	EDITOR=../fix-ed2 test_refused docket edit a1
	grep -q "^docket: cases/2026/a1/case.ini changed since your edit began" ../err
	test "$(ini_get $f client.phone)" = 555-0199
	test -f .git/DOCKET_EDIT_a1.ini
	rm .git/DOCKET_EDIT_a1.ini .git/DOCKET_EDIT_a1.ini.base
'

test_expect_success 'edit with no change makes no commit' '
	git rev-parse HEAD >../head
	EDITOR=true docket edit a1 >../out
	test "$(cat ../out)" = "a1: nothing changed"
	test "$(git rev-parse HEAD)" = "$(cat ../head)"
'

test_expect_success 'EDITOR is read by the shell, as git does: arguments and quotes work' '
	EDITOR="sed -i '"'"'s/^title = .*/title = Quoted Editor/'"'"'" docket edit a1 >../out
	test "$(cat ../out)" = "a1: edited case.title"
	test "$(ini_get $f case.title)" = "Quoted Editor"
'

test_expect_success 'edit in a git worktree keeps its files in that worktree'"'"'s git directory' '
	git worktree add -q ../wt
	cd ../wt
	EDITOR=../bad-ed test_refused docket edit a1
	test -f "$(git rev-parse --git-dir)/DOCKET_EDIT_a1.ini"
	test ! -e .git/DOCKET_EDIT_a1.ini
	rm "$(git rev-parse --git-dir)"/DOCKET_EDIT_a1.ini*
'

test_done
