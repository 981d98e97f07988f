/*
 * out-report-html.c - `docket report --html FILE`: one self-contained
 * page.  Inline CSS, inline SVG charts, every exception list, and the
 * latest notes of the cases in those lists rendered by cmark (raw HTML
 * suppressed, images shown as text).  Every value is escaped; a Content
 * Security Policy forbids scripts and anything from the network.
 */
#include "docket/case.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/money.h"
#include "docket/note.h"
#include "docket/out.h"
#include "docket/report.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>


/* Text or an attribute value: &<>"' as entities, control characters
 * (but newline and tab) and bytes that are not UTF-8 as U+FFFD. */
static void
esc_n(FILE *f, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t bad = len - i;
		int ok = utf8_valid(s + i, len - i, &bad);
		size_t good = ok ? len - i : bad;

		for (size_t k = i; k < i + good; k++) {
			unsigned char c = (unsigned char)s[k];

			switch (c) {
			case '&': fputs("&amp;", f); break;
			case '<': fputs("&lt;", f); break;
			case '>': fputs("&gt;", f); break;
			case '"': fputs("&quot;", f); break;
			case '\'': fputs("&#39;", f); break;
			default:
				if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
					fputs("\xef\xbf\xbd", f);
				else
					fputc(c, f);
			}
		}
		i += good;
		if (i < len) {
			fputs("\xef\xbf\xbd", f);
			i++;
		}
	}
}

static void
esc(FILE *f, const char *s)
{
	esc_n(f, s, strlen(s));
}

static const char style[] =
	"body{font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",sans-serif;"
	"color:#1d2430;background:#f6f7f9;margin:0;padding:0 1rem 3rem}"
	"header,main{max-width:64rem;margin:0 auto}"
	"header{padding:1.5rem 0 .5rem}h1{font-size:1.6rem;margin:0}"
	"h2{font-size:1.15rem;margin:1.6rem 0 .5rem}"
	"h3{font-size:1rem;margin:1rem 0 .3rem}"
	"section.empty h2{font-size:.95rem;font-weight:400;margin:.2rem 0 .6rem}"
	".sub{color:#5b6576;margin:.2rem 0 0}"
	"section.list,figure,article.case{background:#fff;border:1px solid #dde1e7;"
	"border-radius:6px;padding:.4rem 1rem .8rem;margin:0 0 1rem}"
	"ul.items{list-style:none;margin:0;padding:0}"
	"ul.items li{padding:.35rem 0;border-top:1px solid #eef0f3}"
	"ul.items li:first-child{border-top:0}"
	"ul.items li.missed{background:#fef3f2;border-left:4px solid #b42318;"
	"padding-left:.5rem}"
	".id{font-family:ui-monospace,monospace;font-weight:600}"
	".late,.over,.bad{color:#b42318;font-weight:600}"
	".soon{color:#9a6700;font-weight:600}.ok{color:#1a7f37;font-weight:600}"
	".none{color:#5b6576;margin:.3rem 0}.muted{color:#5b6576}"
	"a{color:#0b57d0}.charts{display:grid;gap:1rem;max-width:40rem;"
	"grid-template-columns:1fr}"
	"figure{margin:0}figcaption{font-weight:600;margin:.3rem 0 .5rem}"
	"svg{max-width:100%;height:auto}svg text{font:12px system-ui,sans-serif;"
	"fill:#1d2430}.note{border-top:1px solid #eef0f3;padding:.4rem 0}"
	".note .meta{color:#5b6576;font-size:.85rem;margin:0}"
	".note pre{white-space:pre-wrap;overflow-wrap:anywhere}"
	"table.figs{border-collapse:collapse}table.figs td,table.figs th"
	"{padding:.2rem .8rem .2rem 0;text-align:left}"
	"@media print{body{background:#fff}section.list,figure,article.case"
	"{break-inside:avoid}}";

