/*
 * sync-merge.c - the merge by docket's rules, in memory: one *.ini file
 * both sides changed (the INI merge, asking sync-history.c which change
 * is later; then the deadlines and the workup that follow from the merged
 * case), the notes that keep the values that lost, the conflicts libgit2
 * leaves (notes, a file changed on one side and deleted on the other),
 * the case directories a side moved, and the merge base: after criss-
 * cross merges, the merge bases merged by these same rules into a virtual
 * one.
 */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/date.h"
#include "docket/deadline.h"
#include "docket/firm.h"
#include "docket/note.h"
#include "docket/repo-log.h"
#include "docket/repo-merge.h"
#include "docket/workup.h"
#include "docket/error.h"
#include "docket/util.h"
#include "syncer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- merging one file ---- */

/* [due "NAME"] named after a stage of the firm: the stage's deadline. */
static int
stage_due_cb(void *arg, const char *name)
{
	const struct fctx *f = arg;

	return f->s->o->firm && firm_stage(f->s->o->firm, name) >= 0;
}

int
sync_merge_file(void *arg, const char *path, const char *base, size_t blen,
		const char *ours, size_t olen, const char *theirs, size_t tlen,
		struct sb *out)
{
	struct syncer *s = arg;
	struct fctx f = { s, path };
	struct merge_opts mo;
	struct merge_result res;
	char *lb, *lo, *lt;
	int r;

