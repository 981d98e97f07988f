#!/bin/sh
# docket statement: the client's settlement statement to the cent, as the
# spec lays it out; the fee by the stage the case settled in, on gross or
# net, from [fees] or without it; a draft while a lien is not final; a
# negative net shown as it is; several recoveries, many costs, amounts near
# the limit; refused without a settlement; every value escaped in every
# form; the page written whole.
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
printf "%s\n" out err actual expect before after >>.git/info/exclude
at() { DOCKET_NOW=$1; export DOCKET_NOW; }
q() { docket "$@" >/dev/null; }

# the spec's case
at 2026-11-20
q add --id smith-7k2p --client "John Smith" --title "Smith v. Acme Freight" \
	--attorney alice --manager bob
q policy smith-7k2p bi-acme --coverage bi --carrier "Great Plains Mutual" --lor-sent
q cost smith-7k2p 25 "Police report"
q lien smith-7k2p medicare --type medicare --holder "Medicare (BCRC)" --asserted 8200
q provider smith-7k2p "Mercy Hospital" --billed 12450 --paid 3200 --owed 2000
at 2027-03-01
q lien smith-7k2p medicare --final 6100
q settle smith-7k2p 85000 --policy bi-acme

test_expect_success 'the statement, line for line' '
	docket statement smith-7k2p >actual
	cat >expect <<-\EOF
	Settlement statement: Smith v. Acme Freight (smith-7k2p)
	Client: John Smith                       settled 2027-03-01
	Recoveries
	  bi-acme          Great Plains Mutual (bi)             85,000.00
	  Gross recovery                                        85,000.00
	Attorney fee: 1/3 of the gross recovery                -28,333.33
	Case costs
	  2026-11-20       Police report                           -25.00
	  Total costs                                              -25.00
	Liens
	  medicare         Medicare (BCRC): final               -6,100.00
	  Total liens                                           -6,100.00
	Medical bills paid from the settlement
	  mercy-hospital   Mercy Hospital                       -2,000.00
	  Total medical                                         -2,000.00
	Net to the client                                       48,541.67
	EOF
	test_cmp expect actual
'

test_expect_success 'json: every line and total as strings, deductions positive' '
	docket statement smith --json >out
	python3 - <<-\EOF
	import json
	r = json.load(open("out"))
	assert r == {
	  "case": "smith-7k2p", "client": "John Smith", "settled": "2027-03-01",
	  "gross": "85000.00",
	  "fee": {"rate": "1/3", "basis": "gross", "amount": "28333.33"},
	  "recoveries": [{"policy": "bi-acme", "amount": "85000.00"}],
	  "costs": [{"date": "2026-11-20", "what": "Police report", "amount": "25.00"}],
	  "costs_total": "25.00",
	  "liens": [{"name": "medicare", "holder": "Medicare (BCRC)",
	             "asserted": "8200.00", "final": "6100.00", "amount": "6100.00"}],
	  "liens_total": "6100.00",
	  "medical": [{"provider": "mercy-hospital", "amount": "2000.00"}],
	  "medical_total": "2000.00",
	  "net": "48541.67", "final": True}, r
	EOF
'

test_expect_success 'a lien not final: a draft, counted at the amount asserted' '
	at 2027-03-02
	q set smith-7k2p lien.medicare.final=
	q lien smith-7k2p bcbs --type health --holder "Blue Cross" --asserted 1,000
	docket statement smith-7k2p >out
	head -n 2 out >actual
	cat >expect <<-\EOF
	DRAFT: liens not final (medicare, bcbs)
	Settlement statement: Smith v. Acme Freight (smith-7k2p)
	EOF
	test_cmp expect actual
	grep -qx "  medicare         Medicare (BCRC): asserted            -8,200.00" out
	grep -qx "  bcbs             Blue Cross: asserted                 -1,000.00" out
	grep -qx "  Total liens                                           -9,200.00" out
	grep -qx "Net to the client                                       45,441.67" out
	docket statement smith-7k2p --json >out
	python3 -c "import json; r = json.load(open(\"out\")); assert r[\"final\"] is False and r[\"liens\"][0][\"final\"] is None and r[\"net\"] == \"45441.67\", r"
	q lien smith-7k2p medicare --final 6100
	q lien smith-7k2p bcbs --final 0
