#!/bin/sh
# make install and make uninstall, into a DESTDIR: every file where it
# belongs, and where each shell looks for its completions.
. "$(dirname "$0")/lib.sh"

# make in the source tree, with the binary the tests run (no rebuild)
mk() {
	make -s --no-print-directory -C "$SRC_DIR" BUILD="$DOCKET_BUILD" "$@"
}

dest=$TRASH/dest
ls "$SRC_DIR"/man/*.1 "$SRC_DIR"/man/*.5 "$SRC_DIR"/man/*.7 | sed 's|.*/||' >pages

test_expect_success 'make install PREFIX=/usr DESTDIR=...: every file where it belongs' '
	mk install PREFIX=/usr DESTDIR="$dest" >out 2>&1 || { cat out; exit 1; }
	{
		echo usr/bin/docket
		sed -n "s|^\(.*\.1\)$|usr/share/man/man1/\1|p" pages
		sed -n "s|^\(.*\.5\)$|usr/share/man/man5/\1|p" pages
		sed -n "s|^\(.*\.7\)$|usr/share/man/man7/\1|p" pages
		echo usr/share/bash-completion/completions/docket
		echo usr/share/zsh/site-functions/_docket
		echo usr/share/fish/vendor_completions.d/docket.fish
	} | sort >expect
	(cd "$dest" && find . -type f | sed "s|^\./||" | sort) >actual
	test_cmp expect actual
	test "$(stat -c %a "$dest/usr/bin/docket")" = 755
	test "$(stat -c %a "$dest/usr/share/man/man1/docket.1")" = 644
	cmp "$dest/usr/bin/docket" "$DOCKET_BUILD/docket"
	cmp "$dest/usr/share/zsh/site-functions/_docket" "$SRC_DIR/completions/_docket"
	grep -qx docket.1 pages
	grep -qx docket.5 pages
	for c in $(docket __complete commands | cut -f1); do
		test -f "$dest/usr/share/man/man1/docket-$c.1"
	done
'

test_expect_success 'the installed docket runs, and man finds its pages' '
	"$dest/usr/bin/docket" --version | grep -q "^docket "
	MANPATH="$dest/usr/share/man" mandoc -Tascii \
		"$dest/usr/share/man/man1/docket-note.1" | grep -q "docket note"
'

test_expect_success 'bash-completion loads the installed completion on demand' '
	XDG_DATA_DIRS="$dest/usr/share" PATH="$dest/usr/bin:$PATH" \
	bash --norc --noprofile -c ". /usr/share/bash-completion/bash_completion
		__load_completion docket
		complete -p docket" >out
	grep -q "^complete -F _docket docket$" out
'

test_expect_success 'fish finds the installed completion in vendor_completions.d' '
	XDG_DATA_DIRS="$dest/usr/share" PATH="$dest/usr/bin:$PATH" \
		fish -c "complete -C \"docket adv\"" >out
	grep -q "^advance-stage	" out
'

test_expect_success 'zsh finds the installed completion in site-functions' '
	zsh -fc "fpath=($dest/usr/share/zsh/site-functions \$fpath); autoload -Uz compinit;
		compinit -u -D; print -r -- \$_comps[docket] \${^fpath}/_docket(N)" >out
	test "$(cat out)" = "_docket $dest/usr/share/zsh/site-functions/_docket"
'

test_expect_success 'make uninstall removes every file it installed' '
	mk uninstall PREFIX=/usr DESTDIR="$dest" >out 2>&1 || { cat out; exit 1; }
	(cd "$dest" && find . -type f) >left
	test ! -s left || { cat left; exit 1; }
'

test_expect_success 'PREFIX defaults to /usr/local' '
	mk install DESTDIR="$TRASH/dest2" >out 2>&1 || { cat out; exit 1; }
	test -x "$TRASH/dest2/usr/local/bin/docket"
	test -f "$TRASH/dest2/usr/local/share/man/man5/docket.5"
	test -f "$TRASH/dest2/usr/local/share/bash-completion/completions/docket"
	mk uninstall DESTDIR="$TRASH/dest2" >out 2>&1
	test -z "$(find "$TRASH/dest2" -type f)"
'

test_done
