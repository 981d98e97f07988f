/* settle.c - costs, liens, recoveries, the fee and the client's settlement
 * statement, exact to the cent (see settle.h). */
#include "docket/settle.h"
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/id.h"
#include "docket/money.h"
#include "docket/workup.h"

#include <stdlib.h>
#include <string.h>

/* ---- docket.ini's [fees] ---- */

#define FEES_HELP "# contingency fee by the stage the case was in when it settled (the stage\n" \
	"# on the first settlement's date); `default` for any other stage\n"
#define BASIS_HELP "# gross: the fee is on the gross recovery; net: costs come off first\n"

const char fees_default_ini[] =
	"\n[fees]\n" FEES_HELP
	"default = 1/3\n"
	"litigation = 40%\n"
	BASIS_HELP
	"basis = gross\n";

const char fees_generic_ini[] =
	"\n[fees]\n" FEES_HELP
	"default = 1/3\n"
	BASIS_HELP
	"basis = gross\n";

#define RATE_RULE "a percentage (40%, 33.33%, 33 1/3%) or a fraction (1/3), " \
	"at most 100%"

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Up to max digits at *p: 0 and the number, or -1 (none, or too many). */
static int
digits(const char **p, int max, int64_t *out, int *count)
{
	int n = 0;

	*out = 0;
	while (is_digit(**p)) {
		if (++n > max)
			return -1;
		*out = *out * 10 + (**p - '0');
		(*p)++;
	}
	if (count)
		*count = n;
	return n ? 0 : -1;
}

static int64_t
gcd(int64_t a, int64_t b)
{
	while (b) {
		int64_t t = a % b;

		a = b;
		b = t;
	}
	return a;
}

int
fee_rate_parse(struct fee_rate *out, const char *s)
{
	const char *p = s;
	int64_t whole, dec = 0, fn = 0, fd = 1, scale = 1, num, den, g;
	int nd = 0;

	memset(out, 0, sizeof(*out));
	if (digits(&p, 9, &whole, NULL) < 0)
		goto bad;
	if (*p == '/') {
		/* a fraction */
		p++;
		if (digits(&p, 9, &den, NULL) < 0 || *p || !den)
			goto bad;
		num = whole;
	} else {
		/* a percentage: 40%, 33.33%, 33 1/3% */
		if (*p == '.') {
			p++;
			if (digits(&p, 6, &dec, &nd) < 0)
				goto bad;
			for (int i = 0; i < nd; i++)
				scale *= 10;
		}
		if (*p == ' ') {
			p++;
			if (digits(&p, 6, &fn, NULL) < 0 || *p++ != '/' ||
			    digits(&p, 6, &fd, NULL) < 0 || !fd || fn >= fd)
				goto bad;
		}
		if (strcmp(p, "%") || whole > 100)
			goto bad;
		/* (whole + dec / scale + fn / fd) / 100 */
		num = ((whole * scale + dec) * fd + fn * scale);
		den = scale * fd * 100;
	}
	if (num > den)
		return dk_err(DK_EINVAL, "'%s' is more than 100%%", s);
	g = gcd(num, den);
	out->num = num / g;
	out->den = den / g;
	out->text = xstrdup(s);
	return 0;
bad:
	return dk_err(DK_EINVAL, "'%s' is not a fee: %s", s, RATE_RULE);
}

static void
rate_free(struct fee_rate *r)
{
	free(r->text);
	r->text = NULL;
}

void
fees_free(struct firm *f)
{
	if (!f->fees)
		return;
	rate_free(&f->fees->def);
	for (size_t i = 0; i < f->fees->nstage; i++) {
		free(f->fees->stage[i].stage);
		rate_free(&f->fees->stage[i].rate);
	}
	free(f->fees->stage);
	free(f->fees);
	f->fees = NULL;
}

static int
fees_error(const struct cfg *cfg, const char *key, const char *msg)
{
	return dk_err(DK_EPARSE, "%s:%d: [fees] %s: %s", FIRM_FILE,
		      cfg_lineno(cfg, "fees", key), key, msg);
}

/* [fees] of cfg (docket.ini, or the defaults) into fr. */
static int
fees_read(struct fee_rules *fr, const struct firm *f, const struct cfg *cfg,
	  struct strv *warnings)
{
	size_t cap = 0;
	int r = 0;

