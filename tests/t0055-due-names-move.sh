#!/bin/sh
# deadlines: short names from the text, prefixes, --move, weekdays,
# and a warning for a date in calendar days that falls on a weekend
. "$(dirname "$0")/lib.sh"

DOCKET_NOW=2026-11-24	# a Tuesday
export DOCKET_NOW
make_firm
cd firm
docket add --id a1 --client "Ann One" --attorney alice --manager bob >/dev/null

test_expect_success 'names: the first significant words, 20 characters at most, -2 included' '
	docket due a1 friday "Call adjuster about PIP" >../out
	docket due a1 "next Friday" "Call the adjuster about PIP" >>../out
	docket due a1 +1w "Request the complete certified medical records" >>../out
	docket due a1 +1w "Supercalifragilisticexpialidocious" >>../out
	docket due a1 +1w "Supercalifragilisticexpialidocious" >>../out
	docket due a1 +1w "To the" >>../out
	docket due a1 +1w "A very long name given by hand" --name a-name-given-by-hand-of-32-chars >>../out
	cat >../expect <<-\EOF
	a1: deadline call-adjuster-pip on 2026-11-27
	a1: deadline call-adjuster-pip-2 on 2026-12-04
	a1: deadline request-complete on 2026-12-01
	a1: deadline supercalifragilistic on 2026-12-01
	a1: deadline supercalifragilist-2 on 2026-12-01
	a1: deadline to-the on 2026-12-01
	a1: deadline a-name-given-by-hand-of-32-chars on 2026-12-01
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'a date in calendar days on a weekend: a warning naming the day' '
	docket due a1 +4d "Serve the defendant" >../out 2>../err
	echo "a1: deadline serve-defendant on 2026-11-28" >../expect
	test_cmp ../expect ../out
	echo "docket: warning: 2026-11-28 (+4d) is a Saturday; +Nbd counts business days" >../expect
	test_cmp ../expect ../err
	docket due a1 +5bd "File the motion" >../out 2>../err
	echo "a1: deadline file-motion on 2026-12-02" >../expect
	test_cmp ../expect ../out
	test_must_fail test -s ../err
	docket due a1 2026-11-29 "On a Sunday, typed as a date" 2>../err >/dev/null
	test_must_fail test -s ../err
'

test_expect_success '--done and --move take a unique prefix of a name' '
	docket due a1 --done req >../out
	echo "a1: deadline request-complete done" >../expect
	test_cmp ../expect ../out
	test_refused docket due a1 --done call
	echo "docket: '"'call'"' is more than one deadline of a1: call-adjuster-pip, call-adjuster-pip-2" >../expect
	test_cmp ../expect ../err
	test_refused docket due a1 --done nope
	echo "docket: a1 has no deadline '"'nope'"' (it has: call-adjuster-pip, call-adjuster-pip-2, request-complete, supercalifragilistic, supercalifragilist-2, to-the, a-name-given-by-hand-of-32-chars, serve-defendant, file-motion, sunday-typed-date)" >../expect
	test_cmp ../expect ../err
'

test_expect_success 'due ID --move NAME DATE -m WHY: the commit says from and to' '
	docket due a1 --move call-adjuster-pip-2 +5d -m "Adjuster out until then" >../out 2>../err
	echo "a1: deadline call-adjuster-pip-2 moved from 2026-12-04 to 2026-11-29" >../expect
	test_cmp ../expect ../out
	echo "docket: warning: 2026-11-29 (+5d) is a Sunday; +Nbd counts business days" >../expect
	test_cmp ../expect ../err
	test "$(ini_get cases/2026/a1/case.ini due.call-adjuster-pip-2.date)" = 2026-11-29
	test "$(git log -1 --format=%s)" = "due(a1): move call-adjuster-pip-2 2026-12-04 -> 2026-11-29: Adjuster out until then"
	docket due a1 --move serve mon >../out
	echo "a1: deadline serve-defendant moved from 2026-11-28 to 2026-11-30" >../expect
	test_cmp ../expect ../out
	test "$(git log -1 --format=%s)" = "due(a1): move serve-defendant 2026-11-28 -> 2026-11-30"
	test_repo_clean
'

test_expect_success 'a computed deadline moved by hand is kept as set' '
	docket add --id b2 --client "Ben Two" --incident 2025-06-01 --attorney alice --manager bob >/dev/null
	docket due b2 --move sol 2027-05-28 >../out
	echo "b2: deadline sol moved from 2027-06-01 to 2027-05-28" >../expect
	test_cmp ../expect ../out
	test "$(ini_get cases/2026/b2/case.ini due.sol.basis)" = manual
'

test_expect_success '--move refused: done, the same date, no such deadline, bad date' '
	test_refused docket due a1 --move request-complete +3d
	test "$(cat ../err)" = "docket: deadline '"'request-complete'"' of a1 was done on 2026-11-24; a deadline done does not move"
	test_refused docket due a1 --move file-motion 2026-12-02
	test "$(cat ../err)" = "docket: deadline '"'file-motion'"' of a1 is on 2026-12-02 already"
	test_refused docket due a1 --move nope +1d
	test_refused docket due a1 --move file-motion someday
	test "$(cat ../err)" = "docket: '"'someday'"' is not a date (use YYYY-MM-DD, today, tomorrow, yesterday, friday, next friday, +3d, +2w, +1m or +5bd)"
	test_refused docket due a1 --move file-motion +1d -m "two
lines"
	test_refused --code=2 docket due a1 --move file-motion
	test_refused --code=2 docket due a1 --move file-motion +1d extra
	test_refused --code=2 docket due a1 --done file-motion --move file-motion
	test_refused --code=2 docket due a1 +1d "x" -m why
	test_refused --code=2 docket due --move file-motion
'

test_expect_success 'set takes the same dates: weekdays, and the weekend warning' '
	docket set a1 due.file-motion.date=thursday >../out 2>../err
	test "$(ini_get cases/2026/a1/case.ini due.file-motion.date)" = 2026-11-26
	test_must_fail test -s ../err
	docket set a1 due.file-motion.date=+4d >../out 2>../err
	test "$(ini_get cases/2026/a1/case.ini due.file-motion.date)" = 2026-11-28
	echo "docket: warning: 2026-11-28 (+4d) is a Saturday; +Nbd counts business days" >../expect
	test_cmp ../expect ../err
'

test_expect_success 'show: deadlines by date, the late first, done last; long names cut with …' '
	docket add --id c3 --client "Cy Three" --attorney alice --manager bob >/dev/null
	docket due c3 2026-12-10 "Later" --name later >/dev/null
	docket due c3 2026-11-20 "Late already" --name late >/dev/null
	docket due c3 2026-12-01 "A long name" --name a-name-given-by-hand-of-32-chars >/dev/null
	docket due c3 2026-11-10 "Done long ago" --name done-one >/dev/null
	docket due c3 --done done-one >/dev/null
	docket show c3 >../out
	sed -n "/^Deadlines/,/^\$/p" ../out >../actual
	cat >../expect <<-\EOF
	Deadlines
	  2026-11-20  4 days late     late                 bob      Late already
	  2026-12-01  in 7 days       a-name-given-by-han… bob      A long name
	  2026-12-10  in 16 days      later                bob      Later
	  2026-11-10  done 2026-11-24  done-one             bob      Done long ago
	EOF
	test_cmp ../expect ../actual
	docket due >../out
	grep -xF "2026-12-01  in 7 days       c3               a-name-given-by-han… bob      A long name" ../out
'

test_done
