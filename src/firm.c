/* firm.c - docket.ini's own sections: the firm, the pipeline and its
 * stages, the numbers of [rules], the staff, the indicators; and their
 * lookups.  The whole file is read by firm-load.c. */
#include "docket/firm.h"
#include "docket/cfg.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/id.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const escalation_reasons[] = {
	"medical", "complexity", "treatment", "coverage", "communication",
	"other", NULL
};
const char *const note_kinds[] = {
	"call", "email", "text", "meeting", "letter", "portal",
	"medical", "internal", "escalation", "stage", "inquiry", "document",
	NULL
};
/* an inquiry (the client reaching the firm) is client contact too; the
 * others answer it */
const char *const contact_kinds[] = {
	"call", "email", "text", "meeting", "letter", "portal", "inquiry", NULL
};
const char *const answer_kinds[] = {
	"call", "email", "text", "meeting", "letter", "portal", NULL
};

void
firm_free_own(struct firm *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->nstages; i++) {
		free(f->stages[i].name);
		free(f->stages[i].due_when);
		free(f->stages[i].due_what);
	}
	for (size_t i = 0; i < f->nstaff; i++) {
		free(f->staff[i].handle);
		free(f->staff[i].name);
		free(f->staff[i].email);
		free(f->staff[i].role);
	}
	for (size_t i = 0; i < f->nind; i++) {
		free(f->ind[i].reason);
		strv_free(&f->ind[i].phrases);
	}
	calendar_free(&f->cal);
	free(f->stages);
	free(f->staff);
	free(f->by_handle);
	free(f->by_email);
	free(f->ind);
	free(f->name);
	free(f->root);
	cfg_free(f->cfg);
	free(f);
}

/* msg, prefixed by docket.ini:LINE of the key (or its section). */
static int
firm_error(const struct cfg *cfg, const char *section, const char *key,
	   const char *msg)
{
	int line = cfg_lineno(cfg, section, key);

	if (!line && key)
		line = cfg_lineno(cfg, section, NULL);
	return dk_err_at(DK_EPARSE, FIRM_FILE, line, "%s", msg);
}

static int
get_int(const struct cfg *cfg, const char *section, const char *key,
	int def, int *out)
{
	const char *v = cfg_get(cfg, section, key);
	char *end;
	long n;

	*out = def;
	if (!v || !*v)
		return 0;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || *end || n < 0 || n > 1000000 || !isdigit((unsigned char)*v)) {
		char *msg = xasprintf("%s: '%s' is not a whole number", key, v);
		int r = firm_error(cfg, section, key, msg);

		free(msg);
		return r;
	}
	*out = (int)n;
	return 0;
}

static int
load_stages(struct firm *f, struct strv *warnings)
{
	const struct cfg *cfg = f->cfg;
	const char *v = cfg_get(cfg, "pipeline", "stages");
	struct strv names = STRV_INIT;
	int r = 0;

	if (!v || !*v)
		return firm_error(cfg, "pipeline", "stages",
				  "[pipeline] has no 'stages = ...'");
	strv_split(&names, v, ',');
	if (names.n < 2) {
		strv_free(&names);
		return firm_error(cfg, "pipeline", "stages",
				  "stages: the pipeline needs at least two stages");
	}
	f->stages = xcalloc(names.n, sizeof(*f->stages));
	for (size_t i = 0; i < names.n && !r; i++) {
		struct stage_rule *s = &f->stages[f->nstages];
		char *sec = cfg_subsection("stage", names.v[i]);
		const char *due;

		if (name_check(names.v[i], NAME_MAX_LEN, "stage name") < 0) {
			char *msg = xasprintf("stages: %s", dk_errmsg());

			r = firm_error(cfg, "pipeline", "stages", msg);
			free(msg);
		} else if (firm_stage(f, names.v[i]) >= 0) {
			char *msg = xasprintf("stages: '%s' is listed twice",
					      names.v[i]);

			r = firm_error(cfg, "pipeline", "stages", msg);
			free(msg);
		}
		if (r) {
			free(sec);
			break;
		}
		s->name = xstrdup(names.v[i]);
		s->max_days = -1;
		f->nstages++;
		if (cfg_get(cfg, sec, "max_days"))
			r = get_int(cfg, sec, "max_days", -1, &s->max_days);
		due = cfg_get(cfg, sec, "on_enter_due");
		if (!r && due && *due) {
			const char *sp = strchr(due, ' ');
			char *when = sp ? xstrndup(due, (size_t)(sp - due)) : NULL;
			char *plus = when ? xasprintf("%s%s", *when == '+' ? "" : "+", when) : NULL;
			long d;

			if (!when || date_parse(&d, plus, 0) < 0 || !*trim((char *)sp)) {
				char *msg = xasprintf("on_enter_due: '%s' is not "
						      "'<3d|2w|1m|2bd> <what>'", due);

				r = firm_error(cfg, sec, "on_enter_due", msg);
				free(msg);
			} else {
				s->due_when = plus;
				plus = NULL;
				while (*sp == ' ')
					sp++;
				s->due_what = xstrdup(sp);
			}
			free(when);
			free(plus);
		}
		free(sec);
	}
	strv_free(&names);
	if (r || !warnings)
		return r;
	for (size_t i = 0; i < cfg->n; i++) {
		char *kind, *name;

		if (cfg->lines[i].kind != CFG_SECTION ||
		    cfg_split_subsection(cfg->lines[i].section, &kind, &name) < 0)
			continue;
		if (!strcmp(kind, "stage") && firm_stage(f, name) < 0)
			strv_push_owned(warnings, xasprintf(
				"%s:%d: [stage \"%s\"] is not in the pipeline",
				FIRM_FILE, cfg->lines[i].lineno, name));
		free(kind);
		free(name);
	}
	return 0;
}

