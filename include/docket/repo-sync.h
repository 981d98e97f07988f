/*
 * repo-sync.h - the git layer of team work: the merge driver's
 * registration, fetch, an in-memory merge with docket's INI driver, moving
 * the branch and the work tree, push, clone, and the history a merge
 * decision needs.  Every libgit2 call of it is in src/repo-sync.c.
 *
 * Ownership: commit lists (repo_commits) belong to the caller, released
 * with repo_commit_infos_free.  repo_merge_start gives the caller a
 * struct repo_merge to release with repo_merge_free (NULL is a no-op);
 * the conflicts it lists belong to it.  Commit ids are 40 hex digits in
 * caller-provided char[REPO_ID_LEN] buffers; "" means none.
 */
#ifndef DOCKET_REPO_SYNC_H
#define DOCKET_REPO_SYNC_H

#include <stddef.h>
#include <time.h>

struct repo;
struct sb;
struct strv;

#define REPO_ID_LEN 41
/* The command git runs for files with the merge=docket attribute; %L,
 * the conflict marker size, is how the driver tells the merge of a
 * criss-cross merge's bases (git adds 2 a level) from the real merge. */
#define REPO_DRIVER_COMMAND "docket merge-driver %O %A %B %P %L"

/* Register docket's merge driver in .git/config when no config level
 * defines merge.docket.driver yet, and bring the registration of an
 * older docket up to date (called whenever a firm is opened). */
void repo_register_driver(struct repo *r);
/* The conflict marker size git uses for path (its conflict-marker-size
 * attribute, else 7). */
int repo_marker_size(struct repo *r, const char *path);

/* Report the progress of fetch, push and clone to fn (NULL: none). */
void repo_set_progress(void (*fn)(const char *what, size_t done,
				  size_t total));
/* 0 when no git merge, rebase, cherry-pick... is under way; else
 * DK_EINVAL saying which and how to finish it. */
int repo_idle(struct repo *r);

/* The branch HEAD is on ("main").  0, or DK_EINVAL when detached. */
int repo_branch(struct repo *r, char **branch);
/* The branch's remote (branch.B.remote, else "origin"), the remote's
 * branch (branch.B.merge, else refs/heads/B), the remote's URL, and
 * whether the branch has an upstream configured.  0, or DK_ENOTFOUND when
 * there is no such remote. */
int repo_upstream(struct repo *r, const char *branch, char **remote,
		  char **merge_ref, char **url, int *configured);
/* Record the upstream (what `git push -u` does). */
int repo_set_upstream(struct repo *r, const char *branch, const char *remote,
		      const char *merge_ref);
/* HEAD's commit, "" on an unborn branch. */
int repo_head_id(struct repo *r, char id[REPO_ID_LEN]);

/* Fetch merge_ref from remote into refs/remotes/REMOTE/...; tip gets the
 * remote branch's commit, "" when the remote has no such branch.  0, or
 * DK_ENET saying why the remote cannot be reached. */
int repo_fetch(struct repo *r, const char *remote, const char *merge_ref,
	       char tip[REPO_ID_LEN]);
/* Push the branch to merge_ref, never forced.  0 with *rejected NULL when
 * it went out; 0 with *rejected set (a new string: the remote's reason)
 * when the remote refused the update; DK_ENET when it cannot be reached. */
int repo_push(struct repo *r, const char *remote, const char *branch,
	      const char *merge_ref, char **rejected);

/* A commit's author time. */
int repo_commit_time(struct repo *r, const char *id, time_t *out);
/* Is a an ancestor of b (or b itself)?  1, 0, or an error. */
int repo_is_ancestor(struct repo *r, const char *a, const char *b);
/* All the merge bases of a and b (more than one after criss-cross
 * merges), added to out.  0, or DK_ENOTFOUND when they share no history. */
int repo_merge_bases(struct repo *r, const char *a, const char *b,
		     struct strv *out);
/* The files under dir ("cases/") that differ between the commits from
 * ("" for none) and to: added (in to only), deleted (in from only) and
 * modified, each list NULL when not wanted. */
int repo_diff_files(struct repo *r, const char *from, const char *to,
		    const char *dir, struct strv *added, struct strv *deleted,
		    struct strv *modified);

struct repo_commit_info {
	char id[REPO_ID_LEN];
	char *summary;
	char *author;
	time_t time;
};
/* The commits reachable from tip and not from hide (hide "" for none),
 * oldest first. */
int repo_commits(struct repo *r, const char *tip, const char *hide,
		 struct repo_commit_info **out, size_t *n);
void repo_commit_infos_free(struct repo_commit_info *v, size_t n);

