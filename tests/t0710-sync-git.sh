#!/bin/sh
# The git command line merges firm files the way docket sync does: git
# pull runs `docket merge-driver` for *.ini (merge=docket).
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/lib-sync.sh"

case_ini=cases/2026/smith-7k2p/case.ini
notes=cases/2026/smith-7k2p/notes

test_expect_success 'setup: a remote, Bob, and Carol who cloned with git' '
	make_firm bob
	git init -q --bare remote.git
	git -C bob remote add origin ../remote.git
	at 2026-11-22T10:00:00Z bob docket add --id smith-7k2p --client "John Smith" \
		--incident 2026-10-03 --attorney alice --manager bob >/dev/null
	at 2026-11-22T10:01:00Z bob docket set smith-7k2p client.phone="+1 555 0100" \
		client.email=john@example.com >/dev/null
	at 2026-11-22T10:02:00Z bob docket sync >/dev/null
	git clone -q remote.git carol
	git -C carol config user.name "Carol Park"
	git -C carol config user.email carol@firm.example
	(cd carol && docket check)
	test "$(git -C carol config merge.docket.driver)" = \
		"docket merge-driver %O %A %B %P %L"
	# a plain git pull merges, with the driver: no flags needed
	test "$(git -C carol config --local pull.rebase)" = false
'

test_expect_success 'git pull, no flags: different keys on adjacent lines merge cleanly' '
	at 2026-11-23T09:00:00Z bob docket set smith-7k2p client.phone="+1 555 0101" >/dev/null
	git -C bob push -q
	at 2026-11-23T09:01:00Z carol docket set smith-7k2p client.email=js@example.com >/dev/null
	gitat 2026-11-23T09:02:00Z carol pull -q 2>err
	test ! -s err
	sed -n "/^\\[client\\]/,/^\$/p" carol/$case_ini >actual
	cat >expect <<-\EOF
	[client]
	phone = +1 555 0101
	email = js@example.com
	EOF
	test_cmp expect actual
	test "$(git -C carol rev-list --count --merges HEAD)" = 1
	test_repo_clean carol
	test ! -e carol/.git/docket-merge-notes
'

test_expect_success 'git pull: the same key, ours later: ours kept, a note for the other' '
	git -C carol push -q
	git -C bob pull -q
	at 2026-11-23T10:00:00Z bob docket set smith-7k2p client.phone="+1 555 0102" >/dev/null
	git -C bob push -q
	at 2026-11-23T10:05:00Z carol docket set smith-7k2p client.phone="+1 555 0103" >/dev/null
	gitat 2026-11-23T10:10:00Z carol pull -q 2>out
	grep -v "^Auto-merging " out >err
	echo "docket: smith-7k2p: client.phone: kept \"+1 555 0103\" (Carol Park, 2026-11-23 10:05); \"+1 555 0102\" (Bob Diaz, 2026-11-23 10:00) saved in notes/20261123T101000Z-internal-carol.md ('"'"'docket sync'"'"' commits the note)" >expect
	test_cmp expect err
	grep -qx "phone = +1 555 0103" carol/$case_ini
	cat >expect <<-\EOF
	docket merged changes made to this case in two places at once:

	- client.phone: kept "+1 555 0103" (Carol Park, 2026-11-23 10:05); "+1 555 0102" (Bob Diaz, 2026-11-23 10:00)
	EOF
	test_cmp expect carol/$notes/20261123T101000Z-internal-carol.md
	test "$(git -C carol status --porcelain -uall)" = \
		"?? $notes/20261123T101000Z-internal-carol.md"
	# with the merge it is for: the two commits git pull merges
	printf "%s\tmerge\t%s\t%s\n" $notes/20261123T101000Z-internal-carol.md \
		"$(git -C carol rev-parse HEAD^1)" "$(git -C bob rev-parse HEAD)" >expect
	test_cmp expect carol/.git/docket-merge-notes
'

test_expect_success 'docket sync commits the note git left' '
	at 2026-11-23T10:20:00Z carol docket sync >out
	head -n1 out >actual
	echo "committed 1 note kept by a git merge" >expect
	test_cmp expect actual
	test "$(git -C carol log --format=%s -1 -- $notes/20261123T101000Z-internal-carol.md)" = \
		"sync: notes kept by a git merge"
	test ! -e carol/.git/docket-merge-notes
	test_repo_clean carol
'

