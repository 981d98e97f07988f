#!/bin/sh
# the status cache, .git/docket/status: the files are the truth
. "$(dirname "$0")/lib.sh"

command -v strace >/dev/null || { echo "strace is needed (make deps-check)" >&2; exit 1; }

# next_second: sleep to just past the next second, so that what follows
# (a few short commands) happens within one second, and what came before
# is in an earlier one
next_second() {
	python3 -c 'import time; time.sleep(1.02 - time.time() % 1)'
}

# opened CMD...: run docket CMD (output to ../opened.out) under strace; the
# IDs of the cases whose case.ini it opened, one a line, in ../opened
opened() {
	# (LeakSanitizer cannot run under ptrace: the sanitized build's leaks
	# are checked by every other command here)
	ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
		strace -f -qq -e trace=open,openat -o ../trace docket "$@" >../opened.out || return 1
	sed -n 's|.*[/"]\([a-z0-9._-]*\)/case.ini".*|\1|p' ../trace | sort -u >../opened
}

# truth CMD...: docket CMD gives what it gives with no cache at all (the
# cache is set aside for the second run, then put back)
truth() {
	docket "$@" >../warm.out || return 1
	mv .git/docket/status ../status.saved || return 1
	docket "$@" >../cold.out || return 1
	mv ../status.saved .git/docket/status || return 1
	test_cmp ../cold.out ../warm.out
}

cache=.git/docket/status

# from_cache CMD...: each CMD (its words in one argument) opens no
# case.ini (the cache gives every case), and gives what the files give
from_cache() {
	for cmd in "$@"; do
		opened $cmd && test ! -s ../opened && truth $cmd || return 1
	done
}

# for the tests' python: the cache's frame hash (status-file.c's
# stf_hash), h; run(ARGS...), what docket ARGS prints as JSON
cat >t0150lib.py <<'PY'
import json, subprocess
def run(*a):
    return json.loads(subprocess.run(["docket", *a], check=True, capture_output=True).stdout)
M = (1 << 64) - 1
def h(d):
    def mix(x, w):
        x = ((x ^ w) * 0x100000001b3) & M
        return x ^ (x >> 31)
    lane = [(0x9e3779b97f4a7c15 ^ len(d)) & M, 0x243f6a8885a308d3,
            0x13198a2e03707344, 0xa4093822299f31d0]
    i = 0
    while len(d) - i >= 32:
        for k in range(4):
            lane[k] = mix(lane[k], int.from_bytes(d[i + 8 * k:i + 8 * k + 8], "little"))
        i += 32
    x = lane[0]
    for k in range(1, 4):
        x = mix(x, lane[k])
    while len(d) - i >= 8:
        x = mix(x, int.from_bytes(d[i:i + 8], "little"))
        i += 8
    for c in d[i:]:
        x = ((x ^ c) * 0x100000001b3) & M
    return x ^ (x >> 29)
PY
export PYTHONPATH="$PWD"

make_firm
cd firm
DOCKET_NOW=2026-11-01 docket add --id a1 --client "Ann One" --title "One v. Acme" --attorney alice >/dev/null
DOCKET_NOW=2026-11-02 docket add --id b2 --client "Ben Two" --manager carol >/dev/null
DOCKET_NOW=2026-11-03 docket add --id c3 --client "Cy Three" >/dev/null
DOCKET_NOW=2026-11-04T10:00:00Z docket note a1 --kind call -m "Client doing well" >/dev/null
DOCKET_NOW=2026-11-05T10:00:00Z docket note b2 --kind email -m "Records requested" >/dev/null

test_expect_success 'a read command writes the cache, which git never sees' '
	test ! -e $cache
	next_second
	docket list >../out
	test -f $cache
	test "$(stat -c %a $cache)" = 600
	test "$(stat -c %a .git/docket)" = 700
	test -z "$(git status --porcelain --ignored)"
	test_repo_clean
'

test_expect_success 'warm: the cases come from the cache, not from case.ini' '
	next_second
	opened list
	test_cmp ../out ../opened.out
	test ! -s ../opened
	opened report --json
	test ! -s ../opened
	truth report --json
	truth due
'

