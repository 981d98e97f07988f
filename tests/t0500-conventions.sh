#!/bin/sh
# The conventions of every command, for every command the binary knows
# (so commands added later are held to them too): --help, usage errors
# and their exit codes, "did you mean", --version, -C, --json, colour
# only on a terminal, progress only on a terminal.
. "$(dirname "$0")/lib.sh"

make_firm firm >/dev/null
(cd firm &&
	docket add --id smith-7k2p --client "John Smith" --incident 2026-10-03 \
		--attorney alice --manager bob >/dev/null &&
	docket due smith-7k2p +3d "Send records request" --name records >/dev/null &&
	docket note smith-7k2p --kind call -m "Client called" >/dev/null &&
	docket escalate smith-7k2p --reason medical -m "Numbness" >/dev/null &&
	docket policy smith-7k2p bi-acme --coverage bi --lor-sent >/dev/null &&
	docket settle smith-7k2p 25000 --policy bi-acme >/dev/null)
docket __complete commands | cut -f1 >commands

test_expect_success 'the binary lists its commands' '
	test "$(wc -l <commands)" -ge 12
	for c in init add note advance-stage due escalate set edit list show log check; do
		grep -qx "$c" commands
	done
	test_not grep -q "^__" commands
'

test_expect_success 'every command answers --help and -h on stdout, exit 0, outside a firm' '
	mkdir -p nofirm
	for c in $(cat commands); do
		(cd nofirm && docket "$c" --help >../out 2>../err) ||
			{ echo "$c --help failed"; exit 1; }
		test ! -s err || { echo "$c --help wrote to stderr"; cat err; exit 1; }
		head -n1 out | grep -q "^usage: docket $c\\b" ||
			{ echo "$c --help:"; cat out; exit 1; }
		(cd nofirm && docket "$c" -h >../out2)
		test_cmp out out2
		docket help "$c" >out3
		test_cmp out out3
	done
'

test_expect_success 'docket --help lists every command, on stdout' '
	docket --help >out 2>err
	test ! -s err
	for c in $(cat commands); do grep -q "^  $c " out; done
	docket -h >out2
	test_cmp out out2
	docket help >out3
	test_cmp out out3
'

test_expect_success 'an unknown option of any command is a usage error (2)' '
	for c in $(cat commands); do
		(cd firm && test_must_fail --code=2 docket "$c" --no-such-option \
			>../out 2>../err) || { echo "$c"; exit 1; }
		test ! -s out
		grep -q "^docket $c: unknown option .--no-such-option." err
		grep -q "^usage: docket $c" err
	done
'

test_expect_success 'a mistyped option: usage error with the closest one' '
	(cd firm && test_must_fail --code=2 docket list --jsn) 2>err
	grep -q "unknown option .--jsn.; did you mean .--json.?" err
	(cd firm && test_must_fail --code=2 docket due --withn 3) 2>err
	grep -q "did you mean .--within.?" err
	(cd firm && test_must_fail --code=2 docket note smith-7k2p --kidn call -m x) 2>err
	grep -q "did you mean .--kind.?" err
	(cd firm && test_must_fail --code=2 docket list -x) 2>err
	grep -q "unknown option .-x." err
	(cd firm && test_must_fail --code=2 docket list --stage) 2>err
	grep -q "option .--stage. needs a value" err
	test_repo_clean firm
'

test_expect_success 'an unknown command: usage error with the closest command' '
	test_must_fail --code=2 docket lst >out 2>err
	test ! -s out
	cat >expect <<-\EOT
	docket: '"'"'lst'"'"' is not a docket command; did you mean '"'"'list'"'"'?
	(see '"'"'docket --help'"'"')
	EOT
	test_cmp expect err
	test_must_fail --code=2 docket advance 2>err
	grep -q "did you mean .advance-stage.?" err
	test_must_fail --code=2 docket shwo 2>err
	grep -q "did you mean .show.?" err
	test_must_fail --code=2 docket frobnicate 2>err
	test_not grep -q "did you mean" err
	test_must_fail --code=2 docket help lst 2>err
	grep -q "did you mean .list.?" err
'

