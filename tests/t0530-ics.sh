#!/bin/sh
# due --ics: an RFC 5545 calendar of the open deadlines (with reminders;
# those done in the last 30 days cancelled), checked octet by
# octet and read back by a real iCalendar parser (ical.js, from npm,
# installed under the build directory when it is not there yet).
. "$(dirname "$0")/lib.sh"

make_firm firm >/dev/null
(cd firm &&
	docket add --id smith-7k2p --client "John Smith" --title "Smith v. Acme Freight" \
		--incident 2026-10-03 --attorney alice --manager bob >/dev/null &&
	docket due smith-7k2p 2026-11-25 "Send records request, then call; the adjuster \\ now" \
		--name records >/dev/null &&
	docket due smith-7k2p 2026-11-20 "Überprüfung der Röntgenbilder — the radiology review that is already late" \
		--name radiology --who carol >/dev/null &&
	docket due smith-7k2p 2026-12-01 "Done already" --name done >/dev/null &&
	docket due smith-7k2p --done done >/dev/null &&
	docket add --id closed-1 --client "Old Case" --incident 2026-01-01 >/dev/null &&
	docket advance-stage closed-1 closed >/dev/null)

test_expect_success 'due --ics: a calendar of the open deadlines' '
	docket -C firm due --ics >cal.ics
	head -n 5 cal.ics | tr -d "\r" >head
	cat >expect <<-\EOT
	BEGIN:VCALENDAR
	VERSION:2.0
	PRODID:-//docket//docket//EN
	CALSCALE:GREGORIAN
	X-WR-CALNAME:Example Injury Law deadlines
	EOT
	test_cmp expect head
	tail -n 1 cal.ics | tr -d "\r" >tail
	echo END:VCALENDAR >expect
	test_cmp expect tail
	test "$(grep -c "^BEGIN:VEVENT" cal.ics)" = 4
	test "$(grep -c "^END:VEVENT" cal.ics)" = 4
'

test_expect_success 'every line ends in CRLF, is at most 75 octets, and is whole UTF-8' '
	python3 - cal.ics <<-\EOT
	import sys
	data = open(sys.argv[1], "rb").read()
	assert data.endswith(b"\r\n"), "no CRLF at the end"
	lines = data[:-2].split(b"\r\n")
	folded = 0
	for n, line in enumerate(lines, 1):
	    assert b"\n" not in line and b"\r" not in line, "bare LF or CR in line %d" % n
	    assert len(line) <= 75, "line %d is %d octets" % (n, len(line))
	    line.decode("utf-8")            # no character cut in two
	    folded += line.startswith(b" ")
	assert folded >= 2, "nothing was folded"
	EOT
'

test_expect_success 'the same deadlines give the same bytes' '
	docket -C firm due --ics >again.ics
	cmp cal.ics again.ics
'

test_expect_success 'text is escaped: backslash, semicolon, comma' '
	tr -d "\r" <cal.ics | sed -e ":a" -e "N" -e "\$!ba" -e "s/\n //g" >unfolded
	grep -qxF "SUMMARY:Send records request\\, then call\\; the adjuster \\\\ now (smith-7k2p)" unfolded
	grep -qxF "DESCRIPTION:Case smith-7k2p: Smith v. Acme Freight\\nDeadline: records\\nWho: bob" unfolded
	firm=$(git -C firm rev-list --max-parents=0 HEAD | cut -c1-12)
	grep -qx "UID:smith-7k2p+records@$firm.docket" unfolded
	grep -qx "DTSTART;VALUE=DATE:20261125" unfolded
	grep -qx "DTEND;VALUE=DATE:20261126" unfolded
	grep -qx "DTSTAMP:20261122T120000Z" unfolded
'

# ical.js, from npm, kept under the build directory
node_dir=$DOCKET_BUILD/node
ical_js() {
	if [ ! -f "$node_dir/node_modules/ical.js/package.json" ]; then
		mkdir -p "$node_dir" &&
		npm install --prefix "$node_dir" --no-audit --no-fund --silent \
			ical.js@2.2.1 >"$TRASH/npm.log" 2>&1 ||
			{ cat "$TRASH/npm.log" >&2; return 1; }
	fi
	NODE_PATH="$node_dir/node_modules" node "$@"
}

