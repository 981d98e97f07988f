#!/bin/sh
# docket sync and docket clone: a bare repository as the firm's shared
# remote, three clones with their own git identities, concurrent work.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/lib-sync.sh"

case_ini=cases/2026/smith-7k2p/case.ini
notes=cases/2026/smith-7k2p/notes

test_expect_success 'the first sync publishes the branch to an empty remote' '
	make_firm bob
	git init -q --bare remote.git
	git -C bob remote add origin ../remote.git
	at 2026-11-22T09:00:00Z bob docket sync >out
	echo "published origin/main (../remote.git): 2 commits" >expect
	test_cmp expect out
	test "$(git -C remote.git rev-parse main)" = "$(git -C bob rev-parse HEAD)"
	test "$(git -C bob rev-parse --abbrev-ref @{upstream})" = origin/main
	test_repo_clean bob
'

test_expect_success 'docket clone: a copy ready to use, owner-only' '
	docket clone remote.git carol >out
	echo "Cloned Example Injury Law into carol (main, 0 cases)" >expect
	test_cmp expect out
	ident carol "Carol Park" carol@firm.example
	test "$(git -C carol config merge.docket.driver)" = \
		"docket merge-driver %O %A %B %P %L"
	test_must_fail git -C carol config merge.docket.recursive
	test "$(git -C carol check-attr merge -- $case_ini)" = \
		"$case_ini: merge: docket"
	test "$(stat -c %a carol)" = 700
	test "$(stat -c %a carol/.git)" = 700
	test "$(stat -c %a carol/docket.ini)" = 600
	test "$(git -C carol rev-parse --abbrev-ref @{upstream})" = origin/main
	test_repo_clean carol
'

test_expect_success 'a plain git clone is ready once docket opens it' '
	git clone -q remote.git alice
	ident alice "Alice Chen" alice@firm.example
	test_must_fail git -C alice config merge.docket.driver
	(cd alice && docket list >/dev/null)
	test "$(git -C alice config merge.docket.driver)" = \
		"docket merge-driver %O %A %B %P %L"
	test_repo_clean alice
'

test_expect_success 'clone: bad URLs and directories' '
	test_must_fail docket clone /no/such/firm.git nowhere 2>err
	grep -q "^docket: cannot clone /no/such/firm.git: " err
	test ! -e nowhere
	git init -q --bare empty.git
	test_must_fail docket clone empty.git 2>err
	echo "docket: empty.git is not a docket firm (it has no docket.ini); nothing was cloned" >expect
	test_cmp expect err
	test ! -e empty
	test_must_fail docket clone remote.git carol 2>err
	grep -q "^docket: cannot clone remote.git: .*carol.* exists" err
	test_must_fail --code=2 docket clone 2>err
	grep -q "^usage: docket clone URL \[DIR\]" err
'

test_expect_success 'clone of a repository that is not a firm leaves the directory as it was' '
	git init -q plain
	echo "Not a firm" >plain/README
	git -C plain add README
	git -C plain commit -qm readme
	git clone -q --bare plain notafirm.git
	echo "docket: notafirm.git is not a docket firm (it has no docket.ini); nothing was cloned" >expect
	# into an existing empty directory: still empty, its mode kept
	mkdir target
	chmod 751 target
	test_must_fail docket clone notafirm.git target 2>err
	test_cmp expect err
	ls -A target >actual
	test ! -s actual
	test "$(stat -c %a target)" = 751
	# into a directory clone makes: no directory left
	test_must_fail docket clone notafirm.git 2>err
	test_cmp expect err
	test ! -e notafirm
	test_must_fail docket clone notafirm.git new/deeper 2>err
	test ! -e new
	# a remote that cannot be reached: the same
	test_must_fail docket clone /no/such/firm.git target 2>err
	ls -A target >actual
	test ! -s actual
	test "$(stat -c %a target)" = 751
	# a firm clones into it all the same
	docket clone remote.git target >out
	echo "Cloned Example Injury Law into target (main, 0 cases)" >expect
	test_cmp expect out
	test "$(stat -c %a target)" = 700
	test_repo_clean target
	rm -rf target
