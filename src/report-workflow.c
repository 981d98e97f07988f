/* report-workflow.c - the workflow's part of the report's scan: client
 * inquiries, the actions deadlines make for `docket next`, the stage stays
 * that ended, and their figures (see report-scan.h). */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/date.h"
#include "docket/deadline.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/money.h"
#include "docket/note.h"
#include "docket/settle.h"
#include "docket/util.h"
#include "docket/workflow.h"
#include "docket/workup.h"
#include "report-scan.h"

#include <stdlib.h>
#include <string.h>

/*
 * Client inquiries of the last contact_days days (the notes are oldest
 * first): each is answered by the next note of a kind that answers
 * (answer_kinds) after it, or open.  An open one is an action.
 */
void
report_scan_inquiries(struct scan *s, struct report *r, const struct dcase *c,
	       const struct note *notes, size_t nn)
{
	const long window = r->contact.window_days;
	const time_t target = (time_t)r->inquiries.target_hours * 3600;
	time_t answer = 0;
	int answered = 0;

	for (size_t i = nn; i-- > 0;) {
		const struct note *n = &notes[i];

		if (note_answers_client(n)) {
			answer = n->time;
			answered = 1;
			continue;
		}
		if (strcmp(n->kind, "inquiry") || !note_with_client(n))
			continue;
		if (date_of_time(n->time) <= s->as_of - window)
			break;
		if (answered) {
			time_t took = answer - n->time;

			GROW(s->hours, r->cap[CAP_HOURS],
			     (size_t)r->inquiries.answered + 1);
			s->hours[r->inquiries.answered++] = (long)(took / 3600);
			s->within += took <= target;
		} else {
			struct rinquiry *q;
			struct raction *a;
			long hours = s->now > n->time ?
				     (long)((s->now - n->time) / 3600) : 0;

			GROW(r->inquiries.open, r->cap[CAP_INQ],
			     r->inquiries.nopen + 1);
			q = &r->inquiries.open[r->inquiries.nopen++];
			q->c = report_add_case(r, c);
			q->note = xstrdup(n->name);
			q->at = n->time;
			q->hours = hours;
			a = report_add_action(r, q->c, ACT_INQUIRY, report_owner(c),
				       date_of_time(n->time), n->name, NULL);
			a->at = n->time;
			a->days = hours;
		}
	}
}

