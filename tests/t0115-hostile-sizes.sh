#!/bin/sh
# Hostile sizes: a case.ini or docket.ini of megabytes is read in linear
# time, or refused past the limit (4 MB) with an error naming the file and
# the limit; no command stalls on one file.  The time bounds are generous
# (a sanitized build on a busy machine: a 3.9 MB case.ini takes about 2 s
# under ASan alone, 0.2 s without): before, a 4 MB case.ini of keys took
# 16 s, one of 1 MB of deadlines 30 s, and the merge of a 3.9 MB case.ini
# more than two minutes.
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
docket add --id a1 --client "Ann One" --attorney alice >/dev/null
docket add --id big --client "Big Client" --attorney alice >/dev/null

# big_case FILE MEGABYTES SHAPE: a valid case.ini of about that size:
# keys (one section of many keys), sections (many deadlines), cont (one
# value of many continuation lines)
big_case() {
	python3 - "$@" <<-\PY
	import sys
	path, size, shape = sys.argv[1], float(sys.argv[2]) * 1e6, sys.argv[3]
	out = ["[case]", "id = big", "title = Big v. Acme", "client = Big Client",
	       "opened = 2026-11-22", "stage = intake", "status = open",
	       "attorney = alice", "manager = bob"]
	if shape == "keys":
	    out.append("[extra]")
	elif shape == "cont":
	    out += ["[extra]", "story = start"]
	n, i = sum(len(l) + 1 for l in out), 0
	while n < size:
	    if shape == "keys":
	        l = "key%07d = value number %d of many" % (i, i)
	    elif shape == "sections":
	        l = ("[due \"d%07d\"]\ndate = 2027-01-01\nwhat = deadline %d\n"
	             "who = alice\ndone = 2026-11-01" % (i, i))
	    else:
	        l = "  continued line %d of a long value" % i
	    out.append(l)
	    n += len(l) + 1
	    i += 1
	open(path, "w").write("\n".join(out) + "\n")
	PY
}

big_msg="docket: cases/2026/big/case.ini: too large (10.0 MB); docket reads INI files of up to 4 MB"

test_expect_success 'a 10 MB case.ini: refused at once, naming the file and the limit' '
	big_case cases/2026/big/case.ini 10 keys
	git commit -qam "a 10 MB case.ini"
	test_must_fail timeout 5 docket show big 2>../err
	test "$(cat ../err)" = "$big_msg"
	test_refused timeout 5 docket set big client.phone=1
	test "$(cat ../err)" = "$big_msg"
	test_refused timeout 5 docket note big -m "a call"
	test "$(cat ../err)" = "$big_msg"
'

test_expect_success 'list, due and report name the refused case and go on with the rest' '
	test_must_fail timeout 5 docket list >../out 2>../err
	test "$(cat ../err)" = "$big_msg"
	test "$(cut -d" " -f1 ../out)" = a1
	docket due a1 2026-12-01 "File the claim" >/dev/null
	test_must_fail timeout 5 docket due >../out 2>../err
	test "$(cat ../err)" = "$big_msg"
	grep -q "^2026-12-01  in 9 days  *a1  *file-claim  *bob  *File the claim$" ../out
	test_must_fail timeout 5 docket report --json >../out 2>../err
	python3 - ../out <<-\PY
	import json, sys
	r = json.load(open(sys.argv[1]))
	assert r["open"] == 1, r["open"]
	assert r["errors"] == [{"file": "cases/2026/big/case.ini", "line": None,
	    "message": "too large (10.0 MB); docket reads INI files of up to 4 MB"}], r["errors"]
	PY
	test_must_fail timeout 5 docket check >../out
	grep -q "^error: cases/2026/big/case.ini: too large (10.0 MB)" ../out
'

test_expect_success 'one byte past the limit is refused; at the limit is read' '
	big_case ../at 3.97 keys
	python3 -c "import sys; d = open(sys.argv[1]).read(); d += \"#\" * (4000000 - len(d) - 1) + \"\\n\"; open(sys.argv[1], \"w\").write(d)" ../at
	test "$(wc -c <../at)" = 4000000
	cp ../at cases/2026/big/case.ini
	timeout 10 docket show big >/dev/null
	echo "#" >>cases/2026/big/case.ini
	test_must_fail docket show big 2>../err
	test "$(cat ../err)" = "docket: cases/2026/big/case.ini: too large (4.0 MB); docket reads INI files of up to 4 MB"
'

for shape in keys sections cont; do
	test_expect_success "a 3.9 MB case.ini ($shape) is read and written in seconds" '
		big_case cases/2026/big/case.ini 3.9 '$shape'
		git commit -qam "3.9 MB of '$shape'"
		timeout 30 docket list >../out
		grep -q "^big " ../out
		timeout 30 docket show big >../out
		timeout 30 docket due >/dev/null
		timeout 30 docket report --json >/dev/null
		timeout 30 docket set big client.phone=555 >/dev/null
		test "$(ini_get cases/2026/big/case.ini client.phone)" = 555
		test_repo_clean
	'
done

test_expect_success 'a new deadline in a case of 40,000 like it is named at once' '
	python3 -c "import sys; open(sys.argv[1], \"a\").write(\"\".join(\"\\n[due \\\"call-%d\\\"]\\ndate = 2027-01-01\\nwhat = Call\\n\" % i for i in range(1, 40000)))" cases/2026/a1/case.ini
	git commit -qam "40,000 deadlines"
	timeout 10 docket due a1 2027-01-02 "Call" >../out
	test "$(cat ../out)" = "a1: deadline call on 2027-01-02"
	timeout 10 docket due a1 2027-01-03 "Call" >../out
	test "$(cat ../out)" = "a1: deadline call-40000 on 2027-01-03"
	git checkout -q HEAD~3 -- cases/2026/a1/case.ini
	git commit -qm "a1 as it was"
