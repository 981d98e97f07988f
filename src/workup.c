/* workup.c - providers, records and bills, policies, demands and offers;
 * records complete and the deadlines that follow (see workup.h). */
#include "docket/workup.h"
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/holiday.h"
#include "docket/id.h"
#include "docket/money.h"
#include "docket/settle.h"

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
static const char *const kind_word[2] = { "records", "bills" };

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
	r = dk_err(DK_EPARSE, "%s:%d: [rules] %s: %s", FIRM_FILE,
		   cfg_lineno(cfg, "rules", key), key, sb_str(&sb));
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
	if (line)
		k->r = dk_err(DK_EPARSE, "%s:%d: [%s] %s", k->file, line, section,
			      sb_str(&sb));
	else
		k->r = dk_err(DK_EPARSE, "%s: [%s] %s", k->file, section,
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

static int
policy_index(const struct workup *w, const char *handle)
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

	if (k->r || policy_index(k->w, policy) >= 0)
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
	for (size_t i = 0; i < w->nprov; i++)
		free((char *)w->prov[i].handle);
	for (size_t i = 0; i < w->npol; i++)
		free((char *)w->pol[i].handle);
	for (size_t i = 0; i < w->ndemand; i++)
		free((char *)w->demand[i].name);
	for (size_t i = 0; i < w->noffer; i++)
		free((char *)w->offer[i].name);
	free(w->prov);
	free(w->pol);
	free(w->demand);
	free(w->offer);
	free(w);
}

/* The workup of a case.ini: 0 and *out, or DK_EPARSE (*out NULL). */
static int
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
workup_view(struct dcase *c, struct strv *warnings)
{
	workup_free(c->wu);
	c->wu = NULL;
	return workup_read(&c->wu, c->cfg, c->file, warnings);
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

/* ---- finding ---- */

/* name as a handle would have it: "Mercy H" -> "mercy-h" (no fallback
 * for a name with no letter or digit: ""). */
static char *
handle_key(const char *name)
{
	struct sb sb = SB_INIT;

	for (const char *p = name; *p; p++) {
		unsigned char ch = (unsigned char)*p;

		if (ch < 0x80 && (isalnum(ch) || ch == '.' || ch == '_'))
			sb_addc(&sb, (char)tolower(ch));
		else if (sb.len && sb.buf[sb.len - 1] != '-')
			sb_addc(&sb, '-');
	}
	while (sb.len && sb.buf[sb.len - 1] == '-')
		sb.buf[--sb.len] = '\0';
	if (!sb.len)
		sb_adds(&sb, "");
	return sb_detach(&sb);
}

/* Does key start the handle, or one of its dash-separated words? */
static int
prefix_of(const char *handle, const char *key)
{
	if (has_prefix(handle, key))
		return 1;
	for (const char *p = strchr(handle, '-'); p; p = strchr(p + 1, '-'))
		if (has_prefix(p + 1, key))
			return 1;
	return 0;
}

static int
find(const char *what, const char *id, const char *name,
     const char *(*handle)(const void *v, size_t i), const void *v, size_t n)
{
	struct sb sb = SB_INIT;
	char *key = handle_key(name);
	int found = -1, count = 0, r;

	for (size_t i = 0; i < n && found < 0; i++)
		if (!strcmp(handle(v, i), name) || !strcmp(handle(v, i), key))
			found = (int)i;
	for (size_t i = 0; i < n && found < 0 && *key; i++)
		if (prefix_of(handle(v, i), key)) {
			r = (int)i;
			count++;
			sb_addf(&sb, "%s%s", sb.len ? ", " : "", handle(v, i));
		}
	if (found < 0 && count == 1)
		found = r;
	if (found >= 0) {
		r = found;
	} else if (count > 1) {
		r = dk_err(DK_EAMBIG, "%s '%s' of %s is ambiguous: %s", what,
			   name, id, sb.buf);
	} else {
		for (size_t i = 0; i < n; i++)
			sb_addf(&sb, "%s%s", sb.len ? ", " : "", handle(v, i));
		r = dk_err(DK_ENOTFOUND, "%s has no %s '%s' (%s%s)", id, what,
			   name, n ? "it has: " : "it has none", sb_str(&sb));
	}
	sb_free(&sb);
	free(key);
	return r;
}

static const char *
prov_handle(const void *v, size_t i)
{
	return ((const struct provider *)v)[i].handle;
}

static const char *
pol_handle(const void *v, size_t i)
{
	return ((const struct policy *)v)[i].handle;
}

int
workup_find_provider(const struct dcase *c, const char *name)
{
	return find("provider", c->id, name, prov_handle, c->wu->prov,
		    c->wu->nprov);
}

int
workup_find_policy(const struct dcase *c, const char *name)
{
	return find("policy", c->id, name, pol_handle, c->wu->pol,
		    c->wu->npol);
}

char *
provider_handle(const char *name)
{
	struct sb sb = SB_INIT;

	for (const char *p = name; *p; p++) {
		unsigned char ch = (unsigned char)*p;

		if (ch < 0x80 && isalnum(ch))
			sb_addc(&sb, (char)tolower(ch));
		else if (sb.len && sb.buf[sb.len - 1] != '-')
			sb_addc(&sb, '-');
		if (sb.len >= PROVIDER_HANDLE_MAX)
			break;
	}
	while (sb.len && sb.buf[sb.len - 1] == '-')
		sb.buf[--sb.len] = '\0';
	if (!sb.len)
		sb_adds(&sb, "provider");
	return sb_detach(&sb);
}

/* ---- figures ---- */

int64_t
provider_balance(const struct provider *p)
{
	int64_t b;

	if (p->billed == MONEY_NONE)
		return MONEY_NONE;
	b = p->billed;
	if (p->paid != MONEY_NONE && money_sub(&b, p->paid) < 0)
		return MONEY_NONE;
	return b;
}

static int
add_some(int64_t *acc, int64_t v)
{
	return v == MONEY_NONE ? 0 : money_add(acc, v);
}

int
workup_medical(const struct workup *w, struct medical *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < w->nprov; i++) {
		const struct provider *p = &w->prov[i];

		if (add_some(&out->billed, p->billed) ||
		    add_some(&out->paid, p->paid) ||
		    add_some(&out->owed, p->owed))
			return -1;
	}
	out->balance = out->billed;
	return money_sub(&out->balance, out->paid);
}

