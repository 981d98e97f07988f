/* workup.c - the workup's sections of case.ini (providers, records and
 * bills, policies, demands and offers) read and validated, and
 * docket.ini's [rules] for it (see workup.h; what follows from them is
 * workup-follow.c). */
#include "docket/workup.h"
#include "docket/cfg.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/holiday.h"
#include "docket/id.h"
#include "docket/money.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const provider_types[] = {
	"er", "hospital", "urgent-care", "pcp", "chiro", "pt", "ortho", "neuro",
	"pain", "imaging", "surgery", "pharmacy", "mental-health", "other", NULL
};
const char *const policy_coverages[] = {
	"bi", "pd", "pip", "medpay", "um", "uim", "health", "umbrella", "wc",
	"other", NULL
};
const char *const lien_types[] = {
	"medicare", "medicaid", "health", "hospital", "provider", "wc", "other",
	NULL
};

static const char *const kind_key[2][2] = {
	{ "records_requested", "records_received" },
	{ "bills_requested", "bills_received" },
};

/* ---- docket.ini's [rules] ---- */

int
delay_parse(struct delay *out, const char *s)
{
	char *end;
	long n;

	if (!s || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	n = strtol(s, &end, 10);
	if (errno || n < 0 || n > 3650)
		return -1;
	if (!strcmp(end, "bd"))
		out->business = 1;
	else if (!*end || !strcmp(end, "d"))
		out->business = 0;
	else
		return -1;
	out->n = n;
	return 0;
}

long
delay_add(const struct firm *f, long date, const struct delay *d)
{
	return d->business ? calendar_add_business_days(&f->cal, date, d->n)
			   : date + d->n;
}

static int
rules_error(const struct cfg *cfg, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
rules_error(const struct cfg *cfg, const char *key, const char *fmt, ...)
{
	struct sb sb = SB_INIT;
	va_list ap;
	int r;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	r = dk_err_at(DK_EPARSE, FIRM_FILE, cfg_lineno(cfg, "rules", key),
		      "[rules] %s: %s", key, sb_str(&sb));
	sb_free(&sb);
	return r;
}

static int
rule_days(const struct cfg *cfg, const char *key, int def, int *out)
{
	const char *v = cfg_get(cfg, "rules", key);
	struct delay d;

	*out = def;
	if (!v || !*v)
		return 0;
	if (delay_parse(&d, v) < 0 || d.business)
		return rules_error(cfg, key, "'%s' is not a number of days", v);
	*out = (int)d.n;
	return 0;
}

static int
rule_delay(const struct cfg *cfg, const char *key, const char *def,
	   struct delay *out)
{
	const char *v = cfg_get(cfg, "rules", key);

	delay_parse(out, def);
	if (!v || !*v)
		return 0;
	if (delay_parse(out, v) < 0)
		return rules_error(cfg, key, "'%s' is not a number of days or "
				   "business days (3, 3d or 2bd)", v);
	return 0;
}

int
workup_rules_load(struct firm *f)
{
	struct workup_rules *w = xcalloc(1, sizeof(*w));
	const char *types = cfg_get(f->cfg, "rules", "attorney_types");
	int r;

	f->wu = w;
	if ((r = rule_days(f->cfg, "records_followup_days", 14,
			   &w->records_followup_days)) ||
	    (r = rule_days(f->cfg, "demand_within_days", 3,
			   &w->demand_within_days)) ||
	    (r = rule_days(f->cfg, "treatment_gap_days", 30,
			   &w->treatment_gap_days)) ||
	    (r = rule_delay(f->cfg, "lor_days", "2bd", &w->lor)) ||
	    (r = rule_delay(f->cfg, "offer_convey_days", "2bd",
			    &w->offer_convey)))
		return r;
	strv_split(&w->attorney_types, types ? types : "truck", ',');
	for (size_t i = 0; i < w->attorney_types.n; i++)
		for (char *p = w->attorney_types.v[i]; *p; p++)
			*p = (char)tolower((unsigned char)*p);
	return 0;
}

void
workup_rules_free(struct firm *f)
{
	if (!f->wu)
		return;
	strv_free(&f->wu->attorney_types);
	free(f->wu);
	f->wu = NULL;
}

/* ---- reading and validating ---- */

struct reader {
	const struct cfg *cfg;
	const char *file;
	struct workup *w;
	struct strv *warn;
	int r;
};

static int
bad(struct reader *k, const char *section, const char *key,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int
bad(struct reader *k, const char *section, const char *key,
    const char *fmt, ...)
{
	struct sb sb = SB_INIT;
	va_list ap;
	int line;

	if (k->r)
		return k->r;
	line = cfg_error_line(k->cfg, section, key);
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	k->r = dk_err_at(DK_EPARSE, k->file, line, "[%s] %s", section,
			 sb_str(&sb));
	sb_free(&sb);
	return k->r;
}

static const char *
val(const struct reader *k, const char *section, const char *key)
{
	const char *v = cfg_get(k->cfg, section, key);

	return v ? v : "";
}

static long
date_of(struct reader *k, const char *section, const char *key, int required)
{
	const char *v = val(k, section, key);
	long d;

	if (!*v) {
		if (required)
			bad(k, section, key, "%s: a date is required", key);
		return NO_DATE;
	}
	if (date_parse_iso(&d, v) < 0) {
		bad(k, section, key, "%s: '%s' is not a date (YYYY-MM-DD)", key, v);
		return NO_DATE;
	}
	return d;
}

static int64_t
money_of(struct reader *k, const char *section, const char *key,
	 int required)
{
	const char *v = val(k, section, key);
	int64_t m;

	if (!*v) {
		if (required)
			bad(k, section, key, "%s: an amount is required", key);
		return MONEY_NONE;
	}
	if (money_parse_canonical(&m, v) < 0) {
		/* say what it would be, when it is an amount at all */
		if (!money_parse(&m, v)) {
			char c[MONEY_LEN];

			bad(k, section, key, "%s: '%s' is not written as docket "
			    "writes amounts: %s", key, v, money_fmt(c, m));
		} else {
			bad(k, section, key, "%s: %s", key, dk_errmsg());
		}
		return MONEY_NONE;
	}
	return m;
}

static void
known_word(struct reader *k, const char *section, const char *key,
	   const char *const *list, const char *what)
{
	const char *v = val(k, section, key);
	char *words;

	if (!*v || word_in(list, v))
		return;
	words = list_join(list);
	bad(k, section, key, "%s: '%s' is not %s (%s)", key, v, what, words);
	free(words);
}

/* a <= b, where both are dates */
static void
in_order(struct reader *k, const char *section, const char *ka, long a,
	 const char *kb, long b)
{
	char da[DATE_LEN], db[DATE_LEN];

	if (a != NO_DATE && b != NO_DATE && a > b)
		bad(k, section, kb, "%s: %s is before %s (%s)", kb,
		    date_fmt(db, b), ka, date_fmt(da, a));
}

static void
read_provider(struct reader *k, const char *sec, char *handle, int line,
	      size_t *cap)
{
	struct workup *w = k->w;
	struct provider *p;

	if (name_check(handle, PROVIDER_HANDLE_MAX, "provider handle") < 0) {
		bad(k, sec, NULL, "%s", dk_errmsg());
		free(handle);
		return;
	}
	GROW(w->prov, *cap, w->nprov + 1);
	p = &w->prov[w->nprov++];
	memset(p, 0, sizeof(*p));
	p->handle = handle;
	p->line = line;
	p->name = val(k, sec, "name");
	p->type = val(k, sec, "type");
	p->phone = val(k, sec, "phone");
	known_word(k, sec, "type", provider_types, "a type of provider");
	p->first_visit = date_of(k, sec, "first_visit", 0);
	p->last_visit = date_of(k, sec, "last_visit", 0);
	p->discharged = date_of(k, sec, "discharged", 0);
	for (int i = 0; i < 2; i++) {
		p->requested[i] = date_of(k, sec, kind_key[i][0], 0);
		p->received[i] = date_of(k, sec, kind_key[i][1], 0);
	}
	p->billed = money_of(k, sec, "billed", 0);
	p->paid = money_of(k, sec, "paid", 0);
	p->owed = money_of(k, sec, "owed", 0);
	in_order(k, sec, "first_visit", p->first_visit, "last_visit",
		 p->last_visit);
	in_order(k, sec, "last_visit", p->last_visit, "discharged",
		 p->discharged);
	in_order(k, sec, "first_visit", p->first_visit, "discharged",
		 p->discharged);
	for (int i = 0; i < 2; i++)
		in_order(k, sec, kind_key[i][0], p->requested[i], kind_key[i][1],
			 p->received[i]);
}

static void
read_policy(struct reader *k, const char *sec, char *handle, int line,
	    size_t *cap)
{
	struct workup *w = k->w;
	struct policy *p;
	const char *v;

	if (name_check(handle, POLICY_HANDLE_MAX, "policy handle") < 0) {
		bad(k, sec, NULL, "%s", dk_errmsg());
		free(handle);
		return;
	}
	GROW(w->pol, *cap, w->npol + 1);
	p = &w->pol[w->npol++];
	memset(p, 0, sizeof(*p));
	p->handle = handle;
	p->line = line;
	p->coverage = val(k, sec, "coverage");
	p->carrier = val(k, sec, "carrier");
	p->insured = val(k, sec, "insured");
	p->claim = val(k, sec, "claim");
	p->adjuster = val(k, sec, "adjuster");
	p->phone = val(k, sec, "phone");
	p->email = val(k, sec, "email");
	known_word(k, sec, "coverage", policy_coverages, "a coverage");
	p->limits = money_of(k, sec, "limits", 0);
	p->lor_sent = date_of(k, sec, "lor_sent", 0);
	v = val(k, sec, "commercial");
	if (*v && strcmp(v, "yes") && strcmp(v, "no"))
		bad(k, sec, "commercial", "commercial: '%s' is not yes or no", v);
	p->commercial = !strcmp(v, "yes");
	if (!*p->coverage && k->warn)
		strv_push_owned(k->warn, xasprintf("%s:%d: [%s] has no coverage "
			"(bi, pd, pip, ...)", k->file, line, sec));
}

static void
read_negotiation(struct reader *k, const char *sec, const char *kind,
		 char *name, int line, size_t *cap)
{
	struct workup *w = k->w;
	int demand = !strcmp(kind, "demand");
	struct negotiation **v = demand ? &w->demand : &w->offer;
	size_t *n = demand ? &w->ndemand : &w->noffer;
	struct negotiation *x;
	/* demand-N-expires and offer-N are deadline names */
	size_t max = NAME_MAX_LEN - (demand ? strlen("demand--expires")
				      : strlen("offer-"));

	if (name_check(name, max, demand ? "demand number" : "offer number") < 0) {
		bad(k, sec, NULL, "%s", dk_errmsg());
		free(name);
		return;
	}
	GROW(*v, *cap, *n + 1);
	x = &(*v)[(*n)++];
	memset(x, 0, sizeof(*x));
	x->name = name;
	x->line = line;
	x->date = date_of(k, sec, "date", 1);
	x->policy = val(k, sec, "policy");
	x->amount = money_of(k, sec, "amount", 1);
	x->expires = demand ? date_of(k, sec, "expires", 0) : NO_DATE;
	if (demand)
		in_order(k, sec, "date", x->date, "expires", x->expires);
	if (!*x->policy)
		bad(k, sec, "policy", "policy: which policy? (a [policy \"...\"] "
		    "of the case)");
}

/* The money of a settlement, which settle.c reads (settle.h): a lien,
 * a case cost, a recovery (whose policy is checked once all are read). */
static void
check_settle(struct reader *k, const char *sec, const char *kind,
	     const char *name, int line, struct strv *recoveries)
{
	if (!strcmp(kind, "lien")) {
		if (name_check(name, LIEN_HANDLE_MAX, "lien name") < 0)
			bad(k, sec, NULL, "%s", dk_errmsg());
		known_word(k, sec, "type", lien_types, "a type of lien");
		money_of(k, sec, "asserted", 0);
		money_of(k, sec, "final", 0);
		if (!*val(k, sec, "type") && k->warn)
			strv_push_owned(k->warn, xasprintf("%s:%d: [%s] has no "
				"type (medicare, medicaid, health, ...)", k->file,
				line, sec));
	} else if (!strcmp(kind, "cost")) {
		if (name_check(name, NAME_MAX_LEN, "cost number") < 0)
			bad(k, sec, NULL, "%s", dk_errmsg());
		date_of(k, sec, "date", 1);
		if (!*val(k, sec, "what"))
			bad(k, sec, "what", "what: what was the cost? (a police "
			    "report, a filing fee, ...)");
		money_of(k, sec, "amount", 1);
	} else if (!strcmp(kind, "settlement")) {
		date_of(k, sec, "date", 1);
		money_of(k, sec, "amount", 1);
		strv_push(recoveries, name);
	}
}

int
workup_policy_index(const struct workup *w, const char *handle)
{
	for (size_t i = 0; i < w->npol; i++)
		if (!strcmp(w->pol[i].handle, handle))
			return (int)i;
	return -1;
}

/* A demand's or offer's policy (key "policy"), or a recovery's (key
 * NULL: the section's name) is a policy of the case. */
static void
check_policy_ref(struct reader *k, const char *kind, const char *name,
		 const char *policy, const char *key)
{
	struct sb names = SB_INIT;
	char *sec;

	if (k->r || workup_policy_index(k->w, policy) >= 0)
		return;
	for (size_t p = 0; p < k->w->npol; p++)
		sb_addf(&names, "%s%s", p ? ", " : "", k->w->pol[p].handle);
	sec = cfg_subsection(kind, name);
	bad(k, sec, key, "%s%s'%s' is not a policy of the case (%s)",
	    key ? key : "", key ? ": " : "", policy,
	    names.len ? names.buf : "it has none");
	free(sec);
	sb_free(&names);
}

static void
check_policy_refs(struct reader *k, const char *kind,
		  const struct negotiation *v, size_t n)
{
	for (size_t i = 0; i < n && !k->r; i++)
		check_policy_ref(k, kind, v[i].name, v[i].policy, "policy");
}

void
workup_free(struct workup *w)
{
	if (!w)
		return;
	for (size_t i = 0; !w->borrowed && i < w->nprov; i++)
		free((char *)w->prov[i].handle);
	for (size_t i = 0; !w->borrowed && i < w->npol; i++)
		free((char *)w->pol[i].handle);
	for (size_t i = 0; !w->borrowed && i < w->ndemand; i++)
		free((char *)w->demand[i].name);
	for (size_t i = 0; !w->borrowed && i < w->noffer; i++)
		free((char *)w->offer[i].name);
	free(w->prov);
	free(w->pol);
	free(w->demand);
	free(w->offer);
	free(w);
}

int
workup_read(struct workup **out, const struct cfg *cfg, const char *file,
	    struct strv *warnings)
{
	struct reader k = { cfg, file, xcalloc(1, sizeof(struct workup)),
			    warnings, 0 };
	size_t cprov = 0, cpol = 0, cdem = 0, coff = 0;
	struct strv recoveries = STRV_INIT;

	for (size_t i = 0; i < cfg->n && !k.r; i++) {
		const struct cfg_line *l = &cfg->lines[i];
		char *kind, *name;

		if (l->kind != CFG_SECTION ||
		    cfg_split_subsection(l->section, &kind, &name) < 0)
			continue;
		if (!strcmp(kind, "provider")) {
			read_provider(&k, l->section, name, l->lineno, &cprov);
		} else if (!strcmp(kind, "policy")) {
			read_policy(&k, l->section, name, l->lineno, &cpol);
		} else if (!strcmp(kind, "demand")) {
			read_negotiation(&k, l->section, kind, name, l->lineno,
					 &cdem);
		} else if (!strcmp(kind, "offer")) {
			read_negotiation(&k, l->section, kind, name, l->lineno,
					 &coff);
		} else {
			check_settle(&k, l->section, kind, name, l->lineno,
				     &recoveries);
			free(name);
		}
		free(kind);
	}
	if (!k.r)
		check_policy_refs(&k, "demand", k.w->demand, k.w->ndemand);
	if (!k.r)
		check_policy_refs(&k, "offer", k.w->offer, k.w->noffer);
	for (size_t i = 0; i < recoveries.n; i++)
		check_policy_ref(&k, "settlement", recoveries.v[i],
				 recoveries.v[i], NULL);
	strv_free(&recoveries);
	if (k.r) {
		workup_free(k.w);
		k.w = NULL;
	}
	*out = k.w;
	return k.r;
}

int
workup_is_date_key(const char *section, const char *key)
{
	static const char *const prov[] = {
		"first_visit", "last_visit", "discharged", "records_requested",
		"records_received", "bills_requested", "bills_received", NULL
	};

	if (has_prefix(section, "provider \""))
		return word_in(prov, key);
	if (has_prefix(section, "policy \""))
		return !strcmp(key, "lor_sent");
	if (has_prefix(section, "demand \""))
		return !strcmp(key, "date") || !strcmp(key, "expires");
	if (has_prefix(section, "offer \"") || has_prefix(section, "cost \"") ||
	    has_prefix(section, "settlement \""))
		return !strcmp(key, "date");
	return 0;
}

int
workup_is_money_key(const char *section, const char *key)
{
	if (has_prefix(section, "provider \""))
		return !strcmp(key, "billed") || !strcmp(key, "paid") ||
		       !strcmp(key, "owed");
	if (has_prefix(section, "policy \""))
		return !strcmp(key, "limits");
	if (has_prefix(section, "demand \"") || has_prefix(section, "offer \"") ||
	    has_prefix(section, "cost \"") || has_prefix(section, "settlement \""))
		return !strcmp(key, "amount");
	if (has_prefix(section, "lien \""))
		return !strcmp(key, "asserted") || !strcmp(key, "final");
	return 0;
}
