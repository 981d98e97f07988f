#!/bin/sh
# The statement's page in a real browser (Debian's chromium, a check
# dependency): it loads with nothing fetched from the network, even with
# values built to fetch, its rows are there as the text form has them, and
# it prints on one page of US letter for a simple case (a long one on
# more, so the count can tell).
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
at() { DOCKET_NOW=$1; export DOCKET_NOW; }
q() { docket "$@" >/dev/null; }

# pages FILE.pdf: the number of pages of a PDF chromium printed
pages() {
	python3 - "$1" <<-\PY
	import re, sys
	pdf = open(sys.argv[1], "rb").read()
	assert pdf.startswith(b"%PDF-"), pdf[:16]
	n = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
	counts = [int(x) for x in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)] + \
	         [int(x) for x in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf)]
	assert counts and max(counts) == n, (n, counts)
	print(n)
	PY
}

print_pdf() {
	headless_chromium --no-pdf-header-footer --print-to-pdf="$TRASH/$2" \
		"file://$TRASH/$1" &&
	test -s "$TRASH/$2"
}

# a server on localhost that counts what it is asked for
python3 - >"$TRASH/port" 2>/dev/null <<\PY &
import http.server, socket, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        open("hits", "a").write(self.path + "\n")
        self.send_response(200)
        self.end_headers()
    def log_message(self, *a):
        pass
s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
sys.stdout.close()
s.serve_forever()
PY
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$TRASH"' EXIT
i=0
while [ ! -s "$TRASH/port" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
port=$(cat "$TRASH/port")
url="http://127.0.0.1:$port"

at 2026-11-20
q add --id smith-7k2p --client "John Smith" --title "Smith v. Acme Freight" \
	--attorney alice --manager bob
q policy smith-7k2p bi-acme --coverage bi --carrier "Great Plains Mutual" --lor-sent
q cost smith-7k2p 25 "Police report"
q lien smith-7k2p medicare --type medicare --holder "Medicare (BCRC)" --asserted 8200
q provider smith-7k2p "Mercy Hospital" --owed 2000
at 2027-03-01
q settle smith-7k2p 85000 --policy bi-acme

test_expect_success 'the server counts what it is asked (the check below can fail)' '
	test -n "$port"
	python3 -c "import urllib.request; urllib.request.urlopen(\"$url/probe\")"
	test "$(cat hits)" = /probe
	rm hits
'

test_expect_success 'the page loads, nothing fetched; its rows are the text form'"'"'s' '
	docket statement smith-7k2p --html "$TRASH/page.html"
	headless_chromium --dump-dom "file://$TRASH/page.html" >"$TRASH/dom.html"
	html_inert "$TRASH/dom.html"
	test ! -e hits
	docket statement smith-7k2p >text
	python3 - "$TRASH/dom.html" <<-\EOF
	import re, sys
	dom = open(sys.argv[1]).read()
	text = open("text").read().splitlines()
	rows = re.findall(r"<tr class=\"(\w+)\"><td>(.*?)</td><td class=\"amount\">(.*?)</td></tr>", dom)
	start = next(i for i, l in enumerate(text) if l.startswith("Client: ")) + 1
	assert len(rows) == len(text) - start, (rows, text)
	for (kind, label, amount), line in zip(rows, text[start:]):
	    label = re.sub(r"<[^>]*>", "", label).replace("&amp;", "&")
	    assert line.split() == (label + " " + amount).split(), (line, label, amount)
	assert "<title>Settlement statement: Smith v. Acme Freight (smith-7k2p)</title>" in dom
	assert text[0] == "DRAFT: liens not final (medicare)"
	assert "<p class=\"warn\">DRAFT: liens not final (medicare)</p>" in dom
	assert "<script" not in dom.lower()
	EOF
'

test_expect_success 'values built to fetch fetch nothing; the same page unescaped would' '
	at 2027-03-01
	q add --id evil-1 --client "<img src=\"$url/client.png\">" --attorney alice --manager bob
	q policy evil-1 bi --coverage bi --carrier "<link rel=stylesheet href=\"$url/style.css\">" --lor-sent
	q cost evil-1 1 "<style>body{background:url($url/bg.png)}</style>"
	q lien evil-1 x --type other --holder "<iframe src=\"$url/frame\"></iframe>" --asserted 1
	q settle evil-1 100 --policy bi
	docket statement evil-1 --html "$TRASH/evil.html"
	html_inert "$TRASH/evil.html"
	headless_chromium --dump-dom "file://$TRASH/evil.html" >"$TRASH/dom.html"
	html_inert "$TRASH/dom.html"
	test ! -e hits
	# the escaping undone and the policy taken out: the browser fetches
	sed -e "s/&lt;/</g; s/&gt;/>/g; s/&quot;/\"/g" \
		-e "/Content-Security-Policy/d" "$TRASH/evil.html" >"$TRASH/open.html"
	headless_chromium --dump-dom "file://$TRASH/open.html" >/dev/null
	test -s hits
	grep -qx "/client.png" hits
'

test_expect_success 'a simple case prints on one page' '
	docket statement smith-7k2p --html "$TRASH/page.html"
	print_pdf page.html page.pdf
	test "$(pages "$TRASH/page.pdf")" = 1
'

test_expect_success 'a long statement prints on more (the count can tell)' '
	at 2027-03-01
	i=1
	while [ $i -le 60 ]; do
		q cost smith-7k2p "$i" "Deposition transcript, volume $i"
		i=$((i + 1))
	done
	docket statement smith-7k2p --html "$TRASH/long.html"
	print_pdf long.html long.pdf
	test "$(pages "$TRASH/long.pdf")" -ge 2
'

test_done
