/* firm.c - docket.ini: pipeline, rules, staff, indicators. */
#include "docket/firm.h"
#include "docket/cfg.h"
#include "docket/date.h"
#include "docket/deadline.h"
#include "docket/error.h"
#include "docket/id.h"
#include "docket/workflow.h"
#include "docket/workup.h"

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

int
word_in(const char *const *list, const char *w)
{
	for (; *list; list++)
		if (!strcmp(*list, w))
			return 1;
	return 0;
}

char *
list_join(const char *const *list)
{
	struct sb sb = SB_INIT;

	for (; *list; list++)
		sb_addf(&sb, "%s%s", sb.len ? ", " : "", *list);
	return sb_detach(&sb);
}

void
firm_free(struct firm *f)
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
	sol_rules_free(f);
	workup_rules_free(f);
	workflow_rules_free(f);
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
	if (line)
		return dk_err(DK_EPARSE, "%s:%d: %s", FIRM_FILE, line, msg);
	return dk_err(DK_EPARSE, "%s: %s", FIRM_FILE, msg);
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

static void
load_indicators(struct firm *f, struct strv *warnings)
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
firm_load(struct firm **out, const char *root, struct strv *warnings)
{
	struct firm *f = xcalloc(1, sizeof(*f));
	char *path = path_join(root, FIRM_FILE);
	int r;

	*out = NULL;
	f->root = path_join(root, "");
	r = cfg_load(&f->cfg, path, FIRM_FILE);
	free(path);
	if (r == DK_ENOTFOUND)
		r = dk_err(DK_ENOFIRM, "no %s in %s (run 'docket init' to "
			   "make a firm)", FIRM_FILE, root);
	if (r)
		goto out;
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
	    (r = load_staff(f)) ||
	    (r = calendar_load(&f->cal, f->cfg)) ||
	    (r = sol_rules_load(f, warnings)) ||
	    (r = workup_rules_load(f)) ||
	    (r = workflow_rules_load(f)))
		goto out;
	load_indicators(f, warnings);
out:
	if (r)
		firm_free(f);
	else
		*out = f;
	return r;
}

int
firm_stage(const struct firm *f, const char *stage)
{
	for (size_t i = 0; i < f->nstages; i++)
		if (!strcmp(f->stages[i].name, stage))
			return (int)i;
	return -1;
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

static const char pi_pipeline[] =
	"[pipeline]\n"
	"stages = intake, treatment, records, demand, negotiation, litigation, "
	"settlement, closed\n"
	"\n"
	"[stage \"intake\"]\n"
	"max_days = 14\n"
	"# tasks: each a deadline when a case enters the stage, done when it\n"
	"# moves on (docket next lists them); uncomment to use\n"
	"# task = 1bd Call the client: introduce yourself and the process\n"
	"# task = 2bd Send letters of representation\n"
	"[stage \"treatment\"]\n"
	"max_days = 180\n"
	"[stage \"records\"]\n"
	"max_days = 30\n"
	"[stage \"demand\"]\n"
	"# demand out within 72 hours of final records\n"
	"max_days = 3\n"
	"on_enter_due = 3d Send demand package to carrier\n"
	"# what must hold to enter the stage (docket advance-stage refuses\n"
	"# until it does, or --force); uncomment to use\n"
	"# requires = records-complete, lor-sent\n"
	"[stage \"negotiation\"]\n"
	"max_days = 60\n"
	"[stage \"litigation\"]\n"
	"max_days = 365\n"
	"[stage \"settlement\"]\n"
	"max_days = 30\n"
	"# [stage \"closed\"]\n"
	"# requires = liens-final, no-open-escalation\n";

static const char generic_pipeline[] =
	"[pipeline]\n"
	"stages = initiation, planning, coordination, implementation, "
	"monitoring, review, closure, follow-up\n"
	"\n"
	"[stage \"initiation\"]\n"
	"max_days = 14\n"
	"[stage \"planning\"]\n"
	"max_days = 30\n"
	"[stage \"review\"]\n"
	"max_days = 30\n";

static const char rest[] =
	"\n"
	"[rules]\n"
	"# statute of limitations, years from the incident, for a case whose\n"
	"# state has no [sol] rule below\n"
	"sol_years = 2\n"
	"# report lists the SOLs and notices of claim due within this many days\n"
	"sol_watch_days = 180\n"
	"# every client is contacted at least this often\n"
	"contact_days = 30\n"
	"contact_target_pct = 80\n"
	"manager_caseload_max = 150\n"
	"attorney_caseload_max = 100\n"
	"# the workup: a records request is followed up after this many days;\n"
	"# the demand goes out this many days after the last records (72\n"
	"# hours); report lists a client in treatment whose last visit is\n"
	"# older than this\n"
	"records_followup_days = 14\n"
	"demand_within_days = 3\n"
	"treatment_gap_days = 30\n"
	"# business days (bd) or days (d) to send the letter of representation\n"
	"# to a new policy's carrier, and to tell the client of an offer\n"
	"lor_days = 2bd\n"
	"offer_convey_days = 2bd\n"
	"# case types the firm sends straight to an attorney (report suggests\n"
	"# a complexity escalation, as it does for a commercial policy)\n"
	"attorney_types = truck\n"
	"# a new manager calls the client within this time (docket assign);\n"
	"# a client's inquiry is answered within this many hours\n"
	"intro_call_days = 1bd\n"
	"inquiry_response_hours = 24\n"
	"\n"
	"# the urgency of each action of docket next: sol 100, notice 90,\n"
	"# overdue 80, demand 70, inquiry 60, escalation 55, offer 50,\n"
	"# contact 40, records 30, treatment 25, due-soon 20, stuck 10\n"
	"[urgency]\n"
	"\n";

static const char indicators[] =
	"\n"
	"# words in notes that suggest an escalation, by reason\n"
	"[indicators]\n"
	"medical = numbness, tingling, loss of consciousness, blacked out, "
	"confusion, forgetful\n"
	"complexity = 18-wheeler, semi truck, tractor-trailer, commercial policy, "
	"evidence preservation, witness\n"
	"treatment = stopped treatment, refuses treatment, skip therapy, "
	"settle now\n"
	"coverage = denied, liability dispute, uninsured, underinsured, coverage\n"
	"communication = unhappy, dissatisfied, frustrated, another lawyer, "
	"complaint\n";

char *
firm_default_ini(const char *pipeline, const char *firm_name,
		 const char *handle, const char *name, const char *email)
{
	const char *p;

	if (!strcmp(pipeline, "pi"))
		p = pi_pipeline;
	else if (!strcmp(pipeline, "generic"))
		p = generic_pipeline;
	else
		return NULL;
	return xasprintf("[firm]\nname = %s\n\n%s%s"
			 "# staff handles; add the rest of the team here\n"
			 "[staff \"%s\"]\nname = %s\nemail = %s\nrole = attorney\n"
			 "%s%s",
			 firm_name, p, rest, handle, name, email, indicators,
			 deadlines_default_ini);
}
