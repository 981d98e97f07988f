#!/bin/sh
# docket policy, demand, offer: insurance policies and the letter of
# representation, demands (the 72-hour deadline done, a time-limited
# demand's expiry) and offers (to the client in two business days); show's
# timeline; a demand's policy must exist; every refusal changes nothing.
. "$(dirname "$0")/lib.sh"

make_firm
cd firm
printf "%s\n" out err actual expect expect2 >>.git/info/exclude
at() { DOCKET_NOW=$1; export DOCKET_NOW; }
q() { docket "$@" >/dev/null; }

at 2026-11-16
q add --id smith-7k2p --client "John Smith" --title "Smith v. Acme Freight" \
	--attorney alice --manager bob
ini=cases/2026/smith-7k2p/case.ini
q provider smith-7k2p "Mercy Hospital" --visit 2026-10-04 --discharged 2026-11-01
q records smith-7k2p mercy --receive 2026-11-16

one_commit() {
	test "$(git show --name-only --format= HEAD)" = "$ini"
	test "$(git log -1 --format=%s)" = "$1"
	test_repo_clean
}

due() {
	echo "$(ini_get $ini "due.$1.date") $(ini_get $ini "due.$1.done")" \
		"$(ini_get $ini "due.$1.who") $(ini_get $ini "due.$1.what")"
}

test_expect_success 'a new policy: every key, and the letter of representation in 2 business days' '
	at 2026-11-20
	docket policy smith-7k2p bi-acme --coverage bi --carrier "Great Plains Mutual" \
		--insured "Acme Freight" --claim GP-22-1181 --adjuster "Dana Roe" \
		--phone "+1 555 0199" --email dana.roe@gpm.example \
		--limits 1,000,000 --commercial >out
	cat >expect <<-\EOF
	smith-7k2p: bi-acme added: coverage bi, carrier Great Plains Mutual, insured Acme Freight, claim GP-22-1181, adjuster Dana Roe, phone +1 555 0199, email dana.roe@gpm.example, limits 1000000.00, commercial
	smith-7k2p: deadline lor-bi-acme on 2026-11-24 (a new policy)
	EOF
	test_cmp expect out
	sed -n "/^\[policy /,/^$/p" $ini >actual
	cat >expect <<-\EOF
	[policy "bi-acme"]
	coverage = bi
	carrier = Great Plains Mutual
	insured = Acme Freight
	claim = GP-22-1181
	adjuster = Dana Roe
	phone = +1 555 0199
	email = dana.roe@gpm.example
	limits = 1000000.00
	commercial = yes
	lor_sent =

	EOF
	test_cmp expect actual
	test "$(due lor-bi-acme)" = "2026-11-24  bob Send the letter of representation to Great Plains Mutual"
	one_commit "policy(smith-7k2p): bi-acme added: coverage bi, carrier Great Plains Mutual, insured Acme Freight, claim GP-22-1181, adjuster Dana Roe, phone +1 555 0199, email dana.roe@gpm.example, limits 1000000.00, commercial; deadlines: lor-bi-acme 2026-11-24"
'

test_expect_success 'the letter sent: its deadline done on that date' '
	at 2026-11-23
	docket policy smith-7k2p bi --lor-sent >out
	cat >expect <<-\EOF
	smith-7k2p: bi-acme: letter of representation sent 2026-11-23
	smith-7k2p: deadline lor-bi-acme done 2026-11-23 (letter of representation sent)
	EOF
	test_cmp expect out
	test "$(due lor-bi-acme)" = "2026-11-24 2026-11-23 bob Send the letter of representation to Great Plains Mutual"
	one_commit "policy(smith-7k2p): bi-acme: letter of representation sent 2026-11-23; deadlines: lor-bi-acme done"
'

test_expect_success 'a handle that is a prefix of another is a new policy with --coverage' '
	at 2026-11-23
	docket policy smith-7k2p bi --coverage um --carrier "Own Mutual" --lor-sent 2026-11-23 >out
	echo "smith-7k2p: bi added: coverage um, carrier Own Mutual, letter of representation sent 2026-11-23" >expect
	test_cmp expect out
	test_not grep -q "lor-bi\"" $ini
'

