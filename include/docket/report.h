/*
 * report.h - the firm dashboard's figures: one scan of the cases gives the
 * deadlines that need action, escalations open and suggested, the stage
 * funnel, client contact, caseload and time to resolution, the
 * deadlines the law sets coming up (sol_watch, notice_watch), and the
 * workup: demands due, treatment gaps, demand turnaround; settlements
 * held for lien holders.  No printing
 * and no git here: the writers (out-report-*.c) print a struct report.
 *
 * Ownership: report_build gives the caller a struct report to release
 * with report_free (report_free(NULL) is a no-op); every string in it
 * belongs to it, and so do the notes report_add_notes puts in it.
 * report_notes gives the caller notes to release with report_notes_free.
 */
#ifndef DOCKET_REPORT_H
#define DOCKET_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

struct firm;
struct json;

/* Which cases the report covers, and as of when. */
struct report_filter {
	const char *who;	/* attorney or manager of the case; NULL: all */
	const char *stage;	/* the case's stage; NULL: all */
	time_t now;		/* the clock, for hours since an inquiry;
				 * 0: noon (UTC) of as_of */
	int watch_days;		/* sol_watch and notice_watch reach this far
				 * at least (agenda: 90); 0: [rules]
				 * sol_watch_days alone */
};

/* The note of a case as the page shows it. */
struct rnote {
	char *name, *kind, *author;
	time_t time;
	char *text;
	size_t len;
};

/* A case that appears in an exception list (the page shows its notes). */
struct rcase {
	char *id, *dir, *client, *title, *stage, *attorney, *manager;
	/* after report_add_notes: its latest notes, newest first; or why
	 * they could not be read (notes_error, else NULL) */
	struct rnote *notes;
	size_t nnotes;
	char *notes_error;
};

/* The lists refer to their case by its index in report.cases. */
struct rdue {		/* overdue and due_soon */
	size_t c;
	char *name, *what, *who;
	long date, days;
};

struct rwatch {		/* sol_watch and notice_watch */
	size_t c;
	long date, days;	/* days: left, negative when past */
	char *basis;
	char flag[64];		/* a day off: "a Saturday"; or "" */
	int missed;
};

struct rmanual {	/* sol_manual_later */
	size_t c;
	char *name;
	long date, computed;
	char *basis;		/* the computed date's */
};

struct resc {		/* open escalations */
	size_t c;
	char *name, *reason, *to, *what;
	long opened, days_open;
};

struct rsugg {		/* suggested escalations */
	size_t c;
	char *reason, *match;
	char *note;	/* NULL: from the case file (a commercial policy...) */
	long date;	/* the note's date (as_of for the case file) */
};

struct rdemand {	/* demands_due: records complete, no demand sent */
	size_t c;
	long complete, due;
	long days;	/* to due, negative when late */
};

struct rgap {		/* treatment_gaps */
	size_t c;
	char *provider;
	long last_visit, days;
};

struct rsettle {	/* settlements: a recovery, a lien not final */
	size_t c;
	long settled;		/* the first recovery's date */
	int64_t gross;		/* the recoveries */
	int64_t pending;	/* the asserted amounts of the liens not final */
	char *liens;		/* their names: "medicare, bcbs" */
};

struct rinquiry {	/* inquiries.open: not answered yet */
	size_t c;
	char *note;		/* the inquiry's note file name */
	time_t at;
	long hours;		/* since, whole hours rounded down */
};

struct rvelocity {	/* velocity: a stage with stays that ended */
	const char *stage;	/* the firm's */
	double median_days;
	long count;
};

struct roffer {		/* offers of open cases of the last 14 days */
	size_t c;
	char *name, *policy;	/* the offer's number, its policy */
	long date;
	int64_t amount;		/* MONEY_NONE: none */
	int conveyed;		/* its offer-N deadline is done, or there is
				 * none */
};

/*
 * An action of `docket next` (workflow.h's enum action), made by the scan
 * at the very point a figure above counts the same fact: a stale client
 * is both in contact.stale and a `contact` action, never one without the
 * other (and a new client awaiting the first call, in contact.awaiting).  work.h orders them and says why.
 */
struct raction {
	size_t c;
	int action;		/* enum action */
	char *who;
	long date;		/* when it fell due (sorts one urgency) */
	time_t at;		/* an inquiry's time; 0 for the others */
	char *name;		/* what it is about: a deadline, an escalation,
				 * a provider, a stage, a note; or NULL */
	char *what;		/* a deadline's or escalation's text; or NULL */
	long days;		/* sol, notice, overdue, due-soon, offer:
				 * days left (negative when late); contact,
				 * treatment, stuck, escalation, records:
				 * days since; inquiry: hours since */
	long limit;		/* stuck: max_days; treatment: gap days;
				 * records: follow-up days */
	long since;		/* demand: records complete; records: the
				 * request; contact: NO_DATE when never */
};

struct rstage {		/* the funnel: every stage but the last */
	const char *stage;	/* the firm's */
	long open, over_limit;
	int max_days;		/* -1: no limit */
};

struct rstuck {
	size_t c;
	size_t st;		/* the stage's place in the pipeline */
	const char *stage;	/* the firm's */
	long days;
	int max_days;
};

struct rstale {
	size_t c;
	long last_contact;	/* NO_DATE: never */
	long days;
};

