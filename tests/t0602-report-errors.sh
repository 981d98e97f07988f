#!/bin/sh
# report: a case that does not parse is listed with file and line; the rest
# of the report still comes out
. "$(dirname "$0")/lib.sh"

at() { DOCKET_NOW=$1; export DOCKET_NOW; }
d() { docket -C firm "$@" >/dev/null; }

test_expect_success 'a firm with two broken cases' '
	at 2026-11-01
	make_firm
	d add --id good-1 --client "Gail Good" --attorney alice --manager bob
	d add --id bad-2 --client "Bert Bad" --attorney alice --manager bob
	d add --id ugly-3 --client "Uma Ugly" --attorney alice --manager carol
	at 2026-11-20
	d due good-1 2026-11-19 "Send the letter" --name letter
	sed -i "s/^stage = intake$/stage = nowhere/" firm/cases/2026/bad-2/case.ini
	printf "this line is not ini\n" >>firm/cases/2026/ugly-3/case.ini
	git -C firm commit -qam "broken by hand" &&
	test "$(wc -l <firm/cases/2026/ugly-3/case.ini)" = 16 &&
	grep -n "^stage = nowhere" firm/cases/2026/bad-2/case.ini >line &&
	echo "8:stage = nowhere" >expect &&
	test_cmp expect line
'

test_expect_success 'json: errors with file and line, and the rest' '
	at 2026-11-20
	test_must_fail docket -C firm report --json >out 2>err &&
	echo "docket: 2 files could not be read (listed under errors)" >expect &&
	test_cmp expect err &&
	python3 - <<-\EOF
	import json
	r = json.load(open("out"))
	assert r["errors"] == [
	    {"file": "cases/2026/bad-2/case.ini", "line": 8,
	     "message": "stage: \x27nowhere\x27 is not a stage of the pipeline (intake, treatment, records, demand, negotiation, litigation, settlement, closed)"},
	    {"file": "cases/2026/ugly-3/case.ini", "line": 16,
	     "message": "expected \x27key = value\x27"},
	], r["errors"]
	assert (r["open"], r["closed"]) == (1, 0)
	assert [(d["case"], d["name"], d["days"]) for d in r["overdue"]] == [("good-1", "letter", 1)]
	assert r["contact"]["open"] == 1
	EOF
'

test_expect_success 'text: the errors come first' '
	test_must_fail docket -C firm report >out 2>err &&
	sed -n "4,7p" out >first &&
	cat >expect <<-\EOF &&
	Cases that could not be read (2)
	  cases/2026/bad-2/case.ini:8:
	      stage: '"'"'nowhere'"'"' is not a stage of the pipeline (intake, treatment, rec...
	  cases/2026/ugly-3/case.ini:16: expected '"'"'key = value'"'"'
	EOF
	test_cmp expect first &&
	grep -q "^Overdue deadlines (1)$" out
'

test_expect_success 'md and html list them too' '
	test_must_fail docket -C firm report --md >out.md 2>/dev/null &&
	grep -q "^## Cases that could not be read (2)$" out.md &&
	grep -q "^- cases/2026/bad-2/case.ini:8: stage: " out.md &&
	test_must_fail docket -C firm report --html "$TRASH/page.html" 2>/dev/null &&
	grep -q "<section class=\"list\" id=\"errors\">" page.html &&
	grep -q "<li><code>cases/2026/ugly-3/case.ini:16</code>: expected &#39;key = value&#39;</li>" page.html &&
	html_inert page.html
'

test_expect_success 'filters do not hide errors' '
	test_must_fail docket -C firm report --json --who carol >out 2>/dev/null &&
	python3 -c "
import json
r = json.load(open(\"out\"))
assert len(r[\"errors\"]) == 2 and r[\"open\"] == 0
"
'

test_expect_success 'fixed, the report is whole again' '
	git -C firm checkout -q HEAD~1 -- cases &&
	docket -C firm report --json >out 2>err &&
	test_must_fail test -s err &&
	grep -q "\"errors\": \[\]" out &&
	grep -q "\"open\": 3" out
'

test_done
