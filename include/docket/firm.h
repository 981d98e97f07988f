/*
 * firm.h - docket.ini: the pipeline, its stage rules, the rules, the staff
 * and the indicator phrases (src/firm.c); the statute-of-limitations rules
 * (read by sol-rules.c), the workup's rules (workup.c) and the holidays
 * (holiday.c); the file read whole and written new (firm-load.c).
 *
 * Ownership: firm_load gives the caller a struct firm to release with
 * firm_free (firm_free(NULL) is a no-op); every string in it belongs to it.
 */
#ifndef DOCKET_FIRM_H
#define DOCKET_FIRM_H

#include <stddef.h>

#include "docket/holiday.h"
#include "docket/util.h"

struct cfg;
struct sol_rule;
struct workup_rules;
struct fee_rules;
struct workflow_rules;

struct stage_rule {
	char *name;
	int max_days;		/* -1 when the stage has no limit */
	char *due_when;		/* on_enter_due: "+3d" (a date_parse offset) or NULL */
	char *due_what;		/* on_enter_due: the deadline's text */
};

struct staff {
	char *handle, *name, *email, *role;
};

struct indicator {
	char *reason;
	struct strv phrases;	/* lowercase */
};

struct firm {
	char *root;		/* the firm's top directory, ending in '/' */
	struct cfg *cfg;
	char *name;
	struct stage_rule *stages;
	size_t nstages;
	int sol_years, contact_days, contact_target_pct;
	int manager_max, attorney_max;
	struct staff *staff;
	size_t nstaff;
	struct staff **by_handle, **by_email;	/* sorted, for lookups */
	struct indicator *ind;
	size_t nind;
	int sol_watch_days;	/* [rules] sol_watch_days */
	struct sol_rule *sol;	/* [sol "XX"] (deadline.h) */
	size_t nsol;
	struct calendar cal;	/* [holidays] */
	struct workup_rules *wu;	/* [rules] of the workup (workup.h) */
	struct fee_rules *fees;	/* [fees] (settle.h) */
	struct workflow_rules *wf;	/* stage tasks and requirements,
					 * [urgency] (workflow.h) */
};

#define FIRM_FILE "docket.ini"
#define SOL_WATCH_DAYS 180	/* [rules] sol_watch_days */

/* Escalation reasons and note kinds, NULL-terminated. */
extern const char *const escalation_reasons[];
extern const char *const note_kinds[];
extern const char *const contact_kinds[];
/* The kinds of note that answer a client's inquiry (contact_kinds but
 * inquiry). */
extern const char *const answer_kinds[];

/* Read root's docket.ini whole (src/firm-load.c): 0, or DK_ENOTFOUND /
 * DK_EPARSE / DK_EINVAL with "docket.ini:LINE: what".  warnings (may be
 * NULL) receives what `docket check` lists. */
int firm_load(struct firm **out, const char *root, struct strv *warnings);
void firm_free(struct firm *firm);

/* The parts of firm_load that are firm.c's: the firm's own sections of
 * f->cfg, and [holidays] (holiday.c); the indicators, read last; and
 * freeing f with what they read. */
int firm_read(struct firm *f, struct strv *warnings);
void firm_read_indicators(struct firm *f, struct strv *warnings);
void firm_free_own(struct firm *f);

/* The stage's index in the pipeline, or -1. */
int firm_stage(const struct firm *firm, const char *stage);
/* The stage name is, in any case: 0 and *out its index; or DK_EINVAL,
 * "unknown stage 'x'; did you mean 'y'?" or the stages listed. */
int firm_stage_pick(const struct firm *firm, const char *name, int *out);
/* "intake, treatment, ..." as a new string. */
char *firm_stage_list(const struct firm *firm);
const struct staff *firm_staff(const struct firm *firm, const char *handle);
/* The staff entry whose handle is nearest to handle, within two edits
 * (and fewer edits than handle has letters), or NULL: a likely typo
 * ("bobb" for "bob"). */
const struct staff *firm_staff_near(const struct firm *firm,
				    const char *handle);
const struct staff *firm_staff_by_email(const struct firm *firm,
					const char *email);

/* The text of a new docket.ini, its one staff member of role (attorney,
 * manager); NULL when pipeline is unknown. */
char *firm_default_ini(const char *pipeline, const char *firm_name,
		       const char *handle, const char *name, const char *email,
		       const char *role);

#endif
