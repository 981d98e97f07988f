/* deadline.c - the law's deadlines of a case, computed from its facts by
 * the [sol] rules (sol-rules.c), kept in line with them (see
 * deadline.h). */
#include "docket/deadline.h"
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/holiday.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- computing ---- */

static const struct sol_type *
type_of(const struct sol_rule *r, const char *type)
{
	if (!*type)
		return NULL;
	for (size_t i = 0; i < r->ntypes; i++)
		if (!strcasecmp(r->types[i].type, type))
			return &r->types[i];
	return NULL;
}

/* Was the client younger than majority years on the incident?  The day
 * of majority into *maj. */
static int
minor_on_incident(const struct dcase *c, int majority, long *maj)
{
	if (c->dob == NO_DATE || c->incident == NO_DATE)
		return 0;
	*maj = date_add_months(c->dob, 12 * majority);
	return c->incident < *maj;
}

/* " (what; cite)", " (what)", " (cite)" or nothing. */
static void
parens(struct sb *b, const char *what, const char *cite)
{
	if (what && *cite)
		sb_addf(b, " (%s; %s)", what, cite);
	else if (what)
		sb_addf(b, " (%s)", what);
	else if (*cite)
		sb_addf(b, " (%s)", cite);
}

static void
compute_sol(struct due_calc *o, const struct firm *f, const struct dcase *c,
	    const struct sol_rule *rule)
{
	const struct sol_type *t;
	const struct period *p;
	const char *cite;
	struct sb b = SB_INIT;
	char inc[DATE_LEN], d[DATE_LEN], pb[PERIOD_LEN];
	long start, maj = NO_DATE;
	int minor;

	if (c->incident == NO_DATE) {
		o->basis = xstrdup("no incident date");
		return;
	}
	date_fmt(inc, c->incident);
	o->applies = 1;
	if (!rule) {
		o->date = date_add_months(c->incident, 12 * f->sol_years);
		sb_addf(&b, "firm default: %dy from incident %s; ", f->sol_years,
			inc);
		if (*c->state)
			sb_addf(&b, "no rule for '%s'", c->state);
		else
			sb_adds(&b, "the case has no state");
		if (minor_on_incident(c, 18, &maj))
			sb_adds(&b, "; a minor on the incident date, not tolled");
		o->basis = sb_detach(&b);
		return;
	}
	sb_addf(&b, "%s: ", rule->code);
	if ((t = type_of(rule, c->type))) {
		p = &t->period;
		cite = t->cite ? t->cite : rule->cite;
		sb_addf(&b, "%s for %s", period_fmt(pb, p), t->type);
	} else if (rule->changed != NO_DATE && c->incident < rule->changed) {
		p = &rule->before;
		cite = rule->cite;
		sb_addf(&b, "%s for incidents before %s", period_fmt(pb, p),
			date_fmt(d, rule->changed));
	} else {
		p = &rule->period;
		cite = rule->cite;
		sb_adds(&b, period_fmt(pb, p));
	}
	minor = minor_on_incident(c, rule->majority, &maj);
	start = minor && rule->tolled ? maj : c->incident;
	if (start != c->incident)
		sb_addf(&b, " from majority on %s", date_fmt(d, start));
	else
		sb_addf(&b, " from incident %s", inc);
	parens(&b, !minor ? NULL : rule->tolled ? "minor, tolled" :
	       "minor, not tolled", cite);
	o->date = period_add(start, p);
	o->basis = sb_detach(&b);
}

