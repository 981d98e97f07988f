/* cmd-reopen.c - docket reopen: a closed case back to the stage it was
 * closed from. */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/cmd.h"
#include "docket/error.h"
#include "docket/firm.h"

#include <stdlib.h>
#include <string.h>

/* The stage the case was in when it closed: of [stages] before the last,
 * the one entered latest (the later in the pipeline on the same day). */
static const char *
closed_from(const struct firm *f, const struct dcase *c)
{
	const char *best = NULL, *when = NULL;

	for (size_t i = 0; i + 1 < f->nstages; i++) {
		const char *d = cfg_get(c->cfg, "stages", f->stages[i].name);

		if (d && *d && (!when || strcmp(d, when) >= 0)) {
			best = f->stages[i].name;
			when = d;
		}
	}
	return best ? best : f->stages[0].name;
}

int
cmd_reopen(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "message", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *m = NULL;
	struct dcase *c = NULL;
	char *args[7];
	int opt, status = EXIT_OK, r;

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
	if ((r = load_case(ctx, argv[optind], &c)))
		return fail(r);
	if (c->open) {
		r = dk_err(DK_EINVAL, "%s is open (in stage %s): nothing to "
			   "reopen", c->id, c->stage);
		case_free(c);
		return fail(r);
	}
	/* advance-stage ID STAGE --force -m REASON, as this command */
	args[0] = argv[0];
	args[1] = c->id;
	args[2] = (char *)closed_from(ctx->firm, c);
	args[3] = (char *)"--force";
	args[4] = (char *)"-m";
	args[5] = (char *)m;
	args[6] = NULL;
	optind = 0;
	status = cmd_advance_stage(ctx, 6, args);
	case_free(c);
	return status;
}
