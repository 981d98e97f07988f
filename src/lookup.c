/*
 * lookup.c - a case found by its ID, its client's name or the directory
 * the user is in (see lookup.h).
 */
#include "docket/lookup.h"
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/error.h"
#include "docket/util.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void
lookup_free(struct lookup *l)
{
	free(l->dir);
	free(l->client);
	l->dir = l->client = NULL;
}

/* Is what a case-insensitive (ASCII) prefix of the n bytes at s? */
static int
prefix_ci(const char *s, size_t n, const char *what)
{
	size_t m = strlen(what);

	if (!m || m > n)
		return 0;
	for (size_t i = 0; i < m; i++)
		if (tolower((unsigned char)s[i]) != tolower((unsigned char)what[i]))
			return 0;
	return 1;
}

int
lookup_name_matches(const char *client, const char *what)
{
	const char *p = client;

	if (!client || !*what)
		return 0;
	if (prefix_ci(client, strlen(client), what))
		return 1;
	/* each word: split at spaces, hyphens and the like */
	while (*p) {
		size_t n;

		while (*p && (isspace((unsigned char)*p) || strchr("-,.()'\"", *p)))
			p++;
		n = 0;
		while (p[n] && !isspace((unsigned char)p[n]) &&
		       !strchr("-,.()'\"", p[n]))
			n++;
		if (n && prefix_ci(p, n, what))
			return 1;
		p += n;
	}
	return 0;
}

/* The case whose directory (or a directory below it) is the process's. */
static int
here(struct lookup *out, const char *root)
{
	char *cwd = realpath(".", NULL), *top = realpath(root, NULL);
	const char *rel;
	size_t n;
	int r = 0;

	if (!cwd || !top) {
		r = dk_err(DK_ENOTFOUND, "cannot tell which case this directory "
			   "is (give a case ID)");
		goto out;
	}
	n = strlen(top);
	rel = cwd + n;
	if (strncmp(cwd, top, n) || (*rel && *rel != '/') ||
	    strncmp(rel, "/" CASES_DIR "/", strlen(CASES_DIR) + 2)) {
		r = dk_err(DK_ENOTFOUND, "this directory is in no case "
			   "(give a case ID, or cd into a case's directory)");
		goto out;
	}
	rel++;
	{
		/* cases/YYYY/ID */
		const char *year = rel + strlen(CASES_DIR) + 1;
		const char *id = strchr(year, '/');
		char *dir, *file;

		if (!id || !id[1]) {
			r = dk_err(DK_ENOTFOUND, "this directory is in no case "
				   "(give a case ID, or cd into a case's "
				   "directory)");
			goto out;
		}
		id++;
		dir = xstrndup(rel, (size_t)(id - rel) + strcspn(id, "/"));
		file = xasprintf("%s%s/%s", root, dir, CASE_FILE);
		if (!path_exists(file)) {
			r = dk_err(DK_ENOTFOUND, "%s has no %s: it is no case",
				   dir, CASE_FILE);
			free(dir);
		} else {
			out->dir = dir;
		}
		free(file);
	}
out:
	free(cwd);
	free(top);
	return r;
}

struct match {
	char *dir, *client, *title;
};

/* The cases whose client's name matches what, or (by_id) whose ID starts
 * with it. */
static void
matching(struct match **out, size_t *n, const char *root, const char *what,
	 int by_id)
{
	struct strv dirs = STRV_INIT;
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	case_list_dirs(&dirs, root);
	for (size_t i = 0; i < dirs.n; i++) {
		char *path = xasprintf("%s%s/%s", root, dirs.v[i], CASE_FILE);
		struct cfg *cfg = NULL;
		const char *client;

		if (by_id && strncmp(case_dir_id(dirs.v[i]), what, strlen(what)))
			;
		else if (!cfg_load(&cfg, path, path) &&
		    (client = cfg_get(cfg, "case", "client")) &&
		    (by_id || lookup_name_matches(client, what))) {
			const char *title = cfg_get(cfg, "case", "title");

			GROW(*out, cap, *n + 1);
			(*out)[*n].dir = xstrdup(dirs.v[i]);
			(*out)[*n].client = xstrdup(client);
			(*out)[*n].title = xstrdup(title ? title : "");
			(*n)++;
		}
		cfg_free(cfg);
		free(path);
	}
	strv_free(&dirs);
}

