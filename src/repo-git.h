/*
 * repo-git.h - shared by the git layer's own files (src/repo*.c) and
 * nothing else: the libgit2 handle behind a struct repo, and what one
 * file of the layer offers the files above it.
 *
 * The layer, from the bottom up; each file calls only those below it:
 *   repo.c          open, init, config, identity; the helpers below
 *   repo-journal.c  the change journal; git's lock files, made provably
 *   repo-index.c    files staged as blobs; git's index entries written
 *   repo-lock.c     the writers' lock; recovery from a writer that died
 *   repo-commit.c   a commit of a few paths; a ref moved; the branch and
 *                   the work tree moved (sync)
 *   repo-log.c      history: the one walker, commit lists, ancestry
 *   repo-merge.c    the merge driver, merge bases, git's own merges, the
 *                   in-memory merge
 *   repo-remote.c   fetch, push, clone
 *
 * Ownership: a struct repo owns its libgit2 handle and its notices (see
 * repo.h); a struct gitlock owns its names until it is released or
 * committed.  Helpers that return libgit2 objects give them to the
 * caller, who frees them the libgit2 way; libgit2's codes never leave
 * the layer (dk_giterr turns them into DK_EGIT with libgit2's message).
 */
#ifndef DOCKET_REPO_GIT_H
#define DOCKET_REPO_GIT_H

#include <git2.h>
#include <sys/stat.h>
#include <time.h>

#include "docket/util.h"

struct repo {
	git_repository *git;
	char *root;		/* the work tree, ending in '/' */
	int lock_fd;		/* .git/docket.lock, held (flock) or -1 */
	int shared;
	int journal;		/* this process has a journal open */
	int keep_journal;	/* the journal still has work for the next writer */
	unsigned lock_seq;	/* names of this process's git lock files */
	struct strv notices;	/* for the user; repo_notices() hands them on */
};

/* The files docket keeps in the git directory. */
#define REPO_JOURNAL "docket-journal"
#define REPO_RECOVERED "docket-recovered"
#define REPO_LOCK_PREFIX "docket-lock."

/* ---- repo.c ---- */

git_repository *repo_git(const struct repo *r);
/* A config value of git's repository (NULL: the user's global config
 * only), or NULL when unset or empty; a new string. */
char *repo_config_string(git_repository *git, const char *key);
/* A struct repo around an open repository (it takes git). */
struct repo *repo_wrap(git_repository *git);
/* HEAD's commit (NULL on an unborn branch): 0 or a libgit2 error. */
int repo_head_commit(git_commit **out, git_repository *git);
/* Set the message from libgit2's last error, prefixed by what: DK_EGIT.
 * (The layer turns every libgit2 code into one of docket's so.) */
int dk_giterr(const char *what);
/* The git identity as a signature at when.  0, or a DK_* error. */
int repo_signature(struct repo *r, git_signature **out, time_t when);
/* libgit2's last error message ("unknown error" when it has none). */
const char *repo_git_msg(void);
/* A commit id in hex: 0, or DK_EGIT naming it. */
int repo_parse_id(git_oid *oid, const char *hex);
/* oid in hex into out, of REPO_ID_LEN (repo.h) bytes */
void repo_hex(char *out, const git_oid *oid);
/* A commit's tree (id "" or NULL: *out NULL) / a commit: 0 or a libgit2
 * error. */
int repo_lookup_tree(git_tree **out, git_repository *git, const char *id);
int repo_lookup_commit(git_commit **out, git_repository *git, const char *id);
/* path as the user knows it: relative to the work tree when inside it */
const char *repo_shown(const struct repo *r, const char *path);
/* How long docket waits for a lock: DOCKET_LOCK_TIMEOUT seconds (10). */
double repo_lock_limit(void);
double repo_seconds_since(const struct timespec *start);
/* A short sleep between two tries at a lock. */
void repo_nap(void);

/* ---- repo-journal.c ---- */

/* The journal's first line, once a process (its pid and HEAD), and one
 * more line.  0, or DK_EIO. */
int repo_journal_open(struct repo *r);
int repo_journal_append(struct repo *r, const char *line);

/*
 * git's lock files, made docket's provable way: the lock of target, a
 * file of the repository where (r's own, or a path remote's), waited for
 * up to DOCKET_LOCK_TIMEOUT seconds.  0, DK_EBUSY naming the lock another
 * program holds, or DK_EIO.
 */
struct gitlock {
	char *target;	/* the file the lock stands for */
	char *path;	/* target.lock */
	char *tmp;	/* docket's own name for the same file */
	int fd;
};
#define GITLOCK_INIT { NULL, NULL, NULL, -1 }
int gitlock_take(struct repo *r, git_repository *where, struct gitlock *l,
		 const char *target);
/* Write all of data to the lock: 0, or DK_EIO (its errno kept). */
int gitlock_write(struct gitlock *l, const void *data, size_t len);
/* The lock becomes the target: 0, or DK_EIO (its errno kept) with the
 * lock still held. */
int gitlock_commit(struct gitlock *l);
/* Give the lock up (removing it only while it is still docket's). */
void gitlock_release(struct gitlock *l);

/* ---- repo-index.c ---- */

/* A path of a commit: the blob of the file as it was read, and the file's
 * stat then (for git's index); exists is 0 for a path to remove. */
struct staged {
	git_oid id;
	struct stat st;
	int exists;
};

/* The blob of a regular file, byte for byte: 0 (s->exists 0 when path
 * is not a regular file), or an error. */
int repo_stage_file(struct repo *r, const char *path, struct staged *s);
/* Is path (under the work tree root) a regular file? */
int repo_is_regular(const char *root, const char *path);
/* Can git's index take the commit's entries afterwards?  0, or DK_EGIT
 * saying why not (nothing is committed then). */
int repo_index_ready(struct repo *r);
/* The index entries of paths, into the held index lock, which then
 * becomes the index.  tree: the commit's (for a missing index). */
/* The index with paths' entries, written into the held lock (not yet
 * renamed over the index): 0, or an error with the index as it was. */
int repo_index_fill(struct repo *r, struct gitlock *lock, git_tree *tree,
		    const struct strv *paths, const struct staged *staged);
/* repo_index_fill, then the lock renamed over the index. */
int repo_index_write(struct repo *r, struct gitlock *lock, git_tree *tree,
		     const struct strv *paths, const struct staged *staged);
/* paths' entries put back as tree has them (a commit whose branch could
 * not move after its index entries were written), under the index lock;
 * their stat data empty, so git compares their content. */
int repo_index_restore(struct repo *r, git_tree *tree, const struct strv *paths);

/* ---- repo-lock.c ---- */

/* Put right what the journal says a dead writer left (see repo.h): 0, or
 * the error that stops it (the journal then stays). */
int repo_recover(struct repo *r);

/* ---- repo-commit.c ---- */

/*
 * Move ref name of the repository where (r's, or a path remote's) from
 * old (NULL: it must not exist) to new, under its lock, with its log line
 * (msg) as git writes it.  0; DK_EMOVED when it is not at old (nothing
 * changed: the caller decides); or an error.
 */
int repo_ref_update(struct repo *r, git_repository *where, const char *name,
		    const git_oid *old, const git_oid *new, const char *msg,
		    time_t when);

#endif
