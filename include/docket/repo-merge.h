/*
 * repo-merge.h - merges (src/repo-merge.c): docket's merge driver
 * registered in git's config, the merge bases of two commits, the merge,
 * rebase or cherry-pick the git command line is running (and whether it
 * took effect), and the in-memory merge of `docket sync`, in which
 * libgit2 runs docket's INI merge for the *.ini files both sides changed.
 *
 * Ownership: repo_merge_start gives the caller a struct repo_merge to
 * release with repo_merge_free (NULL is a no-op); the conflicts it lists
 * belong to it.
 */
#ifndef DOCKET_REPO_MERGE_H
#define DOCKET_REPO_MERGE_H

#include <stddef.h>
#include <time.h>

#include "docket/repo.h"

struct sb;
struct strv;

/* The command git runs for files with the merge=docket attribute; %L,
 * the conflict marker size, is how the driver tells the merge of a
 * criss-cross merge's bases (git adds 2 a level) from the real merge. */
#define REPO_DRIVER_COMMAND "docket merge-driver %O %A %B %P %L"

/* Register docket's merge driver in .git/config when no config level
 * defines merge.docket.driver yet, and bring the registration of an
 * older docket up to date; either time, set pull.rebase = false there
 * too unless .git/config sets pull.rebase already, so that a plain `git
 * pull` merges (with the driver) rather than stopping to ask.  The command layer calls it whenever it opens
 * a firm for a command (src/main.c), and init and clone for theirs. */
void repo_register_driver(struct repo *r);
/* The conflict marker size git uses for path (its conflict-marker-size
 * attribute, else 7). */
int repo_marker_size(struct repo *r, const char *path);

/* 0 when no git merge, rebase, cherry-pick... is under way; else
 * DK_EINVAL saying which and how to finish it. */
int repo_idle(struct repo *r);
/* All the merge bases of a and b (more than one after criss-cross
 * merges), added to out.  0, or DK_ENOTFOUND when they share no history. */
int repo_merge_bases(struct repo *r, const char *a, const char *b,
		     struct strv *out);
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
/* path's text in the merge so far, appended to out: 0, DK_ENOTFOUND. */
int repo_merge_read(struct repo_merge *m, const char *path, struct sb *out);
/* The paths of the files right in dir (not below), merged, into out. */
void repo_merge_paths(struct repo_merge *m, const char *dir,
		      struct strv *out);
/* The merge commit (its parents ours and theirs), not yet on any branch
 * (also the virtual base of a criss-cross merge, on none ever). */
int repo_merge_commit(struct repo_merge *m, const char *message, time_t when,
		      char id[REPO_ID_LEN]);
void repo_merge_free(struct repo_merge *m);

#endif