long
workup_records_complete(const struct workup *w, struct sb *why)
{
	long date = NO_DATE;
	int missing = 0;

	if (!w->nprov) {
		if (why)
			sb_adds(why, "no provider");
		return NO_DATE;
	}
	for (size_t i = 0; i < w->nprov; i++) {
		const struct provider *p = &w->prov[i];
		struct sb m = SB_INIT;

		if (p->discharged == NO_DATE)
			sb_adds(&m, "still treating");
		else if (p->discharged > date)
			date = p->discharged;
		for (int k = 0; k < 2; k++) {
			if (p->received[k] == NO_DATE)
				sb_addf(&m, "%s%s %s", m.len ? ", " : "",
					kind_word[k], p->requested[k] == NO_DATE ?
					"not requested" : "not received");
			else if (p->received[k] > date)
				date = p->received[k];
		}
		if (m.len) {
			if (why)
				sb_addf(why, "%s%s %s", missing ? "; " : "",
					p->handle, m.buf);
			missing++;
		}
		sb_free(&m);
	}
	return missing ? NO_DATE : date;
}

long
workup_first_demand(const struct workup *w)
{
	long first = NO_DATE;

	for (size_t i = 0; i < w->ndemand; i++)
		if (first == NO_DATE || w->demand[i].date < first)
			first = w->demand[i].date;
	return first;
}

char *
workup_next_number(const struct negotiation *v, size_t n)
{
	long max = 0;

	for (size_t i = 0; i < n; i++) {
		char *end;
		long k = strtol(v[i].name, &end, 10);

		if (!*end && k > max)
			max = k;
	}
	return xasprintf("%ld", max + 1);
}

const char *
workup_complexity(const struct firm *f, const struct dcase *c, char *buf,
		  size_t size)
{
	for (size_t i = 0; c->wu && i < c->wu->npol; i++)
		if (c->wu->pol[i].commercial) {
			snprintf(buf, size, "commercial policy");
			return buf;
		}
	for (size_t i = 0; *c->type && i < f->wu->attorney_types.n; i++)
		if (!strcasecmp(f->wu->attorney_types.v[i], c->type)) {
			snprintf(buf, size, "type %s", f->wu->attorney_types.v[i]);
			return buf;
		}
	return NULL;
}