/* By handle; by email, ignoring case, then in the file's order. */
static int
cmp_handle(const void *a, const void *b)
{
	return strcmp((*(struct staff *const *)a)->handle,
		      (*(struct staff *const *)b)->handle);
}

static int
cmp_email(const void *a, const void *b)
{
	const struct staff *x = *(struct staff *const *)a;
	const struct staff *y = *(struct staff *const *)b;
	int c = strcasecmp(x->email, y->email);

	return c ? c : (x > y) - (x < y);
}

/* Thousands of staff are looked up by a binary search, not one by one. */
static void
index_staff(struct firm *f)
{
	f->by_handle = xcalloc(f->nstaff + 1, sizeof(*f->by_handle));
	f->by_email = xcalloc(f->nstaff + 1, sizeof(*f->by_email));
	for (size_t i = 0; i < f->nstaff; i++)
		f->by_handle[i] = f->by_email[i] = &f->staff[i];
	qsort(f->by_handle, f->nstaff, sizeof(*f->by_handle), cmp_handle);
	qsort(f->by_email, f->nstaff, sizeof(*f->by_email), cmp_email);
}

static int
load_staff(struct firm *f)
{
	const struct cfg *cfg = f->cfg;
	size_t cap = 0;

	for (size_t i = 0; i < cfg->n; i++) {
		const struct cfg_line *l = &cfg->lines[i];
		const char *role;
		struct staff *s;
		char *kind, *name;
		int r;

		if (l->kind != CFG_SECTION ||
		    cfg_split_subsection(l->section, &kind, &name) < 0)
			continue;
		if (strcmp(kind, "staff")) {
			free(kind);
			free(name);
			continue;
		}
		free(kind);
		r = name_check(name, NAME_MAX_LEN, "staff handle");
		if (r) {
			char *msg = xstrdup(dk_errmsg());

			r = firm_error(cfg, l->section, NULL, msg);
			free(msg);
			free(name);
			return r;
		}
		role = cfg_get(cfg, l->section, "role");
		if (role && *role && strcmp(role, "attorney") &&
		    strcmp(role, "manager") && strcmp(role, "staff")) {
			char *msg = xasprintf("role: '%s' is not attorney, manager "
					      "or staff", role);

			r = firm_error(cfg, l->section, "role", msg);
			free(msg);
			free(name);
			return r;
		}
		GROW(f->staff, cap, f->nstaff + 1);
		s = &f->staff[f->nstaff++];
		s->handle = name;
		s->name = xstrdup(cfg_get(cfg, l->section, "name") ?
				  cfg_get(cfg, l->section, "name") : name);
		s->email = xstrdup(cfg_get(cfg, l->section, "email") ?
				   cfg_get(cfg, l->section, "email") : "");
		s->role = xstrdup(role && *role ? role : "staff");
	}
	index_staff(f);
	return 0;
}

