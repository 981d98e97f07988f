/*
 * workflow.h - the day's work as docket.ini sets it: each stage's tasks
 * (deadlines made when a case enters it) and requirements (conditions
 * that must hold to enter it), the urgency of each action `docket next`
 * lists ([urgency]), and the [rules] of hand-offs and client inquiries.
 * Applying a stage's tasks to a case and checking its conditions.  No
 * printing and no git here.
 *
 * Ownership: workflow_rules_load fills firm->wf, which firm_free releases
 * (workflow_rules_free); every string in it belongs to it.  Functions that
 * report lines append new strings to the caller's strv.
 */
#ifndef DOCKET_WORKFLOW_H
#define DOCKET_WORKFLOW_H

#include <stddef.h>

#include "docket/util.h"
#include "docket/workup.h"

struct dcase;
struct firm;

/* The actions of `docket next`, most urgent first by default. */
enum action {
	ACT_SOL, ACT_NOTICE, ACT_OVERDUE, ACT_DEMAND, ACT_INQUIRY,
	ACT_ESCALATION, ACT_OFFER, ACT_CONTACT, ACT_RECORDS, ACT_TREATMENT,
	ACT_DUE_SOON, ACT_STUCK, ACT_COUNT
};

/* sol and notice-of-claim are actions when due within this many days
 * (or past); due-soon is report.h's REPORT_SOON_DAYS. */
#define NEXT_LAW_DAYS 30

/* Their names (by enum action, NULL-terminated) and default urgencies. */
extern const char *const action_names[];
extern const int action_default_urgency[ACT_COUNT];
/* The action of a name, or -1. */
int action_find(const char *name);

/* The words of a stage's `requires` (besides a section.key),
 * NULL-terminated. */
enum cond_kind {
	COND_RECORDS_COMPLETE, COND_PROVIDERS_DISCHARGED, COND_LOR_SENT,
	COND_DEMAND_SENT, COND_SETTLED, COND_LIENS_FINAL,
	COND_NO_OPEN_ESCALATION, COND_NO_OPEN_DEADLINES,
	COND_FIELD		/* a section.key (or kind.name.key) not empty */
};
extern const char *const condition_names[];

#define DUE_INTRO_CALL "intro-call"
#define INTRO_CALL_WHAT "Call the client: introduce yourself"

struct stage_task {
	char *when;		/* "+1bd": a date_parse offset */
	char *what;		/* the deadline's text */
	char *name;		/* the deadline's name, made from what */
	int line;		/* in docket.ini */
};

struct condition {
	enum cond_kind kind;
	char *text;		/* as written: "records-complete", "client.dob" */
	char *section, *key;	/* COND_FIELD: where the value is */
};

struct stage_flow {		/* one [stage "..."] */
	struct stage_task *task;
	size_t ntask;
	struct condition *req;
	size_t nreq;
};

struct workflow_rules {
	struct stage_flow *stage;	/* by the stage's place in the pipeline */
	int urgency[ACT_COUNT];		/* [urgency], else the defaults */
	struct delay intro_call;	/* [rules] intro_call_days: 1bd */
	int inquiry_hours;		/* [rules] inquiry_response_hours: 24 */
};

/*
 * Read the stages' task and requires lines, [urgency] and the workflow's
 * [rules] into firm->wf (the pipeline must be loaded).  0, or DK_EPARSE
 * with "docket.ini:LINE: what": a task that is not "OFFSET TEXT", two tasks
 * of a stage that make the same deadline name, an unknown condition, an
 * unknown action or an urgency that is not a whole number.
 */
int workflow_rules_load(struct firm *f);
void workflow_rules_free(struct firm *f);

/*
 * "client.dob" or "policy.bi-acme.claim" as the section and key of
 * case.ini ("client" and "dob"; "policy \"bi-acme\"" and "claim"): 0 and
 * two new strings, or -1 when s is not of that shape.
 */
int field_split(const char *s, char **section, char **key);

/*
 * The case enters stage st (its place in the pipeline) on today: each of
 * the stage's tasks becomes a deadline for the case manager (else the
 * attorney); where one of that name is open already, the earlier date
 * stays.  A short line for each deadline set goes into summary (may be
 * NULL): "call-the-client 2026-11-23".  The number set, or an error
 * (nothing is validated: the caller saves through case_view).
 */
int stage_tasks_enter(const struct firm *f, struct dcase *c, size_t st,
		      long today, struct strv *summary);
/* The case leaves stage st on today: its tasks' open deadlines are done.
 * The number marked, or an error. */
int stage_tasks_leave(const struct firm *f, struct dcase *c, size_t st,
		      long today);

/*
 * The requirements of stage st the case does not meet (its view must be
 * current), one line each into unmet: "records-complete (dr-ames still
 * treating)", "client.dob (empty)".  Returns how many.
 */
size_t stage_unmet(const struct firm *f, const struct dcase *c, size_t st,
		   struct strv *unmet);

#endif
