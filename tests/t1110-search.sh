#!/bin/sh
# docket search: every case.ini value and note line that matches
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
docket add --id smith-1 --client "John Smith" --set "client.phone=+1 (555) 010-0123" --set insurance.claim=GP-22-1181 >/dev/null
docket add --id lee-2 --client "Ann Lee" >/dev/null
DOCKET_NOW=2026-11-20T15:00:00Z docket note lee-2 --kind call -m "Called 555.010.0123, no answer
# Claim
adjuster says gp-22-1181 is open" >/dev/null
docket add --id old-3 --client "Old Case" --set "client.email=gp22@example.com" >/dev/null
docket advance-stage old-3 closed >/dev/null
note=cases/2026/lee-2/notes/20261120T150000Z-call-bob.md

test_expect_success 'a phone number with and without dashes' '
	docket search 555-010-0123 >../out
	cat >../expect <<-EOF
	lee-2  $note:1  Called 555.010.0123, no answer
	smith-1  cases/2026/smith-1/case.ini:18  phone = +1 (555) 010-0123
	EOF
	test_cmp ../expect ../out
	docket search 5550100123 >../out2
	test_cmp ../expect ../out2
	docket search "(555) 010 0123" >../out2
	test_cmp ../expect ../out2
'

test_expect_success 'a claim number, any case; values only, closed cases too' '
	docket search Gp-22 >../out
	cat >../expect <<-EOF
	lee-2  $note:3  adjuster says gp-22-1181 is open
	smith-1  cases/2026/smith-1/case.ini:21  claim = GP-22-1181
	EOF
	test_cmp ../expect ../out
	docket search gp22 >../out
	echo "old-3  cases/2026/old-3/case.ini:19  email = gp22@example.com" >../expect
	test_cmp ../expect ../out
	test "$(sed -n 19p cases/2026/old-3/case.ini)" = "email = gp22@example.com"
'

test_expect_success '--notes-only, --regex' '
	docket search --notes-only gp-22 >../out
	echo "lee-2  $note:3  adjuster says gp-22-1181 is open" >../expect
	test_cmp ../expect ../out
	docket search --regex "^gp-[0-9]+-1181$" >../out
	echo "smith-1  cases/2026/smith-1/case.ini:21  claim = GP-22-1181" >../expect
	test_cmp ../expect ../out
'

test_expect_success '--json' '
	docket search --json 5550100123 >../out
	cat >../expect <<-EOF
	[
	  {
	    "case": "lee-2",
	    "file": "$note",
	    "line": 1,
	    "text": "Called 555.010.0123, no answer"
	  },
	  {
	    "case": "smith-1",
	    "file": "cases/2026/smith-1/case.ini",
	    "line": 18,
	    "text": "phone = +1 (555) 010-0123"
	  }
	]
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'nothing found: exit 1, and [] for --json' '
	test_refused docket search zebra
	echo "docket: nothing matches '\''zebra'\''" >../expect
	test_cmp ../expect ../err
	test_must_fail docket search --json zebra >../out
	echo "[]" >../expect
	test_cmp ../expect ../out
'

test_expect_success 'a bad expression, no text: errors' '
	test_refused docket search --regex "(" >../out
	echo "docket: '\''('\'' is no regular expression: Unmatched ( or \\(" >../expect
	test_cmp ../expect ../err
	test_cmp /dev/null ../out
	test_refused --code=2 docket search
	head -n 1 ../err >../got
	echo "docket search: search for what? (TEXT)" >../expect
	test_cmp ../expect ../got
'

test_expect_success 'a line with terminal escapes is shown escaped' '
	printf "evil \033[31m red\n" | docket note smith-1 >/dev/null
	docket search evil >../out
	grep -q "evil \\\\e\[31m red$" ../out
	test_not grep -q "$(printf "\033")" ../out
'

test_done
