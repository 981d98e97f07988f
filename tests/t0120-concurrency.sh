#!/bin/sh
# Twenty writers at once on one case: each succeeds, or says busy after a
# bounded wait; every change that reported success is in the history.
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
docket add --id a1 --client "Ann One" --attorney alice >/dev/null

test_expect_success 'twenty writers at once on one case' '
	i=0
	while [ $i -lt 20 ]; do
		i=$((i + 1))
		case $((i % 4)) in
		0) set -- note a1 --kind call -m "call $i" ;;
		1) set -- due a1 +${i}d "task $i" --name t$i ;;
		2) set -- set a1 x-load.k$i=v$i ;;
		3) set -- note a1 -m "note $i" ;;
		esac
		(set +e; DOCKET_NOW=$(printf "2026-11-22T10:00:%02d" $i) docket "$@" >../out.$i 2>../err.$i
		 echo $? >../rc.$i) &
	done
	wait
	ok=0
	for i in $(seq 1 20); do
		if [ "$(cat ../rc.$i)" = 0 ]; then
			ok=$((ok + 1))
			case $((i % 4)) in
			0) grep -q "^call $i$" "$(cat ../out.$i)" ;;
			1) test "$(ini_get cases/2026/a1/case.ini due.t$i.what)" = "task $i" ;;
			2) test "$(ini_get cases/2026/a1/case.ini x-load.k$i)" = v$i ;;
			3) grep -q "^note $i$" "$(cat ../out.$i)" ;;
			esac
		else
			test "$(cat ../rc.$i)" = 1
			grep -q "^docket: busy, try again" ../err.$i
		fi
	done
	test "$ok" -ge 1
	test "$(git log --format=%s | grep -c "(a1): ")" = $((ok + 1))
	test_repo_clean
'

test_expect_success 'a writer that cannot get the lock says busy after the bounded wait' '
	python3 -c "
import fcntl, time, os, sys
f = open(\".git/docket.lock\", \"w\")
fcntl.flock(f, fcntl.LOCK_EX)
open(\"../locked\", \"w\").close()
time.sleep(4)
" &
	while [ ! -e ../locked ]; do sleep 0.05; done
	DOCKET_LOCK_TIMEOUT=1 test_refused docket note a1 -m "blocked"
	test "$(cat ../err)" = "docket: busy, try again: another docket command has held the firm'"'"'s lock for 1 seconds"
	wait
	docket note a1 -m "after" >/dev/null
	test_repo_clean
'

test_done
