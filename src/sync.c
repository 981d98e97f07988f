/* sync.c - team work: the sync loop and the merge of firm files (see sync.h). */
#include "docket/sync.h"
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/date.h"
#include "docket/deadline.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/merge.h"
#include "docket/note.h"
#include "docket/repo.h"
#include "docket/repo-log.h"
#include "docket/repo-merge.h"
#include "docket/repo-remote.h"
#include "docket/util.h"
#include "docket/workup.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- the history behind a decision ---- */

struct hchange {
	time_t time;
	char id[REPO_ID_LEN];
	char *author;
	struct cfg *old, *new_;
};

struct hist {
	char *path;
	int side;
	struct hchange *c;
	size_t n, cap;
};

/* Who made a side's latest change to something, and when. */
struct who {
	int found;
	time_t time;
	char id[REPO_ID_LEN];
	const char *author;
};

/* One decision of the merge, with the file it was made in. */
struct fdecision {
	char *path;
	struct merge_decision d;
	struct who kept, other;
	char *note;		/* the note that keeps it, for case files */
};

/* A case directory one side moved (another year), which the merge
 * follows: side 0 ours, 1 theirs, 2 both. */
struct cmove {
	char *from, *to;
	int side;
};

struct syncer {
	const struct sync_opts *o;
	const char *where;	/* "origin/main", or "theirs" for git */
	/* merging merge bases into the virtual base of a criss-cross merge
	 * (how deep): nothing is decided, reported or refused */
	int quiet, depth;
	char base[REPO_ID_LEN], tip[2][REPO_ID_LEN];
	struct strv hide;	/* the merge bases: the history before */
	struct cmove *mv;
	size_t nmv, capmv;
	time_t tip_time[2];
	struct hist *h;
	size_t nh, caph;
	struct fdecision *dec;
	size_t ndec, capdec;
	/* deadlines recomputed from merged facts: as printed, and for the
	 * commit message (without values) */
	struct strv recomputed, recomputed_msg;
};

/* The file being merged, for the merge's callbacks. */
struct fctx {
	struct syncer *s;
	const char *path;
};

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

static void
free_histories(struct syncer *s)
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

enum what { KEY_CHANGED, SECTION_ADDED, SECTION_CHANGED };

/*
 * A side's latest change (since the merge base) to section.key, or the
 * latest commit that added or changed the section.  Equal times: the
 * greater commit id, so every clone decides the same way.
 */
static void
last_change(struct syncer *s, int side, const char *path, const char *section,
	    const char *key, enum what what, struct who *w)
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

