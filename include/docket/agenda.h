/*
 * agenda.h - the weekly one-on-one of an attorney and a case manager:
 * the exceptions and decisions of the open cases they share (all of the
 * attorney's without a manager), picked from the report's lists, so the
 * agenda never says other than the report.  No printing here but the
 * writers at the end (src/out-agenda.c).
 *
 * Ownership: agenda_build fills a struct agenda whose index lists the
 * caller releases with agenda_free; it points into the report, which
 * must outlive it.
 */
#ifndef DOCKET_AGENDA_H
#define DOCKET_AGENDA_H

#include <stddef.h>
#include <stdio.h>

struct report;
struct rload;

/* SOL and notice-of-claim deadlines within this many days (or missed). */
#define AGENDA_LAW_DAYS 90

struct agenda {
	const struct report *r;
	const char *attorney, *manager;	/* manager NULL: all the attorney's */
	/* indices into the report's lists, in their order */
	size_t *esc, *sugg, *demands, *offers, *sol, *notice, *stuck, *stale;
	size_t nesc, nsugg, ndemands, noffers, nsol, nnotice, nstuck, nstale;
	const struct rload *att_load, *mgr_load;	/* NULL: no line */
};

void agenda_build(struct agenda *a, const struct report *r,
		  const char *attorney, const char *manager);
void agenda_free(struct agenda *a);
/* Is there anything to discuss? */
int agenda_any(const struct agenda *a);

void agenda_text(FILE *f, const struct agenda *a);
void agenda_md(FILE *f, const struct agenda *a);
void agenda_json(FILE *f, const struct agenda *a);

#endif