static void
head(FILE *f, const struct report *r)
{
	char d[DATE_LEN];

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n"
	      "<meta http-equiv=\"Content-Security-Policy\" content=\""
	      "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; "
	      "img-src data:; font-src 'none'; connect-src 'none'; "
	      "base-uri 'none'; form-action 'none'\">\n"
	      "<meta name=\"referrer\" content=\"no-referrer\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, "
	      "initial-scale=1\">\n<title>", f);
	esc(f, *r->firm_name ? r->firm_name : "docket");
	fprintf(f, ": report as of %s</title>\n<style>%s</style>\n</head>\n"
		"<body>\n<header>\n<h1>", date_fmt(d, r->as_of), style);
	esc(f, *r->firm_name ? r->firm_name : "docket");
	fprintf(f, "</h1>\n<p class=\"sub\">Report as of <time>%s</time>: "
		"<span id=\"open\">%ld</span> open %s, <span id=\"closed\">%ld"
		"</span> closed", d, r->open, plural(r->open, "case", "cases"),
		r->closed);
	if (r->filter.who) {
		fputs("; the cases of ", f);
		esc(f, r->filter.who);
	}
	if (r->filter.stage) {
		fputs("; stage ", f);
		esc(f, r->filter.stage);
	}
	fputs(".</p>\n</header>\n<main>\n", f);
}

/* The case in a list item: its ID (a link to its notes) and client. */
static void
case_ref(FILE *f, const struct report *r, size_t c)
{
	const struct rcase *rc = &r->cases[c];

	fputs("<a class=\"id\" href=\"#case-", f);
	esc(f, rc->id);
	fputs("\">", f);
	esc(f, rc->id);
	fputs("</a>", f);
	if (*rc->client) {
		fputs(" <span class=\"client\">", f);
		esc(f, rc->client);
		fputs("</span>", f);
	}
}

/* A list as a card; an empty one, one line. */
static void
list_start(FILE *f, const char *id, const char *title, size_t n)
{
	if (!n) {
		fprintf(f, "<section class=\"empty\" id=\"%s\"><h2>", id);
		esc(f, title);
		fputs(": <span class=\"muted\">none</span></h2></section>\n", f);
		return;
	}
	fprintf(f, "<section class=\"list\" id=\"%s\">\n<h2>", id);
	esc(f, title);
	fprintf(f, " <span class=\"muted\">(%zu)</span></h2>\n", n);
	fputs("<ul class=\"items\">\n", f);
}

static void
list_end(FILE *f, size_t n)
{
	if (n)
		fputs("</ul>\n</section>\n", f);
}

static void
due_list(FILE *f, const struct report *r, const char *id, const char *title,
	 const struct rdue *v, size_t n, int late)
{
	char d[DATE_LEN], when[40];

	list_start(f, id, title, n);
	for (size_t i = 0; i < n; i++) {
		const struct rdue *e = &v[i];

		fputs("<li>", f);
		case_ref(f, r, e->c);
		fputs(": ", f);
		esc(f, e->what);
		fputs(" <span class=\"muted\">(", f);
		esc(f, e->name);
		fprintf(f, ")</span>, due <time>%s</time>, ", date_fmt(d, e->date));
		fprintf(f, "<span class=\"%s\">%s</span>", late ? "late" : "soon",
			days_phrase(when, sizeof(when),
				    late ? -e->days : e->days));
		if (*e->who) {
			fputs(", ", f);
			esc(f, e->who);
		}
		fputs("</li>\n", f);
	}
	list_end(f, n);
}

static void
watch_list(FILE *f, const struct report *r, const char *id, const char *title,
	   const struct rwatch *v, size_t n)
{
	char d[DATE_LEN], when[40];

	list_start(f, id, title, n);
	for (size_t i = 0; i < n; i++) {
		const struct rwatch *e = &v[i];

		fprintf(f, "<li%s>", e->missed ? " class=\"missed\"" : "");
		case_ref(f, r, e->c);
		fprintf(f, ": <time>%s</time>, ", date_fmt(d, e->date));
		if (e->missed)
			fprintf(f, "<strong class=\"late\">MISSED, %ld %s ago"
				"</strong>", -e->days,
				plural(-e->days, "day", "days"));
		else
			fprintf(f, "<span class=\"soon\">%s</span>",
				days_phrase(when, sizeof(when), e->days));
		if (*e->flag) {
			fputs(" (", f);
			esc(f, e->flag);
			fputs(")", f);
		}
		fputs("<br><span class=\"muted\">", f);
		esc(f, *e->basis ? e->basis : "no basis: computed by an older "
		    "docket");
		fputs("</span></li>\n", f);
	}
	list_end(f, n);
}