test_expect_success 'ID completion comes from the cache and sees a client edited by hand' '
	next_second
	opened __complete cases
	test ! -s ../opened
	grep -q "^a1	Ann One (One v. Acme)$" ../opened.out
	next_second
	touch cases/2026/c3/case.ini
	docket __complete cases >/dev/null
	ini=cases/2026/a1/case.ini
	python3 - "$ini" <<-\EOF
	import os, sys
	p = sys.argv[1]
	st = os.stat(p)
	t = open(p).read().replace("Ann One", "Ann Uno")
	with open(p, "r+") as f:
	    f.write(t)
	os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
	assert os.stat(p).st_size == st.st_size
	EOF
	docket __complete cases >../out
	grep -q "^a1	Ann Uno (One v. Acme)$" ../out
	docket __complete cases uno >../out
	test "$(cut -f1 ../out)" = a1
	git checkout -q -- $ini
	truth __complete cases
	truth __complete cases one
'

test_expect_success 'a case.ini edited by hand, same size, same second: seen' '
	next_second
	touch cases/2026/c3/case.ini
	docket list >/dev/null
	ini=cases/2026/a1/case.ini
	python3 - "$ini" <<-\EOF
	import os, sys
	p = sys.argv[1]
	st = os.stat(p)
	t = open(p).read().replace("One v. Acme", "Uno v. Acme")
	with open(p, "r+") as f:
	    f.write(t)
	os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
	assert os.stat(p).st_size == st.st_size
	EOF
	docket list >../out
	grep -q "^a1 .*Uno v. Acme$" ../out
	git checkout -q -- $ini
	truth list
'

test_expect_success 'racy: a case.ini of the second the cache was written is read again' '
	next_second
	touch cases/2026/b2/case.ini
	docket list >/dev/null
	opened list
	test "$(cat ../opened)" = b2
	next_second
	docket list >/dev/null
	next_second
	opened list
	test ! -s ../opened
'

test_expect_success 'a note added by hand is seen; a writer refreshes its case only' '
	next_second
	docket list >/dev/null
	mkdir cases/2026/c3/notes
	cat >cases/2026/c3/notes/20261120T090000Z-call-bob.md <<-\EOF
	Client says the adjuster denied the claim.
	EOF
	docket report --json >../out
	python3 - <<-\EOF
	import json
	r = json.load(open("../out"))
	assert ("c3", "coverage") in [(s["case"], s["reason"]) for s in r["suggested_escalations"]], r["suggested_escalations"]
	assert r["contact"]["contacted"] == 3, r["contact"]
	EOF
	git add cases
	git commit -qm "a note by hand"
	next_second
	docket report --json >/dev/null
	next_second
	DOCKET_NOW=2026-11-21T10:00:00Z docket note b2 --kind call -m "Client is frustrated" >/dev/null
	docket set a1 client.phone="+1 555 0100" >/dev/null
	next_second
	opened report --json
	test "$(cat ../opened)" = a1
	python3 - <<-\EOF
	import json
	r = json.load(open("../opened.out"))
	assert ("b2", "communication") in [(s["case"], s["reason"]) for s in r["suggested_escalations"]], r["suggested_escalations"]
	EOF
	truth report --json
'

test_expect_success 'git checkout and git pull change cases: seen' '
	git clone -q . ../clone
	git checkout -q -b other
	DOCKET_NOW=2026-11-06 docket set a1 case.title="Other v. Acme" >/dev/null
	DOCKET_NOW=2026-11-06 docket add --id d4 --client "Dee Four" >/dev/null
	git checkout -q main
	docket list >../out
	test_not grep -q "Other v. Acme" ../out
	test_not grep -q "^d4 " ../out
	truth list
	git checkout -q other
	docket list >../out
	grep -q "^a1 .*Other v. Acme$" ../out
	grep -q "^d4 " ../out
	truth list
	git checkout -q main
	truth list
	(cd ../clone && docket list >../clone.before)
	git merge -q other
	(cd ../clone && git pull -q && docket list >../clone.after)
	test_not cmp -s ../clone.before ../clone.after
	grep -q "^d4 " ../clone.after
	docket list >../out.main.after
	test_cmp ../out.main.after ../clone.after
'

test_expect_success 'a directory whose case.ini is gone, or not a file, is no case' '
	docket list >../before
	docket report --json >../before.report
	mkdir -p cases/2026/zz9/notes cases/2026/zz8 cases/2026/zz7 cases/2026/zz6
	echo "a note of no case" >cases/2026/zz9/notes/20261101T090000Z-call-bob.md
	ln -s ../a1/case.ini cases/2026/zz8/case.ini
	mkdir cases/2026/zz7/case.ini
	mkfifo cases/2026/zz6/case.ini
	timeout 20 docket list >../out 2>../err
	test_cmp ../before ../out
	test ! -s ../err
	timeout 20 docket report --json >../out 2>../err
	test ! -s ../err
	test_cmp ../before.report ../out
	rm -r cases/2026/zz9 cases/2026/zz8 cases/2026/zz7 cases/2026/zz6
