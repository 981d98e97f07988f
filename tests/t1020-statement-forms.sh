#!/bin/sh
# The four forms of the statement agree line by line: every figure read
# back from the text, the Markdown table, the HTML page (by python's HTML
# parser) and the JSON, for cases that exercise the arithmetic (1/3 of
# amounts that do not divide, a net basis, several recoveries, many costs,
# a draft, a negative net, amounts near the limit); and the JSON's figures
# recomputed from its own lines with python's exact fractions.
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
at() { DOCKET_NOW=$1; export DOCKET_NOW; }
q() { docket "$@" >/dev/null; }

cat >"$TRASH/forms.py" <<\PY
# forms.py ID: the statement of case ID in four forms, compared
import json, re, subprocess, sys
from fractions import Fraction
from html.parser import HTMLParser

case = sys.argv[1]
def run(*args):
    return subprocess.run(["docket", "statement", case] + list(args),
                          check=True, capture_output=True,
                          text=True).stdout

AMOUNT = r"-?\d{1,3}(?:,\d{3})*\.\d\d"
def cents(s):
    return int(s.replace(",", "").replace(".", ""))
def norm(s):
    # the label of a row, whatever the form: words, no colons
    return " ".join(s.replace(":", " ").split())

# text: the lines after the client's line; an amount ends a line
text = run().splitlines()
start = next(i for i, l in enumerate(text) if l.startswith("Client: ")) + 1
t_rows = []
for l in text[start:]:
    m = re.match(r"^(.*?)\s+(" + AMOUNT + r")$", l)
    t_rows.append((norm(m.group(1)), cents(m.group(2))) if m else (norm(l), None))

# Markdown: the table's rows, its cells unescaped
md = run("--md").splitlines()
m_rows = []
for l in md:
    if not l.startswith("| ") or l.startswith("| Item ") or l.startswith("| :---"):
        continue
    cells = [re.sub(r"\\(.)", r"\1", c.strip()).replace("**", "")
             for c in re.split(r"(?<!\\)\|", l)[1:-1]]
    assert len(cells) == 3, l
    m_rows.append((norm(cells[0] + " " + cells[1]),
                   cents(cells[2]) if cells[2] else None))

