#!/bin/sh
# Shell completion: docket __complete (what the scripts ask), and the
# scripts in the real shells: bash with bash-completion, fish, and zsh's
# completion system on a pseudo-terminal.  Every command the binary knows
# must complete, with all its options.
. "$(dirname "$0")/lib.sh"

comp="$SRC_DIR/completions"
make_firm firm >/dev/null
(cd firm &&
	docket add --id smith-7k2p --client "John Smith" --incident 2026-10-03 \
		--attorney alice --manager bob >/dev/null &&
	docket add --id smith-9x --client "Jane Smith" >/dev/null &&
	docket add --id jones-1 --client "Al Jones" >/dev/null &&
	docket due smith-7k2p +3d "Send records request" --name records >/dev/null &&
	docket due smith-7k2p +5d "Call adjuster" --name adjuster >/dev/null &&
	docket due smith-7k2p --done adjuster >/dev/null &&
	docket escalate smith-7k2p --reason medical -m "Numbness" >/dev/null &&
	docket set smith-7k2p client.phone="+1 555 0100" >/dev/null)
docket __complete commands | cut -f1 >commands

# ---- what docket answers ----

test_expect_success '__complete commands: every command of --help, with its summary' '
	docket --help | sed -n "s/^  \([a-z][a-z-]*\)  .*/\1/p" >expect
	test_cmp expect commands
	docket __complete commands | grep -qx "note	add a note (a call, an email, ...) to a case"
'

test_expect_success '__complete options: read from the usage, with the value names' '
	docket __complete options note >out
	cat >expect <<-\EOT
	-m	TEXT
	-F	FILE
	--kind	KIND
	--with	WHO
	--at	TIME
	--move	NOTE
	--help
	EOT
	test_cmp expect out
	docket __complete options due | cut -f1 | sort >out
	printf "%s\n" --done --help --ics --json --move --name --overdue --sol --who --within -m | sort >expect
	test_cmp expect out
	docket __complete options no-such-command >out
	test ! -s out
'

test_expect_success '__complete values of the firm' '
	cd firm
	docket __complete cases >out
	printf "%s\n" "jones-1	Al Jones" "smith-7k2p	John Smith" "smith-9x	Jane Smith" >expect
	test_cmp expect out
	docket __complete cases smith- >out
	printf "%s\n" "smith-7k2p	John Smith" "smith-9x	Jane Smith" >expect
	test_cmp expect out
	docket __complete cases jan >out
	printf "smith-9x\tJane Smith\n" >expect
	test_cmp expect out
	docket __complete cases smith-7 >out
	printf "smith-7k2p\tJohn Smith\n" >expect
	test_cmp expect out
	docket __complete stages >out
	printf "%s\n" intake treatment records demand negotiation litigation settlement closed >expect
	test_cmp expect out
	docket __complete kinds | tr "\n" " " >out
	test "$(cat out)" = "call email text meeting letter portal medical internal escalation stage inquiry document "
	docket __complete reasons | tr "\n" " " >out
	test "$(cat out)" = "medical complexity treatment coverage communication other "
	docket __complete staff | cut -f1 | sort | tr "\n" " " >out
	test "$(cat out)" = "alice bob carol "
	docket __complete deadlines smith-7 >out
	printf "%s\n" "sol	Statute of limitations" "records	Send records request" >expect
	test_cmp expect out
	docket __complete escalations smith-7k2p >out
	printf "1\tNumbness\n" >expect
	test_cmp expect out
'

test_expect_success '__complete lists case IDs from the directories, without reading them' '
	mkdir -p firm/cases/2025/broken-1
	echo "[case" >firm/cases/2025/broken-1/case.ini
	docket -C firm __complete cases b >out
	echo broken-1 >expect
	test_cmp expect out
	rm -r firm/cases/2025
'