test_expect_success 'global options: --version, unknown ones, none at all' '
	docket --version >out 2>err
	test ! -s err
	grep -qx "docket [0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*" out
	test_must_fail --code=2 docket --verison 2>err
	grep -q "unknown option .--verison.; did you mean .--version.?" err
	test_must_fail --code=2 docket -x 2>err
	grep -q "^usage: docket" err
	test_must_fail --code=2 docket >out 2>err
	test ! -s out
	grep -q "^usage: docket" err
'

test_expect_success '-C DIR runs as if started in DIR, like git' '
	(cd firm && docket list) >expect
	docket -C firm list >actual
	test_cmp expect actual
	docket -Cfirm list >actual
	test_cmp expect actual
	docket -C firm -C cases list >actual
	test_cmp expect actual
	(cd nofirm && docket -C ../firm show smith) >actual
	(cd firm && docket show smith-7k2p) >expect
	test_cmp expect actual
	test_must_fail docket -C no-such-dir list 2>err
	grep -q "^docket: cannot change to .no-such-dir." err
	test_must_fail --code=2 docket -C 2>err
	grep -q "^docket: -C needs a directory" err
'

test_expect_success '-C applies to what a command writes' '
	docket -C firm note smith-7k2p -m "From afar" >out
	grep -q "^cases/2026/smith-7k2p/notes/.*-internal-bob.md$" out
	test "$(git -C firm log -1 --format=%s)" = "note(smith-7k2p): internal"
	test_repo_clean firm
'

test_expect_success '--json on every command that offers it is valid JSON' '
	for c in $(cat commands); do
		docket __complete options "$c" | cut -f1 | grep -qx -- --json || continue
		echo "$c" >>json-commands
		if ! docket -C firm "$c" --json >out 2>err; then
			# a command that needs a case
			docket -C firm "$c" smith-7k2p --json >out
		fi
		python3 -m json.tool out >/dev/null || { echo "$c --json:"; cat out; exit 1; }
	done
	for c in list show due escalate; do grep -qx "$c" json-commands; done
	if grep -qx report commands; then grep -qx report json-commands; fi
'

# script(1) gives the command a pseudo-terminal; it writes CRLF
on_tty() {
	script -qfec "$*" /dev/null | tr -d '\r'
}
esc=$(printf '\033')

test_expect_success 'colour on a terminal' '
	(cd firm && TERM=xterm on_tty docket show smith-7k2p) >out
	grep -q "$esc\[1msmith-7k2p$esc\[0m" out
	(cd firm && TERM=xterm on_tty docket due) >out
	grep -q "$esc\[33min 3 days" out
	(cd firm && NO_COLOR= TERM=xterm on_tty docket list) >out
	grep -q "$esc\[" out
'

test_expect_success 'no colour through a pipe, with NO_COLOR, or on a dumb terminal' '
	(cd firm && TERM=xterm docket show smith-7k2p) >out
	test_not grep -q "$esc" out
	grep -q "^smith-7k2p  John Smith$" out
	(cd firm && NO_COLOR=1 TERM=xterm on_tty docket show smith-7k2p) >out
	test_not grep -q "$esc" out
	grep -q "^smith-7k2p  John Smith$" out
	(cd firm && TERM=dumb on_tty docket due) >out
	test_not grep -q "$esc" out
	grep -q "in 3 days" out
'

test_expect_success 'machine output has no colour even on a terminal' '
	(cd firm && TERM=xterm on_tty docket list --json) >out
	test_not grep -q "$esc" out
	(cd firm && TERM=xterm on_tty docket due --ics) >out
	test_not grep -q "$esc" out
'

test_expect_success 'progress of a check on a terminal only' '
	(cd firm && TERM=xterm on_tty docket check) >out
	grep -q "checking cases: 1/1" out
	(cd firm && docket check) >out 2>err
	test_not grep -q "checking" out err
	grep -qx "1 case checked: 0 errors, 0 warnings" err
'

test_expect_success 'add prints the ID alone on stdout' '
	(cd firm && docket add --client "Ann Lee" --id lee-1 >../out 2>../err)
	test "$(cat out)" = lee-1
	test_repo_clean firm
'

test_done