static void
compute_notice(struct due_calc *o, const struct dcase *c,
	       const struct sol_rule *rule)
{
	struct sb gov = SB_INIT, b = SB_INIT;
	char inc[DATE_LEN], pb[PERIOD_LEN];
	size_t n = 0;
	long maj;

	for (size_t i = 0; i < c->ndef; i++)
		if (!strcmp(c->def[i].kind, "government"))
			sb_addf(&gov, "%s%s", n++ ? ", " : "", c->def[i].name);
	if (!n)
		o->basis = xstrdup("no government defendant");
	else if (c->incident == NO_DATE)
		o->basis = xstrdup("no incident date");
	else if (!rule && *c->state)
		o->basis = xasprintf("no rule for '%s'", c->state);
	else if (!rule)
		o->basis = xstrdup("the case has no state");
	else if (!rule->has_notice)
		o->basis = xasprintf("[sol \"%s\"] has no notice period",
				     rule->code);
	if (o->basis) {
		sb_free(&gov);
		return;
	}
	o->applies = 1;
	o->date = period_add(c->incident, &rule->notice);
	sb_addf(&b, "%s: %s from incident %s; government defendant%s %s",
		rule->code, period_fmt(pb, &rule->notice),
		date_fmt(inc, c->incident), n > 1 ? "s" : "", gov.buf);
	parens(&b, minor_on_incident(c, rule->majority, &maj) ?
	       "minor, not tolled" : NULL, rule->notice_cite);
	o->basis = sb_detach(&b);
	sb_free(&gov);
}

void
deadlines_compute(struct due_calc out[2], const struct firm *f,
		  const struct dcase *c)
{
	const struct sol_rule *rule = sol_rule_find(f, c->state);

	memset(out, 0, 2 * sizeof(*out));
	out[0].name = DUE_SOL;
	out[1].name = DUE_NOTICE;
	compute_sol(&out[0], f, c, rule);
	compute_notice(&out[1], c, rule);
}

void
due_calc_clear(struct due_calc v[2])
{
	for (int i = 0; i < 2; i++) {
		free(v[i].basis);
		v[i].basis = NULL;
	}
}

int
deadline_is_computed_name(const char *name)
{
	return !strcmp(name, DUE_SOL) || !strcmp(name, DUE_NOTICE);
}

enum due_state
deadline_state(const struct dcase *c, const char *name)
{
	const struct deadline *d = case_deadline(c, name);

	if (!d)
		return DUE_ABSENT;
	if (d->done != NO_DATE)
		return DUE_DONE;
	if (!strcmp(d->basis, BASIS_MANUAL))
		return DUE_MANUAL;
	if (*d->basis || !strcmp(name, DUE_SOL))
		return DUE_COMPUTED;
	return DUE_MANUAL;
}

char *
deadlines_facts(const struct cfg *cfg)
{
	static const char *const keys[][2] = {
		{ "case", "incident" }, { "case", "state" }, { "case", "type" },
		{ "client", "dob" },
	};
	struct sb sb = SB_INIT;

	for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
		const char *v = cfg_get(cfg, keys[i][0], keys[i][1]);

		sb_addf(&sb, "%s=", keys[i][1]);
		/* state codes match without regard to case */
		for (const char *p = v ? v : ""; *p; p++)
			sb_addc(&sb, i == 1 ? (char)tolower((unsigned char)*p) : *p);
		sb_addc(&sb, '\n');
	}
	for (size_t i = 0; i < cfg->n; i++) {
		const struct cfg_line *l = &cfg->lines[i];
		char *kind, *name;
		const char *v;

		if (l->kind != CFG_SECTION ||
		    cfg_split_subsection(l->section, &kind, &name) < 0)
			continue;
		if (!strcmp(kind, "defendant")) {
			v = cfg_get(cfg, l->section, "kind");
			sb_addf(&sb, "defendant %s=%s\n", name, v ? v : "");
		}
		free(kind);
		free(name);
	}
	return sb_detach(&sb);
}

/* ---- bringing a case in line ---- */

enum action { ACT_NONE, ACT_ADD, ACT_MOVE, ACT_REBASIS, ACT_REMOVE };

struct plan {
	enum action act;
	long old;		/* the stored date */
	int had_basis;		/* the stored deadline had a basis */
};