	for (size_t i = 0; i < cfg->n && !r; i++) {
		const struct cfg_line *l = &cfg->lines[i];
		struct fee_rate rate;

		if (l->kind != CFG_KEY || strcmp(l->section, "fees"))
			continue;
		if (!strcmp(l->key, "basis")) {
			if (strcmp(l->value, "gross") && strcmp(l->value, "net")) {
				char *msg = xasprintf("'%s' is not gross or net",
						      l->value);

				r = fees_error(cfg, l->key, msg);
				free(msg);
			}
			fr->net = !strcmp(l->value, "net");
			continue;
		}
		if (fee_rate_parse(&rate, l->value)) {
			char *msg = xstrdup(dk_errmsg());

			r = fees_error(cfg, l->key, msg);
			free(msg);
			continue;
		}
		if (!strcmp(l->key, "default")) {
			rate_free(&fr->def);
			fr->def = rate;
			continue;
		}
		if (warnings && firm_stage(f, l->key) < 0)
			strv_push_owned(warnings, xasprintf("%s:%d: [fees] '%s' is "
				"not a stage of the pipeline", FIRM_FILE,
				l->lineno, l->key));
		GROW(fr->stage, cap, fr->nstage + 1);
		fr->stage[fr->nstage].stage = xstrdup(l->key);
		fr->stage[fr->nstage++].rate = rate;
	}
	return r;
}

int
fees_load(struct firm *f, struct strv *warnings)
{
	struct fee_rules *fr = xcalloc(1, sizeof(*fr));
	struct cfg *defaults = NULL;
	int r;

	f->fees = fr;
	if (cfg_has_section(f->cfg, "fees")) {
		r = fees_read(fr, f, f->cfg, warnings);
	} else {
		/* a firm without [fees] gets what init writes */
		r = cfg_parse(&defaults, FIRM_FILE, fees_default_ini,
			      strlen(fees_default_ini));
		if (!r)
			r = fees_read(fr, f, defaults, NULL);
		cfg_free(defaults);
	}
	if (!r && !fr->def.text)
		r = fee_rate_parse(&fr->def, "1/3");
	return r;
}

const struct fee_rate *
fees_rate(const struct fee_rules *fr, const char *stage)
{
	for (size_t i = fr->nstage; stage && i-- > 0;)
		if (!strcmp(fr->stage[i].stage, stage))
			return &fr->stage[i].rate;
	return &fr->def;
}

/* ---- case.ini's costs, liens and recoveries ---- */

/* What case_view validated (workup.c): a value that does not read is
 * none. */
static const char *
val(const struct cfg *cfg, const char *section, const char *key)
{
	const char *v = cfg_get(cfg, section, key);

	return v ? v : "";
}

static long
date_val(const struct cfg *cfg, const char *section, const char *key)
{
	long d;

	return date_parse_iso(&d, val(cfg, section, key)) < 0 ? NO_DATE : d;
}

static int64_t
money_val(const struct cfg *cfg, const char *section, const char *key)
{
	int64_t m;

	return money_parse_canonical(&m, val(cfg, section, key)) < 0 ?
	       MONEY_NONE : m;
}

void
settle_free(struct settle *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->ncost; i++)
		free((char *)s->cost[i].name);
	for (size_t i = 0; i < s->nlien; i++)
		free((char *)s->lien[i].name);
	for (size_t i = 0; i < s->nrec; i++)
		free((char *)s->rec[i].policy);
	free(s->cost);
	free(s->lien);
	free(s->rec);
	free(s);
}

struct settle *
settle_read(const struct cfg *cfg)
{
	struct settle *s = xcalloc(1, sizeof(*s));
	size_t ccost = 0, clien = 0, crec = 0;

	for (size_t i = 0; i < cfg->n; i++) {
		const char *sec = cfg->lines[i].section;
		char *kind, *name;

		if (cfg->lines[i].kind != CFG_SECTION ||
		    cfg_split_subsection(sec, &kind, &name) < 0)
			continue;
		if (!strcmp(kind, "cost")) {
			struct cost *c;

			GROW(s->cost, ccost, s->ncost + 1);
			c = &s->cost[s->ncost++];
			c->name = name;
			c->date = date_val(cfg, sec, "date");
			c->what = val(cfg, sec, "what");
			c->amount = money_val(cfg, sec, "amount");
		} else if (!strcmp(kind, "lien")) {
			struct lien *l;

			GROW(s->lien, clien, s->nlien + 1);
			l = &s->lien[s->nlien++];
			l->name = name;
			l->type = val(cfg, sec, "type");
			l->holder = val(cfg, sec, "holder");
			l->asserted = money_val(cfg, sec, "asserted");
			l->final = money_val(cfg, sec, "final");
		} else if (!strcmp(kind, "settlement")) {
			struct recovery *x;

			GROW(s->rec, crec, s->nrec + 1);
			x = &s->rec[s->nrec++];
			x->policy = name;
			x->date = date_val(cfg, sec, "date");
			x->amount = money_val(cfg, sec, "amount");
		} else {
			free(name);
		}
		free(kind);
	}
	return s;
}

