/* case.c - case.ini: find, load, validate, edit, save. */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/id.h"
#include "docket/workup.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- finding cases ---- */

static int
is_year(const char *s)
{
	return strlen(s) == 4 && isdigit((unsigned char)s[0]) &&
	       isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2]) &&
	       isdigit((unsigned char)s[3]);
}

/* The year directories under cases/, sorted. */
static void
list_years(struct strv *years, const char *root)
{
	char *cases = path_join(root, CASES_DIR);
	DIR *d = opendir(cases);
	struct dirent *e;

	free(cases);
	if (!d)
		return;
	while ((e = readdir(d)))
		if (is_year(e->d_name))
			strv_push(years, e->d_name);
	closedir(d);
	strv_sort(years);
}

/* cases/YEAR/ID/case.ini, with real directories all the way: a symlink
 * planted in the tree must never lead docket outside the repository. */
static int
is_case_dir(const char *root, const char *year, const char *id)
{
	char *p = xasprintf("%s%s/%s/%s/%s", root, CASES_DIR, year, id, CASE_FILE);
	size_t n = strlen(p);
	struct stat st;
	int r = lstat(p, &st) == 0 && S_ISREG(st.st_mode);

	for (int up = 0; r && up < 3; up++) {
		while (n && p[n - 1] != '/')
			n--;
		p[--n] = '\0';
		r = lstat(p, &st) == 0 && S_ISDIR(st.st_mode);
	}
	free(p);
	return r;
}

/* cases/ and cases/YEAR (yd) are real directories. */
static int
real_dirs(const char *root, const char *yd)
{
	char *cases = path_join(root, CASES_DIR);
	struct stat st;
	int r = lstat(cases, &st) == 0 && S_ISDIR(st.st_mode) &&
		lstat(yd, &st) == 0 && S_ISDIR(st.st_mode);

	free(cases);
	return r;
}

/* is_case_dir for an entry of a year directory real_dirs checked: the
 * entry's type as readdir gives it saves a stat a case, the lstat of
 * case.ini remains (a firm of 10,000 cases lists in 10,000 stats, not
 * 40,000). */
static int
is_case_entry(const char *root, const char *year, DIR *d,
	      const struct dirent *e, int ini)
{
	char p[NAME_MAX + sizeof(CASE_FILE) + 2];
	struct stat st;

	if (e->d_type == DT_UNKNOWN)
		return is_case_dir(root, year, e->d_name);
	if (e->d_type != DT_DIR)
		return 0;
	if (!ini)
		return 1;
	/* from the year's directory: a short path to walk */
	snprintf(p, sizeof(p), "%s/%s", e->d_name, CASE_FILE);
	return fstatat(dirfd(d), p, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	       S_ISREG(st.st_mode);
}

/* Cases whose ID starts with prefix (all cases for ""), as "cases/Y/ID". */
static void
scan(struct strv *out, const char *root, const char *prefix, int ini)
{
	struct strv years = STRV_INIT;
	size_t plen = strlen(prefix);

	list_years(&years, root);
	for (size_t y = 0; y < years.n; y++) {
		char *yd = xasprintf("%s%s/%s", root, CASES_DIR, years.v[y]);
		DIR *d = real_dirs(root, yd) ? opendir(yd) : NULL;
		/* "cases/YEAR/", each entry's path begins so */
		size_t head = sizeof(CASES_DIR) + strlen(years.v[y]) + 1;
		struct dirent *e;

		free(yd);
		if (!d)
			continue;
		while ((e = readdir(d))) {
			size_t n;
			char *p;

			if (e->d_name[0] == '.' || strncmp(e->d_name, prefix, plen) ||
			    id_check(e->d_name) < 0 ||
			    !is_case_entry(root, years.v[y], d, e, ini))
				continue;
			/* not xasprintf: this runs for every case */
			n = strlen(e->d_name);
			p = xmalloc(head + n + 1);
			memcpy(p, CASES_DIR "/", sizeof(CASES_DIR));
			memcpy(p + sizeof(CASES_DIR), years.v[y],
			       head - sizeof(CASES_DIR) - 1);
			p[head - 1] = '/';
			memcpy(p + head, e->d_name, n + 1);
			strv_push_owned(out, p);
		}
		closedir(d);
	}
	strv_free(&years);
}

const char *
case_dir_id(const char *dir)
{
	const char *s = strrchr(dir, '/');

	return s ? s + 1 : dir;
}

int
case_is_file(const char *path)
{
	const char *p = path;
	int slashes = 0;

	if (!has_prefix(path, CASES_DIR "/"))
		return 0;
	for (; *p; p++)
		slashes += *p == '/';
	return slashes == 3 && !strcmp(strrchr(path, '/') + 1, CASE_FILE);
}

char *
case_dir_of(const char *path)
{
	return xstrndup(path, (size_t)(strrchr(path, '/') - path));
}

int
case_list_dirs(struct strv *dirs, const char *root)
{
	scan(dirs, root, "", 1);
	strv_sort_by_base(dirs);
	return 0;
}

int
case_list_maybe(struct strv *dirs, const char *root)
{
	scan(dirs, root, "", 0);
	strv_sort_by_base(dirs);
	return 0;
}

int
case_id_taken(const char *root, const char *id)
{
	struct strv years = STRV_INIT;
	int taken = 0;

	list_years(&years, root);
	for (size_t y = 0; y < years.n && !taken; y++) {
		char *p = xasprintf("%s%s/%s/%s", root, CASES_DIR, years.v[y], id);

		taken = path_exists(p);
		free(p);
	}
	strv_free(&years);
	return taken;
}

/* The files in dir, recursively (not following symlinks); notes: those
 * in its notes/ directory. */
static void
count_files(const char *dir, size_t *files, size_t *notes, int in_notes)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char *p;
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		p = path_join(dir, e->d_name);
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			count_files(p, files, notes, !in_notes &&
				    !strcmp(e->d_name, "notes"));
		} else if (lstat(p, &st) == 0) {
			(*files)++;
			*notes += in_notes;
		}
		free(p);
	}
	closedir(d);
}

