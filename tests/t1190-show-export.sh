#!/bin/sh
# docket show ID --md and --html FILE: the whole case, escaped
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
DOCKET_NOW=2026-11-01 docket add --id a1 --client "Ann <One>" --title "One v. *Acme*" --incident 2026-10-03 --attorney alice --set client.phone=555-0100 >/dev/null
DOCKET_NOW=2026-11-10T10:00:00Z docket note a1 --kind call -m "Client **doing well**.
<script>alert(1)</script>
<b onclick=x>raw</b> and [a link](javascript:alert(1))" >/dev/null
DOCKET_NOW=2026-11-11 docket escalate a1 --reason medical -m "Numbness" >/dev/null

test_expect_success 'show --md: the case as Markdown, values escaped, raw HTML as text' '
	docket show a1 --md >../out
	cat >../expect <<-\EOF
	# a1: One v. \*Acme\*

	*Example Injury Law, as of 2026-11-22*

	- **Client:** Ann \<One\>
	- **Stage:** intake since 2026-11-01, open
	- **Opened:** 2026-11-01
	- **Incident:** 2026-10-03
	- **Attorney:** alice
	- **Manager:** bob

	## stages

	- **intake:** 2026-11-01

	## client

	- **phone:** 555-0100

	## Deadlines

	- 2028-10-03 **sol** Statute of limitations (alice)

	## Escalations

	- #1 medical to alice, opened 2026-11-11: Numbness

	## Notes

	### 2026-11-10 10:00, call, bob

	Client **doing well**.

	``` 
	<script>alert(1)</script>
	```

	\<b onclick=x\>raw\</b\> and [a link]()

	### 2026-11-11 12:00, escalation, bob

	Escalation 1 (medical) to alice:

	Numbness
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'show --html FILE: one inert page, every value escaped' '
	docket show a1 --html ../a1.html >../out
	test_cmp /dev/null ../out
	html_inert ../a1.html
	grep -q "<title>a1: One v. \*Acme\*</title>" ../a1.html
	grep -q "<tr><th>Client</th><td>Ann &lt;One&gt;</td></tr>" ../a1.html
	grep -q "<p>Client <strong>doing well</strong>.</p>" ../a1.html
	test_not grep -q "<script\|onclick\|javascript:" ../a1.html
	test "$(stat -c %a ../a1.html)" = 600
	docket show a1 --html - >../stdout.html
	test_cmp ../a1.html ../stdout.html
	test_repo_clean
'

test_expect_success 'show --md, --html: one at a time' '
	test_must_fail --code=2 docket show a1 --md --json 2>../err
	head -n 1 ../err >../got
	echo "docket show: --json, --md and --html go one at a time" >../expect
	test_cmp ../expect ../got
	test_must_fail docket show a1 --html /nonexistent/dir/x.html 2>../err
	grep -q "^docket: cannot write /nonexistent/dir/x.html" ../err
'

test_done