'

test_expect_success 'nothing new: up to date' '
	at 2026-11-22T09:05:00Z carol docket sync >out
	echo "up to date with origin/main" >expect
	test_cmp expect out
'

test_expect_success 'a case comes in as a fast-forward' '
	at 2026-11-22T10:00:00Z bob docket add --id smith-7k2p \
		--client "John Smith" --incident 2026-10-03 --attorney alice \
		--manager bob >/dev/null
	at 2026-11-22T10:01:00Z bob docket set smith-7k2p \
		client.phone="+1 555 0100" client.email=john@example.com >/dev/null
	at 2026-11-22T10:02:00Z bob docket sync >out
	scrub out >actual
	cat >expect <<-\EOF
	out: 2 commits to origin/main
	  XXXXXXX add(smith-7k2p): new case (Bob Diaz)
	  XXXXXXX set(smith-7k2p): client.phone, client.email (Bob Diaz)
	EOF
	test_cmp expect actual
	at 2026-11-22T10:03:00Z carol docket sync >out
	scrub out >actual
	cat >expect <<-\EOF
	in: 2 commits from origin/main
	  XXXXXXX add(smith-7k2p): new case (Bob Diaz)
	  XXXXXXX set(smith-7k2p): client.phone, client.email (Bob Diaz)
	fast-forward to XXXXXXX
	EOF
	test_cmp expect actual
	at 2026-11-22T10:04:00Z alice docket sync >/dev/null
	test_cmp bob/$case_ini carol/$case_ini
	test_repo_clean carol
'

test_expect_success 'concurrent notes: both kept, no decision' '
	at 2026-11-23T09:00:00Z bob docket note smith-7k2p --kind call -m "Client called" >/dev/null
	at 2026-11-23T09:00:00Z carol docket note smith-7k2p --kind email -m "Sent forms" >/dev/null
	at 2026-11-23T09:10:00Z bob docket sync >/dev/null
	at 2026-11-23T09:20:00Z carol docket sync >out
	scrub out >actual
	cat >expect <<-\EOF
	in: 1 commit from origin/main
	  XXXXXXX note(smith-7k2p): call (Bob Diaz)
	merged origin/main: XXXXXXX
	out: 2 commits to origin/main
	  XXXXXXX note(smith-7k2p): email (Carol Park)
	  XXXXXXX sync: merge origin/main (Carol Park)
	EOF
	test_cmp expect actual
	ls carol/$notes >actual
	cat >expect <<-\EOF
	20261123T090000Z-call-bob.md
	20261123T090000Z-email-carol.md
	EOF
	test_cmp expect actual
	test "$(git -C carol log -1 --format=%an%n%B)" = "Carol Park
sync: merge origin/main"
	test "$(git -C carol log -1 --format=%ci)" = "2026-11-23 09:20:00 +0000"
	test_repo_clean carol
'

test_expect_success 'different keys of one section, on adjacent lines, merge cleanly' '
	at 2026-11-23T10:00:00Z bob docket sync >/dev/null
	at 2026-11-23T10:01:00Z bob docket set smith-7k2p client.phone="+1 555 0101" >/dev/null
	at 2026-11-23T10:02:00Z carol docket set smith-7k2p client.email=js@example.com >/dev/null
	at 2026-11-23T10:03:00Z bob docket sync >/dev/null
	at 2026-11-23T10:04:00Z carol docket sync >out
	test_not grep -q kept out
	section client carol/$case_ini >actual
	cat >expect <<-\EOF
	[client]
	phone = +1 555 0101
	email = js@example.com
	EOF
	test_cmp expect actual
	test "$(ls carol/$notes | wc -l)" = 2
	test_repo_clean carol
'