/* Directories of cases/YEAR with files but no case.ini. */
static void
orphan_dirs(struct strv *problems, const char *root)
{
	struct strv years = STRV_INIT;

	list_years(&years, root);
	for (size_t y = 0; y < years.n; y++) {
		char *yd = xasprintf("%s%s/%s", root, CASES_DIR, years.v[y]);
		DIR *d = opendir(yd);
		struct dirent *e;
		struct strv names = STRV_INIT;

		if (!d) {
			free(yd);
			continue;
		}
		while ((e = readdir(d)))
			if (e->d_name[0] != '.')
				strv_push(&names, e->d_name);
		closedir(d);
		strv_sort(&names);
		for (size_t i = 0; i < names.n; i++) {
			char *p = path_join(yd, names.v[i]);
			size_t files = 0, notes = 0;
			struct stat st;

			if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode) &&
			    !is_case_dir(root, years.v[y], names.v[i]))
				count_files(p, &files, &notes, 0);
			if (notes)
				strv_push_owned(problems, xasprintf(
					"%s/%s/%s: no case.ini: %zu note%s here "
					"belong%s to no case (move %s into the case "
					"%s belong%s to, or restore the case.ini)",
					CASES_DIR, years.v[y], names.v[i], notes,
					notes == 1 ? "" : "s",
					notes == 1 ? "s" : "",
					notes == 1 ? "it" : "them",
					notes == 1 ? "it" : "they",
					notes == 1 ? "s" : ""));
			else if (files)
				strv_push_owned(problems, xasprintf(
					"%s/%s/%s: no case.ini: %zu file%s here "
					"belong%s to no case", CASES_DIR,
					years.v[y], names.v[i], files,
					files == 1 ? "" : "s",
					files == 1 ? "s" : ""));
			free(p);
		}
		strv_free(&names);
		free(yd);
	}
	strv_free(&years);
}

void
case_layout_problems(struct strv *problems, const char *root)
{
	struct strv dirs = STRV_INIT;

	orphan_dirs(problems, root);
	case_list_dirs(&dirs, root);
	/* sorted by ID: one ID's directories are next to each other */
	for (size_t i = 0; i < dirs.n; ) {
		size_t j = i + 1;

		while (j < dirs.n && !strcmp(case_dir_id(dirs.v[i]),
					     case_dir_id(dirs.v[j])))
			j++;
		if (j - i > 1) {
			struct sb sb = SB_INIT;

			for (size_t k = i; k < j; k++)
				sb_addf(&sb, "%s%s", k == i ? "" : k + 1 == j ?
					" and " : ", ", dirs.v[k]);
			strv_push_owned(problems, xasprintf(
				"case ID %s is in %s places: %s (keep one, or "
				"give one another ID)", case_dir_id(dirs.v[i]),
				j - i == 2 ? "two" : "several", sb_str(&sb)));
			sb_free(&sb);
		}
		i = j;
	}
	strv_free(&dirs);
}