void
firm_read_indicators(struct firm *f, struct strv *warnings)
{
	const struct cfg *cfg = f->cfg;
	size_t cap = 0;

	for (size_t i = 0; i < cfg->n; i++) {
		const struct cfg_line *l = &cfg->lines[i];
		struct indicator *ind;

		if (l->kind != CFG_KEY || strcmp(l->section, "indicators"))
			continue;
		if (!word_in(escalation_reasons, l->key) && warnings)
			strv_push_owned(warnings, xasprintf(
				"%s:%d: [indicators] '%s' is not an escalation "
				"reason", FIRM_FILE, l->lineno, l->key));
		GROW(f->ind, cap, f->nind + 1);
		ind = &f->ind[f->nind++];
		memset(ind, 0, sizeof(*ind));
		ind->reason = xstrdup(l->key);
		strv_split(&ind->phrases, l->value, ',');
		for (size_t k = 0; k < ind->phrases.n; k++)
			for (char *p = ind->phrases.v[k]; *p; p++)
				*p = (char)tolower((unsigned char)*p);
	}
}

int
firm_read(struct firm *f, struct strv *warnings)
{
	int r;

	f->name = xstrdup(cfg_get(f->cfg, "firm", "name") ?
			  cfg_get(f->cfg, "firm", "name") : "");
	if ((r = load_stages(f, warnings)) ||
	    (r = get_int(f->cfg, "rules", "sol_years", 2, &f->sol_years)) ||
	    (r = get_int(f->cfg, "rules", "contact_days", 30, &f->contact_days)) ||
	    (r = get_int(f->cfg, "rules", "contact_target_pct", 80,
			 &f->contact_target_pct)) ||
	    (r = get_int(f->cfg, "rules", "manager_caseload_max", 150,
			 &f->manager_max)) ||
	    (r = get_int(f->cfg, "rules", "attorney_caseload_max", 100,
			 &f->attorney_max)) ||
	    (r = get_int(f->cfg, "rules", "sol_watch_days", SOL_WATCH_DAYS,
			 &f->sol_watch_days)) ||
	    (r = load_staff(f)))
		return r;
	return calendar_load(&f->cal, f->cfg);
}

int
firm_stage(const struct firm *f, const char *stage)
{
	for (size_t i = 0; i < f->nstages; i++)
		if (!strcmp(f->stages[i].name, stage))
			return (int)i;
	return -1;
}

int
firm_stage_pick(const struct firm *f, const char *name, int *out)
{
	const char **names = xcalloc(f->nstages + 1, sizeof(*names));
	const char *near;
	char *lower = str_lower(name), *list;
	int r;

	for (size_t i = 0; i < f->nstages; i++)
		names[i] = f->stages[i].name;
	*out = firm_stage(f, lower);
	near = *out < 0 ? word_nearest(names, lower) : NULL;
	free(names);
	free(lower);
	if (*out >= 0)
		return 0;
	if (near)
		return dk_err(DK_EINVAL, "unknown stage '%s'; did you mean '%s'?",
			      name, near);
	list = firm_stage_list(f);
	r = dk_err(DK_EINVAL, "unknown stage '%s' (stages: %s)", name, list);
	free(list);
	return r;
}

char *
firm_stage_list(const struct firm *f)
{
	struct sb sb = SB_INIT;

	for (size_t i = 0; i < f->nstages; i++)
		sb_addf(&sb, "%s%s", i ? ", " : "", f->stages[i].name);
	return sb_detach(&sb);
}

const struct staff *
firm_staff(const struct firm *f, const char *handle)
{
	struct staff key = { .handle = (char *)handle }, *k = &key, **s;

	if (!f->nstaff)
		return NULL;
	s = bsearch(&k, f->by_handle, f->nstaff, sizeof(*f->by_handle),
		    cmp_handle);
	return s ? *s : NULL;
}

const struct staff *
firm_staff_near(const struct firm *f, const char *handle)
{
	const struct staff *best = NULL;
	size_t bd = (size_t)-1;

	for (size_t i = 0; i < f->nstaff; i++) {
		size_t d = edit_distance(handle, f->by_handle[i]->handle);

		if (d < bd) {
			bd = d;
			best = f->by_handle[i];
		}
	}
	return bd <= 2 && bd < strlen(handle) ? best : NULL;
}

const struct staff *
firm_staff_by_email(const struct firm *f, const char *email)
{
	size_t lo = 0, hi = f->nstaff;

	if (!*email)
		return NULL;
	/* the first of those with this email */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcasecmp(f->by_email[mid]->email, email) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < f->nstaff && !strcasecmp(f->by_email[lo]->email, email) ?
	       f->by_email[lo] : NULL;
}
