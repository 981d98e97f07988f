#!/bin/sh
# The deadlines follow the facts through a merge: two clones change
# different facts of one case; docket sync (and git pull, through the
# merge driver) recomputes the sol from the merged facts, in the merge
# commit.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/lib-sync.sh"

case_ini=cases/2026/smith-7k2p/case.ini

# "date | basis" of the sol in a file
sol_of() {
	echo "$(ini_get "$1" due.sol.date) | $(ini_get "$1" due.sol.basis)"
}

test_expect_success 'setup: a remote and two clones, a (Bob) and b (Carol)' '
	make_firm a
	git init -q --bare remote.git
	git -C a remote add origin ../remote.git
	at 2026-11-22T09:00:00Z a docket add --id smith-7k2p --client "John Smith" \
		--incident 2026-10-03 --state CA --attorney alice --manager bob >/dev/null
	at 2026-11-22T09:01:00Z a docket sync >/dev/null
	docket clone remote.git b >/dev/null
	git -C b config user.name "Carol Park"
	git -C b config user.email carol@firm.example
	test "$(sol_of b/$case_ini)" = "2028-10-03 | CA: 2y from incident 2026-10-03 (Cal. Code Civ. Proc. § 335.1)"
'

test_expect_success 'sync: the incident changed in a, the state in b: recomputed in the merge' '
	at 2026-11-22T10:00:00Z a docket set smith-7k2p case.incident=2026-09-01 >/dev/null 2>err
	test "$(cat err)" = "smith-7k2p: sol 2028-10-03 -> 2028-09-01"
	at 2026-11-22T10:01:00Z a docket sync >/dev/null
	at 2026-11-22T11:00:00Z b docket set smith-7k2p case.state=NY >/dev/null 2>err
	test "$(cat err)" = "smith-7k2p: sol 2028-10-03 -> 2029-10-03"
	at 2026-11-22T11:01:00Z b docket sync >out
	grep -x "smith-7k2p: sol 2029-10-03 -> 2029-09-01 (a Saturday)" out
	test "$(sol_of b/$case_ini)" = "2029-09-01 | NY: 3y from incident 2026-09-01 (N.Y. C.P.L.R. 214(5))"
	# in the merge commit itself
	test "$(git -C b rev-list --count --merges HEAD)" = 1
	git -C b show HEAD:$case_ini >merged.ini
	test "$(sol_of merged.ini)" = "2029-09-01 | NY: 3y from incident 2026-09-01 (N.Y. C.P.L.R. 214(5))"
	git -C b log -1 --format=%B >msg
	grep -x "smith-7k2p: sol recomputed from the merged facts" msg
	test_not grep -q "2029-" msg
	test_repo_clean b
	(cd b && docket check) >out 2>err
	test ! -s out
'

test_expect_success 'the other clone gets the same, with nothing to recompute' '
	at 2026-11-22T12:00:00Z a docket sync >/dev/null
	test "$(git -C a rev-parse HEAD)" = "$(git -C b rev-parse HEAD)"
	test "$(sol_of a/$case_ini)" = "2029-09-01 | NY: 3y from incident 2026-09-01 (N.Y. C.P.L.R. 214(5))"
	(cd a && docket check) >out
	test ! -s out
'

test_expect_success 'sync: a fact changed on one side only needs no recompute' '
	at 2026-11-23T09:00:00Z a docket set smith-7k2p client.dob=2010-05-02 >/dev/null 2>err
	test "$(cat err)" = "smith-7k2p: sol 2029-09-01 -> 2031-05-02"
	at 2026-11-23T09:01:00Z a docket sync >/dev/null
	at 2026-11-23T10:00:00Z b docket set smith-7k2p client.phone="+1 555 0100" >/dev/null
	at 2026-11-23T10:01:00Z b docket sync >out
	test_not grep -q "^smith-7k2p: sol" out
	test "$(sol_of b/$case_ini)" = "2031-05-02 | NY: 3y from majority on 2028-05-02 (minor, tolled; N.Y. C.P.L.R. 214(5))"
	at 2026-11-23T10:02:00Z a docket sync >/dev/null
'

test_expect_success 'a manual sol stays as it is through a merge' '
	at 2026-11-24T09:00:00Z a docket due smith-7k2p 2030-12-01 "SOL per attorney" --name sol >/dev/null
	at 2026-11-24T09:01:00Z a docket sync >/dev/null
	at 2026-11-24T10:00:00Z b docket set smith-7k2p case.incident=2026-08-01 >/dev/null 2>err
	test "$(cat err)" = ""
	at 2026-11-24T10:01:00Z b docket sync >out
	test_not grep -q "^smith-7k2p: sol" out
	test "$(sol_of b/$case_ini)" = "2030-12-01 | manual"
	at 2026-11-24T10:02:00Z a docket sync >/dev/null
	at 2026-11-24T10:03:00Z a docket set smith-7k2p due.sol.basis= >/dev/null 2>err
	test "$(cat err)" = "smith-7k2p: sol 2030-12-01 -> 2031-05-02"
	at 2026-11-24T10:04:00Z a docket sync >/dev/null
	at 2026-11-24T10:05:00Z b docket sync >/dev/null
'

test_expect_success 'git pull: the merge driver recomputes too' '
	git clone -q remote.git carol
	git -C carol config user.name "Carol Park"
	git -C carol config user.email carol@firm.example
	(cd carol && docket check)
	at 2026-11-25T09:00:00Z a docket set smith-7k2p client.dob= >/dev/null 2>err
	test "$(cat err)" = "smith-7k2p: sol 2031-05-02 -> 2029-08-01"
	git -C a push -q
	at 2026-11-25T10:00:00Z carol docket set smith-7k2p case.state=CA >/dev/null 2>err
	test "$(cat err)" = "smith-7k2p: sol 2031-05-02 -> 2030-05-02"
	gitat 2026-11-25T10:05:00Z carol pull -q --no-rebase 2>out
	grep -x "docket: smith-7k2p: sol 2030-05-02 -> 2028-08-01" out
	test "$(sol_of carol/$case_ini)" = "2028-08-01 | CA: 2y from incident 2026-08-01 (Cal. Code Civ. Proc. § 335.1)"
	git -C carol show HEAD:$case_ini >merged.ini
	test "$(sol_of merged.ini)" = "2028-08-01 | CA: 2y from incident 2026-08-01 (Cal. Code Civ. Proc. § 335.1)"
	test "$(git -C carol rev-list --count --merges HEAD^..HEAD)" = 1
	(cd carol && docket check) >out
	test ! -s out
	# the note of the values the merge set aside goes in with the next sync
	at 2026-11-25T10:06:00Z carol docket sync >/dev/null
	test_repo_clean carol
'

test_done
