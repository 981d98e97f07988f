/*
 * sync-driver.c - git's merge driver: what `git merge` (and pull, rebase,
 * cherry-pick) runs for a *.ini file with the merge=docket attribute,
 * through `docket merge-driver`.  The same rules as sync's own merge
 * (sync-merge.c); the notes go into the work tree and the ledger
 * (sync-ledger.c), for the next sync to commit.
 */
#include "docket/note.h"
#include "docket/repo-log.h"
#include "docket/repo-merge.h"
#include "docket/error.h"
#include "docket/util.h"
#include "syncer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
		r = dk_errno(DK_EIO, dk_errnum(), "cannot read the versions of %s", path);
		goto out;
	}
	if (virtual_base) {
		/* git merging the merge bases of a criss-cross merge into its
		 * virtual base: no decision, no note; the real merge, next,
		 * makes them */
		r = sync_merge_file(&s, path, b.len ? sb_str(&b) : NULL,
				    b.len, sb_str(&a), a.len, sb_str(&t), t.len,
				    &out);
		if (!r) {
			int w = write_file_atomic(ours_file, out.buf ? out.buf :
						  "", out.len, 0600);

			if (w < 0)
				r = dk_errno(DK_EIO, dk_errnum(), "cannot write %s",
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
	r = sync_merge_file(&s, path, b.len ? sb_str(&b) : NULL, b.len,
			    sb_str(&a), a.len, sb_str(&t), t.len, &out);
	if (r)
		goto out;
	/* the notes first: a note that cannot be written fails the merge
	 * before ours is replaced */
	sync_decided_cases(&s, &dirs);
	if (dirs.n)
		sync_prune_pending(o, &cur, &dirs, &dropped);
	for (size_t i = 0; i < dirs.n && !r; i++) {
		struct sb text = SB_INIT;
		char *note = NULL;

		sync_note_text(&s, dirs.v[i], &text);
		r = note_new_path(&note, repo_root(o->repo), dirs.v[i], o->now,
				  "internal", o->handle, NULL);
		if (!r)
			r = note_write(repo_root(o->repo), note, text.buf, text.len);
		if (!r) {
			r = sync_ledger_add(o, &cur, note);
			sync_set_note(&s, dirs.v[i], note);
		}
		free(note);
		sb_free(&text);
	}
	if (!r) {
		int w = write_file_atomic(ours_file, out.buf ? out.buf : "",
					  out.len, 0600);

		if (w < 0)
			r = dk_errno(DK_EIO, dk_errnum(), "cannot write %s", ours_file);
	}
	sync_report_count(o, SYNC_NOTES_DROPPED, dropped);
	if (!r)
		for (size_t i = 0; i < s.ndec; i++) {
			char *line = sync_decision_line(&s, &s.dec[i], 1);
			struct sync_event ev;

			memset(&ev, 0, sizeof(ev));
			ev.kind = SYNC_DECISION;
			ev.where = s.where;
			ev.text = line;
			ev.id = s.dec[i].note;
			sync_report(o, &ev);
			free(line);
		}
	for (size_t i = 0; !r && i < s.recomputed.n; i++)
		sync_report_text(o, SYNC_DECISION, s.where, s.recomputed.v[i]);
out:
	syncer_free(&s);
	strv_free(&dirs);
	sb_free(&b);
	sb_free(&a);
	sb_free(&t);
	sb_free(&out);
	return r;
}
