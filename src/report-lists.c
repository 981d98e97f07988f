/* report-lists.c - what the report's scan adds to its lists, shared by
 * report.c, report-workup.c and report-workflow.c (see report-scan.h). */
#include "docket/case.h"
#include "docket/date.h"
#include "docket/util.h"
#include "report-scan.h"

#include <stdlib.h>
#include <string.h>

int
report_long_cmp(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

/* Who does what is not a deadline's or an escalation's: the case's
 * manager, or its attorney when it has none. */
const char *
report_owner(const struct dcase *c)
{
	return *c->manager ? c->manager : c->attorney;
}

/* The rows' strings, copied into blocks: one malloc for thousands (at
 * 50,000 cases a malloc each cost megabytes of its own bookkeeping). */
struct report_strings {
	struct report_strings *next;
	size_t used, cap;
	char buf[];
};

static char *
row_str(struct report *r, const char *s)
{
	size_t n = strlen(s) + 1;
	struct report_strings *b = r->strings;
	char *d;

	if (!b || b->cap - b->used < n) {
		size_t cap = n > 65536 ? n : 65536;

		b = xmalloc(sizeof(*b) + cap);
		b->next = r->strings;
		b->used = 0;
		b->cap = cap;
		r->strings = b;
	}
	d = b->buf + b->used;
	memcpy(d, s, n);
	b->used += n;
	return d;
}

void
report_strings_free(struct report *r)
{
	while (r->strings) {
		struct report_strings *b = r->strings;

		r->strings = b->next;
		free(b);
	}
}

struct raction *
report_add_action(struct report *r, size_t ci, int action, const char *who,
	   long date, const char *name, const char *what)
{
	struct raction *a;

	GROW(r->actions, r->cap[CAP_ACTIONS], r->nactions + 1);
	a = &r->actions[r->nactions++];
	memset(a, 0, sizeof(*a));
	a->c = ci;
	a->action = action;
	a->who = row_str(r, who ? who : "");
	a->date = date;
	a->name = name ? row_str(r, name) : NULL;
	a->what = what ? row_str(r, what) : NULL;
	a->since = NO_DATE;
	return a;
}

size_t
report_add_case(struct report *r, const struct dcase *c)
{
	struct rcase *rc;

	/* the lists are built case by case: a case already listed is last */
	if (r->ncases && !strcmp(r->cases[r->ncases - 1].id, c->id))
		return r->ncases - 1;
	GROW(r->cases, r->cap[CAP_CASES], r->ncases + 1);
	rc = &r->cases[r->ncases];
	rc->id = row_str(r, c->id);
	rc->dir = row_str(r, c->dir);
	rc->client = row_str(r, c->client);
	rc->title = row_str(r, c->title);
	rc->stage = row_str(r, c->stage);
	rc->attorney = row_str(r, c->attorney);
	rc->manager = row_str(r, c->manager);
	rc->notes = NULL;
	rc->nnotes = 0;
	rc->notes_error = NULL;
	return r->ncases++;
}

/* The median of v (n > 0), sorted here. */
double
report_median(long *v, size_t n)
{
	qsort(v, n, sizeof(*v), report_long_cmp);
	return n % 2 ? (double)v[n / 2] :
	       ((double)v[n / 2 - 1] + (double)v[n / 2]) / 2.0;
}

double
report_pct(long part, long whole)
{
	return (double)(long)(10000.0 * (double)part / (double)whole + 0.5) /
	       100.0;
}