int
case_find(char **dir, const char *root, const char *id)
{
	struct strv years = STRV_INIT, found = STRV_INIT;
	int r = 0;

	*dir = NULL;
	if (id_check(id) < 0)
		return DK_EINVAL;
	list_years(&years, root);
	for (size_t y = 0; y < years.n; y++)
		if (is_case_dir(root, years.v[y], id))
			strv_push_owned(&found, xasprintf("%s/%s/%s", CASES_DIR,
							  years.v[y], id));
	strv_free(&years);
	if (!found.n)
		scan(&found, root, id, 1);
	if (found.n == 1) {
		*dir = xstrdup(found.v[0]);
	} else if (!found.n) {
		r = dk_err(DK_ENOTFOUND, "no case '%s' (see 'docket list')", id);
	} else {
		struct sb sb = SB_INIT;

		strv_sort_by_base(&found);
		for (size_t i = 0; i < found.n && i < 20; i++)
			sb_addf(&sb, "%s%s", i ? ", " : "", case_dir_id(found.v[i]));
		if (found.n > 20)
			sb_addf(&sb, " and %zu more", found.n - 20);
		r = dk_err(DK_EAMBIG, "case ID '%s' is ambiguous: %s", id,
			   sb_str(&sb));
		sb_free(&sb);
	}
	strv_free(&found);
	return r;
}

/* ---- loading ---- */

static void clear_view(struct dcase *c);

void
case_free(struct dcase *c)
{
	if (!c)
		return;
	free(c->id);
	free(c->dir);
	free(c->file);
	cfg_free(c->cfg);
	clear_view(c);
	free(c);
}

struct dcase *
case_alloc(const char *dir)
{
	struct dcase *c = xcalloc(1, sizeof(*c));
	size_t n = strlen(dir);

	c->dir = xstrdup(dir);
	c->id = xstrdup(case_dir_id(dir));
	c->file = xmalloc(n + sizeof("/" CASE_FILE));
	memcpy(c->file, dir, n);
	memcpy(c->file + n, "/" CASE_FILE, sizeof("/" CASE_FILE));
	return c;
}

int
case_parse(struct dcase **out, const struct firm *firm, const char *dir,
	   const char *text, size_t len)
{
	struct dcase *c = case_alloc(dir);
	int r = cfg_parse(&c->cfg, c->file, text, len);

	if (!r)
		r = case_view(c, firm, NULL);
	if (r) {
		case_free(c);
		c = NULL;
	}
	*out = c;
	return r;
}

int
case_from_cfg(struct dcase **out, const struct firm *firm, const char *dir,
	      struct cfg *cfg)
{
	struct dcase *c = case_alloc(dir);
	int r;

	c->cfg = cfg;
	r = case_view(c, firm, NULL);
	if (r) {
		case_free(c);
		c = NULL;
	}
	*out = c;
	return r;
}

int
case_load(struct dcase **out, const struct firm *firm, const char *dir)
{
	struct sb sb = SB_INIT;
	char *path = xasprintf("%s%s/%s", firm->root, dir, CASE_FILE);
	char *file = xasprintf("%s/%s", dir, CASE_FILE);
	int r = cfg_read(&sb, path, file);

	free(path);
	free(file);
	*out = NULL;
	if (!r)
		r = case_parse(out, firm, dir, sb.buf, sb.len);
	sb_free(&sb);
	return r;
}

struct dcase *
case_new(const char *id, long opened)
{
	char *dir, d[DATE_LEN];
	struct dcase *c;

	/* cases/YYYY: the year the case was opened */
	date_fmt(d, opened);
	dir = xasprintf("%s/%.4s/%s", CASES_DIR, d, id);
	c = case_alloc(dir);
	free(dir);
	cfg_parse(&c->cfg, c->file, "", 0);
	cfg_set(c->cfg, "case", "id", id);
	return c;
}

/* ---- the view ---- */

const char *const defendant_kinds[] = {
	"person", "business", "government", NULL
};

int
case_state_ok(const char *s)
{
	size_t n = strlen(s);

	if (!n || n > 32 || !isalpha((unsigned char)*s))
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-')
			return 0;
	return 1;
}

struct checker {
	struct dcase *c;
	int r;
};

