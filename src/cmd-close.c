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
	static const struct option longopts[] = {
		{ "message", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const struct firm *f = ctx->firm;
	const char *m = NULL;
	char *args[6];
	int opt, status = EXIT_OK;

	while ((opt = next_opt(ctx, argc, argv, "m:", longopts, &status)) != -1) {
		if (opt == OPT_EXIT)
			return status;
		if (opt == 'm')
			m = optarg;
	}
	if (optind >= argc)
		return usage_error(ctx, "which case? (a case ID)");
	if (argc - optind > 1)
		return usage_error(ctx, "unexpected argument '%s'",
				   argv[optind + 1]);
	if (!m || !*m)
		return usage_error(ctx, "why? (-m REASON)");
	/* advance-stage ID LAST -m REASON, as this command */
	args[0] = argv[0];
	args[1] = argv[optind];
	args[2] = (char *)f->stages[f->nstages - 1].name;
	args[3] = (char *)"-m";
	args[4] = (char *)m;
	args[5] = NULL;
	optind = 0;
	return cmd_advance_stage(ctx, 5, args);
}
