/*
 * settle.h - the money of a settlement: the case costs the firm advanced,
 * the liens against the recovery, the recoveries (case.ini's [cost "N"],
 * [lien "NAME"] and [settlement "POLICY"]), the contingency fee of
 * docket.ini's [fees], and the client's settlement statement computed from
 * them, exact to the cent (see money.h).  No printing and no git here: the
 * writers (out-statement*.c) print a struct statement.
 *
 * Ownership: settle_read gives the caller a struct settle to release with
 * settle_free; its strings point into the cfg it was read from (valid
 * until that cfg is edited), its names (and a recovery's policy) are its
 * own.  fees_load fills
 * firm->fees, which firm_free releases (fees_free).  statement_build gives
 * the caller a struct statement to release with statement_free; its
 * strings point into the case and the firm, which must outlive it.
 * statement_rows gives rows the caller releases with statement_rows_free.
 * settle_free(NULL) and statement_free(NULL) are no-ops.
 */
#ifndef DOCKET_SETTLE_H
#define DOCKET_SETTLE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "docket/util.h"

struct cfg;
struct dcase;
struct firm;
struct workup;


/* ---- docket.ini's [fees] ---- */

/* A fee rate, exactly: num / den, 0 <= num <= den. */
struct fee_rate {
	char *text;		/* as the firm wrote it: "1/3", "40%" */
	int64_t num, den;
};

struct fee_stage {
	char *stage;
	struct fee_rate rate;
};

struct fee_rules {
	struct fee_rate def;		/* [fees] default: 1/3 */
	struct fee_stage *stage;	/* [fees] STAGE = RATE, in file order */
	size_t nstage;
	int net;			/* basis = net: costs come off first */
};

/* The block `docket init` writes, and what a firm without [fees] gets:
 * default 1/3, litigation 40% (a pipeline with that stage), basis gross. */
extern const char fees_default_ini[];
extern const char fees_generic_ini[];

/*
 * A rate: a percentage ("40%", "33.33%", "33 1/3%") or a fraction
 * ("1/3"), from 0 to 100%.  0 and *out (its text a new string), or
 * DK_EINVAL with a message that gives the rule.
 */
int fee_rate_parse(struct fee_rate *out, const char *s);
/* Read [fees] into firm->fees (after the pipeline is read).  0, or
 * DK_EPARSE with "docket.ini:LINE: [fees] ...".  warnings (may be NULL)
 * gets keys that name no stage of the pipeline. */
int fees_load(struct firm *f, struct strv *warnings);
void fees_free(struct firm *f);
/* The rate for a case that settled in stage: its own, else the default. */
const struct fee_rate *fees_rate(const struct fee_rules *fr,
				 const char *stage);

/* ---- case.ini's costs, liens and recoveries ---- */

struct cost {
	const char *name;	/* its number (owned) */
	long date;		/* NO_DATE: none */
	const char *what;
	int64_t amount;
};

struct lien {
	const char *name;	/* its handle (owned) */
	const char *type, *holder;
	int64_t asserted, final;	/* MONEY_NONE: not known yet */
};

struct recovery {
	const char *policy;	/* the policy's handle (owned) */
	long date;
	int64_t amount;
};

struct settle {
	struct cost *cost;
	size_t ncost;
	struct lien *lien;
	size_t nlien;
	struct recovery *rec;
	size_t nrec;
};

/*
 * The costs, liens and recoveries of a case.ini whose case_view passed
 * (workup.c validates them with the rest of the workup: dates, canonical
 * amounts, a lien's type, a recovery's policy).  Never fails.
 */
struct settle *settle_read(const struct cfg *cfg);
void settle_free(struct settle *s);

/* The next cost's number, as a new string. */
char *settle_next_cost(const struct settle *s);
/* A lien's index by its handle, or the one handle name starts (or starts
 * a word of); DK_ENOTFOUND / DK_EAMBIG with a message naming the case's
 * liens. */
int settle_find_lien(const struct settle *s, const char *id, const char *name);
/* A recovery's index by its policy, or -1. */
int settle_find_recovery(const struct settle *s, const char *policy);
/* What a lien counts for: final, else asserted, else 0. */
int64_t lien_amount(const struct lien *l);

