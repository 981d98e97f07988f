/*
 * out-report-workflow.c - the workflow's part of every form of `docket
 * report`: client inquiries (the open ones are exceptions: they come with
 * the other lists), milestones on schedule and velocity (figures).  Each
 * form's writer calls these where its exceptions and its figures end.
 */
#include "docket/case.h"
#include "docket/date.h"
#include "docket/out.h"
#include "docket/report.h"
#include "docket/template.h"

#include <string.h>

/* "2026-11-21 09:30", local time */
static char *
when(char buf[TIME_LOCAL_LEN], time_t t)
{
	return time_fmt_local(buf, t);
}

/* ---- JSON ---- */

void
report_json_workflow(struct json *j, const struct report *r)
{
	char t[32];

	json_obj(j, "inquiries");
	json_arr(j, "open");
	for (size_t i = 0; i < r->inquiries.nopen; i++) {
		const struct rinquiry *q = &r->inquiries.open[i];

		json_obj(j, NULL);
		json_str(j, "case", r->cases[q->c].id);
		json_str(j, "note", q->note);
		json_str(j, "at", time_fmt_utc(t, q->at));
		json_int(j, "hours", q->hours);
		json_end_obj(j);
	}
	json_end_arr(j);
	json_int(j, "answered", r->inquiries.answered);
	if (r->inquiries.answered) {
		json_real(j, "median_hours", r->inquiries.median_hours);
		json_real(j, "within_pct", r->inquiries.within_pct);
	} else {
		json_null(j, "median_hours");
		json_null(j, "within_pct");
	}
	json_int(j, "target_hours", r->inquiries.target_hours);
	json_end_obj(j);

	json_obj(j, "milestones");
	json_int(j, "completed", r->milestones.completed);
	json_int(j, "on_time", r->milestones.on_time);
	if (r->milestones.completed)
		json_real(j, "pct", r->milestones.pct);
	else
		json_null(j, "pct");
	json_end_obj(j);

	json_arr(j, "velocity");
	for (size_t i = 0; i < r->nvelocity; i++) {
		json_obj(j, NULL);
		json_str(j, "stage", r->velocity[i].stage);
		json_real(j, "median_days", r->velocity[i].median_days);
		json_int(j, "count", r->velocity[i].count);
		json_end_obj(j);
	}
	json_end_arr(j);
}

/* ---- text ---- */

void
report_text_inquiries(FILE *f, const struct report *r)
{
	char t[32];

	if (!r->inquiries.nopen)
		return;
	tfprintf(f, "\n%s%sClient inquiries unanswered (%zu)%s\n", c_bold(),
		 c_red(), r->inquiries.nopen, c_off());
	for (size_t i = 0; i < r->inquiries.nopen; i++) {
		const struct rinquiry *q = &r->inquiries.open[i];

		tfprintf(f, "  %-16s %ld %s since %s%s\n", r->cases[q->c].id,
			 q->hours, plural(q->hours, "hour", "hours"),
			 when(t, q->at), q->hours > r->inquiries.target_hours ?
			 " (over target)" : "");
	}
}

void
report_text_workflow(FILE *f, const struct report *r)
{
	char n1[40], n2[40];

	tfprintf(f, "\n%sClient inquiries%s of the last %d days: %zu open\n",
		 c_bold(), c_off(), r->contact.window_days, r->inquiries.nopen);
	if (!r->inquiries.answered)
		tfprintf(f, "  none answered\n");
	else
		tfprintf(f, "  %ld answered, median %s %s; %s%s%%%s within %d "
			 "hours\n", r->inquiries.answered,
			 fmt_num(n1, sizeof(n1), r->inquiries.median_hours),
			 r->inquiries.median_hours == 1 ? "hour" : "hours",
			 r->inquiries.within_pct >= 100 ? c_green() : c_yellow(),
			 fmt_num(n2, sizeof(n2), r->inquiries.within_pct),
			 c_off(), r->inquiries.target_hours);

	tfprintf(f, "\n%sMilestones%s, stage stays ended in the last %d days: ",
		 c_bold(), c_off(), REPORT_STAYS_DAYS);
	if (!r->milestones.completed)
		tfprintf(f, "none in a stage with a limit\n");
	else
		tfprintf(f, "%ld of %ld on time (%s%%)\n", r->milestones.on_time,
			 r->milestones.completed,
			 fmt_num(n1, sizeof(n1), r->milestones.pct));

	tfprintf(f, "\n%sVelocity%s, median days in a stage:\n", c_bold(),
		 c_off());
	if (!r->nvelocity)
		tfprintf(f, "  no stay ended in the last %d days\n",
			 REPORT_STAYS_DAYS);
	for (size_t i = 0; i < r->nvelocity; i++)
		tfprintf(f, "  %-18s %6s days  (%ld %s)\n", r->velocity[i].stage,
			 fmt_num(n1, sizeof(n1), r->velocity[i].median_days),
			 r->velocity[i].count,
			 plural(r->velocity[i].count, "stay", "stays"));
}

/* ---- Markdown ---- */

static void
md_put(FILE *f, const char *s)
{
	struct sb m = SB_INIT;

	md_line(&m, s);
	fputs(sb_str(&m), f);
	sb_free(&m);
}

void
report_md_inquiries(FILE *f, const struct report *r)
{
	char t[32];

	if (!r->inquiries.nopen)
		return;
	fprintf(f, "\n## Client inquiries unanswered (%zu)\n\n",
		r->inquiries.nopen);
	for (size_t i = 0; i < r->inquiries.nopen; i++) {
		const struct rinquiry *q = &r->inquiries.open[i];

		fputs("- **", f);
		md_put(f, r->cases[q->c].id);
		fputs("**", f);
		if (*r->cases[q->c].client) {
			fputs(" (", f);
			md_put(f, r->cases[q->c].client);
			fputs(")", f);
		}
		fprintf(f, ": %ld %s since %s\n", q->hours,
			plural(q->hours, "hour", "hours"), when(t, q->at));
	}
}