char *
settle_next_cost(const struct settle *s)
{
	long max = 0;

	for (size_t i = 0; i < s->ncost; i++) {
		char *end;
		long k = strtol(s->cost[i].name, &end, 10);

		if (!*end && k > max)
			max = k;
	}
	return xasprintf("%ld", max + 1);
}

/* Does key start the handle, or one of its dash-separated words? */
static int
starts(const char *handle, const char *key)
{
	if (has_prefix(handle, key))
		return 1;
	for (const char *p = strchr(handle, '-'); p; p = strchr(p + 1, '-'))
		if (has_prefix(p + 1, key))
			return 1;
	return 0;
}

int
settle_find_lien(const struct settle *s, const char *id, const char *name)
{
	struct sb sb = SB_INIT;
	int found = -1, count = 0, r;

	for (size_t i = 0; i < s->nlien; i++)
		if (!strcmp(s->lien[i].name, name))
			return (int)i;
	for (size_t i = 0; *name && i < s->nlien; i++)
		if (starts(s->lien[i].name, name)) {
			found = (int)i;
			count++;
			sb_addf(&sb, "%s%s", sb.len ? ", " : "", s->lien[i].name);
		}
	if (count == 1) {
		r = found;
	} else if (count > 1) {
		r = dk_err(DK_EAMBIG, "lien '%s' of %s is ambiguous: %s", name, id,
			   sb.buf);
	} else {
		for (size_t i = 0; i < s->nlien; i++)
			sb_addf(&sb, "%s%s", sb.len ? ", " : "", s->lien[i].name);
		r = dk_err(DK_ENOTFOUND, "%s has no lien '%s' (%s%s)", id, name,
			   s->nlien ? "it has: " : "it has none",
			   sb_str(&sb));
	}
	sb_free(&sb);
	return r;
}

int
settle_find_recovery(const struct settle *s, const char *policy)
{
	for (size_t i = 0; i < s->nrec; i++)
		if (!strcmp(s->rec[i].policy, policy))
			return (int)i;
	return -1;
}

int64_t
lien_amount(const struct lien *l)
{
	if (l->final != MONEY_NONE)
		return l->final;
	return l->asserted != MONEY_NONE ? l->asserted : 0;
}

const char *
settle_stage_on(const struct dcase *c, const struct firm *f, long date)
{
	const char *best = NULL, *first = NULL;
	long bd = NO_DATE, fd = NO_DATE;

	for (size_t i = 0; i < c->cfg->n; i++) {
		const struct cfg_line *l = &c->cfg->lines[i];
		long d;

		if (l->kind != CFG_KEY || strcmp(l->section, "stages") ||
		    date_parse_iso(&d, l->value) < 0)
			continue;
		if (fd == NO_DATE || d < fd) {
			fd = d;
			first = l->key;
		}
		if (d > date || d < bd)
			continue;
		/* the same day: the case's stage, else the later one */
		if (d == bd && (!strcmp(best, c->stage) ||
				(strcmp(l->key, c->stage) &&
				 firm_stage(f, l->key) < firm_stage(f, best))))
			continue;
		bd = d;
		best = l->key;
	}
	if (best)
		return best;
	return first ? first : c->stage;
}

/* ---- the statement ---- */

static int
too_large(void)
{
	return dk_err(DK_EINVAL, "the amounts of the statement add up to more "
		      "than docket can count (%s)", "92,233,720,368,547,758.07");
}

static int
sum(int64_t *acc, int64_t v)
{
	return money_add(acc, v) < 0 ? too_large() : 0;
}

