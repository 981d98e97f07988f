/* workflow.c - stage tasks and requirements, urgency, the workflow's
 * rules (see workflow.h). */
#include "docket/workflow.h"
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/date.h"
#include "docket/deadline.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/id.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char *const action_names[] = {
	"sol", "notice", "overdue", "demand", "inquiry", "escalation", "offer",
	"contact", "records", "treatment", "due-soon", "stuck", NULL
};

const int action_default_urgency[ACT_COUNT] = {
	100, 90, 80, 70, 60, 55, 50, 40, 30, 25, 20, 10
};

const char *const condition_names[] = {
	"records-complete", "providers-discharged", "lor-sent", "demand-sent",
	"settled", "liens-final", "no-open-escalation", "no-open-deadlines",
	NULL
};

int
action_find(const char *name)
{
	for (int i = 0; i < ACT_COUNT; i++)
		if (!strcmp(action_names[i], name))
			return i;
	return -1;
}

/* ---- reading docket.ini ---- */

static int
flow_error(const struct cfg *cfg, int line, const char *section,
	   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int
flow_error(const struct cfg *cfg, int line, const char *section,
	   const char *fmt, ...)
{
	struct sb sb = SB_INIT;
	va_list ap;
	int r;

	if (!line)
		line = cfg_lineno(cfg, section, NULL);
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	r = dk_err(DK_EPARSE, "%s:%d: [%s] %s", FIRM_FILE, line, section,
		   sb_str(&sb));
	sb_free(&sb);
	return r;
}

int
field_split(const char *s, char **section, char **key)
{
	const char *first = strchr(s, '.'), *last = strrchr(s, '.');
	char *a = NULL, *b = NULL, *c = NULL;
	int ok;

	*section = *key = NULL;
	if (!first || first == s || !last[1])
		return -1;
	if (first == last) {
		a = xstrndup(s, (size_t)(first - s));
		ok = !cfg_name_check("section", a) &&
		     !cfg_name_check("key", last + 1) && !strchr(a, '"');
		if (ok) {
			*section = a;
			*key = xstrdup(last + 1);
			return 0;
		}
		free(a);
		return -1;
	}
	a = xstrndup(s, (size_t)(first - s));
	b = xstrndup(first + 1, (size_t)(last - first - 1));
	c = xstrdup(last + 1);
	/* the middle is a name: a provider, a policy, a deadline */
	ok = !cfg_name_check("section", a) && !strchr(a, '"') &&
	     !strchr(a, ' ') && name_check(b, NAME_MAX_LEN, "name") == 0 &&
	     !cfg_name_check("key", c);
	if (ok) {
		*section = cfg_subsection(a, b);
		*key = c;
		c = NULL;
	}
	free(a);
	free(b);
	free(c);
	return ok ? 0 : -1;
}

/* The name a deadline made from text gets in a case that has none. */
static char *
base_name(const char *text)
{
	struct dcase none;

	memset(&none, 0, sizeof(none));
	return deadline_new_name(&none, text);
}

static int
load_task(const struct cfg *cfg, const struct cfg_line *l,
	  struct stage_flow *sf, size_t *cap)
{
	const char *v = l->value, *sp = strchr(v, ' ');
	struct stage_task *t;
	char *when, *plus;
	long d;

	when = sp ? xstrndup(v, (size_t)(sp - v)) : xstrdup(v);
	plus = xasprintf("%s%s", *when == '+' ? "" : "+", when);
	free(when);
	while (sp && *sp == ' ')
		sp++;
	if (!sp || !*sp || date_parse(&d, plus, 0) < 0 ||
	    !isdigit((unsigned char)plus[1])) {
		free(plus);
		return flow_error(cfg, l->lineno, l->section, "task: '%s' is not "
				  "'<1bd|3d|2w> <what to do>'", v);
	}
	GROW(sf->task, *cap, sf->ntask + 1);
	t = &sf->task[sf->ntask];
	t->when = plus;
	t->what = xstrdup(sp);
	t->name = base_name(sp);
	t->line = l->lineno;
	sf->ntask++;
	if (deadline_is_computed_name(t->name))
		return flow_error(cfg, l->lineno, l->section, "task: '%s' would "
				  "be the deadline '%s', which docket computes; "
				  "word it differently", sp, t->name);
	for (size_t i = 0; i + 1 < sf->ntask; i++)
		if (!strcmp(sf->task[i].name, t->name))
			return flow_error(cfg, l->lineno, l->section, "task: '%s' "
					  "makes the deadline name '%s', as the "
					  "task at line %d does; word one of "
					  "them differently", sp, t->name,
					  sf->task[i].line);
	return 0;
}

static int
load_requires(const struct cfg *cfg, const struct cfg_line *l,
	      struct stage_flow *sf)
{
	struct strv items = STRV_INIT;
	int r = 0;

	strv_split(&items, l->value, ',');
	sf->req = xcalloc(items.n + 1, sizeof(*sf->req));
	for (size_t i = 0; i < items.n && !r; i++) {
		struct condition *c = &sf->req[sf->nreq];
		const char *w = items.v[i];
		int k = -1;

		for (int j = 0; condition_names[j]; j++)
			if (!strcmp(condition_names[j], w))
				k = j;
		if (k < 0 && strchr(w, '.') &&
		    field_split(w, &c->section, &c->key) == 0)
			k = COND_FIELD;
		if (k < 0) {
			const char *near = word_nearest(condition_names, w);
			char *list = list_join(condition_names);

			if (near)
				r = flow_error(cfg, l->lineno, l->section,
					       "requires: unknown condition '%s'; "
					       "did you mean '%s'?", w, near);
			else
				r = flow_error(cfg, l->lineno, l->section,
					       "requires: unknown condition '%s' "
					       "(conditions: %s, or a "
					       "section.key such as client.dob)",
					       w, list);
			free(list);
			break;
		}
		c->kind = (enum cond_kind)k;
		c->text = xstrdup(w);
		sf->nreq++;
	}
	strv_free(&items);
	return r;
}

static int
load_urgency(struct workflow_rules *w, const struct cfg *cfg)
{
	for (int i = 0; i < ACT_COUNT; i++)
		w->urgency[i] = action_default_urgency[i];
	for (size_t i = 0; i < cfg->n; i++) {
		const struct cfg_line *l = &cfg->lines[i];
		const char *v;
		char *end;
		long n;
		int a;

		if (l->kind != CFG_KEY || !l->section ||
		    strcmp(l->section, "urgency"))
			continue;
		if ((a = action_find(l->key)) < 0) {
			const char *near = word_nearest(action_names, l->key);
			char *list = list_join(action_names);
			int r;

			if (near)
				r = flow_error(cfg, l->lineno, "urgency", "unknown "
					       "action '%s'; did you mean '%s'?",
					       l->key, near);
			else
				r = flow_error(cfg, l->lineno, "urgency", "unknown "
					       "action '%s' (actions: %s)",
					       l->key, list);
			free(list);
			return r;
		}
		v = l->value ? l->value : "";
		errno = 0;
		n = strtol(v, &end, 10);
		if (!isdigit((unsigned char)*v) || *end || errno || n > 1000)
			return flow_error(cfg, l->lineno, "urgency", "%s: '%s' is "
					  "not a whole number from 0 to 1000",
					  l->key, v);
		w->urgency[a] = (int)n;
	}
	return 0;
}

static int
load_rules(struct workflow_rules *w, const struct cfg *cfg)
{
	const char *v = cfg_get(cfg, "rules", "intro_call_days");
	char *end;
	long n;

	delay_parse(&w->intro_call, "1bd");
	if (v && *v && delay_parse(&w->intro_call, v) < 0)
		return flow_error(cfg, cfg_lineno(cfg, "rules", "intro_call_days"),
				  "rules", "intro_call_days: '%s' is not a number "
				  "of days or business days (1, 1d or 1bd)", v);
	w->inquiry_hours = 24;
	v = cfg_get(cfg, "rules", "inquiry_response_hours");
	if (v && *v) {
		errno = 0;
		n = strtol(v, &end, 10);
		if (!isdigit((unsigned char)*v) || *end || errno || n < 1 ||
		    n > 100000)
			return flow_error(cfg, cfg_lineno(cfg, "rules",
					  "inquiry_response_hours"), "rules",
					  "inquiry_response_hours: '%s' is not a "
					  "whole number of hours", v);
		w->inquiry_hours = (int)n;
	}
	return 0;
}

int
workflow_rules_load(struct firm *f)
{
	struct workflow_rules *w = xcalloc(1, sizeof(*w));
	const struct cfg *cfg = f->cfg;
	size_t *caps = xcalloc(f->nstages + 1, sizeof(*caps));
	int r;

	f->wf = w;
	w->stage = xcalloc(f->nstages + 1, sizeof(*w->stage));
	r = load_urgency(w, cfg);
	if (!r)
		r = load_rules(w, cfg);
	for (size_t i = 0; !r && i < cfg->n; i++) {
		const struct cfg_line *l = &cfg->lines[i];
		char *kind, *name;
		int st;

		if (l->kind != CFG_KEY || !l->section ||
		    strncmp(l->section, "stage \"", 7) ||
		    cfg_split_subsection(l->section, &kind, &name) < 0)
			continue;
		st = !strcmp(kind, "stage") ? firm_stage(f, name) : -1;
		free(kind);
		free(name);
		if (st < 0)
			continue;
		if (!strcmp(l->key, "task"))
			r = load_task(cfg, l, &w->stage[st], &caps[st]);
		else if (!strcmp(l->key, "requires"))
			r = load_requires(cfg, l, &w->stage[st]);
	}
	free(caps);
	return r;
}

void
workflow_rules_free(struct firm *f)
{
	struct workflow_rules *w = f->wf;

	if (!w)
		return;
	for (size_t i = 0; i < f->nstages; i++) {
		struct stage_flow *sf = &w->stage[i];

		for (size_t k = 0; k < sf->ntask; k++) {
			free(sf->task[k].when);
			free(sf->task[k].what);
			free(sf->task[k].name);
		}
		for (size_t k = 0; k < sf->nreq; k++) {
			free(sf->req[k].text);
			free(sf->req[k].section);
			free(sf->req[k].key);
		}
		free(sf->task);
		free(sf->req);
	}
	free(w->stage);
	free(w);
	f->wf = NULL;
}

/* ---- a case entering and leaving a stage ---- */

int
stage_tasks_enter(const struct firm *f, struct dcase *c, size_t st,
		  long today, struct strv *summary)
{
	const struct stage_flow *sf = &f->wf->stage[st];
	const char *who = *c->manager ? c->manager : c->attorney;
	char *owner = xstrdup(who);
	int n = 0, r = 0;

	for (size_t i = 0; i < sf->ntask && !r; i++) {
		const struct stage_task *t = &sf->task[i];
		const struct deadline *open = NULL;
		char *sec, d[DATE_LEN];
		long when;

		/* the view is rebuilt after each edit: its strings point
		 * into the case's cfg */
		if ((r = case_view(c, f, NULL)))
			break;
		for (size_t k = 0; k < c->ndue; k++)
			if (!strcmp(c->due[k].name, t->name) &&
			    c->due[k].done == NO_DATE)
				open = &c->due[k];
		if (date_parse_cal(&when, t->when, today, &f->cal) < 0) {
			r = dk_err(DK_EINVAL, "%s:%d: task: '%s' is not an offset",
				   FIRM_FILE, t->line, t->when);
			break;
		}
		if (open && open->date <= when)
			continue;
		sec = cfg_subsection("due", t->name);
		r = case_set_keys(c, sec, "date", date_fmt(d, when), "what",
				  t->what, "who", owner, "done", "", NULL);
		free(sec);
		if (!r) {
			n++;
			if (summary)
				strv_push_owned(summary, xasprintf("%s %s", t->name,
								   d));
		}
	}
	free(owner);
	if (!r)
		r = case_view(c, f, NULL);
	return r ? r : n;
}

int
stage_tasks_leave(const struct firm *f, struct dcase *c, size_t st,
		  long today)
{
	const struct stage_flow *sf = &f->wf->stage[st];
	char d[DATE_LEN];
	int n = 0, r = 0;

	date_fmt(d, today);
	for (size_t i = 0; i < sf->ntask && !r; i++) {
		const struct deadline *dl;
		char *sec;

		if ((r = case_view(c, f, NULL)))
			break;
		dl = case_deadline(c, sf->task[i].name);
		if (!dl || dl->done != NO_DATE)
			continue;
		sec = cfg_subsection("due", sf->task[i].name);
		r = case_set(c, sec, "done", d);
		free(sec);
		n += !r;
	}
	if (!r)
		r = case_view(c, f, NULL);
	return r ? r : n;
}

/* The names of the sections [kind "..."] of the case, in the file's
 * order, whose key is empty (want_empty) or not. */
static void
sections_where(const struct dcase *c, const char *kind, const char *key,
	       int want_empty, struct strv *out, size_t *total)
{
	const struct cfg *cfg = c->cfg;

	*total = 0;
	for (size_t i = 0; i < cfg->n; i++) {
		const struct cfg_line *l = &cfg->lines[i];
		char *k, *name;
		const char *v;

		if (l->kind != CFG_SECTION ||
		    cfg_split_subsection(l->section, &k, &name) < 0)
			continue;
		if (!strcmp(k, kind)) {
			(*total)++;
			v = cfg_get(cfg, l->section, key);
			if ((!v || !*v) == want_empty)
				strv_push(out, name);
		}
		free(k);
		free(name);
	}
}

static char *
joined(const struct strv *v)
{
	struct sb sb = SB_INIT;

	for (size_t i = 0; i < v->n; i++)
		sb_addf(&sb, "%s%s", i ? ", " : "", v->v[i]);
	return sb_detach(&sb);
}

/* Why the case does not meet c, or NULL when it does: a new string. */
static char *
unmet(const struct dcase *cs, const struct condition *c)
{
	const struct workup *w = cs->wu;
	struct strv names = STRV_INIT;
	struct sb why = SB_INIT;
	char *list, *res = NULL;
	size_t total;

	switch (c->kind) {
	case COND_RECORDS_COMPLETE:
		if (workup_records_complete(w, &why) == NO_DATE)
			res = sb_detach(&why);
		break;
	case COND_PROVIDERS_DISCHARGED:
		for (size_t i = 0; i < w->nprov; i++)
			if (w->prov[i].discharged == NO_DATE)
				strv_push(&names, w->prov[i].handle);
		if (!w->nprov)
			res = xstrdup("no provider");
		else if (names.n) {
			list = joined(&names);
			res = xasprintf("still treating: %s", list);
			free(list);
		}
		break;
	case COND_LOR_SENT:
		for (size_t i = 0; i < w->npol; i++)
			if (w->pol[i].lor_sent == NO_DATE)
				strv_push(&names, w->pol[i].handle);
		if (!w->npol)
			res = xstrdup("no policy");
		else if (names.n) {
			list = joined(&names);
			res = xasprintf("not sent: %s", list);
			free(list);
		}
		break;
	case COND_DEMAND_SENT:
		if (!w->ndemand)
			res = xstrdup("no demand sent");
		break;
	case COND_SETTLED:
		sections_where(cs, "settlement", "amount", 0, &names, &total);
		if (!names.n)
			res = xstrdup("no recovery recorded");
		break;
	case COND_LIENS_FINAL:
		sections_where(cs, "lien", "final", 1, &names, &total);
		if (names.n) {
			list = joined(&names);
			res = xasprintf("not final: %s", list);
			free(list);
		}
		break;
	case COND_NO_OPEN_ESCALATION:
		for (size_t i = 0; i < cs->nesc; i++)
			if (cs->esc[i].resolved == NO_DATE)
				strv_push(&names, cs->esc[i].name);
		if (names.n) {
			list = joined(&names);
			res = xasprintf("open: escalation %s", list);
			free(list);
		}
		break;
	case COND_NO_OPEN_DEADLINES:
		for (size_t i = 0; i < cs->ndue; i++)
			if (cs->due[i].done == NO_DATE)
				strv_push(&names, cs->due[i].name);
		if (names.n) {
			list = joined(&names);
			res = xasprintf("open: %s", list);
			free(list);
		}
		break;
	case COND_FIELD: {
		const char *v = cfg_get(cs->cfg, c->section, c->key);

		if (!v)
			res = xstrdup("not set");
		else if (!*v)
			res = xstrdup("empty");
		break;
	}
	}
	strv_free(&names);
	sb_free(&why);
	return res;
}

size_t
stage_unmet(const struct firm *f, const struct dcase *c, size_t st,
	    struct strv *out)
{
	const struct stage_flow *sf = &f->wf->stage[st];
	size_t n = 0;

	for (size_t i = 0; i < sf->nreq; i++) {
		char *why = unmet(c, &sf->req[i]);

		if (!why)
			continue;
		strv_push_owned(out, xasprintf("%s (%s)", sf->req[i].text, why));
		free(why);
		n++;
	}
	return n;
}
