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
	const char *id, *m;
	struct dcase *c = NULL;
	char *args[7];
	int status, r;

	if (id_and_reason(ctx, argc, argv, &id, &m, &status))
		return status;
	if ((r = load_case(ctx, id, &c)))
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
