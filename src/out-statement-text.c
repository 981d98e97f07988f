/* out-statement-text.c - `docket statement`: the settlement statement for
 * a person, amounts right-aligned in one column (see docket-statement(1)). */
#include "docket/date.h"
#include "docket/money.h"
#include "docket/out.h"
#include "docket/settle.h"

#include <stdlib.h>
#include <string.h>

#define KEY_END 19	/* an item's text starts here */
#define SETTLED_AT 41	/* "settled DATE" on the client's line */
#define AMOUNT_END 65	/* the amounts end here */

static void
add(struct sb *line, const char *raw)
{
	sb_add_escaped(line, raw, strlen(raw), 0);
}

/* Spaces up to column col, at least min of them. */
static void
pad(struct sb *line, size_t col, size_t min)
{
	size_t at = utf8_cols(line->buf, line->len);

	for (size_t i = 0; i < min || at + i < col; i++)
		sb_addc(line, ' ');
}

static void
put(FILE *f, struct sb *line)
{
	tfprintf(f, "%s\n", sb_str(line));
	sb_reset(line);
}

void
statement_text(FILE *f, const struct statement *st)
{
	struct strv warn = STRV_INIT;
	struct sb line = SB_INIT;
	struct srow *rows;
	size_t n;
	char *title = statement_title(st), m[MONEY_LEN], d[DATE_LEN];

	statement_warnings(st, &warn);
	for (size_t i = 0; i < warn.n; i++) {
		add(&line, warn.v[i]);
		put(f, &line);
	}
	add(&line, title);
	put(f, &line);
	sb_adds(&line, "Client: ");
	add(&line, st->client);
	pad(&line, SETTLED_AT, 2);
	sb_addf(&line, "settled %s", date_fmt(d, st->settled));
	put(f, &line);
	statement_rows(st, &rows, &n);
	for (size_t i = 0; i < n; i++) {
		const struct srow *r = &rows[i];

		switch (r->kind) {
		case SROW_HEADING:
		case SROW_NET:
			break;
		case SROW_ITEM:
			sb_adds(&line, "  ");
			add(&line, r->key);
			pad(&line, KEY_END, 2);
			break;
		case SROW_NONE:
		case SROW_TOTAL:
			sb_adds(&line, "  ");
			break;
		case SROW_FEE:
			add(&line, r->key);
			sb_adds(&line, ": ");
			break;
		}
		add(&line, r->text);
		if (r->kind != SROW_HEADING && r->kind != SROW_NONE) {
			money_fmt_human(m, r->amount);
			pad(&line, AMOUNT_END - strlen(m), 2);
			sb_adds(&line, m);
		}
		put(f, &line);
	}
	statement_rows_free(rows, n);
	strv_free(&warn);
	sb_free(&line);
	free(title);
}
