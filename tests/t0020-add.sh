#!/bin/sh
# docket add: new cases, their case.ini, and what add refuses
. "$(dirname "$0")/lib.sh"

make_firm
cd firm

test_expect_success 'add prints the new ID alone and writes case.ini' '
	docket add --client "John Smith" --title "Smith v. Acme Freight" --type truck \
		--incident 2026-10-03 --attorney alice >../out 2>../err
	test ! -s ../err
	id=$(cat ../out)
	echo "$id" | grep -qx "smith-[a-z2-9]\{4\}"
	cat >../expect <<-EOF
	[case]
	id = $id
	title = Smith v. Acme Freight
	client = John Smith
	type = truck
	opened = 2026-11-22
	incident = 2026-10-03
	stage = intake
	status = open
	closed =
	attorney = alice
	manager = bob

	[stages]
	intake = 2026-11-22

	[due "sol"]
	date = 2028-10-03
	what = Statute of limitations
	who = alice
	done =
	basis = firm default: 2y from incident 2026-10-03; the case has no state
	EOF
	test_cmp ../expect cases/2026/$id/case.ini
'

test_expect_success 'one commit of exactly the new file, with the message and author' '
	id=$(ls cases/2026)
	test "$(git log -1 --format="%s|%an <%ae>|%ad" --date=iso-strict)" = \
		"add($id): new case|Bob Diaz <bob@firm.example>|2026-11-22T12:00:00+00:00"
	test "$(git show --name-only --format= HEAD)" = "cases/2026/$id/case.ini"
	test_repo_clean
'

test_expect_success 'another INI reader reads case.ini the same (configparser)' '
	id=$(ls cases/2026)
	python3 - cases/2026/$id/case.ini >../got <<-PY
	import configparser, sys
	c = configparser.RawConfigParser(strict=True)
	c.read(sys.argv[1], encoding="utf-8")
	for s in c.sections():
	    for k, v in c.items(s):
	        print(f"{s}|{k}|{v}")
	PY
	grep -qx "case|title|Smith v. Acme Freight" ../got
	grep -qx "due \"sol\"|date|2028-10-03" ../got
	grep -qx "case|closed|" ../got
	test $(wc -l <../got) = 17
'

test_expect_success 'add --id takes the firm file number; --set fills other sections' '
	docket add --id 2026-0042 --client "Ana Ruiz" --set client.phone="+1 555 0100" \
		--set "insurance.carrier=Great Plains; Mutual" --set insurance.limits=1000000 >../out
	test "$(cat ../out)" = 2026-0042
	test "$(ini_get cases/2026/2026-0042/case.ini client.phone)" = "+1 555 0100"
	test "$(ini_get cases/2026/2026-0042/case.ini insurance.carrier)" = "Great Plains; Mutual"
	test_not grep -q "^\[due" cases/2026/2026-0042/case.ini
'

test_expect_success 'two adds for the same client get different IDs' '
	a=$(docket add --client "Lee Park")
	b=$(docket add --client "Lee Park")
	test "$a" != "$b"
	test -d cases/2026/$a
	test -d cases/2026/$b
'

test_expect_success 'a handle not in [staff] is accepted with a warning' '
	docket add --client "Kim Roe" --manager zed >../out 2>../err
	test "$(cat ../err)" = "docket: warning: --manager '"'zed'"' is not in docket.ini'"'"'s [staff]"
	grep -qx "manager = zed" cases/2026/$(cat ../out)/case.ini
'

test_expect_success 'refused: bad IDs (listed rule by rule)' '
	for bad in "a/b" "../x" "a..b" ".x" "-x" "has space" "Upper" \
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"; do
		test_refused docket add --client X --id "$bad"
		grep -q "^docket: --id: case ID" ../err
	done
	test_refused docket add --client X --id "a..b"
	test "$(cat ../err)" = "docket: --id: case ID '"'a..b'"' contains '"'..'"'"
'

test_expect_success 'refused: an ID in use, an impossible or future incident, no client' '
	test_refused docket add --client X --id 2026-0042
	test "$(cat ../err)" = "docket: case '"'2026-0042'"' exists already"
	test_refused docket add --client X --incident 2026-02-30
	test "$(cat ../err)" = "docket: --incident: '"'2026-02-30'"' is not a real date"
	test_refused docket add --client X --incident 2026-11-23
	test "$(cat ../err)" = "docket: --incident: 2026-11-23 is after the day the case is opened (2026-11-22)"
	test_refused --code=2 docket add --title X
	grep -q "^docket add: --client NAME is required" ../err
	test_refused docket add --client "two
lines"
	grep -q "a value is one line" ../err
	test_refused docket add --client " padded"
	grep -q "leading or trailing white space would be lost" ../err
	test_refused --code=2 docket add --client X --set case.stage=demand
	test_refused --code=2 docket add --client X --set nodot=1
	test ! -e cases/2026/x-*
'

test_expect_success 'relative incident dates' '
	id=$(docket add --client "Rel Ative" --incident -2w)
	grep -qx "incident = 2026-11-08" cases/2026/$id/case.ini
	grep -qx "date = 2028-11-08" cases/2026/$id/case.ini
'

test_done