test_expect_success '__complete outside a firm: nothing, exit 0' '
	mkdir nofirm
	cd nofirm
	for w in cases stages staff "deadlines smith" "escalations smith"; do
		docket __complete $w >out 2>err
		test ! -s out
		test ! -s err
	done
	docket __complete words note "" >out 2>err
	test ! -s out
	test ! -s err
	docket __complete words no "" >out
	test ! -s out
	docket __complete words "" | cut -f1 >out
	test_cmp ../commands out
'

test_expect_success '__complete words: what goes where' '
	cd firm
	docket __complete words note sm >out
	printf "%s\n" "smith-7k2p	John Smith" "smith-9x	Jane Smith" >expect
	test_cmp expect out
	docket __complete words note al >out
	printf "jones-1\tAl Jones\n" >expect
	test_cmp expect out
	docket __complete words note smith-7k2p --kind me >out
	printf "%s\n" meeting medical >expect
	test_cmp expect out
	docket __complete words note smith-7k2p --kind=me >out
	printf "%s\n" --kind=meeting --kind=medical >expect
	test_cmp expect out
	docket __complete words note smith-7k2p -m "a text" --kind "" | wc -l >out
	test "$(cat out)" = 12
	docket __complete words note smith-7k2p -F "" >out
	echo :files >expect
	test_cmp expect out
	docket __complete words advance-stage smith-7k2p re >out
	echo records >expect
	test_cmp expect out
	docket __complete words escalate smith-7k2p --reason co >out
	printf "%s\n" complexity coverage communication >expect
	test_cmp expect out
	docket __complete words escalate smith-7k2p --resolve --name "" >out
	printf "1\tNumbness\n" >expect
	test_cmp expect out
	docket __complete words due smith-7k2p --done "" | cut -f1 >out
	printf "%s\n" sol records >expect
	test_cmp expect out
	docket __complete words due smith-7k2p --name "" >out
	test ! -s out
	docket __complete words list --who a | cut -f1 >out
	echo alice >expect
	test_cmp expect out
	docket __complete words list --status "" >out
	printf "%s\n" open closed all >expect
	test_cmp expect out
	docket __complete words init --pipeline "" >out
	printf "%s\n" pi generic >expect
	test_cmp expect out
	docket __complete words init "" >out
	echo :dirs >expect
	test_cmp expect out
	docket __complete words set smith-7k2p client. >out
	printf "client.phone=\t+1 555 0100\n:nospace\n" >expect
	test_cmp expect out
	docket __complete words set smith-7k2p case.st | cut -f1 >out
	echo case.status= >expect
	echo :nospace >>expect
	test_cmp expect out
	docket __complete words list -- "" >out
	test ! -s out
	docket __complete words -C "" >out
	echo :dirs >expect
	test_cmp expect out
	docket __complete words --v | cut -f1 >out
	echo --version >expect
	test_cmp expect out
'

test_expect_success '__complete --help, and a wrong question' '
	docket __complete --help >out
	grep -q "^usage: docket __complete commands" out
	test_must_fail --code=2 docket __complete no-such-thing >out 2>err
	test ! -s out
	grep -q "^usage: docket __complete" err
	docket __complete words list --he >out
	echo --help >expect
	test_cmp expect out
'

test_expect_success '__complete words -C DIR asks the firm in DIR' '
	mkdir -p elsewhere
	cd elsewhere
	docket __complete words -C ../firm note j >out
	printf "jones-1\tAl Jones\n" >expect
	test_cmp expect out
	HOME=$TRASH docket __complete words -C \~/firm note j >out
	test_cmp expect out
	docket -C ../firm __complete words note j >out
	test_cmp expect out
'

# ---- bash, with bash-completion ----

