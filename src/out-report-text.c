/* out-report-text.c - `docket report` for a terminal: exceptions first,
 * then the firm's figures, every line within the width. */
#include "docket/case.h"
#include "docket/date.h"
#include "docket/money.h"
#include "docket/note.h"
#include "docket/out.h"
#include "docket/report.h"

#include <stdlib.h>
#include <string.h>

/* A line being built, printed when full. */
struct row {
	FILE *f;
	int width;
	struct sb line;
};

#define INDENT "      "

/* Display columns of a UTF-8 string: one per code point, none for the
 * colour codes this file writes (the data's control characters are
 * escaped, see sb_add_escaped). */
static size_t
ncols(const char *s)
{
	size_t c = 0;

	for (; *s; s++) {
		if (s[0] == '\033' && s[1] == '[') {
			const char *e = s + 2;

			while (*e >= '0' && *e <= '9')
				e++;
			if (*e == 'm') {
				s = e;
				continue;
			}
		}
		if (((unsigned char)*s & 0xc0) != 0x80)
			c++;
	}
	return c;
}

/* Append s to line, control characters escaped, cut to at most max
 * columns (ending in "..." when cut). */
static void
fit(struct sb *line, const char *raw, size_t max)
{
	struct sb esc = SB_INIT;
	const char *s;
	size_t cols, used = 0, keep;

	sb_add_escaped(&esc, raw, strlen(raw), 0);
	s = esc.buf;
	cols = ncols(s);
	keep = cols <= max ? cols : max > 3 ? max - 3 : max;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		int start = (*p & 0xc0) != 0x80;

		if (start && used == keep)
			break;
		used += start;
		sb_addc(line, (char)*p);
	}
	if (cols > max && max > 3)
		sb_adds(line, "...");
	sb_free(&esc);
}

static void
flush_line(struct row *r)
{
	while (r->line.len && r->line.buf[r->line.len - 1] == ' ')
		r->line.buf[--r->line.len] = '\0';
	fprintf(r->f, "%s\n", sb_str(&r->line));
	sb_reset(&r->line);
}

/* What does not fit on this line goes on the next, indented. */
static void
make_room(struct row *r, size_t need)
{
	size_t used = ncols(sb_str(&r->line));

	if (used > strlen(INDENT) && used + need > (size_t)r->width) {
		flush_line(r);
		sb_adds(&r->line, INDENT);
	}
}

/* A cell: s cut and padded to width columns, then a space. */
static void
cell(struct row *r, const char *s, size_t width)
{
	size_t before, cols;

	make_room(r, width + 1);
	before = r->line.len;
	fit(&r->line, s, width);
	cols = ncols(r->line.buf + before);
	while (cols++ < width)
		sb_addc(&r->line, ' ');
	sb_addc(&r->line, ' ');
}

/* A case ID or a deadline's name: whole (it is what the user types),
 * padded to width, then a space. */
static void
whole_cell(struct row *r, const char *id, size_t width)
{
	struct sb esc = SB_INIT;
	size_t n;

	sb_add_escaped(&esc, id, strlen(id), 0);
	n = ncols(esc.buf);
	make_room(r, (n > width ? n : width) + 1);
	sb_adds(&r->line, esc.buf);
	while (n++ < width)
		sb_addc(&r->line, ' ');
	sb_addc(&r->line, ' ');
	sb_free(&esc);
}

/* The rest of the line: free text in what is left of the width. */
static void
end_line(struct row *r, const char *text)
{
	size_t used;

	if (text && *text) {
		size_t n = ncols(text);

		make_room(r, n < (size_t)r->width - 20 ? n : (size_t)r->width - 20);
		used = ncols(sb_str(&r->line));
		fit(&r->line, text, (size_t)r->width > used + 10 ?
		    (size_t)r->width - used : 10);
	}
	flush_line(r);
}

static void
heading(FILE *f, const char *color, const char *title, size_t n)
{
	fprintf(f, "\n%s%s%s (%zu)%s\n", c_bold(), color, title, n, c_off());
}

static void wrapped_line(struct row *r, const char *text);

/* The second line of an entry: free text under the case ID, wrapped, not
 * cut. */
static void
text_line(struct row *r, const char *text)
{
	if (!text || !*text)
		return;
	wrapped_line(r, text);
}

