#!/bin/sh
# docket init: a new firm, adopting a repository, and what it refuses
. "$(dirname "$0")/lib.sh"

test_expect_success 'init writes the default docket.ini and .gitattributes in one commit' '
	docket init firm --name "Example Injury Law" >out
	test "$(cat out)" = "Made a new docket firm in $TRASH/firm/ (pi pipeline, you are '"'bob'"')"
	grep -qx "stages = intake, treatment, records, demand, negotiation, litigation, settlement, closed" firm/docket.ini
	grep -qx "name = Example Injury Law" firm/docket.ini
	grep -qx "\[staff \"bob\"\]" firm/docket.ini
	grep -qx "email = bob@firm.example" firm/docket.ini
	grep -qx "on_enter_due = 3d Send demand package to carrier" firm/docket.ini
	grep -qx "\*.ini merge=docket" firm/.gitattributes
	test "$(git -C firm log --format="%s|%an|%ae|%ad" --date=iso-strict)" = \
		"init: new docket firm|Bob Diaz|bob@firm.example|2026-11-22T12:00:00+00:00"
	git -C firm show --name-only --format= HEAD | sort >files
	printf "%s\n" .gitattributes docket.ini \
		templates/client-status.md templates/demand-cover.md \
		templates/letter-of-representation.md \
		templates/records-request.md templates/script-intake.md \
		templates/script-negotiation.md templates/script-treatment.md \
		>expect
	test_cmp expect files
	test_repo_clean firm
'

test_expect_success 'the firm is readable by its owner only, whatever the umask' '
	(umask 000; docket init open --name X >/dev/null)
	test "$(stat -c %a open)" = 700
	test "$(stat -c %a open/.git)" = 700
	test "$(stat -c %a open/docket.ini)" = 600
'

test_expect_success 'every file and directory docket writes is owner-only, whatever the umask' '
	cd open
	(umask 000; docket add --id a1 --client "Ann One" >/dev/null)
	(umask 000; docket note a1 -m hello >/dev/null)
	test "$(stat -c %a cases cases/2026 cases/2026/a1 cases/2026/a1/notes | sort -u)" = 700
	test "$(stat -c %a cases/2026/a1/case.ini cases/2026/a1/notes/*.md | sort -u)" = 600
	test "$(stat -c %a .git/docket.lock)" = 600
	cd ..
	test "$(find open -perm /o=rwx | wc -l)" = 0
'

test_expect_success 'init --shared makes it group-readable' '
	docket init shared --shared --name X >/dev/null
	test "$(stat -c %a shared)" = 2770
	test "$(stat -c %a shared/docket.ini)" = 660
	test "$(git -C shared config core.sharedRepository)" = group
	cd shared
	(umask 077; docket add --id a1 --client "Ann One" >/dev/null)
	test "$(stat -c %a cases/2026/a1/case.ini)" = 660
	test "$(stat -c %a cases/2026/a1)" = 2770
'

test_expect_success 'init --pipeline generic' '
	docket init gen --pipeline generic --name X >/dev/null
	grep -qx "stages = initiation, planning, coordination, implementation, monitoring, review, closure, follow-up" gen/docket.ini
	cd gen
	docket add --client "Pat Doe" --id pd-1 >/dev/null
	grep -qx "stage = initiation" cases/2026/pd-1/case.ini
'

test_expect_success 'init adopts an existing repository, leaving its work alone' '
	git init -q adopt
	echo "keep me" >adopt/README
	git -C adopt add README
	git -C adopt commit -qm "first"
	echo "staged" >adopt/staged.txt
	git -C adopt add staged.txt
	echo "dirty" >>adopt/README
	docket init adopt --name X >out
	grep -q "^Adopted the git repository" out
	test "$(git -C adopt log --format=%s)" = "$(printf "init: new docket firm\nfirst")"
	git -C adopt status --porcelain >st
	printf " M README\nA  staged.txt\n" >expect
	test_cmp expect st
'

test_expect_success 'init adopts a repository with its own identity: that one is the staff handle' '
	git init -q own
	git -C own config user.name "Dana Own"
	git -C own config user.email dana@own.example
	HOME=$TRASH/nohome docket init own --name Y >out
	test "$(cat out)" = "Adopted the git repository as a docket firm in $TRASH/own/ (pi pipeline, you are '"'dana'"')"
	printf "%s\n" "[staff \"dana\"]" "name = Dana Own" "email = dana@own.example" "role = attorney" >expect
	grep -A3 "^\[staff " own/docket.ini >got
	test_cmp expect got
	test "$(git -C own log -1 --format="%an <%ae>")" = "Dana Own <dana@own.example>"
'

test_expect_success 'init refuses a firm that exists, and changes nothing' '
	git -C firm rev-parse HEAD >before
	test_must_fail docket init firm 2>err
	test "$(cat err)" = "docket: '"'firm'"' is a docket firm already (it has docket.ini)"
	git -C firm rev-parse HEAD >after
	test_cmp before after
'

test_expect_success 'init without a git identity says how to set one and makes nothing' '
	HOME=$TRASH/nohome test_must_fail docket init nobody 2>err
	grep -q "^docket: no git identity: run git config --global user.name" err
	test ! -e nobody
'

test_expect_success 'init with an unknown pipeline is a usage error' '
	test_must_fail --code=2 docket init x --pipeline legal 2>err
	grep -q "^docket init: unknown pipeline .legal. (pi or generic)" err
	test ! -e x
'

test_expect_success 'commands outside a firm point to docket init' '
	mkdir plain
	cd plain
	test_must_fail docket list 2>err
	test "$(cat err)" = "docket: not in a docket firm (no git repository here; run '"'docket init'"' to make one)"
	git init -q
	test_must_fail docket list 2>err
	test "$(cat err)" = "docket: no docket.ini in $TRASH/plain/ (run '"'docket init'"' to make a firm)"
'

test_done
