#!/bin/sh
# docket sync and git pull on histories people make with plain git:
# criss-cross merges (two merge bases), a case moved to another year
# directory, the same case ID new in two years, a note edited by hand on
# both sides; and docket check on what such merges can leave behind.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/lib-sync.sh"

# crisscross TIME1 TIME2: Bob merges Carol's branch and Carol merges Bob's,
# each with git merge, from each other's clone: the two merges have two
# merge bases, Bob's last commit and Carol's.
crisscross() {
	git -C bob fetch -q ../carol main
	git -C carol fetch -q ../bob main
	gitat "$1" bob merge -q --no-edit FETCH_HEAD
	gitat "$2" carol merge -q --no-edit FETCH_HEAD
}

# changed_back DAY: Bob changes the phone, Carol the email; criss-cross
# merges; then each changes it back
changed_back() {
	at "$1T09:00:00Z" bob docket set smith-7k2p client.phone=B >/dev/null
	at "$1T09:01:00Z" carol docket set smith-7k2p client.email=x@example.com >/dev/null
	crisscross "$1T09:02:00Z" "$1T09:03:00Z"
	at "$1T10:00:00Z" bob docket set smith-7k2p client.phone=A >/dev/null
	at "$1T10:01:00Z" carol docket set smith-7k2p client.email=a@example.com >/dev/null
	# what Bob and Carol both went back to
	printf "[client]\nphone = A\nemail = a@example.com\n" >original
}

# the number of merge bases of the merge at HEAD in clone $1
bases() {
	git -C "$1" merge-base --all HEAD^1 HEAD^2 | wc -l
}

# the case's internal notes (merge notes), one a line
internal() {
	ls "$1/$notes" 2>/dev/null | sed -n "/-internal-/p"
}

# to_2025 CLONE TIME: the case was opened in 2025 after all: its dates
# corrected by hand and its directory moved, in one commit
to_2025() {
	mkdir -p "$1/cases/2025"
	git -C "$1" mv cases/2026/smith-7k2p cases/2025/smith-7k2p
	sed -i -e "s/^opened = 2026-11-22\$/opened = 2025-12-30/" \
		-e "s/^incident = 2026-10-03\$/incident = 2025-10-03/" \
		"$1/cases/2025/smith-7k2p/case.ini"
	gitat "$2" "$1" commit -qam "smith-7k2p: opened in 2025"
}

# one_moved_case PHONE: Carol has the case once, in 2025, with the dates
# of the move, the phone of the edit and every note listed in ./before
one_moved_case() {
	test ! -e carol/cases/2026/smith-7k2p
	grep -qx "opened = 2025-12-30" carol/cases/2025/smith-7k2p/case.ini
	grep -qx "phone = $1" carol/cases/2025/smith-7k2p/case.ini
	ls carol/cases/2025/smith-7k2p/notes >after
	test_cmp before after
	(cd carol && docket check)
}

case_ini=cases/2026/smith-7k2p/case.ini
notes=cases/2026/smith-7k2p/notes

# fresh: a new remote, Bob's clone with the case smith-7k2p (phone A,
# email a@example.com), and Carol's, cloned with docket; every test of a
# merge starts from it
fresh() {
	rm -rf bob carol remote.git
	make_firm bob
	git init -q --bare remote.git
	git -C bob remote add origin ../remote.git
	at 2026-11-22T10:00:00Z bob docket add --id smith-7k2p --client "John Smith" \
		--incident 2026-10-03 --attorney alice --manager bob >/dev/null
	at 2026-11-22T10:01:00Z bob docket set smith-7k2p client.phone=A \
		client.email=a@example.com >/dev/null
	at 2026-11-22T10:02:00Z bob docket sync >/dev/null
	docket clone remote.git carol >/dev/null
	ident carol "Carol Park" carol@firm.example
	git -C carol config pull.rebase false
	git -C bob config pull.rebase false
}

test_expect_success 'setup: a remote, Bob, and Carol who cloned with docket' '
	fresh
'

test_expect_success 'the driver is registered for criss-cross merges too' '
	test "$(git -C carol config merge.docket.driver)" = \
		"docket merge-driver %O %A %B %P %L"
	test_must_fail git -C carol config merge.docket.recursive
'