test_expect_success 'the same key on both sides: the later change wins, the other goes into a note' '
	at 2026-11-23T11:00:00Z bob docket sync >/dev/null
	at 2026-11-23T11:02:00Z carol docket set smith-7k2p client.phone="+1 555 0102" >/dev/null
	at 2026-11-23T11:01:00Z bob docket set smith-7k2p client.phone="+1 555 0103" >/dev/null
	at 2026-11-23T11:05:00Z carol docket sync >/dev/null
	at 2026-11-23T12:00:00Z bob docket sync >out
	scrub out >actual
	cat >expect <<-\EOF
	in: 1 commit from origin/main
	  XXXXXXX set(smith-7k2p): client.phone (Carol Park)
	smith-7k2p: client.phone: kept "+1 555 0102" (Carol Park, 2026-11-23 11:02); "+1 555 0103" (Bob Diaz, 2026-11-23 11:01) saved in notes/20261123T120000Z-internal-bob.md
	merged origin/main: XXXXXXX
	out: 2 commits to origin/main
	  XXXXXXX set(smith-7k2p): client.phone (Bob Diaz)
	  XXXXXXX sync: merge origin/main (Bob Diaz)
	EOF
	test_cmp expect actual
	grep -qx "phone = +1 555 0102" bob/$case_ini
	cat >expect <<-\EOF
	docket merged changes made to this case in two places at once:

	- client.phone: kept "+1 555 0102" (Carol Park, 2026-11-23 11:02); "+1 555 0103" (Bob Diaz, 2026-11-23 11:01)
	EOF
	test_cmp expect bob/$notes/20261123T120000Z-internal-bob.md
	git -C bob log -1 --format=%B >actual
	cat >expect <<-\EOF
	sync: merge origin/main

	smith-7k2p: client.phone: kept the value from (Carol Park, 2026-11-23 11:02); the value from (Bob Diaz, 2026-11-23 11:01) saved in notes/20261123T120000Z-internal-bob.md

	EOF
	test_cmp expect actual
	# no client data in any commit message
	git -C bob log --format=%B >messages
	test_not grep -q "555 010" messages
	(cd bob && docket show smith-7k2p) >show.raw
	tr -s " \n" " " <show.raw >show
	grep -q "\"+1 555 0103\" (Bob Diaz, 2026-11-23 11:01)" show
	test_repo_clean bob
'

test_expect_success 'the same key, the other time order: ours is later and stays' '
	at 2026-11-23T13:00:00Z carol docket sync >/dev/null
	at 2026-11-23T13:01:00Z carol docket set smith-7k2p insurance.carrier="Great Plains" >/dev/null
	at 2026-11-23T13:02:00Z bob docket set smith-7k2p insurance.carrier="GP Mutual" >/dev/null
	at 2026-11-23T13:03:00Z carol docket sync >/dev/null
	at 2026-11-23T13:04:00Z bob docket sync >out
	grep -qx "smith-7k2p: insurance.carrier: kept \"GP Mutual\" (Bob Diaz, 2026-11-23 13:02); \"Great Plains\" (Carol Park, 2026-11-23 13:01) saved in notes/20261123T130400Z-internal-bob.md" out
	section insurance bob/$case_ini >actual
	printf "[insurance]\ncarrier = GP Mutual\n" >expect
	test_cmp expect actual
	grep -q "\"Great Plains\" (Carol Park" bob/$notes/20261123T130400Z-internal-bob.md
'

test_expect_success 'equal times: decided by commit id, the same way in every clone' '
	at 2026-11-23T14:00:00Z carol docket sync >/dev/null
	at 2026-11-23T14:01:00Z carol docket set smith-7k2p client.mobile=111 >/dev/null
	at 2026-11-23T14:01:00Z bob docket set smith-7k2p client.mobile=222 >/dev/null
	cb=$(git -C bob rev-parse HEAD) cc=$(git -C carol rev-parse HEAD)
	if test "$cb" \> "$cc"; then want=222; else want=111; fi
	at 2026-11-23T14:02:00Z carol docket sync >/dev/null
	at 2026-11-23T14:03:00Z bob docket sync >/dev/null
	grep -qx "mobile = $want" bob/$case_ini
'

