#!/bin/sh
# docket note: notes from -m, -F, stdin and $EDITOR; IDs by prefix
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
docket add --id smith-7k2p --client "John Smith" >/dev/null
docket add --id smyth-2abc --client "Jo Smyth" >/dev/null
docket add --id jones-9xyz --client "Al Jones" >/dev/null

test_expect_success 'note -m writes one file, one commit, and prints its path' '
	docket note smith-7k2p --kind call -m "Client reports neck pain" >../out
	test "$(cat ../out)" = "cases/2026/smith-7k2p/notes/20261122T120000Z-call-bob.md"
	printf "Client reports neck pain\n" >../expect
	test_cmp ../expect cases/2026/smith-7k2p/notes/20261122T120000Z-call-bob.md
	test "$(git log -1 --format=%s)" = "note(smith-7k2p): call"
	test "$(git show --name-only --format= HEAD)" = "$(cat ../out)"
	test_repo_clean
'

test_expect_success 'notes in the same second are numbered in order' '
	docket note smith-7k2p -m "second" >../out2
	docket note smith-7k2p --kind email -m "third" >../out3
	test "$(cat ../out2)" = "cases/2026/smith-7k2p/notes/20261122T120000Z.02-internal-bob.md"
	test "$(cat ../out3)" = "cases/2026/smith-7k2p/notes/20261122T120000Z.03-email-bob.md"
	ls cases/2026/smith-7k2p/notes >../ls
	printf "%s\n" 20261122T120000Z-call-bob.md 20261122T120000Z.02-internal-bob.md \
		20261122T120000Z.03-email-bob.md >../expect
	test_cmp ../expect ../ls
'

test_expect_success 'a unique prefix is enough; an ambiguous one lists the candidates' '
	DOCKET_NOW=2026-11-23T09:15:00Z docket note jon --kind text -m "texted" >../out
	test "$(cat ../out)" = "cases/2026/jones-9xyz/notes/20261123T091500Z-text-bob.md"
	test_refused docket note sm -m x
	test "$(cat ../err)" = "docket: case ID '"'sm'"' is ambiguous: smith-7k2p (John Smith), smyth-2abc (Jo Smyth)"
	test_refused docket note nobody -m x
	test "$(cat ../err)" = "docket: no case '"'nobody'"' (see '"'docket list'"')"
'

test_expect_success 'note -F FILE and stdin keep the text byte for byte' '
	printf "# Call\n\n- semicolons; #hash = eq [x]\n- caf\303\251 \342\202\254 \\\\back\n\nno final newline" >../text
	DOCKET_NOW=2026-11-23T10:00:00Z docket note jones -F ../text >../out
	test_cmp ../text "$(cat ../out)"
	DOCKET_NOW=2026-11-23T10:01:00Z docket note jones <../text >../out
	test_cmp ../text "$(cat ../out)"
	DOCKET_NOW=2026-11-23T10:02:00Z docket note jones -F - <../text >../out
	test_cmp ../text "$(cat ../out)"
'

test_expect_success 'note opens $EDITOR when there is no text and stdin is a terminal' '
	cat >../ed <<-\EOF
	#!/bin/sh
	printf "written in the editor\n" >"$1"
	EOF
	chmod +x ../ed
	EDITOR=../ed DOCKET_NOW=2026-11-23T11:00:00Z script -qec "docket note smith-7k2p" /dev/null >/dev/null
	printf "written in the editor\n" >../expect
	test_cmp ../expect cases/2026/smith-7k2p/notes/20261123T110000Z-internal-bob.md
	test_repo_clean
'

test_expect_success 'note --at records a past time; the future is refused' '
	docket note smith --kind meeting --at 2026-11-20T15:30:00Z -m "met" >../out
	test "$(cat ../out)" = "cases/2026/smith-7k2p/notes/20261120T153000Z-meeting-bob.md"
	docket note smith --kind call --at yesterday -m "called" >../out
	test "$(cat ../out)" = "cases/2026/smith-7k2p/notes/20261121T120000Z-call-bob.md"
	test_refused docket note smith --at 2026-11-23 -m x
	test "$(cat ../err)" = "docket: --at: 2026-11-23 is in the future"
'

test_expect_success 'refused: empty notes, unknown kinds, NUL bytes, bad UTF-8' '
	test_refused docket note smith -m ""
	test "$(cat ../err)" = "docket: empty note, nothing written"
	printf "  \n\n\t\n" | test_refused docket note smith
	test "$(cat ../err)" = "docket: empty note, nothing written"
	test_refused docket note smith --kind lunch -m x
	test "$(cat ../err)" = "docket: unknown note kind '"'lunch'"' (kinds: call, email, text, meeting, letter, portal, medical, internal, escalation, stage, inquiry, document)"
	printf "a\000b" | test_refused docket note smith
	test "$(cat ../err)" = "docket: the note contains a NUL byte at byte 2"
	printf "bad \377 byte" | test_refused docket note smith
	test "$(cat ../err)" = "docket: the note is not valid UTF-8 (byte 5)"
	test_refused docket note smith -F ../missing
	grep -q "^docket: cannot read .../missing.: No such file or directory" ../err
	test_refused --code=2 docket note smith -m a -F ../text
	test_refused --code=2 docket note
	test_refused --code=2 docket note smith extra words
	test_refused --code=2 docket note smith --bogus
	grep -q "^docket note: unknown option .--bogus." ../err
'

test_expect_success 'a docket commit leaves the user'"'"'s own staged and unstaged work alone' '
	echo "draft" >notes-todo.txt
	git add notes-todo.txt
	echo "more" >>notes-todo.txt
	echo "# local" >>docket.ini
	docket note smith -m "with a dirty tree" >../out
	test "$(git show --name-only --format= HEAD)" = "$(cat ../out)"
	git status --porcelain >../st
	printf " M docket.ini\nAM notes-todo.txt\n" >../expect
	test_cmp ../expect ../st
	test "$(git show :notes-todo.txt)" = draft
	git checkout -q docket.ini
	git rm -qf notes-todo.txt
	test_repo_clean
'

test_done
