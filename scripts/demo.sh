#!/bin/sh
# demo.sh - make a sample firm (a dozen invented cases) with docket's own
# commands at chosen dates, then show what docket shows.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
# (tests/t0006-demo.sh runs it with its own docket and directory)
docket="${DEMO_DOCKET:-$top/docket}"
out="${DEMO_DIR:-$top/build}"
firm="$out/demo-firm"
export TZ=UTC
# the sample firm's people, whatever the user's own git identity is
export GIT_AUTHOR_NAME="Bob Diaz" GIT_AUTHOR_EMAIL="bob@firm.example"
export GIT_COMMITTER_NAME="Bob Diaz" GIT_COMMITTER_EMAIL="bob@firm.example"
unset DOCKET_USER

rm -rf "$firm"
mkdir -p "$out"
at() { DOCKET_NOW=$1; export DOCKET_NOW; }
d() { "$docket" -C "$firm" "$@"; }

at 2026-01-05
"$docket" init "$firm" --name "Example Injury Law" >/dev/null
sed -i 's/^role = attorney$/role = manager/' "$firm/docket.ini"
cat >>"$firm/docket.ini" <<'INI'

[staff "alice"]
name = Alice Chen
email = alice@firm.example
role = attorney

[staff "carol"]
name = Carol Park
email = carol@firm.example
role = manager
INI
# the intake tasks docket.ini offers (each a deadline when a case enters
# intake), and the demand stage's requirements
sed -i 's/^# task = /task = /; s/^# requires = records-complete, lor-sent$/requires = records-complete, lor-sent/' \
	"$firm/docket.ini"
# (on the day docket's own commits are made, so the demo is the same each run)
GIT_DIR="$firm/.git" GIT_WORK_TREE="$firm" GIT_AUTHOR_DATE="$DOCKET_NOW 12:00 +0000" \
	GIT_COMMITTER_DATE="$DOCKET_NOW 12:00 +0000" git -c user.name="Bob Diaz" \
	-c user.email=bob@firm.example commit -qam "staff: alice, carol; intake tasks"

# id client incident type manager opened defendant state
newcase() {
	at "$6"
	d add --id "$1" --client "$2" --incident "$3" --type "$4" \
		--attorney alice --manager "$5" --title "$2 v. ${7:-Unknown}" \
		${8:+--state "$8"} >/dev/null
}
newcase smith-2601 "John Smith" 2025-12-20 truck bob 2026-01-05 "Acme Freight" TX
newcase garcia-2602 "Maria Garcia" 2026-01-02 auto bob 2026-01-12 "Lee" CA
newcase chen-2603 "Wei Chen" 2025-03-15 premises carol 2026-01-20 "Northgate Mall" TX
newcase okafor-2604 "Ada Okafor" 2026-02-01 motorcycle bob 2026-02-10 "Rivera"
newcase brown-2605 "Sam Brown" 2026-02-14 dog-bite carol 2026-02-20 "Hale" CA
newcase novak-2606 "Ivana Novak" 2026-03-01 auto bob 2026-03-09 "Patel" NY
newcase diaz-2607 "Luis Diaz" 2026-03-20 truck carol 2026-04-01 "Big Rig Logistics" TX
newcase kim-2608 "Grace Kim" 2026-04-11 auto bob 2026-04-20 "Ortiz"
newcase walsh-2609 "Tom Walsh" 2026-05-02 premises carol 2026-05-11 "Cityplex" CA
newcase haddad-2610 "Rami Haddad" 2026-06-15 auto bob 2026-06-22 "Moore" CA
newcase lopez-2611 "Elena Lopez" 2026-08-03 med-mal carol 2026-08-10 "St. Agnes Clinic" FL
newcase young-2612 "Chris Young" 2026-10-28 auto bob 2026-11-02 "Grant" NY

# the facts the law's deadlines follow: a minor, government defendants
at 2026-02-21; d set brown-2605 client.dob=2013-04-09 >/dev/null 2>&1
at 2026-05-12; d set walsh-2609 defendant.springfield.name="City of Springfield" \
	defendant.springfield.kind=government >/dev/null 2>&1
