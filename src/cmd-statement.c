/* cmd-statement.c - docket statement: the client's settlement statement,
 * as text, JSON, Markdown or a printable page. */
#include "docket/case.h"
#include "docket/cmd.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/out.h"
#include "docket/settle.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The page into memory, then into path atomically: a reader never sees
 * half a page, and a page that cannot be written leaves nothing. */
static int
write_html(const struct statement *st, const char *firm,
	   const char *attorney, const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int e;

	if (!f)
		return dk_errno(DK_EIO, errno, "cannot write %s", path);
	statement_html(f, st, firm, attorney);
	e = ferror(f);
	if (fclose(f) || e) {
		free(buf);
		return dk_err(DK_EIO, "cannot write %s: out of memory", path);
	}
	e = write_file_atomic(path, buf, len, file_mode);
	free(buf);
	return e ? dk_errno(DK_EIO, -e, "cannot write %s", path) : 0;
}

int
cmd_statement(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "md", no_argument, NULL, 'M' },
		{ "html", required_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct dcase *c = NULL;
	struct statement *st = NULL;
	const struct staff *who;
	const char *html = NULL, *attorney;
	int opt, status = EXIT_OK, json = 0, md = 0, r;

	while ((opt = next_opt(ctx, argc, argv, "", longopts, &status)) != -1) {
		switch (opt) {
		case OPT_EXIT: return status;
		case 'j': json = 1; break;
		case 'M': md = 1; break;
		case 'H': html = optarg; break;
		}
	}
	if (optind == argc)
		return usage_error(ctx, "which case? (a case ID)");
	if (argc - optind > 1)
		return usage_error(ctx, "unexpected argument '%s'",
				   argv[optind + 1]);
	if (json + md + !!html > 1)
		return usage_error(ctx, "--json, --md and --html go one at a time");
	if (html && !*html)
		return usage_error(ctx, "--html needs a file name");
	if ((r = load_case(ctx, argv[optind], &c)) ||
	    (r = statement_build(&st, ctx->firm, c)))
		goto out;
	who = firm_staff(ctx->firm, c->attorney);
	attorney = who ? who->name : c->attorney;
	if (json)
		statement_json(stdout, st);
	else if (md)
		statement_md(stdout, st);
	else if (html && !strcmp(html, "-"))
		statement_html(stdout, st, ctx->firm->name, attorney);
	else if (html)
		r = write_html(st, ctx->firm->name, attorney, html);
	else
		statement_text(stdout, st);
out:
	if (r)
		status = fail(r);
	statement_free(st);
	case_free(c);
	return status;
}