/* "ID (client: title)", or "ID (client)" of a case whose title is none
 * or the client's name (add's default). */
static void
describe(struct sb *sb, const struct match *m, size_t i)
{
	int title = *m->title && strcmp(m->title, m->client);

	sb_addf(sb, "%s%s (%s%s%s)", i ? ", " : "", case_dir_id(m->dir),
		m->client, title ? ": " : "", title ? m->title : "");
}

int
lookup_case(struct lookup *out, const char *root, const char *what)
{
	struct match *m;
	size_t n;
	char *why;
	int r;

	out->dir = out->client = NULL;
	if (!what || !strcmp(what, "."))
		return here(out, root);
	r = case_find(&out->dir, root, what);
	if (r != DK_ENOTFOUND && r != DK_EINVAL && r != DK_EAMBIG)
		return r;
	why = xstrdup(dk_errmsg());
	/* an ID's prefix that fits several: which clients they are; no case
	 * by that ID: a client's name, then */
	matching(&m, &n, root, what, r == DK_EAMBIG);
	if (r == DK_EAMBIG) {
		struct sb sb = SB_INIT;

		for (size_t i = 0; i < n && i < 20; i++)
			describe(&sb, &m[i], i);
		if (n > 20)
			sb_addf(&sb, " and %zu more", n - 20);
		if (n > 1)
			r = dk_err(DK_EAMBIG, "case ID '%s' is ambiguous: %s",
				   what, sb_str(&sb));
		else
			r = dk_err(r, "%s", why);
		sb_free(&sb);
	} else if (n == 1) {
		out->dir = m[0].dir;
		out->client = m[0].client;
		m[0].dir = m[0].client = NULL;
		r = 0;
	} else if (n > 1) {
		struct sb sb = SB_INIT;

		for (size_t i = 0; i < n; i++)
			describe(&sb, &m[i], i);
		r = dk_err(DK_EAMBIG, "'%s' matches %zu clients: %s", what, n,
			   sb_str(&sb));
		sb_free(&sb);
	} else {
		r = dk_err(r, "%s", why);
	}
	for (size_t i = 0; i < n; i++) {
		free(m[i].dir);
		free(m[i].client);
		free(m[i].title);
	}
	free(m);
	free(why);
	return r;
}

/* A name with its letters' case and runs of spaces aside: a new string. */
static char *
name_key(const char *s)
{
	struct sb sb = SB_INIT;

	for (; *s; s++) {
		if (isspace((unsigned char)*s)) {
			if (sb.len && sb.buf[sb.len - 1] != ' ')
				sb_addc(&sb, ' ');
		} else {
			sb_addc(&sb, (char)tolower((unsigned char)*s));
		}
	}
	if (sb.len && sb.buf[sb.len - 1] == ' ')
		sb.buf[--sb.len] = '\0';
	return sb.buf ? sb_detach(&sb) : xstrdup("");
}

static int
same_name(const char *a, const char *b)
{
	char *ka = name_key(a), *kb = name_key(b);
	int same = !strcmp(ka, kb);

	free(ka);
	free(kb);
	return same;
}

void
lookup_same_intake(struct strv *out, const char *root, const char *client,
		   const char *incident, const char *except)
{
	struct strv dirs = STRV_INIT;

	case_list_dirs(&dirs, root);
	for (size_t i = 0; i < dirs.n; i++) {
		char *path;
		struct cfg *cfg = NULL;
		const char *c, *inc, *st;

		if (!strcmp(case_dir_id(dirs.v[i]), except))
			continue;
		path = xasprintf("%s%s/%s", root, dirs.v[i], CASE_FILE);
		if (!cfg_load(&cfg, path, path) &&
		    (c = cfg_get(cfg, "case", "client")) &&
		    same_name(c, client) &&
		    streq((inc = cfg_get(cfg, "case", "incident")) ? inc : "",
			  incident) &&
		    (st = cfg_get(cfg, "case", "status")) && !strcmp(st, "open"))
			strv_push(out, case_dir_id(dirs.v[i]));
		cfg_free(cfg);
		free(path);
	}
	strv_free(&dirs);
}
