/* Does this inih expose its options as writable globals (Debian's does)? */
#include <ini.h>

int
main(void)
{
	ini_max_line = 1000;
	ini_use_stack = 0;
	ini_allow_realloc = 1;
	ini_allow_inline_comments = 0;
	return 0;
}
