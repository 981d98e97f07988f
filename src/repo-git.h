/*
 * repo-git.h - shared by the git layer's own files (src/repo*.c) and
 * nothing else: the libgit2 handle behind a struct repo.
 */
#ifndef DOCKET_REPO_GIT_H
#define DOCKET_REPO_GIT_H

#include <git2.h>

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

#endif