cat >parse.js <<'EOF'
// Print each event of the calendar on stdin as one line, as ical.js reads it.
const ICAL = require("ical.js");
const text = require("fs").readFileSync(0, "utf8");
const cal = new ICAL.Component(ICAL.parse(text));
console.log("calendar: " + cal.getFirstPropertyValue("x-wr-calname"));
for (const v of cal.getAllSubcomponents("vevent")) {
	const e = new ICAL.Event(v);
	const alarms = v.getAllSubcomponents("valarm").map(a =>
		a.getFirstPropertyValue("action") + " " +
		a.getFirstPropertyValue("trigger").toString());
	console.log([e.uid, e.startDate.toString(), e.endDate.toString(),
		e.startDate.isDate ? "all-day" : "timed", e.summary,
		JSON.stringify(e.description),
		v.getFirstPropertyValue("status") || "-",
		alarms.join(", ") || "no alarm"].join(" | "));
}
EOF

test_expect_success 'ical.js reads every event back: uid, date, all-day, summary, status, alarms' '
	ical_js parse.js <cal.ics >out
	firm=$(git -C firm rev-list --max-parents=0 HEAD | cut -c1-12)
	sed "s/@docket /@$firm.docket /" >expect <<-\EOT
	calendar: Example Injury Law deadlines
	smith-7k2p+radiology@docket | 2026-11-20 | 2026-11-21 | all-day | Überprüfung der Röntgenbilder — the radiology review that is already late (smith-7k2p) | "Case smith-7k2p: Smith v. Acme Freight\nDeadline: radiology\nWho: carol" | - | DISPLAY -P1D
	smith-7k2p+records@docket | 2026-11-25 | 2026-11-26 | all-day | Send records request, then call; the adjuster \ now (smith-7k2p) | "Case smith-7k2p: Smith v. Acme Freight\nDeadline: records\nWho: bob" | - | DISPLAY -P1D
	smith-7k2p+done@docket | 2026-12-01 | 2026-12-02 | all-day | Done already (smith-7k2p) | "Case smith-7k2p: Smith v. Acme Freight\nDeadline: done\nWho: bob" | CANCELLED | no alarm
	smith-7k2p+sol@docket | 2028-10-03 | 2028-10-04 | all-day | Statute of limitations (smith-7k2p) | "Case smith-7k2p: Smith v. Acme Freight\nDeadline: sol\nWho: alice" | - | DISPLAY -P30D, DISPLAY -P7D, DISPLAY -P1D
	EOT
	test_cmp expect out
'

test_expect_success 'a deadline done stays cancelled for 30 days after the day it was done, then leaves' '
	DOCKET_NOW=2026-12-22 docket -C firm due --ics | ical_js parse.js >out
	grep -q "^smith-7k2p+done@[0-9a-f]\{12\}\.docket | 2026-12-01 | .* | CANCELLED | no alarm$" out
	DOCKET_NOW=2026-12-23 docket -C firm due --ics | ical_js parse.js >out
	test_not grep -q "+done@" out
	docket -C firm due >out
	test_not grep -q " done " out
'

test_expect_success 'a moved deadline keeps its UID, so a re-import updates it' '
	docket -C firm set smith-7k2p due.records.date=2026-12-02 >/dev/null
	docket -C firm due --ics | ical_js parse.js | grep "+records@" >out
	grep -q "^smith-7k2p+records@[0-9a-f]\{12\}.docket | 2026-12-02 | 2026-12-03 | all-day" out
	docket -C firm due --ics | grep -c "^UID:" >n
	test "$(cat n)" = 4
'

test_expect_success 'the filters of due apply to --ics' '
	docket -C firm due --ics --who carol | ical_js parse.js >out
	test "$(grep -c "\.docket |" out)" = 1
	grep -q "^smith-7k2p+radiology@[0-9a-f]\{12\}\.docket" out
	# the overdue one, and the one done (cancelled) that it may have had
	docket -C firm due --ics --overdue | grep -c "^BEGIN:VEVENT" >n
	test "$(cat n)" = 2
'

test_expect_success 'no deadlines: an empty calendar that still parses' '
	docket init empty >/dev/null
	docket -C empty due --ics >e.ics
	test "$(tr -d "\r" <e.ics | grep -c "^BEGIN:VEVENT")" = 0
	ical_js parse.js <e.ics >out
	test "$(cat out)" = "calendar: empty deadlines"
'

test_expect_success '--ics goes with neither --json nor a case ID' '
	(cd firm && test_must_fail --code=2 docket due --ics --json) 2>err
	grep -q "cannot go together" err
	(cd firm && test_must_fail --code=2 docket due smith-7k2p --done sol --ics) 2>err
	grep -q "take no case ID" err
	test_repo_clean firm
'

test_done
