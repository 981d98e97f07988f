#!/bin/sh
# The man pages: mandoc's linter finds nothing, and every command the
# binary knows has a page that names all of its options, its exit status
# and examples, and is listed in docket(1).
. "$(dirname "$0")/lib.sh"

man=$SRC_DIR/man
docket __complete commands | cut -f1 >commands

# a page as text, without the overstrike of bold and underline
render() {
	mandoc -Tascii "$1" | sed "s/.\x08//g"
}

test_expect_success 'mandoc -Tlint -Wwarning: every page is clean' '
	ls "$man"/*.1 "$man"/*.5 >pages
	test "$(wc -l <pages)" -ge 14
	mandoc -Tlint -Wwarning $(cat pages) >out 2>&1 || { cat out; exit 1; }
	test ! -s out
'

test_expect_success 'every command has its page, named and titled for it' '
	for c in $(cat commands); do
		p="$man/docket-$c.1"
		test -f "$p" || { echo "no page for $c"; exit 1; }
		grep -qx ".Dt DOCKET-$(echo "$c" | tr a-z A-Z) 1" "$p"
		grep -qx ".Nm docket-$c" "$p"
		render "$p" >page
		sed -n "/^SYNOPSIS/,/^[A-Z]/p" page | grep -q "^     docket $c\\b" ||
			{ echo "SYNOPSIS of $c"; exit 1; }
		for s in SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" EXAMPLES "SEE ALSO"; do
			grep -qx "$s" page || { echo "$c: no $s"; exit 1; }
		done
	done
'

test_expect_success 'every option of a command is in its page' '
	for c in $(cat commands); do
		render "$man/docket-$c.1" >page
		for o in $(docket __complete options "$c" | cut -f1); do
			grep -q -- "$o\\b" page || { echo "docket-$c.1 lacks $o"; exit 1; }
		done
	done
'

test_expect_success 'every page lists exit statuses 0, 1 and 2' '
	for p in "$man"/*.1; do
		render "$p" | sed -n "/^EXIT STATUS/,/^[A-Z]/p" >status
		for n in 0 1 2; do
			grep -q "^     $n " status || { echo "$p: no exit status $n"; exit 1; }
		done
	done
'

test_expect_success 'docket(1): every command, the environment, files, exit status' '
	for c in $(cat commands); do
		grep -qx ".Xr docket-$c 1" "$man/docket.1" || { echo "$c"; exit 1; }
	done
	for c in report sync clone; do grep -qx ".Xr docket-$c 1" "$man/docket.1"; done
	render "$man/docket.1" >page
	for s in SYNOPSIS DESCRIPTION OPTIONS ENVIRONMENT FILES "EXIT STATUS" EXAMPLES; do
		grep -qx "$s" page
	done
	sed -n "/^ENVIRONMENT/,/^FILES/p" page >env
	for v in DOCKET_NOW DOCKET_USER EDITOR NO_COLOR; do grep -q "$v" env; done
	for o in -C --version --help; do grep -q -- "$o\\b" page; done
'

test_expect_success 'docket(5): the file formats' '
	render "$man/docket.5" >page
	for s in DOCKET.INI CASE.INI NOTES; do grep -qx "$s" page; done
	grep -q "\\[pipeline\\]" page
	grep -q "\\[due \"name\"\\]" page
	grep -q "65536 bytes" page
'

test_expect_success 'the pages render as man(1) shows them' '
	for p in "$man"/*.1 "$man"/*.5; do
		mandoc -Tutf8 "$p" >/dev/null || { echo "$p"; exit 1; }
	done
'

test_done
