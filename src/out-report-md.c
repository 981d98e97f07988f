/* out-report-md.c - `docket report --md`: Markdown for a weekly email,
 * plain lists that read well as text and render anywhere. */
#include "docket/case.h"
#include "docket/date.h"
#include "docket/money.h"
#include "docket/note.h"
#include "docket/out.h"
#include "docket/report.h"

#include <stdlib.h>
#include <string.h>

/*
 * A value as literal Markdown text: its control characters written
 * visibly as in the text form (a newline never starts a Markdown line),
 * then every character CommonMark (or a common extension) gives a meaning
 * inline is escaped with a backslash.  A client named "<script>" stays
 * text in whatever renders the mail.
 */
static void
md(FILE *f, const char *s)
{
	struct sb e = SB_INIT;

	sb_add_escaped(&e, s, strlen(s), 0);
	for (const unsigned char *p = (const unsigned char *)e.buf; *p; p++) {
		if (strchr("\\`*_[]<>&~|!#()", *p))
			fprintf(f, "\\%c", *p);
		else
			fputc(*p, f);
	}
	sb_free(&e);
}

static void
section(FILE *f, const char *title, size_t n)
{
	fprintf(f, "\n## %s (%zu)\n\n", title, n);
}

static void
case_ref(FILE *f, const struct report *r, size_t c)
{
	fputs("**", f);
	md(f, r->cases[c].id);
	fputs("**", f);
	if (*r->cases[c].client) {
		fputs(" (", f);
		md(f, r->cases[c].client);
		fputs(")", f);
	}
}

static void
due_list(FILE *f, const struct report *r, const struct rdue *v, size_t n,
	 int late)
{
	char d[DATE_LEN], when[40];

	for (size_t i = 0; i < n; i++) {
		const struct rdue *e = &v[i];

		fputs("- ", f);
		case_ref(f, r, e->c);
		fputs(": ", f);
		md(f, e->what);
		fprintf(f, " (`%s`), due %s, ", e->name, date_fmt(d, e->date));
		fputs(days_phrase(when, sizeof(when), late ? -e->days : e->days),
		      f);
		if (*e->who) {
			fputs(", ", f);
			md(f, e->who);
		}
		fputc('\n', f);
	}
}

static void
watch_list(FILE *f, const struct report *r, const struct rwatch *v, size_t n,
	   int missed)
{
	char d[DATE_LEN], when[40];

	for (size_t i = 0; i < n; i++) {
		const struct rwatch *e = &v[i];

		if (e->missed != missed)
			continue;
		fputs("- ", f);
		case_ref(f, r, e->c);
		fprintf(f, ": %s%s%s, ", missed ? "**" : "", date_fmt(d, e->date),
			missed ? "**" : "");
		if (missed)
			fprintf(f, "**missed, %ld %s ago**", -e->days,
				plural(-e->days, "day", "days"));
		else
			fputs(days_phrase(when, sizeof(when), e->days), f);
		if (*e->flag)
			fprintf(f, " (%s)", e->flag);
		fputs("; ", f);
		md(f, *e->basis ? e->basis : "no basis: computed by an older docket");
		fputc('\n', f);
	}
}

/* The law's deadlines: the missed ones first, in their own section. */
static void
watch(FILE *f, const struct report *r)
{
	static const char *const what[2] = { "statutes of limitations",
					     "notices of claim" };
	const struct rwatch *v[2] = { r->sol_watch, r->notice_watch };
	size_t n[2] = { r->nsol_watch, r->nnotice_watch };
	char title[120], d1[DATE_LEN], d2[DATE_LEN];

	/* the missed ones first, of both kinds, then those coming */
	for (int late = 1; late >= 0; late--)
		for (int k = 0; k < 2; k++) {
			size_t missed = 0;

			for (size_t i = 0; i < n[k]; i++)
				missed += v[k][i].missed;
			if (late && missed) {
				snprintf(title, sizeof(title), "MISSED: %s past "
					 "their date", what[k]);
				section(f, title, missed);
				watch_list(f, r, v[k], n[k], 1);
			} else if (!late && n[k] > missed) {
				snprintf(title, sizeof(title), "%c%s in the next "
					 "%d days", what[k][0] - 'a' + 'A',
					 what[k] + 1, r->watch_days);
				section(f, title, n[k] - missed);
				watch_list(f, r, v[k], n[k], 0);
			}
		}
	if (r->nmanual_later) {
		section(f, "Set by hand later than the rules give",
			r->nmanual_later);
		for (size_t i = 0; i < r->nmanual_later; i++) {
			const struct rmanual *m = &r->manual_later[i];

			fputs("- ", f);
			case_ref(f, r, m->c);
			fprintf(f, ": `%s` set to %s; the rules give **%s**: ",
				m->name, date_fmt(d1, m->date),
				date_fmt(d2, m->computed));
			md(f, m->basis);
			fputc('\n', f);
		}
	}
}