int
statement_compute(struct statement *st)
{
	int64_t base;
	int r = 0;

	st->gross = st->costs_total = st->liens_total = st->medical_total = 0;
	st->final = 1;
	for (size_t i = 0; i < st->nrec && !r; i++)
		r = sum(&st->gross, st->rec[i].amount);
	for (size_t i = 0; i < st->ncost && !r; i++)
		r = sum(&st->costs_total, st->cost[i].amount);
	for (size_t i = 0; i < st->nlien && !r; i++) {
		r = sum(&st->liens_total, st->lien[i].amount);
		st->final &= st->lien[i].final != MONEY_NONE;
	}
	for (size_t i = 0; i < st->nmed && !r; i++)
		r = sum(&st->medical_total, st->med[i].amount);
	if (r)
		return r;
	st->fee_base = st->gross;
	if (st->net_basis && money_sub(&st->fee_base, st->costs_total) < 0)
		return too_large();
	base = st->fee_base > 0 ? st->fee_base : 0;
	if (money_mul_div(&st->fee, base, st->rate->num, st->rate->den) < 0)
		return too_large();
	st->net = st->gross;
	if (money_sub(&st->net, st->fee) < 0 ||
	    money_sub(&st->net, st->costs_total) < 0 ||
	    money_sub(&st->net, st->liens_total) < 0 ||
	    money_sub(&st->net, st->medical_total) < 0)
		return too_large();
	return 0;
}

static int
cost_cmp(const void *a, const void *b)
{
	const struct cost *x = *(const struct cost *const *)a;
	const struct cost *y = *(const struct cost *const *)b;
	long nx = strtol(x->name, NULL, 10), ny = strtol(y->name, NULL, 10);

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (nx != ny)
		return nx < ny ? -1 : 1;
	return strcmp(x->name, y->name);
}

int
statement_build(struct statement **out, const struct firm *f,
		const struct dcase *c)
{
	struct statement *st;
	struct settle *s = NULL;
	const struct cost **costs;
	int r;

	*out = NULL;
	s = settle_read(c->cfg);
	if (!s->nrec) {
		settle_free(s);
		return dk_err(DK_ENOTFOUND, "%s: no settlement recorded (docket "
			      "settle %s AMOUNT --policy P records one)", c->id,
			      c->id);
	}
	st = xcalloc(1, sizeof(*st));
	st->src = s;
	st->id = c->id;
	st->title = c->title;
	st->client = c->client;
	st->rec = xcalloc(s->nrec, sizeof(*st->rec));
	for (size_t i = 0; i < s->nrec; i++) {
		struct st_recovery *x = &st->rec[st->nrec++];

		x->policy = s->rec[i].policy;
		x->date = s->rec[i].date;
		x->amount = s->rec[i].amount;
		x->carrier = x->coverage = "";
		for (size_t k = 0; k < c->wu->npol; k++)
			if (!strcmp(c->wu->pol[k].handle, x->policy)) {
				x->carrier = c->wu->pol[k].carrier;
				x->coverage = c->wu->pol[k].coverage;
			}
		if (!i || x->date < st->settled)
			st->settled = x->date;
	}
	/* costs by date, then by number */
	costs = xcalloc(s->ncost + 1, sizeof(*costs));
	for (size_t i = 0; i < s->ncost; i++)
		costs[i] = &s->cost[i];
	if (s->ncost > 1)
		qsort(costs, s->ncost, sizeof(*costs), cost_cmp);
	st->cost = xcalloc(s->ncost + 1, sizeof(*st->cost));
	for (size_t i = 0; i < s->ncost; i++) {
		st->cost[i].date = costs[i]->date;
		st->cost[i].what = costs[i]->what;
		st->cost[i].amount = costs[i]->amount;
	}
	st->ncost = s->ncost;
	free(costs);
	st->lien = xcalloc(s->nlien + 1, sizeof(*st->lien));
	for (size_t i = 0; i < s->nlien; i++) {
		struct st_lien *x = &st->lien[st->nlien++];

		x->name = s->lien[i].name;
		x->holder = s->lien[i].holder;
		x->asserted = s->lien[i].asserted;
		x->final = s->lien[i].final;
		x->amount = lien_amount(&s->lien[i]);
	}
	st->med = xcalloc(c->wu->nprov + 1, sizeof(*st->med));
	for (size_t i = 0; i < c->wu->nprov; i++) {
		const struct provider *p = &c->wu->prov[i];

		if (p->owed == MONEY_NONE)
			continue;
		st->med[st->nmed].provider = p->handle;
		st->med[st->nmed].name = p->name;
		st->med[st->nmed++].amount = p->owed;
	}
	st->stage = settle_stage_on(c, f, st->settled);
	st->rate = fees_rate(f->fees, st->stage);
	st->net_basis = f->fees->net;
	if ((r = statement_compute(st))) {
		statement_free(st);
		return r;
	}
	*out = st;
	return 0;
}

void
statement_free(struct statement *st)
{
	if (!st)
		return;
	settle_free(st->src);
	free(st->rec);
	free(st->cost);
	free(st->lien);
	free(st->med);
	free(st);
}

