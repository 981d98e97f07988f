/* cmd-report.c - docket report: the firm dashboard. */
#include "docket/cmd.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/id.h"
#include "docket/out.h"
#include "docket/report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
show_progress(size_t done, size_t total)
{
	progress("reading cases", done, total);
}

/* Write the page to a temporary file beside path, then rename it over
 * path: a reader never sees half a page. */
static int
write_html(const struct report *rep, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *tmp = slash ? xasprintf("%.*s/.docket-report-XXXXXX",
				      (int)(slash - path), path)
			  : xstrdup(".docket-report-XXXXXX");
	int fd = mkstemp(tmp), r = 0, e;
	FILE *f;

	if (fd < 0) {
		r = dk_errno(DK_EIO, errno, "cannot write %s", path);
		free(tmp);
		return r;
	}
	fchmod(fd, file_mode);
	f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(tmp);
		free(tmp);
		return dk_errno(DK_EIO, errno, "cannot write %s", path);
	}
	report_html(f, rep);
	e = fflush(f) || ferror(f) || fsync(fileno(f)) ? errno : 0;
	if (fclose(f) && !e)
		e = errno;
	if (!e && rename(tmp, path) < 0)
		e = errno;
	if (e) {
		unlink(tmp);
		r = dk_errno(DK_EIO, e, "cannot write %s", path);
	}
	free(tmp);
	return r;
}

int
cmd_report(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "md", no_argument, NULL, 'M' },
		{ "html", required_argument, NULL, 'H' },
		{ "who", required_argument, NULL, 'w' },
		{ "stage", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct report_filter filter = { NULL, NULL, 0, 0 };
	struct report *rep = NULL;
	const char *html = NULL;
	int opt, status = EXIT_OK, json = 0, md = 0, r;

	while ((opt = next_opt(ctx, argc, argv, "", longopts, &status)) != -1) {
		switch (opt) {
		case OPT_EXIT: return status;
		case 'j': json = 1; break;
		case 'M': md = 1; break;
		case 'H': html = optarg; break;
		case 'w': filter.who = optarg; break;
		case 's': filter.stage = optarg; break;
		}
	}
	if (optind < argc)
		return usage_error(ctx, "unexpected argument '%s'", argv[optind]);
	if (json + md + !!html > 1)
		return usage_error(ctx, "--json, --md and --html go one at a time");
	if (html && !*html)
		return usage_error(ctx, "--html needs a file name");
	if (filter.who && name_check(filter.who, NAME_MAX_LEN, "--who") < 0)
		return fail(DK_EINVAL);
	if (filter.stage) {
		int k;

		if ((r = firm_stage_pick(ctx->firm, filter.stage, &k)))
			return fail(r);
		filter.stage = ctx->firm->stages[k].name;
	}

	filter.now = ctx->now;
	r = report_build(&rep, ctx->firm, ctx->root, ctx->today, &filter,
			 show_progress);
	progress_end();
	if (r)
		return fail(r);
	/* what the page shows, read before it is written */
	if (html)
		report_add_notes(rep, ctx->root, REPORT_NOTES_SHOWN);
	if (json)
		report_json(stdout, rep);
	else if (md)
		report_md(stdout, rep);
	else if (html && !strcmp(html, "-"))
		report_html(stdout, rep);
	else if (html)
		r = write_html(rep, html);
	else
		report_text(stdout, rep, terminal_width());
	if (r)
		status = fail(r);
	else if (rep->nerrors) {
		tfprintf(stderr, "docket: %zu file%s could not be read (listed "
			"under errors)\n", rep->nerrors,
			rep->nerrors == 1 ? "" : "s");
		status = EXIT_FAIL;
	}
	report_free(rep);
	return status;
}