test_expect_success 'git pull: the same key, theirs later: theirs kept' '
	git -C bob pull -q
	at 2026-11-24T10:00:00Z carol docket set smith-7k2p insurance.carrier="Great Plains" >/dev/null
	at 2026-11-24T10:05:00Z bob docket set smith-7k2p insurance.carrier="GP Mutual" >/dev/null
	git -C bob push -q
	gitat 2026-11-24T10:10:00Z carol pull -q 2>err
	grep -qx "docket: smith-7k2p: insurance.carrier: kept \"GP Mutual\" (Bob Diaz, 2026-11-24 10:05); \"Great Plains\" (Carol Park, 2026-11-24 10:00) saved in notes/20261124T101000Z-internal-carol.md (.docket sync. commits the note)" err
	grep -qx "carrier = GP Mutual" carol/$case_ini
	at 2026-11-24T10:11:00Z carol docket sync >/dev/null
	test_repo_clean carol
'

test_expect_success 'git pull --rebase: the replayed commit is known, the later change wins' '
	git -C bob pull -q
	at 2026-11-25T09:00:00Z bob docket set smith-7k2p client.mobile=111 >/dev/null
	git -C bob push -q
	at 2026-11-25T09:05:00Z carol docket set smith-7k2p client.mobile=222 >/dev/null
	gitat 2026-11-25T09:10:00Z carol pull -q --rebase 2>err
	grep -q "^docket: smith-7k2p: client.mobile: kept \"222\" (Carol Park, 2026-11-25 09:05); \"111\" (Bob Diaz, 2026-11-25 09:00)" err
	grep -qx "mobile = 222" carol/$case_ini
	test "$(git -C carol rev-list --count --merges HEAD)" = 3
	# a replay: the commit replayed, and what it was replayed onto
	printf "%s\treplay\t%s\t%s\n" $notes/20261125T091000Z-internal-carol.md \
		"$(git -C bob rev-parse HEAD)" \
		"$(git -C carol rev-parse ORIG_HEAD)" >expect
	test_cmp expect carol/.git/docket-merge-notes
	at 2026-11-25T09:11:00Z carol docket sync >out
	head -n1 out >actual
	echo "committed 1 note kept by a git merge" >expect
	test_cmp expect actual
	git -C carol ls-files --error-unmatch $notes/20261125T091000Z-internal-carol.md
	test_repo_clean carol
'

test_expect_success 'docket.ini: the same key on both sides keeps the other value in a comment' '
	git -C bob pull -q
	sed -i "s/^sol_years = 2\$/sol_years = 3/" bob/docket.ini
	gitat 2026-11-26T09:00:00Z bob commit -qam "rules: 3 years"
	git -C bob push -q
	sed -i "s/^sol_years = 2\$/sol_years = 4/" carol/docket.ini
	gitat 2026-11-26T09:05:00Z carol commit -qam "rules: 4 years"
	gitat 2026-11-26T09:10:00Z carol pull -q 2>err
	grep -qx "docket: docket.ini: rules.sol_years: kept \"4\" (Carol Park, 2026-11-26 09:05); \"3\" (Bob Diaz, 2026-11-26 09:00) kept in a comment above it" err
	sed -n "/^\\[rules\\]/,/^sol_years/p" carol/docket.ini | tail -n 2 >actual
	cat >expect <<-\EOF
	# docket merge: sol_years was also "3" (Bob Diaz, 2026-11-26 09:00)
	sol_years = 4
	EOF
	test_cmp expect actual
	(cd carol && docket check)
	test_repo_clean carol
'

test_expect_success 'git pull: two deadlines of one name both stay, the later renamed' '
	git -C carol push -q
	git -C bob pull -q
	at 2026-11-26T10:00:00Z bob docket due smith-7k2p 2026-12-01 "Call adjuster about offer" >/dev/null
	git -C bob push -q
	at 2026-11-26T10:05:00Z carol docket due smith-7k2p 2026-12-15 "Call adjuster: offer, MRI bills" >/dev/null
	gitat 2026-11-26T10:10:00Z carol pull -q 2>out
	grep -v "^Auto-merging " out >err
	echo "docket: smith-7k2p: [due \"call-adjuster-offer\"] was added on both sides as two different deadlines: the later one (Carol Park, 2026-11-26 10:05) is now [due \"call-adjuster-2\"] ('"'"'docket sync'"'"' commits the note)" >expect
	test_cmp expect err
	at 2026-11-26T10:11:00Z carol docket due >actual
	cat >expect <<-\EOF
	2026-12-01  in 5 days       smith-7k2p       call-adjuster-offer  bob      Call adjuster about offer
	2026-12-15  in 19 days      smith-7k2p       call-adjuster-2      bob      Call adjuster: offer, MRI bills
	2028-10-03  in 677 days     smith-7k2p       sol                  alice    Statute of limitations
	EOF
	test_cmp expect actual
	at 2026-11-26T10:12:00Z carol docket sync >/dev/null
	(cd carol && docket check)
	test_repo_clean carol
