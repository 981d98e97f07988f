#!/bin/sh
# The deadlines the law sets: [sol "XX"] rules, the sol and notice-of-claim
# computed from a case's facts with their basis, recomputed in the same
# commit when the facts change, never when set by hand or done; check's
# drift and check --fix; what is refused.
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
# the test's own files, here, are not the firm's
printf "%s\n" out err actual expect >>.git/info/exclude

# "date | basis" of a case's deadline
due_of() {
	f=$(ls ../firm/cases/*/"$1"/case.ini)
	echo "$(ini_get "$f" "due.$2.date") | $(ini_get "$f" "due.$2.basis")"
}

# the commits so far
commits() {
	git rev-list --count HEAD
}

# HEAD changed exactly this case's case.ini, and git status is clean
one_commit_of() {
	test "$(git show --name-only --format= HEAD)" = "cases/2026/$1/case.ini"
	test_repo_clean
}

test_expect_success 'init writes thirteen rules and the holidays, for the firm to verify' '
	for st in CA TX FL NY PA IL GA OH NC MI NJ AZ WA; do
		grep -qx "\\[sol \"$st\"\\]" docket.ini || { echo "no $st"; exit 1; }
	done
	test "$(grep -c "^verified = 2026-11-01$" docket.ini)" = 13
	test "$(grep -c "^cite = " docket.ini)" = 13
	grep -q "^# verify each rule it relies on against the current statute and set$" docket.ini
	grep -qx "federal = yes" docket.ini
	grep -qx "sol_watch_days = 180" docket.ini
	docket check >out 2>err
	test ! -s out
	test "$(cat err)" = "0 cases checked: 0 errors, 0 warnings"
'

test_expect_success 'a year after a rule was verified, check says so (exit 0)' '
	DOCKET_NOW=2027-11-02 docket check >out 2>err
	test "$(wc -l <out)" = 13
	grep -qx "warning: docket.ini:[0-9]*: \\[sol \"CA\"\\] was last verified on 2026-11-01, more than a year ago: check it against the statute and update verified" out
	test "$(cat err)" = "0 cases checked: 0 errors, 13 warnings"
'

test_expect_success 'each state rule: its period from the incident, and its citation' '
	for st in CA TX FL NY PA IL GA OH NC MI NJ AZ WA; do
		id=$(echo "$st" | tr A-Z a-z)-1
		docket add --id $id --client "Client $st" --incident 2026-10-03 \
			--state $st --attorney alice >/dev/null 2>err
		test ! -s err
		echo "$st $(due_of $id sol)"
	done >actual
	cat >expect <<-\EOF
	CA 2028-10-03 | CA: 2y from incident 2026-10-03 (Cal. Code Civ. Proc. § 335.1)
	TX 2028-10-03 | TX: 2y from incident 2026-10-03 (Tex. Civ. Prac. & Rem. Code § 16.003)
	FL 2028-10-03 | FL: 2y from incident 2026-10-03 (Fla. Stat. § 95.11 (as amended by HB 837, 2023))
	NY 2029-10-03 | NY: 3y from incident 2026-10-03 (N.Y. C.P.L.R. 214(5))
	PA 2028-10-03 | PA: 2y from incident 2026-10-03 (42 Pa. Cons. Stat. § 5524)
	IL 2028-10-03 | IL: 2y from incident 2026-10-03 (735 ILCS 5/13-202)
	GA 2028-10-03 | GA: 2y from incident 2026-10-03 (O.C.G.A. § 9-3-33)
	OH 2028-10-03 | OH: 2y from incident 2026-10-03 (Ohio Rev. Code § 2305.10)
	NC 2029-10-03 | NC: 3y from incident 2026-10-03 (N.C. Gen. Stat. § 1-52)
	MI 2029-10-03 | MI: 3y from incident 2026-10-03 (Mich. Comp. Laws § 600.5805)
	NJ 2028-10-03 | NJ: 2y from incident 2026-10-03 (N.J. Stat. Ann. § 2A:14-2)
	AZ 2028-10-03 | AZ: 2y from incident 2026-10-03 (Ariz. Rev. Stat. § 12-542)
	WA 2029-10-03 | WA: 3y from incident 2026-10-03 (Wash. Rev. Code § 4.16.080)
	EOF
	test_cmp expect actual
	# the same, whatever the case of the code
	docket add --id lower-1 --client "L" --incident 2026-10-03 --state ny >/dev/null
	test "$(due_of lower-1 sol)" = "2029-10-03 | NY: 3y from incident 2026-10-03 (N.Y. C.P.L.R. 214(5))"
	test "$(ini_get cases/2026/lower-1/case.ini case.state)" = ny
	test "$(ini_get cases/2026/ca-1/case.ini due.sol.who)" = alice
'

test_expect_success 'a government defendant: the notice of claim, where the rule has one' '
	for st in CA TX NY NJ AZ; do
		id=gov-$(echo "$st" | tr A-Z a-z)
		docket add --id $id --client "Gov $st" --incident 2026-10-03 \
			--state $st --attorney alice \
			--set defendant.city.name="The City" \
			--set defendant.city.kind=government >/dev/null
		echo "$st $(due_of $id notice-of-claim)"
	done >actual
	cat >expect <<-\EOF
	CA 2027-04-03 | CA: 6m from incident 2026-10-03; government defendant city (Cal. Gov. Code § 911.2)
	TX 2027-04-03 | TX: 6m from incident 2026-10-03; government defendant city (Tex. Civ. Prac. & Rem. Code § 101.101)
	NY 2027-01-01 | NY: 90d from incident 2026-10-03; government defendant city (N.Y. Gen. Mun. Law § 50-e)
	NJ 2027-01-01 | NJ: 90d from incident 2026-10-03; government defendant city (N.J. Stat. Ann. § 59:8-8)
	AZ 2027-04-01 | AZ: 180d from incident 2026-10-03; government defendant city (Ariz. Rev. Stat. § 12-821.01)
	EOF
	test_cmp expect actual
	test "$(ini_get cases/2026/gov-ca/case.ini due.notice-of-claim.what)" = \
		"Notice of claim (government defendant)"
	test "$(ini_get cases/2026/gov-ca/case.ini due.notice-of-claim.who)" = alice
	# a rule without a notice period: no date, and a warning
	docket add --id gov-fl --client "Gov FL" --incident 2026-10-03 --state FL \
		--set defendant.county.kind=government >/dev/null 2>err
	echo "docket: warning: gov-fl: a government defendant, but docket cannot compute the notice of claim ([sol \"FL\"] has no notice period): find its deadline and add it with '"'"'docket due gov-fl DATE TEXT --name notice-of-claim'"'"'" >expect
	test_cmp expect err
	test_not grep -q notice-of-claim cases/2026/gov-fl/case.ini
'

test_expect_success 'a case type with its own period (and its own cite)' '
	sed -i "/^\\[sol \"CA\"\\]\$/a med-mal = 1y\\nmed-mal_cite = Cal. Code Civ. Proc. § 340.5" docket.ini
	git commit -qam "CA: med-mal"
	docket check >out 2>err
	test_not grep -q "^error" out
	docket add --id mm-1 --client "M" --incident 2026-10-03 --state CA --type med-mal >/dev/null
	test "$(due_of mm-1 sol)" = "2027-10-03 | CA: 1y for med-mal from incident 2026-10-03 (Cal. Code Civ. Proc. § 340.5)"
	docket add --id mm-2 --client "M" --incident 2026-10-03 --state TX --type med-mal >/dev/null
	test "$(due_of mm-2 sol)" = "2028-10-03 | TX: 2y from incident 2026-10-03 (Tex. Civ. Prac. & Rem. Code § 16.003)"
'

test_expect_success 'FL: the statute changed on 2023-03-24 (HB 837)' '
	DOCKET_NOW=2023-06-01 docket add --id fl-old --client "F" --incident 2023-03-23 --state FL >/dev/null
	DOCKET_NOW=2023-06-01 docket add --id fl-new --client "F" --incident 2023-03-24 --state FL >/dev/null
	f=$(ls ../firm/cases/2023/fl-old/case.ini)
	test "$(ini_get cases/2023/fl-old/case.ini due.sol.date)" = 2027-03-23
	test "$(ini_get cases/2023/fl-old/case.ini due.sol.basis)" = \
		"FL: 4y for incidents before 2023-03-24 from incident 2023-03-23 (Fla. Stat. § 95.11 (as amended by HB 837, 2023))"
	test "$(ini_get cases/2023/fl-new/case.ini due.sol.date)" = 2025-03-24
	test "$(ini_get cases/2023/fl-new/case.ini due.sol.basis)" = \
		"FL: 2y from incident 2023-03-24 (Fla. Stat. § 95.11 (as amended by HB 837, 2023))"
'

test_expect_success 'a minor: tolled to majority (CA), not tolled (FL), an adult' '
	docket add --id minor-ca --client "K" --incident 2026-10-03 --state CA --dob 2010-05-02 >/dev/null
	test "$(due_of minor-ca sol)" = "2030-05-02 | CA: 2y from majority on 2028-05-02 (minor, tolled; Cal. Code Civ. Proc. § 335.1)"
	test "$(ini_get cases/2026/minor-ca/case.ini client.dob)" = 2010-05-02
	docket add --id minor-fl --client "K" --incident 2026-10-03 --state FL --dob 2010-05-02 >/dev/null
	test "$(due_of minor-fl sol)" = "2028-10-03 | FL: 2y from incident 2026-10-03 (minor, not tolled; Fla. Stat. § 95.11 (as amended by HB 837, 2023))"
	docket add --id adult-ca --client "K" --incident 2026-10-03 --state CA --dob 2008-10-03 >/dev/null
	test "$(due_of adult-ca sol)" = "2028-10-03 | CA: 2y from incident 2026-10-03 (Cal. Code Civ. Proc. § 335.1)"
'

test_expect_success 'no rule for the state, or no state: the firm default, and it says so' '
	docket add --id nv-1 --client "N" --incident 2026-10-03 --state NV >/dev/null 2>err
	echo "docket: warning: nv-1: there is no [sol \"NV\"] rule in docket.ini: its SOL is the firm default ([rules] sol_years)" >expect
	test_cmp expect err
	test "$(due_of nv-1 sol)" = "2028-10-03 | firm default: 2y from incident 2026-10-03; no rule for '"'"'NV'"'"'"
	docket add --id none-1 --client "N" --incident 2026-10-03 >/dev/null
	test "$(due_of none-1 sol)" = "2028-10-03 | firm default: 2y from incident 2026-10-03; the case has no state"
	docket add --id noinc-1 --client "N" --state CA >/dev/null
	test_not grep -q "^\\[due" cases/2026/noinc-1/case.ini
	docket check >out
	grep -qx "warning: cases/2026/nv-1/case.ini: there is no \\[sol \"NV\"\\] rule in docket.ini: its SOL is the firm default (\\[rules\\] sol_years)" out
'

test_expect_success 'show and due --sol show the basis' '
	docket show gov-ca >out
	cat >expect <<-\EOF
	Deadlines
	  2027-04-03  in 132 days     notice-of-claim      alice    Notice of claim (government defendant) (a Saturday)
	               basis: CA: 6m from incident 2026-10-03; government defendant city (Cal. Gov. Code § 911.2)
	  2028-10-03  in 681 days     sol                  alice    Statute of limitations
	               basis: CA: 2y from incident 2026-10-03 (Cal. Code Civ. Proc. § 335.1)
	EOF
	sed -n "/^Deadlines/,/^\$/p" out >actual
	test_cmp expect actual
	grep -qx "  state      CA" out
	docket due --sol --who alice >out
	head -n 4 out >actual
	cat >expect <<-\EOF
	2027-01-01  in 40 days      gov-nj           notice-of-claim      alice    Notice of claim (government defendant) (a holiday: New Year'"'"'s Day)
	            NJ: 90d from incident 2026-10-03; government defendant city (N.J. Stat. Ann. § 59:8-8)
	2027-01-01  in 40 days      gov-ny           notice-of-claim      alice    Notice of claim (government defendant) (a holiday: New Year'"'"'s Day)
	            NY: 90d from incident 2026-10-03; government defendant city (N.Y. Gen. Mun. Law § 50-e)
	EOF
	test_cmp expect actual
	docket due --sol --json >out
	python3 - <<-\EOF
	import json
	d = json.load(open("out"))
	assert all(r["name"] in ("sol", "notice-of-claim") for r in d), d
	r = [r for r in d if r["case"] == "gov-az" and r["name"] == "notice-of-claim"][0]
	assert r == {"case": "gov-az", "name": "notice-of-claim", "date": "2027-04-01",
	             "what": "Notice of claim (government defendant)", "who": "alice",
	             "days": 130, "basis": "AZ: 180d from incident 2026-10-03; "
	             "government defendant city (Ariz. Rev. Stat. § 12-821.01)"}, r
	EOF
	docket due --json >out
	python3 -c "import json; d = json.load(open(\"out\")); assert \"basis\" not in d[0], d[0]"
	test_must_fail --code=2 docket due gov-ca --sol 2>err
'

test_expect_success 'setup: smith-7k2p, CA, incident 2026-10-03' '
	docket add --id smith-7k2p --client "John Smith" --incident 2026-10-03 \
		--state CA --attorney alice --manager bob >/dev/null
	test "$(due_of smith-7k2p sol)" = "2028-10-03 | CA: 2y from incident 2026-10-03 (Cal. Code Civ. Proc. § 335.1)"
'

# set ID ARGS...: stdout and stderr as expected, one commit of the case
check_set() {
	n=$(commits)
	docket set smith-7k2p "$@" >out 2>err
	test "$(commits)" = $((n + 1))
	one_commit_of smith-7k2p
}

test_expect_success 'recomputed in the same commit: the incident' '
	check_set case.incident=2026-10-05
	test "$(cat out)" = "smith-7k2p: set case.incident"
	test "$(cat err)" = "smith-7k2p: sol 2028-10-03 -> 2028-10-05"
	test "$(git log -1 --format=%s)" = "set(smith-7k2p): case.incident; recomputed sol"
	test "$(due_of smith-7k2p sol)" = "2028-10-05 | CA: 2y from incident 2026-10-05 (Cal. Code Civ. Proc. § 335.1)"
'

test_expect_success 'recomputed: the state' '
	check_set case.state=NY
	test "$(cat err)" = "smith-7k2p: sol 2028-10-05 -> 2029-10-05"
	test "$(due_of smith-7k2p sol)" = "2029-10-05 | NY: 3y from incident 2026-10-05 (N.Y. C.P.L.R. 214(5))"
	check_set case.state=CA
	test "$(cat err)" = "smith-7k2p: sol 2029-10-05 -> 2028-10-05"
'

test_expect_success 'recomputed: the case type' '
	check_set case.type=med-mal
	test "$(cat err)" = "smith-7k2p: sol 2028-10-05 -> 2027-10-05"
	check_set case.type=truck
	test "$(cat err)" = "smith-7k2p: sol 2027-10-05 -> 2028-10-05"
'

test_expect_success 'recomputed: the client'"'"'s date of birth' '
	check_set client.dob=2010-05-02
	test "$(cat err)" = "smith-7k2p: sol 2028-10-05 -> 2030-05-02"
	test "$(due_of smith-7k2p sol)" = "2030-05-02 | CA: 2y from majority on 2028-05-02 (minor, tolled; Cal. Code Civ. Proc. § 335.1)"
'

test_expect_success 'recomputed: a defendant, and the notice of claim it brings' '
	check_set defendant.city-of-la.name="City of Los Angeles" defendant.city-of-la.kind=government
	test "$(cat err)" = "smith-7k2p: notice-of-claim none -> 2027-04-05"
	test "$(git log -1 --format=%s)" = "set(smith-7k2p): defendant.city-of-la.name, defendant.city-of-la.kind; recomputed notice-of-claim"
	test "$(due_of smith-7k2p notice-of-claim)" = "2027-04-05 | CA: 6m from incident 2026-10-05; government defendant city-of-la (minor, not tolled; Cal. Gov. Code § 911.2)"
'

test_expect_success 'recomputed: an edit of the facts' '
	n=$(commits)
	EDITOR="sed -i s/^incident\\ =\\ 2026-10-05\$/incident\\ =\\ 2026-09-01/" \
		docket edit smith-7k2p >out 2>err
	test "$(cat out)" = "smith-7k2p: edited case.incident"
	test "$(cat err)" = "smith-7k2p: notice-of-claim 2027-04-05 -> 2027-03-01"
	test "$(git log -1 --format=%s)" = "edit(smith-7k2p): case.incident; recomputed notice-of-claim"
	test "$(commits)" = $((n + 1))
	one_commit_of smith-7k2p
'

test_expect_success 'no government defendant left: the computed notice goes' '
	check_set defendant.city-of-la.kind=business
	test "$(cat err)" = "smith-7k2p: notice-of-claim 2027-03-01 -> none (no government defendant)"
	test_not grep -q "notice-of-claim" cases/2026/smith-7k2p/case.ini
	check_set client.phone="+1 555 0100"
	test ! -s err
'

test_expect_success 'due --name sol: set by hand, it replaces the computed one' '
	n=$(commits)
	docket due smith-7k2p 2030-01-15 "SOL per attorney review" --name sol >out 2>err
	test "$(cat out)" = "smith-7k2p: deadline sol on 2030-01-15, set by hand (it was 2030-05-02)"
	test ! -s err
	test "$(commits)" = $((n + 1))
	test "$(due_of smith-7k2p sol)" = "2030-01-15 | manual"
	test "$(ini_get cases/2026/smith-7k2p/case.ini due.sol.what)" = "SOL per attorney review"
'

test_expect_success 'add --set due.sol.date=...: set by hand from the start' '
	docket add --id byhand-1 --client "H" --incident 2026-10-03 --state CA \
		--set due.sol.date=2028-09-01 --set "due.sol.what=SOL (attorney)" >/dev/null
	test "$(due_of byhand-1 sol)" = "2028-09-01 | manual"
	test_refused docket add --client "H" --incident 2026-10-03 --set "due.sol.basis=CA: 9y"
	grep -q "^docket: due.sol.basis: '"'"'CA: 9y'"'"' is docket'"'"'s to write" "$TRASH/err"
'

test_expect_success 'manual: never recomputed; check warns when the rules give earlier' '
	check_set client.dob=
	test ! -s err
	test "$(due_of smith-7k2p sol)" = "2030-01-15 | manual"
	docket check >out 2>err
	grep -x "warning: cases/2026/smith-7k2p/case.ini:[0-9]*: sol 2030-01-15 was set by hand; the rules give 2028-09-01, earlier (CA: 2y from incident 2026-09-01 (Cal. Code Civ. Proc. § 335.1))" out
	docket report --json >out
	python3 -c "import json; r = json.load(open(\"out\")); print(json.dumps(r[\"sol_manual_later\"]))" >actual
	echo "[{\"case\": \"smith-7k2p\", \"name\": \"sol\", \"date\": \"2030-01-15\", \"computed\": \"2028-09-01\"}]" >expect
	test_cmp expect actual
'

test_expect_success 'clearing the basis gives the date back to the rules' '
	check_set due.sol.basis=
	test "$(cat err)" = "smith-7k2p: sol 2030-01-15 -> 2028-09-01"
	test "$(due_of smith-7k2p sol)" = "2028-09-01 | CA: 2y from incident 2026-09-01 (Cal. Code Civ. Proc. § 335.1)"
'

test_expect_success 'set due.sol.date (and an edit of it) makes it manual' '
	check_set due.sol.date=2028-08-15
	test ! -s err
	test "$(due_of smith-7k2p sol)" = "2028-08-15 | manual"
	check_set case.incident=2026-08-01
	test ! -s err
	test "$(due_of smith-7k2p sol)" = "2028-08-15 | manual"
	check_set due.sol.basis=
	test "$(cat err)" = "smith-7k2p: sol 2028-08-15 -> 2028-08-01"
	EDITOR="sed -i s/^date\\ =\\ 2028-08-01\$/date\\ =\\ 2028-07-15/" docket edit smith-7k2p >out 2>err
	test ! -s err
	test "$(due_of smith-7k2p sol)" = "2028-07-15 | manual"
	check_set due.sol.basis=
	test "$(cat err)" = "smith-7k2p: sol 2028-07-15 -> 2028-08-01"
'

test_expect_success 'a basis is docket'"'"'s: only manual, or empty' '
	test_refused docket set smith-7k2p "due.sol.basis=CA: 5y, trust me"
	echo "docket: due.sol.basis: '"'"'CA: 5y, trust me'"'"' is docket'"'"'s to write: set it to '"'"'manual'"'"' (a date set by hand) or clear it (docket computes the date)" >expect
	test_cmp expect "$TRASH/err"
'

test_expect_success 'a done deadline is never recomputed nor reopened' '
	docket due smith-7k2p --done sol >/dev/null
	check_set case.incident=2026-07-01
	test ! -s err
	test "$(ini_get cases/2026/smith-7k2p/case.ini due.sol.date)" = 2028-08-01
	test "$(ini_get cases/2026/smith-7k2p/case.ini due.sol.done)" = 2026-11-22
	test_refused docket due smith-7k2p 2029-01-01 "SOL again" --name sol
	echo "docket: smith-7k2p has a deadline '"'"'sol'"'"' already (pick another --name)" >expect
	test_cmp expect "$TRASH/err"
	docket check >out
	test_not grep -q "smith-7k2p" out
'

test_expect_success 'an older docket'"'"'s sol (no basis) is recomputed with the facts' '
	docket add --id old-1 --client "O" --incident 2026-10-03 >/dev/null
	sed -i "/^basis = /d" cases/2026/old-1/case.ini
	git commit -qam "as an older docket wrote it"
	docket check >out
	test_not grep -q "old-1" out
	check_set_old() { n=$(commits); docket set old-1 "$@" >out 2>err; test "$(commits)" = $((n + 1)); }
	check_set_old case.state=WA
	test "$(cat err)" = "old-1: sol 2028-10-03 -> 2029-10-03"
	test "$(due_of old-1 sol)" = "2029-10-03 | WA: 3y from incident 2026-10-03 (Wash. Rev. Code § 4.16.080)"
'

test_expect_success 'a rule changed: check lists the drift (exit 0)' '
	sed -i "/^\\[sol \"WA\"\\]\$/,/^\\[/s/^period = 3y\$/period = 4y/" docket.ini
	git commit -qam "WA: 4y (a test, not the law)"
	docket check >out 2>err
	grep "^warning: cases/2026/[a-z0-9-]*/case.ini:[0-9]*: sol" out >actual
	cat >expect <<-\EOF
	warning: cases/2026/old-1/case.ini:18: sol 2029-10-03 -> 2030-10-03: the rules give another date now ('"'"'docket check --fix'"'"' recomputes it)
	warning: cases/2026/wa-1/case.ini:18: sol 2029-10-03 -> 2030-10-03: the rules give another date now ('"'"'docket check --fix'"'"' recomputes it)
	EOF
	test_cmp expect actual
	test "$(due_of wa-1 sol)" = "2029-10-03 | WA: 3y from incident 2026-10-03 (Wash. Rev. Code § 4.16.080)"
	test_repo_clean
'

test_expect_success 'check --fix: one commit per case' '
	n=$(commits)
	docket check --fix >out 2>err
	test "$(commits)" = $((n + 2))
	test_not grep -q "sol 2029" out
	grep -x "old-1: sol 2029-10-03 -> 2030-10-03" err
	grep -x "wa-1: sol 2029-10-03 -> 2030-10-03" err
	tail -n 1 err | grep -q ", 2 cases fixed$"
	git log -2 --format=%s >actual
	printf "%s\n" "check(wa-1): recomputed sol" "check(old-1): recomputed sol" >expect
	test_cmp expect actual
	test "$(git show --name-only --format= HEAD)" = cases/2026/wa-1/case.ini
	test "$(git show --name-only --format= HEAD^)" = cases/2026/old-1/case.ini
	test "$(due_of wa-1 sol)" = "2030-10-03 | WA: 4y from incident 2026-10-03 (Wash. Rev. Code § 4.16.080)"
	test_repo_clean
	n=$(commits)
	docket check --fix >out 2>err
	test "$(commits)" = $n
	tail -n 1 err | grep -q ", 0 cases fixed$"
'

test_expect_success 'refused: a period docket cannot read, with docket.ini:LINE' '
	line=$(grep -n "^\\[sol \"CA\"\\]\$" docket.ini | cut -d: -f1)
	sed -i "/^\\[sol \"CA\"\\]\$/,/^\\[/s/^period = 2y\$/period = two years/" docket.ini
	git commit -qam "CA: a period that does not read"
	pl=$(grep -n "^period = two years\$" docket.ini | cut -d: -f1)
	test_refused docket add --client "X" --incident 2026-10-03 --state CA
	echo "docket: docket.ini:$pl: [sol \"CA\"] period: '"'"'two years'"'"' is not a period (such as 2y, 6m or 90d)" >expect
	test_cmp expect "$TRASH/err"
	test_refused docket set smith-7k2p case.incident=2026-07-02
	test_cmp expect "$TRASH/err"
	test_must_fail docket check 2>err
	test_cmp expect err
	git revert --no-edit HEAD >/dev/null
	docket check >/dev/null
'

test_expect_success 'refused: an unknown kind of defendant' '
	test_refused docket set smith-7k2p defendant.acme.kind=corporation
	echo "docket: cases/2026/smith-7k2p/case.ini: [defendant \"acme\"] kind: '"'"'corporation'"'"' is not a kind of defendant (person, business, government)" >expect
	test_cmp expect "$TRASH/err"
	test_refused docket add --client "X" --set defendant.acme.kind=agency
	grep -q "kind: '"'"'agency'"'"' is not a kind of defendant (person, business, government)$" "$TRASH/err"
'

test_expect_success 'refused: a date of birth after the incident' '
	test_refused docket add --client "X" --incident 2026-10-03 --dob 2026-10-04
	echo "docket: --dob: 2026-10-04 is after the incident (2026-10-03)" >expect
	test_cmp expect "$TRASH/err"
	test_refused docket set smith-7k2p client.dob=2026-07-02
	echo "docket: cases/2026/smith-7k2p/case.ini: [client] dob: 2026-07-02 is after the incident (2026-07-01)" >expect
	test_cmp expect "$TRASH/err"
	test_refused docket set smith-7k2p client.dob=2027-01-01 case.incident=
	echo "docket: cases/2026/smith-7k2p/case.ini: [client] dob: 2027-01-01 is after the day the case was opened (2026-11-22)" >expect
	test_cmp expect "$TRASH/err"
	test_refused docket add --client "X" --dob someday
	grep -q "^docket: --dob: '"'"'someday'"'"' is not a date (use YYYY-MM-DD" "$TRASH/err"
	test_refused docket add --client "X" --state "C A"
	echo "docket: --state: '"'"'C A'"'"' is not a state code (letters, digits and '"'"'-'"'"', such as CA)" >expect
	test_cmp expect "$TRASH/err"
	test_refused docket set smith-7k2p case.state=Cal.
	grep -q "state: '"'"'Cal.'"'"' is not a state code" "$TRASH/err"
'

test_expect_success 'completion: --state offers the rules'"'"' codes' '
	docket __complete states >out
	test "$(wc -l <out)" = 13
	grep -qx "CA	Cal. Code Civ. Proc. § 335.1" out
	docket __complete words add --state N >out
	printf "%s\n" "NY	N.Y. C.P.L.R. 214(5)" "NC	N.C. Gen. Stat. § 1-52" "NJ	N.J. Stat. Ann. § 2A:14-2" >expect
	test_cmp expect out
	docket __complete options add | cut -f1 | grep -c "^--state$\|^--dob$" >out
	test "$(cat out)" = 2
	docket __complete options check | cut -f1 | grep -qx -- --fix
'

test_done
