/*
 * sync-ledger.c - the notes `docket merge-driver` writes for a plain
 * `git merge` (or pull, rebase, cherry-pick) are files in the work tree,
 * listed in .git/docket-merge-notes with the git operation each was
 * written for; the next sync commits those of an operation that took
 * effect and deletes the others (a decision that never happened has no
 * place in the case's history).
 */
#include "docket/note.h"
#include "docket/repo-merge.h"
#include "docket/error.h"
#include "docket/util.h"
#include "syncer.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
/* struct pending: syncer.h */

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

	if (!note_is_path(path) || !repo_path_untracked(r, path))
		return 0;
	full = path_join(repo_root(r), path);
	done = unlink(full) == 0;
	free(full);
	return done;
}

/*
 * Commit the notes `docket merge-driver` left for a git merge that took
 * effect, and delete those of one that did not (aborted, skipped): a
 * decision that never happened has no place in the case's history.
 */
int
sync_commit_pending(const struct sync_opts *o)
{
	char *file = repo_git_path(o->repo, SYNC_PENDING);
	struct sb sb = SB_INIT;
	struct strv lines = STRV_INIT, paths = STRV_INIT;
	size_t dropped = 0;
	int r = read_file(file, &sb);

	if (r == DK_ENOTFOUND) {
		r = 0;
		goto out;
	}
	if (r < 0) {
		r = dk_errno(DK_EIO, dk_errnum(), "cannot read .git/%s", SYNC_PENDING);
		goto out;
	}
	strv_split(&lines, sb_str(&sb), '\n');
	for (size_t i = 0; i < lines.n; i++) {
		struct pending p;
		char *full;
		int landed, there;

		pending_parse(&p, lines.v[i]);
		if (!p.path || !note_is_path(p.path)) {
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
	sync_report_count(o, SYNC_NOTES, paths.n);
	sync_report_count(o, SYNC_NOTES_DROPPED, dropped);
	unlink(file);
	r = 0;
out:
	strv_free(&lines);
	strv_free(&paths);
	sb_free(&sb);
	free(file);
	return r;
}

/*
 * Before the driver lists the notes of the operation cur: forget the notes
 * of git operations that are over and did not take effect (a merge
 * aborted before this one), and those an earlier attempt at this same
 * operation wrote for the cases merged again now (dirs); delete their
 * files.  The rest stays for sync.  Best effort: a note it cannot judge
 * stays listed.
 */
void
sync_prune_pending(const struct sync_opts *o, const struct pending *cur,
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
			char *d = note_case_dir(p.path);

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

int
sync_ledger_add(const struct sync_opts *o, const struct pending *cur,
		const char *note)
{
	char *pending = repo_git_path(o->repo, SYNC_PENDING);
	struct sb list = SB_INIT;
	int w, r = 0;

	read_file(pending, &list);
	/* with what the note is for: sync commits it once that took
	 * effect */
	if (*cur->theirs)
		sb_addf(&list, "%s\t%s\t%s\t%s\n", note,
			cur->replay ? "replay" : "merge", cur->ours,
			cur->theirs);
	else
		sb_addf(&list, "%s\n", note);
	w = write_file_atomic(pending, list.buf, list.len, 0600);
	if (w < 0)
		r = dk_errno(DK_EIO, dk_errnum(), "cannot write .git/%s", SYNC_PENDING);
	sb_free(&list);
	free(pending);
	return r;
}