static enum merge_side
later_cb(void *arg, const char *section, const char *key)
{
	struct fctx *f = arg;
	struct syncer *s = f->s;
	enum what what = key ? KEY_CHANGED : SECTION_ADDED;
	struct who o, t;

	last_change(s, 0, f->path, section, key, what, &o);
	last_change(s, 1, f->path, section, key, what, &t);
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

/* ---- words ---- */

static char *
when_str(char *buf, size_t size, time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
	return buf;
}

/* "Carol Park, 2026-11-23 10:02" */
static char *
who_str(const struct who *w, const char *side)
{
	char t[32];

	if (!w->found)
		return xstrdup(side);
	return xasprintf("%s, %s", w->author, when_str(t, sizeof(t), w->time));
}

static int
is_case_file(const char *path)
{
	const char *p = path;
	int slashes = 0;

	if (!has_prefix(path, CASES_DIR "/"))
		return 0;
	for (; *p; p++)
		slashes += *p == '/';
	return slashes == 3 && !strcmp(strrchr(path, '/') + 1, CASE_FILE);
}

/* "cases/2026/smith-7k2p/case.ini" -> "cases/2026/smith-7k2p" */
static char *
case_dir_of(const char *path)
{
	return xstrndup(path, (size_t)(strrchr(path, '/') - path));
}

static const char *
id_of_dir(const char *dir)
{
	return strrchr(dir, '/') + 1;
}

static const char *
side_name(const struct syncer *s, int side)
{
	return side ? s->where : "yours";
}

/* What a decision did, without the file: "client.phone: kept ..." */
static char *
decision_text(const struct syncer *s, const struct fdecision *fd, int values)
{
	const struct merge_decision *d = &fd->d;
	char *key = d->key ? cfg_dotted(d->section, d->key) : NULL;
	char *kept = who_str(&fd->kept, side_name(s, d->kept));
	char *other = who_str(&fd->other, side_name(s, !d->kept));
	char *t = NULL;

	switch (d->kind) {
	case MERGE_BOTH_CHANGED:
		if (values)
			t = xasprintf("%s: kept \"%s\" (%s); \"%s\" (%s)", key,
				      d->kept_value, kept, d->lost_value, other);
		else
			t = xasprintf("%s: kept the value from (%s); the value "
				      "from (%s)", key, kept, other);
		break;
	case MERGE_KEPT_CHANGE:
		if (values)
			t = xasprintf("%s: kept \"%s\" (%s) over its deletion (%s)",
				      key, d->kept_value, kept, other);
		else
			t = xasprintf("%s: kept as changed (%s) over its deletion "
				      "(%s)", key, kept, other);
		break;
	case MERGE_KEPT_SECTION:
		t = xasprintf("[%s]: kept as changed (%s) over its deletion "
			      "(%s)", d->section, kept, other);
		break;
	case MERGE_RENUMBERED:
		t = xasprintf("[%s] was added on both sides: the later one "
			      "(%s) is now [%s]", d->section, other, d->renamed);
		break;
	case MERGE_RENAMED:
		t = xasprintf("[%s] was added on both sides as two different "
			      "deadlines: the later one (%s) is now [%s]",
			      d->section, other, d->renamed);
		break;
	}
	free(key);
	free(kept);
	free(other);
	return t;
}

/*
 * The line sync prints for a decision (values: with the values, for the
 * terminal; without, for the merge commit's message, which must hold
 * nothing confidential).
 */
static char *
decision_line(const struct syncer *s, const struct fdecision *fd, int values)
{
	char *t = decision_text(s, fd, values), *line;
	char *dir = is_case_file(fd->path) ? case_dir_of(fd->path) : NULL;
	const char *where = dir ? id_of_dir(dir) : fd->path;

	if (fd->d.kind == MERGE_BOTH_CHANGED && fd->note)
		line = xasprintf("%s: %s saved in %s", where, t,
				 fd->note + strlen(dir) + 1);
	else if (fd->d.kind == MERGE_BOTH_CHANGED)
		line = xasprintf("%s: %s kept in a comment above it", where, t);
	else
		line = xasprintf("%s: %s", where, t);
	free(t);
	free(dir);
	return line;
}

/* The comment that keeps a lost value in a file without notes. */
static char *
comment_cb(void *arg, const struct merge_decision *d)
{
	struct fctx *f = arg;
	struct who lost;
	char *w, *t;

	last_change(f->s, !d->kept, f->path, d->section, d->key, KEY_CHANGED,
		    &lost);
	w = who_str(&lost, side_name(f->s, !d->kept));
	t = xasprintf("docket merge: %s was also \"%s\" (%s)", d->key,
		      d->lost_value, w);
	free(w);
	return t;
}

/* ---- merging one file ---- */

/* [due "NAME"] named after a stage of the firm: the stage's deadline. */
static int
stage_due_cb(void *arg, const char *name)
{
	const struct fctx *f = arg;

	return f->s->o->firm && firm_stage(f->s->o->firm, name) >= 0;
}

static void
record(struct syncer *s, const char *path, const struct merge_decision *d)
{
	struct fdecision *fd;
	struct fctx f = { s, path };
	enum what what = d->key ? KEY_CHANGED :
			 d->kind == MERGE_RENUMBERED ||
			 d->kind == MERGE_RENAMED ? SECTION_ADDED :
			 SECTION_CHANGED;

	GROW(s->dec, s->capdec, s->ndec + 1);
	fd = &s->dec[s->ndec++];
	memset(fd, 0, sizeof(*fd));
	fd->path = xstrdup(path);
	fd->d = *d;
	fd->d.section = xstrdup(d->section);
	fd->d.key = d->key ? xstrdup(d->key) : NULL;
	fd->d.kept_value = d->kept_value ? xstrdup(d->kept_value) : NULL;
	fd->d.lost_value = d->lost_value ? xstrdup(d->lost_value) : NULL;
	fd->d.renamed = d->renamed ? xstrdup(d->renamed) : NULL;
	last_change(f.s, d->kept, path, d->section, d->key, what, &fd->kept);
	last_change(f.s, !d->kept, path, d->section, d->key, what, &fd->other);
	/* the strings live in the history, which outlives the decision */
}

static void
free_decisions(struct syncer *s)
{
	for (size_t i = 0; i < s->ndec; i++) {
		struct fdecision *fd = &s->dec[i];

		free(fd->d.section);
		free(fd->d.key);
		free(fd->d.kept_value);
		free(fd->d.lost_value);
		free(fd->d.renamed);
		free(fd->path);
		free(fd->note);
	}
	free(s->dec);
	s->dec = NULL;
	s->ndec = s->capdec = 0;
}

static int
merge_file(void *arg, const char *path, const char *base, size_t blen,
	   const char *ours, size_t olen, const char *theirs, size_t tlen,
	   struct sb *out)
{
	struct syncer *s = arg;
	struct fctx f = { s, path };
	struct merge_opts mo;
	struct merge_result res;
	char *lb, *lo, *lt;
	int r;

	if (!base && is_case_file(path) && !s->quiet) {
		char *dir = case_dir_of(path);

		r = dk_err(DK_ECONFLICT, "%s: case %s was added on both sides "
			   "(yours and %s) with different contents; two cases "
			   "got the same ID, so docket will not merge them: "
			   "give one of them another ID on one side and sync "
			   "again", path, id_of_dir(dir), s->where);
		free(dir);
		return r;
	}
	lb = xasprintf("%s (base)", path);
	lo = xasprintf("%s (yours)", path);
	lt = xasprintf("%s (%s)", path, s->where);
	memset(&mo, 0, sizeof(mo));
	mo.label[0] = lb;
	mo.label[1] = lo;
	mo.label[2] = lt;
	mo.later = later_cb;
	mo.comment = is_case_file(path) || s->quiet ? NULL : comment_cb;
	mo.stage_due = stage_due_cb;
	mo.arg = &f;
	mo.virtual_base = s->quiet;
	r = merge_text(&res, base, blen, ours, olen, theirs, tlen, &mo);
	if (!r) {
		for (size_t i = 0; i < res.n && !s->quiet; i++)
			record(s, path, &res.d[i]);
		sb_add(out, res.text, res.len);
		merge_result_free(&res);
		if (is_case_file(path) && !s->quiet)
			deadlines_merged(s->o->firm, path, ours, olen, theirs,
					 tlen, out, &s->recomputed,
					 &s->recomputed_msg);
		/* the workup: valid as merged, and its deadlines */
		if (is_case_file(path))
			r = workup_merged(s->o->firm, path, ours, olen, theirs,
					  tlen, out, date_of_time(s->o->now),
					  &s->recomputed, &s->recomputed_msg);
	} else if (r == DK_EPARSE) {
		r = dk_err(DK_ECONFLICT, "%s (a file that does not parse "
			   "cannot be merged)", dk_errmsg());
	}
	free(lb);
	free(lo);
	free(lt);
	return r;
}

/* ---- the notes that keep lost values ---- */

/* The note text for the decisions made in one case. */
static void
note_text(const struct syncer *s, const char *dir, struct sb *out)
{
	sb_adds(out, "docket merged changes made to this case in two places "
		"at once:\n\n");
	for (size_t i = 0; i < s->ndec; i++) {
		char *d, *t;

		if (!is_case_file(s->dec[i].path))
			continue;
		d = case_dir_of(s->dec[i].path);
		if (!strcmp(d, dir)) {
			t = decision_text(s, &s->dec[i], 1);
			sb_addf(out, "- %s\n", t);
			free(t);
		}
		free(d);
	}
}

/* The case directories with decisions, each once. */
static void
decided_cases(const struct syncer *s, struct strv *dirs)
{
	for (size_t i = 0; i < s->ndec; i++) {
		char *d;

		if (!is_case_file(s->dec[i].path))
			continue;
		d = case_dir_of(s->dec[i].path);
		if (strv_has(dirs, d))
			free(d);
		else
			strv_push_owned(dirs, d);
	}
}

static void
set_note(struct syncer *s, const char *dir, const char *note)
{
	for (size_t i = 0; i < s->ndec; i++) {
		char *d;

		if (!is_case_file(s->dec[i].path))
			continue;
		d = case_dir_of(s->dec[i].path);
		if (!strcmp(d, dir) && !s->dec[i].note)
			s->dec[i].note = xstrdup(note);
		free(d);
	}
}

/* Add one note per case with decisions to the merge. */
static int
add_notes(struct syncer *s, struct repo_merge *m)
{
	struct strv dirs = STRV_INIT;
	int r = 0;

	decided_cases(s, &dirs);
	for (size_t i = 0; i < dirs.n && !r; i++) {
		struct sb text = SB_INIT;
		char *path = NULL;

		for (int seq = 1; seq < 1000; seq++) {
			char *name = note_make_name(s->o->now, seq, "internal",
						    s->o->handle);

			free(path);
			path = xasprintf("%s/%s/%s", dirs.v[i], NOTES_DIR, name);
			free(name);
			if (!repo_merge_has(m, path))
				break;
		}
		note_text(s, dirs.v[i], &text);
		r = repo_merge_add(m, path, text.buf, text.len);
		if (!r)
			set_note(s, dirs.v[i], path);
		sb_free(&text);
		free(path);
	}
	strv_free(&dirs);
	return r;
}

/* ---- conflicts the driver does not see ---- */

static int
is_note_path(const char *path)
{
	const char *slash = strrchr(path, '/');
	struct note n;
	int ok;

	if (!has_prefix(path, CASES_DIR "/") || !slash ||
	    (size_t)(slash - path) < strlen("/" NOTES_DIR) ||
	    strncmp(slash - strlen("/" NOTES_DIR), "/" NOTES_DIR,
		    strlen("/" NOTES_DIR)))
		return 0;
	ok = note_parse_name(&n, slash + 1) == 0;
	note_clear(&n);
	return ok;
}

/* A free name for theirs' note, next in its second. */
static char *
free_note_name(struct repo_merge *m, const char *path)
{
	const char *slash = strrchr(path, '/');
	struct note n;
	char *out = NULL;

	if (note_parse_name(&n, slash + 1) < 0)
		return NULL;
	for (int seq = n.seq + 1; seq < 1000000; seq++) {
		char *name = note_make_name(n.time, seq, n.kind, n.author);

		out = xasprintf("%.*s/%s", (int)(slash - path), path, name);
		free(name);
		if (!repo_merge_has(m, out))
			break;
		free(out);
		out = NULL;
	}
	note_clear(&n);
	return out;
}

static int
resolve_conflicts(struct syncer *s, struct repo_merge *m, struct strv *lines)
{
	const struct repo_conflict *c;
	int r;

	while (repo_merge_conflicts(m, &c)) {
		char *as;

		if (s->quiet) {
			/* in the merge of merge bases, a file changed on one
			 * side and deleted on the other stays as changed, a
			 * note added on both sides under one name is ours';
			 * the rest is left out of the virtual base, so that
			 * the real merge sees both sides' versions as changes */
			int side = -1;

			if (c->base && c->ours != c->theirs)
				side = c->ours ? 0 : 1;
			else if (!c->base && is_note_path(c->path))
				side = 0;
			if ((r = repo_merge_resolve(m, c->path, side, NULL)))
				return r;
			continue;
		}
		if (c->why)
			return dk_err(DK_ECONFLICT, "%s", c->why);
		if (c->ours && c->theirs && is_note_path(c->path) &&
		    (as = free_note_name(m, c->path))) {
			/* two different notes under one name, or a note
			 * edited by hand on both sides (docket never rewrites
			 * one, a person can): both texts stay, theirs as a
			 * note of its own */
			strv_push_owned(lines, c->base ? xasprintf(
				"%s: the note was edited on both sides; yours "
				"stays as it is, and the version from %s is kept "
				"as %s", c->path, s->where,
				strrchr(as, '/') + 1) : xasprintf(
				"%s: a different note of the same name came "
				"from %s; it is kept as %s", c->path, s->where,
				strrchr(as, '/') + 1));
			r = repo_merge_resolve(m, c->path, 0, as);
			free(as);
		} else if (c->base && (c->ours != c->theirs)) {
			/* changed on one side, deleted on the other: the
			 * change stays */
			strv_push_owned(lines, xasprintf(
				"%s: kept as changed %s; it was deleted %s",
				c->path, c->ours ? "here" : "on the remote",
				c->ours ? "on the remote" : "here"));
			r = repo_merge_resolve(m, c->path, c->ours ? 0 : 1,
					       NULL);
		} else {
			return dk_err(DK_ECONFLICT, "%s was changed on both "
				      "sides and docket cannot merge it (only "
				      "*.ini files and notes merge "
				      "automatically); merge it with git "
				      "or undo one side", c->path);
		}
		if (r)
			return r;
	}
	return 0;
}

/* ---- the sync loop ---- */

static void
report(const struct sync_opts *o, struct sync_event *ev)
{
	if (o->report)
		o->report(o->arg, ev);
}

static void
report_text(const struct sync_opts *o, enum sync_event_kind kind,
	    const char *where, const char *text)
{
	struct sync_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = kind;
	ev.where = where;
	ev.text = text;
	report(o, &ev);
}

static int
report_commits(const struct sync_opts *o, enum sync_event_kind kind,
	       const char *where, const char *url, const char *tip,
	       const char *hide)
{
	struct repo_commit_info *ci = NULL;
	struct sync_event ev;
	size_t n = 0;
	int r = repo_commits(o->repo, tip, hide, &ci, &n);

	if (r)
		return r;
	memset(&ev, 0, sizeof(ev));
	ev.kind = kind;
	ev.where = where;
	ev.url = url;
	ev.commits = ci;
	ev.n = n;
	if (n || kind != SYNC_IN)
		report(o, &ev);
	repo_commit_infos_free(ci, n);
	return 0;
}

/* ---- the notes `docket merge-driver` leaves for sync ---- */

/*
 * SYNC_PENDING lists the notes the merge driver wrote into the work tree,
 * one a line, with the git operation each was written for:
 *   PATH TAB merge TAB OURS TAB THEIRS   git merge of THEIRS into OURS
 *   PATH TAB replay TAB OURS TAB THEIRS  rebase or cherry-pick of THEIRS
 *                                        onto OURS
 *   PATH                                 not known (git did not say, or
 *                                        an older docket wrote it)
 */
struct pending {
	char *path;
	int replay;
	char ours[REPO_ID_LEN], theirs[REPO_ID_LEN];
};

static int
is_id(const char *s)
{
	size_t n = strspn(s, "0123456789abcdef");

	return n == REPO_ID_LEN - 1 && !s[n];
}

/* A line of SYNC_PENDING (p->path: a new string, NULL for an empty
 * line); ids that do not read are not known. */
static void
pending_parse(struct pending *p, const char *line)
{
	struct strv f = STRV_INIT;

	memset(p, 0, sizeof(*p));
	strv_split(&f, line, '\t');
	if (f.n)
		p->path = xstrdup(f.v[0]);
	if (f.n == 4 && (!strcmp(f.v[1], "merge") ||
			 !strcmp(f.v[1], "replay")) &&
	    is_id(f.v[2]) && is_id(f.v[3])) {
		p->replay = !strcmp(f.v[1], "replay");
		snprintf(p->ours, REPO_ID_LEN, "%s", f.v[2]);
		snprintf(p->theirs, REPO_ID_LEN, "%s", f.v[3]);
	}
	strv_free(&f);
}

static int
same_op(const struct pending *a, const struct pending *b)
{
	return *a->theirs && a->replay == b->replay &&
	       !strcmp(a->ours, b->ours) && !strcmp(a->theirs, b->theirs);
}

/* Did the note's git operation take effect?  1 (also when that is not
 * known: the note is kept, as nothing may be lost), 0, or an error. */
static int
pending_landed(struct repo *r, const struct pending *p)
{
	return *p->theirs ? repo_landed(r, p->replay, p->ours, p->theirs) : 1;
}

/* Delete a note the driver wrote for a git operation that did not take
 * effect: docket's own file, never committed.  1 when it was deleted. */
static int
drop_note(struct repo *r, const char *path)
{
	char *full;
	int done;

	if (!is_note_path(path) || !repo_path_untracked(r, path))
		return 0;
	full = path_join(repo_root(r), path);
	done = unlink(full) == 0;
	free(full);
	return done;
}

static void
report_count(const struct sync_opts *o, enum sync_event_kind kind, size_t n)
{
	struct sync_event ev;

	if (!n)
		return;
	memset(&ev, 0, sizeof(ev));
	ev.kind = kind;
	ev.n = n;
	report(o, &ev);
}

/*
 * Commit the notes `docket merge-driver` left for a git merge that took
 * effect, and delete those of one that did not (aborted, skipped): a
 * decision that never happened has no place in the case's history.
 */
static int
commit_pending(const struct sync_opts *o)
{
	char *file = repo_git_path(o->repo, SYNC_PENDING);
	struct sb sb = SB_INIT;
	struct strv lines = STRV_INIT, paths = STRV_INIT;
	size_t dropped = 0;
	int r = read_file(file, &sb);

	if (r == -ENOENT) {
		r = 0;
		goto out;
	}
	if (r < 0) {
		r = dk_errno(DK_EIO, r, "cannot read .git/%s", SYNC_PENDING);
		goto out;
	}
	strv_split(&lines, sb_str(&sb), '\n');
	for (size_t i = 0; i < lines.n; i++) {
		struct pending p;
		char *full;
		int landed, there;

		pending_parse(&p, lines.v[i]);
		if (!p.path || !is_note_path(p.path)) {
			free(p.path);
			continue;
		}
		full = path_join(repo_root(o->repo), p.path);
		there = path_exists(full);
		free(full);
		landed = there ? pending_landed(o->repo, &p) : 0;
		if (landed < 0) {
			r = dk_err(landed, "cannot tell whether the git merge "
				   "that wrote %s took effect: %s", p.path,
				   dk_errmsg());
			free(p.path);
			goto out;
		}
		if (there && !landed)
			dropped += drop_note(o->repo, p.path);
		else if (there && repo_path_dirty(o->repo, p.path) &&
			 !strv_has(&paths, p.path))
			strv_push(&paths, p.path);
		free(p.path);
	}
	if (paths.n) {
		r = repo_commit(o->repo, "sync: notes kept by a git merge\n",
				&paths, o->now);
		if (r)
			goto out;
	}
	report_count(o, SYNC_NOTES, paths.n);
	report_count(o, SYNC_NOTES_DROPPED, dropped);
	unlink(file);
	r = 0;
out:
	strv_free(&lines);
	strv_free(&paths);
	sb_free(&sb);
	free(file);
	return r;
}

/* "cases/2026/x/notes/n.md" -> "cases/2026/x" (a new string) */
static char *
case_dir_of_note(const char *path)
{
	const char *notes = strrchr(path, '/');

	while (notes > path && notes[-1] != '/')
		notes--;
	return xstrndup(path, notes > path ? (size_t)(notes - path - 1) : 0);
}

/*
 * Before the driver lists the notes of the operation cur: forget the notes
 * of git operations that are over and did not take effect (a merge
 * aborted before this one), and those an earlier attempt at this same
 * operation wrote for the cases merged again now (dirs); delete their
 * files.  The rest stays for sync.  Best effort: a note it cannot judge
 * stays listed.
 */
static void
prune_pending(const struct sync_opts *o, const struct pending *cur,
	      const struct strv *dirs, size_t *dropped)
{
	char *file = repo_git_path(o->repo, SYNC_PENDING);
	struct sb sb = SB_INIT, keep = SB_INIT;
	struct strv lines = STRV_INIT;
	int changed = 0;

	if (read_file(file, &sb) < 0)
		goto out;
	strv_split(&lines, sb_str(&sb), '\n');
	for (size_t i = 0; i < lines.n; i++) {
		struct pending p;
		int stale = 0;

		pending_parse(&p, lines.v[i]);
		if (p.path && same_op(&p, cur)) {
			char *d = case_dir_of_note(p.path);

			stale = strv_has(dirs, d);
			free(d);
		} else if (p.path && *p.theirs) {
			stale = pending_landed(o->repo, &p) == 0;
		}
		if (stale) {
			*dropped += drop_note(o->repo, p.path);
			changed = 1;
		} else {
			sb_addf(&keep, "%s\n", lines.v[i]);
		}
		free(p.path);
	}
	if (changed)
		write_file_atomic(file, keep.buf ? keep.buf : "", keep.len, 0600);
out:
	strv_free(&lines);
	sb_free(&sb);
	sb_free(&keep);
	free(file);
}

static void
syncer_free(struct syncer *s)
{
	free_decisions(s);
	free_histories(s);
	strv_free(&s->recomputed);
	strv_free(&s->recomputed_msg);
	for (size_t i = 0; i < s->nmv; i++) {
		free(s->mv[i].from);
		free(s->mv[i].to);
	}
	free(s->mv);
	s->mv = NULL;
	s->nmv = s->capmv = 0;
	strv_free(&s->hide);
}

/* ---- the base of a merge ---- */

/* How deep merges of merge bases may nest (git's own merges of criss-
 * cross histories rarely go past 2). */
#define VIRTUAL_DEPTH 32

static int merge_trees(struct syncer *s, const char *ours,
		       const char *theirs, struct repo_merge **m,
		       struct strv *lines);

/* Merge the merge bases a and b into a virtual base: a commit on no
 * branch whose tree is their merge by the rules, quietly (keys they
 * disagree on left out), as git's recursive merge makes one. */
static int
virtual_base(const struct sync_opts *o, const char *a, const char *b,
	     int depth, char out[REPO_ID_LEN])
{
	struct syncer v;
	struct repo_merge *m = NULL;
	struct strv lines = STRV_INIT;
	char ta[REPO_ID_LEN], tb[REPO_ID_LEN];
	int r;

	if (depth > VIRTUAL_DEPTH)
		return dk_err(DK_ECONFLICT, "the two histories cross each "
			      "other too many times to find where they parted");
	snprintf(ta, sizeof(ta), "%s", a);
	snprintf(tb, sizeof(tb), "%s", b);
	memset(&v, 0, sizeof(v));
	v.o = o;
	v.where = "a merge base";
	v.quiet = 1;
	v.depth = depth;
	r = merge_trees(&v, ta, tb, &m, &lines);
	if (!r)
		r = repo_merge_commit(m, "docket: the merge bases of a "
				      "criss-cross merge, merged\n", o->now, out);
	repo_merge_free(m);
	strv_free(&lines);
	syncer_free(&v);
	return r;
}

/*
 * s->base and s->hide for merging a and b: their merge base; after
 * criss-cross merges (each side merged the other's work), all of them
 * merged into a virtual base, as git's merge does: with one of them
 * alone, a change made on one side after it, back to what the other base
 * had, would look unchanged and be lost.
 */
static int
find_base(struct syncer *s, const char *a, const char *b)
{
	struct strv bases = STRV_INIT;
	char acc[REPO_ID_LEN];
	int r = repo_merge_bases(s->o->repo, a, b, &bases);

	s->base[0] = '\0';
	if (r == DK_ENOTFOUND && s->quiet) {
		r = 0;		/* bases with no common history: two adds */
		goto out;
	}
	if (r)
		goto out;
	snprintf(acc, sizeof(acc), "%s", bases.v[0]);
	for (size_t i = 1; i < bases.n && !r; i++)
		r = virtual_base(s->o, acc, bases.v[i], s->depth + 1, acc);
	if (r)
		goto out;
	snprintf(s->base, REPO_ID_LEN, "%s", acc);
	for (size_t i = 0; i < bases.n; i++)
		strv_push(&s->hide, bases.v[i]);
out:
	strv_free(&bases);
	return r;
}

/* ---- cases moved, cases added twice ---- */

static void
add_move(struct syncer *s, const char *from, const char *to, int side)
{
	struct cmove *mv;

	GROW(s->mv, s->capmv, s->nmv + 1);
	mv = &s->mv[s->nmv++];
	mv->from = xstrdup(from);
	mv->to = xstrdup(to);
	mv->side = side;
}

/* Did a side add or change a file under dir? */
static int
touched(const struct strv *add, const struct strv *mod, const char *dir)
{
	const struct strv *l[] = { add, mod };
	size_t n = strlen(dir);

	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < l[k]->n; i++)
			if (!strncmp(l[k]->v[i], dir, n) && l[k]->v[i][n] == '/')
				return 1;
	return 0;
}