void
report_md_workflow(FILE *f, const struct report *r)
{
	char n1[40], n2[40];

	fputs("\n## Client inquiries\n\n", f);
	if (!r->inquiries.answered)
		fprintf(f, "None answered in the last %d days",
			r->contact.window_days);
	else
		fprintf(f, "%ld answered in the last %d days: median %s %s; "
			"**%s%%** within %d hours", r->inquiries.answered,
			r->contact.window_days,
			fmt_num(n1, sizeof(n1), r->inquiries.median_hours),
			r->inquiries.median_hours == 1 ? "hour" : "hours",
			fmt_num(n2, sizeof(n2), r->inquiries.within_pct),
			r->inquiries.target_hours);
	fprintf(f, "; %zu open.\n", r->inquiries.nopen);

	fputs("\n## Milestones\n\n", f);
	if (!r->milestones.completed)
		fprintf(f, "No stay in a stage with a limit ended in the last "
			"%d days.\n", REPORT_STAYS_DAYS);
	else
		fprintf(f, "%ld of %ld stage stays that ended in the last %d days "
			"were on time: **%s%%**.\n", r->milestones.on_time,
			r->milestones.completed, REPORT_STAYS_DAYS,
			fmt_num(n1, sizeof(n1), r->milestones.pct));

	fputs("\n## Velocity\n\n", f);
	if (!r->nvelocity)
		fprintf(f, "No stay ended in the last %d days.\n",
			REPORT_STAYS_DAYS);
	for (size_t i = 0; i < r->nvelocity; i++) {
		fputs("- ", f);
		md_put(f, r->velocity[i].stage);
		fprintf(f, ": median %s days (%ld %s)\n",
			fmt_num(n1, sizeof(n1), r->velocity[i].median_days),
			r->velocity[i].count,
			plural(r->velocity[i].count, "stay", "stays"));
	}
}

/* ---- HTML ---- */

static void
h(FILE *f, const char *s)
{
	struct sb e = SB_INIT;

	html_escape(&e, s, strlen(s));
	fputs(sb_str(&e), f);
	sb_free(&e);
}

void
report_html_workflow(FILE *f, const struct report *r)
{
	char n1[40], n2[40], t[32];

	if (!r->inquiries.nopen)
		fputs("<section class=\"empty\"><h2 id=\"inquiries\">Client "
		      "inquiries unanswered: <span class=\"muted\">none</span>"
		      "</h2></section>\n", f);
	else
		fprintf(f, "<h2 id=\"inquiries\">Client inquiries unanswered "
			"(%zu)</h2>\n<section class=\"list\">\n<ul class=\"items\">\n",
			r->inquiries.nopen);
	for (size_t i = 0; i < r->inquiries.nopen; i++) {
		const struct rinquiry *q = &r->inquiries.open[i];

		fputs("<li><a class=\"id\" href=\"#case-", f);
		h(f, r->cases[q->c].id);
		fputs("\">", f);
		h(f, r->cases[q->c].id);
		fputs("</a> ", f);
		h(f, r->cases[q->c].client);
		fprintf(f, ": <span class=\"%s\">%ld %s</span> since <time>%s"
			"</time></li>\n", q->hours > r->inquiries.target_hours ?
			"late" : "soon", q->hours,
			plural(q->hours, "hour", "hours"), when(t, q->at));
	}
	if (r->inquiries.nopen)
		fputs("</ul>\n</section>\n", f);

	fputs("<h2 id=\"workflow\">Inquiries, milestones and velocity</h2>\n"
	      "<section class=\"list\">\n<table class=\"figs\">\n", f);
	fprintf(f, "<tr><th>Client inquiries</th><td>");
	if (!r->inquiries.answered)
		fprintf(f, "none answered in the last %d days",
			r->contact.window_days);
	else
		fprintf(f, "%ld answered in the last %d days, median %s hours; "
			"%s%% within %d hours", r->inquiries.answered,
			r->contact.window_days,
			fmt_num(n1, sizeof(n1), r->inquiries.median_hours),
			fmt_num(n2, sizeof(n2), r->inquiries.within_pct),
			r->inquiries.target_hours);
	fprintf(f, "; %zu open</td></tr>\n", r->inquiries.nopen);
	fputs("<tr><th>Milestones</th><td>", f);
	if (!r->milestones.completed)
		fprintf(f, "no stay in a stage with a limit ended in the last "
			"%d days", REPORT_STAYS_DAYS);
	else
		fprintf(f, "%ld of %ld stage stays on time (%s%%)",
			r->milestones.on_time, r->milestones.completed,
			fmt_num(n1, sizeof(n1), r->milestones.pct));
	fputs("</td></tr>\n", f);
	for (size_t i = 0; i < r->nvelocity; i++) {
		fputs("<tr><th>Velocity: ", f);
		h(f, r->velocity[i].stage);
		fprintf(f, "</th><td>median %s days (%ld %s)</td></tr>\n",
			fmt_num(n1, sizeof(n1), r->velocity[i].median_days),
			r->velocity[i].count,
			plural(r->velocity[i].count, "stay", "stays"));
	}
	if (!r->nvelocity)
		fprintf(f, "<tr><th>Velocity</th><td>no stay ended in the last "
			"%d days</td></tr>\n", REPORT_STAYS_DAYS);
	fputs("</table>\n</section>\n", f);
}