/* The law's deadlines, right after the overdue ones: missed first. */
static void
watch(FILE *f, const struct report *r)
{
	char title[120], d1[DATE_LEN], d2[DATE_LEN];

	snprintf(title, sizeof(title), "Statutes of limitations: missed, and "
		 "in the next %d days", r->watch_days);
	watch_list(f, r, "sol-watch", title, r->sol_watch, r->nsol_watch);
	snprintf(title, sizeof(title), "Notices of claim: missed, and in the "
		 "next %d days", r->watch_days);
	watch_list(f, r, "notice-watch", title, r->notice_watch,
		   r->nnotice_watch);
	list_start(f, "sol-manual-later", "Set by hand later than the rules "
		   "give", r->nmanual_later);
	for (size_t i = 0; i < r->nmanual_later; i++) {
		const struct rmanual *m = &r->manual_later[i];

		fputs("<li>", f);
		case_ref(f, r, m->c);
		fputs(": <code>", f);
		esc(f, m->name);
		fprintf(f, "</code> set to <time>%s</time>; the rules give "
			"<strong class=\"late\"><time>%s</time></strong><br>"
			"<span class=\"muted\">", date_fmt(d1, m->date),
			date_fmt(d2, m->computed));
		esc(f, m->basis);
		fputs("</span></li>\n", f);
	}
	list_end(f, r->nmanual_later);
}