/* The case.ini files of a list, each as its case directory. */
static void
case_dirs(struct strv *out, const struct strv *paths)
{
	for (size_t i = 0; i < paths->n; i++)
		if (is_case_file(paths->v[i]))
			strv_push_owned(out, case_dir_of(paths->v[i]));
}

/*
 * The case directories a side moved to another year (its case.ini gone
 * from one and new in another of the same ID), for the merge to follow;
 * refused: the same case moved to two places, and the same new case ID
 * on both sides in two years (as the same year is refused: two clients
 * are never merged into one case, nor left under one ID).
 */
static int
find_moves(struct syncer *s, struct strv *lines)
{
	struct strv add[2] = { STRV_INIT, STRV_INIT };
	struct strv del[2] = { STRV_INIT, STRV_INIT };
	struct strv mod[2] = { STRV_INIT, STRV_INIT };
	struct strv nadd[2] = { STRV_INIT, STRV_INIT };	/* case dirs */
	struct strv ndel[2] = { STRV_INIT, STRV_INIT };
	struct strv fresh[2] = { STRV_INIT, STRV_INIT };	/* new cases */
	int r = 0;

	if (!*s->base)
		return 0;
	for (int side = 0; side < 2 && !r; side++)
		r = repo_diff_files(s->o->repo, s->base, s->tip[side],
				    CASES_DIR "/", &add[side], &del[side],
				    &mod[side]);
	for (int side = 0; side < 2 && !r; side++) {
		case_dirs(&nadd[side], &add[side]);
		case_dirs(&ndel[side], &del[side]);
		for (size_t i = 0; i < nadd[side].n; i++) {
			const char *to = nadd[side].v[i];
			int moved = 0;

			for (size_t j = 0; j < ndel[side].n && !moved; j++)
				if (!strcmp(id_of_dir(ndel[side].v[j]),
					    id_of_dir(to))) {
					add_move(s, ndel[side].v[j], to, side);
					moved = 1;
				}
			if (!moved)
				strv_push(&fresh[side], to);
		}
	}
	/* the same case moved on both sides */
	for (size_t i = 0; i < s->nmv && !r; i++)
		for (size_t j = i + 1; j < s->nmv && !r; j++) {
			struct cmove *a = &s->mv[i], *b = &s->mv[j];

			if (strcmp(a->from, b->from) || a->side == b->side)
				continue;
			if (!strcmp(a->to, b->to)) {
				a->side = 2;
				b->side = -1;	/* one move */
			} else if (!s->quiet) {
				r = dk_err(DK_ECONFLICT, "case %s was moved to "
					   "%s here and to %s on %s: move it to "
					   "the same place on both sides and "
					   "sync again", id_of_dir(a->from),
					   a->side ? b->to : a->to,
					   a->side ? a->to : b->to, s->where);
			} else {
				a->side = b->side = -1;	/* followed by neither */
			}
		}
	for (size_t i = 0; i < fresh[0].n && !r && !s->quiet; i++)
		for (size_t j = 0; j < fresh[1].n && !r; j++)
			if (!strcmp(id_of_dir(fresh[0].v[i]),
				    id_of_dir(fresh[1].v[j])) &&
			    strcmp(fresh[0].v[i], fresh[1].v[j]))
				r = dk_err(DK_ECONFLICT, "case %s was added on "
					   "both sides, as %s (yours) and %s "
					   "(%s); two cases got the same ID, so "
					   "docket will not merge them: give one "
					   "of them another ID on one side and "
					   "sync again", id_of_dir(fresh[0].v[i]),
					   fresh[0].v[i], fresh[1].v[j],
					   s->where);
	/* what the merge follows, and says */
	for (size_t i = 0; i < s->nmv && !r; ) {
		struct cmove *mv = &s->mv[i];
		int other = !mv->side;

		if (mv->side < 0) {
			free(mv->from);
			free(mv->to);
			s->mv[i] = s->mv[--s->nmv];
			continue;
		}
		if (mv->side < 2 && !s->quiet &&
		    touched(&add[other], &mod[other], mv->from))
			strv_push_owned(lines, mv->side ? xasprintf(
				"%s: moved to %s on %s; the changes made to it "
				"here follow it", id_of_dir(mv->to), mv->to,
				s->where) : xasprintf(
				"%s: moved to %s here; the changes made to it "
				"on %s follow it", id_of_dir(mv->to), mv->to,
				s->where));
		i++;
	}
	for (int side = 0; side < 2; side++) {
		strv_free(&add[side]);
		strv_free(&del[side]);
		strv_free(&mod[side]);
		strv_free(&nadd[side]);
		strv_free(&ndel[side]);
		strv_free(&fresh[side]);
	}
	return r;
}

