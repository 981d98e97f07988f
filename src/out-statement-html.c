/*
 * out-statement-html.c - `docket statement --html FILE`: the statement as
 * one self-contained page to print and sign, line for line the text
 * form's.  Inline CSS and nothing else: a Content Security Policy forbids
 * scripts and anything from the network, and every value is escaped.
 */
#include "docket/date.h"
#include "docket/money.h"
#include "docket/out.h"
#include "docket/settle.h"

#include <stdlib.h>
#include <string.h>

#define REPLACEMENT "\xef\xbf\xbd"	/* U+FFFD */

/*
 * A value as HTML text (or an attribute's value): & < > " ' as entities;
 * control characters but newline and tab, bytes that are not UTF-8, and
 * the invisible code points that could reorder what a person reads (C1,
 * bidirectional controls, U+2028/9) as U+FFFD.
 */
static void
esc(FILE *f, const char *s)
{
	size_t len = strlen(s), i = 0;

	while (i < len) {
		unsigned cp;
		size_t n = utf8_char(s + i, len - i, &cp);

		if (!n || (n == 1 && ((cp < 0x20 && cp != '\n' && cp != '\t') ||
				      cp == 0x7f)) || (n > 1 && is_hidden(cp)))
			fputs(REPLACEMENT, f);
		else if (cp == '&')
			fputs("&amp;", f);
		else if (cp == '<')
			fputs("&lt;", f);
		else if (cp == '>')
			fputs("&gt;", f);
		else if (cp == '"')
			fputs("&quot;", f);
		else if (cp == '\'')
			fputs("&#39;", f);
		else
			fwrite(s + i, 1, n, f);
		i += n ? n : 1;
	}
}

/* Letter paper, one page for a simple case; the amounts in one column. */
static const char style[] =
	"@page{size:letter;margin:.6in}"
	"body{font:10.5pt/1.35 Georgia,\"Times New Roman\",serif;color:#111;"
	"background:#fff;margin:0 auto;max-width:7.3in;padding:.5in .3in}"
	"header{margin:0 0 .8rem}.firm{font-weight:700;font-size:12pt;margin:0}"
	"h1{font-size:14pt;margin:.2rem 0}.sub{margin:0}"
	".warn{border:2px solid #b42318;color:#b42318;font-weight:700;"
	"padding:.25rem .5rem;margin:0 0 .4rem}"
	"table{border-collapse:collapse;width:100%;margin:.4rem 0 0}"
	"td{padding:.12rem .3rem;vertical-align:top;overflow-wrap:anywhere}"
	"td.amount{text-align:right;white-space:nowrap;width:9.5rem;"
	"font-variant-numeric:tabular-nums}"
	".key{display:inline-block;min-width:8.5rem;margin-right:.6rem;"
	"font-family:ui-monospace,Menlo,Consolas,monospace;font-size:9.5pt}"
	"tr.heading td{font-weight:700;padding-top:.55rem;"
	"border-bottom:1px solid #888}"
	"tr.item td:first-child,tr.none td:first-child,tr.total td:first-child"
	"{padding-left:1.2rem}"
	"tr.total td{border-top:1px solid #ccc;font-style:italic}"
	"tr.fee td{padding-top:.55rem;font-weight:700}"
	"tr.net td{border-top:2px solid #111;border-bottom:2px solid #111;"
	"font-weight:700;font-size:12pt;padding:.3rem}"
	".none{color:#555}"
	"section.sign{margin-top:1.6rem;break-inside:avoid}"
	".lines{display:grid;grid-template-columns:3fr 1fr;column-gap:2rem;"
	"row-gap:2.4rem;margin-top:2.4rem}"
	".line{border-top:1px solid #111;padding-top:.15rem;font-size:9.5pt}"
	"@media print{body{padding:0;max-width:none}}";

static void
head(FILE *f, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n"
	      "<meta http-equiv=\"Content-Security-Policy\" content=\""
	      "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; "
	      "img-src data:; font-src 'none'; connect-src 'none'; "
	      "base-uri 'none'; form-action 'none'\">\n"
	      "<meta name=\"referrer\" content=\"no-referrer\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, "
	      "initial-scale=1\">\n<title>", f);
	esc(f, title);
	fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n", style);
}

static const char *const row_class[] = {
	[SROW_HEADING] = "heading", [SROW_ITEM] = "item", [SROW_NONE] = "none",
	[SROW_TOTAL] = "total", [SROW_FEE] = "fee", [SROW_NET] = "net",
};

static void
rows_html(FILE *f, const struct statement *st)
{
	struct srow *rows;
	size_t n;
	char m[MONEY_LEN];

	fputs("<table id=\"statement\">\n<tbody>\n", f);
	statement_rows(st, &rows, &n);
	for (size_t i = 0; i < n; i++) {
		const struct srow *r = &rows[i];

		fprintf(f, "<tr class=\"%s\"><td>", row_class[r->kind]);
		if (r->kind == SROW_ITEM) {
			fputs("<span class=\"key\">", f);
			esc(f, r->key);
			fputs("</span> ", f);
		} else if (r->kind == SROW_FEE) {
			esc(f, r->key);
			fputs(": ", f);
		}
		esc(f, r->text);
		fputs("</td><td class=\"amount\">", f);
		if (r->kind != SROW_HEADING && r->kind != SROW_NONE)
			fputs(money_fmt_human(m, r->amount), f);
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody>\n</table>\n", f);
	statement_rows_free(rows, n);
}

void
statement_html(FILE *f, const struct statement *st, const char *firm,
	       const char *attorney)
{
	struct strv warn = STRV_INIT;
	char *title = statement_title(st), d[DATE_LEN];

	head(f, title);
	fputs("<main>\n<header>\n", f);
	if (*firm) {
		fputs("<p class=\"firm\">", f);
		esc(f, firm);
		fputs("</p>\n", f);
	}
	statement_warnings(st, &warn);
	for (size_t i = 0; i < warn.n; i++) {
		fputs("<p class=\"warn\">", f);
		esc(f, warn.v[i]);
		fputs("</p>\n", f);
	}
	fputs("<h1>", f);
	esc(f, title);
	fputs("</h1>\n<p class=\"sub\">Client: <span id=\"client\">", f);
	esc(f, st->client);
	fprintf(f, "</span>, settled <time>%s</time></p>\n</header>\n",
		date_fmt(d, st->settled));
	rows_html(f, st);
	fputs("<section class=\"sign\">\n<p>I have read this statement and "
	      "approve the distribution of the settlement shown above.</p>\n"
	      "<div class=\"lines\">\n<div class=\"line\">Client: ", f);
	esc(f, st->client);
	fputs("</div><div class=\"line\">Date</div>\n<div class=\"line\">"
	      "Attorney", f);
	if (*attorney) {
		fputs(": ", f);
		esc(f, attorney);
	}
	fputs("</div><div class=\"line\">Date</div>\n</div>\n</section>\n"
	      "</main>\n</body>\n</html>\n", f);
	strv_free(&warn);
	free(title);
}