test_expect_success 'a clone registered by an older docket is brought up to date' '
	git -C bob config merge.docket.driver "docket merge-driver %O %A %B %P"
	git -C bob config merge.docket.recursive binary
	(cd bob && docket list >/dev/null)
	test "$(git -C bob config merge.docket.driver)" = \
		"docket merge-driver %O %A %B %P %L"
	test_must_fail git -C bob config merge.docket.recursive
	# a driver of the user own is left alone
	git -C bob config merge.docket.driver "my-driver %O %A %B"
	git -C bob config merge.docket.recursive text
	(cd bob && docket list >/dev/null)
	test "$(git -C bob config merge.docket.driver)" = "my-driver %O %A %B"
	test "$(git -C bob config merge.docket.recursive)" = text
	git -C bob config merge.docket.driver "docket merge-driver %O %A %B %P %L"
	git -C bob config --unset merge.docket.recursive
'

test_expect_success 'criss-cross merges, then a change back on each side: docket sync keeps both' '
	fresh
	changed_back 2026-11-23
	internal carol >before
	at 2026-11-23T10:02:00Z bob docket sync >/dev/null
	at 2026-11-23T10:03:00Z carol docket sync >out 2>err
	test "$(bases carol)" = 2
	test ! -s err
	test_not grep -q "kept" out
	section client carol/$case_ini >actual
	test_cmp original actual
	internal carol >after
	test_cmp before after
	at 2026-11-23T10:04:00Z bob docket sync >/dev/null
	test_cmp carol/$case_ini bob/$case_ini
	test_repo_clean carol
	test_repo_clean bob
'

test_expect_success 'criss-cross merges, then a change back on each side: git pull keeps both' '
	fresh
	changed_back 2026-11-24
	at 2026-11-24T10:02:00Z bob docket sync >/dev/null
	internal carol >before
	gitat 2026-11-24T10:03:00Z carol pull -q 2>out
	test "$(bases carol)" = 2
	sed "/^Auto-merging /d" out >err
	test ! -s err
	section client carol/$case_ini >actual
	test_cmp original actual
	internal carol >after
	test_cmp before after
	test ! -e carol/.git/docket-merge-notes
	test_repo_clean carol
	git -C carol push -q
	git -C bob pull -q
	test_cmp carol/$case_ini bob/$case_ini
'

test_expect_success 'criss-cross merges of a key changed on both sides: the later change still wins (docket sync)' '
	fresh
	at 2026-11-25T09:00:00Z bob docket set smith-7k2p client.mobile=111 >/dev/null
	at 2026-11-25T09:01:00Z carol docket set smith-7k2p client.mobile=222 >/dev/null
	crisscross 2026-11-25T09:02:00Z 2026-11-25T09:03:00Z 2>/dev/null
	grep -qx "mobile = 222" bob/$case_ini
	grep -qx "mobile = 222" carol/$case_ini
	# Bob changes it twice, the second time back to what the merges
	# chose; Carol in between
	at 2026-11-25T10:00:00Z bob docket set smith-7k2p client.mobile=333 >/dev/null
	at 2026-11-25T10:30:00Z carol docket set smith-7k2p client.mobile=444 >/dev/null
	at 2026-11-25T11:00:00Z bob docket set smith-7k2p client.mobile=222 >/dev/null
	at 2026-11-25T11:01:00Z bob docket sync >/dev/null
	at 2026-11-25T11:02:00Z carol docket sync >out
	test "$(bases carol)" = 2
	grep -qx "mobile = 222" carol/$case_ini
	grep -qx "smith-7k2p: client.mobile: kept \"222\" (Bob Diaz, 2026-11-25 11:00); \"444\" (Carol Park, 2026-11-25 10:30) saved in notes/20261125T110200Z-internal-carol.md" out
	test "$(grep -c "^smith-7k2p: " out)" = 1
	at 2026-11-25T11:03:00Z bob docket sync >/dev/null
	test_repo_clean carol
	test_repo_clean bob
'

