#!/bin/sh
# The workup through a merge: records received in two clones make the
# case records complete in the merge, which adds the demand deadline in
# the merge commit (docket sync, and git pull through the merge driver);
# a merge that would break the workup (a demand on a policy the other
# side removed) is refused and changes nothing; demands added on both
# sides under one number are both kept.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/lib-sync.sh"

ini=cases/2026/smith-7k2p/case.ini

test_expect_success 'setup: a remote and two clones, a (Bob) and b (Carol)' '
	make_firm a
	git init -q --bare remote.git
	git -C a remote add origin ../remote.git
	at 2026-11-16T09:00:00Z a docket add --id smith-7k2p --client "John Smith" \
		--attorney alice --manager bob >/dev/null
	at 2026-11-16T09:01:00Z a docket provider smith-7k2p "Mercy Hospital" \
		--visit 2026-10-04 --discharged 2026-11-01 >/dev/null
	at 2026-11-16T09:02:00Z a docket provider smith-7k2p "City PT" \
		--visit 2026-10-10 --discharged 2026-11-10 >/dev/null
	at 2026-11-16T09:03:00Z a docket records smith-7k2p mercy --request >/dev/null
	at 2026-11-16T09:04:00Z a docket records smith-7k2p city --request >/dev/null
	at 2026-11-16T09:05:00Z a docket policy smith-7k2p bi-acme --coverage bi \
		--lor-sent >/dev/null
	at 2026-11-16T09:06:00Z a docket sync >/dev/null
	docket clone remote.git b >/dev/null
	git -C b config user.name "Carol Park"
	git -C b config user.email carol@firm.example
'

test_expect_success 'sync: the last records on each side make the case records complete: the demand in the merge commit' '
	at 2026-11-20T10:00:00Z a docket records smith-7k2p mercy --receive >out
	test "$(wc -l <out)" = 2
	at 2026-11-20T10:01:00Z a docket sync >/dev/null
	at 2026-11-21T11:00:00Z b docket records smith-7k2p city --receive >out
	test "$(wc -l <out)" = 2
	test_not grep -q "^\[due \"demand\"\]" b/$ini
	at 2026-11-21T11:01:00Z b docket sync >out
	grep -x "smith-7k2p: deadline demand on 2026-11-24 (records complete 2026-11-21)" out
	test "$(git -C b rev-list --count --merges HEAD)" = 1
	git -C b show HEAD:$ini >merged.ini
	test "$(ini_get merged.ini due.demand.date)" = 2026-11-24
	test "$(ini_get merged.ini due.demand.what)" = "Send the demand"
	test "$(ini_get merged.ini due.demand.who)" = bob
	git -C b log -1 --format=%B >msg
	grep -x "smith-7k2p: deadline demand 2026-11-24, from the merged workup" msg
	test_repo_clean b
	(cd b && docket check) >out 2>err
	test ! -s out
'

test_expect_success 'the other clone gets the same' '
	at 2026-11-21T12:00:00Z a docket sync >/dev/null
	test "$(git -C a rev-parse HEAD)" = "$(git -C b rev-parse HEAD)"
	test "$(ini_get a/$ini due.demand.date)" = 2026-11-24
'

test_expect_success 'a demand on a policy the other side removed: refused, nothing changed' '
	# a removes the policy by hand
	python3 - a/$ini <<-\PY
	import sys
	p = sys.argv[1]
	s = open(p).read()
	start = s.index("[policy \"bi-acme\"]")
	end = s.index("\n[", start) + 1
	open(p, "w").write(s[:start] + s[end:])
	PY
	gitat 2026-11-22T09:00:00Z a commit -qam "no such policy after all"
	at 2026-11-22T09:01:00Z a docket sync >/dev/null
	at 2026-11-22T10:00:00Z b docket demand smith-7k2p 100000 --policy bi-acme >/dev/null
	before=$(git -C b rev-parse HEAD)
	at 2026-11-22T10:01:00Z b test_must_fail docket sync >out 2>err
	grep -q "^docket: cannot merge .*\[demand \"1\"\] policy: .bi-acme. is not a policy of the case (it has none); the merge of the two sides would leave the case like that: make the two agree on one side first; nothing was changed$" err
	test "$(git -C b rev-parse HEAD)" = "$before"
	test_repo_clean b
	# the two agree: the policy is back
	at 2026-11-22T11:00:00Z a docket policy smith-7k2p bi-acme --coverage bi \
		--lor-sent 2026-11-16 >/dev/null
	at 2026-11-22T11:01:00Z a docket sync >/dev/null
	at 2026-11-22T11:02:00Z b docket sync >/dev/null
	test "$(ini_get b/$ini demand.1.policy)" = bi-acme
	at 2026-11-22T11:03:00Z a docket sync >/dev/null
	(cd a && docket check) >out
	test ! -s out