/* ---- the merge ---- */

/*
 * Merge theirs into ours in memory by the rules: from their base, the
 * moved cases followed, every file merged, the conflicts resolved (what
 * was decided about whole files goes into lines).
 */
static int
merge_trees(struct syncer *s, const char *ours, const char *theirs,
	    struct repo_merge **m, struct strv *lines)
{
	struct repo_move *moves = NULL;
	int r;

	*m = NULL;
	snprintf(s->tip[0], REPO_ID_LEN, "%s", ours);
	snprintf(s->tip[1], REPO_ID_LEN, "%s", theirs);
	if ((r = repo_commit_time(s->o->repo, ours, &s->tip_time[0])) ||
	    (r = repo_commit_time(s->o->repo, theirs, &s->tip_time[1])) ||
	    (r = find_base(s, ours, theirs)) ||
	    (r = find_moves(s, lines)))
		return r;
	moves = xcalloc(s->nmv + 1, sizeof(*moves));
	for (size_t i = 0; i < s->nmv; i++) {
		moves[i].from = s->mv[i].from;
		moves[i].to = s->mv[i].to;
	}
	r = repo_merge_start(m, s->o->repo, s->base, ours, theirs, moves,
			     s->nmv, merge_file, s);
	free(moves);
	if (!r)
		r = resolve_conflicts(s, *m, lines);
	return r;
}