	if (!base && case_is_file(path) && !s->quiet) {
		char *dir = case_dir_of(path);

		r = dk_err(DK_ECONFLICT, "%s: case %s was added on both sides "
			   "(yours and %s) with different contents; two cases "
			   "got the same ID, so docket will not merge them: "
			   "give one of them another ID on one side and sync "
			   "again", path, case_dir_id(dir), s->where);
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
	mo.later = sync_later;
	mo.comment = case_is_file(path) || s->quiet ? NULL : sync_comment;
	mo.stage_due = stage_due_cb;
	mo.arg = &f;
	mo.virtual_base = s->quiet;
	r = merge_text(&res, base, blen, ours, olen, theirs, tlen, &mo);
	if (!r) {
		for (size_t i = 0; i < res.n && !s->quiet; i++)
			sync_record(s, path, &res.d[i]);
		sb_add(out, res.text, res.len);
		merge_result_free(&res);
		if (case_is_file(path) && !s->quiet)
			deadlines_merged(s->o->firm, path, ours, olen, theirs,
					 tlen, out, &s->recomputed,
					 &s->recomputed_msg);
		/* the workup: valid as merged, and its deadlines */
		if (case_is_file(path))
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

int
sync_add_notes(struct syncer *s, struct repo_merge *m)
{
	struct strv dirs = STRV_INIT;
	int r = 0;

	sync_decided_cases(s, &dirs);
	for (size_t i = 0; i < dirs.n && !r; i++) {
		struct sb text = SB_INIT;
		char *path = NULL;

		for (int seq = 1; seq < 1000; seq++) {
			char *name = note_make_name(s->o->now, seq, "internal",
						    s->o->handle, NULL);

			free(path);
			path = xasprintf("%s/%s/%s", dirs.v[i], NOTES_DIR, name);
			free(name);
			if (!repo_merge_has(m, path))
				break;
		}
		sync_note_text(s, dirs.v[i], &text);
		r = repo_merge_add(m, path, text.buf, text.len);
		if (!r)
			sync_set_note(s, dirs.v[i], path);
		sb_free(&text);
		free(path);
	}
	strv_free(&dirs);
	return r;
}

/* ---- the heading of a renumbered escalation's note ---- */

/* The escalation note of [escalation "N"] renumbered to M in dir's case:
 * its first line "Escalation N (REASON) to TO:" says M, in the latest
 * such note (the later escalation's: the one renumbered). */
static int
renumber_note(struct repo_merge *m, const char *file, const char *old,
	      const char *new_)
{
	struct sb text = SB_INIT, note = SB_INIT;
	struct strv paths = STRV_INIT;
	struct cfg *cfg = NULL;
	char *dir = xstrndup(file, (size_t)(strrchr(file, '/') - file));
	char *notes = xasprintf("%s/%s", dir, NOTES_DIR), *from = NULL;
	char *to = NULL, *sec = cfg_subsection("escalation", new_);
	const char *best = NULL;
	time_t best_time = 0;
	int r;

	if ((r = repo_merge_read(m, file, &text)) ||
	    (r = cfg_parse(&cfg, file, text.buf, text.len))) {
		r = 0;	/* nothing to go by: the note stays as it is */
		goto out;
	}
	from = xasprintf("Escalation %s (%s) to %s:\n", old,
			 cfg_get(cfg, sec, "reason"), cfg_get(cfg, sec, "to"));
	to = xasprintf("Escalation %s (%s) to %s:\n", new_,
		       cfg_get(cfg, sec, "reason"), cfg_get(cfg, sec, "to"));
	repo_merge_paths(m, notes, &paths);
	for (size_t i = 0; i < paths.n; i++) {
		struct note n;

		if (note_parse_name(&n, strrchr(paths.v[i], '/') + 1) < 0)
			continue;
		sb_reset(&note);
		if (!strcmp(n.kind, "escalation") &&
		    !repo_merge_read(m, paths.v[i], &note) &&
		    has_prefix(sb_str(&note), from) &&
		    (!best || n.time >= best_time)) {
			best = paths.v[i];
			best_time = n.time;
		}
		note_clear(&n);
	}
	if (best) {
		struct sb out = SB_INIT;

		sb_reset(&note);
		if (!(r = repo_merge_read(m, best, &note))) {
			sb_adds(&out, to);
			sb_add(&out, note.buf + strlen(from), note.len - strlen(from));
			r = repo_merge_add(m, best, out.buf, out.len);
		}
		sb_free(&out);
	}
out:
	cfg_free(cfg);
	strv_free(&paths);
	sb_free(&text);
	sb_free(&note);
	free(dir);
	free(notes);
	free(from);
	free(to);
	free(sec);
	return r;
}

int
sync_renumber_notes(struct syncer *s, struct repo_merge *m)
{
	int r = 0;

	for (size_t i = 0; i < s->ndec && !r; i++) {
		const struct fdecision *fd = &s->dec[i];
		char *kind = NULL, *old = NULL, *nkind = NULL, *new_ = NULL;

		if (fd->d.kind == MERGE_RENUMBERED && fd->d.renamed &&
		    case_is_file(fd->path) &&
		    !cfg_split_subsection(fd->d.section, &kind, &old) &&
		    !cfg_split_subsection(fd->d.renamed, &nkind, &new_) &&
		    !strcmp(kind, "escalation"))
			r = renumber_note(m, fd->path, old, new_);
		free(kind);
		free(old);
		free(nkind);
		free(new_);
	}
	return r;
}

/* ---- conflicts the driver does not see ---- */

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
		char *name = note_make_name(n.time, seq, n.kind, n.author,
					    n.with);

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
			else if (!c->base && note_is_path(c->path))
				side = 0;
			if ((r = repo_merge_resolve(m, c->path, side, NULL)))
				return r;
			continue;
		}
		if (c->why)
			return dk_err(DK_ECONFLICT, "%s", c->why);
		if (c->ours && c->theirs && note_is_path(c->path) &&
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


/* ---- the base of a merge ---- */

/* How deep merges of merge bases may nest (git's own merges of criss-
 * cross histories rarely go past 2). */
#define VIRTUAL_DEPTH 32

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
	r = sync_merge_trees(&v, ta, tb, &m, &lines);
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
		if (case_is_file(paths->v[i]))
			strv_push_owned(out, case_dir_of(paths->v[i]));
}

/*
 * The directory a case renamed on one side (docket rename: "rename(NEW):
 * from OLD", one commit or a chain of them since the base) had before:
 * one of the side's deleted case directories, or NULL.
 */
static const char *
renamed_from(struct syncer *s, int side, const struct strv *gone,
	     const char *to)
{
	struct repo_commit_info *v = NULL;
	size_t n = 0;
	char *id = xstrdup(case_dir_id(to));
	const char *found = NULL;

	if (repo_commits(s->o->repo, s->tip[side], s->base, &v, &n))
		n = 0;
	/* newest first: each rename back to the one before it */
	for (size_t k = n; k-- > 0 && !found; ) {
		char *prefix = xasprintf("rename(%s): from ", id);

		if (has_prefix(v[k].summary, prefix)) {
			const char *from = v[k].summary + strlen(prefix);

			free(id);
			id = xstrndup(from, strcspn(from, " ;"));
			for (size_t i = 0; i < gone->n && !found; i++)
				if (!strcmp(case_dir_id(gone->v[i]), id))
					found = gone->v[i];
		}
		free(prefix);
	}
	repo_commit_infos_free(v, n);
	free(id);
	return found;
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
				if (!strcmp(case_dir_id(ndel[side].v[j]),
					    case_dir_id(to))) {
					add_move(s, ndel[side].v[j], to, side);
					moved = 1;
				}
			/* or renamed */
			if (!moved && ndel[side].n) {
				const char *from = renamed_from(s, side,
								&ndel[side], to);

				if (from) {
					add_move(s, from, to, side);
					moved = 1;
				}
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
					   "sync again", case_dir_id(a->from),
					   a->side ? b->to : a->to,
					   a->side ? a->to : b->to, s->where);
			} else {
				a->side = b->side = -1;	/* followed by neither */
			}
		}
	for (size_t i = 0; i < fresh[0].n && !r && !s->quiet; i++)
		for (size_t j = 0; j < fresh[1].n && !r; j++)
			if (!strcmp(case_dir_id(fresh[0].v[i]),
				    case_dir_id(fresh[1].v[j])) &&
			    strcmp(fresh[0].v[i], fresh[1].v[j]))
				r = dk_err(DK_ECONFLICT, "case %s was added on "
					   "both sides, as %s (yours) and %s "
					   "(%s); two cases got the same ID, so "
					   "docket will not merge them: give one "
					   "of them another ID on one side and "
					   "sync again", case_dir_id(fresh[0].v[i]),
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
				"here follow it", case_dir_id(mv->to), mv->to,
				s->where) : xasprintf(
				"%s: moved to %s here; the changes made to it "
				"on %s follow it", case_dir_id(mv->to), mv->to,
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

int
sync_merge_trees(struct syncer *s, const char *ours, const char *theirs,
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
			     s->nmv, sync_merge_file, s);
	free(moves);
	if (!r)
		r = resolve_conflicts(s, *m, lines);
	return r;
}


void
syncer_free(struct syncer *s)
{
	sync_decisions_free(s);
	sync_histories_free(s);
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