'

test_expect_success 'no settlement recorded: refused, nothing written' '
	at 2027-03-02
	q add --id jones-1 --client "Ann Jones" --attorney alice --manager bob
	q cost jones-1 40 "Records"
	test_refused docket statement jones-1
	echo "docket: jones-1: no settlement recorded (docket settle jones-1 AMOUNT --policy P records one)" >expect
	test_cmp expect "$TRASH/err"
	test_refused docket statement jones-1 --html "$TRASH/jones.html"
	test ! -e "$TRASH/jones.html"
	test_refused docket statement nobody
'

test_expect_success 'the fee by the stage the case was in on the first settlement'"'"'s date: 40% in litigation' '
	at 2027-01-10
	q add --id lit-1 --client "Lia Lit" --attorney alice --manager bob
	q advance-stage lit-1 litigation
	q policy lit-1 bi --coverage bi --lor-sent
	q policy lit-1 um --coverage um --lor-sent
	at 2027-03-01
	q settle lit-1 33,333.33 --policy bi
	at 2027-03-09
	q advance-stage lit-1 settlement
	q settle lit-1 16,666.67 --policy um
	docket statement lit-1 >out
	grep -qx "Client: Lia Lit                          settled 2027-03-01" out
	grep -qx "  Gross recovery                                        50,000.00" out
	grep -qx "Attorney fee: 40% of the gross recovery                -20,000.00" out
	grep -qx "Net to the client                                       30,000.00" out
'

test_expect_success 'a case that entered the settlement stage the day it settled: the default' '
	at 2027-03-01
	q add --id set-1 --client "Sy Set" --attorney alice --manager bob
	q advance-stage set-1 settlement
	q policy set-1 bi --coverage bi --lor-sent
	q settle set-1 100 --policy bi
	docket statement set-1 >out
	grep -qx "Attorney fee: 1/3 of the gross recovery                    -33.33" out
	grep -qx "Net to the client                                           66.67" out
'

test_expect_success 'a net basis: the fee on the recovery less the costs' '
	sed -i "s/^basis = gross$/basis = net/" docket.ini
	git commit -qam "fees: net"
	docket statement smith-7k2p >out
	grep -qx "Attorney fee: 1/3 of the recovery less costs (84,975.00)  -28,325.00" out
	grep -qx "Net to the client                                       48,550.00" out
	docket statement smith-7k2p --json >out
	python3 -c "import json; r = json.load(open(\"out\")); assert r[\"fee\"] == {\"rate\": \"1/3\", \"basis\": \"net\", \"amount\": \"28325.00\"}, r"
'

test_expect_success 'a firm without [fees] gets what init writes' '
	python3 - <<-\EOF
	s = open("docket.ini").read()
	start = s.index("[fees]")
	end = s.index("\n\n", start) + 2
	open("docket.ini", "w").write(s[:start] + s[end:])
	EOF
	test_not grep -q "fees" docket.ini
	git commit -qam "fees: none"
	docket statement lit-1 >out
	grep -qx "Attorney fee: 40% of the gross recovery                -20,000.00" out
	docket statement smith-7k2p >out
	grep -qx "Attorney fee: 1/3 of the gross recovery                -28,333.33" out
'

test_expect_success 'a fee of 33 1/3% is exactly 1/3; 33.33% is not' '
	printf "\n[fees]\ndefault = 33 1/3%%\n" >>docket.ini
	git commit -qam "fees: 33 1/3%"
	docket statement smith-7k2p >out
	grep -qx "Attorney fee: 33 1/3% of the gross recovery            -28,333.33" out
	sed -i "s|^default = 33 1/3%$|default = 33.33%|" docket.ini
	git commit -qam "fees: 33.33%"
	docket statement smith-7k2p >out
	grep -qx "Attorney fee: 33.33% of the gross recovery             -28,330.50" out
	git revert --no-edit HEAD HEAD~1 >/dev/null
	docket statement smith-7k2p >out
	grep -qx "Attorney fee: 1/3 of the gross recovery                -28,333.33" out