/* Merge tip into head; *merged gets the merge commit, on no branch yet. */
static int
merge_in(struct syncer *s, const char *head, const char *tip,
	 char merged[REPO_ID_LEN])
{
	const struct sync_opts *o = s->o;
	struct repo_merge *m = NULL;
	struct strv lines = STRV_INIT;
	struct sb msg = SB_INIT;
	int r;

	r = merge_trees(s, head, tip, &m, &lines);
	if (r == DK_ENOTFOUND) {
		r = dk_err(DK_ECONFLICT, "%s has no history in common with "
			   "your branch: it is not this firm's repository (or "
			   "the firm was made twice); nothing was changed",
			   s->where);
		goto out;
	}
	if (!r)
		r = add_notes(s, m);
	if (r)
		goto out;
	sb_addf(&msg, "sync: merge %s\n", s->where);
	if (s->ndec || lines.n || s->recomputed.n)
		sb_addc(&msg, '\n');
	for (size_t i = 0; i < lines.n; i++)
		sb_addf(&msg, "%s\n", lines.v[i]);
	/* the message names keys and people, never the values */
	for (size_t i = 0; i < s->ndec; i++) {
		char *line = decision_line(s, &s->dec[i], 0);

		sb_addf(&msg, "%s\n", line);
		free(line);
		strv_push_owned(&lines, decision_line(s, &s->dec[i], 1));
	}
	for (size_t i = 0; i < s->recomputed.n; i++) {
		sb_addf(&msg, "%s\n", s->recomputed_msg.v[i]);
		strv_push(&lines, s->recomputed.v[i]);
	}
	r = repo_merge_commit(m, msg.buf, o->now, merged);
	if (!r)
		for (size_t i = 0; i < lines.n; i++)
			report_text(o, SYNC_DECISION, s->where, lines.v[i]);
out:
	if (r && r != DK_ENOTFOUND && r != DK_ECONFLICT)
		r = dk_err(r, "cannot merge %s: %s; nothing was changed",
			   s->where, dk_errmsg());
	else if (r == DK_ECONFLICT && !strstr(dk_errmsg(), "nothing was"))
		r = dk_err(r, "cannot merge %s: %s; nothing was changed",
			   s->where, dk_errmsg());
	repo_merge_free(m);
	strv_free(&lines);
	sb_free(&msg);
	return r;
}