# HTML: each <tr>, its text and its amount cell
class Rows(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows, self.cell, self.amount = [], None, False
    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append(["", ""])
        elif tag == "td":
            self.amount = ("class", "amount") in attrs
            self.cell = 1 if self.amount else 0
    def handle_endtag(self, tag):
        if tag == "td":
            self.cell = None
    def handle_data(self, data):
        if self.cell is not None:
            self.rows[-1][self.cell] += data
p = Rows()
p.feed(run("--html", "-"))
h_rows = [(norm(a), cents(b.strip()) if b.strip() else None) for a, b in p.rows]

# JSON: the figures in the statement's order, deductions shown negative
j = json.loads(run("--json"))
c = lambda s: cents(s)
j_figs = ([c(x["amount"]) for x in j["recoveries"]] + [c(j["gross"]),
          -c(j["fee"]["amount"])] +
          [-c(x["amount"]) for x in j["costs"]] + [-c(j["costs_total"])] +
          [-c(x["amount"]) for x in j["liens"]] + [-c(j["liens_total"])] +
          [-c(x["amount"]) for x in j["medical"]] + [-c(j["medical_total"]),
          c(j["net"])])

assert t_rows == m_rows, ("text and md differ", t_rows, m_rows)
assert t_rows == h_rows, ("text and html differ", t_rows, h_rows)
figs = [a for _, a in t_rows if a is not None]
assert figs == j_figs, ("text and json differ", figs, j_figs)

# the JSON's lines make its totals, exactly
def rate(s):
    if s.endswith("%"):
        parts = s[:-1].split(" ")
        r = Fraction(parts[0]) + (Fraction(parts[1]) if len(parts) > 1 else 0)
        return r / 100
    return Fraction(s)
gross = sum(c(x["amount"]) for x in j["recoveries"])
costs = sum(c(x["amount"]) for x in j["costs"])
liens = sum(c(x["amount"]) for x in j["liens"])
med = sum(c(x["amount"]) for x in j["medical"])
base = gross - costs if j["fee"]["basis"] == "net" else gross
exact = rate(j["fee"]["rate"]) * max(base, 0)
fee = int(exact) + (1 if exact - int(exact) >= Fraction(1, 2) else 0)
assert (c(j["gross"]), c(j["costs_total"]), c(j["liens_total"]),
        c(j["medical_total"])) == (gross, costs, liens, med), j
assert c(j["fee"]["amount"]) == fee, (j["fee"], fee)
assert c(j["net"]) == gross - fee - costs - liens - med, j
for l in j["liens"]:
    want = l["final"] or l["asserted"] or "0.00"
    assert l["amount"] == want, l
assert j["final"] == all(l["final"] is not None for l in j["liens"]), j
draft = [l for l in text if l.startswith("DRAFT: ")]
pending = [l["name"] for l in j["liens"] if l["final"] is None]
assert draft == (["DRAFT: liens not final (%s)" % ", ".join(pending)]
                 if pending else []), (draft, pending)
assert ("WARNING: net to the client is negative" in text) == (c(j["net"]) < 0)
print(case, len(t_rows), "rows", len(figs), "figures agree")
PY

forms() {
	python3 "$TRASH/forms.py" "$1"
}

at 2026-11-20
q add --id smith-7k2p --client "John Smith" --title "Smith v. Acme Freight" \
	--attorney alice --manager bob
q policy smith-7k2p bi-acme --coverage bi --carrier "Great Plains Mutual" --lor-sent
q cost smith-7k2p 25 "Police report"
q lien smith-7k2p medicare --type medicare --holder "Medicare (BCRC)" --asserted 8200 --final 6100
q provider smith-7k2p "Mercy Hospital" --owed 2000
at 2027-03-01
q settle smith-7k2p 85000 --policy bi-acme

test_expect_success 'the spec'"'"'s case' '
	forms smith-7k2p
'

test_expect_success '1/3 of amounts that do not divide, several recoveries' '
	at 2027-03-01
	q add --id thirds-1 --client "Tia Thirds" --attorney alice --manager bob
	for p in bi um medpay pip; do
		q policy thirds-1 $p --coverage $p --lor-sent
	done
	q settle thirds-1 100.00 --policy bi
	q settle thirds-1 0.01 --policy um
	q settle thirds-1 0.01 --policy medpay
	q settle thirds-1 333.35 --policy pip
	q cost thirds-1 0.01 "A stamp"
	forms thirds-1
	test "$(docket statement thirds-1 --json | python3 -c "import json, sys; print(json.load(sys.stdin)[\"fee\"][\"amount\"])")" = 144.46
'

test_expect_success 'a draft with many costs and a lien of no amount yet' '
	at 2027-03-01
	q add --id many-1 --client "Moe Many" --attorney alice --manager bob
	q policy many-1 bi --coverage bi --lor-sent
	q settle many-1 12,345.67 --policy bi
	i=1
	while [ $i -le 25 ]; do
		q cost many-1 "$i.$((i * 7 % 100))" "Cost $i" --date 2027-02-$(printf %02d $(( i % 28 + 1 )))
		i=$((i + 1))
	done
	q lien many-1 bcbs --type health --holder "Blue Cross" --asserted 2,000.01
	q lien many-1 er --type hospital
	q provider many-1 "Dr Ames" --owed 333.33
	q provider many-1 "Valley PT" --owed 0
	forms many-1
	docket statement many-1 | grep -qx "DRAFT: liens not final (bcbs, er)"
'

test_expect_success 'a net basis and a negative net' '
	sed -i "s/^basis = gross$/basis = net/" docket.ini
	git commit -qam "fees: net"
	at 2027-03-01
	q add --id neg-1 --client "Ned Neg" --attorney alice --manager bob
	q policy neg-1 bi --coverage bi --lor-sent
	q settle neg-1 1,000.00 --policy bi
	q cost neg-1 100.01 "Filing fee"
	q lien neg-1 er --type hospital --asserted 950 --final 900.99
	forms neg-1
	forms smith-7k2p
	forms thirds-1
	q cost neg-1 5,000 "Expert"
	forms neg-1
	docket statement neg-1 | grep -qx "Attorney fee: 1/3 of the recovery less costs (-4,100.01): no fee  0.00"
'

test_expect_success 'amounts near the limit' '
	sed -i "s/^basis = net$/basis = gross/; s/^default = 1\/3$/default = 33 1\/3%/" docket.ini
	git commit -qam "fees: 33 1/3%, gross"
	at 2027-03-01
	q add --id big-1 --client "Bea Big" --attorney alice --manager bob
	q policy big-1 bi --coverage bi --lor-sent
	q policy big-1 umbrella --coverage umbrella --lor-sent
	q settle big-1 999999999999.99 --policy bi
	q settle big-1 999999999999.98 --policy umbrella
	q cost big-1 0.01 "Copies"
	q lien big-1 medicare --type medicare --asserted 999999999999.99
	forms big-1
'

test_expect_success 'exactly half a cent goes up' '
	sed -i "s/^litigation = 40%$/litigation = 12.5%/" docket.ini
	git commit -qam "fees: 12.5% in litigation"
	at 2027-03-01
	q add --id half-1 --client "Hal Half" --attorney alice --manager bob
	q advance-stage half-1 litigation
	q policy half-1 bi --coverage bi --lor-sent
	q settle half-1 0.12 --policy bi
	forms half-1
	docket statement half-1 | grep -qx "Attorney fee: 12.5% of the gross recovery                   -0.02"
'

test_done
