/*
 * report-scan.h - shared by the scan of `docket report` and nothing else
 * (src/report.c, and the parts of it kept in report-workup.c and
 * report-workflow.c): the scan's state and the helpers that add to the
 * report's lists.
 */
#ifndef DOCKET_REPORT_SCAN_H
#define DOCKET_REPORT_SCAN_H

#include <time.h>

#include "docket/phrase.h"
#include "docket/report.h"
#include "docket/util.h"

struct dcase;
struct deadline;
struct note;

enum { CAP_CASES, CAP_OVERDUE, CAP_SOON, CAP_ESC, CAP_SUGG, CAP_STUCK,
       CAP_STALE, CAP_LOAD, CAP_ERRORS, CAP_DAYS, CAP_SOL, CAP_NOTICE,
       CAP_MANUAL, CAP_DEMANDS, CAP_GAPS, CAP_TURN, CAP_SETTLE, CAP_INQ,
       CAP_HOURS, CAP_OFFERS, CAP_ACTIONS, CAP_AWAIT };

/* The stays of one stage that ended, in days (for velocity). */
struct stays {
	long *v;
	size_t n, cap;
};

struct scan {
	const struct firm *firm;
	const char *root;
	long as_of;
	const struct report_filter *filter;
	struct matcher m;
	/* work space */
	struct sb text;
	char *norm;
	size_t normcap;
	int *best;
	long *days;		/* days from opened to closed, per closed case */
	size_t ndays;
	long *turn;		/* days from records complete to the first
				 * demand, per case with a demand */
	size_t nturn;
	time_t now;
	int watch;		/* sol_watch and notice_watch reach */
	long *hours;		/* hours to answer each answered inquiry */
	long within;		/* those answered within the target */
	struct stays *stays;	/* by stage */
};

/* report-lists.c: who does what is not a deadline's or an escalation's (the
 * case's manager, else its attorney); the case's row (once); an action of
 * `docket next`; the median of v (sorted here) and a percentage to two
 * decimals. */
const char *report_owner(const struct dcase *c);
/* The strings of the cases' rows and of the actions are the report's:
 * freed at once by report_strings_free (report_free). */
void report_strings_free(struct report *r);
size_t report_add_case(struct report *r, const struct dcase *c);
struct raction *report_add_action(struct report *r, size_t ci, int action,
				  const char *who, long date, const char *name,
				  const char *what);
double report_median(long *v, size_t n);
int report_long_cmp(const void *a, const void *b);
double report_pct(long part, long whole);

/* report-workup.c: the workup's figures of a case (demands due, the
 * demand turnaround, treatment gaps), its settlement, and the complexity
 * its file suggests. */
void report_workup_case(struct scan *s, struct report *r, const struct dcase *c);
void report_settlement_case(struct report *r, const struct dcase *c);
void report_suggest_complexity(struct scan *s, struct report *r,
			       const struct dcase *c);

/* report-workflow.c: client inquiries, the action a deadline makes, the
 * stage stays that ended (milestones, velocity), and their figures. */
void report_scan_inquiries(struct scan *s, struct report *r,
			   const struct dcase *c, const struct note *notes,
			   size_t nn);
void report_due_action(struct scan *s, struct report *r, const struct dcase *c,
		       const struct deadline *d, int demand_due);
void report_stays_case(struct scan *s, struct report *r, const struct dcase *c);
void report_finish_workflow(struct report *r, struct scan *s);

#endif