int
sync_run(const struct sync_opts *o)
{
	struct syncer s;
	char *branch = NULL, *remote = NULL, *merge_ref = NULL, *url = NULL;
	char *where = NULL, *refused = NULL;
	char head[REPO_ID_LEN], tip[REPO_ID_LEN], last_tip[REPO_ID_LEN] = "";
	char merged[REPO_ID_LEN];
	int r, had_upstream;

	memset(&s, 0, sizeof(s));
	s.o = o;
	if ((r = repo_idle(o->repo)) || (r = commit_pending(o)) ||
	    (r = repo_branch(o->repo, &branch)))
		goto out;
	if ((r = repo_upstream(o->repo, branch, &remote, &merge_ref, &url,
			       &had_upstream)))
		goto out;
	where = xasprintf("%s/%s", remote, merge_ref + strlen("refs/heads/"));
	s.where = where;
	for (int attempt = 0; attempt < SYNC_TRIES; attempt++) {
		if ((r = repo_head_id(o->repo, head)) ||
		    (r = repo_fetch(o->repo, remote, merge_ref, tip)))
			goto out;
		if (refused && !strcmp(tip, last_tip)) {
			/* refused, yet the remote did not move: a real no */
			r = dk_err(DK_ENET, "%s refused the push of %s: %s; "
				   "your commits are safe here", where, branch,
				   refused);
			goto out;
		}
		free(refused);
		refused = NULL;
		snprintf(last_tip, sizeof(last_tip), "%s", tip);
		if (!*head && !*tip) {
			r = dk_err(DK_EINVAL, "nothing to sync: the branch "
				   "has no commits and %s does not exist", where);
			goto out;
		}
		if (*tip && (r = report_commits(o, SYNC_IN, where, url, tip,
						 *head ? head : "")))
			goto out;
		if (*tip && !strcmp(tip, head)) {
			report_text(o, SYNC_UP_TO_DATE, where, NULL);
			goto done;
		}
		if (*tip && (!*head || repo_is_ancestor(o->repo, head, tip) == 1)) {
			struct sync_event ev;

			if ((r = repo_advance(o->repo, head, tip,
					      "docket sync: fast-forward")))
				goto out;
			memset(&ev, 0, sizeof(ev));
			ev.kind = SYNC_FAST_FORWARD;
			ev.where = where;
			ev.id = tip;
			report(o, &ev);
			goto done;
		}
		if (*tip && repo_is_ancestor(o->repo, tip, head) != 1) {
			struct sync_event ev;

			syncer_free(&s);
			if ((r = merge_in(&s, head, tip, merged)) ||
			    (r = repo_advance(o->repo, head, merged,
					      "docket sync: merge")))
				goto out;
			memset(&ev, 0, sizeof(ev));
			ev.kind = SYNC_MERGED;
			ev.where = where;
			ev.id = merged;
			report(o, &ev);
			snprintf(head, sizeof(head), "%s", merged);
		}
		if ((r = repo_push(o->repo, remote, branch, merge_ref, &refused)))
			goto out;
		if (refused) {
			report_text(o, SYNC_RETRY, where, refused);
			continue;
		}
		if ((r = report_commits(o, *tip ? SYNC_OUT : SYNC_PUBLISHED,
					where, url, head, tip)))
			goto out;
		goto done;
	}
	r = dk_err(DK_EBUSY, "%s kept moving while docket pushed (%d tries); "
		   "your commits are safe here: sync again", where, SYNC_TRIES);
	goto out;
done:
	/* what `git push -u` would record, so git pull works too */
	if (!had_upstream)
		r = repo_set_upstream(o->repo, branch, remote, merge_ref);
out:
	syncer_free(&s);
	free(refused);
	free(branch);
	free(remote);
	free(merge_ref);
	free(url);
	free(where);
	return r;
}

