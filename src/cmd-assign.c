/* cmd-assign.c - placeholder */
#include "docket/cmd.h"
#include "docket/error.h"

int
cmd_assign(struct ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	(void)argc;
	(void)argv;
	return EXIT_FAIL;
}
