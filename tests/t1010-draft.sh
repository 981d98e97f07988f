#!/bin/sh
# docket draft and docket script: templates filled from the case file, every
# kind of field, the errors for fields that name nothing or are empty (all
# at once), values literal in Markdown and escaped in HTML; --save, -o,
# --list; init's templates; the call script in note's editor
. "$(dirname "$0")/lib.sh"

q() { docket "$@" >/dev/null; }

test_expect_success 'a firm and a case with every kind of fact' '
	make_firm
	cd firm
	# the tests'"'"' own files, which git need not see
	printf "%s\n" out err expect first seen before after page.html >>.git/info/exclude
	q add --id smith --client "Bob *Smith* <script>alert(1)</script>" \
		--title "Smith v. Acme" --incident 2026-10-03 --attorney alice --manager bob \
		--set client.phone="+1 555 0100" --set client.dob=1984-06-12
	q policy smith bi-acme --coverage bi --carrier "Great Plains & Co" --insured "Acme_Freight" \
		--claim "GP-22|1181" --adjuster "Dana Roe" --lor-sent 2026-11-20
	q provider smith "Mercy Hospital" --visit 2026-10-04
	cat >templates/every.md <<-\EOF
	# Letter for {{ case.id }}

	{{case.client}} at {{ client.phone }}, born {{ client.dob }}.
	Claim {{ policy.bi-acme.claim }} = {{ policy.claim }} with {{ policy.carrier }}.
	Provider: {{ provider.name }}, first seen {{ provider.first_visit }}.
	{{ firm.name }}; {{ staff.alice.name }}; {{ attorney.email }}; {{ manager.name }}.
	{{ me.name }} ({{ me.email }}), {{ today }}.
	\{{ not a placeholder }} and {{ unclosed
	EOF
	git add templates/every.md
	git commit -qm "template: every"
'

test_expect_success 'draft fills every kind of field, and writes values as literal Markdown' '
	cd firm
	docket draft smith every --policy bi --provider mercy >out 2>err
	test ! -s err
	cat >expect <<-\EOF
	# Letter for smith

	Bob \*Smith\* \<script\>alert(1)\</script\> at +1 555 0100, born 1984-06-12.
	Claim GP-22\|1181 = GP-22\|1181 with Great Plains \& Co.
	Provider: Mercy Hospital, first seen 2026-10-04.
	Example Injury Law; Alice Chen; alice@firm.example; Bob Diaz.
	Bob Diaz (bob@firm.example), 2026-11-22.
	\{{ not a placeholder }} and {{ unclosed
	EOF
	test_cmp expect out
	test_repo_clean
'

test_expect_success 'a value at the start of a line cannot start a list or a heading' '
	cd firm
	printf "{{ client.phone }}\n{{ case.title }}\n" >templates/lines.md
	docket draft smith lines >out
	printf "%s\n" "\\+1 555 0100" "Smith v. Acme" >expect
	test_cmp expect out
	rm templates/lines.md
'

test_expect_success 'draft --html: one page, every value escaped, nothing that runs or loads' '
	cd firm
	docket draft smith every --policy bi --provider mercy --html >page.html
	html_inert page.html
	grep -q "Bob \*Smith\* &lt;script&gt;alert(1)&lt;/script&gt; at +1 555 0100" page.html
	grep -q "Great Plains &amp; Co" page.html
	grep -q "GP-22|1181" page.html
	grep -q "<h1>Letter for smith</h1>" page.html
	test_not grep -q "<script" page.html
	grep -q "^<title>smith: every</title>$" page.html
	rm page.html
'

test_expect_success 'a field that names nothing or is empty: all listed at once, nothing written' '
	cd firm
	cat >templates/holes.md <<-\EOF
	Dear {{ client.fax }},
	{{ case.type }} {{ policy.claim }} {{ nope.x.y }}
	{{ staff.zed.name }} {{ policy.other.claim }} {{ not a field }} {{ case.id }}
	EOF
	git add templates/holes.md
	git commit -qm "template: holes"
	test_refused docket draft smith holes --save -o letter.md
	cat >expect <<-\EOF
	docket: templates/holes.md: 7 fields cannot be filled in: {{ client.fax }} (line 1: no such field), {{ case.type }} (line 2: empty), {{ policy.claim }} (line 2: needs --policy), {{ nope.x.y }} (line 2: no such field), {{ staff.zed.name }} (line 3: not in docket.ini'"'"'s [staff]), {{ policy.other.claim }} (line 3: no such field), {{ not a field }} (line 3: not a field name)
	EOF
	test_cmp expect "$TRASH/err"
	test ! -e letter.md
	test_must_fail docket draft smith holes >out 2>/dev/null
	test ! -s out
'

test_expect_success 'draft -o FILE writes the letter there, owner-only; -o - is stdout' '
	cd firm
	docket draft smith every --policy bi --provider mercy -o ../letter.md >out
	test ! -s out
	test "$(stat -c %a ../letter.md)" = 600
	docket draft smith every --policy bi --provider mercy -o - >out
	test_cmp ../letter.md out
	test_repo_clean
'

test_expect_success 'draft --save commits the letter as a document note, not client contact' '
	cd firm
	docket report --json >before
	docket draft smith every --policy bi --provider mercy --save >out 2>err
	test_cmp ../letter.md out
	path=$(git show --name-only --format= HEAD)
	test "$(cat err)" = "smith: saved as $path"
	case "$path" in cases/2026/smith/notes/20261122T120000Z-document-bob.md) ;; *) false ;; esac
	test "$(git log -1 --format=%s)" = "draft(smith): every"
	test_cmp out "$path"
	docket report --json >after
	python3 -c "import json,sys; b=json.load(open(\"before\")); a=json.load(open(\"after\")); sys.exit(b[\"contact\"] != a[\"contact\"])"
	test_repo_clean
'

test_expect_success 'the four letters init writes fill in from a case that has the facts' '
	cd firm
	docket draft smith letter-of-representation --policy bi >out
	grep -q "^Attn: Dana Roe$" out
	grep -q "^Alice Chen  $" out
	docket draft smith records-request --provider mercy >out
	grep -q "^Mercy Hospital  $" out
	docket draft smith client-status >out
	grep -q "^\*\*intake\*\* stage\.$" out
	docket draft smith demand-cover --policy bi >out
	grep -q "your insured Acme\\\\_Freight" out
'

test_expect_success 'draft --list: the letters, not the call scripts' '
	cd firm
	docket draft --list >out
	printf "%s\n" client-status demand-cover every holes letter-of-representation records-request >expect
	test_cmp expect out
	docket __complete words draft smith "" >out
	test_cmp expect out
'

test_expect_success 'draft refuses a template or an option it cannot use, and changes nothing' '
	cd firm
	test_refused docket draft smith nope
	test "$(cat "$TRASH/err")" = "docket: no template '"'nope'"' (templates/nope.md); templates: client-status, demand-cover, every, holes, letter-of-representation, records-request"
	test_refused docket draft smith ../docket
	test "$(cat "$TRASH/err")" = "docket: template name '"'"'../docket'"'"' contains '"'"'/'"'"'"
	ln -s ../docket.ini templates/link.md
	test_refused docket draft smith link
	test "$(cat "$TRASH/err")" = "docket: cannot read templates/link.md: Too many levels of symbolic links"
	rm templates/link.md
	printf "bad \377 byte\n" >templates/bin.md
	test_refused docket draft smith bin
	test "$(cat "$TRASH/err")" = "docket: templates/bin.md is not UTF-8 text"
	printf "Dear\nclient \033[2J\n" >templates/bin.md
	test_refused docket draft smith bin
	test "$(cat "$TRASH/err")" = "docket: templates/bin.md:2: a control character (0x1b) in the template"
	rm templates/bin.md
	test_refused docket draft smith every --policy zz
	grep -q "^docket: .*policy" "$TRASH/err"
	test_refused --code=2 docket draft smith
	test_refused --code=2 docket draft --list smith
	test_refused --code=2 docket draft smith every extra
'

test_expect_success 'script prints the call script of the case'"'"'s stage, filled in' '
	cd firm
	docket script smith >out
	head -n 1 out >first
	echo "Intake call: Bob \*Smith\* \<script\>alert(1)\</script\> (smith), +1 555 0100" >expect
	test_cmp expect first
	grep -q "^- Introduce yourself: Bob Diaz, the case manager; how to reach$" out
	q advance-stage smith records
	test_refused docket script smith
	test "$(cat "$TRASH/err")" = "docket: no call script for the records stage (templates/script-records.md)"
	git reset -q --hard HEAD~1
'

test_expect_success 'note --kind call in $EDITOR starts from the script as # lines, dropped from the note' '
	cd firm
	cat >../ed <<-\EOF
	#!/bin/sh
	cp "$1" "$HOME/seen"
	printf "Client says the neck is better.\n# and a comment of mine\n" >>"$1"
	EOF
	chmod +x ../ed
	EDITOR=../ed script -qec "docket note smith --kind call" /dev/null >/dev/null
	path=$(git show --name-only --format= HEAD)
	printf "Client says the neck is better.\n" >expect
	test_cmp expect "$path"
	sed -n 2,5p "$HOME/seen" >seen
	cat >expect <<-\EOF
	# The call script of the intake stage (templates/script-intake.md).
	# Lines that start with '"'"'#'"'"' are dropped from the note.
	#
	# Intake call: Bob \*Smith\* \<script\>alert(1)\</script\> (smith), +1 555 0100
	EOF
	test_cmp expect seen
	test "$(head -n 1 "$HOME/seen")" = ""
	test_repo_clean
'

test_expect_success 'a call note left with nothing but the script is refused' '
	cd firm
	printf "#!/bin/sh\ntrue\n" >../noop
	chmod +x ../noop
	EDITOR=../noop test_refused script -qec "docket note smith --kind call" /dev/null
'

test_expect_success 'a stage without a script: the editor says so, and the note is saved' '
	cd firm
	q advance-stage smith records
	EDITOR=../ed script -qec "docket note smith --kind call" /dev/null >/dev/null
	sed -n 2p "$HOME/seen" >seen
	echo "# No call script for the records stage (templates/script-records.md)." >expect
	test_cmp expect seen
	test "$(git log -1 --format=%s)" = "note(smith): call"
'

test_expect_success 'init: the generic pipeline has no templates; an adopted repository keeps its own' '
	docket init gen --pipeline generic --name X >/dev/null
	test ! -e gen/templates
	git init -q adopt
	mkdir adopt/templates
	echo "Our own status letter" >adopt/templates/client-status.md
	git -C adopt add templates
	git -C adopt commit -qm "our templates"
	docket init adopt --name X >/dev/null
	test "$(cat adopt/templates/client-status.md)" = "Our own status letter"
	git -C adopt show --name-only --format= HEAD | grep "^templates/" | sort >files
	printf "%s\n" templates/demand-cover.md templates/letter-of-representation.md \
		templates/records-request.md templates/script-intake.md \
		templates/script-negotiation.md templates/script-treatment.md >expect
	test_cmp expect files
'

test_done