'

# internal notes of the case, one a line
internal_notes() {
	ls carol/$notes >"$TRASH/.notes" || return 1
	sed -n "/-internal-/p" "$TRASH/.notes"
}

test_expect_success 'git merge --abort: the note of the merge that never happened is removed' '
	git -C bob pull -q
	echo "Office hours: 7-3" >bob/README.txt
	git -C bob add README.txt
	gitat 2026-11-26T11:00:00Z bob commit -qm "readme: early"
	at 2026-11-26T11:01:00Z bob docket set smith-7k2p client.phone=111 >/dev/null
	git -C bob push -q
	at 2026-11-26T11:02:00Z carol docket set smith-7k2p client.phone=222 >/dev/null
	echo "Office hours: 10-6" >carol/README.txt
	git -C carol add README.txt
	gitat 2026-11-26T11:03:00Z carol commit -qm "readme: late"
	internal_notes >before
	test_must_fail gitat 2026-11-26T11:04:00Z carol pull -q >out 2>err
	grep -q "CONFLICT (add/add): Merge conflict in README.txt" out
	grep -q "^docket: smith-7k2p: client.phone: kept \"222\" (Carol Park, 2026-11-26 11:02); \"111\" (Bob Diaz, 2026-11-26 11:01) saved in notes/20261126T110400Z-internal-carol.md" err
	test -f carol/$notes/20261126T110400Z-internal-carol.md
	git -C carol merge --abort
	git -C carol reset -q --hard HEAD~1
	test "$(git -C carol status --porcelain -uall)" = \
		"?? $notes/20261126T110400Z-internal-carol.md"
	at 2026-11-26T11:05:00Z carol docket sync >out
	head -n1 out >actual
	echo "removed 1 note left by a git merge that did not take effect" >expect
	test_cmp expect actual
	test ! -e carol/$notes/20261126T110400Z-internal-carol.md
	test ! -e carol/.git/docket-merge-notes
	git -C carol log --all --format=%H -- $notes/20261126T110400Z-internal-carol.md >log
	test_not grep -q . log
	# the merge sync made itself decided, with a note of its own
	grep -q "^smith-7k2p: client.phone: kept \"222\" .* saved in notes/20261126T110500Z-internal-carol.md" out
	internal_notes >after
	echo 20261126T110500Z-internal-carol.md >>before
	test_cmp before after
	test_repo_clean carol
'

test_expect_success 'git pull again after an abort: one note, not two' '
	git -C bob pull -q
	at 2026-11-26T12:00:00Z bob docket set smith-7k2p client.phone=333 >/dev/null
	echo "Office hours: 6-2" >bob/README.txt
	gitat 2026-11-26T12:01:00Z bob commit -qam "readme: earlier"
	git -C bob push -q
	at 2026-11-26T12:02:00Z carol docket set smith-7k2p client.phone=444 >/dev/null
	echo "Office hours: 11-7" >carol/README.txt
	gitat 2026-11-26T12:03:00Z carol commit -qam "readme: later"
	internal_notes >before
	test_must_fail gitat 2026-11-26T12:04:00Z carol pull -q >out 2>err
	test -f carol/$notes/20261126T120400Z-internal-carol.md
	git -C carol merge --abort
	git -C carol reset -q --hard HEAD~1
	gitat 2026-11-26T12:05:00Z carol pull -q 2>out
	grep -v "^Auto-merging " out >err
	cat >expect <<-\EOF
	docket: removed 1 note left by an earlier git merge that did not take effect
	docket: smith-7k2p: client.phone: kept "444" (Carol Park, 2026-11-26 12:02); "333" (Bob Diaz, 2026-11-26 12:00) saved in notes/20261126T120500Z-internal-carol.md ('"'"'docket sync'"'"' commits the note)
	EOF
	test_cmp expect err
	test ! -e carol/$notes/20261126T120400Z-internal-carol.md
	test "$(wc -l <carol/.git/docket-merge-notes)" = 1
	at 2026-11-26T12:06:00Z carol docket sync >out
	head -n1 out >actual
	echo "committed 1 note kept by a git merge" >expect
	test_cmp expect actual
	internal_notes >after
	echo 20261126T120500Z-internal-carol.md >>before
	test_cmp before after
	test_repo_clean carol
'

