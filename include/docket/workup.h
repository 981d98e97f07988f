/*
 * workup.h - the case workup between intake and the demand: medical
 * providers and their records and bills, insurance policies and letters
 * of representation, demands and offers (case.ini's [provider "..."],
 * [policy "..."], [demand "N"] and [offer "N"]); the medical specials;
 * records complete and the 72-hour demand; the deadlines that follow from
 * all of these; docket.ini's [rules] for them.  No printing and no git
 * here.
 *
 * The sections and the rules are read by src/workup.c; what follows from
 * them (handles found, figures, deadlines) is src/workup-follow.c.
 *
 * Ownership: workup_read makes c->wu, which case_view rebuilds and
 * case_free releases (workup_free).  Its strings point into the case's cfg,
 * as the rest of the case's view does; the handles and names are its own.
 * workup_rules_load fills firm->wu, which firm_free releases
 * (workup_rules_free).  Functions that report lines append new strings to
 * the caller's strv.
 */
#ifndef DOCKET_WORKUP_H
#define DOCKET_WORKUP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "docket/util.h"

struct cfg;
struct dcase;
struct firm;
struct json;

/* Known words, NULL-terminated. */
extern const char *const provider_types[];
extern const char *const policy_coverages[];
extern const char *const lien_types[];
/* A lien's name is a handle, as a policy's is. */
#define LIEN_HANDLE_MAX 28

/* Handles: a provider's follow-up deadline is records-HANDLE, a policy's
 * letter of representation lor-HANDLE, and both are deadline names. */
#define PROVIDER_HANDLE_MAX 24
#define POLICY_HANDLE_MAX 28

#define DUE_DEMAND "demand"
#define DUE_RECORDS_PREFIX "records-"
#define DUE_LOR_PREFIX "lor-"

/* A delay after a date: n days, or n business days. */
struct delay {
	long n;
	int business;
};

/* docket.ini's [rules] for the workup. */
struct workup_rules {
	int records_followup_days;	/* 14 */
	int demand_within_days;		/* 3 */
	int treatment_gap_days;		/* 30 */
	struct delay lor;		/* 2bd */
	struct delay offer_convey;	/* 2bd */
	struct strv attorney_types;	/* truck */
};

/* Read the workup's [rules] into firm->wu.  0, or DK_EPARSE with
 * "docket.ini:LINE: what". */
int workup_rules_load(struct firm *f);
void workup_rules_free(struct firm *f);
/* "14", "14d" or "2bd": 0 or -1. */
int delay_parse(struct delay *out, const char *s);
long delay_add(const struct firm *f, long date, const struct delay *d);

enum { REC_RECORDS, REC_BILLS };	/* the two kinds of a request */

struct provider {
	const char *handle;	/* the subsection name (owned by the view) */
	const char *name, *type, *phone;
	long first_visit, last_visit, discharged;	/* NO_DATE: none */
	long requested[2], received[2];		/* by REC_RECORDS, REC_BILLS */
	int64_t billed, paid, owed;		/* MONEY_NONE: none */
	int line;
};

struct policy {
	const char *handle;
	const char *coverage, *carrier, *insured, *claim, *adjuster;
	const char *phone, *email;
	int64_t limits;		/* MONEY_NONE: none */
	int commercial;		/* commercial = yes */
	long lor_sent;		/* NO_DATE: not sent */
	int line;
};

struct negotiation {		/* a [demand "N"] or an [offer "N"] */
	const char *name;
	long date;
	const char *policy;
	int64_t amount;
	long expires;		/* demands; NO_DATE: none */
	int line;
};

struct workup {
	struct provider *prov;
	size_t nprov;
	struct policy *pol;
	size_t npol;
	struct negotiation *demand, *offer;	/* in the file's order */
	size_t ndemand, noffer;
	int borrowed;	/* its strings are its case's view_text (case.h) */
};

/* The medical specials: each a sum over the providers (an empty key
 * counts as 0). */
struct medical {
	int64_t billed, paid, balance, owed;
};

/*
 * Read and validate the workup sections of a case.ini (case_view does,
 * into c->wu): dates are dates, money is canonical money, types and
 * coverages known words, a demand's or offer's policy exists, visits come
 * before the discharge, requests before receipts.  The settlement's money
 * is validated here too, and read by settle.c (settle.h): a lien's type
 * and amounts, a cost's date, text and amount, a recovery's date, amount
 * and policy (its section's name).  0 and *out, or DK_EPARSE with
 * "file:line: what" (*out NULL).  warnings (may be NULL) gets what
 * `docket check` lists without failing.
 */
int workup_read(struct workup **out, const struct cfg *cfg, const char *file,
		struct strv *warnings);