test_expect_success 'criss-cross merges: who changed a key is looked for since all the merge bases' '
	fresh
	at 2026-11-25T09:00:00Z bob docket set smith-7k2p client.mobile=1 >/dev/null
	at 2026-11-25T09:01:00Z carol docket set smith-7k2p client.mobile=2 >/dev/null
	crisscross 2026-11-25T09:02:00Z 2026-11-25T09:03:00Z 2>/dev/null
	# Bob leaves it as his merge made it; Carol changes it
	at 2026-11-25T10:00:00Z carol docket set smith-7k2p client.mobile=3 >/dev/null
	git -C bob push -q
	at 2026-11-25T10:01:00Z carol docket sync >out
	test "$(bases carol)" = 2
	grep -qx "mobile = 3" carol/$case_ini
	grep -qx "smith-7k2p: client.mobile: kept \"3\" (Carol Park, 2026-11-25 10:00); \"2\" (origin/main) saved in notes/20261125T100100Z-internal-carol.md" out
'

test_expect_success 'criss-cross merges: git pull looks for who changed a key since all the merge bases' '
	fresh
	at 2026-11-25T09:00:00Z bob docket set smith-7k2p client.mobile=1 >/dev/null
	at 2026-11-25T09:01:00Z carol docket set smith-7k2p client.mobile=2 >/dev/null
	crisscross 2026-11-25T09:02:00Z 2026-11-25T09:03:00Z 2>/dev/null
	at 2026-11-25T10:00:00Z carol docket set smith-7k2p client.mobile=3 >/dev/null
	git -C bob push -q
	gitat 2026-11-25T10:01:00Z carol pull -q 2>out
	test "$(bases carol)" = 2
	grep -qx "mobile = 3" carol/$case_ini
	grep -qx "docket: smith-7k2p: client.mobile: kept \"3\" (Carol Park, 2026-11-25 10:00); \"2\" (theirs) saved in notes/20261125T100100Z-internal-carol.md (.docket sync. commits the note)" out
'

test_expect_success 'criss-cross merges of a key changed on both sides: git pull decides once, quietly inside' '
	fresh
	at 2026-11-26T09:00:00Z bob docket set smith-7k2p client.fax=111 >/dev/null
	at 2026-11-26T09:01:00Z carol docket set smith-7k2p client.fax=222 >/dev/null
	crisscross 2026-11-26T09:02:00Z 2026-11-26T09:03:00Z 2>/dev/null
	at 2026-11-26T10:00:00Z bob docket set smith-7k2p client.fax=333 >/dev/null
	at 2026-11-26T10:30:00Z carol docket set smith-7k2p client.fax=444 >/dev/null
	at 2026-11-26T11:00:00Z bob docket set smith-7k2p client.fax=222 >/dev/null
	git -C bob push -q
	internal carol >before
	gitat 2026-11-26T11:02:00Z carol pull -q 2>out
	test "$(bases carol)" = 2
	grep -v "^Auto-merging " out >err
	echo "docket: smith-7k2p: client.fax: kept \"222\" (Bob Diaz, 2026-11-26 11:00); \"444\" (Carol Park, 2026-11-26 10:30) saved in notes/20261126T110200Z-internal-carol.md ('"'"'docket sync'"'"' commits the note)" >expect
	test_cmp expect err
	grep -qx "fax = 222" carol/$case_ini
	# one note, for the merge git made: none for the merge of the bases
	echo 20261126T110200Z-internal-carol.md >>before
	internal carol >after
	sort before | test_cmp - after
	test "$(grep -c 20261126T1102 carol/.git/docket-merge-notes)" = 1
	at 2026-11-26T11:03:00Z carol docket sync >/dev/null
	at 2026-11-26T11:04:00Z bob docket sync >/dev/null
	test_repo_clean carol
	test_repo_clean bob
'

test_expect_success 'merge-driver: markers longer than the path has: the merge of merge bases, quiet' '
	fresh
	printf "[case]\nid = x\nstage = intake\nphone = 1\n" >O
	printf "[case]\nid = x\nstage = records\nphone = 2\n" >A
	printf "[case]\nid = x\nstage = demand\nphone = 1\n" >B
	cp A A2
	(cd bob && docket merge-driver ../O ../A ../B test.ini 9) >out 2>err
	test ! -s out
	test ! -s err
	# the stage the bases disagree on is left out, for the real merge
	printf "[case]\nid = x\nphone = 2\n" >expect
	test_cmp expect A
	git -C bob status --porcelain >status
	test ! -s status
	test ! -e bob/.git/docket-merge-notes
	# the markers of the path itself: the real merge, which decides
	(cd bob && docket merge-driver ../O ../A2 ../B test.ini 7) 2>err
	grep -qx "stage = demand" A2
	grep -q "^docket: test.ini: case.stage: kept \"demand\"" err
	# a path with longer markers of its own
	echo "test.ini conflict-marker-size=9" >bob/.git/info/attributes
	printf "[case]\nid = x\nstage = records\nphone = 1\n" >A3
	(cd bob && docket merge-driver ../O ../A3 ../B test.ini 9) 2>err
	grep -qx "stage = demand" A3
	grep -q "^docket: test.ini: case.stage: kept" err
	rm bob/.git/info/attributes
	test_must_fail --code=2 docket -C bob merge-driver ../O ../A ../B test.ini x 2>err
	grep -q "^docket merge-driver: SIZE: .x. is not a conflict marker size" err
