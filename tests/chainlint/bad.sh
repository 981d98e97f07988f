# chainlint sample: each line that ends in the marker must be reported, no other
masked() {
	grep -q a x || true # LINT
	return 0
}

relies_on_set_e() {
	test -f "$1"
	test -s "$1"
}

test_expect_success 'a broken chain in the middle' '
	false && true # LINT
	grep -q a x &&  # LINT
	grep -q b x
	echo done
'

test_expect_success 'masks' '
	grep -q a x || : # LINT
	grep -q a x || echo "no a" # LINT
	grep -q a x || exit 0 # LINT
	grep -q a x && # LINT
	grep -q b x ||
	grep -q c x # LINT
	! grep -q z x # LINT
	echo done
'

test_expect_success 'inside blocks' '
	for f in x y; do
		test -f "$f" && test -s "$f" # LINT
	done
	if test -f x; then
		test -s x && grep -q a x # LINT
	fi
	{ test -f x && test -s x; } # LINT
	echo done
'

test_expect_success 'set -e is off in a block or function tested by &&' '
	for f in x y; do # LINT
		test -f "$f" # LINT
	done && echo both
	relies_on_set_e x && echo ok # LINT
	(cd . && test -f x) | cat # LINT
	echo done
'
