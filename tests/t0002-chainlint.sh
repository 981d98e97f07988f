#!/bin/sh
# tests/chainlint.py, which fails a script whose test bodies could let a
# failure go unseen: it finds every broken chain of its samples and
# nothing else, and the harness runs it
. "$(dirname "$0")/lib.sh"

# lint_lines FILE: the lines chainlint reports in FILE, one a line
lint_lines() {
	if python3 "$TEST_DIR/chainlint.py" "$1" >lint.out; then
		st=0
	else
		st=$?
	fi
	sed "s/^[^:]*:\([0-9]*\):.*/\1/" lint.out | sort -n -u
	test $st = 0 || test $st = 1
}

test_expect_success 'a sample of broken chains: each one is found, and nothing else' '
	lint_lines "$TEST_DIR/chainlint/bad.sh" >got
	grep -n "# LINT$" "$TEST_DIR/chainlint/bad.sh" | cut -d: -f1 >want
	test -s want
	test_cmp want got
	test_must_fail python3 "$TEST_DIR/chainlint.py" "$TEST_DIR/chainlint/bad.sh" >/dev/null
'

test_expect_success 'a sample of sound tests: nothing is found' '
	python3 "$TEST_DIR/chainlint.py" "$TEST_DIR/chainlint/good.sh" >out
	test_must_fail test -s out
'

test_expect_success 'the harness lints every test script and the libraries' '
	python3 "$TEST_DIR/chainlint.py" "$TEST_DIR"/t[0-9]*.sh "$TEST_DIR"/lib*.sh >out
	test_must_fail test -s out
'

test_expect_success 'a script with a broken chain fails through the harness' '
	mkdir t
	cp "$TEST_DIR/lib.sh" "$TEST_DIR/chainlint.py" t/
	cat >t/t9999-broken.sh <<-\EOF
	. "$(dirname "$0")/lib.sh"
	test_expect_success "a chain that hides a failure" "
		false && true
		echo done
	"
	test_done
	EOF
	test_must_fail sh t/t9999-broken.sh >out
	grep -q "^not ok 1 - t9999-broken: chainlint: a failure in a test would go unseen$" out
	grep -q "t9999-broken.sh:3: set -e ignores a failure before .&&." out
	grep -q "^ok 2 - t9999-broken: a chain that hides a failure$" out
	# and the same script, its chain mended, passes
	sed -i "s/false && true/true/" t/t9999-broken.sh
	sh t/t9999-broken.sh >out
	grep -q "^ok 1 - t9999-broken: a chain that hides a failure$" out
'

test_done
