/* agenda.c - the weekly one-on-one's exceptions (see agenda.h). */
#include "docket/agenda.h"
#include "docket/report.h"
#include "docket/util.h"

#include <stdlib.h>
#include <string.h>

static int
shared(const struct agenda *a, size_t c)
{
	const struct rcase *rc = &a->r->cases[c];

	return !strcmp(rc->attorney, a->attorney) &&
	       (!a->manager || !strcmp(rc->manager, a->manager));
}

/* The indices of the n items of v (each stride bytes, its case index
 * first) whose case the two share. */
static size_t
pick(const struct agenda *a, size_t **out, const void *v, size_t n,
     size_t stride, long max_days, size_t days_off)
{
	size_t k = 0;

	*out = xcalloc(n + 1, sizeof(**out));
	for (size_t i = 0; i < n; i++) {
		const char *item = (const char *)v + i * stride;
		size_t c;

		memcpy(&c, item, sizeof(c));
		if (!shared(a, c))
			continue;
		if (days_off) {
			long days;

			memcpy(&days, item + days_off, sizeof(days));
			if (days > max_days)
				continue;
		}
		(*out)[k++] = i;
	}
	return k;
}

void
agenda_build(struct agenda *a, const struct report *r, const char *attorney,
	     const char *manager)
{
	memset(a, 0, sizeof(*a));
	a->r = r;
	a->attorney = attorney;
	a->manager = manager;
	a->nesc = pick(a, &a->esc, r->esc, r->nesc, sizeof(*r->esc), 0, 0);
	a->nsugg = pick(a, &a->sugg, r->sugg, r->nsugg, sizeof(*r->sugg), 0, 0);
	a->ndemands = pick(a, &a->demands, r->demands_due, r->ndemands_due,
			   sizeof(*r->demands_due), 0, 0);
	a->noffers = pick(a, &a->offers, r->offers, r->noffers,
			  sizeof(*r->offers), 0, 0);
	a->nsol = pick(a, &a->sol, r->sol_watch, r->nsol_watch,
		       sizeof(*r->sol_watch), AGENDA_LAW_DAYS,
		       offsetof(struct rwatch, days));
	a->nnotice = pick(a, &a->notice, r->notice_watch, r->nnotice_watch,
			  sizeof(*r->notice_watch), AGENDA_LAW_DAYS,
			  offsetof(struct rwatch, days));
	a->nstuck = pick(a, &a->stuck, r->stuck, r->nstuck, sizeof(*r->stuck),
			 0, 0);
	a->nstale = pick(a, &a->stale, r->contact.stale, r->contact.nstale,
			 sizeof(*r->contact.stale), 0, 0);
	for (size_t i = 0; i < r->nload; i++) {
		const struct rload *l = &r->load[i];

		if (!strcmp(l->role, "attorney") && !strcmp(l->who, attorney))
			a->att_load = l;
		if (manager && !strcmp(l->role, "manager") &&
		    !strcmp(l->who, manager))
			a->mgr_load = l;
	}
}

void
agenda_free(struct agenda *a)
{
	free(a->esc);
	free(a->sugg);
	free(a->demands);
	free(a->offers);
	free(a->sol);
	free(a->notice);
	free(a->stuck);
	free(a->stale);
	memset(a, 0, sizeof(*a));
}

int
agenda_any(const struct agenda *a)
{
	return a->nesc || a->nsugg || a->ndemands || a->noffers || a->nsol ||
	       a->nnotice || a->nstuck || a->nstale;
}