test_expect_success 'concurrent deadlines: both kept, in order; the same one done twice' '
	at 2026-11-24T09:00:00Z carol docket sync >/dev/null
	at 2026-11-24T09:01:00Z bob docket due smith-7k2p 2026-12-01 "Send records request" --name records >/dev/null
	at 2026-11-24T09:02:00Z carol docket due smith-7k2p 2026-12-05 "Call the adjuster" --name adjuster >/dev/null
	at 2026-11-24T09:03:00Z carol docket due smith-7k2p --done sol >/dev/null
	at 2026-11-24T09:04:00Z bob docket due smith-7k2p --done sol >/dev/null
	at 2026-11-24T09:05:00Z bob docket sync >/dev/null
	at 2026-11-24T09:06:00Z carol docket sync >out
	test_not grep -q "^smith-7k2p: due.sol.done: kept" out
	sed -n "/^\\[due/,\$p" carol/$case_ini | grep "^\\[due" >actual
	cat >expect <<-\EOF
	[due "sol"]
	[due "adjuster"]
	[due "records"]
	EOF
	test_cmp expect actual
	grep -qx "done = 2026-11-24" carol/$case_ini
	(cd carol && docket check)
	test_repo_clean carol
'

test_expect_success 'the same new deadline on both sides merges key by key' '
	at 2026-11-24T10:00:00Z bob docket sync >/dev/null
	at 2026-11-24T10:01:00Z bob docket due smith-7k2p 2026-12-10 "Demand package" --name demand --who alice >/dev/null
	at 2026-11-24T10:02:00Z carol docket due smith-7k2p 2026-12-12 "Demand package" --name demand --who alice >/dev/null
	at 2026-11-24T10:03:00Z bob docket sync >/dev/null
	at 2026-11-24T10:04:00Z carol docket sync >out
	grep -qx "smith-7k2p: due.demand.date: kept \"2026-12-12\" (Carol Park, 2026-11-24 10:02); \"2026-12-10\" (Bob Diaz, 2026-11-24 10:01) saved in notes/20261124T100400Z-internal-carol.md" out
	section "due \"demand\"" carol/$case_ini >actual
	cat >expect <<-\EOF
	[due "demand"]
	date = 2026-12-12
	what = Demand package
	who = alice
	done =
	EOF
	test_cmp expect actual
'

test_expect_success 'concurrent escalations: the later one is renumbered, both stay' '
	at 2026-11-24T11:00:00Z bob docket sync >/dev/null
	at 2026-11-24T11:01:00Z bob docket escalate smith-7k2p --reason medical -m "Numbness in the left arm" >/dev/null
	at 2026-11-24T11:02:00Z carol docket escalate smith-7k2p --reason coverage -m "Claim denied" >/dev/null
	at 2026-11-24T11:03:00Z carol docket sync >/dev/null
	at 2026-11-24T11:04:00Z bob docket sync >out
	grep -qx "smith-7k2p: \\[escalation \"1\"\\] was added on both sides: the later one (Carol Park, 2026-11-24 11:02) is now \\[escalation \"2\"\\]" out
	at 2026-11-24T12:00:00Z bob docket escalate >actual
	cat >expect <<-\EOF
	smith-7k2p       #1   medical       alice    2026-11-24    0d  Numbness in the left arm
	smith-7k2p       #2   coverage      alice    2026-11-24    0d  Claim denied
	EOF
	test_cmp expect actual
	ls bob/$notes | grep -c escalation >count
	echo 2 >expect
	test_cmp expect count
	# the renumbered escalation'"'"'s note says its new number
	head -n 1 bob/$notes/20261124T110200Z-escalation-carol.md >actual
	echo "Escalation 2 (coverage) to alice:" >expect
	test_cmp expect actual
	head -n 1 bob/$notes/20261124T110100Z-escalation-bob.md >actual
	echo "Escalation 1 (medical) to alice:" >expect
	test_cmp expect actual
	test_repo_clean bob
'