static void
due_rows(FILE *f, const struct report *r, const struct rdue *v, size_t n,
	 int late, int width)
{
	struct row row = { f, width, SB_INIT };
	char d[DATE_LEN], when[40];

	for (size_t i = 0; i < n; i++) {
		const struct rdue *e = &v[i];

		sb_addf(&row.line, "  %s  ", date_fmt(d, e->date));
		days_phrase(when, sizeof(when), late ? -e->days : e->days);
		cell(&row, when, 14);
		whole_cell(&row, r->cases[e->c].id, 16);
		whole_cell(&row, e->name, 20);
		end_line(&row, *e->who ? e->who : "-");
		text_line(&row, e->what);
	}
	sb_free(&row.line);
}

/* Text under the case ID, wrapped at spaces rather than cut: a basis
 * names its statute at the end.  A word longer than a line is cut. */
static void
wrapped_line(struct row *r, const char *text)
{
	size_t room = (size_t)r->width > strlen(INDENT) + 20 ?
		      (size_t)r->width - strlen(INDENT) : 20;
	const char *p = text;

	while (*p) {
		const char *end = p, *cut = NULL;
		size_t cols = 0;
		char *part;

		/* the longest run of whole words that fits in room columns */
		for (; *end; end++) {
			if (((unsigned char)*end & 0xc0) != 0x80 && cols++ == room)
				break;
			if (*end == ' ')
				cut = end;
		}
		if (*end && cut)
			end = cut;
		part = xstrndup(p, (size_t)(end - p));
		sb_adds(&r->line, INDENT);
		end_line(r, part);
		free(part);
		p = end;
		while (*p == ' ')
			p++;
	}
}

/* The law's deadlines, missed (loud) or coming: each with its basis. */
static void
watch_rows(FILE *f, const struct report *r, const struct rwatch *v, size_t n,
	   int missed, int width)
{
	struct row row = { f, width, SB_INIT };
	char d[DATE_LEN], when[48];

	for (size_t i = 0; i < n; i++) {
		const struct rwatch *e = &v[i];

		if (e->missed != missed)
			continue;
		sb_addf(&row.line, "  %s  ", date_fmt(d, e->date));
		if (missed)
			snprintf(when, sizeof(when), "%ld %s ago", -e->days,
				 plural(-e->days, "day", "days"));
		else
			days_phrase(when, sizeof(when), e->days);
		sb_adds(&row.line, missed ? c_red() : "");
		cell(&row, when, 14);
		sb_adds(&row.line, missed ? c_off() : "");
		whole_cell(&row, r->cases[e->c].id, 16);
		snprintf(when, sizeof(when), "(%s)", e->flag);
		end_line(&row, *e->flag ? when : NULL);
		wrapped_line(&row, *e->basis ? e->basis :
			     "(no basis: computed by an older docket)");
	}
	sb_free(&row.line);
}

static size_t
count_missed(const struct rwatch *v, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += v[i].missed;
	return k;
}

static void
watch(FILE *f, const struct report *r, int width)
{
	static const char *const what[2] = { "statutes of limitations",
					     "notices of claim" };
	const struct rwatch *v[2] = { r->sol_watch, r->notice_watch };
	size_t n[2] = { r->nsol_watch, r->nnotice_watch };
	char title[120];

	/* the missed ones first, of both kinds, then those coming */
	for (int late = 1; late >= 0; late--)
		for (int k = 0; k < 2; k++) {
			size_t missed = count_missed(v[k], n[k]);

			if (late && missed) {
				snprintf(title, sizeof(title), "MISSED: %s past "
					 "their date", what[k]);
				heading(f, c_red(), title, missed);
				watch_rows(f, r, v[k], n[k], 1, width);
			} else if (!late && n[k] > missed) {
				snprintf(title, sizeof(title), "%c%s in the next "
					 "%d days", what[k][0] - 'a' + 'A',
					 what[k] + 1, r->watch_days);
				heading(f, c_yellow(), title, n[k] - missed);
				watch_rows(f, r, v[k], n[k], 0, width);
			}
		}
	if (r->nmanual_later) {
		struct row row = { f, width, SB_INIT };
		char d1[DATE_LEN], d2[DATE_LEN], buf[120];

		heading(f, c_red(), "Set by hand later than the rules give",
			r->nmanual_later);
		for (size_t i = 0; i < r->nmanual_later; i++) {
			const struct rmanual *m = &r->manual_later[i];

			sb_adds(&row.line, "  ");
			whole_cell(&row, r->cases[m->c].id, 16);
			whole_cell(&row, m->name, 15);
			snprintf(buf, sizeof(buf), "%s; the rules give %s",
				 date_fmt(d1, m->date), date_fmt(d2, m->computed));
			end_line(&row, buf);
			wrapped_line(&row, m->basis);
		}
		sb_free(&row.line);
	}
}