test_expect_success 'the list, as text and as JSON' '
	at 2026-11-23
	cat >expect <<-\EOF
	Policies of smith-7k2p: Smith v. Acme Freight
	  bi-acme  bi  Great Plains Mutual (commercial)
	      insured Acme Freight; claim GP-22-1181; limits 1,000,000.00
	      adjuster Dana Roe; +1 555 0199; dana.roe@gpm.example
	      letter of representation sent 2026-11-23
	  bi  um  Own Mutual
	      letter of representation sent 2026-11-23
	EOF
	docket policy smith-7k2p >actual
	test_cmp expect actual
	docket policy smith-7k2p --json >out
	python3 - <<-\EOF
	import json
	r = json.load(open("out"))
	assert r["case"] == "smith-7k2p"
	assert r["policies"][0] == {"handle": "bi-acme", "coverage": "bi",
	    "carrier": "Great Plains Mutual", "insured": "Acme Freight",
	    "claim": "GP-22-1181", "adjuster": "Dana Roe", "phone": "+1 555 0199",
	    "email": "dana.roe@gpm.example", "limits": "1000000.00",
	    "commercial": True, "lor_sent": "2026-11-23"}, r["policies"][0]
	assert r["policies"][1]["limits"] is None
	assert r["policies"][1]["commercial"] is False
	EOF
'

test_expect_success 'a demand: the 72-hour deadline done on its date; its expiry for the attorney' '
	at 2026-11-23
	test "$(due demand)" = "2026-11-19  bob Send the demand"
	docket demand smith-7k2p "\$250,000" --policy bi-acme --date 2026-11-22 --expires +30d >out
	cat >expect <<-\EOF
	smith-7k2p: demand 1 of 250000.00 to bi-acme, expires 2026-12-23
	smith-7k2p: deadline demand done 2026-11-22 (demand 1 sent)
	smith-7k2p: deadline demand-1-expires on 2026-12-23 (a time-limited demand)
	EOF
	test_cmp expect out
	sed -n "/^\[demand /,/^$/p" $ini >actual
	cat >expect <<-\EOF
	[demand "1"]
	date = 2026-11-22
	policy = bi-acme
	amount = 250000.00
	expires = 2026-12-23

	EOF
	test_cmp expect actual
	test "$(due demand)" = "2026-11-19 2026-11-22 bob Send the demand"
	test "$(due demand-1-expires)" = "2026-12-23  alice Time-limited demand 1 to Great Plains Mutual expires"
	one_commit "demand(smith-7k2p): demand 1 of 250000.00 to bi-acme, expires 2026-12-23; deadlines: demand done, demand-1-expires 2026-12-23"
'

test_expect_success 'a second demand: number 2, no expiry' '
	at 2026-11-24
	docket demand smith-7k2p 200000 --policy bi-a >out
	echo "smith-7k2p: demand 2 of 200000.00 to bi-acme" >expect
	test_cmp expect out
	test "$(ini_get $ini demand.2.expires)" = ""
	one_commit "demand(smith-7k2p): demand 2 of 200000.00 to bi-acme"
'

test_expect_success 'an offer the day before Thanksgiving: the client is told by Monday' '
	at 2026-11-25
	docket offer smith-7k2p 40,000 --policy bi-acme >out
	cat >expect <<-\EOF
	smith-7k2p: offer 1 of 40000.00 from bi-acme
	smith-7k2p: deadline offer-1 on 2026-11-30 (an offer to convey)
	EOF
	test_cmp expect out
	test "$(due offer-1)" = "2026-11-30  bob Tell the client about the offer"
	one_commit "offer(smith-7k2p): offer 1 of 40000.00 from bi-acme; deadlines: offer-1 2026-11-30"
'

test_expect_success 'show: the policies, then the negotiation as a timeline after the deadlines' '
	at 2026-11-25
	docket show smith-7k2p >out
	sed -n "/^Policies$/,/^$/p" out >actual
	{ echo Policies; docket policy smith-7k2p | sed 1d; echo; } >expect
	test_cmp expect actual
	sed -n "/^Negotiation$/,/^$/p" out >actual
	cat >expect <<-\EOF
	Negotiation
	  2026-11-22  demand 1  bi-acme               250,000.00  expires 2026-12-23
	  2026-11-24  demand 2  bi-acme               200,000.00
	  2026-11-25  offer 1   bi-acme                40,000.00
	EOF
	test_cmp expect actual
	grep -n "^Deadlines$\|^Negotiation$\|^Policies$\|^Providers$" out | cut -d: -f2 >actual
	printf "%s\n" Providers Policies Deadlines Negotiation >expect
	test_cmp expect actual
	docket show smith-7k2p --json >out
	python3 - <<-\EOF
	import json
	r = json.load(open("out"))
	assert r["demands"] == [
	  {"name": "1", "date": "2026-11-22", "policy": "bi-acme", "amount": "250000.00", "expires": "2026-12-23"},
	  {"name": "2", "date": "2026-11-24", "policy": "bi-acme", "amount": "200000.00", "expires": None}], r["demands"]
	assert r["offers"] == [{"name": "1", "date": "2026-11-25", "policy": "bi-acme", "amount": "40000.00"}]
	assert [p["handle"] for p in r["policies"]] == ["bi-acme", "bi"]
	assert r["sections"]["demand \"1\""]["amount"] == "250000.00"
	EOF
