#!/bin/sh
# docket sync and deadlines added offline in two clones under one name:
# two different deadlines both stay (the later one renamed), the same
# deadline stays one, and a stage's deadline merges key by key.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/lib-sync.sh"

case_ini=cases/2026/smith-7k2p/case.ini
notes=cases/2026/smith-7k2p/notes

test_expect_success 'setup: a remote and two clones, a and b, of one firm' '
	make_firm a
	git init -q --bare remote.git
	git -C a remote add origin ../remote.git
	at 2026-11-22T09:00:00Z a docket add --id smith-7k2p --client "John Smith" \
		--incident 2026-10-03 --attorney alice --manager bob >/dev/null
	at 2026-11-22T09:01:00Z a docket sync >/dev/null
	docket clone remote.git b >/dev/null
	git -C b config user.name "Carol Park"
	git -C b config user.email carol@firm.example
'

test_expect_success 'two different deadlines of one name: both kept, the later renamed' '
	at 2026-11-22T10:00:00Z a docket due smith-7k2p 2026-12-01 "Call adjuster about offer" >out
	echo "smith-7k2p: deadline call-adjuster-offer on 2026-12-01" >expect
	test_cmp expect out
	at 2026-11-22T10:30:00Z a docket sync >/dev/null
	at 2026-11-22T11:00:00Z b docket due smith-7k2p 2026-12-15 "Call adjuster: offer, MRI bills" >out
	echo "smith-7k2p: deadline call-adjuster-offer on 2026-12-15" >expect
	test_cmp expect out
	at 2026-11-22T12:00:00Z b docket sync >out
	grep -qx "smith-7k2p: \\[due \"call-adjuster-offer\"\\] was added on both sides as two different deadlines: the later one (Carol Park, 2026-11-22 11:00) is now \\[due \"call-adjuster-2\"\\]" out
	at 2026-11-22T12:00:00Z b docket due >actual
	cat >expect <<-\EOF
	2026-12-01  in 9 days       smith-7k2p       call-adjuster-offer  bob      Call adjuster about offer
	2026-12-15  in 23 days      smith-7k2p       call-adjuster-2      bob      Call adjuster: offer, MRI bills
	2028-10-03  in 681 days     smith-7k2p       sol                  alice    Statute of limitations
	EOF
	test_cmp expect actual
	section "due \"call-adjuster-offer\"" b/$case_ini >actual
	cat >expect <<-\EOF
	[due "call-adjuster-offer"]
	date = 2026-12-01
	what = Call adjuster about offer
	who = bob
	done =

	EOF
	test_cmp expect actual
	section "due \"call-adjuster-2\"" b/$case_ini >actual
	cat >expect <<-\EOF
	[due "call-adjuster-2"]
	date = 2026-12-15
	what = Call adjuster: offer, MRI bills
	who = bob
	done =
	EOF
	test_cmp expect actual
	(cd b && docket check)
	test_repo_clean b
'

test_expect_success 'the rename is in the merge note and, without values, in the message' '
	cat >expect <<-\EOF
	docket merged changes made to this case in two places at once:

	- [due "call-adjuster-offer"] was added on both sides as two different deadlines: the later one (Carol Park, 2026-11-22 11:00) is now [due "call-adjuster-2"]
	EOF
	test_cmp expect b/$notes/20261122T120000Z-internal-carol.md
	git -C b log -1 --format=%B >actual
	cat >expect <<-\EOF
	sync: merge origin/main

	smith-7k2p: [due "call-adjuster-offer"] was added on both sides as two different deadlines: the later one (Carol Park, 2026-11-22 11:00) is now [due "call-adjuster-2"]

	EOF
	test_cmp expect actual
	git -C b log --merges --format=%B >messages
	sed "s/call-adjuster-offer/NAME/g" messages >values
	test_not grep -q "offer\\|MRI\\|2026-12-" values
'

