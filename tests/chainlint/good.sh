# chainlint sample: nothing here may be reported
helper() {
	mkdir -p "$1" || return 1
	cat "$1/x" >/dev/null || { echo "no x in $1" >&2; return 1; }
	grep -q a "$1/x" &&
	grep -q b "$1/x"
}

check_status() {
	if "$@"; then
		got=0
	else
		got=$?
	fi
	test "$got" = 1
}

test_expect_success 'one command a line; the last may be a chain' '
	echo a >x
	helper .
	test_cmp x x &&
	grep -q a x
'

test_expect_success 'explicit failures after ||, alternatives, conditions' '
	grep -q a x || exit 1
	grep -q a x || { echo "no a"; exit 1; }
	grep -q a x || grep -q b x
	test -f x && test -s x || exit 1
	if grep -q a x && ! grep -q z x; then
		echo yes >y
	fi
	while ! test -f z; do
		: >z
	done
	for f in x y; do
		test -f "$f" || exit 1
	done
	(cd . && test -f x)
	case $(cat x) in
	a) echo a ;;
	*) exit 1 ;;
	esac
	cat >expect <<-\END &&
	a && b || true
	END
	test_not grep -q c x
'

test_expect_success 'a block whose status is tested, every command guarded' '
	{ test -f x || exit 1; test -f y; } || exit 1
	for i in 1 2; do
		test -f x || exit 1
	done && test -f y
'