static void
lists(FILE *f, const struct report *r)
{
	char d[DATE_LEN], title[80];
	size_t over = 0;

	for (size_t i = 0; i < r->nload; i++)
		over += r->load[i].over;
	if (r->nerrors) {
		list_start(f, "errors", "Cases that could not be read", r->nerrors);
		for (size_t i = 0; i < r->nerrors; i++) {
			fputs("<li><code>", f);
			esc(f, r->errors[i].file);
			if (r->errors[i].line)
				fprintf(f, ":%d", r->errors[i].line);
			fputs("</code>: ", f);
			esc(f, r->errors[i].message);
			fputs("</li>\n", f);
		}
		list_end(f, r->nerrors);
	}
	due_list(f, r, "overdue", "Overdue deadlines", r->overdue, r->noverdue, 1);
	watch(f, r);
	list_start(f, "demands-due", "Demands due: records complete, no demand "
		   "sent", r->ndemands_due);
	for (size_t i = 0; i < r->ndemands_due; i++) {
		const struct rdemand *e = &r->demands_due[i];
		char d2[DATE_LEN], when[40];

		fputs("<li>", f);
		case_ref(f, r, e->c);
		fprintf(f, ": records complete <time>%s</time>, demand due "
			"<time>%s</time>, ", date_fmt(d, e->complete),
			date_fmt(d2, e->due));
		fprintf(f, "<span class=\"%s\">%s</span>",
			e->days < 0 ? "late" : "soon",
			days_phrase(when, sizeof(when), e->days));
		fputs("</li>\n", f);
	}
	list_end(f, r->ndemands_due);
	due_list(f, r, "due-soon", "Due in the next 7 days", r->due_soon,
		 r->ndue_soon, 0);

	list_start(f, "escalations", "Open escalations", r->nesc);
	for (size_t i = 0; i < r->nesc; i++) {
		const struct resc *e = &r->esc[i];

		fputs("<li>", f);
		case_ref(f, r, e->c);
		fputs(": ", f);
		esc(f, e->reason);
		fputs(", to ", f);
		esc(f, *e->to ? e->to : "nobody");
		fprintf(f, ", open since <time>%s</time> (<span class=\"%s\">%ld %s"
			"</span>): ", date_fmt(d, e->opened),
			e->days_open > 3 ? "late" : "soon", e->days_open,
			plural(e->days_open, "day", "days"));
		esc(f, e->what);
		fputs("</li>\n", f);
	}
	list_end(f, r->nesc);

	list_start(f, "suggested", "Suggested escalations", r->nsugg);
	for (size_t i = 0; i < r->nsugg; i++) {
		const struct rsugg *e = &r->sugg[i];

		fputs("<li>", f);
		case_ref(f, r, e->c);
		fputs(": ", f);
		esc(f, e->reason);
		fputs(", &ldquo;<mark>", f);
		esc(f, e->match);
		if (e->note) {
			char *label = note_label(e->note);

			fputs("</mark>&rdquo; in ", f);
			esc(f, label);
			fputs("</li>\n", f);
			free(label);
		} else {
			fputs("</mark>&rdquo; from the case file</li>\n", f);
		}
	}
	list_end(f, r->nsugg);

	snprintf(title, sizeof(title), "Treatment gaps: no visit in %d days",
		 r->gap_days);
	list_start(f, "treatment-gaps", title, r->ngaps);
	for (size_t i = 0; i < r->ngaps; i++) {
		const struct rgap *e = &r->gaps[i];

		fputs("<li>", f);
		case_ref(f, r, e->c);
		fputs(": <code>", f);
		esc(f, e->provider);
		fprintf(f, "</code>, last visit <time>%s</time>, <span "
			"class=\"late\">%ld %s ago</span></li>\n",
			date_fmt(d, e->last_visit), e->days,
			plural(e->days, "day", "days"));
	}
	list_end(f, r->ngaps);

	list_start(f, "settlements", "Settlements held for lien holders",
		   r->nsettlements);
	for (size_t i = 0; i < r->nsettlements; i++) {
		const struct rsettle *e = &r->settlements[i];
		char a[MONEY_LEN], b[MONEY_LEN];

		fputs("<li>", f);
		case_ref(f, r, e->c);
		fprintf(f, ": settled <time>%s</time>, gross %s, liens pending "
			"<strong>%s</strong> (not final: ", date_fmt(d, e->settled),
			money_fmt_human(a, e->gross), money_fmt_human(b, e->pending));
		esc(f, e->liens);
		fputs(")</li>\n", f);
	}
	list_end(f, r->nsettlements);

	list_start(f, "stuck", "Stuck in a stage", r->nstuck);
	for (size_t i = 0; i < r->nstuck; i++) {
		const struct rstuck *e = &r->stuck[i];

		fputs("<li>", f);
		case_ref(f, r, e->c);
		fputs(": ", f);
		esc(f, e->stage);
		fprintf(f, " for <span class=\"late\">%ld days</span> (limit %d)"
			"</li>\n", e->days, e->max_days);
	}
	list_end(f, r->nstuck);

	snprintf(title, sizeof(title), "Clients not contacted in %d days",
		 r->contact.window_days);
	list_start(f, "stale", title, r->contact.nstale);
	for (size_t i = 0; i < r->contact.nstale; i++) {
		const struct rstale *e = &r->contact.stale[i];

		fputs("<li>", f);
		case_ref(f, r, e->c);
		if (e->last_contact != NO_DATE)
			fprintf(f, ": last contact <time>%s</time>, <span "
				"class=\"late\">%ld %s ago</span></li>\n",
				date_fmt(d, e->last_contact), e->days,
				plural(e->days, "day", "days"));
		else
			fprintf(f, ": <span class=\"late\">never contacted</span>; "
				"opened %ld %s ago</li>\n", e->days,
				plural(e->days, "day", "days"));
	}
	list_end(f, r->contact.nstale);

	list_start(f, "awaiting", "Awaiting first contact",
		   r->contact.nawaiting);
	for (size_t i = 0; i < r->contact.nawaiting; i++) {
		const struct rstale *e = &r->contact.awaiting[i];

		fputs("<li>", f);
		case_ref(f, r, e->c);
		fprintf(f, ": opened %ld %s ago</li>\n", e->days,
			plural(e->days, "day", "days"));
	}
	list_end(f, r->contact.nawaiting);

	list_start(f, "over-caseload", "Over caseload", over);
	for (size_t i = 0; i < r->nload; i++) {
		const struct rload *l = &r->load[i];

		if (!l->over)
			continue;
		fputs("<li><span class=\"id\">", f);
		esc(f, l->who);
		fprintf(f, "</span> (%s): <span class=\"over\">%ld open cases"
			"</span>, limit %d</li>\n", l->role, l->open, l->max);
	}
	list_end(f, over);
}