'

test_expect_success 'docket.ini edited: everything is read again' '
	docket report --json >../out
	python3 - <<-\EOF
	import json
	r = json.load(open("../out"))
	assert not [s for s in r["suggested_escalations"] if s["case"] == "a1"], r
	EOF
	sed -i "s/^coverage = denied/coverage = doing well, denied/" docket.ini
	git commit -qam "indicators: doing well"
	docket report --json >../out
	python3 - <<-\EOF
	import json
	r = json.load(open("../out"))
	assert ("a1", "coverage", "doing well") in [(s["case"], s["reason"], s["match"]) for s in r["suggested_escalations"]], r
	EOF
	truth report --json
'

# break_cache HOW: the cache made bad
break_cache() {
	case $1 in
	truncated) truncate -s $(( $(stat -c %s $cache) / 2 )) $cache ;;
	zeroed) dd if=/dev/zero of=$cache bs=1 count=$(stat -c %s $cache) conv=notrunc 2>/dev/null ;;
	garbage) head -c 5000 /dev/urandom >$cache ;;
	empty) : >$cache ;;
	flipped) python3 -c '
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
b[len(b) // 2] ^= 0x20
open(p, "wb").write(b)' $cache ;;
	older) python3 -c '
import sys
# the header frame made again with the format before this one: a cache
# of an older docket
p = sys.argv[1]
b = open(p, "rb").read()
n = int.from_bytes(b[:4], "little")
payload = bytearray(b[12:12 + n])
assert payload[:8] == b"DKSTATUS" and payload[8] == 3
payload[8] = 2
from t0150lib import h
assert h(bytes(b[12:12 + n])) == int.from_bytes(b[4:12], "little"), "hash"
open(p, "wb").write(n.to_bytes(4, "little") + h(bytes(payload)).to_bytes(8, "little") + payload + b[12 + n:])' $cache ;;
	esac
}

for how in truncated zeroed garbage empty flipped older; do
test_expect_success "a cache $how: read from the files, made again" '
	next_second
	docket report --json >/dev/null
	docket list >../expect.list
	docket report --json >../expect.report
	break_cache '$how'
	docket list >../out
	test_cmp ../expect.list ../out
	docket report --json >../out
	test_cmp ../expect.report ../out
	next_second
	opened list
	test ! -s ../opened
	test_cmp ../expect.list ../opened.out
'
done

test_expect_success 'two readers at once, and a reader while the cache is locked' '
	rm -f $cache
	docket report --json >../one &
	docket report --json >../two
	wait $!
	test_cmp ../one ../two
	truth report --json
	test_cmp ../one ../warm.out
	next_second
	touch cases/2026/c3/case.ini
	cp $cache ../before
	flock $cache.lock sh -c "docket list >../out"
	test_cmp ../before $cache
	truth list
'

test_expect_success 'a reader that cannot write to the git directory still answers' '
	next_second
	touch cases/2026/a1/case.ini
	cp $cache ../before
	if [ "$(id -u)" = 0 ]; then
		# root writes through a mode: a read-only mount of .git instead
		unshare -m sh -c "mount --bind -o ro .git .git && docket list >../out && docket report --json >../out.report"
	else
		chmod a-w .git/docket .git
		docket list >../out
		docket report --json >../out.report
		chmod u+w .git/docket .git
	fi
	test_cmp ../before $cache
	test ! -e $cache.tmp
	docket list >../expect
	test_cmp ../expect ../out
'

test_expect_success 'docket check reads the files; the cache is never pushed or cloned' '
	docket list >/dev/null
	docket check >../check.warm 2>&1
	cp $cache ../before
	break_cache garbage
	cp $cache ../garbage
	docket check >../check.bad 2>&1
	test_cmp ../check.warm ../check.bad
	test_cmp ../garbage $cache
	git init -q --bare ../remote.git
	git remote add origin ../remote.git
	git push -q origin main
	test ! -e ../remote.git/docket
	git clone -q ../remote.git ../clone2
	test ! -e ../clone2/.git/docket
	test -z "$(git status --porcelain --ignored)"
'