char *
statement_pending(const struct statement *st)
{
	struct sb sb = SB_INIT;

	sb_adds(&sb, "");
	for (size_t i = 0; i < st->nlien; i++)
		if (st->lien[i].final == MONEY_NONE)
			sb_addf(&sb, "%s%s", sb.len ? ", " : "", st->lien[i].name);
	return sb_detach(&sb);
}

/* ---- the lines a person reads ---- */

struct rows {
	struct srow *v;
	size_t n, cap;
};

static void
row(struct rows *r, enum srow_kind kind, const char *key, char *text,
    int64_t amount)
{
	struct srow *x;

	GROW(r->v, r->cap, r->n + 1);
	x = &r->v[r->n++];
	x->kind = kind;
	x->key = key ? xstrdup(key) : NULL;
	x->text = text;
	x->amount = amount;
}

static void
heading(struct rows *r, const char *text)
{
	row(r, SROW_HEADING, NULL, xstrdup(text), 0);
}

static void
total(struct rows *r, size_t n, const char *text, int64_t amount)
{
	if (!n)
		row(r, SROW_NONE, NULL, xstrdup("none"), 0);
	row(r, SROW_TOTAL, NULL, xstrdup(text), amount);
}

static char *
fee_text(const struct statement *st)
{
	char m[MONEY_LEN];

	if (!st->net_basis)
		return xasprintf("%s of the gross recovery", st->rate->text);
	money_fmt_human(m, st->fee_base);
	if (st->fee_base < 0)
		return xasprintf("%s of the recovery less costs (%s): no fee",
				 st->rate->text, m);
	return xasprintf("%s of the recovery less costs (%s)", st->rate->text,
			 m);
}

static char *
recovery_text(const struct st_recovery *x)
{
	if (*x->carrier && *x->coverage)
		return xasprintf("%s (%s)", x->carrier, x->coverage);
	if (*x->coverage)
		return xasprintf("(%s)", x->coverage);
	return xstrdup(x->carrier);
}

static char *
lien_text(const struct st_lien *x)
{
	const char *state = x->final != MONEY_NONE ? "final" :
			    x->asserted != MONEY_NONE ? "asserted" :
			    "no amount yet";

	return xasprintf("%s: %s", *x->holder ? x->holder : x->name, state);
}

void
statement_rows(const struct statement *st, struct srow **out, size_t *n)
{
	struct rows r = { NULL, 0, 0 };
	char d[DATE_LEN];

	heading(&r, "Recoveries");
	for (size_t i = 0; i < st->nrec; i++)
		row(&r, SROW_ITEM, st->rec[i].policy, recovery_text(&st->rec[i]),
		    st->rec[i].amount);
	row(&r, SROW_TOTAL, NULL, xstrdup("Gross recovery"), st->gross);
	row(&r, SROW_FEE, "Attorney fee", fee_text(st), -st->fee);
	heading(&r, "Case costs");
	for (size_t i = 0; i < st->ncost; i++)
		row(&r, SROW_ITEM, date_fmt(d, st->cost[i].date),
		    xstrdup(st->cost[i].what), -st->cost[i].amount);
	total(&r, st->ncost, "Total costs", -st->costs_total);
	heading(&r, "Liens");
	for (size_t i = 0; i < st->nlien; i++)
		row(&r, SROW_ITEM, st->lien[i].name, lien_text(&st->lien[i]),
		    -st->lien[i].amount);
	total(&r, st->nlien, "Total liens", -st->liens_total);
	heading(&r, "Medical bills paid from the settlement");
	for (size_t i = 0; i < st->nmed; i++)
		row(&r, SROW_ITEM, st->med[i].provider,
		    xstrdup(*st->med[i].name ? st->med[i].name :
			    st->med[i].provider), -st->med[i].amount);
	total(&r, st->nmed, "Total medical", -st->medical_total);
	row(&r, SROW_NET, NULL, xstrdup("Net to the client"), st->net);
	*out = r.v;
	*n = r.n;
}

void
statement_rows_free(struct srow *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].key);
		free(rows[i].text);
	}
	free(rows);
}

void
statement_warnings(const struct statement *st, struct strv *out)
{
	char *pending = statement_pending(st);

	if (*pending)
		strv_push_owned(out, xasprintf("DRAFT: liens not final (%s)",
					       pending));
	if (st->net < 0)
		strv_push(out, "WARNING: net to the client is negative");
	free(pending);
}

char *
statement_title(const struct statement *st)
{
	if (*st->title)
		return xasprintf("Settlement statement: %s (%s)", st->title,
				 st->id);
	return xasprintf("Settlement statement: %s", st->id);
}
