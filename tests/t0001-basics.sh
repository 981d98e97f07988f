#!/bin/sh
# init, add and the first commits
. "$(dirname "$0")/lib.sh"

test_expect_success 'init makes a firm with one commit' '
	docket init firm --name "Example Injury Law" >out
	grep -q "docket firm in" out
	test -f firm/docket.ini
	test "$(git -C firm log --format=%s)" = "init: new docket firm"
	test_repo_clean firm
'

test_expect_success 'the firm is readable by its owner only' '
	test "$(stat -c %a firm)" = 700
	test "$(stat -c %a firm/.git)" = 700
	test "$(stat -c %a firm/docket.ini)" = 600
'

test_done