test_expect_success 'list, due, escalate and completion are given the view the cache keeps: what the files give' '
	cat >>cases/2026/b2/case.ini <<-\EOF

	[due "sol"]
	date = 2027-03-01
	what = statute of limitations
	who = alice
	basis = manual

	[due "records"]
	date = 2026-11-10
	what = records from the clinic
	who =
	done = 2026-11-09

	[due "demand"]
	date = 2026-12-01
	what = send the demand

	[escalation "1"]
	opened = 2026-11-06
	by = carol
	to = alice
	reason = coverage
	what = adjuster denies the claim

	[escalation "2"]
	opened = 2026-11-02
	by = carol
	to = alice
	reason = communication
	what = client upset
	resolved = 2026-11-03
	resolution = called back

	[dismissed "medical"]
	date = 2026-11-07
	by = alice
	why = rear-ended, no dispute

	[defendant "acme"]
	name = Acme Freight LLC
	kind = business
	EOF
	git commit -qam "b2: deadlines, escalations, a defendant"
	next_second
	docket report --json >/dev/null
	next_second
	from_cache "list --json" "list --status all" "due --json" "due --ics" \
		   "escalate --json" "report --json" "__complete cases"
	python3 - <<-\EOF
	from t0150lib import run
	due = [(d["case"], d["name"], d["date"], d["who"]) for d in run("due", "--json")]
	assert due == [("b2", "demand", "2026-12-01", ""), ("b2", "sol", "2027-03-01", "alice")], due
	esc = [(e["case"], e["name"], e["reason"], e["to"], e["opened"]) for e in run("escalate", "--json")]
	assert esc == [("b2", "1", "coverage", "alice", "2026-11-06")], esc
	b2 = [c for c in run("list", "--json") if c["id"] == "b2"][0]
	assert b2["next_due"] == {"name": "demand", "date": "2026-12-01", "what": "send the demand"}, b2
	assert (b2["client"], b2["manager"], b2["stage"]) == ("Ben Two", "carol", "intake"), b2
	EOF
'

test_expect_success 'next, agenda, records and report are given the view and its workup: what the files give' '
	(export DOCKET_NOW=2026-11-12
	docket provider a1 "Mercy Hospital" --type hospital --visit 2026-11-02 --billed 1250.50 >/dev/null &&
	docket provider a1 "City PT" --type pt --visit 2026-11-05 >/dev/null &&
	docket records a1 mercy --request 2026-11-06 >/dev/null &&
	docket policy a1 bi-acme --coverage bi --carrier "Great Plains" --limits 50000 --commercial --lor-sent 2026-11-03 >/dev/null &&
	docket policy b2 um-own --coverage um >/dev/null &&
	docket demand a1 40000 --policy bi-acme --date 2026-11-10 --expires 2026-12-10 >/dev/null &&
	docket offer a1 12000 --policy bi-acme --date 2026-11-11 >/dev/null &&
	docket policy c3 bi-zed --coverage bi >/dev/null &&
	docket settle c3 25000 --policy bi-zed >/dev/null &&
	docket lien c3 medicare --type medicare --asserted 3000 >/dev/null &&
	DOCKET_NOW=2026-11-15 docket advance-stage b2 treatment --force >/dev/null)
	next_second
	docket report --json >/dev/null
	next_second
	from_cache "next" "next --json" "agenda alice carol" "agenda alice --json" \
		   "records" "records --json" "report --json" "report --md"
	python3 - <<-\EOF
	from t0150lib import run
	rec = [(r["case"], r["provider"], r["what"], r["requested"]) for r in run("records", "--json")]
	assert rec == [("a1", "mercy-hospital", "records", "2026-11-06"), ("a1", "mercy-hospital", "bills", "2026-11-06")], rec
	r = run("report", "--json")
	st = [(x["case"], x["gross"], x["liens_pending"]) for x in r["settlements"]]
	assert st == [("c3", "25000.00", "3000.00")], st
	assert r["milestones"]["completed"] == 1, r["milestones"]
	EOF
'