test_expect_success 'a deleted key against a changed key keeps the change' '
	at 2026-11-25T09:00:00Z carol docket sync >/dev/null
	(cd bob && DOCKET_NOW=2026-11-25T09:01:00Z EDITOR="sed -i /^email/d" docket edit smith-7k2p >/dev/null)
	test_not grep -q "^email" bob/$case_ini
	at 2026-11-25T09:02:00Z carol docket set smith-7k2p client.email=new@example.com >/dev/null
	at 2026-11-25T09:03:00Z bob docket sync >/dev/null
	at 2026-11-25T09:04:00Z carol docket sync >out
	grep -qx "smith-7k2p: client.email: kept \"new@example.com\" (Carol Park, 2026-11-25 09:02) over its deletion (Bob Diaz, 2026-11-25 09:01)" out
	grep -qx "email = new@example.com" carol/$case_ini
'

test_expect_success 'concurrent adds get different IDs and both cases survive' '
	at 2026-11-25T10:00:00Z bob docket sync >/dev/null
	b=$(at 2026-11-25T10:01:00Z bob docket add --client "Jane Doe" --attorney alice --manager bob)
	c=$(at 2026-11-25T10:01:00Z carol docket add --client "Jane Doe" --attorney alice --manager carol)
	test "$b" != "$c"
	at 2026-11-25T10:02:00Z bob docket sync >/dev/null
	at 2026-11-25T10:03:00Z carol docket sync >/dev/null
	at 2026-11-25T10:04:00Z bob docket sync >/dev/null
	(cd carol && docket list) >list
	grep -q "^$b " list
	grep -q "^$c " list
	(cd bob && docket list) >list2
	test_cmp list list2
'

test_expect_success 'an unreachable remote: a clear error, local work untouched' '
	at 2026-11-26T09:00:00Z carol docket note smith-7k2p -m "Offline work" >/dev/null
	head=$(git -C carol rev-parse HEAD)
	git -C carol remote set-url origin /no/such/remote.git
	test_must_fail at 2026-11-26T09:01:00Z carol docket sync >out 2>err
	grep -q "^docket: cannot fetch from origin (/no/such/remote.git): " err
	test "$(git -C carol rev-parse HEAD)" = "$head"
	git -C carol remote set-url origin ../remote.git
	test_repo_clean carol
'

test_expect_success 'a detached HEAD: says so, nothing changed' '
	git -C carol checkout -q --detach
	test_must_fail at 2026-11-26T09:01:30Z carol docket sync >out 2>err
	echo "docket: HEAD is not on a branch (detached); check out the firm'"'"'s branch first" >expect
	test_cmp expect err
	test ! -s out
	git -C carol checkout -q main
'

test_expect_success 'no remote at all: says how to add one' '
	mkdir solo
	(cd solo && docket init >/dev/null)
	test_must_fail at 2026-11-26T09:02:00Z solo docket sync 2>err
	echo "docket: no remote '"'"'origin'"'"': add the firm'"'"'s shared repository with '"'"'git remote add origin URL'"'"'" >expect
	test_cmp expect err
'

test_expect_success 'a file that does not parse on one side: stop, nothing changed' '
	at 2026-11-26T10:00:00Z bob docket sync >/dev/null
	at 2026-11-26T10:01:00Z carol docket sync >/dev/null
	printf "this line is broken\n" >>bob/$case_ini
	git -C bob commit -qam "broken by hand"
	# bob has nothing to merge: his sync pushes the broken file as it is
	at 2026-11-26T10:02:00Z bob docket sync >/dev/null
	git -C bob push -q origin main
	at 2026-11-26T10:03:00Z carol docket set smith-7k2p client.phone=555 >/dev/null
	head=$(git -C carol rev-parse HEAD)
	cp carol/$case_ini before
	test_must_fail at 2026-11-26T10:04:00Z carol docket sync >out 2>err
	n=$(grep -c "" bob/$case_ini)
	echo "docket: cannot merge origin/main: $case_ini (origin/main):$n: expected '"'"'key = value'"'"' (a file that does not parse cannot be merged); nothing was changed" >expect
	test_cmp expect err
	test "$(git -C carol rev-parse HEAD)" = "$head"
	test_cmp before carol/$case_ini
	test ! -e carol/.git/MERGE_HEAD
	test_repo_clean carol
	test_not grep -rq "<<<<<<<" carol/cases
	# fixed on the remote, it merges
	sed -i "/^this line is broken\$/d" bob/$case_ini
	git -C bob commit -qam "fixed by hand"
	git -C bob push -q origin main
	at 2026-11-26T10:05:00Z carol docket sync >/dev/null
	grep -qx "phone = 555" carol/$case_ini
	test_repo_clean carol
