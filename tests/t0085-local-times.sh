#!/bin/sh
# times people read are local (TZ); JSON and note file names stay UTC
. "$(dirname "$0")/lib.sh"

TZ=EST5	# UTC-5, all year
export TZ
at() { DOCKET_NOW=$1; export DOCKET_NOW; }
d() { docket -C firm "$@" >/dev/null; }

test_expect_success 'a case with notes at known UTC times' '
	at 2026-11-01T12:00:00Z
	make_firm
	d add --id a1 --client "Ann One" --attorney alice --manager bob
	at 2026-11-20T15:30:00Z
	d note a1 --kind call -m "Client reports numbness in her arm"
	at 2026-11-21T02:10:00Z
	d note a1 --kind internal -m "Looked at the file late"
	git -C firm ls-files "cases/*/a1/notes/*" >actual &&
	cat >expect <<-\EOF &&
	cases/2026/a1/notes/20261120T153000Z-call-bob.md
	cases/2026/a1/notes/20261121T021000Z-internal-bob.md
	EOF
	test_cmp expect actual
'

test_expect_success 'show and log: local time' '
	at 2026-11-22T12:00:00Z
	docket -C firm show a1 >out &&
	sed -n "/^Notes/,\$p" out >actual &&
	cat >expect <<-\EOF &&
	Notes
	  2026-11-20 10:30  call  bob
	    Client reports numbness in her arm
	  2026-11-20 21:10  internal  bob
	    Looked at the file late
	EOF
	test_cmp expect actual &&
	docket -C firm log a1 >out &&
	grep -q "^2026-11-20 21:10  Bob Diaz  note(a1): internal  " out &&
	docket -C firm show a1 --json >out &&
	python3 - <<-\EOF
	import json
	n = json.load(open("out"))["notes"]
	assert [x["time"] for x in n] == ["2026-11-20T15:30:00Z", "2026-11-21T02:10:00Z"], n
	EOF
'

test_expect_success 'report: a note is named by its kind and local time' '
	at 2026-11-22T12:00:00Z
	docket -C firm report >out &&
	sed -n "/^Suggested escalations/,/^$/p" out >actual &&
	cat >expect <<-\EOF &&
	Suggested escalations (1)
	  a1               medical       "numbness"
	      in the call note of 2026-11-20 10:30

	EOF
	test_cmp expect actual &&
	docket -C firm report --md >out &&
	grep -qx "\\- \\*\\*a1\\*\\* (Ann One): medical, \"numbness\" in the call note of 2026-11-20 10:30" out &&
	docket -C firm report --json >out &&
	python3 - <<-\EOF &&
	import json
	s = json.load(open("out"))["suggested_escalations"]
	assert s[0]["note"] == "20261120T153000Z-call-bob.md", s
	EOF
	docket -C firm report --html "$TRASH/page.html" &&
	grep -q "numbness</mark>&rdquo; in the call note of 2026-11-20 10:30</li>" page.html &&
	grep -q "<time>2026-11-20 21:10</time> &middot; internal" page.html &&
	test_must_fail grep -q "2026-11-2[01]T" page.html
'

test_expect_success 'html: the latest notes: those people wrote before stage and sync notes, newest first' '
	at 2026-11-23T12:00:00Z
	d advance-stage a1
	cat >note.md <<-\EOF
	docket merged changes made to this case in two places at once:

	- nothing, really
	EOF
	at 2026-11-23T13:00:00Z
	d note a1 -F "$TRASH/note.md"
	at 2026-11-23T14:00:00Z
	d advance-stage a1
	docket -C firm report --html "$TRASH/page.html" &&
	sed -n "/<article class=\"case\" id=\"case-a1\">/,/<\\/article>/p" page.html >case.html &&
	grep -o "<time>[^<]*</time> &middot; [a-z]*" case.html >actual &&
	cat >expect <<-\EOF &&
	<time>2026-11-23 09:00</time> &middot; stage
	<time>2026-11-20 21:10</time> &middot; internal
	<time>2026-11-20 10:30</time> &middot; call
	EOF
	test_cmp expect actual
'

test_expect_success 'html: an empty list is one line' '
	docket -C firm report --html "$TRASH/page.html" &&
	grep -x "<section class=\"empty\" id=\"overdue\"><h2>Overdue deadlines: <span class=\"muted\">none</span></h2></section>" page.html
'

test_done