test_expect_success 'the other clone gets both deadlines, in every form' '
	at 2026-11-22T12:10:00Z a docket sync >/dev/null
	test "$(git -C a rev-parse HEAD)" = "$(git -C b rev-parse HEAD)"
	at 2026-11-22T12:10:00Z a docket due --json >json
	python3 -c "import json,sys; [print(d[\"name\"], d[\"date\"]) for d in json.load(sys.stdin)]" <json >actual
	cat >expect <<-\EOF
	call-adjuster-offer 2026-12-01
	call-adjuster-2 2026-12-15
	sol 2028-10-03
	EOF
	test_cmp expect actual
	at 2026-11-22T12:10:00Z a docket due --ics >ics
	test "$(grep -c "^BEGIN:VEVENT" ics)" = 3
	at 2026-12-10 a docket report --json >report
	python3 -c "import json,sys; r=json.load(sys.stdin); [print(k, d[\"name\"]) for k in (\"overdue\", \"due_soon\") for d in r[k]]" <report >actual
	cat >expect <<-\EOF
	overdue call-adjuster-offer
	due_soon call-adjuster-2
	EOF
	test_cmp expect actual
	test_repo_clean a
'

test_expect_success 'the earlier one keeps the name, whichever side syncs' '
	at 2026-11-23T10:00:00Z b docket due smith-7k2p 2026-12-20 "Request wage records from employer" >/dev/null
	at 2026-11-23T10:05:00Z b docket sync >/dev/null
	at 2026-11-23T11:00:00Z a docket due smith-7k2p 2026-12-22 "Request wage records for 2025" >/dev/null
	at 2026-11-23T11:05:00Z a docket sync >out
	grep -qx "smith-7k2p: \\[due \"request-wage-records\"\\] was added on both sides as two different deadlines: the later one (Bob Diaz, 2026-11-23 11:00) is now \\[due \"request-wage-2\"\\]" out
	grep -A1 -x "\\[due \"request-wage-records\"\\]" a/$case_ini >actual
	printf "[due \"request-wage-records\"]\ndate = 2026-12-20\n" >expect
	test_cmp expect actual
	grep -A2 -x "\\[due \"request-wage-2\"\\]" a/$case_ini >actual
	printf "[due \"request-wage-2\"]\ndate = 2026-12-22\nwhat = Request wage records for 2025\n" >expect
	test_cmp expect actual
	test_repo_clean a
'

test_expect_success 'the same deadline added on both sides stays one, with no decision' '
	at 2026-11-24T09:00:00Z b docket sync >/dev/null
	at 2026-11-24T09:01:00Z a docket due smith-7k2p 2026-12-28 "File the lien notice" --who alice >/dev/null
	at 2026-11-24T09:02:00Z b docket due smith-7k2p 2026-12-28 "File the lien notice" --who alice >/dev/null
	at 2026-11-24T09:03:00Z a docket sync >/dev/null
	at 2026-11-24T09:04:00Z b docket sync >out
	test_not grep -q "both sides" out
	grep -c "^\\[due \"file-lien-notice" b/$case_ini >count
	echo 1 >count.expect
	test_cmp count.expect count
	test_repo_clean b
'

test_expect_success 'a stage deadline made on both sides is one deadline: key by key' '
	at 2026-11-25T09:00:00Z a docket sync >/dev/null
	at 2026-11-25T09:01:00Z a docket advance-stage smith-7k2p demand >/dev/null
	at 2026-11-26T09:01:00Z b docket advance-stage smith-7k2p demand >/dev/null
	at 2026-11-26T09:02:00Z a docket sync >/dev/null
	at 2026-11-26T09:03:00Z b docket sync >out
	grep -qx "smith-7k2p: due.demand.date: kept \"2026-11-29\" (Carol Park, 2026-11-26 09:01); \"2026-11-28\" (Bob Diaz, 2026-11-25 09:01) saved in notes/20261126T090300Z-internal-carol.md" out
	test_not grep -q "was added on both sides" out
	grep -c "^\\[due \"demand" b/$case_ini >count
	echo 1 >count.expect
	test_cmp count.expect count
	section "due \"demand\"" b/$case_ini >actual
	cat >expect <<-\EOF
	[due "demand"]
	date = 2026-11-29
	what = Send demand package to carrier
	who = bob
	done =
	EOF
	test_cmp expect actual
	(cd b && docket check)
	test_repo_clean b
'

test_done
