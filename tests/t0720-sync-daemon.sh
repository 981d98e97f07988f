#!/bin/sh
# docket sync and clone over git:// (a git daemon on 127.0.0.1, started
# and stopped here), and pushes the remote refuses.  (ssh:// goes through
# the same code with the ssh agent's keys; there is no sshd to test with.)
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/lib-sync.sh"

# The daemon (under timeout, in case this script dies) is this shell's
# child: until this shell waits for it, its pid cannot be anyone else's.
daemon_pid=
stop_daemon() {
	if test -n "$daemon_pid"; then
		kill "$daemon_pid" 2>/dev/null
		wait "$daemon_pid" 2>/dev/null
		daemon_pid=
	fi
}
trap 'stop_daemon; rm -rf "$TRASH"' EXIT

git init -q --bare "$TRASH/remote.git"
# a free port: try a few, keep the first the daemon can listen on
port=
for i in 0 1 2 3 4 5 6 7 8 9; do
	p=$((20000 + ($$ * 7 + i * 131) % 30000))
	timeout 120 git daemon --listen=127.0.0.1 --port=$p --reuseaddr \
		--export-all --enable=receive-pack --base-path="$TRASH" \
		--informative-errors "$TRASH" >"$TRASH/daemon.log" 2>&1 &
	daemon_pid=$!
	for n in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		if git ls-remote "git://127.0.0.1:$p/remote.git" >/dev/null 2>&1; then
			port=$p
			break
		fi
		kill -0 "$daemon_pid" 2>/dev/null || break
		sleep 0.1
	done
	test -n "$port" && break
	stop_daemon
done
url=git://127.0.0.1:$port/remote.git
case_ini=cases/2026/smith-7k2p/case.ini

test_expect_success 'the daemon runs' '
	test -n "$port"
'

test_expect_success 'the first sync publishes over git://' '
	make_firm bob
	git -C bob remote add origin "$url"
	at 2026-11-22T10:00:00Z bob docket add --id smith-7k2p --client "John Smith" \
		--attorney alice --manager bob >/dev/null
	at 2026-11-22T10:01:00Z bob docket sync >out
	echo "published origin/main ($url): 3 commits" >expect
	test_cmp expect out
	test "$(git -C remote.git rev-parse main)" = "$(git -C bob rev-parse HEAD)"
'

test_expect_success 'docket clone over git://' '
	docket clone "$url" carol >out
	echo "Cloned Example Injury Law into carol (main, 1 case)" >expect
	test_cmp expect out
	git -C carol config user.name "Carol Park"
	git -C carol config user.email carol@firm.example
	git clone -q remote.git dave
	git -C dave config user.name "Dave Lee"
	git -C dave config user.email dave@firm.example
'

test_expect_success 'concurrent edits merge over git://' '
	at 2026-11-23T09:00:00Z bob docket set smith-7k2p client.phone=101 >/dev/null
	at 2026-11-23T09:01:00Z carol docket set smith-7k2p client.phone=102 >/dev/null
	at 2026-11-23T09:02:00Z bob docket sync >/dev/null
	at 2026-11-23T09:03:00Z carol docket sync >out
	grep -qx "smith-7k2p: client.phone: kept \"102\" (Carol Park, 2026-11-23 09:01); \"101\" (Bob Diaz, 2026-11-23 09:00) saved in notes/20261123T090300Z-internal-carol.md" out
	at 2026-11-23T09:04:00Z bob docket sync >/dev/null
	test "$(git -C bob rev-parse HEAD)" = "$(git -C carol rev-parse HEAD)"
'

test_expect_success 'a push refused because someone pushed meanwhile: fetch, merge, push again' '
	# Dave has a commit the hook moves main to during Carols push
	(cd dave && git pull -q && DOCKET_NOW=2026-11-24T09:00:00Z docket note smith-7k2p -m "From Dave" >/dev/null)
	git -C dave push -q origin main:refs/heads/pending
	cat >remote.git/hooks/pre-receive <<-\EOF
	#!/bin/sh
	if test ! -e moved; then
		touch moved
		env -u GIT_QUARANTINE_PATH -u GIT_OBJECT_DIRECTORY \
			-u GIT_ALTERNATE_OBJECT_DIRECTORIES \
			git update-ref refs/heads/main refs/heads/pending
	fi
	exit 0
	EOF
	chmod +x remote.git/hooks/pre-receive
	at 2026-11-24T09:01:00Z carol docket note smith-7k2p -m "From Carol" >/dev/null
	at 2026-11-24T09:02:00Z carol docket sync >out
	sed -E "s/^  [0-9a-f]{7} /  XXXXXXX /; s/(: |to )[0-9a-f]{7}\$/\\1XXXXXXX/" out >actual
	cat >expect <<-\EOF
	origin/main moved while pushing (failed to update ref): fetching and merging again
	in: 1 commit from origin/main
	  XXXXXXX note(smith-7k2p): internal (Dave Lee)
	merged origin/main: XXXXXXX
	out: 2 commits to origin/main
	  XXXXXXX note(smith-7k2p): internal (Carol Park)
	  XXXXXXX sync: merge origin/main (Carol Park)
	EOF
	test_cmp expect actual
	test "$(git -C remote.git rev-parse main)" = "$(git -C carol rev-parse HEAD)"
	test -f carol/cases/2026/smith-7k2p/notes/20261124T090000Z-internal-dave.md
	test -f carol/cases/2026/smith-7k2p/notes/20261124T090100Z-internal-carol.md
	test_repo_clean carol
'

test_expect_success 'a push refused for good: an error, the work stays here' '
	printf "#!/bin/sh\necho no pushes today >&2\nexit 1\n" >remote.git/hooks/pre-receive
	at 2026-11-24T10:00:00Z carol docket note smith-7k2p -m "Refused" >/dev/null
	head=$(git -C carol rev-parse HEAD)
	test_must_fail at 2026-11-24T10:01:00Z carol docket sync >out 2>err
	echo "docket: origin/main refused the push of main: pre-receive hook declined; your commits are safe here" >expect
	test_cmp expect err
	test "$(git -C carol rev-parse HEAD)" = "$head"
	test_repo_clean carol
	rm remote.git/hooks/pre-receive
	at 2026-11-24T10:02:00Z carol docket sync >/dev/null
	test "$(git -C remote.git rev-parse main)" = "$head"
'

test_expect_success 'the daemon gone: a clear error, nothing changed' '
	kill "$daemon_pid"
	n=0
	while git ls-remote "$url" >/dev/null 2>&1 && test $n -lt 50; do
		sleep 0.1
		n=$((n + 1))
	done
	at 2026-11-24T11:00:00Z bob docket note smith-7k2p -m "Offline" >/dev/null
	head=$(git -C bob rev-parse HEAD)
	test_must_fail at 2026-11-24T11:01:00Z bob docket sync >out 2>err
	grep -q "^docket: cannot fetch from origin ($url): " err
	test ! -s out
	test "$(git -C bob rev-parse HEAD)" = "$head"
	test_repo_clean bob
'

test_expect_success 'every repository is whole' '
	for c in bob carol dave; do test_repo_clean $c; done
	git -C remote.git fsck --strict --no-dangling
'

test_done
