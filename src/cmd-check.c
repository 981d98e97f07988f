/* cmd-check.c - docket check: validate docket.ini and every case. */
#include "docket/case.h"
#include "docket/cmd.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/out.h"

#include <stdlib.h>
#include <string.h>

int
cmd_check(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct strv warnings = STRV_INIT, dirs = STRV_INIT;
	struct firm *f = NULL;
	int opt, status = EXIT_OK, errors = 0, r;

	while ((opt = next_opt(ctx, argc, argv, "", longopts, &status)) != -1)
		if (opt == OPT_EXIT)
			return status;
	if (optind < argc)
		return usage_error(ctx, "unexpected argument '%s'", argv[optind]);
	/* again, for docket.ini's warnings */
	r = firm_load(&f, ctx->root, &warnings);
	if (r)
		return fail(r);
	case_list_dirs(&dirs, ctx->root);
	for (size_t i = 0; i < dirs.n; i++) {
		struct dcase *c = NULL;

		progress("checking cases", i + 1, dirs.n);
		r = case_load(&c, f, dirs.v[i]);
		if (!r)
			r = case_view(c, f, &warnings);
		if (r) {
			tprintf("error: %s\n", dk_errmsg());
			errors++;
		}
		case_free(c);
	}
	progress_end();
	for (size_t i = 0; i < warnings.n; i++)
		tprintf("warning: %s\n", warnings.v[i]);
	tfprintf(stderr, "%zu case%s checked: %d error%s, %zu warning%s\n",
		dirs.n, dirs.n == 1 ? "" : "s", errors, errors == 1 ? "" : "s",
		warnings.n, warnings.n == 1 ? "" : "s");
	strv_free(&warnings);
	strv_free(&dirs);
	firm_free(f);
	return errors ? EXIT_FAIL : EXIT_OK;
}
