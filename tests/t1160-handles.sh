#!/bin/sh
# staff handles: a near miss refused, filters that name no one, and the
# open deadlines that follow a new manager or attorney set
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
DOCKET_NOW=2026-11-01 docket add --id a1 --client "Ann One" --incident 2026-10-03 --attorney alice >/dev/null
DOCKET_NOW=2026-11-01 docket due a1 2026-12-01 "Call adjuster" >/dev/null
DOCKET_NOW=2026-11-01 docket due a1 2026-12-02 "Order records" >/dev/null
DOCKET_NOW=2026-11-02 docket due a1 --done order-records >/dev/null

test_expect_success 'set case.manager: the old manager'\''s open deadlines move' '
	docket set a1 case.manager=carol >../out
	printf "a1: set case.manager\na1: moved to carol: call-adjuster\n" >../expect
	test_cmp ../expect ../out
	test "$(git log -1 --format=%s)" = "set(a1): case.manager; moved to carol: call-adjuster"
	test "$(ini_get cases/2026/a1/case.ini due.call-adjuster.who)" = carol
	test "$(ini_get cases/2026/a1/case.ini due.order-records.who)" = bob
	test "$(ini_get cases/2026/a1/case.ini due.sol.who)" = alice
	test_repo_clean
'

test_expect_success 'set case.attorney: the sol moves with the attorney' '
	docket set a1 case.attorney=bob >../out
	printf "a1: set case.attorney\na1: moved to bob: sol\n" >../expect
	test_cmp ../expect ../out
	test "$(ini_get cases/2026/a1/case.ini due.sol.who)" = bob
'

test_expect_success 'a handle two edits from a known one is refused on every write' '
	test_refused docket set a1 case.manager=carl
	echo "docket: case.manager '\''carl'\'' is not in docket.ini'\''s [staff]; did you mean '\''carol'\''? (add a new colleague to [staff] first)" >../expect
	test_cmp ../expect ../err
	test_refused docket add --client "New Client" --manager bobb
	echo "docket: --manager '\''bobb'\'' is not in docket.ini'\''s [staff]; did you mean '\''bob'\''? (add a new colleague to [staff] first)" >../expect
	test_cmp ../expect ../err
	test_refused docket due a1 +3d "Call" --who alise
	echo "docket: --who '\''alise'\'' is not in docket.ini'\''s [staff]; did you mean '\''alice'\''? (add a new colleague to [staff] first)" >../expect
	test_cmp ../expect ../err
	test_refused docket escalate a1 --reason medical -m "Numb" --to rob
	echo "docket: --to '\''rob'\'' is not in docket.ini'\''s [staff]; did you mean '\''bob'\''? (add a new colleague to [staff] first)" >../expect
	test_cmp ../expect ../err
'

test_expect_success 'and through add --set and edit' '
	test_refused docket add --client "New Client" --set case.manager=carl
	echo "docket: case.manager '\''carl'\'' is not in docket.ini'\''s [staff]; did you mean '\''carol'\''? (add a new colleague to [staff] first)" >../expect
	test_cmp ../expect ../err
	cat >../ed <<-\EOF
	#!/bin/sh
	sed -i "s/^who = carol$/who = carl/" "$1"
	EOF
	chmod +x ../ed
	EDITOR=../ed test_refused docket edit a1
	head -n 1 ../err >../got
	echo "docket: due.call-adjuster.who '\''carl'\'' is not in docket.ini'\''s [staff]; did you mean '\''carol'\''? (add a new colleague to [staff] first)" >../expect
	test_cmp ../expect ../got
	rm -f .git/DOCKET_EDIT_a1.ini
'

test_expect_success 'a handle far from every known one: accepted, with the warning' '
	docket set a1 case.manager=zed >../out 2>../err
	echo "docket: warning: case.manager '\''zed'\'' is not in docket.ini'\''s [staff]" >../expect
	test_cmp ../expect ../err
	test "$(ini_get cases/2026/a1/case.ini case.manager)" = zed
'

test_expect_success 'filters: a handle in [staff] nor on a case is an error' '
	test_must_fail docket list --who bobb >../out 2>../err
	echo "docket: --who '\''bobb'\'' is not in docket.ini'\''s [staff] nor on any case; did you mean '\''bob'\''?" >../expect
	test_cmp ../expect ../err
	test_cmp /dev/null ../out
	test_must_fail docket due --who nobody --json >../out 2>../err
	echo "docket: --who '\''nobody'\'' is not in docket.ini'\''s [staff] nor on any case" >../expect
	test_cmp ../expect ../err
	test_cmp /dev/null ../out
'

test_expect_success 'filters: a handle on a case, or in [staff] with nothing, is no error' '
	docket list --who zed >../out
	test "$(cut -d" " -f1 ../out)" = a1
	docket list --who alice >../out
	test_cmp /dev/null ../out
	docket due --who zed >../out
	test "$(wc -l <../out)" = 1
'

test_done