test_expect_success 'git rebase --abort: the note of the replay that never happened is removed' '
	git -C bob pull -q
	at 2026-11-26T13:00:00Z bob docket set smith-7k2p client.phone=555 >/dev/null
	echo "Office hours: 5-1" >bob/README.txt
	gitat 2026-11-26T13:01:00Z bob commit -qam "readme: earliest"
	git -C bob push -q
	at 2026-11-26T13:02:00Z carol docket set smith-7k2p client.phone=666 >/dev/null
	echo "Office hours: 12-8" >carol/README.txt
	gitat 2026-11-26T13:03:00Z carol commit -qam "readme: latest"
	internal_notes >before
	test_must_fail gitat 2026-11-26T13:04:00Z carol pull -q --rebase >out 2>err
	test -f carol/$notes/20261126T130400Z-internal-carol.md
	grep -q "	replay	" carol/.git/docket-merge-notes
	git -C carol rebase --abort
	git -C carol reset -q --hard HEAD~1
	at 2026-11-26T13:05:00Z carol docket sync >out
	head -n1 out >actual
	echo "removed 1 note left by a git merge that did not take effect" >expect
	test_cmp expect actual
	test ! -e carol/$notes/20261126T130400Z-internal-carol.md
	internal_notes >after
	echo 20261126T130500Z-internal-carol.md >>before
	test_cmp before after
	test_repo_clean carol
'

test_expect_success 'a note listed the old way (no merge recorded) is still committed' '
	at 2026-11-26T14:00:00Z carol docket sync >/dev/null
	printf "docket merged changes\n" >carol/$notes/20261126T140000Z-internal-carol.md
	echo $notes/20261126T140000Z-internal-carol.md >carol/.git/docket-merge-notes
	at 2026-11-26T14:01:00Z carol docket sync >out
	head -n1 out >actual
	echo "committed 1 note kept by a git merge" >expect
	test_cmp expect actual
	git -C carol ls-files --error-unmatch $notes/20261126T140000Z-internal-carol.md
	test ! -e carol/.git/docket-merge-notes
	test_repo_clean carol
'

test_expect_success 'git pull: a file that does not parse stays a conflict, without markers' '
	git -C carol push -q
	git -C bob pull -q
	printf "broken line\n" >>bob/$case_ini
	gitat 2026-11-27T09:00:00Z bob commit -qam "broken by hand"
	git -C bob push -q
	at 2026-11-27T09:01:00Z carol docket set smith-7k2p client.phone=555 >/dev/null
	cp carol/$case_ini before
	test_must_fail gitat 2026-11-27T09:02:00Z carol pull -q >out 2>err
	grep -q "^docket: $case_ini (theirs):[0-9]*: expected .key = value. (a file that does not parse cannot be merged)" err
	grep -q "CONFLICT (content): Merge conflict in $case_ini" out
	test_cmp before carol/$case_ini
	test_not grep -q "<<<<<<<" carol/$case_ini
	# docket sync will not start in the middle of it
	test_must_fail at 2026-11-27T09:03:00Z carol docket sync >out 2>err
	echo "docket: a git merge is under way: finish it with '"'"'git commit'"'"' or '"'"'git merge --abort'"'"', then try again" >expect
	test_cmp expect err
	test ! -s out
	git -C carol merge --abort
	test_cmp before carol/$case_ini
	test_repo_clean carol
'

test_expect_success 'merge-driver: usage and --help' '
	docket merge-driver --help >out
	grep -q "^usage: docket merge-driver BASE OURS THEIRS \[PATH \[SIZE\]\]" out
	test_must_fail --code=2 docket merge-driver a b 2>err
	grep -q "^docket merge-driver: needs BASE OURS THEIRS \[PATH \[SIZE\]\]" err
	docket --help >help
	test_not grep -q merge-driver help
'

test_expect_success 'merge-driver outside any merge: theirs wins, nothing is lost' '
	printf "[case]\nid = x\nstage = intake\n" >O
	printf "[case]\nid = x\nstage = records\n" >A
	printf "[case]\nid = x\nstage = demand\n" >B
	(cd bob && docket merge-driver ../O ../A ../B test.ini) 2>err
	cat >expect <<-\EOF
	[case]
	id = x
	# docket merge: stage was also "records" (yours)
	stage = demand
	EOF
	test_cmp expect A
	echo "docket: test.ini: case.stage: kept \"demand\" (theirs); \"records\" (yours) kept in a comment above it" >expect
	test_cmp expect err
'

test_expect_success 'merge-driver: a version that does not parse leaves ours alone' '
	printf "[case]\nbroken\n" >B
	printf "[case]\nid = x\nstage = records\n" >A
	cp A before
	test_must_fail docket -C bob merge-driver ../O ../A ../B test.ini 2>err
	echo "docket: test.ini (theirs):2: expected '"'"'key = value'"'"' (a file that does not parse cannot be merged)" >expect
	test_cmp expect err
	test_cmp before A
'

test_done
