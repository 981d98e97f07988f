/* sync.c - `docket sync`: fetch, merge and push with the shared remote,
 * again while the remote moves (see sync.h; its other files: syncer.h). */
#include "docket/sync.h"
#include "docket/repo-log.h"
#include "docket/repo-merge.h"
#include "docket/repo-remote.h"
#include "docket/error.h"
#include "docket/util.h"
#include "syncer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the sync loop ---- */

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
		sync_report(o, &ev);
	repo_commit_infos_free(ci, n);
	return 0;
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

	r = sync_merge_trees(s, head, tip, &m, &lines);
	if (r == DK_ENOTFOUND) {
		r = dk_err(DK_ECONFLICT, "%s has no history in common with "
			   "your branch: it is not this firm's repository (or "
			   "the firm was made twice); nothing was changed",
			   s->where);
		goto out;
	}
	if (!r)
		r = sync_add_notes(s, m);
	if (!r)
		r = sync_renumber_notes(s, m);
	if (r)
		goto out;
	sb_addf(&msg, "sync: merge %s\n", s->where);
	if (s->ndec || lines.n || s->recomputed.n)
		sb_addc(&msg, '\n');
	for (size_t i = 0; i < lines.n; i++)
		sb_addf(&msg, "%s\n", lines.v[i]);
	/* the message names keys and people, never the values */
	for (size_t i = 0; i < s->ndec; i++) {
		char *line = sync_decision_line(s, &s->dec[i], 0);

		sb_addf(&msg, "%s\n", line);
		free(line);
		strv_push_owned(&lines, sync_decision_line(s, &s->dec[i], 1));
	}
	for (size_t i = 0; i < s->recomputed.n; i++) {
		sb_addf(&msg, "%s\n", s->recomputed_msg.v[i]);
		strv_push(&lines, s->recomputed.v[i]);
	}
	r = repo_merge_commit(m, msg.buf, o->now, merged);
	if (!r)
		for (size_t i = 0; i < lines.n; i++)
			sync_report_text(o, SYNC_DECISION, s->where, lines.v[i]);
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
	if ((r = repo_idle(o->repo)) || (r = sync_commit_pending(o)) ||
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
			sync_report_text(o, SYNC_UP_TO_DATE, where, NULL);
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
			sync_report(o, &ev);
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
			sync_report(o, &ev);
			snprintf(head, sizeof(head), "%s", merged);
		}
		if ((r = repo_push(o->repo, remote, branch, merge_ref, &refused)))
			goto out;
		if (refused) {
			sync_report_text(o, SYNC_RETRY, where, refused);
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