'

test_expect_success 'the same case ID added on both sides: refused, nothing changed' '
	at 2026-11-26T11:00:00Z bob docket sync >/dev/null
	at 2026-11-26T11:01:00Z bob docket add --id doe-0001 --client "Jane Doe" --manager bob >/dev/null
	at 2026-11-26T11:01:00Z carol docket add --id doe-0001 --client "John Doe" --manager carol >/dev/null
	at 2026-11-26T11:02:00Z bob docket sync >/dev/null
	head=$(git -C carol rev-parse HEAD)
	test_must_fail at 2026-11-26T11:03:00Z carol docket sync >out 2>err
	grep -q "^docket: cannot merge origin/main: cases/2026/doe-0001/case.ini: case doe-0001 was added on both sides (yours and origin/main) with different contents" err
	test "$(git -C carol rev-parse HEAD)" = "$head"
	grep -qx "client = John Doe" carol/cases/2026/doe-0001/case.ini
	test_repo_clean carol
	# the way out: one side gives its case another ID
	git -C carol mv cases/2026/doe-0001 cases/2026/doe-0002
	sed -i "s/^id = doe-0001/id = doe-0002/" carol/cases/2026/doe-0002/case.ini
	git -C carol commit -qam "doe-0002: a new ID"
	at 2026-11-26T11:04:00Z carol docket sync >/dev/null
	grep -qx "client = Jane Doe" carol/cases/2026/doe-0001/case.ini
	grep -qx "client = John Doe" carol/cases/2026/doe-0002/case.ini
'

test_expect_success 'uncommitted changes in the way: refused, nothing changed' '
	at 2026-11-26T12:00:00Z bob docket sync >/dev/null
	at 2026-11-26T12:01:00Z bob docket set smith-7k2p client.phone=777 >/dev/null
	at 2026-11-26T12:02:00Z bob docket sync >/dev/null
	echo "# my own edit" >>carol/$case_ini
	cp carol/$case_ini before
	head=$(git -C carol rev-parse HEAD)
	test_must_fail at 2026-11-26T12:03:00Z carol docket sync >out 2>err
	echo "docket: your uncommitted changes to $case_ini would be overwritten; commit them (or set them aside with '"'"'git stash'"'"') and try again" >expect
	test_cmp expect err
	test "$(git -C carol rev-parse HEAD)" = "$head"
	test_cmp before carol/$case_ini
	git -C carol checkout -q -- $case_ini
	at 2026-11-26T12:04:00Z carol docket sync >/dev/null
	grep -qx "phone = 777" carol/$case_ini
'

test_expect_success 'staged work of the user survives a merge, unswept' '
	at 2026-11-26T13:00:00Z bob docket note smith-7k2p -m "More" >/dev/null
	at 2026-11-26T13:01:00Z bob docket sync >/dev/null
	at 2026-11-26T13:02:00Z carol docket note smith-7k2p -m "Mine" >/dev/null
	echo "draft" >carol/README.draft
	git -C carol add README.draft
	at 2026-11-26T13:03:00Z carol docket sync >/dev/null
	test "$(git -C carol status --porcelain)" = "A  README.draft"
	git -C carol log --format= --name-only -3 >files
	test_not grep -q README.draft files
	git -C carol rm -q --cached README.draft
	rm carol/README.draft
'