static void
plan_case(struct plan p[2], const struct dcase *c,
	  const struct due_calc calc[2])
{
	for (int k = 0; k < 2; k++) {
		enum due_state st = deadline_state(c, calc[k].name);
		const struct deadline *d = case_deadline(c, calc[k].name);

		memset(&p[k], 0, sizeof(p[k]));
		if (st == DUE_DONE || st == DUE_MANUAL)
			continue;
		if (d) {
			p[k].old = d->date;
			p[k].had_basis = *d->basis != '\0';
		}
		if (!calc[k].applies)
			p[k].act = st == DUE_COMPUTED ? ACT_REMOVE : ACT_NONE;
		else if (st == DUE_ABSENT)
			p[k].act = ACT_ADD;
		else if (d->date != calc[k].date)
			p[k].act = ACT_MOVE;
		else if (strcmp(d->basis, calc[k].basis))
			p[k].act = ACT_REBASIS;
	}
}

/* "smith-7k2p: sol 2028-10-03 -> 2029-10-03 (a Saturday)" */
static char *
change_line(const struct firm *f, const struct dcase *c, const struct plan *p,
	    const struct due_calc *calc)
{
	char d1[DATE_LEN], d2[DATE_LEN], flag[64];

	if (p->act == ACT_REMOVE)
		return xasprintf("%s: %s %s -> none (%s)", c->id, calc->name,
				 date_fmt(d1, p->old), calc->basis);
	calendar_flag(flag, sizeof(flag), &f->cal, calc->date);
	if (p->act == ACT_REBASIS)
		return xasprintf("%s: %s %s%s%s%s, basis now: %s", c->id,
				 calc->name, date_fmt(d2, calc->date),
				 *flag ? " (" : "", flag, *flag ? ")" : "",
				 calc->basis);
	if (p->act == ACT_ADD)
		snprintf(d1, sizeof(d1), "none");
	else
		date_fmt(d1, p->old);
	return xasprintf("%s: %s %s -> %s%s%s%s", c->id, calc->name, d1,
			 date_fmt(d2, calc->date), *flag ? " (" : "", flag,
			 *flag ? ")" : "");
}

static const char *
what_of(const char *name)
{
	return !strcmp(name, DUE_SOL) ? "Statute of limitations" :
	       "Notice of claim (government defendant)";
}

static int
apply(const struct firm *f, struct dcase *c, const struct plan p[2],
      const struct due_calc calc[2])
{
	char *who = xstrdup(*c->attorney ? c->attorney : c->manager);
	int r = 0;

	for (int k = 0; k < 2 && !r; k++) {
		char *sec = cfg_subsection("due", calc[k].name);
		char d[DATE_LEN];

		date_fmt(d, calc[k].date);
		switch (p[k].act) {
		case ACT_NONE:
			break;
		case ACT_ADD:
			r = case_set_keys(c, sec, "date", d, "what",
					  what_of(calc[k].name), "who", who,
					  "done", "", "basis", calc[k].basis, NULL);
			break;
		case ACT_MOVE:
			r = case_set_keys(c, sec, "date", d, "basis",
					  calc[k].basis, NULL);
			break;
		case ACT_REBASIS:
			r = case_set(c, sec, "basis", calc[k].basis);
			break;
		case ACT_REMOVE:
			cfg_remove_section(c->cfg, sec);
			break;
		}
		free(sec);
	}
	free(who);
	if (!r)
		r = case_view(c, f, NULL);
	return r;
}

