/* sol-rules.c - docket.ini's [sol "XX"] rules: the law's periods, read,
 * checked and looked up; and the rules `docket init` writes (see
 * deadline.h; the deadlines computed from them are deadline.c's). */
#include "docket/deadline.h"
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/util.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- periods ---- */

int
period_parse(struct period *out, const char *s)
{
	char *end;
	long n, max;

	if (!s || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	n = strtol(s, &end, 10);
	if (errno || n <= 0 || !end[0] || end[1])
		return -1;
	switch (*end) {
	case 'y': max = 200; break;
	case 'm': max = 2400; break;
	case 'd': max = 73000; break;
	default: return -1;
	}
	if (n > max)
		return -1;
	out->n = n;
	out->unit = *end;
	return 0;
}

long
period_add(long date, const struct period *p)
{
	switch (p->unit) {
	case 'y': return date_add_months(date, (int)(12 * p->n));
	case 'm': return date_add_months(date, (int)p->n);
	}
	return date + p->n;
}

char *
period_fmt(char buf[PERIOD_LEN], const struct period *p)
{
	snprintf(buf, PERIOD_LEN, "%ld%c", p->n, p->unit);
	return buf;
}

/* ---- the rules ---- */

/* The keys of a rule; any other is a case type's period (or its cite). */
static const char *const rule_keys[] = {
	"period", "changed", "period_before", "notice", "minors", "majority",
	"cite", "notice_cite", "verified", NULL
};

#define CITE_SUFFIX "_cite"

static int
rule_error(const struct cfg *cfg, const char *sec, const char *key,
	   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int
rule_error(const struct cfg *cfg, const char *sec, const char *key,
	   const char *fmt, ...)
{
	struct sb sb = SB_INIT;
	va_list ap;
	int line = key ? cfg_lineno(cfg, sec, key) : 0, r;

	if (!line)
		line = cfg_lineno(cfg, sec, NULL);
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	r = dk_err_at(DK_EPARSE, cfg->name, line, "[%s] %s", sec, sb_str(&sb));
	sb_free(&sb);
	return r;
}

static int
get_period(const struct cfg *cfg, const char *sec, const char *key,
	   struct period *p, int *has)
{
	const char *v = cfg_get(cfg, sec, key);

	*has = 0;
	if (!v || !*v)
		return 0;
	if (period_parse(p, v) < 0)
		return rule_error(cfg, sec, key, "%s: '%s' is not a period "
				  "(such as 2y, 6m or 90d)", key, v);
	*has = 1;
	return 0;
}

static int
get_date(const struct cfg *cfg, const char *sec, const char *key, long *out)
{
	const char *v = cfg_get(cfg, sec, key);

	*out = NO_DATE;
	if (!v || !*v)
		return 0;
	if (date_parse_iso(out, v) < 0)
		return rule_error(cfg, sec, key, "%s: '%s' is not a date "
				  "(YYYY-MM-DD)", key, v);
	return 0;
}

static int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && !strcmp(s + n - k, suffix);
}

static void
rule_clear(struct sol_rule *r)
{
	free(r->code);
	free(r->cite);
	free(r->notice_cite);
	for (size_t i = 0; i < r->ntypes; i++) {
		free(r->types[i].type);
		free(r->types[i].cite);
	}
	free(r->types);
}

/* The periods of case types: every key that is not a rule's own. */
static int
load_types(struct sol_rule *r, const struct cfg *cfg, const char *sec,
	   struct strv *w)
{
	size_t cap = 0;

	for (size_t i = 0; i < cfg->n; i++) {
		const struct cfg_line *l = &cfg->lines[i];
		struct sol_type *t;
		struct period p;
		const char *cite;
		char *ck;

		if (l->kind != CFG_KEY || strcmp(l->section, sec) ||
		    word_in(rule_keys, l->key))
			continue;
		if (has_suffix(l->key, CITE_SUFFIX)) {
			char *type = xstrndup(l->key, strlen(l->key) -
					      strlen(CITE_SUFFIX));

			if (w && !cfg_get(cfg, sec, type))
				strv_push_owned(w, xasprintf("%s:%d: [%s] %s: "
					"there is no '%s' period to cite",
					cfg->name, l->lineno, sec, l->key, type));
			free(type);
			continue;
		}
		if (!*l->value)
			continue;
		if (period_parse(&p, l->value) < 0)
			return dk_err_at(DK_EPARSE, cfg->name, l->lineno,
					 "[%s] %s: '%s' is not a period (such "
					 "as 2y, 6m or 90d)", sec, l->key,
					 l->value);
		GROW(r->types, cap, r->ntypes + 1);
		t = &r->types[r->ntypes++];
		t->type = xstrdup(l->key);
		t->period = p;
		ck = xasprintf("%s%s", l->key, CITE_SUFFIX);
		cite = cfg_get(cfg, sec, ck);
		t->cite = cite && *cite ? xstrdup(cite) : NULL;
		free(ck);
	}
	return 0;
}

static int
load_rule(struct sol_rule *r, const struct cfg *cfg, const char *sec,
	  const char *code, int line, struct strv *w)
{
	const char *v;
	int has, hasb, rc;

	memset(r, 0, sizeof(*r));
	r->code = xstrdup(code);
	r->line = line;
	r->changed = r->verified = NO_DATE;
	r->tolled = 1;
	r->majority = 18;
	if (!case_state_ok(code))
		return rule_error(cfg, sec, NULL, "'%s' is not a state code "
				  "(a letter, then letters, digits or '-', "
				  "such as CA)", code);
	if ((rc = get_period(cfg, sec, "period", &r->period, &has)))
		return rc;
	if (!has)
		return rule_error(cfg, sec, NULL, "has no period (such as "
				  "period = 2y)");
	if ((rc = get_date(cfg, sec, "changed", &r->changed)) ||
	    (rc = get_period(cfg, sec, "period_before", &r->before, &hasb)))
		return rc;
	if ((r->changed != NO_DATE) != hasb)
		return rule_error(cfg, sec, hasb ? "period_before" : "changed",
				  "changed and period_before go together: the "
				  "day the statute changed, and the period for "
				  "incidents before it");
	if ((rc = get_period(cfg, sec, "notice", &r->notice, &r->has_notice)))
		return rc;
	v = cfg_get(cfg, sec, "minors");
	if (v && *v) {
		if (!strcmp(v, "not-tolled"))
			r->tolled = 0;
		else if (strcmp(v, "tolled"))
			return rule_error(cfg, sec, "minors", "minors: '%s' is not "
					  "tolled or not-tolled", v);
	}
	v = cfg_get(cfg, sec, "majority");
	if (v && *v) {
		char *end;
		long n;

		errno = 0;
		n = strtol(v, &end, 10);
		if (errno || *end || !isdigit((unsigned char)*v) || n < 1 ||
		    n > 99)
			return rule_error(cfg, sec, "majority", "majority: '%s' "
					  "is not an age (a whole number of "
					  "years)", v);
		r->majority = (int)n;
	}
	v = cfg_get(cfg, sec, "cite");
	r->cite = xstrdup(v ? v : "");
	v = cfg_get(cfg, sec, "notice_cite");
	r->notice_cite = xstrdup(v ? v : "");
	if ((rc = get_date(cfg, sec, "verified", &r->verified)))
		return rc;
	return load_types(r, cfg, sec, w);
}

int
sol_rules_load(struct firm *f, struct strv *w)
{
	const struct cfg *cfg = f->cfg;
	size_t cap = 0;
	int r = 0;

	for (size_t i = 0; i < cfg->n && !r; i++) {
		const struct cfg_line *l = &cfg->lines[i];
		char *kind, *code;

		if (l->kind != CFG_SECTION ||
		    cfg_split_subsection(l->section, &kind, &code) < 0)
			continue;
		if (!strcmp(kind, "sol")) {
			const struct sol_rule *dup = sol_rule_find(f, code);

			GROW(f->sol, cap, f->nsol + 1);
			r = load_rule(&f->sol[f->nsol], cfg, l->section, code,
				      l->lineno, w);
			f->nsol++;
			if (!r && dup)
				r = rule_error(cfg, l->section, NULL, "a second "
					       "rule for '%s' (line %d): codes "
					       "are matched without regard to "
					       "case", dup->code, dup->line);
		}
		free(kind);
		free(code);
	}
	if (r)
		sol_rules_free(f);
	return r;
}

void
sol_rules_free(struct firm *f)
{
	for (size_t i = 0; i < f->nsol; i++)
		rule_clear(&f->sol[i]);
	free(f->sol);
	f->sol = NULL;
	f->nsol = 0;
}

const struct sol_rule *
sol_rule_find(const struct firm *f, const char *state)
{
	if (!state || !*state)
		return NULL;
	for (size_t i = 0; i < f->nsol; i++)
		if (!strcasecmp(f->sol[i].code, state))
			return &f->sol[i];
	return NULL;
}

void
sol_rules_check(const struct firm *f, long today, struct strv *w)
{
	const struct cfg *cfg = f->cfg;
	long year_ago = date_add_months(today, -12);
	char d[DATE_LEN];

	for (size_t i = 0; i < f->nsol; i++) {
		const struct sol_rule *r = &f->sol[i];
		char *sec = cfg_subsection("sol", r->code);
		int line = cfg_lineno(cfg, sec, "verified");

		if (!line)
			line = r->line;
		if (r->verified == NO_DATE)
			strv_push_owned(w, xasprintf("%s:%d: [%s] was never "
				"verified: check it against the statute and set "
				"verified = the day you did", cfg->name, line, sec));
		else if (r->verified < year_ago)
			strv_push_owned(w, xasprintf("%s:%d: [%s] was last "
				"verified on %s, more than a year ago: check it "
				"against the statute and update verified",
				cfg->name, line, sec, date_fmt(d, r->verified)));
		if (!*r->cite)
			strv_push_owned(w, xasprintf("%s:%d: [%s] has no cite: "
				"the basis of its deadlines names no statute",
				cfg->name, r->line, sec));
		if (r->has_notice && !*r->notice_cite)
			strv_push_owned(w, xasprintf("%s:%d: [%s] has a notice "
				"period but no notice_cite", cfg->name,
				cfg_lineno(cfg, sec, "notice"), sec));
		free(sec);
	}
}

/* ---- what `docket init` writes ---- */

#define RULE(code, period, cite, minors) \
	"[sol \"" code "\"]\n" \
	"period = " period "\n" \
	"minors = " minors "\n" \
	"majority = 18\n" \
	"cite = " cite "\n" \
	"verified = " VERIFIED "\n"
#define NOTICE(period, cite) \
	"notice = " period "\n" \
	"notice_cite = " cite "\n"
#define VERIFIED "2026-11-01"

const char deadlines_default_ini[] =
	"\n"
	"# Days that are not business days (+5bd, on_enter_due = 2bd ...):\n"
	"# weekends, the US federal holidays on their observed days, and the\n"
	"# firm's or its courts' own dates (dates = 2026-12-24, 2026-12-31).\n"
	"[holidays]\n"
	"federal = yes\n"
	"dates =\n"
	"\n"
	"# Statutes of limitations, by the state whose law governs the case\n"
	"# (case.state).  These are docket's defaults for personal injury\n"
	"# (general negligence), from the statutes cited, as of the `verified`\n"
	"# date.  They are not legal advice, and the law changes: the firm must\n"
	"# verify each rule it relies on against the current statute and set\n"
	"# `verified` to the day it did (docket check warns a year later).\n"
	"#   period: from the incident; a case type may have its own period\n"
	"#     (med-mal = 1y, cited by med-mal_cite = ...)\n"
	"#   changed, period_before: incidents before the day a statute changed\n"
	"#   notice: the notice of claim against a government defendant, from\n"
	"#     the incident (the SOL against one may be shorter as well)\n"
	"#   minors: tolled (the period starts at majority) or not-tolled\n"
	RULE("CA", "2y", "Cal. Code Civ. Proc. § 335.1", "tolled")
	NOTICE("6m", "Cal. Gov. Code § 911.2")
	RULE("TX", "2y", "Tex. Civ. Prac. & Rem. Code § 16.003", "tolled")
	NOTICE("6m", "Tex. Civ. Prac. & Rem. Code § 101.101")
	"# HB 837: 2 years for incidents from 2023-03-24, 4 before; minority\n"
	"# tolls only while the minor has no parent or guardian, or one whose\n"
	"# interest is adverse (§ 95.051(1)(h)): not-tolled, the earlier date\n"
	RULE("FL", "2y", "Fla. Stat. § 95.11 (as amended by HB 837, 2023)",
	     "not-tolled")
	"changed = 2023-03-24\n"
	"period_before = 4y\n"
	RULE("NY", "3y", "N.Y. C.P.L.R. 214(5)", "tolled")
	NOTICE("90d", "N.Y. Gen. Mun. Law § 50-e")
	RULE("PA", "2y", "42 Pa. Cons. Stat. § 5524", "tolled")
	RULE("IL", "2y", "735 ILCS 5/13-202", "tolled")
	RULE("GA", "2y", "O.C.G.A. § 9-3-33", "tolled")
	RULE("OH", "2y", "Ohio Rev. Code § 2305.10", "tolled")
	RULE("NC", "3y", "N.C. Gen. Stat. § 1-52", "tolled")
	"# a minor has one year after turning 18 (MCL 600.5851), which docket\n"
	"# does not compute: not-tolled gives the earlier date\n"
	RULE("MI", "3y", "Mich. Comp. Laws § 600.5805", "not-tolled")
	RULE("NJ", "2y", "N.J. Stat. Ann. § 2A:14-2", "tolled")
	NOTICE("90d", "N.J. Stat. Ann. § 59:8-8")
	RULE("AZ", "2y", "Ariz. Rev. Stat. § 12-542", "tolled")
	NOTICE("180d", "Ariz. Rev. Stat. § 12-821.01")
	RULE("WA", "3y", "Wash. Rev. Code § 4.16.080", "tolled");
