#!/bin/sh
# scripts/check-layout.py, the source layout's rules (README.md,
# "Hacking"): no module includes or calls back up round a circle, no
# source file is over 900 lines, no file-static function has a public
# one's name, and only the command and output layers print.  Each rule
# holds for the source, and each can fail: planted in a copy, a breach
# is found and named.
. "$(dirname "$0")/lib.sh"

check() {
	python3 "$SRC_DIR/scripts/check-layout.py" "$@"
}

test_expect_success 'no two modules include each other, directly or round a circle' '
	check --only includes >out
	test_must_fail test -s out
'

test_expect_success 'none calls back up: the calls of the built objects have no circle' '
	check --only calls --objects "$DOCKET_BUILD" >out
	test_must_fail test -s out
'

test_expect_success 'no source file is over 900 lines' '
	check --only sizes >out
	test_must_fail test -s out
'

test_expect_success 'no file-static function has the name of a public one' '
	check --only statics >out
	test_must_fail test -s out
'

test_expect_success 'nothing outside the command and output layers prints' '
	check --only printing >out
	test_must_fail test -s out
'

test_expect_success 'a copy of the source to plant breaches in' '
	mkdir copy
	cp -R "$SRC_DIR/src" "$SRC_DIR/include" copy/
	check --top copy >out
	test_must_fail test -s out
'

test_expect_success 'an include round a circle is found, with the lines' '
	cp copy/include/docket/util.h util.h.orig
	sed "s|^#include <stddef.h>|&\n#include \"docket/firm.h\"|" \
		util.h.orig >copy/include/docket/util.h
	test_must_fail check --top copy --only includes >out
	grep -q "^includes: a circle of .*firm.*util" out
	grep -q "util -> firm (include/docket/util.h:" out
	cp util.h.orig copy/include/docket/util.h
'

test_expect_success 'a private header (no .c of its name) counts as what it includes' '
	cp copy/src/cmd.c cmd.c.orig
	cp copy/src/note.c note.c.orig
	printf "#include \"docket/note.h\"\n" >copy/src/cmd-shared.h
	printf "#include \"cmd-shared.h\"\n" >>copy/src/cmd.c
	check --top copy --only includes >out
	test_must_fail test -s out
	printf "#include \"docket/cmd.h\"\n" >>copy/src/note.c
	test_must_fail check --top copy --only includes >out
	grep -q "^includes: a circle of .*cmd.*note" out
	grep -q "cmd -> note (src/cmd.c:[0-9]*)" out
	grep -q "note -> cmd (src/note.c:[0-9]*)" out
	test_not grep -q cmd-shared out
	cp cmd.c.orig copy/src/cmd.c
	cp note.c.orig copy/src/note.c
	rm copy/src/cmd-shared.h
'

test_expect_success 'a file over 900 lines is found' '
	cp copy/src/id.c id.c.orig
	i=0
	while test $i -lt 900; do
		echo "/* line $i */"
		i=$((i + 1))
	done >>copy/src/id.c
	test_must_fail check --top copy --only sizes >out
	grep -q "^sizes: src/id.c has [0-9]* lines" out
	cp id.c.orig copy/src/id.c
'

test_expect_success 'a static function with a public name is found' '
	cp copy/src/id.c id.c.orig
	printf "\nstatic int\ncase_find(void)\n{\n\treturn 0;\n}\n" >>copy/src/id.c
	test_must_fail check --top copy --only statics >out
	grep -q "^statics: case_find (src/id.c:[0-9]*) has the name of the public case_find (src/case.c:" out
	cp id.c.orig copy/src/id.c
'

test_expect_success 'printing in the model is found; a last word before abort() is not' '
	cp copy/src/id.c id.c.orig
	printf "\nvoid id_say(void);\nvoid\nid_say(void)\n{\n\tfputs(\"x\", stderr);\n}\n" >>copy/src/id.c
	test_must_fail check --top copy --only printing >out
	grep -q "^printing: src/id.c:[0-9]*" out
	cp id.c.orig copy/src/id.c
	printf "\nvoid id_die(void);\nvoid\nid_die(void)\n{\n\tfputs(\"x\", stderr);\n\tabort();\n}\n" >>copy/src/id.c
	check --top copy --only printing >out
	test_must_fail test -s out
'

test_done