at 2026-06-23; d set haddad-2610 defendant.county-transit.name="County Transit District" \
	defendant.county-transit.kind=government >/dev/null 2>&1
at 2026-11-03; d set young-2612 defendant.mta.name="Metropolitan Transportation Authority" \
	defendant.mta.kind=government >/dev/null 2>&1

# smith: a truck case that went all the way to settlement and closed
at 2026-01-06; d set smith-2601 client.phone="+1 555 0101" insurance.carrier="Great Plains Mutual" insurance.policy=commercial >/dev/null
at 2026-01-07; d note smith-2601 --kind call -m "Intake call. Rear-ended by an 18-wheeler on I-70; neck and back pain." >/dev/null
at 2026-01-08; d provider smith-2601 "Mercy Hospital" --type er --visit 2025-12-20 --discharged 2025-12-20 >/dev/null
at 2026-01-08; d policy smith-2601 bi-gpm --coverage bi --carrier "Great Plains Mutual" \
	--insured "Acme Freight" --claim GP-26-0107 --adjuster "Dana Roe" --limits 1,000,000 \
	--commercial --lor-sent >/dev/null
at 2026-01-20; d advance-stage smith-2601 -m "Treating with Dr. Ames, PT twice a week" >/dev/null
at 2026-01-20; d provider smith-2601 "Dr. Ames" --type ortho --visit 2026-01-20 >/dev/null
at 2026-01-22; d provider smith-2601 "Riverside PT" --type pt --visit 2026-01-22 >/dev/null
at 2026-04-15; d provider smith-2601 ames --visit 2026-04-10 --discharged 2026-04-10 >/dev/null
at 2026-04-15; d provider smith-2601 riverside --visit 2026-04-14 --discharged 2026-04-14 >/dev/null
at 2026-04-15; d advance-stage smith-2601 -m "Final PT visit; requesting records" >/dev/null
for p in mercy ames riverside; do
	at 2026-04-15; d records smith-2601 $p --request >/dev/null
done
at 2026-04-24; d records smith-2601 mercy --receive --billed 8,420.17 >/dev/null
at 2026-04-28; d records smith-2601 ames --receive --billed 14,300 >/dev/null
at 2026-05-01; d records smith-2601 riverside --receive --billed 6,150 >/dev/null
at 2026-05-01; d advance-stage smith-2601 -m "All medical records in" >/dev/null
at 2026-05-03; d demand smith-2601 1,000,000 --policy bi-gpm >/dev/null
at 2026-05-03; d advance-stage smith-2601 -m "Demand sent: policy limits" >/dev/null
at 2026-07-20; d advance-stage smith-2601 settlement -m "Settled at mediation" >/dev/null
at 2026-08-15; d advance-stage smith-2601 -m "Funds disbursed" >/dev/null

# garcia: in records, stuck past the 30-day limit
at 2026-01-14; d note garcia-2602 --kind call -m "Client doing PT, **improving**." >/dev/null
at 2026-02-01; d advance-stage garcia-2602 >/dev/null
at 2026-09-15; d advance-stage garcia-2602 -m "Treatment done; ordering records" >/dev/null
at 2026-09-20; d provider garcia-2602 "County General Hospital" --type hospital --visit 2026-01-02 --discharged 2026-01-03 >/dev/null
at 2026-09-20; d provider garcia-2602 "Westside PT" --type pt --visit 2026-01-14 --visit 2026-09-10 --discharged 2026-09-10 >/dev/null
at 2026-09-20; d records garcia-2602 county --request >/dev/null
at 2026-09-21; d records garcia-2602 westside --request >/dev/null
at 2026-10-15; d records garcia-2602 westside --receive --only records >/dev/null
at 2026-10-02; d policy garcia-2602 bi-lee --coverage bi --carrier "Pacific Auto Insurance" \
	--insured "Tom Lee" --claim PA-5521 --limits 50000 --lor-sent 2026-01-13 >/dev/null