static void
exceptions(FILE *f, const struct report *r, int width)
{
	struct row row = { f, width, SB_INIT };
	char d[DATE_LEN], buf[80];
	size_t over = 0, any;

	for (size_t i = 0; i < r->nload; i++)
		over += r->load[i].over;
	any = r->nerrors + r->noverdue + r->ndue_soon + r->nesc + r->nsugg +
	      r->nstuck + r->contact.nstale + r->contact.nawaiting + over +
	      r->nsol_watch +
	      r->nnotice_watch + r->nmanual_later + r->ndemands_due + r->ngaps +
	      r->nsettlements + r->inquiries.nopen;
	if (!any) {
		fprintf(f, "\n%sNothing needs action.%s\n", c_green(), c_off());
		return;
	}
	if (r->nerrors) {
		heading(f, c_red(), "Cases that could not be read", r->nerrors);
		for (size_t i = 0; i < r->nerrors; i++) {
			const struct rerror *e = &r->errors[i];

			sb_adds(&row.line, "  ");
			fit(&row.line, e->file, (size_t)width);
			if (e->line)
				sb_addf(&row.line, ":%d", e->line);
			sb_adds(&row.line, ": ");
			end_line(&row, e->message);
		}
	}
	if (r->noverdue) {
		heading(f, c_red(), "Overdue deadlines", r->noverdue);
		due_rows(f, r, r->overdue, r->noverdue, 1, width);
	}
	watch(f, r, width);
	if (r->ndemands_due) {
		heading(f, c_red(), "Demands due: records complete, no demand "
			"sent", r->ndemands_due);
		for (size_t i = 0; i < r->ndemands_due; i++) {
			const struct rdemand *e = &r->demands_due[i];

			sb_addf(&row.line, "  %s  ", date_fmt(d, e->due));
			days_phrase(buf, sizeof(buf), e->days);
			sb_adds(&row.line, e->days < 0 ? c_red() : "");
			cell(&row, buf, 14);
			sb_adds(&row.line, e->days < 0 ? c_off() : "");
			whole_cell(&row, r->cases[e->c].id, 16);
			snprintf(buf, sizeof(buf), "records complete %s",
				 date_fmt(d, e->complete));
			end_line(&row, buf);
		}
	}
	if (r->ndue_soon) {
		heading(f, c_yellow(), "Due in the next 7 days", r->ndue_soon);
		due_rows(f, r, r->due_soon, r->ndue_soon, 0, width);
	}
	if (r->nesc) {
		heading(f, c_red(), "Open escalations", r->nesc);
		for (size_t i = 0; i < r->nesc; i++) {
			const struct resc *e = &r->esc[i];

			sb_adds(&row.line, "  ");
			whole_cell(&row, r->cases[e->c].id, 16);
			cell(&row, e->reason, 13);
			snprintf(buf, sizeof(buf), "open %ld %s", e->days_open,
				 plural(e->days_open, "day", "days"));
			cell(&row, buf, 14);
			sb_adds(&row.line, "to ");
			end_line(&row, *e->to ? e->to : "-");
			text_line(&row, e->what);
		}
	}
	if (r->nsugg) {
		heading(f, c_yellow(), "Suggested escalations", r->nsugg);
		for (size_t i = 0; i < r->nsugg; i++) {
			const struct rsugg *e = &r->sugg[i];
			struct sb q = SB_INIT;

			sb_adds(&row.line, "  ");
			whole_cell(&row, r->cases[e->c].id, 16);
			cell(&row, e->reason, 13);
			sb_addf(&q, "\"%s\"", e->match);
			end_line(&row, q.buf);
			sb_free(&q);
			if (e->note) {
				char *label = note_label(e->note);

				sb_adds(&row.line, "      in ");
				end_line(&row, label);
				free(label);
			} else {
				sb_adds(&row.line, "      ");
				end_line(&row, "from the case file");
			}
		}
	}
	if (r->ngaps) {
		snprintf(buf, sizeof(buf), "Treatment gaps: no visit in %d days",
			 r->gap_days);
		heading(f, c_yellow(), buf, r->ngaps);
		for (size_t i = 0; i < r->ngaps; i++) {
			const struct rgap *e = &r->gaps[i];

			sb_adds(&row.line, "  ");
			whole_cell(&row, r->cases[e->c].id, 16);
			whole_cell(&row, e->provider, 16);
			snprintf(buf, sizeof(buf), "last visit %s, %ld %s ago",
				 date_fmt(d, e->last_visit), e->days,
				 plural(e->days, "day", "days"));
			end_line(&row, buf);
		}
	}
	if (r->nsettlements) {
		heading(f, c_yellow(), "Settlements held for lien holders",
			r->nsettlements);
		for (size_t i = 0; i < r->nsettlements; i++) {
			const struct rsettle *e = &r->settlements[i];
			char a[MONEY_LEN], b[MONEY_LEN];

			sb_addf(&row.line, "  %s  ", date_fmt(d, e->settled));
			whole_cell(&row, r->cases[e->c].id, 16);
			snprintf(buf, sizeof(buf), "gross %s, liens pending %s",
				 money_fmt_human(a, e->gross),
				 money_fmt_human(b, e->pending));
			end_line(&row, buf);
			sb_adds(&row.line, INDENT "not final: ");
			end_line(&row, e->liens);
		}
	}
	if (r->nstuck) {
		heading(f, c_yellow(), "Stuck in a stage", r->nstuck);
		for (size_t i = 0; i < r->nstuck; i++) {
			const struct rstuck *e = &r->stuck[i];

			sb_adds(&row.line, "  ");
			whole_cell(&row, r->cases[e->c].id, 16);
			cell(&row, e->stage, 13);
			snprintf(buf, sizeof(buf), "%ld days (limit %d)", e->days,
				 e->max_days);
			end_line(&row, buf);
		}
	}
	if (r->contact.nstale) {
		snprintf(buf, sizeof(buf), "Clients not contacted in %d days",
			 r->contact.window_days);
		heading(f, c_yellow(), buf, r->contact.nstale);
		for (size_t i = 0; i < r->contact.nstale; i++) {
			const struct rstale *e = &r->contact.stale[i];

			sb_adds(&row.line, "  ");
			whole_cell(&row, r->cases[e->c].id, 16);
			if (e->last_contact != NO_DATE)
				snprintf(buf, sizeof(buf), "last contact %s, %ld %s "
					 "ago", date_fmt(d, e->last_contact),
					 e->days, plural(e->days, "day", "days"));
			else
				snprintf(buf, sizeof(buf), "never contacted; opened "
					 "%ld %s ago", e->days,
					 plural(e->days, "day", "days"));
			end_line(&row, buf);
		}
	}
	if (r->contact.nawaiting) {
		heading(f, c_yellow(), "Awaiting first contact",
			r->contact.nawaiting);
		for (size_t i = 0; i < r->contact.nawaiting; i++) {
			const struct rstale *e = &r->contact.awaiting[i];

			sb_adds(&row.line, "  ");
			whole_cell(&row, r->cases[e->c].id, 16);
			snprintf(buf, sizeof(buf), "opened %ld %s ago", e->days,
				 plural(e->days, "day", "days"));
			end_line(&row, buf);
		}
	}
	if (over) {
		heading(f, c_red(), "Over caseload", over);
		for (size_t i = 0; i < r->nload; i++) {
			const struct rload *l = &r->load[i];

			if (!l->over)
				continue;
			sb_adds(&row.line, "  ");
			cell(&row, l->who, 16);
			cell(&row, l->role, 9);
			snprintf(buf, sizeof(buf), "%ld open cases, limit %d",
				 l->open, l->max);
			end_line(&row, buf);
		}
	}
	report_text_inquiries(f, r);
	sb_free(&row.line);
}