/*
 * The stage a case was in on date: of the stages in [stages] entered on
 * or before it, the one entered last (of several that day, the case's
 * stage if it is one, else the latest in the pipeline); the earliest
 * entered when date is before them all; the case's stage when [stages]
 * is empty.  Points into the case.
 */
const char *settle_stage_on(const struct dcase *c, const struct firm *f,
			    long date);

/* ---- the settlement statement ---- */

struct st_recovery {
	const char *policy, *carrier, *coverage;
	long date;
	int64_t amount;
};

struct st_cost {
	long date;
	const char *what;
	int64_t amount;
};

struct st_lien {
	const char *name, *holder;
	int64_t asserted, final;	/* MONEY_NONE: not known */
	int64_t amount;			/* what it counts for */
};

struct st_medical {
	const char *provider, *name;	/* handle, its name */
	int64_t amount;			/* the provider's owed */
};

struct statement {
	const char *id, *title, *client;
	long settled;			/* the first recovery's date */
	const char *stage;		/* the stage the case settled in */
	const struct fee_rate *rate;
	int net_basis;
	struct st_recovery *rec;
	size_t nrec;
	struct st_cost *cost;
	size_t ncost;
	struct st_lien *lien;
	size_t nlien;
	struct st_medical *med;
	size_t nmed;
	/* statement_compute's: every deduction positive, the net signed */
	int64_t gross, costs_total, liens_total, medical_total;
	int64_t fee_base;		/* gross, or gross - costs (may be < 0) */
	int64_t fee;			/* rate x max(fee_base, 0), half up */
	int64_t net;
	int final;			/* every lien has its final amount */
	struct settle *src;		/* private: what the lists point into */
};

/*
 * The totals, the fee and the net of a statement whose lists, rate and
 * basis are set: fee = rate x fee_base rounded half up from the exact
 * product (none when fee_base is negative); net = gross - fee - costs -
 * liens - medical, exactly.  0, or DK_EINVAL when a figure would not fit
 * in 64 bits.
 */
int statement_compute(struct statement *st);
/*
 * The statement of a case (its view built): its recoveries, costs, liens
 * and the providers with `owed`, the fee of the stage it settled in.
 * 0; DK_ENOTFOUND "ID: no settlement recorded (...)"; DK_EPARSE when the
 * case's money does not read; DK_EINVAL when a figure would not fit.
 */
int statement_build(struct statement **out, const struct firm *f,
		    const struct dcase *c);
void statement_free(struct statement *st);
/* "medicare, bcbs": the liens without a final amount, a new string ("" when
 * all are final). */
char *statement_pending(const struct statement *st);

/*
 * The statement as the lines a person reads, the same in text, Markdown
 * and HTML: headings (no amount), items (key and text), totals, the fee
 * and the net.  Amounts as shown: deductions negative.
 */
enum srow_kind { SROW_HEADING, SROW_ITEM, SROW_NONE, SROW_TOTAL, SROW_FEE,
		 SROW_NET };

struct srow {
	enum srow_kind kind;
	char *key;		/* an item's first column (a policy, a date,
				 * a lien, a provider); NULL otherwise */
	char *text;
	int64_t amount;		/* SROW_HEADING, SROW_NONE: none */
};

void statement_rows(const struct statement *st, struct srow **out,
		    size_t *n);
void statement_rows_free(struct srow *rows, size_t n);
/* The heading's lines before the title: "DRAFT: liens not final (...)",
 * "WARNING: net to the client is negative"; appended to out. */
void statement_warnings(const struct statement *st, struct strv *out);
/* "Settlement statement: TITLE (ID)", a new string. */
char *statement_title(const struct statement *st);

/*
 * The writers (src/out-statement-*.c).  firm: the firm's name (HTML);
 * attorney: the name on the attorney's signature line (may be "").
 */
void statement_text(FILE *f, const struct statement *st);
void statement_json(FILE *f, const struct statement *st);
void statement_md(FILE *f, const struct statement *st);
void statement_html(FILE *f, const struct statement *st, const char *firm,
		    const char *attorney);

#endif
