/*
 * repo-git.h - shared by the git layer's own files (repo.c, repo-sync.c)
 * and nothing else: the libgit2 handle behind a struct repo.
 */
#ifndef DOCKET_REPO_GIT_H
#define DOCKET_REPO_GIT_H

#include <git2.h>

struct repo;

git_repository *repo_git(const struct repo *r);
/* A config value of git's repository (NULL: the user's global config
 * only), or NULL when unset or empty; a new string. */
char *repo_config_string(git_repository *git, const char *key);
/* A struct repo around an open repository (it takes git). */
struct repo *repo_wrap(git_repository *git);

#endif