/* ---- the charts ---- */

#define CHART_W 560
#define LABEL_W 150
#define BAR_W 300
#define ROW_H 24

static void
svg_start(FILE *f, const char *id, const char *title, int h)
{
	fprintf(f, "<figure id=\"%s\">\n<figcaption>", id);
	esc(f, title);
	fprintf(f, "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
		"viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">"
		"<title>", CHART_W, h, CHART_W, h);
	esc(f, title);
	fputs("</title>\n", f);
}

static void
svg_end(FILE *f)
{
	fputs("</svg>\n</figure>\n", f);
}

static int
scale(long v, long max)
{
	return max > 0 ? (int)((double)v * BAR_W / (double)max + 0.5) : 0;
}

static void
funnel(FILE *f, const struct report *r)
{
	long max = 1;
	int h = (int)r->nstages * ROW_H + 10;

	for (size_t i = 0; i < r->nstages; i++)
		if (r->stages[i].open > max)
			max = r->stages[i].open;
	svg_start(f, "chart-funnel", "Open cases by stage (red: over the "
		  "stage's limit)", h);
	for (size_t i = 0; i < r->nstages; i++) {
		const struct rstage *s = &r->stages[i];
		int y = 5 + (int)i * ROW_H;
		int w = scale(s->open, max), wo = scale(s->over_limit, max);

		fprintf(f, "<g class=\"stage\"><text x=\"%d\" y=\"%d\" "
			"text-anchor=\"end\">", LABEL_W - 8, y + 16);
		esc(f, s->stage);
		fprintf(f, "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
			"fill=\"#7aa2e3\"/>", LABEL_W, y + 3, w, ROW_H - 6);
		if (wo)
			fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
				"fill=\"#d92d20\"/>", LABEL_W + w - wo, y + 3, wo,
				ROW_H - 6);
		fprintf(f, "<text x=\"%d\" y=\"%d\">%ld", LABEL_W + w + 6, y + 16,
			s->open);
		if (s->over_limit)
			fprintf(f, " (%ld over)", s->over_limit);
		fputs("</text></g>\n", f);
	}
	svg_end(f);
}

static void
caseload(FILE *f, const struct report *r)
{
	long max = 1;
	int h = (int)(r->nload ? r->nload : 1) * ROW_H + 10;

	for (size_t i = 0; i < r->nload; i++) {
		if (r->load[i].open > max)
			max = r->load[i].open;
		if (r->load[i].max > max)
			max = r->load[i].max;
	}
	max += max / 10;
	svg_start(f, "chart-caseload", "Open cases per person (line: the "
		  "maximum)", h);
	if (!r->nload)
		fprintf(f, "<text x=\"%d\" y=\"20\">nobody</text>\n", LABEL_W);
	for (size_t i = 0; i < r->nload; i++) {
		const struct rload *l = &r->load[i];
		int y = 5 + (int)i * ROW_H, w = scale(l->open, max);
		int mx = LABEL_W + scale(l->max, max);

		fprintf(f, "<g class=\"person\"><text x=\"%d\" y=\"%d\" "
			"text-anchor=\"end\">", LABEL_W - 8, y + 16);
		esc(f, l->who);
		fprintf(f, " (%s)</text><rect x=\"%d\" y=\"%d\" width=\"%d\" "
			"height=\"%d\" fill=\"%s\"/>", l->role, LABEL_W, y + 3, w,
			ROW_H - 6, l->over ? "#d92d20" : "#7aa2e3");
		fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
			"stroke=\"#1d2430\" stroke-width=\"2\" "
			"stroke-dasharray=\"3 2\"/>", mx, y + 1, mx, y + ROW_H - 1);
		fprintf(f, "<text x=\"%d\" y=\"%d\">%ld of %d</text></g>\n",
			(mx > LABEL_W + w ? mx : LABEL_W + w) + 6, y + 16, l->open,
			l->max);
	}
	svg_end(f);
}

