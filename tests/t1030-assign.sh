#!/bin/sh
# docket assign: a hand-off in one commit, with the note, the open
# deadlines and escalations moved, and the new manager's intro call
. "$(dirname "$0")/lib.sh"

at() { DOCKET_NOW=$1; export DOCKET_NOW; }
q() { docket "$@" >/dev/null; }

test_expect_success 'a case of bob'"'"'s and alice'"'"'s, with deadlines of each and of carol' '
	at 2026-11-20
	make_firm
	cd firm
	printf "%s\n" out err expect files >>.git/info/exclude
	cat >>docket.ini <<-\EOF

	[staff "dave"]
	name = Dave Ng
	email = dave@firm.example
	role = attorney
	EOF
	git commit -qam "staff: dave"
	q add --id x --client "Xavier X" --incident 2026-10-01 --attorney alice --manager bob
	q due x 2026-11-25 "Order the police report" --name police --who bob
	q due x 2026-11-26 "Ask carol about the photos" --name photos --who carol
	q due x 2026-11-18 "Call the adjuster" --name adjuster --who bob
	q due x --done adjuster
	q escalate x --reason medical -m "Numbness in the arm"
	test_repo_clean
'

test_expect_success 'assign --manager: the note, the deadlines moved, the intro call, in one commit' '
	cd firm
	at 2026-11-20
	docket assign x --manager carol -m "Bob moves to the litigation team" >out
	cat >expect <<-\EOF
	x: manager bob -> carol
	x: moved to carol: police
	x: deadline intro-call on 2026-11-23 (carol)
	EOF
	test_cmp expect out
	test "$(git log -1 --format=%s)" = "assign(x): manager bob -> carol; moved to carol: police; intro-call 2026-11-23"
	git show --name-only --format= HEAD >files
	test "$(wc -l <files)" = 2
	grep -qx cases/2026/x/case.ini files
	note=$(grep notes/ files)
	case "$note" in cases/2026/x/notes/20261120T120000Z.02-internal-bob.md) ;; *) false ;; esac
	cat >expect <<-\EOF
	manager: bob -> carol: Bob moves to the litigation team

	Moved to carol: police

	Deadline intro-call on 2026-11-23 for carol: Call the client: introduce yourself
	EOF
	test_cmp expect "$note"
	f=cases/2026/x/case.ini
	test "$(ini_get $f case.manager)" = carol
	test "$(ini_get $f case.attorney)" = alice
	test "$(ini_get $f due.police.who)" = carol
	test "$(ini_get $f due.photos.who)" = carol
	# a deadline done stays whose it was
	test "$(ini_get $f due.adjuster.who)" = bob
	test "$(ini_get $f due.sol.who)" = alice
	test "$(ini_get $f due.intro-call.date)" = 2026-11-23
	test "$(ini_get $f due.intro-call.who)" = carol
	test "$(ini_get $f due.intro-call.what)" = "Call the client: introduce yourself"
	test "$(ini_get $f escalation.1.to)" = alice
	test_repo_clean
'

test_expect_success 'assign --attorney: the law'"'"'s deadlines and the open escalations follow' '
	cd firm
	at 2026-11-20
	docket assign x --attorney dave -m "Alice is on leave" >out
	printf "%s\n" "x: attorney alice -> dave" "x: moved to dave: sol, escalation 1" >expect
	test_cmp expect out
	f=cases/2026/x/case.ini
	test "$(ini_get $f due.sol.who)" = dave
	test "$(ini_get $f escalation.1.to)" = dave
	test "$(ini_get $f due.intro-call.who)" = carol
	test "$(git log -1 --format=%s)" = "assign(x): attorney alice -> dave; moved to dave: sol, escalation 1"
	docket next --who dave | cut -d" " -f1 | sort -u >out
	echo x >expect
	test_cmp expect out
'

test_expect_success 'the intro call in business days ([rules] intro_call_days), set anew for the next manager' '
	cd firm
	at 2026-11-25
	sed -i "s/^intro_call_days = 1bd$/intro_call_days = 2bd/" docket.ini
	git commit -qam "rules: two days for the intro call"
	docket assign x --manager bob --attorney alice -m "Back from leave" >out
	# Thanksgiving (Thursday) is not a business day
	test "$(tail -n 1 out)" = "x: deadline intro-call on 2026-11-30 (bob)"
	f=cases/2026/x/case.ini
	test "$(ini_get $f due.intro-call.who)" = bob
	test "$(ini_get $f due.police.who)" = bob
	test "$(ini_get $f due.sol.who)" = alice
	note=$(git show --name-only --format= HEAD | grep notes/)
	head -n 2 "$note" >out
	printf "%s\n" "manager: carol -> bob: Back from leave" "attorney: dave -> alice: Back from leave" >expect
	test_cmp expect out
'

test_expect_success 'a case without a manager gets one' '
	cd firm
	at 2026-11-25
	q add --id y --client "Yan Y" --attorney alice --manager ""
	docket assign y --manager carol -m "New intake" >out
	test "$(head -n 1 out)" = "y: manager (none) -> carol"
	test "$(ini_get cases/2026/y/case.ini due.intro-call.who)" = carol
'

test_expect_success 'assign refuses what it cannot do, and changes nothing' '
	cd firm
	test_refused --code=2 docket assign x --manager carol
	test "$(head -n 1 "$TRASH/err")" = "docket assign: -m REASON is required: why the case changes hands"
	test_refused --code=2 docket assign x -m "Why"
	test_refused --code=2 docket assign -m "Why" --manager carol
	test_refused docket assign x --manager bob -m "Again"
	test "$(cat "$TRASH/err")" = "docket: x: nothing changes (manager bob)"
	test_refused docket assign x --manager "Carol" -m "Not a handle"
	grep -q "^docket: --manager" "$TRASH/err"
	test_refused docket assign x --manager "" -m "Nobody"
	test_refused docket assign x --manager carol -m "  "
	test "$(cat "$TRASH/err")" = "docket: -m: the reason is empty"
	test_refused docket assign nope --manager carol -m "Why"
'

test_done