struct rload {
	char *who;
	const char *role;	/* "attorney" or "manager" */
	long open;
	int max;
	int over;
};

struct rerror {
	char *file;
	int line;		/* 0: none */
	char *message;
};

struct report {
	long as_of;
	const char *firm_name;	/* the firm's */
	struct report_filter filter;	/* strings are the caller's */
	long open, closed;
	struct rcase *cases;
	size_t ncases, capcases;
	int ids_sorted;		/* cases[] is in its IDs' order, none twice */
	struct rdue *overdue, *due_soon;
	size_t noverdue, ndue_soon;
	int watch_days;		/* [rules] sol_watch_days */
	struct rwatch *sol_watch, *notice_watch;
	size_t nsol_watch, nnotice_watch;
	struct rmanual *manual_later;
	size_t nmanual_later;
	struct rdemand *demands_due;
	size_t ndemands_due;
	int gap_days;		/* [rules] treatment_gap_days */
	struct rgap *gaps;
	size_t ngaps;
	struct rsettle *settlements;
	size_t nsettlements;
	struct resc *esc;
	size_t nesc;
	struct rsugg *sugg;
	size_t nsugg;
	struct rstage *stages;
	size_t nstages;
	struct rstuck *stuck;
	size_t nstuck;
	struct {
		int window_days, target_pct;
		long open, contacted;
		double pct;		/* 100 x contacted / (open - awaiting);
					 * < 0 when that is no case */
		struct rstale *stale;
		size_t nstale;
		/* opened fewer than window_days ago, never contacted:
		 * neither stale nor counted in pct (last_contact NO_DATE,
		 * days since opened) */
		struct rstale *awaiting;
		size_t nawaiting;
	} contact;
	struct rload *load;
	size_t nload;
	struct {
		long closed;
		double avg_days, median_days;	/* < 0 when none */
	} resolution;
	struct {		/* records complete to the first demand */
		long count;
		double median_days, within_pct;	/* < 0 when count is 0 */
		int target_days;	/* [rules] demand_within_days */
	} turnaround;
	struct {		/* client inquiries of the last contact_days */
		struct rinquiry *open;
		size_t nopen;
		long answered;
		double median_hours, within_pct;	/* < 0 when none */
		int target_hours;	/* [rules] inquiry_response_hours */
	} inquiries;
	struct {		/* stage stays that ended in the last 365 days,
				 * in stages with a max_days */
		long completed, on_time;
		double pct;		/* < 0 when none */
	} milestones;
	struct rvelocity *velocity;	/* in the pipeline's order */
	size_t nvelocity;
	struct roffer *offers;	/* for the agenda; not in report's forms */
	size_t noffers;
	struct raction *actions;	/* for `docket next`; in scan order */
	size_t nactions;
	struct rerror *errors;
	size_t nerrors;
	/* private: the capacities of the lists; the strings of the cases'
	 * rows and of the actions, in blocks (report-lists.c) */
	size_t cap[24];
	struct report_strings *strings;
};

#define REPORT_STAYS_DAYS 365
#define REPORT_OFFER_DAYS 14

#define REPORT_SOON_DAYS 7

/*
 * Scan the cases under root as of the day as_of.  A case that cannot be
 * read goes into errors; the rest is counted.  0 (a cases/ that cannot
 * be listed has no case).  progress (may be NULL) is called as cases are
 * read.
 */
int report_build(struct report **out, const struct firm *firm,
		 const char *root, long as_of, const struct report_filter *f,
		 void (*progress)(size_t done, size_t total));
void report_free(struct report *r);

/* Cases a and b of r in their IDs' order: <0, 0 or >0, as strcmp. */
static inline int
report_case_cmp(const struct report *r, size_t a, size_t b)
{
	if (r->ids_sorted)
		return (a > b) - (a < b);
	return strcmp(r->cases[a].id, r->cases[b].id);
}

/* How many of a listed case's notes the HTML page shows. */
#define REPORT_NOTES_SHOWN 3

/* The latest max notes of a listed case, newest first.  0, or DK_EIO. */
int report_notes(struct rnote **out, size_t *n, const char *root,
		 const struct rcase *c, size_t max);
void report_notes_free(struct rnote *notes, size_t n);
/* Read the latest max notes of every listed case into the report (for
 * the page: collected first, then printed). */
void report_add_notes(struct report *r, const char *root, size_t max);

/*
 * The writers, one file each (src/out-report-*.c): they print what the
 * report holds, and read nothing.  width: the terminal's columns.
 * report_html shows the notes report_add_notes put in (a case whose
 * notes could not be read says so on the page).
 */
void report_json(FILE *f, const struct report *r);
void report_text(FILE *f, const struct report *r, int width);
void report_md(FILE *f, const struct report *r);
void report_html(FILE *f, const struct report *r);
/* The workflow's part of each form (src/out-report-workflow.c): client
 * inquiries (open ones are exceptions), milestones and velocity. */
void report_json_workflow(struct json *j, const struct report *r);
void report_text_inquiries(FILE *f, const struct report *r);
void report_text_workflow(FILE *f, const struct report *r);
void report_md_inquiries(FILE *f, const struct report *r);
void report_md_workflow(FILE *f, const struct report *r);
void report_html_workflow(FILE *f, const struct report *r);

#endif