static void
contact(FILE *f, const struct report *r)
{
	double pct = r->contact.pct < 0 ? 0 : r->contact.pct;
	int ok = r->contact.pct >= r->contact.target_pct;
	int w = (int)(pct * BAR_W / 100.0 + 0.5);
	int tx = LABEL_W + r->contact.target_pct * BAR_W / 100;
	char title[120];

	snprintf(title, sizeof(title), "Clients contacted in the last %d days "
		 "(line: the target)", r->contact.window_days);
	svg_start(f, "chart-contact", title, 60);
	fprintf(f, "<text x=\"%d\" y=\"26\" text-anchor=\"end\">contacted</text>"
		"<rect x=\"%d\" y=\"10\" width=\"%d\" height=\"22\" "
		"fill=\"#eef0f3\"/><rect x=\"%d\" y=\"10\" width=\"%d\" "
		"height=\"22\" fill=\"%s\"/>", LABEL_W - 8, LABEL_W, BAR_W,
		LABEL_W, w, ok ? "#3fa35a" : "#d92d20");
	fprintf(f, "<line x1=\"%d\" y1=\"6\" x2=\"%d\" y2=\"36\" stroke=\"#1d2430\" "
		"stroke-width=\"2\"/><text x=\"%d\" y=\"52\" "
		"text-anchor=\"middle\">target %d%%</text>", tx, tx, tx,
		r->contact.target_pct);
	if (r->contact.pct < 0)
		fprintf(f, "<text x=\"%d\" y=\"26\">no open cases</text>\n",
			LABEL_W + BAR_W + 6);
	else
		fprintf(f, "<text x=\"%d\" y=\"26\">%s%%</text>\n",
			LABEL_W + BAR_W + 6,
			fmt_num(title, sizeof(title), r->contact.pct));
	svg_end(f);
}

static void
figures(FILE *f, const struct report *r)
{
	char n1[40], n2[40];

	fputs("<h2>The firm</h2>\n<div class=\"charts\">\n", f);
	funnel(f, r);
	caseload(f, r);
	contact(f, r);
	fputs("</div>\n<section class=\"list\" id=\"figures\">\n"
	      "<table class=\"figs\">\n", f);
	snprintf(n2, sizeof(n2), "; %zu more awaiting first contact",
		 r->contact.nawaiting);
	if (r->contact.pct >= 0)
		fprintf(f, "<tr><th>Client contact</th><td>%ld of %ld open cases in "
			"the last %d days: <span class=\"%s\">%s%%</span>, target "
			"%d%%%s</td></tr>\n", r->contact.contacted,
			r->contact.open - (long)r->contact.nawaiting,
			r->contact.window_days,
			r->contact.pct >= r->contact.target_pct ? "ok" : "bad",
			fmt_num(n1, sizeof(n1), r->contact.pct),
			r->contact.target_pct,
			r->contact.nawaiting ? n2 : "");
	else if (r->contact.open)
		fputs("<tr><th>Client contact</th><td>every open case awaits its "
		      "first contact</td></tr>\n", f);
	else
		fputs("<tr><th>Client contact</th><td>no open cases</td></tr>\n", f);
	if (r->turnaround.count)
		fprintf(f, "<tr><th>Demand turnaround</th><td>%ld %s, from "
			"records complete to the first demand: median %s days; "
			"<span class=\"%s\">%s%%</span> within %d days</td></tr>\n",
			r->turnaround.count,
			plural(r->turnaround.count, "case", "cases"),
			fmt_num(n1, sizeof(n1), r->turnaround.median_days),
			r->turnaround.within_pct >= 100 ? "ok" : "bad",
			fmt_num(n2, sizeof(n2), r->turnaround.within_pct),
			r->turnaround.target_days);
	else
		fputs("<tr><th>Demand turnaround</th><td>no demand sent after "
		      "records complete yet</td></tr>\n", f);
	if (r->resolution.closed)
		fprintf(f, "<tr><th>Resolution</th><td>%ld closed %s: %s days "
			"from opened to closed on average, median %s</td></tr>\n",
			r->resolution.closed,
			plural(r->resolution.closed, "case", "cases"),
			fmt_num(n1, sizeof(n1), r->resolution.avg_days),
			fmt_num(n2, sizeof(n2), r->resolution.median_days));
	else
		fputs("<tr><th>Resolution</th><td>no closed case yet</td></tr>\n", f);
	fputs("</table>\n</section>\n", f);
}

