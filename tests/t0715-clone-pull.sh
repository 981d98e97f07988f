#!/bin/sh
# init --role; pull.rebase set where docket registers its driver; a
# remote whose HEAD names a branch it does not have
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/lib-sync.sh"

test_expect_success 'init --role manager: the first staff member is a manager' '
	docket init mgr --role Manager >/dev/null
	sed -n "/^\\[staff /,/^role/p" mgr/docket.ini >actual
	cat >expect <<-\EOF
	[staff "bob"]
	name = Bob Diaz
	email = bob@firm.example
	role = manager
	EOF
	test_cmp expect actual
	docket init att >/dev/null
	test "$(grep "^role = " att/docket.ini)" = "role = attorney"
	test_must_fail --code=2 docket init other --role partner 2>err
	test "$(head -n 1 err)" = "docket init: --role is attorney or manager"
	test ! -e other
'

test_expect_success 'init and clone set pull.rebase = false; a repository that sets it keeps it' '
	test "$(git -C mgr config --local pull.rebase)" = false
	git init -q --bare remote.git
	git -C mgr remote add origin ../remote.git
	git -C mgr push -q origin HEAD
	docket clone remote.git bob >/dev/null
	test "$(git -C bob config --local pull.rebase)" = false
	git clone -q remote.git carol
	test_must_fail git -C carol config --local pull.rebase
	git -C carol config pull.rebase true
	(cd carol && docket list >/dev/null)
	test "$(git -C carol config merge.docket.driver)" = "docket merge-driver %O %A %B %P %L"
	test "$(git -C carol config --local pull.rebase)" = true
'

test_expect_success 'clone: the remote HEAD names a missing branch; its only firm branch is taken' '
	git clone -q --bare mgr odd.git
	head=$(git -C odd.git symbolic-ref HEAD)
	git -C odd.git branch -m "${head#refs/heads/}" firm
	git -C odd.git symbolic-ref HEAD refs/heads/nothing-here
	docket clone odd.git c1 >out
	test "$(cat out)" = "Cloned mgr into c1 (firm, 0 cases)"
	test "$(git -C c1 rev-parse --abbrev-ref HEAD@{upstream})" = origin/firm
	test -f c1/docket.ini
	git -C c1 status --porcelain >st
	test_must_fail test -s st
'

test_expect_success 'clone: more than one firm branch: listed, nothing cloned' '
	git -C odd.git branch second firm
	test_must_fail docket clone odd.git c2 2>err
	test "$(cat err)" = "docket: the HEAD of odd.git names a branch it does not have, and more than one of its branches is a firm (firm, second): clone one with '"'git clone -b BRANCH'"'"
	test ! -e c2
'

test_expect_success 'clone: no branch is a firm' '
	git init -q --bare empty.git
	test_must_fail docket clone empty.git c3 2>err
	test "$(cat err)" = "docket: empty.git is not a docket firm (it has no docket.ini); nothing was cloned"
	test ! -e c3
'

test_done
