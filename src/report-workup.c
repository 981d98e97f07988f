/* report-workup.c - the workup's part of the report's scan: demands due,
 * the demand turnaround, treatment gaps, settlements waiting on liens, and
 * the complexity a case file suggests (see report-scan.h). */
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

/* The workup of a case: demand turnaround (every case), demands due and
 * treatment gaps (open cases). */
void
report_workup_case(struct scan *s, struct report *r, const struct dcase *c)
{
	const struct workup *w = c->wu;
	long complete = workup_records_complete(w, NULL);
	long first = workup_first_demand(w);
	struct raction *a;

	if (complete != NO_DATE && first != NO_DATE) {
		/* a demand that went out before the last records did not
		 * wait for them: no days */
		GROW(s->turn, r->cap[CAP_TURN], s->nturn + 1);
		s->turn[s->nturn++] = first > complete ? first - complete : 0;
	}
	if (!c->open)
		return;
	if (complete != NO_DATE && first == NO_DATE) {
		const struct deadline *d = case_deadline(c, DUE_DEMAND);
		struct rdemand *x;

		GROW(r->demands_due, r->cap[CAP_DEMANDS], r->ndemands_due + 1);
		x = &r->demands_due[r->ndemands_due++];
		x->c = report_add_case(r, c);
		x->complete = complete;
		x->due = d ? d->date : complete + s->firm->wu->demand_within_days;
		x->days = x->due - s->as_of;
		a = report_add_action(r, x->c, ACT_DEMAND, d && *d->who ? d->who :
			       report_owner(c), x->due, DUE_DEMAND, NULL);
		a->days = x->days;
		a->since = complete;
	}
	for (size_t i = 0; i < w->noffer; i++) {
		const struct negotiation *o = &w->offer[i];
		const struct deadline *d;
		struct roffer *x;
		char *name;

		if (o->date == NO_DATE || o->date > s->as_of ||
		    o->date <= s->as_of - REPORT_OFFER_DAYS)
			continue;
		name = xasprintf("offer-%s", o->name);
		d = case_deadline(c, name);
		free(name);
		GROW(r->offers, r->cap[CAP_OFFERS], r->noffers + 1);
		x = &r->offers[r->noffers++];
		x->c = report_add_case(r, c);
		x->name = xstrdup(o->name);
		x->policy = xstrdup(o->policy);
		x->date = o->date;
		x->amount = o->amount;
		x->conveyed = !d || d->done != NO_DATE;
	}
	if (!strcmp(c->stage, "treatment"))
		for (size_t i = 0; i < w->nprov; i++) {
			const struct provider *p = &w->prov[i];
			struct rgap *x;

			if (p->discharged != NO_DATE || p->last_visit == NO_DATE ||
			    s->as_of - p->last_visit <= r->gap_days)
				continue;
			GROW(r->gaps, r->cap[CAP_GAPS], r->ngaps + 1);
			x = &r->gaps[r->ngaps++];
			x->c = report_add_case(r, c);
			x->provider = xstrdup(p->handle);
			x->last_visit = p->last_visit;
			x->days = s->as_of - p->last_visit;
			a = report_add_action(r, x->c, ACT_TREATMENT, report_owner(c),
				       p->last_visit, p->handle, NULL);
			a->days = x->days;
			a->limit = r->gap_days;
		}
}

/* An open case's recoveries held while a lien is not final: the money
 * the firm holds waiting on lien holders. */
void
report_settlement_case(struct report *r, const struct dcase *c)
{
	struct settle *st;
	struct sb names = SB_INIT;
	int64_t gross = 0, pending = 0;
	long settled = NO_DATE;
	int bad = 0;

	/* a case given as its view alone has no recovery (status.h: the
	 * cache gives the lines of a case that has one) */
	if (!c->cfg)
		return;
	st = settle_read(c->cfg);
	if (!st->nrec) {
		settle_free(st);
		return;
	}
	for (size_t i = 0; i < st->nrec; i++) {
		bad |= money_add(&gross, st->rec[i].amount);
		if (settled == NO_DATE || st->rec[i].date < settled)
			settled = st->rec[i].date;
	}
	for (size_t i = 0; i < st->nlien; i++) {
		const struct lien *l = &st->lien[i];

		if (l->final != MONEY_NONE)
			continue;
		if (l->asserted != MONEY_NONE)
			bad |= money_add(&pending, l->asserted);
		sb_addf(&names, "%s%s", names.len ? ", " : "", l->name);
	}
	if (names.len && !bad) {
		struct rsettle *x;

		GROW(r->settlements, r->cap[CAP_SETTLE], r->nsettlements + 1);
		x = &r->settlements[r->nsettlements++];
		x->c = report_add_case(r, c);
		x->settled = settled;
		x->gross = gross;
		x->pending = pending;
		x->liens = sb_detach(&names);
	}
	sb_free(&names);
	settle_free(st);
}

/* A complexity escalation the case file suggests (after the notes', so
 * that a case has one entry per reason). */
void
report_suggest_complexity(struct scan *s, struct report *r, const struct dcase *c)
{
	char match[64];
	const char *m;
	int open_esc = 0, complexity = 0;

	/* a commercial policy, a case type for an attorney: until a
	 * complexity escalation exists, while none is open */
	for (size_t i = 0; i < c->nesc; i++) {
		open_esc |= c->esc[i].resolved == NO_DATE;
		complexity |= !strcmp(c->esc[i].reason, "complexity");
	}
	/* a dismissed complexity stays dismissed: the case file does not
	 * change its mind as notes do */
	if (open_esc || complexity ||
	    case_dismissed(c, "complexity") != NO_DATE ||
	    !(m = workup_complexity(s->firm, c, match, sizeof(match))))
		return;
	for (size_t i = r->nsugg; i-- > 0 && r->ncases &&
	     !strcmp(r->cases[r->sugg[i].c].id, c->id);)
		if (!strcmp(r->sugg[i].reason, "complexity"))
			return;
	{
		struct rsugg *e;

		GROW(r->sugg, r->cap[CAP_SUGG], r->nsugg + 1);
		e = &r->sugg[r->nsugg++];
		e->c = report_add_case(r, c);
		e->reason = xstrdup("complexity");
		e->match = xstrdup(m);
		e->note = NULL;
		e->date = s->as_of;
	}
}
