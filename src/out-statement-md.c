/* out-statement-md.c - `docket statement --md`: the statement as a
 * Markdown table for the client letter, line for line the text form's. */
#include "docket/date.h"
#include "docket/money.h"
#include "docket/out.h"
#include "docket/settle.h"

#include <stdlib.h>
#include <string.h>

/* A value as literal Markdown text, in a paragraph or a table cell: its
 * control characters written visibly (a newline would end the row), then
 * a backslash before each character Markdown, or a table, reads as
 * markup.  A client named "<script>" stays text. */
static void
md(FILE *f, const char *raw)
{
	struct sb e = SB_INIT;

	sb_add_escaped(&e, raw, strlen(raw), 0);
	for (size_t i = 0; i < e.len; i++) {
		if (strchr("\\`*_[]<>&~|!#()", e.buf[i]))
			fputc('\\', f);
		fputc(e.buf[i], f);
	}
	sb_free(&e);
}

/* A cell: "| " then the value (bold when asked) then " ". */
static void
cell(FILE *f, const char *raw, int bold)
{
	fputs("| ", f);
	if (raw && *raw) {
		fputs(bold ? "**" : "", f);
		md(f, raw);
		fputs(bold ? "**" : "", f);
	}
	fputc(' ', f);
}

void
statement_md(FILE *f, const struct statement *st)
{
	struct strv warn = STRV_INIT;
	struct srow *rows;
	size_t n;
	char *title = statement_title(st), m[MONEY_LEN], d[DATE_LEN];

	fputs("# ", f);
	md(f, title);
	fputs("\n\n", f);
	statement_warnings(st, &warn);
	for (size_t i = 0; i < warn.n; i++) {
		fputs("**", f);
		md(f, warn.v[i]);
		fputs("**\n\n", f);
	}
	fputs("Client: ", f);
	md(f, st->client);
	fprintf(f, ", settled %s\n\n", date_fmt(d, st->settled));
	fputs("| Item | Detail | Amount |\n| :--- | :--- | ---: |\n", f);
	statement_rows(st, &rows, &n);
	for (size_t i = 0; i < n; i++) {
		const struct srow *r = &rows[i];
		int strong = r->kind == SROW_HEADING || r->kind == SROW_NET;

		switch (r->kind) {
		case SROW_HEADING:
		case SROW_NET:
			cell(f, r->text, 1);
			cell(f, NULL, 0);
			break;
		case SROW_ITEM:
		case SROW_FEE:
			cell(f, r->key, r->kind == SROW_FEE);
			cell(f, r->text, 0);
			break;
		case SROW_NONE:
		case SROW_TOTAL:
			cell(f, NULL, 0);
			cell(f, r->text, 0);
			break;
		}
		cell(f, r->kind == SROW_HEADING || r->kind == SROW_NONE ? NULL :
		     money_fmt_human(m, r->amount), strong);
		fputs("|\n", f);
	}
	statement_rows_free(rows, n);
	strv_free(&warn);
	free(title);
}
