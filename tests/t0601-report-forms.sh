#!/bin/sh
# report in text, Markdown and HTML; escaping; the page in a real browser
. "$(dirname "$0")/lib.sh"

at() { DOCKET_NOW=$1; export DOCKET_NOW; }
d() { docket -C firm "$@" >/dev/null; }

test_expect_success 'a small firm' '
	at 2026-10-01
	make_firm
	d add --id smith-1 --client "John Smith" --incident 2026-09-20 --attorney alice --manager bob
	d add --id doe-2 --client "Jane Doe" --incident 2026-09-25 --attorney alice --manager carol
	at 2026-11-01; d advance-stage doe-2 closed
	at 2026-11-20; d note smith-1 --kind internal -m "Client mentions numbness"
	at 2026-11-22
	d due smith-1 2026-11-20 "Call the adjuster about the property damage estimate and the rental car before Friday" --name adjuster
	d due smith-1 2026-11-24 "Records request" --name records
	d escalate smith-1 --reason coverage -m "Carrier disputes liability"
'

test_expect_success 'text: exceptions first, within 80 columns' '
	cat >expect <<-\EOF &&
	Example Injury Law: report as of 2026-11-22
	1 open case, 1 closed

	Overdue deadlines (1)
	  2026-11-20  2 days late    smith-1          adjuster             bob
	      Call the adjuster about the property damage estimate and the rental car
	      before Friday

	Due in the next 7 days (1)
	  2026-11-24  in 2 days      smith-1          records              bob
	      Records request

	Open escalations (1)
	  smith-1          coverage      open 0 days    to alice
	      Carrier disputes liability

	Stuck in a stage (1)
	  smith-1          intake        52 days (limit 14)

	Clients not contacted in 30 days (1)
	  smith-1          never contacted; opened 52 days ago

	Pipeline              open  over limit
	  intake                 1      1  (limit 14 days)
	  treatment              0      0  (limit 180 days)
	  records                0      0  (limit 30 days)
	  demand                 0      0  (limit 3 days)
	  negotiation            0      0  (limit 60 days)
	  litigation             0      0  (limit 365 days)
	  settlement             0      0  (limit 30 days)

	Client contact in the last 30 days: 0 of 1 open cases
	  0%, target 80% (below target)

	Demand turnaround, records complete to the first demand:
	  no demand sent after records complete yet

	Caseload (open cases)
	  alice            attorney      1 of 100
	  bob              manager       1 of 150
	  carol            manager       0 of 150

	Resolution: 1 closed case, from opened to closed
	  31 days on average, median 31

	Client inquiries of the last 30 days: 0 open
	  none answered

	Milestones, stage stays ended in the last 365 days: 0 of 1 on time (0%)

	Velocity, median days in a stage:
	  intake                 31 days  (1 stay)
	EOF
	docket -C firm report >actual &&
	test_cmp expect actual
'