'

test_expect_success 'several recoveries and many costs, to the cent' '
	at 2027-04-01
	q add --id many-1 --client "Moe Many" --attorney alice --manager bob
	for p in bi um medpay; do
		q policy many-1 $p --coverage $p --lor-sent
	done
	i=1
	while [ $i -le 40 ]; do
		q cost many-1 "$i.0$((i % 10))" "Cost number $i" --date 2027-03-$(printf %02d $(( (40 - i) % 28 + 1 )))
		i=$((i + 1))
	done
	q settle many-1 10,000.01 --policy bi
	q settle many-1 2,500.01 --policy um
	q settle many-1 0.01 --policy medpay
	docket statement many-1 --json >out
	python3 - <<-\EOF
	import json
	from fractions import Fraction
	r = json.load(open("out"))
	cents = lambda s: int(s.replace(".", ""))
	gross = 1000001 + 250001 + 1
	costs = sum(i * 100 + i % 10 for i in range(1, 41))
	fee = Fraction(gross, 3)
	fee = int(fee) + (1 if fee - int(fee) >= Fraction(1, 2) else 0)
	assert cents(r["gross"]) == gross, r["gross"]
	assert cents(r["fee"]["amount"]) == fee == 416668, r["fee"]
	assert cents(r["costs_total"]) == costs, r["costs_total"]
	assert len(r["costs"]) == 40
	dates = [c["date"] for c in r["costs"]]
	assert dates == sorted(dates), dates
	assert cents(r["net"]) == gross - fee - costs, r["net"]
	EOF
'

test_expect_success 'amounts near the limit: exact, no overflow' '
	at 2027-04-01
	q add --id big-1 --client "Bea Big" --attorney alice --manager bob
	q policy big-1 bi --coverage bi --lor-sent
	q policy big-1 umbrella --coverage umbrella --lor-sent
	q settle big-1 999,999,999,999.99 --policy bi
	q settle big-1 999999999999.99 --policy umbrella
	q cost big-1 999999999999.99 "Experts"
	q lien big-1 medicare --type medicare --asserted 999999999999.99
	docket statement big-1 >out
	grep -qx "  Gross recovery                             1,999,999,999,999.98" out
	grep -qx "Attorney fee: 1/3 of the gross recovery       -666,666,666,666.66" out
	grep -qx "  Total costs                                 -999,999,999,999.99" out
	grep -qx "Net to the client                             -666,666,666,666.66" out
	docket statement big-1 --json >out
	python3 -c "import json; r = json.load(open(\"out\")); assert (r[\"gross\"], r[\"fee\"][\"amount\"], r[\"net\"]) == (\"1999999999999.98\", \"666666666666.66\", \"-666666666666.66\"), r"
'

test_expect_success 'a negative net: shown as it is, headed so' '
	at 2027-04-01
	q add --id neg-1 --client "Ned Neg" --attorney alice --manager bob
	q policy neg-1 bi --coverage bi --lor-sent
	q settle neg-1 1,000 --policy bi
	q lien neg-1 er --type hospital --asserted 900 --final 900
	docket statement neg-1 >out
	head -n 1 out >actual
	echo "WARNING: net to the client is negative" >expect
	test_cmp expect actual
	grep -qx "Net to the client                                         -233.33" out
	docket statement neg-1 --json >out
	python3 -c "import json; r = json.load(open(\"out\")); assert r[\"net\"] == \"-233.33\" and r[\"final\"] is True, r"
'