/* ---- the deadlines that follow ---- */

struct follow {
	const struct firm *f;
	struct dcase *c;
	long today;
	struct strv *changes, *summary;
	int n;
};

static const struct provider *
old_provider(const struct workup *o, const char *handle)
{
	for (size_t i = 0; o && i < o->nprov; i++)
		if (!strcmp(o->prov[i].handle, handle))
			return &o->prov[i];
	return NULL;
}

static const struct policy *
old_policy(const struct workup *o, const char *handle)
{
	for (size_t i = 0; o && i < o->npol; i++)
		if (!strcmp(o->pol[i].handle, handle))
			return &o->pol[i];
	return NULL;
}

static const struct negotiation *
old_one(const struct negotiation *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return &v[i];
	return NULL;
}

static const char *
manager_of(const struct dcase *c)
{
	return *c->manager ? c->manager : c->attorney;
}

static void
note_change(struct follow *fw, char *line, char *short_)
{
	fw->n++;
	if (fw->changes)
		strv_push_owned(fw->changes, line);
	else
		free(line);
	if (fw->summary)
		strv_push_owned(fw->summary, short_);
	else
		free(short_);
}

/*
 * Open deadline NAME on date (made, moved, or reopened), unless it is open
 * on that date already.  why: for the line.
 */
static int
open_due(struct follow *fw, const char *name, long date, const char *what,
	 const char *who, const char *why)
{
	const struct deadline *d = case_deadline(fw->c, name);
	char *sec, dd[DATE_LEN], was[DATE_LEN];
	long old = d ? d->date : NO_DATE;
	int reopen = d && d->done != NO_DATE, r;

	if (d && !reopen && d->date == date)
		return 0;
	sec = cfg_subsection("due", name);
	date_fmt(dd, date);
	if (d)
		r = case_set_keys(fw->c, sec, "date", dd, "what", what, "done", "",
				  NULL);
	else
		r = case_set_keys(fw->c, sec, "date", dd, "what", what, "who", who,
				  "done", "", NULL);
	free(sec);
	if (r)
		return r;
	if (d && !reopen)
		note_change(fw, xasprintf("%s: deadline %s %s -> %s (%s)",
					  fw->c->id, name, date_fmt(was, old), dd,
					  why),
			    xasprintf("%s %s", name, dd));
	else
		note_change(fw, xasprintf("%s: deadline %s on %s (%s)", fw->c->id,
					  name, dd, why),
			    xasprintf("%s %s", name, dd));
	return case_view(fw->c, fw->f, NULL);
}

/* Mark deadline NAME done on date, when it is open. */
static int
close_due(struct follow *fw, const char *name, long date, const char *why)
{
	const struct deadline *d = case_deadline(fw->c, name);
	char *sec, dd[DATE_LEN];
	int r;

	if (!d || d->done != NO_DATE)
		return 0;
	sec = cfg_subsection("due", name);
	r = case_set(fw->c, sec, "done", date_fmt(dd, date));
	free(sec);
	if (r)
		return r;
	note_change(fw, xasprintf("%s: deadline %s done %s (%s)", fw->c->id,
				  name, dd, why),
		    xasprintf("%s done", name));
	return case_view(fw->c, fw->f, NULL);
}

/* The kinds requested and not received: a bit each. */
static int
outstanding(const struct provider *p)
{
	int bits = 0;

	for (int k = 0; p && k < 2; k++)
		if (p->requested[k] != NO_DATE && p->received[k] == NO_DATE)
			bits |= 1 << k;
	return bits;
}