'

test_expect_success 'the value of many continuation lines reads whole' '
	test "$(docket show big --json | python3 -c "import json, sys; v = json.load(sys.stdin)[\"sections\"][\"extra\"][\"story\"].split(\"\\n\"); print(len(v), v[-1])")" = \
		"$(python3 -c "import configparser; c = configparser.RawConfigParser(); c.read(\"cases/2026/big/case.ini\"); v = c.get(\"extra\", \"story\").split(\"\\n\"); print(len(v), v[-1])")"
	test "$(ini_get cases/2026/big/case.ini case.client)" = "Big Client"
'

test_expect_success 'setting a key of many continuation lines replaces them all' '
	timeout 30 docket set big extra.story=short >/dev/null
	test "$(ini_get cases/2026/big/case.ini extra.story)" = short
	test "$(wc -l <cases/2026/big/case.ini)" -lt 20
	test_repo_clean
'

test_expect_success 'a 3.9 MB case.ini changed on both sides merges in seconds' '
	big_case ../base.ini 3.9 keys
	sed "s/^key0000005 = .*/key0000005 = ours/; s/^client = Big Client$/client = Ours/" ../base.ini >../ours.ini
	sed "s/^key0070000 = .*/key0070000 = theirs/; s/^client = Big Client$/client = Theirs/" ../base.ini >../theirs.ini
	DOCKET_USER=bob timeout 30 docket merge-driver ../base.ini ../ours.ini ../theirs.ini cases/2026/big/case.ini 2>../err
	test "$(ini_get ../ours.ini extra.key0000005)" = ours
	test "$(ini_get ../ours.ini extra.key0070000)" = theirs
	grep -q "^client = " ../ours.ini
	grep -q "case.client: kept" ../err
	test "$(ls cases/2026/big/notes | wc -l)" = 1
	rm -r cases/2026/big/notes
	test_repo_clean
'

test_expect_success 'a merge where theirs adds 45,000 keys and both sides add comments' '
	big_case ../base.ini 1.5 keys
	big_case ../theirs.ini 3.2 keys
	cp ../base.ini ../ours.ini
	sed -i "s/^client = Big Client$/client = Ours/" ../ours.ini
	python3 -c "import sys; open(sys.argv[1], \"a\").write(\"\".join(\"# ours %d\\n\" % i for i in range(20000)))" ../ours.ini
	python3 -c "import sys; open(sys.argv[1], \"a\").write(\"\".join(\"# theirs %d\\n\" % i for i in range(20000)))" ../theirs.ini
	DOCKET_USER=bob timeout 30 docket merge-driver ../base.ini ../ours.ini ../theirs.ini cases/2026/big/case.ini
	test "$(ini_get ../ours.ini case.client)" = Ours
	test "$(python3 -c "import configparser, sys; c = configparser.RawConfigParser(); c.read(sys.argv[1]); print(len(c[\"extra\"]))" ../ours.ini)" = \
		"$(python3 -c "import configparser, sys; c = configparser.RawConfigParser(); c.read(sys.argv[1]); print(len(c[\"extra\"]))" ../theirs.ini)"
	test "$(grep -c "^# theirs " ../ours.ini)" = 20000
	test "$(grep -c "^# ours " ../ours.ini)" = 20000
	test_repo_clean
'

# staff FILE N: N staff entries appended to docket.ini
staff() {
	python3 - "$@" <<-\PY
	import sys
	with open(sys.argv[1], "a") as f:
	    for i in range(int(sys.argv[2]) - 1, -1, -1):
	        f.write("\n[staff \"s%06d\"]\nname = Staff %d\nemail = s%d@firm.example\n"
	                "role = %s\n" % (i, i, i, "attorney" if i % 2 else "manager"))
	PY
}

test_expect_success 'a docket.ini of 20,000 staff: every command answers in seconds' '
	cp docket.ini ../docket.ini.good
	staff docket.ini 20000
	git commit -qam "20,000 staff"
	timeout 10 docket show a1 >/dev/null
	timeout 10 docket list >/dev/null
	timeout 10 docket report --json >../out
	test "$(python3 -c "import json, sys; print(len(json.load(open(sys.argv[1]))[\"caseload\"]))" ../out)" = 20003
	timeout 10 docket set a1 case.attorney=s000001 >/dev/null
	test "$(ini_get cases/2026/a1/case.ini case.attorney)" = s000001
	DOCKET_USER=s019999 timeout 10 docket note a1 -m "from the last of them" >/dev/null
	git log -1 --format=%s | grep -q "^note(a1)"
	test_repo_clean
'

test_expect_success 'a docket.ini past the limit (100,000 staff) is refused by every command' '
	cp ../docket.ini.good docket.ini
	staff docket.ini 100000
	git commit -qam "100,000 staff"
	test_refused timeout 5 docket note a1 -m x
	grep -q "^docket: docket.ini: too large ([0-9.]* MB); docket reads INI files of up to 4 MB$" ../err
	test_must_fail timeout 5 docket list 2>../err
	grep -q "^docket: docket.ini: too large" ../err
	cp ../docket.ini.good docket.ini
	git commit -qam "staff as before"
'

test_expect_success 'a docket.ini that is not a regular file is refused, not waited on' '
	mv docket.ini ../docket.ini.kept
	mkfifo docket.ini
	test_must_fail timeout 5 docket list 2>../err
	test "$(cat ../err)" = "docket: cannot read docket.ini: not a regular file"
	rm docket.ini
	mv ../docket.ini.kept docket.ini
	test_repo_clean
'

test_done
