/*
 * out-agenda.c - `docket agenda`: the one-on-one's exceptions as text, as
 * Markdown for the meeting's invitation, and as JSON.  Text and Markdown
 * say the same lines: each section is made once, as lines of a case and
 * what to decide, then written in the form asked for.
 */
#include "docket/agenda.h"
#include "docket/case.h"
#include "docket/date.h"
#include "docket/money.h"
#include "docket/note.h"
#include "docket/out.h"
#include "docket/report.h"
#include "docket/template.h"

#include <stdlib.h>
#include <string.h>

struct line {
	size_t c;		/* the case, in the report */
	char *text;
};

struct section {
	const char *title;
	struct line *v;
	size_t n;
};

enum { S_ESC, S_DEMANDS, S_OFFERS, S_LAW, S_STUCK, S_STALE, S_COUNT };

static const char *
days(long n)
{
	return n == 1 || n == -1 ? "day" : "days";
}

static void
add(struct section *s, size_t c, char *text)
{
	s->v = xrealloc(s->v, (s->n + 1) * sizeof(*s->v));
	s->v[s->n].c = c;
	s->v[s->n].text = text;
	s->n++;
}

static char *
left(long days_left)
{
	if (days_left < 0)
		return xasprintf("missed %ld %s ago", -days_left, days(days_left));
	if (!days_left)
		return xstrdup("today");
	return xasprintf("in %ld %s", days_left, days(days_left));
}

static void
law_lines(struct section *s, const struct agenda *a, const struct rwatch *w,
	  const size_t *idx, size_t n, const char *what)
{
	char d[DATE_LEN];

	for (size_t i = 0; i < n; i++) {
		const struct rwatch *e = &w[idx[i]];
		char *l = left(e->days);

		add(s, e->c, xasprintf("%s %s, %s%s%s%s", what,
				       date_fmt(d, e->date), l,
				       *e->flag ? " (" : "", e->flag,
				       *e->flag ? ")" : ""));
		free(l);
	}
	(void)a;
}

static void
make(struct section *s, const struct agenda *a)
{
	const struct report *r = a->r;
	char d[DATE_LEN], e[DATE_LEN], m[MONEY_LEN];

	memset(s, 0, S_COUNT * sizeof(*s));
	s[S_ESC].title = "Escalations";
	s[S_DEMANDS].title = "Demands due";
	s[S_OFFERS].title = "Offers of the last 14 days";
	s[S_LAW].title = "SOL and notices of claim, within 90 days or missed";
	s[S_STUCK].title = "Stuck";
	s[S_STALE].title = "Clients not contacted";
	for (size_t i = 0; i < a->nesc; i++) {
		const struct resc *x = &r->esc[a->esc[i]];

		add(&s[S_ESC], x->c, xasprintf("%s, open %ld %s (escalation %s "
					       "to %s): %s", x->reason,
					       x->days_open, days(x->days_open),
					       x->name, x->to, x->what));
	}
	for (size_t i = 0; i < a->nsugg; i++) {
		const struct rsugg *x = &r->sugg[a->sugg[i]];

		char *label = x->note ? note_label(x->note) : NULL;

		add(&s[S_ESC], x->c, xasprintf("suggested: %s (\"%s\"%s%s)",
					       x->reason, x->match,
					       label ? " in " : "",
					       label ? label : ""));
		free(label);
	}
	for (size_t i = 0; i < a->ndemands; i++) {
		const struct rdemand *x = &r->demands_due[a->demands[i]];
		char *l = x->days < 0 ?
			  xasprintf("%ld %s late", -x->days, days(x->days)) :
			  left(x->days);

		add(&s[S_DEMANDS], x->c, xasprintf("records complete %s, demand "
						   "due %s, %s",
						   date_fmt(d, x->complete),
						   date_fmt(e, x->due), l));
		free(l);
	}
	for (size_t i = 0; i < a->noffers; i++) {
		const struct roffer *x = &r->offers[a->offers[i]];

		add(&s[S_OFFERS], x->c, xasprintf("offer %s from %s on %s: %s%s",
						  x->name, x->policy,
						  date_fmt(d, x->date),
						  x->amount == MONEY_NONE ? "no amount" :
						  money_fmt_human(m, x->amount),
						  x->conveyed ? "" :
						  "; the client is not told yet"));
	}
	law_lines(&s[S_LAW], a, r->sol_watch, a->sol, a->nsol, "SOL");
	law_lines(&s[S_LAW], a, r->notice_watch, a->notice, a->nnotice,
		  "notice of claim");
	for (size_t i = 0; i < a->nstuck; i++) {
		const struct rstuck *x = &r->stuck[a->stuck[i]];

		add(&s[S_STUCK], x->c, xasprintf("%ld %s in %s (limit %d)",
						 x->days, days(x->days), x->stage,
						 x->max_days));
	}
	for (size_t i = 0; i < a->nstale; i++) {
		const struct rstale *x = &r->contact.stale[a->stale[i]];

		add(&s[S_STALE], x->c, x->last_contact == NO_DATE ?
		    xasprintf("never contacted; opened %ld %s ago", x->days,
			      days(x->days)) :
		    xasprintf("last contact %s, %ld %s ago",
			      date_fmt(d, x->last_contact), x->days,
			      days(x->days)));
	}
}