# the entry of case ID in the cache, given to python code as e (a dict:
# its fields' bytes), which may change e["view"]; the frame written again
# with its size and hash
entry_edit() {
	python3 - "$cache" "$1" "$2" <<-\EOF
	import sys
	path, want, code = sys.argv[1:]
	from t0150lib import h
	def uv(b, i):
	    v = s = 0
	    while True:
	        c = b[i]; i += 1
	        v |= (c & 0x7f) << s; s += 7
	        if not c & 0x80:
	            return v, i
	def put_uv(v):
	    out = bytearray()
	    while v >= 0x80:
	        out.append(v & 0x7f | 0x80); v >>= 7
	    out.append(v)
	    return bytes(out)
	b = open(path, "rb").read()
	out, i, found = bytearray(), 0, 0
	while i < len(b):
	    n = int.from_bytes(b[i:i + 4], "little")
	    p = b[i + 12:i + 12 + n]
	    assert h(p) == int.from_bytes(b[i + 4:i + 12], "little")
	    if i:
	        j = 0
	        e = {}
	        n_, j = uv(p, j); e["dir"] = p[j:j + n_]; j += n_
	        k = j
	        for _ in range(1 + 14):	# its flags, two stats
	            _, j = uv(p, j)
	        e["stat"] = p[k:j]
	        n_, j = uv(p, j); e["cfg"] = p[j:j + n_]; j += n_
	        n_, j = uv(p, j); e["view"] = p[j:j + n_]; j += n_
	        e["rest"] = p[j:]
	        if e["dir"].decode().endswith("/" + want):
	            found += 1
	            exec(code)
	            p = (put_uv(len(e["dir"])) + e["dir"] + e["stat"] +
	                 put_uv(len(e["cfg"])) + e["cfg"] +
	                 put_uv(len(e["view"])) + e["view"] + e["rest"])
	    out += len(p).to_bytes(4, "little") + h(p).to_bytes(8, "little") + p
	    i += 12 + n
	assert found == 1, found
	open(path, "wb").write(out)
	EOF
}

test_expect_success 'a view in the cache that does not read: made again, and kept' '
	next_second
	docket report --json >/dev/null
	# the lines are kept only for a case that needs them (c3: a settlement)
	test -z "$(entry_edit b2 "print(e[\"cfg\"].hex())")"
	test -n "$(entry_edit c3 "print(e[\"cfg\"].hex())")"
	for id in b2 c3; do
		case $id in b2) want=b2 ;; *) want= ;; esac
		entry_edit $id "print(e[\"view\"].hex())" >../view.good &&
		test -s ../view.good || return 1
		for bad in "b\"\"" "b\"\\x05\"" "e[\"view\"][:-1]" "e[\"view\"] + b\"\\x00\"" \
			   "b\"\\xff\" * 40"; do
			entry_edit $id "e[\"view\"] = $bad" &&
			opened list &&
			test "$(cat ../opened)" = "$want" &&
			truth list &&
			entry_edit $id "print(e[\"view\"].hex())" >../view.now &&
			test_cmp ../view.good ../view.now || return 1
		done
	done
'