at 2026-10-02; d policy garcia-2602 pip --coverage pip --carrier "Golden State Mutual" --lor-sent 2026-01-13 >/dev/null
at 2026-10-01; d note garcia-2602 --kind email -m "Asked client to sign the records release." >/dev/null

# chen: complex premises case, escalated, negotiating
at 2026-02-02; d advance-stage chen-2603 >/dev/null
at 2026-03-10; d note chen-2603 --kind call -m "Client says she blacked out after the fall and is forgetful since." >/dev/null
at 2026-03-11; d escalate chen-2603 --reason medical -m "Loss of consciousness after fall; possible TBI" >/dev/null
at 2026-03-13; d escalate chen-2603 --resolve -m "Referred to neurologist; keep treating" >/dev/null
at 2026-02-03; d policy chen-2603 gl-northgate --coverage bi --carrier "Keystone Commercial" \
	--insured "Northgate Mall LLC" --claim KC-88-310 --adjuster "Sam Ortiz" \
	--phone "+1 555 0177" --limits 2,000,000 --commercial --lor-sent >/dev/null
at 2026-03-12; d provider chen-2603 "Dr. Lin, Neurology" --type neuro --visit 2026-03-12 >/dev/null
at 2026-07-01; d provider chen-2603 lin --visit 2026-06-24 --discharged 2026-06-24 --billed 21,870 --paid 4,000 >/dev/null
at 2026-07-01; d advance-stage chen-2603 >/dev/null
at 2026-07-01; d records chen-2603 lin --request >/dev/null
at 2026-07-29; d records chen-2603 lin --receive >/dev/null
at 2026-08-01; d advance-stage chen-2603 >/dev/null
at 2026-08-03; d demand chen-2603 350,000 --policy gl-northgate --expires 2026-09-02 >/dev/null
at 2026-08-03; d advance-stage chen-2603 >/dev/null
at 2026-11-06; d offer chen-2603 40,000 --policy gl >/dev/null
at 2026-11-10; d note chen-2603 --kind call -m "Offer of 40k relayed; client considering." >/dev/null
at 2026-11-10; d due chen-2603 --done offer-1 >/dev/null
at 2026-11-10; d due chen-2603 --done demand-1-expires >/dev/null

# okafor: treatment, client unhappy (a suggested escalation)
at 2026-02-20; d advance-stage okafor-2604 >/dev/null
at 2026-02-20; d provider okafor-2604 "Dr. Patel" --type pcp --visit 2026-02-18 >/dev/null
at 2026-09-10; d provider okafor-2604 patel --visit 2026-09-10 >/dev/null
at 2026-11-15; d note okafor-2604 --kind call -m "Client is frustrated with the pace and mentioned another lawyer." >/dev/null

# brown: dog bite, in treatment, no contact since spring (stale)
at 2026-03-01; d advance-stage brown-2605 >/dev/null
at 2026-03-05; d note brown-2605 --kind text -m "Stitches out; scar treatment next." >/dev/null

# novak: demand stage, the 72-hour demand deadline is overdue
at 2026-03-20; d advance-stage novak-2606 >/dev/null
at 2026-03-10; d provider novak-2606 "County General Hospital" --type hospital --visit 2026-03-01 >/dev/null
at 2026-03-10; d policy novak-2606 bi-patel --coverage bi --carrier "Empire Casualty" --claim EC-40417 --lor-sent >/dev/null
at 2026-10-01; d provider novak-2606 county --visit 2026-09-25 --discharged 2026-09-25 >/dev/null
at 2026-10-01; d advance-stage novak-2606 >/dev/null
at 2026-10-01; d records novak-2606 county --request >/dev/null
at 2026-10-20; d records novak-2606 county --receive --only bills --billed 31,245.60 >/dev/null
at 2026-11-18; d records novak-2606 county --receive >/dev/null
at 2026-11-18; d advance-stage novak-2606 -m "Last records from County General arrived" >/dev/null
at 2026-11-19; d note novak-2606 --kind call -m "Told client the demand goes out this week." >/dev/null