cat >bash-complete.sh <<EOF
. /usr/share/bash-completion/bash_completion
. "$comp/docket.bash"
# the completion function's own view of the words, as readline splits them
# (at blanks; '=' and ':' are words of their own), cursor at the end
comp() {
	local line=\$1 w head
	local -a out=()
	read -ra COMP_WORDS <<<"\$line"
	for w in "\${COMP_WORDS[@]}"; do
		while [[ \$w == *[=:]* ]]; do
			head=\${w%%[=:]*}
			[[ -n \$head ]] && out+=("\$head")
			out+=("\${w:\${#head}:1}")
			w=\${w:\${#head}+1}
		done
		[[ -n \$w ]] && out+=("\$w")
	done
	COMP_WORDS=("\${out[@]}")
	[[ \$line == *' ' || \$line == *[=:] ]] && COMP_WORDS+=("")
	COMP_CWORD=\$((\${#COMP_WORDS[@]} - 1))
	COMP_LINE=\$line COMP_POINT=\${#line}
	COMPREPLY=()
	echo "== \$line"
	_docket docket "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"
	[ \${#COMPREPLY[@]} -eq 0 ] || printf '%s\n' "\${COMPREPLY[@]}" | sort -u
}
# compopt works only while readline completes: say what was asked
compopt() { [[ \$* == *nospace* ]] && echo "compopt -o nospace"; return 0; }
while IFS= read -r l; do comp "\$l"; done
EOF

# bash_complete: the lines on stdin, each completed in one bash
bash_complete() {
	bash --norc --noprofile "$TRASH/bash-complete.sh"
}

# sort the matches under each "== LINE" header, dropping repeats
sort_sections() {
	awk '/^==/ { n++ } { print n "\t" (/^==/ ? 0 : 1) "\t" $0 }' |
		sort -t "	" -k1,1n -k2,2n -k3 -u | cut -f3-
}

test_expect_success 'bash: the completion is registered for docket' '
	bash --norc --noprofile -c ". /usr/share/bash-completion/bash_completion;
		. $comp/docket.bash; complete -p docket" >out
	grep -q "^complete -F _docket docket$" out
'

test_expect_success 'bash: every command, and every option of each' '
	{ echo "docket "; for c in $(cat commands); do echo "docket $c -"; done; } |
		(cd firm && bash_complete) >out
	sed -n "/^== docket $/,/^==/p" out | grep -v "^==" >got
	sort commands >expect
	test_cmp expect got
	for c in $(cat commands); do
		sed -n "/^== docket $c -$/,/^==/p" out | grep -v "^==" >got
		docket __complete options "$c" | cut -f1 | sort >expect
		test_cmp expect got || { echo "options of $c"; exit 1; }
	done
'

test_expect_success 'bash: the values that matter' '
	cat >lines <<-\EOT
	docket note sm
	docket note smith-7k2p --kind m
	docket note smith-7k2p --kind=me
	docket advance-stage smith-7k2p ne
	docket escalate smith-7k2p --reason co
	docket list --who 
	docket due smith-7k2p --done 
	docket set smith-7k2p client.
	docket -C ../firm show j
	docket note al
	EOT
	cat >expect <<-\EOT
	== docket note sm
	smith-7k2p
	smith-9x
	== docket note smith-7k2p --kind m
	medical
	meeting
	== docket note smith-7k2p --kind=me
	medical
	meeting
	== docket advance-stage smith-7k2p ne
	negotiation
	== docket escalate smith-7k2p --reason co
	communication
	complexity
	coverage
	== docket list --who 
	alice
	bob
	carol
	== docket due smith-7k2p --done 
	records
	sol
	== docket set smith-7k2p client.
	compopt -o nospace
	client.phone=
	== docket -C ../firm show j
	jones-1
	== docket note al
	jones-1
	EOT
	(cd firm && bash_complete <../lines) >out
	test_cmp expect out
'

test_expect_success 'bash: directories for init and -C, nothing outside a firm' '
	mkdir -p nofirm/sub1 nofirm/sub2
	: >nofirm/file
	printf "%s\n" "docket init " "docket -C " "docket note " >lines
	(cd nofirm && bash_complete <../lines) >out
	cat >expect <<-\EOT
	== docket init 
	sub1
	sub2
	== docket -C 
	sub1
	sub2
	== docket note 
	EOT
	test_cmp expect out
'

# ---- fish ----

fish_complete() {
	fish --no-config -c "source $comp/docket.fish
		for l in \$argv; echo \"== \$l\"; complete -C \$l | sort; end" "$@"
}

test_expect_success 'fish: every command, and every option of each' '
	set -- "docket "
	for c in $(cat commands); do set -- "$@" "docket $c -"; done
	(cd firm && fish_complete "$@") >out
	sed -n "/^== docket $/,/^==/p" out | grep -v "^==" | cut -f1 >got
	sort commands >expect
	test_cmp expect got
	grep -qx "note	add a note (a call, an email, ...) to a case" out
	for c in $(cat commands); do
		sed -n "/^== docket $c -$/,/^==/p" out | grep -v "^==" | cut -f1 >got
		docket __complete options "$c" | cut -f1 | sort >expect
		test_cmp expect got || { echo "options of $c"; exit 1; }
	done
'

test_expect_success 'fish: the values that matter' '
	(cd firm && fish_complete "docket note sm" "docket note smith-7k2p --kind m" \
		"docket note smith-7k2p --kind=me" "docket escalate smith-7k2p --reason co" \
		"docket list --who " "docket due smith-7k2p --done " \
		"docket set smith-7k2p client." "docket -C ../firm show j") >out
	cat >expect <<-\EOT
	== docket note sm
	smith-7k2p	John Smith
	smith-9x	Jane Smith
	== docket note smith-7k2p --kind m
	medical
	meeting
	== docket note smith-7k2p --kind=me
	--kind=medical
	--kind=meeting
	== docket escalate smith-7k2p --reason co
	communication
	complexity
	coverage
	== docket list --who 
	alice	Alice Chen, attorney
	bob	Bob Diaz, manager
	carol	Carol Park, manager
	== docket due smith-7k2p --done 
	records	Send records request
	sol	Statute of limitations
	== docket set smith-7k2p client.
	client.phone=	+1 555 0100
	== docket -C ../firm show j
	jones-1	Al Jones
	EOT
	test_cmp expect out
'

# ---- zsh: its completion system, driven on a pseudo-terminal ----

zsh_complete() {
	TMPDIR=$TRASH timeout 60 zsh -f "$TEST_DIR/zsh-complete.zsh" "$comp" "$@"
}

test_expect_success 'zsh: the function parses and is found by compinit' '
	zsh -n "$comp/_docket"
	zsh -fc "fpath=($comp \$fpath); autoload -Uz compinit; compinit -u -D;
		print -r -- \$_comps[docket]" >out
	test "$(cat out)" = _docket
'

test_expect_success 'zsh: every command, and every option of each' '
	set -- "docket "
	for c in $(cat commands); do set -- "$@" "docket $c -"; done
	(cd firm && zsh_complete "$@") >out
	sed -n "/^== docket $/,/^==/p" out | grep -v "^==" | sort -u >got
	sort commands >expect
	test_cmp expect got
	for c in $(cat commands); do
		sed -n "/^== docket $c -$/,/^==/p" out | grep -v "^==" | sort -u >got
		docket __complete options "$c" | cut -f1 | sort >expect
		test_cmp expect got || { echo "options of $c"; exit 1; }
	done
'

test_expect_success 'zsh: the values that matter' '
	mkdir -p elsewhere
	(cd elsewhere && zsh_complete "docket note sm" "docket note smith-7k2p --kind m" \
		"docket escalate smith-7k2p --reason co" "docket list --who " \
		"docket due smith-7k2p --done " "docket set smith-7k2p client." \
		"docket -C ../firm show j") >out.raw
	sort_sections <out.raw >out
	cat >expect <<-\EOT
	== docket note sm
	== docket note smith-7k2p --kind m
	medical
	meeting
	== docket escalate smith-7k2p --reason co
	communication
	complexity
	coverage
	== docket list --who 
	== docket due smith-7k2p --done 
	== docket set smith-7k2p client.
	== docket -C ../firm show j
	jones-1
	EOT
	test_cmp expect out
	(cd firm && zsh_complete "docket note sm" "docket list --who " \
		"docket due smith-7k2p --done " "docket set smith-7k2p client.") >out.raw
	sort_sections <out.raw >out
	cat >expect <<-\EOT
	== docket note sm
	smith-7k2p
	smith-9x
	== docket list --who 
	alice
	bob
	carol
	== docket due smith-7k2p --done 
	records
	sol
	== docket set smith-7k2p client.
	client.phone=
	EOT
	test_cmp expect out
'

test_expect_success '--state: the codes of the firm'"'"'s [sol] rules, in every shell' '
	echo "docket add --client X --state N" | (cd firm && bash_complete) >out
	printf "%s\n" "== docket add --client X --state N" NC NJ NY >expect
	test_cmp expect out
	(cd firm && fish_complete "docket add --state N") >out
	cat >expect <<-\EOT
	== docket add --state N
	NC	N.C. Gen. Stat. § 1-52
	NJ	N.J. Stat. Ann. § 2A:14-2
	NY	N.Y. C.P.L.R. 214(5)
	EOT
	test_cmp expect out
	(cd firm && zsh_complete "docket add --state N" "docket add --d" \
		"docket due --s" "docket check --f") >out.raw
	sort_sections <out.raw >out
	cat >expect <<-\EOT
	== docket add --state N
	NC
	NJ
	NY
	== docket add --d
	--dob
	== docket due --s
	--sol
	== docket check --f
	--fix
	EOT
	test_cmp expect out
'

test_expect_success 'the workup: provider and policy handles of the case named earlier, coverages, types' '
	(cd firm &&
		docket provider smith-7k2p "Mercy Hospital" --type hospital >/dev/null &&
		docket provider smith-7k2p "Mercy Clinic" >/dev/null &&
		docket provider jones-1 "Valley ER" >/dev/null &&
		docket policy smith-7k2p bi-acme --coverage bi --carrier "Great Plains" >/dev/null 2>&1 &&
		docket policy smith-7k2p um-own --coverage um >/dev/null 2>&1)
	(cd firm && docket __complete providers smith-7k2p) >out
	printf "%s\n" "mercy-hospital	Mercy Hospital" "mercy-clinic	Mercy Clinic" >expect
	test_cmp expect out
	(cd firm && docket __complete policies smith-7k) >out
	printf "%s\n" "bi-acme	bi, Great Plains" "um-own	um" >expect
	test_cmp expect out
	docket __complete coverages | tr "\n" " " >out
	test "$(cat out)" = "bi pd pip medpay um uim health umbrella wc other "
	docket __complete provider-types | head -n 3 | tr "\n" " " >out
	test "$(cat out)" = "er hospital urgent-care "
	cat >lines <<-\EOT
	docket provider smith-7k2p mercy-
	docket provider jones-1 
	docket records smith-7k2p mercy-c
	docket records jones-1 v
	docket records smith-7k2p mercy-hospital --only 
	docket provider smith-7k2p mercy-hospital --type ur
	docket provider smith-7k2p mercy-hospital --discharged --t
	docket policy smith-7k2p bi-acme --coverage u
	docket policy smith-7k2p 
	docket demand smith-7k2p 5 --policy 
	docket offer smith-7k2p 5 --policy=u
	EOT
	cat >expect <<-\EOT
	== docket provider smith-7k2p mercy-
	mercy-clinic
	mercy-hospital
	== docket provider jones-1 
	valley-er
	== docket records smith-7k2p mercy-c
	mercy-clinic
	== docket records jones-1 v
	valley-er
	== docket records smith-7k2p mercy-hospital --only 
	bills
	records
	== docket provider smith-7k2p mercy-hospital --type ur
	urgent-care
	== docket provider smith-7k2p mercy-hospital --discharged --t
	--type
	== docket policy smith-7k2p bi-acme --coverage u
	uim
	um
	umbrella
	== docket policy smith-7k2p 
	bi-acme
	um-own
	== docket demand smith-7k2p 5 --policy 
	bi-acme
	um-own
	== docket offer smith-7k2p 5 --policy=u
	um-own
	EOT
	(cd firm && bash_complete <../lines) >out
	test_cmp expect out
	(cd firm && fish_complete "docket records smith-7k2p " "docket demand smith-7k2p 5 --policy b") >out
	cat >expect <<-\EOT
	== docket records smith-7k2p 
	mercy-clinic	Mercy Clinic
	mercy-hospital	Mercy Hospital
	== docket demand smith-7k2p 5 --policy b
	bi-acme	bi, Great Plains
	EOT
	test_cmp expect out
	(cd firm && zsh_complete "docket records smith-7k2p mercy-h" "docket policy smith-7k2p x --coverage pi") >out.raw
	sort_sections <out.raw >out
	cat >expect <<-\EOT
	== docket records smith-7k2p mercy-h
	mercy-hospital
	== docket policy smith-7k2p x --coverage pi
	pip
	EOT
	test_cmp expect out
'

test_expect_success 'the day'"'"'s work: template names, actions, conditions, staff for agenda, in every shell' '
	(cd firm &&
		sed -i "/^\[stage \"records\"\]\$/a requires = records-complete, client.dob" docket.ini &&
		echo "Hello" >templates/zz-custom.md &&
		echo "Hi" >templates/script-records.md)
	(cd firm && docket __complete templates) >out
	printf "%s\n" client-status demand-cover letter-of-representation records-request zz-custom >expect
	test_cmp expect out
	(cd firm && docket __complete scripts) >out
	printf "%s\n" intake negotiation records treatment >expect
	test_cmp expect out
	docket __complete actions | tr "\n" " " >out
	test "$(cat out)" = "sol notice overdue demand inquiry escalation offer contact records treatment due-soon stuck "
	(cd firm && docket __complete conditions) >out.raw
	cut -f1 out.raw | tr "\n" " " >out
	test "$(cat out)" = "records-complete providers-discharged lor-sent demand-sent settled liens-final no-open-escalation no-open-deadlines client.dob "
	cat >lines <<-\EOT
	docket draft smith-7k2p l
	docket draft smith-7k2p zz
	docket next --action d
	docket advance-stage smith-7k2p records --skip cl
	docket agenda al
	docket agenda alice c
	EOT
	cat >expect <<-\EOT
	== docket draft smith-7k2p l
	letter-of-representation
	== docket draft smith-7k2p zz
	zz-custom
	== docket next --action d
	demand
	due-soon
	== docket advance-stage smith-7k2p records --skip cl
	client.dob
	== docket agenda al
	alice
	== docket agenda alice c
	carol
	EOT
	(cd firm && bash_complete <../lines) >out
	test_cmp expect out
	(cd firm && fish_complete "docket draft smith-7k2p de" "docket next --action sol") >out
	cat >expect <<-\EOT
	== docket draft smith-7k2p de
	demand-cover
	== docket next --action sol
	sol
	EOT
	test_cmp expect out
	(cd firm && zsh_complete "docket draft smith-7k2p cl" "docket advance-stage smith-7k2p records --skip no-open-e") >out.raw
	sort_sections <out.raw >out
	cat >expect <<-\EOT
	== docket draft smith-7k2p cl
	client-status
	== docket advance-stage smith-7k2p records --skip no-open-e
	no-open-escalation
	EOT
	test_cmp expect out
	(cd firm && git checkout -q docket.ini && rm templates/zz-custom.md templates/script-records.md)
'

test_expect_success '__complete writes nothing, not even git config' '
	git clone -q firm plainclone
	cp plainclone/.git/config config.before
	docket -C plainclone __complete cases >/dev/null
	docket -C plainclone __complete words note "" >/dev/null
	test_cmp config.before plainclone/.git/config
	docket -C plainclone list >/dev/null
	git -C plainclone config merge.docket.driver >/dev/null
'

test_done
