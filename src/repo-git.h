/*
 * repo-git.h - shared by the git layer's own files (src/repo*.c) and
 * nothing else: the libgit2 handle behind a struct repo.
 */
#ifndef DOCKET_REPO_GIT_H
#define DOCKET_REPO_GIT_H

#include <git2.h>
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

git_repository *repo_git(const struct repo *r);
/* A config value of git's repository (NULL: the user's global config
 * only), or NULL when unset or empty; a new string. */
char *repo_config_string(git_repository *git, const char *key);
/* A struct repo around an open repository (it takes git). */
struct repo *repo_wrap(git_repository *git);
/* HEAD's commit (NULL on an unborn branch): 0 or a libgit2 error. */
int repo_head_commit(git_commit **out, git_repository *git);

/*
 * git's lock files, made docket's provable way (see repo-commit.c): the
 * lock of target, a file of the repository where (r's own, or a path
 * remote's), waited for up to DOCKET_LOCK_TIMEOUT seconds.  0, DK_EBUSY
 * naming the lock another program holds, or DK_EIO.
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
/* Give the lock up (removing it only while it is still docket's). */
void gitlock_release(struct gitlock *l);

/*
 * Move ref name of the repository where (r's, or a path remote's) from
 * old (NULL: it must not exist) to new, under its lock, with its log line
 * (msg) as git writes it.  0; 1 when it is not at old (nothing changed);
 * or an error.
 */
int repo_ref_update(struct repo *r, git_repository *where, const char *name,
		    const git_oid *old, const git_oid *new, const char *msg,
		    time_t when);

#endif