# diaz: an 18-wheeler and a coverage fight, open escalation to the attorney
at 2026-04-02; d set diaz-2607 insurance.carrier="Interstate Casualty" insurance.policy=commercial >/dev/null
at 2026-04-03; d escalate diaz-2607 --reason complexity -m "Tractor-trailer; preserve the truck's black box data" >/dev/null
at 2026-04-05; d escalate diaz-2607 --resolve -m "Preservation letter sent" >/dev/null
at 2026-11-16; d note diaz-2607 --kind call -m "Carrier denied the claim; says coverage lapsed." >/dev/null
at 2026-11-17; d escalate diaz-2607 --reason coverage -m "Carrier denies coverage; need the policy" >/dev/null

# kim, walsh, haddad: treatment and records, kept in touch
at 2026-05-01; d advance-stage kim-2608 >/dev/null
at 2026-11-05; d note kim-2608 --kind call -m "Still in PT; pain 3/10." >/dev/null
at 2026-11-05; d provider kim-2608 "Eastside PT" --type pt --visit 2026-05-02 --visit 2026-11-04 >/dev/null
at 2026-05-20; d advance-stage walsh-2609 >/dev/null
at 2026-10-25; d advance-stage walsh-2609 >/dev/null
at 2026-11-12; d note walsh-2609 --kind portal -m "Uploaded the MRI report to the client portal." >/dev/null
at 2026-07-01; d advance-stage haddad-2610 >/dev/null
at 2026-11-20; d note haddad-2610 --kind meeting -m "Met client at the office; treatment going well." >/dev/null
at 2026-11-20; d due haddad-2610 2026-11-24 "Call adjuster about PIP benefits" >/dev/null
at 2026-11-20; d policy haddad-2610 pip-metro --coverage pip --carrier "Metro Insurance" --limits 15,000 >/dev/null

# lopez: med-mal, an expert review deadline
at 2026-08-12; d note lopez-2611 --kind call -m "Intake call; surgical complication." >/dev/null
at 2026-08-12; d due lopez-2611 --done call-client >/dev/null
at 2026-08-13; d due lopez-2611 --done send-letters >/dev/null
at 2026-04-02; d due diaz-2607 --done call-client >/dev/null
at 2026-04-03; d due diaz-2607 --done send-letters >/dev/null
at 2026-08-20; d due lopez-2611 2026-11-25 "Expert review of the chart" --name expert >/dev/null

# young: brand new
at 2026-11-03; d note young-2612 --kind call -m "Welcome call; explained the process." >/dev/null
at 2026-11-03; d due young-2612 --done call-client >/dev/null

# client inquiries: kim's answered within the day, brown's still open
at 2026-11-18; d note kim-2608 --kind inquiry --at 2026-11-18T09:10 -m "Voicemail: can I switch PT clinics?" >/dev/null
at 2026-11-18; d note kim-2608 --kind call --at 2026-11-18T11:40 -m "Called back: yes, tell us the new clinic." >/dev/null
at 2026-11-21; d note brown-2605 --kind inquiry --at 2026-11-21T08:05 -m "Portal message: the scar is itching, is that normal?" >/dev/null

# a hand-off: carol's walsh case goes to bob
at 2026-11-20; d assign walsh-2609 --manager bob -m "Carol's caseload is full" >/dev/null

at 2026-11-22
bold=$(printf '\033[1m'); off=$(printf '\033[0m')
[ -t 1 ] && [ -z "${NO_COLOR:-}" ] || { bold=; off=; }
show() { printf '\n%s$ docket %s%s\n' "$bold" "$*" "$off"; d "$@"; }

echo "A sample firm of 12 invented cases is in $firm (as of $DOCKET_NOW)."
show next --all --limit 15
show agenda alice bob
show report
show list --status all
show records
show provider garcia-2602
show show chen-2603
show log novak-2606
d report --html "$out/demo-report.html"
cat <<EOF2

The same report as one web page: $out/demo-report.html
Try it yourself:
  cd $firm && DOCKET_NOW=2026-11-22 $docket report
EOF2
