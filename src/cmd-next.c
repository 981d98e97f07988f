/* cmd-next.c - docket next: what to do now, most urgent first, and why. */
#include "docket/cmd.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/id.h"
#include "docket/out.h"
#include "docket/report.h"
#include "docket/work.h"
#include "docket/workflow.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void
show_progress(size_t done, size_t total)
{
	progress("reading cases", done, total);
}

int
scan_report(struct ctx *ctx, struct report_filter *filter,
	    struct report **out)
{
	int r;

	filter->now = ctx->now;
	r = report_build(out, ctx->firm, ctx->root, ctx->today, filter,
			 show_progress);
	progress_end();
	return r;
}

int
scan_errors(const struct report *r, const char *where)
{
	for (size_t i = 0; i < r->nerrors; i++) {
		const struct rerror *e = &r->errors[i];

		if (e->line)
			tfprintf(stderr, "docket: %s:%d: %s\n", e->file, e->line,
				 e->message);
		else
			tfprintf(stderr, "docket: %s: %s\n", e->file, e->message);
	}
	if (r->nerrors)
		tfprintf(stderr, "docket: %zu file%s could not be read; what "
			 "%s holds is not %s\n", r->nerrors,
			 r->nerrors == 1 ? "" : "s", r->nerrors == 1 ? "it" :
			 "they", where);
	return r->nerrors != 0;
}

int
cmd_next(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "who", required_argument, NULL, 'w' },
		{ "all", no_argument, NULL, 'a' },
		{ "action", required_argument, NULL, 'A' },
		{ "limit", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct report_filter filter = { NULL, NULL, 0, 0 };
	struct report *rep = NULL;
	struct work_item *v = NULL;
	const char *who = NULL, *action = NULL, *limit = NULL;
	size_t n, max = 0;
	int opt, status = EXIT_OK, json = 0, all = 0, act = -1, r;

	while ((opt = next_opt(ctx, argc, argv, "", longopts, &status)) != -1) {
		switch (opt) {
		case OPT_EXIT: return status;
		case 'w': who = optarg; break;
		case 'a': all = 1; break;
		case 'A': action = optarg; break;
		case 'n': limit = optarg; break;
		case 'j': json = 1; break;
		}
	}
	if (optind < argc)
		return usage_error(ctx, "unexpected argument '%s'", argv[optind]);
	if (who && all)
		return usage_error(ctx, "--who and --all go one at a time");
	if (limit) {
		char *end;
		long l;

		errno = 0;
		l = strtol(limit, &end, 10);
		if (errno || *end || end == limit || l < 1 || l > 1000000)
			return usage_error(ctx, "--limit: '%s' is not a number of "
					   "lines (1 or more)", limit);
		max = (size_t)l;
	}
	if (action && (act = action_find(action)) < 0) {
		char *list = list_join(action_names);

		r = dk_err(DK_EINVAL, "unknown action '%s' (actions: %s)", action,
			   list);
		free(list);
		return fail(r);
	}
	if (who && name_check(who, NAME_MAX_LEN, "--who") < 0)
		return fail(DK_EINVAL);
	if (!who && !all && (r = ctx_user(ctx, &who)))
		return fail(r);

	if ((r = scan_report(ctx, &filter, &rep)))
		return fail(r);
	n = work_queue(&v, rep, ctx->firm->wf->urgency, all ? NULL : who, act,
		       max);
	if (json)
		work_json(stdout, rep, v, n);
	else
		work_print(stdout, rep, v, n);
	if (scan_errors(rep, "listed"))
		status = EXIT_FAIL;
	free(v);
	report_free(rep);
	return status;
}