'

test_expect_success 'a case moved to another year on the remote, edited here: one case, every note' '
	fresh
	at 2026-11-27T09:00:00Z carol docket sync >/dev/null
	at 2026-11-27T09:00:00Z bob docket sync >/dev/null
	to_2025 bob 2026-11-27T09:01:00Z
	at 2026-11-27T09:02:00Z bob docket sync >/dev/null
	at 2026-11-27T09:03:00Z carol docket note smith-7k2p --kind call -m "Client called" >/dev/null
	at 2026-11-27T09:04:00Z carol docket set smith-7k2p client.phone=D >/dev/null
	ls carol/$notes >before
	at 2026-11-27T09:05:00Z carol docket sync >out
	one_moved_case D
	grep -qx "smith-7k2p: moved to cases/2025/smith-7k2p on origin/main; the changes made to it here follow it" out
	(cd carol && docket show smith-7k2p) >show
	grep -q "Client called" show
	at 2026-11-27T09:06:00Z bob docket sync >/dev/null
	test "$(git -C bob rev-parse HEAD^{tree})" = "$(git -C carol rev-parse HEAD^{tree})"
	test_repo_clean carol
'

test_expect_success 'a case moved to another year here, edited on the remote: one case, every note' '
	fresh
	to_2025 carol 2026-11-27T10:00:00Z
	at 2026-11-27T10:01:00Z bob docket note smith-7k2p --kind email -m "Sent the forms" >/dev/null
	at 2026-11-27T10:02:00Z bob docket set smith-7k2p client.phone=E >/dev/null
	at 2026-11-27T10:03:00Z bob docket sync >/dev/null
	ls bob/$notes >before
	at 2026-11-27T10:04:00Z carol docket sync >out
	one_moved_case E
	grep -qx "smith-7k2p: moved to cases/2025/smith-7k2p here; the changes made to it on origin/main follow it" out
	test_repo_clean carol
'

test_expect_success 'a case moved to two different years on the two sides: refused, nothing changed' '
	fresh
	at 2026-11-27T11:00:00Z bob docket sync >/dev/null
	mkdir -p bob/cases/2024
	git -C bob mv cases/2026/smith-7k2p cases/2024/smith-7k2p
	gitat 2026-11-27T11:01:00Z bob commit -qm "smith-7k2p: 2024"
	at 2026-11-27T11:02:00Z bob docket sync >/dev/null
	mkdir -p carol/cases/2023
	git -C carol mv cases/2026/smith-7k2p cases/2023/smith-7k2p
	gitat 2026-11-27T11:03:00Z carol commit -qm "smith-7k2p: 2023"
	cd carol
	test_refused env DOCKET_NOW=2026-11-27T11:04:00Z docket sync >/dev/null
	cd ..
	echo "docket: cannot merge origin/main: case smith-7k2p was moved to cases/2023/smith-7k2p here and to cases/2024/smith-7k2p on origin/main: move it to the same place on both sides and sync again; nothing was changed" >expect
	test_cmp expect err
	test_repo_clean carol
	mkdir -p carol/cases/2024
	mkdir -p carol/cases/2024
	git -C carol mv cases/2023/smith-7k2p cases/2024/smith-7k2p
	gitat 2026-11-27T11:05:00Z carol commit -qm "smith-7k2p: 2024 as well"
	at 2026-11-27T11:06:00Z carol docket sync >/dev/null
	test ! -e carol/cases/2023/smith-7k2p
	(cd carol && docket check)
	test_repo_clean carol
'