static int
follow_records(struct follow *fw, const struct workup *o, const char *handle)
{
	const struct provider *p, *op = old_provider(o, handle);
	int idx = -1, asked = 0, out, was, r = 0;
	char *name = xasprintf("%s%s", DUE_RECORDS_PREFIX, handle);
	long date = NO_DATE, in = NO_DATE;

	for (size_t i = 0; i < fw->c->wu->nprov; i++)
		if (!strcmp(fw->c->wu->prov[i].handle, handle))
			idx = (int)i;
	p = &fw->c->wu->prov[idx];
	out = outstanding(p);
	was = outstanding(op);
	for (int k = 0; k < 2; k++) {
		if (p->requested[k] != NO_DATE &&
		    (!op || op->requested[k] != p->requested[k]))
			asked = 1;
		if ((out & (1 << k)) && (date == NO_DATE ||
		    p->requested[k] + fw->f->wu->records_followup_days < date))
			date = p->requested[k] +
			       fw->f->wu->records_followup_days;
		if ((was & (1 << k)) && p->received[k] != NO_DATE &&
		    p->received[k] > in)
			in = p->received[k];
	}
	if (asked && out) {
		const char *who = *p->name ? p->name : handle;
		char *what = xasprintf("Follow up on the %s from %s",
				       out == 3 ? "records and bills" :
				       kind_word[out == 1 ? 0 : 1], who);

		r = open_due(fw, name, date, what, manager_of(fw->c),
			     "follow up on the request");
		free(what);
	} else if (was && !out && in != NO_DATE) {
		r = close_due(fw, name, in, "everything requested is in");
	}
	free(name);
	return r;
}

static int
follow_policy(struct follow *fw, const struct workup *o, const char *handle)
{
	const struct policy *op = old_policy(o, handle), *p = NULL;
	char *name = xasprintf("%s%s", DUE_LOR_PREFIX, handle);
	int r = 0;

	for (size_t i = 0; i < fw->c->wu->npol; i++)
		if (!strcmp(fw->c->wu->pol[i].handle, handle))
			p = &fw->c->wu->pol[i];
	if (!op && p->lor_sent == NO_DATE && !case_deadline(fw->c, name)) {
		char *what = xasprintf("Send the letter of representation to %s",
				       *p->carrier ? p->carrier : handle);

		r = open_due(fw, name, delay_add(fw->f, fw->today,
						 &fw->f->wu->lor),
			     what, manager_of(fw->c), "a new policy");
		free(what);
	} else if (p->lor_sent != NO_DATE && (!op || op->lor_sent == NO_DATE)) {
		r = close_due(fw, name, p->lor_sent,
			      "letter of representation sent");
	}
	free(name);
	return r;
}

static int
follow_demand(struct follow *fw, const struct workup *o)
{
	const struct workup *w = fw->c->wu;
	long now = workup_records_complete(w, NULL);
	long before = o ? workup_records_complete(o, NULL) : NO_DATE;
	char why[64], d[DATE_LEN];
	int r = 0;

	if (now != NO_DATE && before == NO_DATE && !w->ndemand) {
		const struct deadline *dl = case_deadline(fw->c, DUE_DEMAND);
		long due = now + fw->f->wu->demand_within_days;

		snprintf(why, sizeof(why), "records complete %s",
			 date_fmt(d, now));
		/* an open one (the demand stage's) keeps the earlier date */
		if (!dl || dl->done != NO_DATE || due < dl->date)
			r = open_due(fw, DUE_DEMAND, due, "Send the demand",
				     manager_of(fw->c), why);
	}
	w = fw->c->wu;		/* the view may have been rebuilt */
	if (!r && w->ndemand && (!o || !o->ndemand)) {
		const struct negotiation *first = &w->demand[0];

		for (size_t i = 1; i < w->ndemand; i++)
			if (w->demand[i].date < first->date)
				first = &w->demand[i];
		snprintf(why, sizeof(why), "demand %s sent", first->name);
		r = close_due(fw, DUE_DEMAND, first->date, why);
	}
	return r;
}

static const char *
carrier_of(const struct workup *w, const char *policy)
{
	int i = policy_index(w, policy);

	return i >= 0 && *w->pol[i].carrier ? w->pol[i].carrier : policy;
}