/* ---- git's merge driver ---- */

int
sync_merge_driver(const struct sync_opts *o, const char *base_file,
		  const char *ours_file, const char *theirs_file,
		  const char *path, int virtual_base)
{
	struct syncer s;
	struct sb b = SB_INIT, a = SB_INIT, t = SB_INIT, out = SB_INIT;
	struct strv dirs = STRV_INIT;
	struct pending cur;
	size_t dropped = 0;
	int r;

	memset(&s, 0, sizeof(s));
	s.o = o;
	s.where = "theirs";
	s.quiet = virtual_base;
	if ((r = read_file(base_file, &b)) < 0 ||
	    (r = read_file(ours_file, &a)) < 0 ||
	    (r = read_file(theirs_file, &t)) < 0) {
		r = dk_errno(DK_EIO, r, "cannot read the versions of %s", path);
		goto out;
	}
	if (virtual_base) {
		/* git merging the merge bases of a criss-cross merge into its
		 * virtual base: no decision, no note; the real merge, next,
		 * makes them */
		r = merge_file(&s, path, b.len ? sb_str(&b) : NULL, b.len,
			       sb_str(&a), a.len, sb_str(&t), t.len, &out);
		if (!r) {
			int w = write_file_atomic(ours_file, out.buf ? out.buf :
						  "", out.len, 0600);

			if (w < 0)
				r = dk_errno(DK_EIO, w, "cannot write %s",
					     ours_file);
		}
		goto out;
	}
	/* which commits are being merged, for the later change and for
	 * sync to tell whether the merge took effect; when git does not say
	 * (a cherry-pick, say), theirs wins and both values are kept all the
	 * same */
	memset(&cur, 0, sizeof(cur));
	if (repo_cli_merge_heads(o->repo, cur.ours, cur.theirs, &cur.replay) ||
	    !*cur.ours)
		*cur.theirs = '\0';
	/* the history since the sides parted: behind all their merge
	 * bases (git merged those into the base it gives) */
	if (*cur.theirs &&
	    !repo_merge_bases(o->repo, cur.ours, cur.theirs, &s.hide) &&
	    !repo_commit_time(o->repo, cur.ours, &s.tip_time[0]) &&
	    !repo_commit_time(o->repo, cur.theirs, &s.tip_time[1])) {
		snprintf(s.tip[0], REPO_ID_LEN, "%s", cur.ours);
		snprintf(s.tip[1], REPO_ID_LEN, "%s", cur.theirs);
	}
	/* git passes an empty file when there is no common version */
	r = merge_file(&s, path, b.len ? sb_str(&b) : NULL, b.len, sb_str(&a),
		       a.len, sb_str(&t), t.len, &out);
	if (r)
		goto out;
	/* the notes first: a note that cannot be written fails the merge
	 * before ours is replaced */
	decided_cases(&s, &dirs);
	if (dirs.n)
		prune_pending(o, &cur, &dirs, &dropped);
	for (size_t i = 0; i < dirs.n && !r; i++) {
		struct sb text = SB_INIT;
		char *note = NULL;

		note_text(&s, dirs.v[i], &text);
		r = note_new_path(&note, repo_root(o->repo), dirs.v[i], o->now,
				  "internal", o->handle);
		if (!r)
			r = note_write(repo_root(o->repo), note, text.buf, text.len);
		if (!r) {
			char *pending = repo_git_path(o->repo, SYNC_PENDING);
			struct sb list = SB_INIT;
			int w;

			read_file(pending, &list);
			/* with what the note is for: sync commits it once
			 * that took effect */
			if (*cur.theirs)
				sb_addf(&list, "%s\t%s\t%s\t%s\n", note,
					cur.replay ? "replay" : "merge",
					cur.ours, cur.theirs);
			else
				sb_addf(&list, "%s\n", note);
			w = write_file_atomic(pending, list.buf, list.len, 0600);
			if (w < 0)
				r = dk_errno(DK_EIO, w, "cannot write .git/%s",
					     SYNC_PENDING);
			set_note(&s, dirs.v[i], note);
			sb_free(&list);
			free(pending);
		}
		free(note);
		sb_free(&text);
	}
	if (!r) {
		int w = write_file_atomic(ours_file, out.buf ? out.buf : "",
					  out.len, 0600);

		if (w < 0)
			r = dk_errno(DK_EIO, w, "cannot write %s", ours_file);
	}
	report_count(o, SYNC_NOTES_DROPPED, dropped);
	if (!r)
		for (size_t i = 0; i < s.ndec; i++) {
			char *line = decision_line(&s, &s.dec[i], 1);
			struct sync_event ev;

			memset(&ev, 0, sizeof(ev));
			ev.kind = SYNC_DECISION;
			ev.where = s.where;
			ev.text = line;
			ev.id = s.dec[i].note;
			report(o, &ev);
			free(line);
		}
	for (size_t i = 0; !r && i < s.recomputed.n; i++)
		report_text(o, SYNC_DECISION, s.where, s.recomputed.v[i]);
out:
	syncer_free(&s);
	strv_free(&dirs);
	sb_free(&b);
	sb_free(&a);
	sb_free(&t);
	sb_free(&out);
	return r;
}