test_expect_success 'the same new case ID in two different years: refused, nothing changed' '
	fresh
	at 2026-11-28T09:00:00Z bob docket add --id doe-0001 --client "Jane Doe" --manager bob >/dev/null
	at 2025-12-31T09:00:00Z carol docket add --id doe-0001 --client "John Doe" --manager carol >/dev/null
	at 2026-11-28T09:01:00Z bob docket sync >/dev/null
	cd carol
	test_refused env DOCKET_NOW=2026-11-28T09:02:00Z docket sync >/dev/null
	cd ..
	echo "docket: cannot merge origin/main: case doe-0001 was added on both sides, as cases/2025/doe-0001 (yours) and cases/2026/doe-0001 (origin/main); two cases got the same ID, so docket will not merge them: give one of them another ID on one side and sync again; nothing was changed" >expect
	test_cmp expect err
	test ! -e carol/cases/2026/doe-0001
	grep -qx "client = John Doe" carol/cases/2025/doe-0001/case.ini
	test_repo_clean carol
	# the way out: one side gives its case another ID
	git -C carol mv cases/2025/doe-0001 cases/2025/doe-0002
	sed -i "s/^id = doe-0001/id = doe-0002/" carol/cases/2025/doe-0002/case.ini
	git -C carol commit -qam "doe-0002: a new ID"
	at 2026-11-28T09:03:00Z carol docket sync >/dev/null
	(cd carol && docket show doe-0001 && docket show doe-0002) >show
	grep -q "Jane Doe" show
	grep -q "John Doe" show
	(cd carol && docket check)
'

test_expect_success 'a note edited by hand on both sides: both texts kept, and said' '
	fresh
	at 2026-11-27T09:03:00Z carol docket note smith-7k2p --kind call -m "Client called" >/dev/null
	at 2026-11-27T09:04:00Z carol docket sync >/dev/null
	at 2026-11-29T09:00:00Z bob docket sync >/dev/null
	n=20261127T090300Z-call-carol.md
	test -f bob/$notes/$n
	echo "Client called about the MRI" >bob/$notes/$n
	gitat 2026-11-29T09:01:00Z bob commit -qam "note: fixed by hand"
	at 2026-11-29T09:02:00Z bob docket sync >/dev/null
	echo "Client called about the bills" >carol/$notes/$n
	gitat 2026-11-29T09:03:00Z carol commit -qam "note: fixed by hand too"
	at 2026-11-29T09:04:00Z carol docket sync >out
	grep -qx "$notes/$n: the note was edited on both sides; yours stays as it is, and the version from origin/main is kept as 20261127T090300Z.02-call-carol.md" out
	echo "Client called about the bills" >expect
	test_cmp expect carol/$notes/$n
	echo "Client called about the MRI" >expect
	test_cmp expect carol/$notes/20261127T090300Z.02-call-carol.md
	git -C carol log -1 --format=%B >msg
	grep -qx "$notes/$n: the note was edited on both sides; yours stays as it is, and the version from origin/main is kept as 20261127T090300Z.02-call-carol.md" msg
	test_repo_clean carol
	at 2026-11-29T09:05:00Z bob docket sync >/dev/null
	test_cmp carol/$notes/$n bob/$notes/$n
'

test_expect_success 'check: notes without a case.ini are an error naming the directory' '
	fresh
	(cd carol && docket check)
	mkdir -p carol/cases/2025/smith-7k2p/notes
	echo "Lost" >carol/cases/2025/smith-7k2p/notes/20261127T090300Z-call-carol.md
	test_must_fail docket -C carol check >out 2>err
	grep -qx "error: cases/2025/smith-7k2p: no case.ini: 1 note here belongs to no case (move it into the case it belongs to, or restore the case.ini)" out
	grep -q "checked: 1 error, " err
	rm -r carol/cases/2025
	docket -C carol check >/dev/null
'

test_expect_success 'check: one case ID in two year directories is an error naming both' '
	mkdir -p carol/cases/2025
	cp -r carol/cases/2026/smith-7k2p carol/cases/2025/
	test_must_fail docket -C carol check >out 2>err
	grep -qx "error: case ID smith-7k2p is in two places: cases/2025/smith-7k2p and cases/2026/smith-7k2p (keep one, or give one another ID)" out
	test_must_fail docket -C carol show smith-7k2p 2>err
	grep -q "ambiguous" err
	rm -r carol/cases/2025
	docket -C carol check >/dev/null
	test_repo_clean carol
'

test_done