static int
follow_negotiation(struct follow *fw, const struct workup *o)
{
	int r = 0;

	/* each step may rebuild the view: index, never hold a pointer */
	for (size_t i = 0; !r && i < fw->c->wu->ndemand; i++) {
		const struct negotiation *x = &fw->c->wu->demand[i];
		const struct negotiation *ox = o ? old_one(o->demand, o->ndemand,
							   x->name) : NULL;
		char *name, *what, *who;

		if (x->expires == NO_DATE || (ox && ox->expires == x->expires))
			continue;
		name = xasprintf("demand-%s-expires", x->name);
		what = xasprintf("Time-limited demand %s to %s expires", x->name,
				 carrier_of(fw->c->wu, x->policy));
		who = xstrdup(*fw->c->attorney ? fw->c->attorney : fw->c->manager);
		if (!case_deadline(fw->c, name) ||
		    case_deadline(fw->c, name)->done == NO_DATE)
			r = open_due(fw, name, x->expires, what, who,
				     "a time-limited demand");
		free(name);
		free(what);
		free(who);
	}
	for (size_t i = 0; !r && i < fw->c->wu->noffer; i++) {
		const struct negotiation *x = &fw->c->wu->offer[i];
		char *name;

		if (o && old_one(o->offer, o->noffer, x->name))
			continue;
		name = xasprintf("offer-%s", x->name);
		if (!case_deadline(fw->c, name))
			r = open_due(fw, name, delay_add(fw->f, x->date,
							 &fw->f->wu->offer_convey),
				     "Tell the client about the offer",
				     manager_of(fw->c), "an offer to convey");
		free(name);
	}
	return r;
}

int
workup_follow(const struct firm *f, const struct cfg *old, struct dcase *c,
	      long today, struct strv *changes, struct strv *summary)
{
	struct follow fw = { f, c, today, changes, summary, 0 };
	struct workup *o = NULL;
	struct strv handles = STRV_INIT;
	int r;

	if ((r = case_view(c, f, NULL)))
		return r;
	/* an old version that does not read is as good as none */
	if (old && workup_read(&o, old, c->file, NULL))
		o = NULL;
	/* the handles first: the view is rebuilt as deadlines change */
	for (size_t i = 0; i < c->wu->nprov; i++)
		strv_push(&handles, c->wu->prov[i].handle);
	for (size_t i = 0; !r && i < handles.n; i++)
		r = follow_records(&fw, o, handles.v[i]);
	strv_free(&handles);
	for (size_t i = 0; !r && i < c->wu->npol; i++)
		strv_push(&handles, c->wu->pol[i].handle);
	for (size_t i = 0; !r && i < handles.n; i++)
		r = follow_policy(&fw, o, handles.v[i]);
	strv_free(&handles);
	if (!r)
		r = follow_demand(&fw, o);
	if (!r)
		r = follow_negotiation(&fw, o);
	workup_free(o);
	return r ? r : fw.n;
}

/* ---- the merge ---- */

int
workup_merged(const struct firm *f, const char *path, const char *ours,
	      size_t olen, const char *theirs, size_t tlen, struct sb *merged,
	      long today, struct strv *changes, struct strv *summary)
{
	struct cfg *o = NULL, *t = NULL, *m = NULL;
	struct workup *wo = NULL, *wt = NULL, *wm = NULL;
	struct dcase *c = NULL;
	struct strv lines = STRV_INIT, shorts = STRV_INIT;
	char *dir;
	size_t n = strlen(path), k = strlen("/" CASE_FILE);
	int r = 0;

	if (!f || n <= k || strcmp(path + n - k, "/" CASE_FILE))
		return 0;
	dir = xstrndup(path, n - k);
	if (cfg_parse(&o, path, ours, olen) || cfg_parse(&t, path, theirs, tlen) ||
	    cfg_parse(&m, path, merged->buf ? merged->buf : "", merged->len))
		goto out;
	/* what each side made valid, the merge must not break */
	if (!workup_read(&wo, o, path, NULL) && !workup_read(&wt, t, path, NULL) &&
	    workup_read(&wm, m, path, NULL)) {
		r = dk_err(DK_ECONFLICT, "%s; the merge of the two sides would "
			   "leave the case like that: make the two agree on one "
			   "side first", dk_errmsg());
		goto out;
	}
	if (case_parse(&c, f, dir, merged->buf ? merged->buf : "", merged->len))
		goto out;
	if (workup_follow(f, o, c, today, &lines, &shorts) > 0) {
		sb_reset(merged);
		case_text(c, merged);
		for (size_t i = 0; i < lines.n; i++) {
			if (changes)
				strv_push(changes, lines.v[i]);
			if (summary)
				strv_push_owned(summary, xasprintf("%s: deadline "
					"%s, from the merged workup", c->id,
					shorts.v[i]));
		}
	}
out:
	case_free(c);
	workup_free(wo);
	workup_free(wt);
	workup_free(wm);
	cfg_free(o);
	cfg_free(t);
	cfg_free(m);
	strv_free(&lines);
	strv_free(&shorts);
	free(dir);
	return r;
}