/* What the rules cannot use, for the user to look into. */
static void
facts_warnings(const struct firm *f, const struct dcase *c,
	       const struct due_calc calc[2], struct strv *w)
{
	const struct sol_rule *rule = sol_rule_find(f, c->state);
	int gov = 0;

	if (!w)
		return;
	if (*c->state && !rule)
		strv_push_owned(w, xasprintf("%s: there is no [sol \"%s\"] rule "
			"in docket.ini: its SOL is the firm default ([rules] "
			"sol_years)", c->id, c->state));
	for (size_t i = 0; i < c->ndef; i++) {
		if (!*c->def[i].kind)
			strv_push_owned(w, xasprintf("%s: [defendant \"%s\"] has "
				"no kind (person, business or government)",
				c->id, c->def[i].name));
		gov |= !strcmp(c->def[i].kind, "government");
	}
	if (gov && !calc[1].applies && c->incident != NO_DATE &&
	    deadline_state(c, DUE_NOTICE) == DUE_ABSENT)
		strv_push_owned(w, xasprintf("%s: a government defendant, but "
			"docket cannot compute the notice of claim (%s): find "
			"its deadline and add it with 'docket due %s DATE TEXT "
			"--name %s'", c->id, calc[1].basis, c->id, DUE_NOTICE));
}

int
deadlines_recompute(const struct firm *f, struct dcase *c,
		    struct strv *changes, struct strv *warnings)
{
	struct due_calc calc[2];
	struct plan p[2];
	int r, n = 0;

	if ((r = case_view(c, f, NULL)))
		return r;
	deadlines_compute(calc, f, c);
	plan_case(p, c, calc);
	for (int k = 0; k < 2; k++) {
		if (p[k].act == ACT_NONE)
			continue;
		n++;
		if (changes)
			strv_push_owned(changes, change_line(f, c, &p[k], &calc[k]));
	}
	r = apply(f, c, p, calc);
	if (!r)
		facts_warnings(f, c, calc, warnings);
	due_calc_clear(calc);
	return r ? r : n;
}

