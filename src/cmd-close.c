/* cmd-close.c - docket close: a case to the pipeline's last stage. */
#include "docket/case.h"
#include "docket/cmd.h"
#include "docket/error.h"
#include "docket/firm.h"

#include <stdlib.h>
#include <string.h>

int
cmd_close(struct ctx *ctx, int argc, char **argv)
{
	const struct firm *f = ctx->firm;
	const char *id, *m;
	char *args[6];
	int status;

	if (id_and_reason(ctx, argc, argv, &id, &m, &status))
		return status;
	/* advance-stage ID LAST -m REASON, as this command */
	args[0] = argv[0];
	args[1] = (char *)id;
	args[2] = (char *)f->stages[f->nstages - 1].name;
	args[3] = (char *)"-m";
	args[4] = (char *)m;
	args[5] = NULL;
	optind = 0;
	return cmd_advance_stage(ctx, 5, args);
}