# every line of a file fits in 80 columns
fits_80() {
	python3 -c "
import sys
for n, l in enumerate(open(sys.argv[1], encoding=\"utf-8\"), 1):
    if len(l.rstrip(\"\\n\")) > 80:
        sys.exit(\"line %d is %d columns\" % (n, len(l) - 1))
" "$1"
}

test_expect_success 'text: long names and IDs still fit' '
	at 2026-11-22
	d add --id a-very-long-case-id-from-the-firms-own-numbering-2026-0001 \
		--client "Maximilian Alexander Featherstonehaugh-Montgomery" \
		--attorney alice --manager bob
	d due a-very-long 2026-11-23 "Ünïcödé text that goes on and on and on and on and on and on and on and on and on" \
		--name a-very-long-deadline-name-indeed
	docket -C firm report >out &&
	fits_80 out &&
	grep -q "^  a-very-long-case-id-from-the-firms-own-numbering-2026-0001 opened 0 days ago$" out &&
	grep -q "^      Ünïcödé text that goes on and on and on and on and on and on and on and$" out &&
	grep -q "^      on and on$" out &&
	grep -q "^      a-very-long-deadline-name-indeed bob$" out
'

test_expect_success 'text: colour only on a terminal, never with NO_COLOR' '
	docket -C firm report >plain &&
	test_must_fail grep -q "$(printf "\033")" plain &&
	script -qec "docket -C firm report" /dev/null >tty &&
	grep -q "$(printf "\033")\[31m" tty &&
	NO_COLOR=1 script -qec "docket -C firm report" /dev/null >nocolor &&
	test_must_fail grep -q "$(printf "\033")\[[0-9;]*m" nocolor
'

test_expect_success 'md: a level-1 heading, then the lists' '
	docket -C firm report --md >out.md &&
	head -n 1 out.md >first &&
	echo "# Example Injury Law: report as of 2026-11-22" >expect &&
	test_cmp expect first &&
	grep -q "^## Overdue deadlines (1)$" out.md &&
	grep -q "^- \*\*smith-1\*\* (John Smith): Call the adjuster about the property damage estimate and the rental car before Friday (\`adjuster\`), due 2026-11-20, 2 days late, bob$" out.md &&
	grep -q "^## Pipeline$" out.md &&
	grep -q "^- intake: 2 open, 1 over the limit of 14 days$" out.md &&
	grep -q "^0 of 1 open cases contacted in the last 30 days: \*\*0%\*\* (target 80%, below target)\.$" out.md &&
	grep -q "^1 more awaiting first contact\.$" out.md &&
	grep -q "^## Awaiting first contact (1)$" out.md
'

test_expect_success 'a hostile client, deadline and note' '
	at 2026-11-22
	d add --id evil-1 --client "<script>alert(1)</script>" \
		--title "Evil & <b>Co</b>" --attorney alice --manager bob
	d due evil-1 2026-11-21 "<script>alert(5)</script> & [x](javascript:alert(6))" --name x
	cat >note.md <<-\EOF &&
	Inline: <img src=x onerror=alert(2)> and <script>document.body.setAttribute("data-pwned", "1")</script>

	<div onclick="alert(3)">block html</div>

	[click me](javascript:alert(4)) and [a page](https://example.com/page)

	![tracker](http://127.0.0.1:9/pixel.png)

	`code <b>` and **bold & strong**
	EOF
	d note evil-1 --kind internal -F "$TRASH/note.md" &&
	# a hand-edited file may hold a terminal escape
	printf "[due \"esc\"]\ndate = 2026-11-21\nwhat = clear \033[2J screen\nwho = bob\n" \
		>>firm/cases/2026/evil-1/case.ini &&
	git -C firm commit -qam "by hand"
'

test_expect_success 'text: no terminal escapes from the data' '
	docket -C firm report >out &&
	test_must_fail grep -q "$(printf "\033")" out &&
	grep -qF "clear \\e[2J screen" out &&
	grep -q "<script>alert(5)</script>" out
'

test_expect_success 'json: escaped' '
	docket -C firm report --json >out &&
	grep -q "\"what\": \"\\\\u003cscript\\\\u003ealert(5)" out &&
	python3 -c "import json; json.load(open(\"out\"))"
'

test_expect_success 'md: values stay text, even in a renderer that passes HTML' '
	docket -C firm report --md >out.md &&
	grep -q "^- \*\*evil-1\*\* (\\\\<script\\\\>alert\\\\(1\\\\)\\\\</script\\\\>)" out.md &&
	python3 - <<-\EOF
	import ctypes, ctypes.util
	lib = ctypes.CDLL(ctypes.util.find_library("cmark") or "libcmark.so.0.30.2")
	lib.cmark_markdown_to_html.restype = ctypes.c_void_p
	md = open("out.md", "rb").read()
	UNSAFE = 1 << 17
	p = lib.cmark_markdown_to_html(md, len(md), UNSAFE)
	html = ctypes.string_at(p).decode()
	assert "<script" not in html, html
	assert "javascript:" not in html.replace("javascript:alert(6)", ""), html
	assert "<b>" not in html, html
	assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, html
	assert "<h1>Example Injury Law: report as of 2026-11-22</h1>" in html, html
	EOF
'

test_expect_success 'html: one self-contained page, every value escaped' '
	docket -C firm report --html "$TRASH/page.html" >out 2>err
	test_must_fail test -s out
	test_must_fail test -s err
	test "$(stat -c %a page.html)" = 600
	head -n 1 page.html >first
	echo "<!DOCTYPE html>" >expect
	test_cmp expect first
	html_inert page.html
	test_must_fail grep -qi "<script\|<img\|onerror\|onclick" page.html
	grep -q "&lt;script&gt;alert(1)&lt;/script&gt;" page.html
	grep -q "Evil &amp; &lt;b&gt;Co&lt;/b&gt;" page.html
	# a due date'"'"'s text is not Markdown: its link is text
	grep -q "&lt;script&gt;alert(5)&lt;/script&gt; &amp; \[x\](javascript:alert(6)) <span" page.html
	grep -q "<a href=\"\">click me</a>" page.html
	grep -q "<a href=\"https://example.com/page\">a page</a>" page.html
	grep -q "\[image: tracker &lt;http://127.0.0.1:9/pixel.png&gt;\]" page.html
	grep -q "<code>code &lt;b&gt;</code>" page.html
	test "$(grep -c "<svg" page.html)" = 3
	for id in overdue due-soon escalations suggested stuck stale over-caseload \
		chart-funnel chart-caseload chart-contact case-evil-1 case-smith-1; do
		grep -q "id=\"$id\"" page.html || { echo "no $id"; exit 1; }
	done
'

test_expect_success 'html: a note too deep for cmark is shown as it is' '
	at 2026-11-22
	python3 -c "print(\"> \" * 40 + \"<script>deep</script>\")" >deep.md &&
	d note evil-1 --kind internal -F "$TRASH/deep.md" &&
	docket -C firm report --html "$TRASH/page.html" &&
	grep -q "<pre>&gt; &gt; &gt; " page.html &&
	test_must_fail grep -qi "<script" page.html
'

test_expect_success 'html: - is standard output; a bad path fails' '
	docket -C firm report --html - >out.html &&
	grep -q "^<!DOCTYPE html>" out.html &&
	test_must_fail docket -C firm report --html "$TRASH/no/such/page.html" 2>err &&
	grep -q "cannot write $TRASH/no/such/page.html" err &&
	test_must_fail --code=2 docket -C firm report --html "" &&
	test_repo_clean firm
'

# The page in a real browser: Debian's chromium, a check dependency
# (scripts/deps.sh): missing, these tests fail.
# browse FILE: the DOM chromium makes of FILE, once it has loaded, on stdout
browse() {
	headless_chromium --dump-dom "file://$TRASH/$1"
}

test_expect_success 'the page in a real browser: it loads, charts and lists are there' '
	docket -C firm report --html "$TRASH/page.html"
	docket -C firm report --json >report.json
	browse page.html >dom.html
	html_inert dom.html
	python3 - <<-\EOF
	import json, re
	dom = open("dom.html").read()
	r = json.load(open("report.json"))
	assert dom.count("<svg") == 3, dom.count("<svg")
	assert len(re.findall(r"<g class=\"stage\">", dom)) == len(r["stages"])
	assert len(re.findall(r"<g class=\"person\">", dom)) == len(r["caseload"])
	want = (len(r["overdue"]) + len(r["due_soon"]) + len(r["sol_watch"]) +
		len(r["notice_watch"]) + len(r["sol_manual_later"]) +
		len(r["escalations"]) +
		len(r["suggested_escalations"]) + len(r["stuck"]) +
		len(r["contact"]["stale"]) +
		len(r["contact"]["awaiting_first_contact"]) +
		len([c for c in r["caseload"] if c["over"]]))
	got = len(re.findall(r"<li>", dom))
	assert got == want, (got, want)
	assert "<script" not in dom.lower()
	# the note tried to set it: shown as text, never run
	assert "setAttribute(" in dom
	assert not re.search(r"<body[^>]*data-pwned", dom)
	assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
	assert "<title>Example Injury Law: report as of 2026-11-22</title>" in dom
	assert dom.count("class=\"note\"") >= 3
	EOF
'

test_expect_success 'the browser keeps the page'"'"'s policy: a handler slipped in does not run' '
	# as if an escape were missed: a handler and a script in the page
	sed "s|^<body>\$|<body><img src=\"x\" onerror=\"document.body.setAttribute(\&quot;data-img\&quot;, 1)\"><script>document.body.setAttribute(\"data-script\", 1)</script>|" \
		page.html >hostile.html
	test "$(grep -c "<body><img src=" hostile.html)" = 1
	browse hostile.html >dom.html
	# in the page, untouched by either
	grep -q "<body><img src=\"x\" onerror=" dom.html
	# the same page without its policy runs both: the check above can fail
	sed "/<meta http-equiv=\"Content-Security-Policy\"/d" hostile.html >open.html
	test_not grep -q "Content-Security-Policy" open.html
	browse open.html >dom.html
	grep -q "<body data-script=\"1\" data-img=\"1\">" dom.html
'

test_done