test_expect_success 'a firm of many cases (their stat data taken ahead, on a second thread): every change seen' '
	for i in $(seq 100 299); do
		mkdir -p cases/2025/m$i &&
		sed -e "s/^id = c3$/id = m$i/" -e "s/^client = Cy Three$/client = Many $i/" \
		    cases/2026/c3/case.ini >cases/2025/m$i/case.ini || return 1
	done
	git add cases
	git commit -qm "200 cases"
	next_second
	docket report --json >/dev/null
	next_second
	ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
		strace -f -qq -e trace=clone,clone3 -o ../trace docket list >/dev/null
	# (libgit2 starts on one thread, the stats are taken on another)
	test "$(grep -cE "clone3?\(" ../trace)" = 2
	opened report --json
	test ! -s ../opened
	sed -i "s/^title = .*/title = Changed v. Acme/" cases/2025/m150/case.ini
	mkdir cases/2025/m170/notes
	echo "Client says the adjuster denied the claim." \
		>cases/2025/m170/notes/20261120T090000Z-call-bob.md
	rm -r cases/2025/m200
	mkdir cases/2025/m300
	sed -e "s/^id = c3$/id = m300/" cases/2026/c3/case.ini >cases/2025/m300/case.ini
	docket list >../out
	grep -q "^m150 .*Changed v. Acme$" ../out
	test_not grep -q "^m200 " ../out
	grep -q "^m300 " ../out
	docket report --json >../out
	python3 - <<-\EOF
	import json
	r = json.load(open("../out"))
	assert ("m170", "coverage") in [(s["case"], s["reason"]) for s in r["suggested_escalations"]], r["suggested_escalations"]
	EOF
	truth list
	truth report --json
	truth due --json
	next_second
	docket list >/dev/null
	opened list
	test ! -s ../opened
	git checkout -q -- cases
	git clean -qfd cases
	truth list
	truth report --json
'

test_expect_success 'many cases: the notes/ of a case the cache has closed are not statted; one reopened by hand is read whole' '
	for i in $(seq 100 199); do
		sed -i "s/^status = open$/status = closed/" cases/2025/m$i/case.ini || return 1
	done
	git commit -qam "100 closed"
	next_second
	docket report --json >/dev/null
	next_second
	ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
		strace -f -qq -e trace=newfstatat,statx -o ../trace docket report --json >../out
	# (the paths from cases/2025, opened)
	test_not grep -q "\"m1[0-9][0-9]/notes\"" ../trace
	for i in 200 250 299; do
		grep -q "\"m$i/notes\"" ../trace || return 1
	done
	# reopened by hand, a note added by hand: the cache had it closed
	sed -i "s/^status = closed$/status = open/" cases/2025/m150/case.ini
	mkdir cases/2025/m150/notes
	echo "Client says the adjuster denied the claim." \
		>cases/2025/m150/notes/20261120T090000Z-call-bob.md
	docket report --json >../out
	python3 - <<-\EOF
	import json
	r = json.load(open("../out"))
	assert ("m150", "coverage") in [(s["case"], s["reason"]) for s in r["suggested_escalations"]], r["suggested_escalations"]
	EOF
	truth report --json
	truth next --all
'

test_expect_success 'the cases are listed once, before the repository is opened' '
	git checkout -q -- cases &&
	git clean -qfd cases &&
	next_second &&
	docket list >/dev/null &&
	next_second &&
	ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
		strace -f -qq -e trace=openat -o ../trace docket list >../out &&
	grep -n "/cases/2025\", O_RDONLY|O_NONBLOCK" ../trace >../listed &&
	test "$(wc -l <../listed)" = 1 &&
	grep -n "/\.git/config\"" ../trace >../config &&
	test "$(head -n 1 ../listed | cut -d: -f1)" -lt "$(head -n 1 ../config | cut -d: -f1)" &&
	grep -q "^m250 " ../out &&
	truth list &&
	truth next --all &&
	truth due
'

test_expect_success 'a worktree reads its own cases; a guess at the firm that libgit2 does not share (core.worktree) is dropped' '
	git worktree add -q ../wt &&
	docket list >../top.out &&
	(cd ../wt && docket list >../wt.out && docket list >../wt2.out) &&
	test_cmp ../top.out ../wt.out &&
	test_cmp ../top.out ../wt2.out &&
	git worktree remove ../wt &&
	# a git directory whose work tree is this firm (core.worktree), in a
	# directory of 80 other cases, whose docket.ini is this one (a link:
	# the same stat data, so the cache, copied, fits that directory too)
	mkdir ../decoy &&
	ln docket.ini ../decoy/docket.ini &&
	docket list >/dev/null &&
	cp -R .git ../decoy/.git &&
	git --git-dir=../decoy/.git config core.worktree "$PWD" &&
	for i in $(seq 1 80); do
		mkdir -p ../decoy/cases/2025/d$i &&
		sed -e "s/^id = c3$/id = d$i/" cases/2026/c3/case.ini \
			>../decoy/cases/2025/d$i/case.ini || return 1
	done &&
	(cd ../decoy && docket list >../decoy.out && docket next --all >../decoy-next.out) &&
	test_cmp ../top.out ../decoy.out &&
	docket next --all >../top-next.out &&
	test_cmp ../top-next.out ../decoy-next.out &&
	test_not grep -q "^d1 " ../decoy.out &&
	rm -rf ../decoy
'

test_expect_success 'ID completion reads only the cases the word may be: with no cache, their case.ini alone' '
	rm -f $cache &&
	next_second &&
	opened __complete cases m12 &&
	for i in $(seq 120 129); do echo m$i || return 1; done >../want &&
	test_cmp ../want ../opened &&
	test "$(wc -l <../opened.out)" = 10 &&
	grep -q "^m125	Many 125 (" ../opened.out &&
	next_second &&
	opened __complete cases m12 &&
	test ! -s ../opened &&
	# the other cases (none read by either) are read once, then kept
	next_second &&
	opened list &&
	test "$(wc -l <../opened)" -gt 180 &&
	next_second &&
	opened __complete cases m12 &&
	test ! -s ../opened &&
	opened list &&
	test ! -s ../opened &&
	truth list &&
	# no ID begins so: every case is read, for a client of that name
	rm -f $cache &&
	opened __complete cases "many 12" &&
	test "$(wc -l <../opened)" -gt 200 &&
	grep -q "^m125	Many 125 (" ../opened.out &&
	truth __complete cases m1
'

test_done
