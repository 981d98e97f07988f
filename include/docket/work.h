/*
 * work.h - the work queue of `docket next`: the actions the report's
 * scan made (report.h's struct raction, one for each fact that needs
 * doing), most urgent first ([urgency], workflow.h), and within one
 * urgency the one that fell due first; each with a why that gives the
 * number behind it.  Pure: no files, no printing.
 *
 * Ownership: work_queue gives the caller an array to free(); its items
 * point into the report, which must outlive it.
 */
#ifndef DOCKET_WORK_H
#define DOCKET_WORK_H

#include <stddef.h>
#include <stdio.h>

#include "docket/util.h"
#include "docket/workflow.h"

struct report;
struct raction;

struct work_item {
	const struct raction *a;
	int urgency;
};

/*
 * The actions of r whose who is who (NULL: everyone's) and, with action
 * >= 0, of that action only, in order: urgency (highest first), the day
 * each fell due (an inquiry's time within a day), the case, the action,
 * what it is about.  At most limit (0: all).  Their number; *out a new
 * array (NULL when there is none).
 */
size_t work_queue(struct work_item **out, const struct report *r,
		  const int urgency[ACT_COUNT], const char *who, int action,
		  size_t limit);

/* Why, in a few words with the number behind it ("12 days late", "last
 * contact 41 days ago"), appended to out. */
void work_why(struct sb *out, const struct raction *a);

/* The writers (src/out-next.c): one line an action (case, action, why,
 * who), or JSON [{"case","action","why","who","urgency"}]. */
void work_print(FILE *f, const struct report *r, const struct work_item *v,
		size_t n);
void work_json(FILE *f, const struct report *r, const struct work_item *v,
	       size_t n);

#endif