static int
bad(struct checker *k, const char *section, const char *key,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int
bad(struct checker *k, const char *section, const char *key,
    const char *fmt, ...)
{
	struct sb sb = SB_INIT;
	va_list ap;
	int line;

	if (k->r)
		return k->r;
	line = cfg_error_line(k->c->cfg, section, key);
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	if (line)
		k->r = dk_err_at(DK_EPARSE, k->c->file, line, "%s", sb_str(&sb));
	else
		k->r = dk_err_at(DK_EPARSE, k->c->file, 0, "[%s] %s", section,
				 sb_str(&sb));
	sb_free(&sb);
	return k->r;
}

static const char *
get(const struct dcase *c, const char *section, const char *key)
{
	const char *v = cfg_get(c->cfg, section, key);

	return v ? v : "";
}

/* A date key: NO_DATE when empty and allowed to be. */
static long
date_key(struct checker *k, const char *section, const char *key, int required)
{
	const char *v = get(k->c, section, key);
	long d;

	if (!*v) {
		if (required)
			bad(k, section, key, "%s: a date is required", key);
		return NO_DATE;
	}
	if (date_parse_iso(&d, v) < 0) {
		bad(k, section, key, "%s: '%s' is not a date (YYYY-MM-DD)",
		    key, v);
		return NO_DATE;
	}
	return d;
}

void
case_check_handle(const struct firm *firm, const char *what,
		  const char *handle, struct strv *w)
{
	if (w && handle && *handle && !firm_staff(firm, handle))
		strv_push_owned(w, xasprintf("%s: '%s' is not in docket.ini's "
					     "[staff]", what, handle));
}

static void
clear_view(struct dcase *c)
{
	for (size_t i = 0; !c->view_text && i < c->ndue; i++)
		free((char *)c->due[i].name);
	for (size_t i = 0; !c->view_text && i < c->nesc; i++)
		free((char *)c->esc[i].name);
	for (size_t i = 0; !c->view_text && i < c->ndis; i++)
		free((char *)c->dis[i].reason);
	for (size_t i = 0; !c->view_text && i < c->ndef; i++)
		free((char *)c->def[i].name);
	free(c->view_text);
	c->view_text = NULL;
	free(c->due);
	free(c->esc);
	free(c->dis);
	free(c->def);
	free(c->entered);
	c->entered = NULL;
	c->nentered = 0;
	c->due = NULL;
	c->esc = NULL;
	c->dis = NULL;
	c->def = NULL;
	c->ndue = c->nesc = c->ndis = c->ndef = 0;
	workup_free(c->wu);
	c->wu = NULL;
}

static void
view_subsections(struct checker *k, const struct firm *firm, struct strv *w)
{
	struct dcase *c = k->c;
	size_t capd = 0, cape = 0, capf = 0, capx = 0;

	for (size_t i = 0; i < c->cfg->n && !k->r; i++) {
		const struct cfg_line *l = &c->cfg->lines[i];
		const char *sec = l->section;
		char *kind, *name;

		if (l->kind != CFG_SECTION ||
		    !(has_prefix(sec, "due \"") ||
		      has_prefix(sec, "escalation \"") ||
		      has_prefix(sec, "dismissed \"") ||
		      has_prefix(sec, "defendant \"")) ||
		    cfg_split_subsection(sec, &kind, &name) < 0)
			continue;
		if (!strcmp(kind, "due")) {
			struct deadline *d;

			if (name_check(name, NAME_MAX_LEN, "deadline name") < 0)
				bad(k, sec, NULL, "%s", dk_errmsg());
			GROW(c->due, capd, c->ndue + 1);
			d = &c->due[c->ndue++];
			d->name = name;
			name = NULL;
			d->line = l->lineno;
			d->date = date_key(k, sec, "date", 1);
			d->done = date_key(k, sec, "done", 0);
			d->what = get(c, sec, "what");
			d->who = get(c, sec, "who");
			d->basis = get(c, sec, "basis");
			if (w) {
				char *what = xasprintf("%s:%d: [%s] who", c->file,
						       cfg_lineno(c->cfg, sec, "who"), sec);

				case_check_handle(firm, what, d->who, w);
				free(what);
			}
		} else if (!strcmp(kind, "escalation")) {
			struct escalation *e;

			GROW(c->esc, cape, c->nesc + 1);
			e = &c->esc[c->nesc++];
			e->name = name;
			name = NULL;
			e->line = l->lineno;
			e->opened = date_key(k, sec, "opened", 1);
			e->resolved = date_key(k, sec, "resolved", 0);
			e->by = get(c, sec, "by");
			e->to = get(c, sec, "to");
			e->reason = get(c, sec, "reason");
			e->what = get(c, sec, "what");
			e->resolution = get(c, sec, "resolution");
			if (!word_in(escalation_reasons, e->reason)) {
				char *list = list_join(escalation_reasons);

				bad(k, sec, "reason", "reason: '%s' is not an "
				    "escalation reason (%s)", e->reason, list);
				free(list);
			}
			if (w) {
				char *what = xasprintf("%s:%d: [%s] to", c->file,
						       cfg_lineno(c->cfg, sec, "to"), sec);

				case_check_handle(firm, what, e->to, w);
				free(what);
			}
		} else if (!strcmp(kind, "dismissed")) {
			struct dismissal *x;

			GROW(c->dis, capx, c->ndis + 1);
			x = &c->dis[c->ndis++];
			x->reason = name;
			name = NULL;
			x->line = l->lineno;
			x->date = date_key(k, sec, "date", 1);
			x->by = get(c, sec, "by");
			x->why = get(c, sec, "why");
			if (!word_in(escalation_reasons, x->reason)) {
				char *list = list_join(escalation_reasons);

				bad(k, sec, NULL, "'%s' is not an escalation reason "
				    "(%s)", x->reason, list);
				free(list);
			}
		} else if (!strcmp(kind, "defendant")) {
			struct defendant *df;

			if (name_check(name, NAME_MAX_LEN, "defendant name") < 0)
				bad(k, sec, NULL, "%s", dk_errmsg());
			GROW(c->def, capf, c->ndef + 1);
			df = &c->def[c->ndef++];
			df->name = name;
			name = NULL;
			df->line = l->lineno;
			df->display = get(c, sec, "name");
			df->kind = get(c, sec, "kind");
			if (*df->kind && !word_in(defendant_kinds, df->kind)) {
				char *list = list_join(defendant_kinds);

				bad(k, sec, "kind", "kind: '%s' is not a kind of "
				    "defendant (%s)", df->kind, list);
				free(list);
			}
		}
		free(kind);
		free(name);
	}
}

int
case_view(struct dcase *c, const struct firm *firm, struct strv *w)
{
	struct checker k = { c, 0 };
	const char *id;

	clear_view(c);
	c->title = get(c, "case", "title");
	c->client = get(c, "case", "client");
	c->type = get(c, "case", "type");
	c->stage = get(c, "case", "stage");
	c->status = get(c, "case", "status");
	c->attorney = get(c, "case", "attorney");
	c->manager = get(c, "case", "manager");
	c->state = get(c, "case", "state");
	c->opened = c->incident = c->closed = c->stage_since = NO_DATE;
	c->dob = NO_DATE;

	if (!cfg_has_section(c->cfg, "case"))
		return bad(&k, "case", NULL, "no [case] section");
	id = get(c, "case", "id");
	if (strcmp(id, c->id))
		return bad(&k, "case", "id", "id: '%s' is not the case's "
			   "directory name '%s'", id, c->id);
	if (firm_stage(firm, c->stage) < 0) {
		char *list = firm_stage_list(firm);

		bad(&k, "case", "stage", "stage: '%s' is not a stage of the "
		    "pipeline (%s)", c->stage, list);
		free(list);
		return k.r;
	}
	if (strcmp(c->status, "open") && strcmp(c->status, "closed"))
		return bad(&k, "case", "status", "status: '%s' is not open "
			   "or closed", c->status);
	c->open = !strcmp(c->status, "open");
	c->opened = date_key(&k, "case", "opened", 1);
	c->incident = date_key(&k, "case", "incident", 0);
	c->closed = date_key(&k, "case", "closed", 0);
	if (!k.r && c->incident != NO_DATE && c->incident > c->opened)
		bad(&k, "case", "incident", "incident: %s is after the day "
		    "the case was opened (%s)", get(c, "case", "incident"),
		    get(c, "case", "opened"));
	if (!k.r && *c->state && !case_state_ok(c->state))
		bad(&k, "case", "state", "state: '%s' is not a state code "
		    "(letters, digits and '-', such as CA)", c->state);
	if (!k.r)
		c->dob = date_key(&k, "client", "dob", 0);
	if (!k.r && c->dob != NO_DATE && c->incident != NO_DATE &&
	    c->dob > c->incident)
		bad(&k, "client", "dob", "dob: %s is after the incident (%s)",
		    get(c, "client", "dob"), get(c, "case", "incident"));
	else if (!k.r && c->dob != NO_DATE && c->dob > c->opened)
		bad(&k, "client", "dob", "dob: %s is after the day the case "
		    "was opened (%s)", get(c, "client", "dob"),
		    get(c, "case", "opened"));
	for (size_t i = 0, cap = 0; i < c->cfg->n && !k.r; i++) {
		const struct cfg_line *l = &c->cfg->lines[i];

		if (l->kind == CFG_KEY && !strcmp(l->section, "stages")) {
			long d = date_key(&k, "stages", l->key, 0);

			if (d != NO_DATE) {
				GROW(c->entered, cap, c->nentered + 1);
				c->entered[c->nentered].stage = l->key;
				c->entered[c->nentered++].date = d;
			}

			if (!strcmp(l->key, c->stage) && d != NO_DATE)
				c->stage_since = d;
			if (w && firm_stage(firm, l->key) < 0)
				strv_push_owned(w, xasprintf(
					"%s:%d: [stages] '%s' is not a stage of "
					"the pipeline", c->file, l->lineno, l->key));
		}
	}
	if (c->stage_since == NO_DATE)
		c->stage_since = c->opened;
	if (!k.r)
		view_subsections(&k, firm, w);
	if (!k.r)
		k.r = workup_read(&c->wu, c->cfg, c->file, w);
	if (!k.r && w) {
		char *what = xasprintf("%s:%d: attorney", c->file,
				       cfg_lineno(c->cfg, "case", "attorney"));

		case_check_handle(firm, what, c->attorney, w);
		free(what);
		what = xasprintf("%s:%d: manager", c->file,
				 cfg_lineno(c->cfg, "case", "manager"));
		case_check_handle(firm, what, c->manager, w);
		free(what);
	}
	return k.r;
}

/* ---- editing and saving ---- */

int
case_is_date_key(const char *section, const char *key)
{
	if (!strcmp(section, "case"))
		return !strcmp(key, "opened") || !strcmp(key, "incident") ||
		       !strcmp(key, "closed");
	if (!strcmp(section, "client"))
		return !strcmp(key, "dob");
	if (!strcmp(section, "stages"))
		return 1;
	if (has_prefix(section, "due \""))
		return !strcmp(key, "date") || !strcmp(key, "done");
	if (has_prefix(section, "escalation \""))
		return !strcmp(key, "opened") || !strcmp(key, "resolved");
	if (has_prefix(section, "dismissed \""))
		return !strcmp(key, "date");
	return workup_is_date_key(section, key);
}

int
case_set(struct dcase *c, const char *section, const char *key,
	 const char *value)
{
	return cfg_set(c->cfg, section, key, value);
}

int
case_set_keys(struct dcase *c, const char *section, ...)
{
	va_list ap;
	const char *key;
	int r = 0;

	va_start(ap, section);
	while (!r && (key = va_arg(ap, const char *)))
		r = case_set(c, section, key, va_arg(ap, const char *));
	va_end(ap);
	return r;
}

char *
case_path(const struct firm *firm, const struct dcase *c)
{
	return xasprintf("%s%s", firm->root, c->file);
}

void
case_text(const struct dcase *c, struct sb *out)
{
	cfg_write(c->cfg, out);
}

int
case_save(const struct firm *firm, const struct dcase *c)
{
	struct sb sb = SB_INIT;
	char *path = case_path(firm, c);
	int r = mkdirs(firm->root, c->dir, dir_mode);

	if (!r) {
		case_text(c, &sb);
		r = write_file_atomic(path, sb.buf, sb.len, file_mode);
	}
	if (r < 0)
		r = dk_errno(DK_EIO, dk_errnum(), "cannot write %s", c->file);
	sb_free(&sb);
	free(path);
	return r;
}

const struct deadline *
case_deadline(const struct dcase *c, const char *name)
{
	for (size_t i = 0; i < c->ndue; i++)
		if (!strcmp(c->due[i].name, name))
			return &c->due[i];
	return NULL;
}

long
case_dismissed(const struct dcase *c, const char *reason)
{
	for (size_t i = 0; i < c->ndis; i++)
		if (!strcmp(c->dis[i].reason, reason))
			return c->dis[i].date;
	return NO_DATE;
}

char *
case_next_escalation(const struct dcase *c)
{
	long max = 0;

	for (size_t i = 0; i < c->nesc; i++) {
		char *end;
		long n = strtol(c->esc[i].name, &end, 10);

		if (!*end && n > max)
			max = n;
	}
	return xasprintf("%ld", max + 1);
}