/*
 * Move the branch from `from` to `to` and bring the index and work tree
 * along, safely: when a file docket would change has uncommitted changes
 * (or an untracked file is in the way) nothing changes and the error
 * (DK_ECONFLICT) names it.  why is the reflog message.
 */
int repo_advance(struct repo *r, const char *from, const char *to,
		 const char *why);

/* ---- an in-memory merge ---- */

struct repo_merge;
/* Merge one *.ini file: 0 with the result in out, or an error whose
 * message says why (the file then stays a conflict). base may be NULL. */
typedef int (*repo_merge_file_fn)(void *arg, const char *path,
				  const char *base, size_t blen,
				  const char *ours, size_t olen,
				  const char *theirs, size_t tlen,
				  struct sb *out);

struct repo_conflict {
	char *path;
	int base, ours, theirs;	/* which versions exist */
	char *why;		/* the driver's message, or NULL */
};

/* A directory one side renamed ("cases/2026/x" to "cases/2025/x"). */
struct repo_move {
	const char *from, *to;
};
/* Merge theirs into ours from base ("" for none) in memory; fn merges the
 * *.ini files both sides changed.  Each move is followed first: in every
 * tree of the three that has `from`, its files go to `to`, so that what
 * the other side changed there lands in the moved directory (DK_ECONFLICT
 * when a file is in both places, different).  Nothing on disk changes
 * (git objects aside). */
int repo_merge_start(struct repo_merge **out, struct repo *r,
		     const char *base, const char *ours, const char *theirs,
		     const struct repo_move *moves, size_t nmoves,
		     repo_merge_file_fn fn, void *arg);
/* The conflicts left (the array belongs to m and changes with it). */
size_t repo_merge_conflicts(struct repo_merge *m,
			    const struct repo_conflict **out);
/* Resolve path: keep side's version (0 ours, 1 theirs; a side without
 * one, or -1, deletes it), and with theirs_as, theirs' version under that
 * path too. */
int repo_merge_resolve(struct repo_merge *m, const char *path, int side,
		       const char *theirs_as);
int repo_merge_has(struct repo_merge *m, const char *path);
int repo_merge_add(struct repo_merge *m, const char *path, const char *text,
		   size_t len);
/* The merge commit (its parents ours and theirs), not yet on any branch
 * (also the virtual base of a criss-cross merge, on none ever). */
int repo_merge_commit(struct repo_merge *m, const char *message, time_t when,
		      char id[REPO_ID_LEN]);
void repo_merge_free(struct repo_merge *m);

/* ---- the history a decision needs ---- */

struct repo_path_change {
	const char *id;
	time_t time;		/* author time: when the change was made */
	const char *author;
	const char *old_text, *new_text;	/* NULL when absent */
	size_t old_len, new_len;
};
/* Call cb for every commit reachable from tip and not from any of the
 * nhide commits in hide (the merge bases) that changed path, merges aside
 * (a merge's version of a key is always one of its parents'; the commit
 * that made it is in the walk).  alias (NULL: none) is the path's earlier
 * name: a commit without path has the file there (a moved case). */
int repo_path_changes(struct repo *r, const char *tip,
		      const char *const *hide, size_t nhide,
		      const char *path, const char *alias,
		      int (*cb)(void *arg, const struct repo_path_change *c),
		      void *arg);
/* The two sides of the merge the git command line is running: HEAD and
 * the commit being merged in, the GITHEAD_<id> git merge exports (else
 * MERGE_HEAD); or, while a rebase or cherry-pick is under way (*replay
 * set), the commit being replayed onto HEAD (the commit a rebase is
 * replaying, else REBASE_HEAD or CHERRY_PICK_HEAD).  0, or DK_ENOTFOUND. */
int repo_cli_merge_heads(struct repo *r, char ours[REPO_ID_LEN],
			 char theirs[REPO_ID_LEN], int *replay);
/* Did that git operation take effect on HEAD, now that it is over?  A
 * merge: ours and theirs are both HEAD or ancestors of it.  A replay: a
 * commit on HEAD has ours as its first parent and theirs' author and
 * author time.  1, 0 (also when a commit no longer exists), or an error. */
int repo_landed(struct repo *r, int replay, const char *ours,
		const char *theirs);
/* Is path untracked (in the work tree, not in HEAD nor the index)? */
int repo_path_untracked(struct repo *r, const char *path);

/*
 * Clone url into dir (made owner-only; an existing dir must be empty).
 * need (NULL: none) is a file HEAD must have, checked before anything is
 * checked out: DK_ENOFIRM without it.  On failure dir is as it was: gone
 * when repo_clone made it, else empty, with its mode.
 */
int repo_clone(struct repo **out, const char *url, const char *dir,
	       const char *need);

#endif