static void
unmake(struct section *s)
{
	for (int k = 0; k < S_COUNT; k++) {
		for (size_t i = 0; i < s[k].n; i++)
			free(s[k].v[i].text);
		free(s[k].v);
	}
}

static char *
caseload(const struct rload *l)
{
	return xasprintf("%s (%s): %ld open %s of %d%s", l->who, l->role,
			 l->open, l->open == 1 ? "case" : "cases", l->max,
			 l->over ? ", over" : "");
}

static char *
title(const struct agenda *a)
{
	char d[DATE_LEN];

	if (a->manager)
		return xasprintf("Agenda: %s and %s, %s", a->attorney, a->manager,
				 date_fmt(d, a->r->as_of));
	return xasprintf("Agenda: %s, %s", a->attorney,
			 date_fmt(d, a->r->as_of));
}

void
agenda_text(FILE *f, const struct agenda *a)
{
	struct section s[S_COUNT];
	char *t = title(a);
	size_t wid = 8;

	make(s, a);
	tfprintf(f, "%s%s%s\n", c_bold(), t, c_off());
	free(t);
	for (int k = 0; k < S_COUNT; k++)
		for (size_t i = 0; i < s[k].n; i++)
			if (strlen(a->r->cases[s[k].v[i].c].id) > wid)
				wid = strlen(a->r->cases[s[k].v[i].c].id);
	if (!agenda_any(a))
		tfprintf(f, "\nNo exceptions: nothing to decide.\n");
	for (int k = 0; k < S_COUNT; k++) {
		if (!s[k].n)
			continue;
		tfprintf(f, "\n%s%s (%zu)%s\n", c_bold(), s[k].title, s[k].n,
			 c_off());
		for (size_t i = 0; i < s[k].n; i++)
			tfprintf(f, "  %-*s  %s\n", (int)wid,
				 a->r->cases[s[k].v[i].c].id, s[k].v[i].text);
	}
	if (a->mgr_load || a->att_load)
		tfprintf(f, "\n%sCaseload%s\n", c_bold(), c_off());
	if (a->mgr_load) {
		t = caseload(a->mgr_load);
		tfprintf(f, "  %s\n", t);
		free(t);
	}
	if (a->att_load) {
		t = caseload(a->att_load);
		tfprintf(f, "  %s\n", t);
		free(t);
	}
	unmake(s);
}

static void
md_put(FILE *f, const char *s)
{
	struct sb m = SB_INIT;

	md_line(&m, s);
	fputs(sb_str(&m), f);
	sb_free(&m);
}

void
agenda_md(FILE *f, const struct agenda *a)
{
	struct section s[S_COUNT];
	char *t = title(a);

	make(s, a);
	fputs("# ", f);
	md_put(f, t);
	fputs("\n", f);
	free(t);
	if (!agenda_any(a))
		fputs("\nNo exceptions: nothing to decide.\n", f);
	for (int k = 0; k < S_COUNT; k++) {
		if (!s[k].n)
			continue;
		fprintf(f, "\n## %s (%zu)\n\n", s[k].title, s[k].n);
		for (size_t i = 0; i < s[k].n; i++) {
			const struct rcase *c = &a->r->cases[s[k].v[i].c];

			fputs("- **", f);
			md_put(f, c->id);
			fputs("**", f);
			if (*c->client) {
				fputs(" (", f);
				md_put(f, c->client);
				fputs(")", f);
			}
			fputs(": ", f);
			md_put(f, s[k].v[i].text);
			fputs("\n", f);
		}
	}
	if (a->mgr_load || a->att_load)
		fputs("\n## Caseload\n\n", f);
	for (int k = 0; k < 2; k++) {
		const struct rload *l = k ? a->att_load : a->mgr_load;

		if (!l)
			continue;
		t = caseload(l);
		fputs("- ", f);
		md_put(f, t);
		fputs("\n", f);
		free(t);
	}
	unmake(s);
}