'

test_expect_success 'refused (exit 1), and nothing changes' '
	at 2026-11-25
	test_refused docket policy smith-7k2p pd-acme --carrier X
	grep -qx "docket: smith-7k2p has no policy .pd-acme. (it has: bi-acme, bi) (a new policy needs --coverage)" "$TRASH/err"
	test_refused docket policy smith-7k2p pd-acme --coverage auto
	grep -qx "docket: --coverage: .auto. is not a coverage (bi, pd, pip, medpay, um, uim, health, umbrella, wc, other)" "$TRASH/err"
	test_refused docket policy smith-7k2p PD --coverage pd
	grep -q "a handle such as bi-acme" "$TRASH/err"
	test_refused docket policy smith-7k2p pd-acme-and-a-name-that-is-too-long --coverage pd
	test_refused docket policy smith-7k2p bi-acme --limits 1e6
	test_refused docket policy smith-7k2p bi-acme --lor-sent 2026-11-26
	test_refused docket policy smith-7k2p bi-acme --claim "$(printf "two\nlines")"
	test_refused docket demand smith-7k2p 5 --policy pd
	grep -qx "docket: smith-7k2p has no policy .pd. (it has: bi-acme, bi)" "$TRASH/err"
	test_refused docket demand smith-7k2p 5 --policy b
	grep -qx "docket: policy .b. of smith-7k2p is ambiguous: bi-acme, bi" "$TRASH/err"
	test_refused docket demand smith-7k2p five --policy bi-acme
	grep -qx "docket: AMOUNT: .five. is not an amount (such as 12450.00, 12,450.50 or \$12,450.50)" "$TRASH/err"
	test_refused docket demand smith-7k2p 5 --policy bi-acme --expires 2026-11-25
	grep -qx "docket: --expires: 2026-11-25 is not after the demand.s date (2026-11-25)" "$TRASH/err"
	test_refused docket demand smith-7k2p 5 --policy bi-acme --date tomorrow
	test_refused docket offer smith-7k2p --policy bi-acme -- -5
	grep -q "AMOUNT: .-5. is not an amount: it has a sign" "$TRASH/err"
	test_refused docket set smith-7k2p demand.2.policy=pd
	grep -q "\[demand \"2\"\] policy: .pd. is not a policy of the case (bi-acme, bi)" "$TRASH/err"
	test_refused docket set smith-7k2p policy.bi.commercial=maybe
	grep -q "commercial: .maybe. is not yes or no" "$TRASH/err"
'

test_expect_success 'edit: removing a policy a demand is made on is refused' '
	cat >ed.sh <<-\EOF
	#!/bin/sh
	python3 - "$1" <<-\PY
	import sys
	p = sys.argv[1]
	s = open(p).read()
	start = s.index("[policy \"bi-acme\"]")
	end = s.index("[", start + 1)
	open(p, "w").write(s[:start] + s[end:])
	PY
	EOF
	chmod +x ed.sh
	echo ed.sh >>.git/info/exclude
	EDITOR=./ed.sh test_refused docket edit smith-7k2p
	grep -q "policy: .bi-acme. is not a policy of the case (bi)" "$TRASH/err"
	rm .git/DOCKET_EDIT_smith-7k2p.ini .git/DOCKET_EDIT_smith-7k2p.ini.base
'

test_expect_success 'usage errors (exit 2), and nothing changes' '
	test_refused --code=2 docket demand smith-7k2p 5
	grep -q "which policy? (--policy P)" "$TRASH/err"
	test_refused --code=2 docket demand smith-7k2p
	grep -q "what amount?" "$TRASH/err"
	test_refused --code=2 docket offer smith-7k2p 5 --policy bi-acme --expires 2027-01-01
	grep -q "unknown option .--expires." "$TRASH/err"
	test_refused --code=2 docket offer smith-7k2p 5 6 --policy bi-acme
	test_refused --code=2 docket policy smith-7k2p --coverage bi
	test_refused --code=2 docket policy smith-7k2p bi-acme --json
	test_refused --code=2 docket policy
'

test_done
