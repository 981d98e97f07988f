/*
 * repo.h - the git layer (src/repo*.c, the only code that calls libgit2):
 * open and init, HEAD and the branch, the writers' lock and the journal,
 * commits of a few paths, moving the branch with the work tree.  The
 * rest of the layer has its own headers: history (repo-log.h), merges
 * (repo-merge.h), the shared remote (repo-remote.h).  Its files share
 * src/repo-git.h, which lists them, each calling only those below it.
 *
 * Ownership: repo_open/repo_init give the caller a struct repo to release
 * with repo_free (repo_free(NULL) is a no-op; it also drops the lock).
 * Commit ids are 40 hex digits in caller-provided char[REPO_ID_LEN]
 * buffers; "" means none.
 */
#ifndef DOCKET_REPO_H
#define DOCKET_REPO_H

#include <stddef.h>
#include <time.h>

#include "docket/util.h"

struct repo;

#define REPO_ID_LEN 41

/* Open the repository around the current directory (GIT_DIR and
 * GIT_CEILING_DIRECTORIES are honoured).  0, or DK_ENOFIRM.  Nothing is
 * written (the command layer registers the merge driver: repo-merge.h). */
int repo_open(struct repo **out);
/* Begin libgit2's start-up on a thread, for repo_open to wait for. */
void repo_setup_ahead(void);
/* A guess at the repository around the current directory, made without
 * libgit2 to begin reading ahead: the nearest directory with a .git
 * directory (none when git's environment says where, or .git is a file).
 * *root (ending in '/') and *gitdir (the same, .git/), new strings; 0, or
 * -1 with none.  repo_open decides: a guess it disagrees with is wrong. */
int repo_guess(char **root, char **gitdir);
/* Create a repository in dir (made if need be), or adopt the one there.
 * shared: group-readable (core.sharedRepository=group), else owner-only.
 * *existed tells whether dir was a repository already. */
int repo_init(struct repo **out, const char *dir, int shared, int *existed);
void repo_free(struct repo *r);

/* The path of name inside the git directory (.git, or GIT_DIR, or a
 * worktree's): a new string. */
char *repo_git_path(const struct repo *r, const char *name);
/* The work tree, ending in '/'. */
const char *repo_root(const struct repo *r);
/* Is this repository shared with a group (core.sharedRepository)? */
int repo_is_shared(const struct repo *r);

/* What the git layer has to tell the user (a recovery, an index that lags
 * behind a commit): moved into out, for the command layer to print. */
void repo_notices(struct repo *r, struct strv *out);

/* Serialise docket's writers: wait up to DOCKET_LOCK_TIMEOUT seconds
 * (default 10) for .git/docket.lock, then put right what a dead writer
 * left (see the journal below).  0, DK_EBUSY, or the error that stops
 * the recovery (the journal then stays for the next writer). */
int repo_lock(struct repo *r);
void repo_unlock(struct repo *r);

/*
 * The journal of a change in progress (.git/docket-journal).  A writer
 * names each path before it writes it, and each git lock file before it
 * makes it; if the process dies (SIGKILL, a crash, a full disk), the next
 * writer puts things right when it takes the lock (repo_lock): the locks
 * it can prove were the dead writer's go; a path whose work-tree text is
 * HEAD's is brought into the index (the commit landed); any other goes
 * back to HEAD's version, with a copy of what was there kept in
 * .git/docket-recovered/.  What it did is handed to repo_notices().
 * 0, or DK_EIO.
 */
int repo_journal_add(struct repo *r, const char *path);
/* The change is committed and indexed (or rolled back): drop the journal. */
void repo_journal_end(struct repo *r);
/* The change could not be rolled back (errnum, the errno why: a full
 * disk): keep the journal, so that the next writer puts the files back,
 * and say so. */
void repo_journal_keep(struct repo *r, int errnum);

/* The git identity (GIT_AUTHOR_NAME/EMAIL, else user.name/user.email):
 * two new strings (r NULL: the user's global config only).  0, or DK_EINVAL
 * saying how to set one. */
int repo_identity(struct repo *r, char **name, char **email);

/*
 * One commit on HEAD of exactly paths (relative to the work tree): each
 * that exists is added or updated, each that does not is removed; then
 * the same index entries are updated and nothing else, all under git's
 * index lock (see repo-commit.c).  when is the author and committer
 * time.  0, DK_EBUSY (a lock another program holds), DK_EIO or DK_EGIT,
 * with nothing committed.  Once the branch has moved it returns 0: an
 * index that could not follow is a notice, and the next writer's job.
 */
int repo_commit(struct repo *r, const char *message, const struct strv *paths,
		time_t when);

/* The firm's identity: the first 12 hex digits of its first commit (every
 * clone has the same), into out.  0, or DK_ENOTFOUND before any commit. */
int repo_firm_id(struct repo *r, char out[13]);

/* Was path changed in the index or work tree relative to HEAD?  (For
 * `edit`, which refuses to sweep a user's staged edit into its commit.) */
int repo_path_dirty(struct repo *r, const char *path);
/* Is path untracked (in the work tree, not in HEAD nor the index)? */
int repo_path_untracked(struct repo *r, const char *path);

/* HEAD's commit, "" on an unborn branch. */
int repo_head_id(struct repo *r, char id[REPO_ID_LEN]);
/* The branch HEAD is on ("main").  0, or DK_EINVAL when detached. */
int repo_branch(struct repo *r, char **branch);

/*
 * Move the branch from `from` to `to` and bring the index and work tree
 * along, safely: when a file docket would change has uncommitted changes
 * (or an untracked file is in the way) nothing changes and the error
 * (DK_ECONFLICT) names it.  why is the reflog message.
 */
int repo_advance(struct repo *r, const char *from, const char *to,
		 const char *why);

#endif