void workup_free(struct workup *w);

/* Is section.key one of the workup's dates / amounts? */
int workup_is_date_key(const char *section, const char *key);
int workup_is_money_key(const char *section, const char *key);

/*
 * A provider's or policy's handle from what the user typed: the handle,
 * or the handle its words make ("Mercy Hospital"), exactly; else the one
 * handle it starts, or starts a word of ("mercy", "Ames" for dr-ames).
 * Its index (>= 0), or DK_ENOTFOUND / DK_EAMBIG with a message that names
 * the case's handles.
 */
int workup_find_provider(const struct dcase *c, const char *name);
int workup_find_policy(const struct dcase *c, const char *name);
/* The index of the policy of that handle, exactly, or -1. */
int workup_policy_index(const struct workup *w, const char *handle);
/* A provider's handle made from its name: "Mercy Hospital" ->
 * "mercy-hospital" (at most PROVIDER_HANDLE_MAX bytes).  New string. */
char *provider_handle(const char *name);

/* A provider's balance: billed - paid; MONEY_NONE when nothing is billed. */
int64_t provider_balance(const struct provider *p);
/* The totals over the case's providers: 0, or -1 when a sum would not
 * fit. */
int workup_medical(const struct workup *w, struct medical *out);

/*
 * Records complete: at least one provider, every one discharged, the
 * records and the bills of each received.  The date (the latest of those
 * dates), or NO_DATE when not complete.  why (may be NULL) gets, when not
 * complete, what is missing ("dr-ames still treating; mercy-hospital:
 * bills not received").
 */
long workup_records_complete(const struct workup *w, struct sb *why);
/* The first demand's date (the earliest), or NO_DATE. */
long workup_first_demand(const struct workup *w);
/* The next number of a demand or an offer, as a new string. */
char *workup_next_number(const struct negotiation *v, size_t n);

/* Why report suggests a complexity escalation from the case file: its
 * match ("commercial policy", "type truck") in buf, or NULL. */
const char *workup_complexity(const struct firm *f, const struct dcase *c,
			      char *buf, size_t size);

/*
 * After the case changed from old (its case.ini before; NULL: it is new),
 * the deadlines that follow from the workup, in the same edit:
 *   - a records or bills request made: records-P at the earliest
 *     outstanding request + records_followup_days;
 *   - everything requested of P received: records-P done on the latest
 *     receipt's date;
 *   - a new policy without lor_sent: lor-P at today + lor_days; lor_sent
 *     set: lor-P done on that date;
 *   - records complete now and not before, and no demand sent: `demand`
 *     at complete + demand_within_days (an open one keeps the earlier
 *     date);
 *   - the first demand: `demand` done on its date; a demand's expires:
 *     demand-N-expires;
 *   - a new offer: offer-N at its date + offer_convey_days.
 * A line for each change into changes ("smith-7k2p: deadline demand on
 * 2026-11-23 (records complete 2026-11-20)") and a short one into summary
 * ("demand 2026-11-23"), either may be NULL.  The number of changes, or
 * an error (DK_EINVAL, DK_EPARSE); the view is rebuilt.
 */
int workup_follow(const struct firm *f, const struct cfg *old,
		  struct dcase *c, long today, struct strv *changes,
		  struct strv *summary);

/*
 * A case.ini merged from ours and theirs: when its workup does not
 * validate while both sides' did, DK_ECONFLICT (the message says why);
 * else the deadlines that follow from what the merge brought together
 * (workup_follow from ours), a line per change into changes and one into
 * summary (for the commit message).  0 also when the merged case does not
 * load for another reason: it is then left for `docket check`.
 */
int workup_merged(const struct firm *f, const char *path, const char *ours,
		  size_t olen, const char *theirs, size_t tlen,
		  struct sb *merged, long today, struct strv *changes,
		  struct strv *summary);

/*
 * The writers (src/out-workup.c), for `show`, `provider` and `policy`:
 * the case's providers with the medical specials and whether its records
 * are complete; its policies; its demands and offers as a timeline.  Text
 * for people (today: for "waiting N days"), or JSON members of the object
 * being written.
 */
void workup_print_providers(FILE *f, const struct dcase *c, long today);
void workup_print_policies(FILE *f, const struct dcase *c);
void workup_print_negotiation(FILE *f, const struct dcase *c);
void workup_json_providers(struct json *j, const struct dcase *c);
void workup_json_policies(struct json *j, const struct dcase *c);
/* "demands" and "offers" */
void workup_json_negotiation(struct json *j, const struct dcase *c);
/* "medical" (the specials) and "records_complete" (a date or null) */
void workup_json_medical(struct json *j, const struct dcase *c);

#endif