test_expect_success 'a hostile client, holder and cost: text in every form' '
	at 2027-04-01
	q add --id evil-1 --client "<script>alert(1)</script>" --title "Evil & <b>Co</b> | **x**" \
		--attorney alice --manager bob
	q policy evil-1 bi --coverage bi --carrier "<img src=x onerror=alert(2)>" --lor-sent
	q lien evil-1 x --type other --holder "[click](javascript:alert(3)) | \\\` *" --asserted 1
	q cost evil-1 1 "# heading &amp; <i>"
	q settle evil-1 100 --policy bi
	# a hand-edited file may hold a terminal escape
	sed -i "s/^what = # heading/what = \x1b[2J # heading/" cases/2027/evil-1/case.ini
	git commit -qam "by hand"
	docket statement evil-1 >out
	test_not grep -q "$(printf "\033")" out
	grep -qF "\\e[2J # heading &amp; <i>" out
	grep -qx "Settlement statement: Evil & <b>Co</b> | \*\*x\*\* (evil-1)" out
	docket statement evil-1 --json >out
	python3 -c "import json; r = json.load(open(\"out\")); assert r[\"client\"] == \"<script>alert(1)</script>\" and r[\"costs\"][0][\"what\"] == \"\x1b[2J # heading &amp; <i>\", r"
	docket statement evil-1 --md >out
	grep -qxF "# Settlement statement: Evil \\& \\<b\\>Co\\</b\\> \\| \\*\\*x\\*\\* \\(evil-1\\)" out
	python3 - <<-\EOF
	import ctypes, ctypes.util
	lib = ctypes.CDLL(ctypes.util.find_library("cmark") or "libcmark.so.0.30.2")
	lib.cmark_markdown_to_html.restype = ctypes.c_void_p
	md = open("out", "rb").read()
	UNSAFE = 1 << 17
	html = ctypes.string_at(lib.cmark_markdown_to_html(md, len(md), UNSAFE)).decode()
	for bad in ("<script", "<img", "<b>", "<i>", "<h1>#", "<a ", "<em>", "<strong>x"):
	    assert bad not in html, (bad, html)
	assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, html
	# no value broke the table: every row has its three cells
	import re
	rows = [l for l in md.decode().splitlines() if l.startswith("|")]
	assert len(rows) == 16, rows
	for l in rows:
	    assert len(re.split(r"(?<!\\)\|", l)) == 5, l
	EOF
	docket statement evil-1 --html "$TRASH/page.html"
	html_inert "$TRASH/page.html"
	test_not grep -qi "<script\|<img\|<i>\|<b>" "$TRASH/page.html"
	grep -q "&lt;script&gt;alert(1)&lt;/script&gt;" "$TRASH/page.html"
	grep -q "&lt;img src=x onerror=alert(2)&gt; (bi)" "$TRASH/page.html"
	grep -qF "[click](javascript:alert(3)) | \\\` *: asserted" "$TRASH/page.html"
	grep -q "$(printf "\357\277\275")\[2J # heading &amp;amp; &lt;i&gt;" "$TRASH/page.html"
'

test_expect_success 'html: one page to a file, whole, the owner'"'"'s only; or standard output' '
	docket statement smith-7k2p --html "$TRASH/page.html" >out 2>err
	test ! -s out
	test ! -s err
	test "$(stat -c %a "$TRASH/page.html")" = 600
	head -n 1 "$TRASH/page.html" >actual
	echo "<!DOCTYPE html>" >expect
	test_cmp expect actual
	html_inert "$TRASH/page.html"
	grep -q "<title>Settlement statement: Smith v. Acme Freight (smith-7k2p)</title>" "$TRASH/page.html"
	grep -q "<p class=\"firm\">Example Injury Law</p>" "$TRASH/page.html"
	grep -q "<div class=\"line\">Client: John Smith</div>" "$TRASH/page.html"
	grep -q "<div class=\"line\">Attorney: Alice Chen</div>" "$TRASH/page.html"
	grep -q "<td class=\"amount\">48,541.67</td>" "$TRASH/page.html"
	docket statement smith-7k2p --html - >out
	test_cmp "$TRASH/page.html" out
	ls "$TRASH" >before
	test_must_fail docket statement smith-7k2p --html "$TRASH/no/such/page.html" 2>err
	grep -q "^docket: cannot write $TRASH/no/such/page.html" err
	ls "$TRASH" >after
	test_cmp before after
	test_repo_clean
'

test_expect_success 'usage errors (exit 2)' '
	test_refused --code=2 docket statement
	test_refused --code=2 docket statement smith-7k2p --json --md
	grep -q "go one at a time" "$TRASH/err"
	test_refused --code=2 docket statement smith-7k2p --html ""
	test_refused --code=2 docket statement smith-7k2p jones-1
'

test_done