void
report_md(FILE *f, const struct report *r)
{
	char d[DATE_LEN], n1[40], n2[40], when[40];
	size_t over = 0;

	for (size_t i = 0; i < r->nload; i++)
		over += r->load[i].over;
	fputs("# ", f);
	md(f, *r->firm_name ? r->firm_name : "docket");
	fprintf(f, ": report as of %s\n\n", date_fmt(d, r->as_of));
	fprintf(f, "%ld open %s, %ld closed", r->open,
		plural(r->open, "case", "cases"), r->closed);
	if (r->filter.who) {
		fputs("; the cases of ", f);
		md(f, r->filter.who);
	}
	if (r->filter.stage) {
		fputs("; stage ", f);
		md(f, r->filter.stage);
	}
	fputs(".\n", f);

	if (r->nerrors) {
		section(f, "Cases that could not be read", r->nerrors);
		for (size_t i = 0; i < r->nerrors; i++) {
			/* escaped text, not a code span: there a backslash
			 * would show (cases/2026/a\_b) */
			fputs("- ", f);
			md(f, r->errors[i].file);
			if (r->errors[i].line)
				fprintf(f, ":%d", r->errors[i].line);
			fputs(": ", f);
			md(f, r->errors[i].message);
			fputc('\n', f);
		}
	}
	if (r->noverdue) {
		section(f, "Overdue deadlines", r->noverdue);
		due_list(f, r, r->overdue, r->noverdue, 1);
	}
	watch(f, r);
	if (r->ndemands_due) {
		section(f, "Demands due: records complete, no demand sent",
			r->ndemands_due);
		for (size_t i = 0; i < r->ndemands_due; i++) {
			const struct rdemand *e = &r->demands_due[i];
			char d2[DATE_LEN];

			fputs("- ", f);
			case_ref(f, r, e->c);
			fprintf(f, ": records complete %s, demand due %s, ",
				date_fmt(d, e->complete), date_fmt(d2, e->due));
			fprintf(f, e->days < 0 ? "**%s**" : "%s",
				days_phrase(when, sizeof(when), e->days));
			fputc('\n', f);
		}
	}
	if (r->ndue_soon) {
		section(f, "Due in the next 7 days", r->ndue_soon);
		due_list(f, r, r->due_soon, r->ndue_soon, 0);
	}
	if (r->nesc) {
		section(f, "Open escalations", r->nesc);
		for (size_t i = 0; i < r->nesc; i++) {
			const struct resc *e = &r->esc[i];

			fputs("- ", f);
			case_ref(f, r, e->c);
			fputs(": ", f);
			md(f, e->reason);
			fputs(", to ", f);
			md(f, *e->to ? e->to : "nobody");
			fprintf(f, ", open %ld %s: ", e->days_open,
				plural(e->days_open, "day", "days"));
			md(f, e->what);
			fputc('\n', f);
		}
	}
	if (r->nsugg) {
		section(f, "Suggested escalations", r->nsugg);
		for (size_t i = 0; i < r->nsugg; i++) {
			const struct rsugg *e = &r->sugg[i];

			fputs("- ", f);
			case_ref(f, r, e->c);
			fputs(": ", f);
			md(f, e->reason);
			fputs(", \"", f);
			md(f, e->match);
			if (e->note) {
				char *label = note_label(e->note);

				fputs("\" in ", f);
				md(f, label);
				free(label);
			} else {
				fputs("\" from the case file", f);
			}
			fputc('\n', f);
		}
	}
	if (r->ngaps) {
		char title[80];

		snprintf(title, sizeof(title), "Treatment gaps: no visit in %d "
			 "days", r->gap_days);
		section(f, title, r->ngaps);
		for (size_t i = 0; i < r->ngaps; i++) {
			const struct rgap *e = &r->gaps[i];

			fputs("- ", f);
			case_ref(f, r, e->c);
			fputs(": ", f);
			md(f, e->provider);
			fprintf(f, ", last visit %s, %ld %s ago\n",
				date_fmt(d, e->last_visit), e->days,
				plural(e->days, "day", "days"));
		}
	}
	if (r->nsettlements) {
		section(f, "Settlements held for lien holders", r->nsettlements);
		for (size_t i = 0; i < r->nsettlements; i++) {
			const struct rsettle *e = &r->settlements[i];
			char a[MONEY_LEN], b[MONEY_LEN];

			fputs("- ", f);
			case_ref(f, r, e->c);
			fprintf(f, ": settled %s, gross %s, liens pending **%s** "
				"(not final: ", date_fmt(d, e->settled),
				money_fmt_human(a, e->gross),
				money_fmt_human(b, e->pending));
			md(f, e->liens);
			fputs(")\n", f);
		}
	}
	if (r->nstuck) {
		section(f, "Stuck in a stage", r->nstuck);
		for (size_t i = 0; i < r->nstuck; i++) {
			const struct rstuck *e = &r->stuck[i];

			fputs("- ", f);
			case_ref(f, r, e->c);
			fputs(": ", f);
			md(f, e->stage);
			fprintf(f, " for %ld days (limit %d)\n", e->days, e->max_days);
		}
	}
	if (r->contact.nstale) {
		char title[80];

		snprintf(title, sizeof(title), "Clients not contacted in %d days",
			 r->contact.window_days);
		section(f, title, r->contact.nstale);
		for (size_t i = 0; i < r->contact.nstale; i++) {
			const struct rstale *e = &r->contact.stale[i];

			fputs("- ", f);
			case_ref(f, r, e->c);
			if (e->last_contact != NO_DATE)
				fprintf(f, ": last contact %s, %ld %s ago\n",
					date_fmt(d, e->last_contact), e->days,
					plural(e->days, "day", "days"));
			else
				fprintf(f, ": never contacted; opened %ld %s ago\n",
					e->days, plural(e->days, "day", "days"));
		}
	}
	if (r->contact.nawaiting) {
		section(f, "Awaiting first contact", r->contact.nawaiting);
		for (size_t i = 0; i < r->contact.nawaiting; i++) {
			const struct rstale *e = &r->contact.awaiting[i];

			fputs("- ", f);
			case_ref(f, r, e->c);
			fprintf(f, ": opened %ld %s ago\n", e->days,
				plural(e->days, "day", "days"));
		}
	}
	if (over) {
		section(f, "Over caseload", over);
		for (size_t i = 0; i < r->nload; i++) {
			const struct rload *l = &r->load[i];

			if (!l->over)
				continue;
			fputs("- **", f);
			md(f, l->who);
			fprintf(f, "** (%s): %ld open cases, limit %d\n", l->role,
				l->open, l->max);
		}
	}
	if (!r->nerrors && !r->noverdue && !r->ndue_soon && !r->nesc &&
	    !r->nsugg && !r->nstuck && !r->contact.nstale &&
	    !r->contact.nawaiting && !over &&
	    !r->nsol_watch && !r->nnotice_watch && !r->nmanual_later &&
	    !r->ndemands_due && !r->ngaps && !r->nsettlements &&
	    !r->inquiries.nopen)
		fputs("\nNothing needs action.\n", f);
	report_md_inquiries(f, r);

	fputs("\n## Pipeline\n\n", f);
	for (size_t i = 0; i < r->nstages; i++) {
		const struct rstage *s = &r->stages[i];

		fputs("- ", f);
		md(f, s->stage);
		fprintf(f, ": %ld open", s->open);
		if (s->max_days >= 0)
			fprintf(f, ", %ld over the limit of %d days", s->over_limit,
				s->max_days);
		fputc('\n', f);
	}

	fputs("\n## Client contact\n\n", f);
	if (!r->contact.open)
		fprintf(f, "No open cases.\n");
	else if (r->contact.pct < 0)
		fprintf(f, "%zu open %s awaiting first contact.\n",
			r->contact.nawaiting,
			plural((long)r->contact.nawaiting, "case", "cases"));
	else
		fprintf(f, "%ld of %ld open cases contacted in the last %d days: "
			"**%s%%** (target %d%%%s).\n", r->contact.contacted,
			r->contact.open - (long)r->contact.nawaiting,
			r->contact.window_days,
			fmt_num(n1, sizeof(n1), r->contact.pct),
			r->contact.target_pct,
			r->contact.pct >= r->contact.target_pct ? "" :
			", below target");
	if (r->contact.open && r->contact.nawaiting && r->contact.pct >= 0)
		fprintf(f, "%zu more awaiting first contact.\n",
			r->contact.nawaiting);

	fputs("\n## Demand turnaround\n\n", f);
	if (!r->turnaround.count)
		fputs("No demand sent after records complete yet.\n", f);
	else
		fprintf(f, "%ld %s, from records complete to the first demand: "
			"median %s days; **%s%%** within %d days.\n",
			r->turnaround.count,
			plural(r->turnaround.count, "case", "cases"),
			fmt_num(n1, sizeof(n1), r->turnaround.median_days),
			fmt_num(n2, sizeof(n2), r->turnaround.within_pct),
			r->turnaround.target_days);

	fputs("\n## Caseload\n\n", f);
	if (!r->nload)
		fputs("Nobody carries an open case.\n", f);
	for (size_t i = 0; i < r->nload; i++) {
		const struct rload *l = &r->load[i];

		fputs("- ", f);
		md(f, l->who);
		fprintf(f, " (%s): %ld of %d%s\n", l->role, l->open, l->max,
			l->over ? ", **over**" : "");
	}

	fputs("\n## Resolution\n\n", f);
	if (!r->resolution.closed)
		fputs("No closed case yet.\n", f);
	else
		fprintf(f, "%ld closed %s: %s days from opened to closed on "
			"average, median %s.\n", r->resolution.closed,
			plural(r->resolution.closed, "case", "cases"),
			fmt_num(n1, sizeof(n1), r->resolution.avg_days),
			fmt_num(n2, sizeof(n2), r->resolution.median_days));
	report_md_workflow(f, r);
}

/* For the other pages (out-show.c): a value as literal Markdown text. */
void
md_text(FILE *f, const char *s)
{
	md(f, s);
}