static void
figures(FILE *f, const struct report *r, int width)
{
	struct row row = { f, width, SB_INIT };
	char buf[120];

	fprintf(f, "\n%sPipeline%s              open  over limit\n", c_bold(),
		c_off());
	for (size_t i = 0; i < r->nstages; i++) {
		const struct rstage *s = &r->stages[i];

		sb_adds(&row.line, "  ");
		cell(&row, s->stage, 18);
		sb_addf(&row.line, "%5ld  ", s->open);
		if (s->max_days >= 0)
			snprintf(buf, sizeof(buf), "%s%5ld%s  (limit %d days)",
				 s->over_limit ? c_yellow() : "", s->over_limit,
				 c_off(), s->max_days);
		else
			snprintf(buf, sizeof(buf), "    -  (no limit)");
		sb_adds(&row.line, buf);
		end_line(&row, NULL);
	}

	fprintf(f, "\n%sClient contact%s in the last %d days: ", c_bold(),
		c_off(), r->contact.window_days);
	if (!r->contact.open) {
		fprintf(f, "no open cases\n");
	} else if (r->contact.pct < 0) {
		fprintf(f, "%zu awaiting first contact\n", r->contact.nawaiting);
	} else {
		int ok = r->contact.pct >= r->contact.target_pct;

		fmt_num(buf, sizeof(buf), r->contact.pct);
		fprintf(f, "%ld of %ld open cases",
			r->contact.contacted,
			r->contact.open - (long)r->contact.nawaiting);
		fprintf(f, "\n  %s%s%%%s, target %d%%%s\n",
			ok ? c_green() : c_red(), buf, c_off(),
			r->contact.target_pct, ok ? "" : " (below target)");
		if (r->contact.nawaiting)
			fprintf(f, "  %zu more awaiting first contact\n",
				r->contact.nawaiting);
	}

	fprintf(f, "\n%sDemand turnaround%s, records complete to the first "
		"demand:\n", c_bold(), c_off());
	if (!r->turnaround.count) {
		fprintf(f, "  no demand sent after records complete yet\n");
	} else {
		int ok = r->turnaround.within_pct >= 100;
		char med[40], pct[40];

		fprintf(f, "  %ld %s, median %s days; %s%s%%%s within %d days\n",
			r->turnaround.count,
			plural(r->turnaround.count, "case", "cases"),
			fmt_num(med, sizeof(med), r->turnaround.median_days),
			ok ? c_green() : c_yellow(),
			fmt_num(pct, sizeof(pct), r->turnaround.within_pct),
			c_off(), r->turnaround.target_days);
	}

	fprintf(f, "\n%sCaseload%s (open cases)\n", c_bold(), c_off());
	if (!r->nload)
		fprintf(f, "  nobody\n");
	for (size_t i = 0; i < r->nload; i++) {
		const struct rload *l = &r->load[i];

		sb_adds(&row.line, "  ");
		cell(&row, l->who, 16);
		cell(&row, l->role, 9);
		snprintf(buf, sizeof(buf), "%s%5ld%s of %d%s", l->over ? c_red() : "",
			 l->open, l->over ? c_off() : "", l->max,
			 l->over ? "  over" : "");
		sb_adds(&row.line, buf);
		end_line(&row, NULL);
	}

	fprintf(f, "\n%sResolution%s: ", c_bold(), c_off());
	if (!r->resolution.closed) {
		fprintf(f, "no closed case yet\n");
	} else {
		char avg[40], med[40];

		fprintf(f, "%ld closed %s, from opened to closed\n  %s days on "
			"average, median %s\n", r->resolution.closed,
			plural(r->resolution.closed, "case", "cases"),
			fmt_num(avg, sizeof(avg), r->resolution.avg_days),
			fmt_num(med, sizeof(med), r->resolution.median_days));
	}
	report_text_workflow(f, r);
	sb_free(&row.line);
}

void
report_text(FILE *f, const struct report *r, int width)
{
	struct row row = { f, width, SB_INIT };
	char d[DATE_LEN];

	sb_addf(&row.line, "%s", c_bold());
	fit(&row.line, *r->firm_name ? r->firm_name : "docket", (size_t)width - 25);
	sb_addf(&row.line, ": report as of %s%s", date_fmt(d, r->as_of), c_off());
	flush_line(&row);
	sb_addf(&row.line, "%ld open %s, %ld closed", r->open,
		plural(r->open, "case", "cases"), r->closed);
	if (r->filter.who) {
		sb_adds(&row.line, "; ");
		sb_add_escaped(&row.line, r->filter.who, strlen(r->filter.who), 0);
		sb_adds(&row.line, "'s cases");
	}
	if (r->filter.stage) {
		sb_adds(&row.line, "; stage ");
		sb_add_escaped(&row.line, r->filter.stage,
			       strlen(r->filter.stage), 0);
	}
	end_line(&row, NULL);
	exceptions(f, r, width);
	figures(f, r, width);
	sb_free(&row.line);
}