'

test_expect_success 'demands added on both sides under one number: both kept, the later renumbered' '
	at 2026-11-23T09:00:00Z a docket demand smith-7k2p 250000 --policy bi-acme >/dev/null
	at 2026-11-23T09:01:00Z a docket sync >/dev/null
	at 2026-11-23T10:00:00Z b docket demand smith-7k2p 200000 --policy bi-acme >/dev/null
	at 2026-11-23T10:01:00Z b docket sync >out
	grep -q "\[demand \"2\"\] was added on both sides: the later one (Carol Park, .*) is now \[demand \"3\"\]" out
	test "$(ini_get b/$ini demand.2.amount)" = 250000.00
	test "$(ini_get b/$ini demand.3.amount)" = 200000.00
	(cd b && docket check) >out
	test ! -s out
	at 2026-11-23T10:02:00Z a docket sync >/dev/null
'

test_expect_success 'git pull: the merge driver adds the demand deadline too, and refuses a broken workup' '
	at 2026-11-24T08:00:00Z a docket add --id doe-2 --client "Jane Doe" --manager bob >/dev/null
	at 2026-11-24T08:01:00Z a docket provider doe-2 "Clinic One" --visit 2026-11-01 --discharged 2026-11-02 >/dev/null
	at 2026-11-24T08:02:00Z a docket provider doe-2 "Clinic Two" --visit 2026-11-01 --discharged 2026-11-02 >/dev/null
	at 2026-11-24T08:03:00Z a docket sync >/dev/null
	git clone -q remote.git carol
	git -C carol config user.name "Carol Park"
	git -C carol config user.email carol@firm.example
	(cd carol && docket check)
	at 2026-11-24T09:00:00Z a docket records doe-2 clinic-one --receive >/dev/null
	git -C a push -q
	at 2026-11-24T10:00:00Z carol docket records doe-2 clinic-two --receive 2026-11-23 >/dev/null
	gitat 2026-11-24T10:05:00Z carol pull -q --no-rebase 2>out
	grep -x "docket: doe-2: deadline demand on 2026-11-27 (records complete 2026-11-24)" out
	git -C carol show HEAD:cases/2026/doe-2/case.ini >merged.ini
	test "$(ini_get merged.ini due.demand.date)" = 2026-11-27
	(cd carol && docket check) >out
	test ! -s out
	at 2026-11-24T10:06:00Z carol docket sync >/dev/null
	at 2026-11-24T10:07:00Z a docket sync >/dev/null
	test "$(git -C a rev-parse HEAD)" = "$(git -C carol rev-parse HEAD)"
'

test_expect_success 'git pull: a visit on one side after the discharge the other recorded is a conflict' '
	at 2026-11-24T11:00:00Z a docket set doe-2 provider.clinic-one.discharged= >/dev/null
	at 2026-11-24T11:01:00Z a docket provider doe-2 clinic-one --visit 2026-11-20 >/dev/null
	git -C a push -q
	at 2026-11-24T11:30:00Z carol docket provider doe-2 clinic-one --discharged 2026-11-10 >/dev/null
	before=$(git -C carol rev-parse HEAD)
	(cd carol && DOCKET_NOW=2026-11-24T11:35:00Z \
		GIT_AUTHOR_DATE=2026-11-24T11:35:00Z GIT_COMMITTER_DATE=2026-11-24T11:35:00Z \
		test_must_fail git pull -q --no-rebase) >out 2>err
	grep -q "^docket: cases/2026/doe-2/case.ini:[0-9]*: \[provider \"clinic-one\"\] discharged: 2026-11-10 is before last_visit (2026-11-20); the merge of the two sides would leave the case like that: make the two agree on one side first$" err
	git -C carol merge --abort
	test "$(git -C carol rev-parse HEAD)" = "$before"
	test_repo_clean carol
'

test_done