/* ---- the notes ---- */

/* Images would load from wherever they point: show them as text. */
static void
images_as_text(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node **imgs = NULL;
	size_t n = 0, cap = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);

		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(node) == CMARK_NODE_IMAGE) {
			GROW(imgs, cap, n + 1);
			imgs[n++] = node;
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < n; i++) {
		cmark_node *img = imgs[i], *child, *t;
		const char *url = cmark_node_get_url(img);
		char *tail = xasprintf(" <%s>]", url ? url : "");

		t = cmark_node_new(CMARK_NODE_TEXT);
		cmark_node_set_literal(t, "[image: ");
		cmark_node_insert_before(img, t);
		while ((child = cmark_node_first_child(img)))
			cmark_node_insert_before(img, child);
		t = cmark_node_new(CMARK_NODE_TEXT);
		cmark_node_set_literal(t, tail);
		cmark_node_insert_before(img, t);
		cmark_node_free(img);
		free(tail);
	}
	free(imgs);
}

static void
note_body(FILE *f, const char *text, size_t len)
{
	const int opts = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
	cmark_node *doc;
	char *html;

	if (!markdown_tame(text, len)) {
		/* too deeply nested for cmark in reasonable time: as it is */
		fputs("<pre>", f);
		esc_n(f, text, len);
		fputs("</pre>\n", f);
		return;
	}
	doc = cmark_parse_document(text, len, opts);
	images_as_text(doc);
	html = cmark_render_html(doc, opts);
	fputs(html, f);
	free(html);
	cmark_node_free(doc);
}

static void
notes(FILE *f, const struct report *r)
{
	fprintf(f, "<h2>Latest notes of the cases above</h2>\n");
	if (!r->ncases)
		fputs("<p class=\"none\">No case is listed above.</p>\n", f);
	for (size_t i = 0; i < r->ncases; i++) {
		const struct rcase *c = &r->cases[i];
		const struct rnote *v = c->notes;
		size_t n = c->nnotes;

		fputs("<article class=\"case\" id=\"case-", f);
		esc(f, c->id);
		fputs("\">\n<h3><span class=\"id\">", f);
		esc(f, c->id);
		fputs("</span>", f);
		if (*c->client) {
			fputs(" &middot; ", f);
			esc(f, c->client);
		}
		if (*c->title) {
			fputs(" &middot; ", f);
			esc(f, c->title);
		}
		fputs("</h3>\n<p class=\"muted\">", f);
		esc(f, c->stage);
		if (*c->attorney) {
			fputs(" &middot; attorney ", f);
			esc(f, c->attorney);
		}
		if (*c->manager) {
			fputs(" &middot; manager ", f);
			esc(f, c->manager);
		}
		fputs("</p>\n", f);
		if (c->notes_error) {
			fputs("<p class=\"bad\">", f);
			esc(f, c->notes_error);
			fputs("</p>\n", f);
		} else if (!n) {
			fputs("<p class=\"none\">No notes.</p>\n", f);
		}
		for (size_t k = 0; k < n; k++) {
			char l[TIME_LOCAL_LEN];

			fputs("<div class=\"note\">\n<p class=\"meta\"><time>", f);
			esc(f, time_fmt_local(l, v[k].time));
			fputs("</time> &middot; ", f);
			esc(f, v[k].kind);
			fputs(" &middot; ", f);
			esc(f, v[k].author);
			fputs("</p>\n", f);
			note_body(f, v[k].text, v[k].len);
			fputs("</div>\n", f);
		}
		fputs("</article>\n", f);
	}
}

void
report_html(FILE *f, const struct report *r)
{
	head(f, r);
	lists(f, r);
	figures(f, r);
	report_html_workflow(f, r);
	notes(f, r);
	fputs("</main>\n</body>\n</html>\n", f);
}

/* For the other pages (out-show.c): a value as HTML text, and a note's
 * CommonMark as HTML, raw HTML suppressed and images shown as text. */
void
html_text(FILE *f, const char *s)
{
	esc(f, s);
}

void
html_markdown(FILE *f, const char *md, size_t len)
{
	note_body(f, md, len);
}
