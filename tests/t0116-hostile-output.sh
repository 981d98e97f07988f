#!/bin/sh
# Hostile text in human output: control characters of a value (a note's
# file name, a hand-edited case.ini, a commit's summary and author) are
# written visibly (\n \r \t \e \xNN \uNNNN, docket(1)), never raw, so
# they can neither forge a line nor reach the terminal as an escape.
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
docket add --id a1 --client "Ann One" --attorney alice --incident 2026-10-01 >/dev/null
docket escalate a1 --reason medical -m "check the arm" >/dev/null
docket due a1 2026-11-25 "Call the adjuster" --who carol >/dev/null

ESC=$(printf "\033")
# no_raw FILE...: no C0 control but newline, no DEL and no C1 control in
# the files
no_raw() {
	for f in "$@"; do
		test "$(LC_ALL=C tr -d "\n\040-\176\200-\377" <"$f" | wc -c)" = 0
		test "$(LC_ALL=C grep -c "$(printf "\302[\200-\237]")" "$f")" = 0
		test "$(grep -c "$ESC" "$f")" = 0
	done
}

test_expect_success 'a hostile repository, made with plain git' '
	printf "hi\n" >"cases/2026/a1/notes/$(printf "20261122T130000Z-call-bob\n\033[2Jforged.md")"
	python3 - cases/2026/a1/case.ini <<-\PY
	import sys
	p = sys.argv[1]
	s = open(p).read()
	s = s.replace("client = Ann One", "client = Evil\x1b[2JCorp\u0085x\n  - forged | item")
	s = s.replace("what = Call the adjuster", "what = Call \x1b]0;title\x07 now\tthen")
	s = s.replace("what = check the arm", "what = check\u202eevil")
	s = s.replace("who = carol", "who = ca\x7frol")
	open(p, "w").write(s)
	PY
	git add -A
	GIT_AUTHOR_DATE="2026-11-22T14:00:00Z" GIT_COMMITTER_DATE="2026-11-22T14:00:00Z" \
		git -c user.name="$(printf "Mal\033[31mory")" commit -qm "$(printf "edit\033[2J by hand")"
	test "$(git log -1 --format=%an | grep -c "$ESC")" = 1
'

test_expect_success 'log: note file names, summaries and authors escaped' '
	docket log a1 >../out 2>../err
	no_raw ../out ../err
	sed -n "1,6p" ../out | sed "s/  [0-9a-f]\{8\}$//" >../got
	cat >../expect <<-\EOF
	2026-11-22 14:00  Mal\e[31mory  edit\e[2J by hand
	    + notes/20261122T130000Z-call-bob\n\e[2Jforged.md
	    ~ case.client: Ann One -> Evil\e[2JCorp\u0085x\n- forged | item
	    ~ escalation.1.what: check the arm -> check\u202eevil
	    ~ due.call-adjuster.what: Call the adjuster -> Call \e]0;title\x07 now\tthen
	    ~ due.call-adjuster.who: carol -> ca\x7frol
	EOF
	test_cmp ../expect ../got
'

test_expect_success 'show: every value escaped' '
	docket show a1 >../out 2>../err
	no_raw ../out ../err
	grep -qxF "  client     Evil\e[2JCorp\u0085x\n- forged | item" ../out
	grep -qxF "  2026-11-25  in 3 days       call-adjuster        ca\x7frol Call \e]0;title\x07 now\tthen" ../out
	grep -qxF "  #1 medical to alice by bob, opened 2026-11-22: check\u202eevil" ../out
'

test_expect_success 'list, due, escalate: escaped' '
	docket list >../out 2>../err
	no_raw ../out ../err
	docket due >../out 2>../err
	no_raw ../out ../err
	grep -qxF "2026-11-25  in 3 days       a1               call-adjuster        ca\x7frol Call \e]0;title\x07 now\tthen" ../out
	docket escalate >../out 2>../err
	no_raw ../out ../err
	grep -qF " check\u202eevil" ../out
'

test_expect_success 'report: text and Markdown escaped; a newline never starts a Markdown line' '
	docket report >../out 2>../err
	no_raw ../out ../err
	grep -qxF "      Call \e]0;title\x07 now\tthen" ../out
	grep -qxF "      check\u202eevil" ../out
	docket report --md >../out 2>../err
	no_raw ../out ../err
	grep -qxF -- "- **a1** (Evil\\\\e\\[2JCorp\\\\u0085x\\\\n- forged \\| item): medical, to alice, open 0 days: check\\\\u202eevil" ../out
	test "$(grep -c "^- forged" ../out)" = 0
'

test_expect_success 'json: every control character escaped, and valid' '
	docket report --json >../out
	no_raw ../out
	python3 -c "import json, sys; r = json.load(open(sys.argv[1])); assert r[\"due_soon\"][0][\"what\"] == \"Call \x1b]0;title\x07 now\tthen\", r" ../out
	docket show a1 --json >../out
	no_raw ../out
	grep -qF "check\\u202eevil" ../out
	grep -qF "\"client\": \"Evil\\u001b[2JCorp\\u0085x\\n- forged | item\"" ../out
'

test_expect_success 'error messages: a hostile value or name is escaped on stderr' '
	docket add --id b2 --client "Ben Two" >/dev/null
	sed -i "s/^stage = intake$/stage = in\x1b[2Jtake/" cases/2026/b2/case.ini
	git commit -qam "a hostile stage"
	test_must_fail docket list >../out 2>../err
	no_raw ../out ../err
	grep -qxF "docket: cases/2026/b2/case.ini:8: stage: '"'"'in\e[2Jtake'"'"' is not a stage of the pipeline (intake, treatment, records, demand, negotiation, litigation, settlement, closed)" ../err
	test_must_fail --code=2 docket "$(printf "li\033[2Jst\nx")" 2>../err
	no_raw ../err
	grep -qxF "docket: '"'"'li\e[2Jst\nx'"'"' is not a docket command" ../err
	test_refused docket set a1 "client.name=$(printf "a\033b")"
	no_raw ../err
	test "$(cat ../err)" = "docket: client.name: control character U+001B is not allowed"
'

test_expect_success 'accents and CJK stay as they are' '
	docket add --id c3 --client "José Müller 山田" >/dev/null
	docket show c3 >../out
	grep -qxF "  client     José Müller 山田" ../out
'

test_done
