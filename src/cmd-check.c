/* cmd-check.c - docket check: validate docket.ini and every case. */
#include "docket/case.h"
#include "docket/cmd.h"
#include "docket/deadline.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/out.h"

#include <stdlib.h>
#include <string.h>

/* check --fix: the case's computed deadlines as the rules give them now,
 * in one commit. */
static int
fix_case(struct ctx *ctx, const struct firm *f, struct dcase *c)
{
	struct strv changes = STRV_INIT;
	struct change ch;
	char *summary = NULL;
	int r;

	change_init(&ch, ctx);
	if ((r = deadlines_recompute(f, c, &changes, NULL)) > 0) {
		summary = recomputed_summary(&changes, c->id);
		/* "; recomputed sol": the message without its "; " */
		if (!(r = change_save_case(&ch, c)))
			r = change_commit(&ch, c, "%s", summary + 2);
		if (!r)
			print_deadline_changes(&changes, NULL);
	}
	change_free(&ch);
	strv_free(&changes);
	free(summary);
	return r < 0 ? r : 0;
}

int
cmd_check(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "fix", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct strv warnings = STRV_INIT, dirs = STRV_INIT, problems = STRV_INIT;
	struct firm *f = NULL;
	int opt, status = EXIT_OK, errors = 0, fix = 0, r;
	size_t fixed = 0;

	while ((opt = next_opt(ctx, argc, argv, "", longopts, &status)) != -1) {
		if (opt == OPT_EXIT)
			return status;
		if (opt == 'f')
			fix = 1;
	}
	if (optind < argc)
		return usage_error(ctx, "unexpected argument '%s'", argv[optind]);
	if (fix && (r = ctx_lock(ctx)))
		return fail(r);
	/* again, for docket.ini's warnings */
	r = firm_load(&f, ctx->root, &warnings);
	if (r)
		return fail(r);
	sol_rules_check(f, ctx->today, &warnings);
	/* what no case's own check sees: notes without a case, an ID in
	 * two years */
	case_layout_problems(&problems, ctx->root);
	for (size_t i = 0; i < problems.n; i++) {
		tprintf("error: %s\n", problems.v[i]);
		errors++;
	}
	case_list_dirs(&dirs, ctx->root);
	for (size_t i = 0; i < dirs.n; i++) {
		struct dcase *c = NULL;
		int drift;

		progress("checking cases", i + 1, dirs.n);
		r = case_load(&c, f, dirs.v[i]);
		if (!r)
			r = case_view(c, f, &warnings);
		if (r) {
			tprintf("error: %s\n", dk_errmsg());
			errors++;
		} else if (c->open) {
			/* the law's deadlines: open cases only */
			struct strv tmp = STRV_INIT;

			drift = deadlines_check(f, c, &tmp);
			if (drift && fix) {
				progress_end();
				if ((r = fix_case(ctx, f, c))) {
					tprintf("error: %s\n", dk_errmsg());
					errors++;
				} else {
					/* what is left to say of it */
					fixed++;
					strv_free(&tmp);
					deadlines_check(f, c, &tmp);
				}
			}
			for (size_t k = 0; k < tmp.n; k++)
				strv_push(&warnings, tmp.v[k]);
			strv_free(&tmp);
		}
		case_free(c);
	}
	progress_end();
	for (size_t i = 0; i < warnings.n; i++)
		tprintf("warning: %s\n", warnings.v[i]);
	tfprintf(stderr, "%zu case%s checked: %d error%s, %zu warning%s",
		dirs.n, dirs.n == 1 ? "" : "s", errors, errors == 1 ? "" : "s",
		warnings.n, warnings.n == 1 ? "" : "s");
	if (fix)
		tfprintf(stderr, ", %zu case%s fixed", fixed,
			fixed == 1 ? "" : "s");
	fputc('\n', stderr);
	strv_free(&warnings);
	strv_free(&dirs);
	strv_free(&problems);
	firm_free(f);
	return errors ? EXIT_FAIL : EXIT_OK;
}