test_expect_success 'two different notes under one name: both kept' '
	at 2026-11-26T14:00:00Z bob docket sync >/dev/null
	at 2026-11-26T14:00:00Z carol docket sync >/dev/null
	(cd bob && DOCKET_USER=alice DOCKET_NOW=2026-11-26T14:05:00Z docket note smith-7k2p --kind call -m "From Bob clone") >/dev/null
	(cd carol && DOCKET_USER=alice DOCKET_NOW=2026-11-26T14:05:00Z docket note smith-7k2p --kind call -m "From Carol clone") >/dev/null
	at 2026-11-26T14:06:00Z bob docket sync >/dev/null
	at 2026-11-26T14:07:00Z carol docket sync >out
	grep -qx "$notes/20261126T140500Z-call-alice.md: a different note of the same name came from origin/main; it is kept as 20261126T140500Z.02-call-alice.md" out
	echo "From Carol clone" >expect
	test_cmp expect carol/$notes/20261126T140500Z-call-alice.md
	echo "From Bob clone" >expect
	test_cmp expect carol/$notes/20261126T140500Z.02-call-alice.md
	test_repo_clean carol
'

test_expect_success 'a file changed on one side and deleted on the other stays' '
	at 2026-11-26T15:00:00Z bob docket sync >/dev/null
	echo "Office hours: 9-5" >bob/README.txt
	git -C bob add README.txt
	git -C bob commit -qm "readme"
	at 2026-11-26T15:01:00Z bob docket sync >/dev/null
	at 2026-11-26T15:02:00Z carol docket sync >/dev/null
	echo "Office hours: 8-6" >bob/README.txt
	git -C bob commit -qam "readme: hours"
	git -C carol rm -q README.txt
	git -C carol commit -qm "no readme"
	at 2026-11-26T15:03:00Z bob docket sync >/dev/null
	at 2026-11-26T15:04:00Z carol docket sync >out
	grep -qx "README.txt: kept as changed on the remote; it was deleted here" out
	echo "Office hours: 8-6" >expect
	test_cmp expect carol/README.txt
	test_repo_clean carol
'

test_expect_success 'other files changed on both sides in the same lines: stop, nothing changed' '
	at 2026-11-26T16:00:00Z bob docket sync >/dev/null
	echo "Office hours: 7-3" >bob/README.txt
	git -C bob commit -qam "readme: early"
	at 2026-11-26T16:01:00Z bob docket sync >/dev/null
	echo "Office hours: 10-6" >carol/README.txt
	git -C carol commit -qam "readme: late"
	head=$(git -C carol rev-parse HEAD)
	test_must_fail at 2026-11-26T16:02:00Z carol docket sync >out 2>err
	echo "docket: cannot merge origin/main: README.txt was changed on both sides and docket cannot merge it (only *.ini files and notes merge automatically); merge it with git or undo one side; nothing was changed" >expect
	test_cmp expect err
	test "$(git -C carol rev-parse HEAD)" = "$head"
	echo "Office hours: 10-6" >expect
	test_cmp expect carol/README.txt
	test_repo_clean carol
	git -C carol reset -q --hard HEAD~1
	at 2026-11-26T16:03:00Z carol docket sync >/dev/null
'

test_expect_success 'everyone synced: identical trees, whole repositories, no markers' '
	at 2026-11-27T09:00:00Z alice docket sync >/dev/null
	at 2026-11-27T09:01:00Z bob docket sync >/dev/null
	at 2026-11-27T09:02:00Z carol docket sync >/dev/null
	at 2026-11-27T09:03:00Z alice docket sync >/dev/null
	at 2026-11-27T09:04:00Z bob docket sync >/dev/null
	t=$(git -C remote.git rev-parse "main^{tree}")
	for c in alice bob carol; do
		test "$(git -C $c rev-parse "HEAD^{tree}")" = "$t"
		test "$(git -C $c rev-parse HEAD)" = "$(git -C remote.git rev-parse main)"
		test_repo_clean $c
		(cd $c && docket check)
		test_not grep -rq "^<<<<<<<\|^>>>>>>>\|^=======\$" $c/cases $c/docket.ini
	done
	git -C remote.git fsck --strict --no-dangling
'

test_done
