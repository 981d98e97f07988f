/* cmd-agenda.c - docket agenda: the exceptions and decisions for an
 * attorney's weekly one-on-one with a case manager. */
#include "docket/agenda.h"
#include "docket/cmd.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/id.h"
#include "docket/out.h"
#include "docket/report.h"

#include <stdlib.h>
#include <string.h>

int
cmd_agenda(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "md", no_argument, NULL, 'M' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct report_filter filter = { NULL, NULL, 0, AGENDA_LAW_DAYS };
	struct report *rep = NULL;
	struct agenda a;
	const char *attorney, *manager = NULL;
	int opt, status = EXIT_OK, md = 0, json = 0, r;

	while ((opt = next_opt(ctx, argc, argv, "", longopts, &status)) != -1) {
		switch (opt) {
		case OPT_EXIT: return status;
		case 'M': md = 1; break;
		case 'j': json = 1; break;
		}
	}
	if (optind >= argc)
		return usage_error(ctx, "whose agenda? (the attorney's handle)");
	if (argc - optind > 2)
		return usage_error(ctx, "unexpected argument '%s'",
				   argv[optind + 2]);
	if (md && json)
		return usage_error(ctx, "--md and --json go one at a time");
	attorney = argv[optind];
	if (optind + 1 < argc)
		manager = argv[optind + 1];
	if (name_check(attorney, NAME_MAX_LEN, "attorney") < 0 ||
	    (manager && name_check(manager, NAME_MAX_LEN, "manager") < 0))
		return fail(DK_EINVAL);
	if (!firm_staff(ctx->firm, attorney))
		tfprintf(stderr, "docket: warning: '%s' is not in docket.ini's "
			 "[staff]\n", attorney);
	if (manager && !firm_staff(ctx->firm, manager))
		tfprintf(stderr, "docket: warning: '%s' is not in docket.ini's "
			 "[staff]\n", manager);

	if ((r = scan_report(ctx, &filter, &rep)))
		return fail(r);
	agenda_build(&a, rep, attorney, manager);
	if (json)
		agenda_json(stdout, &a);
	else if (md)
		agenda_md(stdout, &a);
	else
		agenda_text(stdout, &a);
	if (scan_errors(rep, "on the agenda"))
		status = EXIT_FAIL;
	agenda_free(&a);
	report_free(rep);
	return status;
}
