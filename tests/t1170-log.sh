#!/bin/sh
# docket log: the firm's activity, and a case's log across a sync merge
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/lib-sync.sh"

case_ini=cases/2026/smith-7k2p/case.ini

test_expect_success 'setup: two clones of a firm with one case' '
	make_firm bob
	git init -q --bare remote.git
	git -C bob remote add origin ../remote.git
	at 2026-11-20T09:00:00Z bob docket add --id smith-7k2p --client "John Smith" >/dev/null
	at 2026-11-20T09:30:00Z bob docket sync >/dev/null
	docket clone remote.git carol >/dev/null
	ident carol "Carol Park" carol@firm.example
'

test_expect_success 'a sync merge shows only what it decided, each change once under its author' '
	at 2026-11-21T09:00:00Z carol docket set smith-7k2p client.phone=555-0100 client.email=c@x.example >/dev/null
	at 2026-11-21T09:05:00Z carol docket sync >/dev/null
	at 2026-11-21T10:00:00Z bob docket set smith-7k2p client.phone=555-0199 case.title=Smith >/dev/null
	at 2026-11-21T11:00:00Z bob docket sync >/dev/null
	test "$(git -C bob log -1 --format=%p HEAD | wc -w)" = 2
	docket -C bob log smith-7k2p >raw
	sed "s/  [0-9a-f]\{8\}$//" raw | grep -v "^    + \(case\|stages\)\." >out
	cat >expect <<-\EOF
	2026-11-21 11:00  Bob Diaz  sync: merge origin/main
	    + notes/20261121T110000Z-internal-bob.md
	    = client.phone: 555-0199 (kept; the other side had 555-0100)
	2026-11-21 10:00  Bob Diaz  set(smith-7k2p): client.phone, case.title
	    ~ case.title: John Smith -> Smith
	    + client.phone = 555-0199
	2026-11-21 09:00  Carol Park  set(smith-7k2p): client.phone, client.email
	    + client.phone = 555-0100
	    + client.email = c@x.example
	2026-11-20 09:00  Bob Diaz  add(smith-7k2p): new case
	EOF
	test_cmp expect out
'

test_expect_success 'the other side of the merge: theirs decided over ours' '
	at 2026-11-22T09:00:00Z carol docket set smith-7k2p client.email=d@x.example >/dev/null
	at 2026-11-22T10:00:00Z bob docket set smith-7k2p client.email=e@x.example >/dev/null
	at 2026-11-22T10:30:00Z bob docket sync >/dev/null
	at 2026-11-22T11:00:00Z carol docket set smith-7k2p client.fax=1 >/dev/null
	at 2026-11-22T12:00:00Z carol docket sync >/dev/null
	docket -C carol log smith-7k2p -n 3 >raw
	sed "s/  [0-9a-f]\{8\}$//" raw >out
	head -n 1 out >got
	echo "2026-11-22 12:00  Carol Park  sync: merge origin/main" >expect
	test_cmp expect got
	cat >expect <<-\EOF
	2026-11-22 12:00  Carol Park  sync: merge origin/main
	    + notes/20261122T120000Z-internal-carol.md
	    ~ client.email: d@x.example -> e@x.example
	2026-11-22 11:00  Carol Park  set(smith-7k2p): client.fax
	    + client.fax = 1
	2026-11-22 10:00  Bob Diaz  set(smith-7k2p): client.email
	    ~ client.email: c@x.example -> e@x.example
	EOF
	test_cmp expect out
'

test_expect_success 'log with no ID: the firm'\''s activity, one line a change' '
	docket -C carol log -n 5 >raw
	sed "s/  [0-9a-f]\{8\}$//" raw >out
	cat >expect <<-\EOF
	2026-11-22 12:00  Carol Park  sync: merge origin/main
	2026-11-22 11:00  Carol Park  set(smith-7k2p): client.fax
	2026-11-22 10:00  Bob Diaz  set(smith-7k2p): client.email
	2026-11-22 09:00  Carol Park  set(smith-7k2p): client.email
	2026-11-21 11:00  Bob Diaz  sync: merge origin/main
	EOF
	test_cmp expect out
'

test_expect_success 'log --who H: the changes H made; --since DATE' '
	docket -C carol log --who carol >raw
	sed "s/  [0-9a-f]\{8\}$//" raw >out
	cat >expect <<-\EOF
	2026-11-22 12:00  Carol Park  sync: merge origin/main
	2026-11-22 11:00  Carol Park  set(smith-7k2p): client.fax
	2026-11-22 09:00  Carol Park  set(smith-7k2p): client.email
	2026-11-21 09:00  Carol Park  set(smith-7k2p): client.phone, client.email
	EOF
	test_cmp expect out
	docket -C carol log --since 2026-11-22 --who carol >raw
	test "$(wc -l <raw)" = 3
	docket -C carol log smith --who carol --since 2026-11-22 -n 1 >raw
	sed "s/  [0-9a-f]\{8\}$//" raw >out
	cat >expect <<-\EOF
	2026-11-22 12:00  Carol Park  sync: merge origin/main
	    + notes/20261122T120000Z-internal-carol.md
	    ~ client.email: d@x.example -> e@x.example
	EOF
	test_cmp expect out
'

test_expect_success 'log filters: errors' '
	test_must_fail docket -C bob log --who carl 2>err
	echo "docket: --who '\''carl'\'' is not in docket.ini'\''s [staff]; did you mean '\''carol'\''?" >expect
	test_cmp expect err
	test_must_fail docket -C bob log --who zed 2>err
	echo "docket: --who '\''zed'\'' is not in docket.ini'\''s [staff] and made no change here" >expect
	test_cmp expect err
	test_must_fail --code=2 docket -C bob log -n x
	test_must_fail --code=2 docket -C bob log --since never
'

test_done
