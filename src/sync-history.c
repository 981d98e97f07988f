/*
 * sync-history.c - who changed it later: each side's history of a file
 * since the sides parted (repo_log, from each side's tip, behind the
 * merge bases), and the question the INI merge asks when both sides
 * changed a key: which side's change is the later one.  That side wins;
 * the other value is kept in a note (sync-words.c, sync-merge.c).
 */
#include "docket/cfg.h"
#include "docket/repo-log.h"
#include "docket/error.h"
#include "docket/util.h"
#include "syncer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
add_change(void *arg, const struct repo_log_entry *c)
{
	struct hist *h = arg;
	struct hchange *hc;

	GROW(h->c, h->cap, h->n + 1);
	hc = &h->c[h->n++];
	memset(hc, 0, sizeof(*hc));
	hc->time = c->time;
	snprintf(hc->id, sizeof(hc->id), "%s", c->id);
	hc->author = xstrdup(c->author ? c->author : "?");
	/* a version that does not parse has no keys, as far as this goes */
	if (c->old_ini && cfg_parse(&hc->old, "old", c->old_ini, c->old_len))
		hc->old = NULL;
	if (c->new_ini && cfg_parse(&hc->new_, "new", c->new_ini, c->new_len))
		hc->new_ = NULL;
	return 0;
}

/* The name a file had before the merge followed its case directory to
 * where one side moved it (a new string), or NULL. */
static char *
moved_from(const struct syncer *s, const char *path)
{
	for (size_t i = 0; i < s->nmv; i++) {
		size_t n = strlen(s->mv[i].to);

		if (!strncmp(path, s->mv[i].to, n) && path[n] == '/')
			return xasprintf("%s%s", s->mv[i].from, path + n);
	}
	return NULL;
}

static struct hist *
history(struct syncer *s, int side, const char *path)
{
	struct repo_log_opts lo;
	struct hist *h;
	char *alias;

	for (size_t i = 0; i < s->nh; i++)
		if (s->h[i].side == side && !strcmp(s->h[i].path, path))
			return &s->h[i];
	GROW(s->h, s->caph, s->nh + 1);
	h = &s->h[s->nh++];
	memset(h, 0, sizeof(*h));
	h->path = xstrdup(path);
	h->side = side;
	alias = moved_from(s, path);
	memset(&lo, 0, sizeof(lo));
	lo.tip = s->tip[side];
	lo.hide = (const char *const *)s->hide.v;
	lo.nhide = s->hide.n;
	lo.path = path;
	lo.alias = alias;
	lo.no_merges = 1;	/* a merge's version is one of its parents' */
	if (*s->tip[side] && repo_log(s->o->repo, &lo, add_change, h) < 0) {
		/* no history: the decision falls back on the tips */
		for (size_t i = 0; i < h->n; i++) {
			cfg_free(h->c[i].old);
			cfg_free(h->c[i].new_);
			free(h->c[i].author);
		}
		h->n = 0;
	}
	free(alias);
	return h;
}

void
sync_histories_free(struct syncer *s)
{
	for (size_t i = 0; i < s->nh; i++) {
		for (size_t j = 0; j < s->h[i].n; j++) {
			cfg_free(s->h[i].c[j].old);
			cfg_free(s->h[i].c[j].new_);
			free(s->h[i].c[j].author);
		}
		free(s->h[i].c);
		free(s->h[i].path);
	}
	free(s->h);
	s->h = NULL;
	s->nh = s->caph = 0;
}

static const char *
get(const struct cfg *cfg, const char *section, const char *key)
{
	return cfg ? cfg_get(cfg, section, key) : NULL;
}

/* A section's keys and values, to see whether it changed. */
static char *
section_text(const struct cfg *cfg, const char *section)
{
	struct sb sb = SB_INIT;

	if (!cfg || !cfg_has_section(cfg, section))
		return NULL;
	for (size_t i = 0; i < cfg->n; i++) {
		const struct cfg_line *l = &cfg->lines[i];

		if (l->kind == CFG_KEY && l->section && l->key &&
		    !strcmp(l->section, section))
			sb_addf(&sb, "%s=%s\n", l->key, l->value ? l->value : "");
	}
	sb_add(&sb, "", 0);
	return sb_detach(&sb);
}

void
sync_last_change(struct syncer *s, int side, const char *path,
		 const char *section, const char *key, enum what what,
		 struct who *w)
{
	struct hist *h = history(s, side, path);

	memset(w, 0, sizeof(*w));
	for (size_t i = 0; i < h->n; i++) {
		const struct hchange *c = &h->c[i];
		int changed;

		if (what == KEY_CHANGED) {
			changed = !streq(get(c->old, section, key),
					 get(c->new_, section, key));
		} else if (what == SECTION_ADDED) {
			changed = !(c->old && cfg_has_section(c->old, section)) &&
				  c->new_ && cfg_has_section(c->new_, section);
		} else {
			char *a = section_text(c->old, section);
			char *b = section_text(c->new_, section);

			changed = !streq(a, b);
			free(a);
			free(b);
		}
		if (!changed)
			continue;
		if (!w->found || c->time > w->time ||
		    (c->time == w->time && strcmp(c->id, w->id) > 0)) {
			w->found = 1;
			w->time = c->time;
			snprintf(w->id, sizeof(w->id), "%s", c->id);
			w->author = c->author;
		}
	}
}

static int
is_later(const struct who *a, const struct who *b)
{
	if (a->found != b->found)
		return a->found;
	if (a->time != b->time)
		return a->time > b->time;
	return strcmp(a->id, b->id) > 0;
}

enum merge_side
sync_later(void *arg, const char *section, const char *key)
{
	struct fctx *f = arg;
	struct syncer *s = f->s;
	enum what what = key ? KEY_CHANGED : SECTION_ADDED;
	struct who o, t;

	sync_last_change(s, 0, f->path, section, key, what, &o);
	sync_last_change(s, 1, f->path, section, key, what, &t);
	if (!o.found && !t.found) {
		/* nothing to go by but the two tips */
		o.found = t.found = 1;
		o.time = s->tip_time[0];
		t.time = s->tip_time[1];
		snprintf(o.id, sizeof(o.id), "%s", s->tip[0]);
		snprintf(t.id, sizeof(t.id), "%s", s->tip[1]);
	}
	return is_later(&o, &t) ? MERGE_OURS : MERGE_THEIRS;
}