/* a and b the same, NULL the same as "" */
static int
same(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

int
deadlines_after_edit(const struct firm *f, const struct cfg *old,
		     struct dcase *c, struct strv *changes,
		     struct strv *warnings)
{
	static const char *const names[] = { DUE_SOL, DUE_NOTICE };
	char *fo, *fn;
	int force = 0, r = 0;

	for (size_t k = 0; k < ARRAY_SIZE(names) && !r; k++) {
		char *sec = cfg_subsection("due", names[k]);
		const char *ob = old ? cfg_get(old, sec, "basis") : NULL;
		const char *od = old ? cfg_get(old, sec, "date") : NULL;
		const char *nb = cfg_get(c->cfg, sec, "basis");
		const char *nd = cfg_get(c->cfg, sec, "date");
		const char *done = cfg_get(c->cfg, sec, "done");

		if (!same(ob, nb)) {
			if (nb && *nb && strcmp(nb, BASIS_MANUAL))
				r = dk_err(DK_EINVAL, "due.%s.basis: '%s' is "
					   "docket's to write: set it to '%s' (a "
					   "date set by hand) or clear it (docket "
					   "computes the date)", names[k], nb,
					   BASIS_MANUAL);
			else if (!nb || !*nb)
				force = 1;
		} else if (nd && *nd && !same(od, nd) && (!done || !*done)) {
			/* a date the user gave: never recomputed */
			r = case_set(c, sec, "basis", BASIS_MANUAL);
		}
		free(sec);
	}
	if (r)
		return r;
	fo = old ? deadlines_facts(old) : xstrdup("");
	fn = deadlines_facts(c->cfg);
	if (force || strcmp(fo, fn))
		r = deadlines_recompute(f, c, changes, warnings);
	else
		r = case_view(c, f, NULL);
	free(fo);
	free(fn);
	return r;
}

int
deadlines_check(const struct firm *f, const struct dcase *c,
		struct strv *w)
{
	struct due_calc calc[2];
	struct plan p[2];
	char d1[DATE_LEN], d2[DATE_LEN];
	int n = 0;

	deadlines_compute(calc, f, c);
	plan_case(p, c, calc);
	for (int k = 0; k < 2; k++) {
		const struct deadline *d = case_deadline(c, calc[k].name);
		int line = d ? d->line : cfg_lineno(c->cfg, "case", NULL);
		char *what;

		/* an older docket's sol without a basis, on the same date */
		if (p[k].act == ACT_NONE ||
		    (p[k].act == ACT_REBASIS && !p[k].had_basis))
			continue;
		n++;
		what = change_line(f, c, &p[k], &calc[k]);
		/* "ID: what" */
		strv_push_owned(w, xasprintf("%s:%d: %s: the rules give another "
			"%s now ('docket check --fix' recomputes it)", c->file,
			line, what + strlen(c->id) + 2,
			p[k].act == ACT_REBASIS ? "basis" : "date"));
		free(what);
	}
	for (int k = 0; k < 2; k++) {
		const struct deadline *d = case_deadline(c, calc[k].name);

		if (deadline_state(c, calc[k].name) != DUE_MANUAL ||
		    !calc[k].applies || calc[k].date >= d->date)
			continue;
		strv_push_owned(w, xasprintf("%s:%d: %s %s was set by hand; the "
			"rules give %s, earlier (%s)", c->file, d->line,
			calc[k].name, date_fmt(d1, d->date),
			date_fmt(d2, calc[k].date), calc[k].basis));
	}
	{
		struct strv fw = STRV_INIT;

		facts_warnings(f, c, calc, &fw);
		for (size_t i = 0; i < fw.n; i++)
			strv_push_owned(w, xasprintf("%s: %s", c->file,
				fw.v[i] + strlen(c->id) + 2));
		strv_free(&fw);
	}
	due_calc_clear(calc);
	return n;
}

int
deadlines_merged(const struct firm *f, const char *path, const char *ours,
		 size_t olen, const char *theirs, size_t tlen,
		 struct sb *merged, struct strv *changes, struct strv *summary)
{
	struct cfg *o = NULL, *t = NULL;
	struct dcase *c = NULL;
	struct strv lines = STRV_INIT;
	char *dir, *fo = NULL, *ft = NULL, *fm = NULL;
	size_t n = strlen(path), k = strlen("/" CASE_FILE);

	if (!f || n <= k || strcmp(path + n - k, "/" CASE_FILE))
		return 0;
	dir = xstrndup(path, n - k);
	if (!cfg_parse(&o, path, ours, olen) && !cfg_parse(&t, path, theirs, tlen) &&
	    !case_parse(&c, f, dir, merged->buf ? merged->buf : "", merged->len)) {
		fo = deadlines_facts(o);
		ft = deadlines_facts(t);
		fm = deadlines_facts(c->cfg);
		/* the merged facts are not both sides' (the merge changed
		 * the facts of one side at least): their deadlines are
		 * computed again */
		if ((strcmp(fm, fo) || strcmp(fm, ft)) &&
		    deadlines_recompute(f, c, &lines, NULL) > 0) {
			sb_reset(merged);
			case_text(c, merged);
			for (size_t i = 0; i < lines.n; i++) {
				/* "ID: NAME ..." */
				const char *name = lines.v[i] + strlen(c->id) + 2;

				if (summary)
					strv_push_owned(summary, xasprintf(
						"%s: %.*s recomputed from the "
						"merged facts", c->id,
						(int)strcspn(name, " "), name));
				if (changes)
					strv_push(changes, lines.v[i]);
			}
		}
	}
	case_free(c);
	cfg_free(o);
	cfg_free(t);
	free(fo);
	free(ft);
	free(fm);
	free(dir);
	strv_free(&lines);
	return 0;
}

/* ---- the names of a case's deadlines ---- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int
deadline_find(const struct dcase *c, const char *name,
		   const struct deadline **out)
{
	const struct deadline *open = NULL, *any = NULL;
	size_t nopen = 0, nany = 0;
	struct sb names = SB_INIT;
	int r;

	if ((*out = case_deadline(c, name)))
		return 0;
	for (size_t i = 0; i < c->ndue; i++) {
		if (!has_prefix(c->due[i].name, name))
			continue;
		any = &c->due[i];
		nany++;
		if (c->due[i].done == NO_DATE) {
			open = &c->due[i];
			nopen++;
		}
	}
	/* a prefix of one deadline; of one open deadline, among done ones */
	if (*name && (nany == 1 || nopen == 1)) {
		*out = nany == 1 ? any : open;
		return 0;
	}
	for (size_t i = 0; i < c->ndue; i++)
		if (!*name || !nany || has_prefix(c->due[i].name, name))
			sb_addf(&names, "%s%s", names.len ? ", " : "",
				c->due[i].name);
	if (*name && nany)
		r = dk_err(DK_EINVAL, "'%s' is more than one deadline of %s: %s",
			   name, c->id, names.buf);
	else
		r = dk_err(DK_ENOTFOUND, "%s has no deadline '%s' (%s%s)", c->id,
			   name, c->ndue ? "it has: " : "it has none",
			   sb_str(&names));
	sb_free(&names);
	return r;
}