static void
json_watch(struct json *j, const char *key, const struct report *r,
	   const struct rwatch *w, const size_t *idx, size_t n)
{
	json_arr(j, key);
	for (size_t i = 0; i < n; i++) {
		const struct rwatch *e = &w[idx[i]];

		json_obj(j, NULL);
		json_str(j, "case", r->cases[e->c].id);
		json_date(j, "date", e->date);
		json_int(j, "days", e->days);
		json_str(j, "basis", e->basis);
		json_bool(j, "missed", e->missed);
		json_end_obj(j);
	}
	json_end_arr(j);
}

void
agenda_json(FILE *f, const struct agenda *a)
{
	const struct report *r = a->r;
	struct json j;
	char m[MONEY_LEN];

	json_init(&j, f);
	json_obj(&j, NULL);
	json_date(&j, "as_of", r->as_of);
	json_str(&j, "attorney", a->attorney);
	json_str(&j, "manager", a->manager);
	json_arr(&j, "escalations");
	for (size_t i = 0; i < a->nesc; i++) {
		const struct resc *x = &r->esc[a->esc[i]];

		json_obj(&j, NULL);
		json_str(&j, "case", r->cases[x->c].id);
		json_str(&j, "name", x->name);
		json_str(&j, "reason", x->reason);
		json_str(&j, "to", x->to);
		json_date(&j, "opened", x->opened);
		json_int(&j, "days_open", x->days_open);
		json_str(&j, "what", x->what);
		json_end_obj(&j);
	}
	json_end_arr(&j);
	json_arr(&j, "suggested_escalations");
	for (size_t i = 0; i < a->nsugg; i++) {
		const struct rsugg *x = &r->sugg[a->sugg[i]];

		json_obj(&j, NULL);
		json_str(&j, "case", r->cases[x->c].id);
		json_str(&j, "reason", x->reason);
		json_str(&j, "match", x->match);
		json_str(&j, "note", x->note);
		json_end_obj(&j);
	}
	json_end_arr(&j);
	json_arr(&j, "demands_due");
	for (size_t i = 0; i < a->ndemands; i++) {
		const struct rdemand *x = &r->demands_due[a->demands[i]];

		json_obj(&j, NULL);
		json_str(&j, "case", r->cases[x->c].id);
		json_date(&j, "complete", x->complete);
		json_date(&j, "due", x->due);
		json_int(&j, "days", x->days);
		json_end_obj(&j);
	}
	json_end_arr(&j);
	json_arr(&j, "offers");
	for (size_t i = 0; i < a->noffers; i++) {
		const struct roffer *x = &r->offers[a->offers[i]];

		json_obj(&j, NULL);
		json_str(&j, "case", r->cases[x->c].id);
		json_str(&j, "offer", x->name);
		json_str(&j, "policy", x->policy);
		json_date(&j, "date", x->date);
		if (x->amount == MONEY_NONE)
			json_null(&j, "amount");
		else
			json_str(&j, "amount", money_fmt(m, x->amount));
		json_bool(&j, "conveyed", x->conveyed);
		json_end_obj(&j);
	}
	json_end_arr(&j);
	json_watch(&j, "sol", r, r->sol_watch, a->sol, a->nsol);
	json_watch(&j, "notice", r, r->notice_watch, a->notice, a->nnotice);
	json_arr(&j, "stuck");
	for (size_t i = 0; i < a->nstuck; i++) {
		const struct rstuck *x = &r->stuck[a->stuck[i]];

		json_obj(&j, NULL);
		json_str(&j, "case", r->cases[x->c].id);
		json_str(&j, "stage", x->stage);
		json_int(&j, "days", x->days);
		json_int(&j, "max_days", x->max_days);
		json_end_obj(&j);
	}
	json_end_arr(&j);
	json_arr(&j, "not_contacted");
	for (size_t i = 0; i < a->nstale; i++) {
		const struct rstale *x = &r->contact.stale[a->stale[i]];

		json_obj(&j, NULL);
		json_str(&j, "case", r->cases[x->c].id);
		json_date(&j, "last_contact", x->last_contact);
		json_int(&j, "days", x->days);
		json_end_obj(&j);
	}
	json_end_arr(&j);
	json_arr(&j, "caseload");
	for (int k = 0; k < 2; k++) {
		const struct rload *l = k ? a->att_load : a->mgr_load;

		if (!l)
			continue;
		json_obj(&j, NULL);
		json_str(&j, "who", l->who);
		json_str(&j, "role", l->role);
		json_int(&j, "open", l->open);
		json_int(&j, "max", l->max);
		json_bool(&j, "over", l->over);
		json_end_obj(&j);
	}
	json_end_arr(&j);
	json_end_obj(&j);
	json_finish(&j);
}
