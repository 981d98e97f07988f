/*
 * deadline.h - the deadlines the law sets.  docket.ini's [sol "XX"] rules
 * (a period, periods by case type, a statute that changed, the notice of
 * claim against a government defendant, minors), and a case's `sol` and
 * `notice-of-claim` deadlines computed from its facts: case.incident,
 * case.state, case.type, client.dob and its [defendant "..."] sections.
 * Every computed deadline carries a one-line `basis` that says how.  No
 * printing and no git here.  The rules (periods, [sol] read, looked up
 * and checked, and the defaults `init` writes) are src/sol-rules.c; the
 * deadlines computed from them, src/deadline.c, which also names a case's
 * deadlines: the name one made from its text gets, and the deadline a
 * name or a prefix of one means.
 *
 * Ownership: sol_rules_load fills firm->sol, which firm_free releases
 * (sol_rules_free).  A struct due_calc owns its basis (due_calc_clear).
 * Functions that report lines append new strings to the caller's strv.
 */
#ifndef DOCKET_DEADLINE_H
#define DOCKET_DEADLINE_H

#include <stddef.h>

#include "docket/util.h"

struct cfg;
struct dcase;
struct deadline;
struct firm;

#define DUE_SOL "sol"
#define DUE_NOTICE "notice-of-claim"
#define BASIS_MANUAL "manual"

/* The [holidays] and [sol "XX"] rules `docket init` writes. */
extern const char deadlines_default_ini[];

/* A period of the law: n years, months or days. */
struct period {
	long n;
	char unit;		/* 'y', 'm' or 'd' */
};

#define PERIOD_LEN 16

/* "2y", "6m", "90d": 0, or -1. */
int period_parse(struct period *out, const char *s);
/* date + p; months and years end on the last day of a shorter month
 * (2024-02-29 + 1y = 2025-02-28). */
long period_add(long date, const struct period *p);
char *period_fmt(char buf[PERIOD_LEN], const struct period *p);

struct sol_type {		/* a case type's own period */
	char *type;
	struct period period;
	char *cite;		/* TYPE_cite, or NULL: the rule's cite */
};

struct sol_rule {		/* [sol "CODE"] */
	char *code;
	struct period period;
	long changed;		/* NO_DATE: the statute did not change */
	struct period before;	/* incidents before changed */
	int has_notice;
	struct period notice;
	int tolled;		/* minors = tolled */
	int majority;
	char *cite, *notice_cite;	/* "" when not given */
	long verified;		/* NO_DATE when not given */
	struct sol_type *types;
	size_t ntypes;
	int line;		/* the section's line in docket.ini */
};

/* Read every [sol "..."] of firm->cfg into firm->sol.  0, or DK_EPARSE
 * with "docket.ini:LINE: what".  warnings (may be NULL) gets the rest. */
int sol_rules_load(struct firm *f, struct strv *warnings);
void sol_rules_free(struct firm *f);
/* The rule of a state code, matched without regard to case; or NULL. */
const struct sol_rule *sol_rule_find(const struct firm *f, const char *state);
/* What `docket check` says of the rules as of today: a rule verified more
 * than a year ago, or never. */
void sol_rules_check(const struct firm *f, long today, struct strv *warnings);

/* A deadline computed from the facts. */
struct due_calc {
	const char *name;	/* DUE_SOL or DUE_NOTICE */
	int applies;		/* the facts give this deadline */
	long date;
	char *basis;		/* applies: how it was computed; else why not */
};

/* Compute `sol` (out[0]) and `notice-of-claim` (out[1]) from the case's
 * facts (its view must be current). */
void deadlines_compute(struct due_calc out[2], const struct firm *f,
		       const struct dcase *c);
void due_calc_clear(struct due_calc v[2]);

enum due_state {
	DUE_ABSENT,		/* no such deadline */
	DUE_COMPUTED,		/* docket's to recompute */
	DUE_MANUAL,		/* set by hand: basis = manual */
	DUE_DONE,		/* done: never recomputed nor reopened */
};

/* A `sol` without a basis was computed by an older docket; a
 * `notice-of-claim` without one was made by hand. */
enum due_state deadline_state(const struct dcase *c, const char *name);
/* Is name one of the deadlines docket computes? */
int deadline_is_computed_name(const char *name);

/* A deadline name not used yet in case c, made from text (a new string):
 * its first three significant words, in DEADLINE_NAME_AUTO characters at
 * most, "-2" and the like included. */
char *deadline_new_name(const struct dcase *c, const char *text);
#define DEADLINE_NAME_AUTO 20	/* one given with --name: NAME_MAX_LEN */
/* The deadline of c name names: its whole name, or a prefix of one
 * deadline's (or of one open deadline's).  0, DK_ENOTFOUND or DK_EINVAL
 * (more than one), with a message that lists the names. */
int deadline_find(const struct dcase *c, const char *name,
		  const struct deadline **out);

/* The facts the computed deadlines depend on, as one string: equal for
 * two versions of a case.ini that give the same deadlines.  New string. */
char *deadlines_facts(const struct cfg *cfg);

/*
 * Bring the case's computed deadlines in line with its facts: add, move or
 * remove `sol` and `notice-of-claim`, leaving those set by hand and those
 * done.  A line for each change goes into changes ("smith-7k2p: sol
 * 2028-10-03 -> 2029-10-03"), what the user should look into into
 * warnings (both may be NULL).  The number of changes, or an error from
 * validating the case (DK_EPARSE).  The case's view is rebuilt.
 */
int deadlines_recompute(const struct firm *f, struct dcase *c,
			struct strv *changes, struct strv *warnings);

/*
 * After the user changed the case from old (its case.ini before; NULL:
 * none): a computed deadline whose date the user changed becomes manual;
 * a basis the user changed must be `manual` or empty (empty: docket
 * computes the date again); then the deadlines are recomputed if the facts
 * changed.  The number of changes, or DK_EINVAL / DK_EPARSE (the case is
 * then as the user left it).
 */
int deadlines_after_edit(const struct firm *f, const struct cfg *old,
			 struct dcase *c, struct strv *changes,
			 struct strv *warnings);

/*
 * What `docket check` lists: the computed deadlines that differ from what
 * the rules give now (drift), a manual one later than the rules' date,
 * facts the rules cannot use.  Returns the number of drifted deadlines;
 * the case is not changed.
 */
int deadlines_check(const struct firm *f, const struct dcase *c,
		    struct strv *warnings);

/*
 * A case.ini merged from ours and theirs (texts of path, "cases/Y/ID/
 * case.ini"): when the merged facts differ from either side's, recompute
 * the deadlines in *merged.  A line per change into changes, and one
 * without values (for a commit message) into summary; either may be NULL.
 * 0 (also when the merged case does not load: it is then left for
 * `docket check`).
 */
int deadlines_merged(const struct firm *f, const char *path,
		     const char *ours, size_t olen, const char *theirs,
		     size_t tlen, struct sb *merged, struct strv *changes,
		     struct strv *summary);

#endif