/* Words a deadline's name leaves out, when the text has others. */
static const char *const small_words[] = {
	"a", "about", "after", "an", "and", "any", "as", "at", "be", "before",
	"by", "for", "from", "her", "his", "in", "into", "is", "it", "its",
	"me", "my", "of", "on", "or", "our", "re", "the", "their", "them",
	"this", "to", "up", "us", "with", "your", NULL
};

/* The first words of words (up to 3, the significant ones if any) joined
 * by '-', in at most max bytes: a word that does not fit ends it, and a
 * first word longer than max is cut. */
static void
name_from_words(struct sb *out, const struct strv *words, size_t max)
{
	int significant = 0, taken = 0;

	for (size_t i = 0; i < words->n; i++)
		significant |= !word_in(small_words, words->v[i]);
	sb_reset(out);
	for (size_t i = 0; i < words->n && taken < 3; i++) {
		const char *w = words->v[i];
		size_t n = strlen(w);

		if (significant && word_in(small_words, w))
			continue;
		if (!out->len && n > max) {
			sb_addf(out, "%.*s", (int)max, w);
			break;
		}
		if (out->len + (out->len ? 1 : 0) + n > max)
			break;
		sb_addf(out, "%s%s", out->len ? "-" : "", w);
		taken++;
	}
	if (!out->len)
		sb_adds(out, "due");
}

char *
deadline_new_name(const struct dcase *c, const char *text)
{
	struct strv words = STRV_INIT;
	struct sb word = SB_INIT, base = SB_INIT;
	char *name = NULL;
	const char **names;

	/* the words: runs of ASCII letters and digits, lowercase */
	for (const char *p = text;; p++) {
		unsigned char ch = (unsigned char)*p;

		if (ch && ch < 0x80 && isalnum(ch)) {
			sb_addc(&word, (char)tolower(ch));
			continue;
		}
		if (word.len)
			strv_push(&words, word.buf);
		sb_reset(&word);
		if (!ch)
			break;
	}
	/* the names in order, so that trying name-2, name-3... in a case of
	 * thousands of deadlines is a binary search each */
	names = xcalloc(c->ndue + 1, sizeof(*names));
	for (size_t i = 0; i < c->ndue; i++)
		names[i] = c->due[i].name;
	qsort(names, c->ndue, sizeof(*names), cmp_str);
	for (int n = 1; !name; n++) {
		char num[16] = "";

		/* "-2" and the rest keep it within DEADLINE_NAME_AUTO */
		if (n > 1)
			snprintf(num, sizeof(num), "-%d", n);
		name_from_words(&base, &words, DEADLINE_NAME_AUTO - strlen(num));
		name = xasprintf("%s%s", base.buf, num);
		if (bsearch(&name, names, c->ndue, sizeof(*names), cmp_str)) {
			free(name);
			name = NULL;
		}
	}
	free(names);
	strv_free(&words);
	sb_free(&word);
	sb_free(&base);
	return name;
}