static int
is_offer_due(const char *name)
{
	const char *p = name + 6;

	if (strncmp(name, "offer-", 6) || !*p)
		return 0;
	for (; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return 1;
}

/*
 * The action an open deadline of an open case backs: one of its own (sol
 * and notice-of-claim within NEXT_LAW_DAYS or past, an offer not conveyed,
 * a records follow-up past its date; the demand when the case is in
 * demands_due, which adds that action), else overdue or due-soon.  One
 * fact, one action.
 */
void
report_due_action(struct scan *s, struct report *r, const struct dcase *c,
		  const struct deadline *d, int demand_due)
{
	long left = d->date - s->as_of;
	struct raction *a;
	int act;

	if (!strcmp(d->name, DUE_SOL) || !strcmp(d->name, DUE_NOTICE)) {
		if (left > NEXT_LAW_DAYS)
			return;
		act = !strcmp(d->name, DUE_SOL) ? ACT_SOL : ACT_NOTICE;
	} else if (!strcmp(d->name, DUE_DEMAND) && demand_due) {
		return;
	} else if (is_offer_due(d->name)) {
		act = ACT_OFFER;
	} else if (has_prefix(d->name, DUE_RECORDS_PREFIX)) {
		if (left >= 0)
			return;
		act = ACT_RECORDS;
	} else if (left < 0) {
		act = ACT_OVERDUE;
	} else if (left <= REPORT_SOON_DAYS) {
		act = ACT_DUE_SOON;
	} else {
		return;
	}
	a = report_add_action(r, report_add_case(r, c), act, *d->who ? d->who : report_owner(c),
		       d->date, d->name, d->what);
	a->days = left;
	if (act == ACT_RECORDS) {
		const char *handle = d->name + strlen(DUE_RECORDS_PREFIX);

		/* the earliest request still waiting; it sorts the action */
		for (size_t i = 0; i < c->wu->nprov; i++) {
			const struct provider *p = &c->wu->prov[i];

			if (strcmp(p->handle, handle))
				continue;
			for (int k = 0; k < 2; k++)
				if (p->requested[k] != NO_DATE &&
				    p->received[k] == NO_DATE &&
				    (a->since == NO_DATE ||
				     p->requested[k] < a->since))
					a->since = p->requested[k];
		}
		if (a->since != NO_DATE)
			a->date = a->since;
		a->days = s->as_of - a->date;
		a->limit = s->firm->wu->records_followup_days;
	}
}

static int
stay_cmp(const void *a, const void *b)
{
	const long *x = a, *y = b;

	/* date, then the stage's place in the pipeline */
	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	return x[1] < y[1] ? -1 : x[1] > y[1];
}

/*
 * The case's stage stays that ended in the last REPORT_STAYS_DAYS days,
 * from [stages] (the day each stage was last entered): in date order, a
 * stay ends the day the next one begins; the case's own stage goes on.
 * Milestones count those of stages with a max_days; velocity all.
 */
void
report_stays_case(struct scan *s, struct report *r, const struct dcase *c)
{
	const struct firm *f = s->firm;
	long few[16][2], (*v)[2] = f->nstages <= 16 ? few :
		xcalloc(f->nstages + 1, sizeof(*v));
	size_t n = 0;

	for (size_t i = 0; i < c->nentered; i++) {
		int st = firm_stage(f, c->entered[i].stage);
		long key[2] = { c->entered[i].date, st };
		size_t k;

		if (st < 0 || n >= f->nstages)
			continue;
		/* put in order as they come (a few: a qsort cost more) */
		for (k = n; k > 0 && stay_cmp(v[k - 1], key) > 0; k--) {
			v[k][0] = v[k - 1][0];
			v[k][1] = v[k - 1][1];
		}
		v[k][0] = key[0];
		v[k][1] = key[1];
		n++;
	}
	for (size_t i = 0; i + 1 < n; i++) {
		size_t st = (size_t)v[i][1];
		long end = v[i + 1][0], days = end - v[i][0];
		struct stays *x = &s->stays[st];

		if (!strcmp(f->stages[st].name, c->stage) ||
		    end > s->as_of || end <= s->as_of - REPORT_STAYS_DAYS)
			continue;
		GROW(x->v, x->cap, x->n + 1);
		x->v[x->n++] = days;
		if (f->stages[st].max_days >= 0) {
			r->milestones.completed++;
			r->milestones.on_time += days <= f->stages[st].max_days;
		}
	}
	if (v != few)
		free(v);
}

/* Client inquiries, milestones and velocity. */
void
report_finish_workflow(struct report *r, struct scan *s)
{
	const struct firm *f = s->firm;

	if (r->inquiries.answered) {
		r->inquiries.median_hours = report_median(s->hours,
						   (size_t)r->inquiries.answered);
		r->inquiries.within_pct = report_pct(s->within, r->inquiries.answered);
	}
	if (r->milestones.completed)
		r->milestones.pct = report_pct(r->milestones.on_time,
					r->milestones.completed);
	r->velocity = xcalloc(f->nstages + 1, sizeof(*r->velocity));
	for (size_t i = 0; i < f->nstages; i++) {
		struct stays *x = &s->stays[i];
		struct rvelocity *v;

		if (!x->n)
			continue;
		v = &r->velocity[r->nvelocity++];
		v->stage = f->stages[i].name;
		v->count = (long)x->n;
		v->median_days = report_median(x->v, x->n);
	}
}
