/*
 * repo-git.h - shared by the git layer's own files (repo.c, repo-sync.c)
 * and nothing else: the libgit2 handle behind a struct repo.
 */
#ifndef DOCKET_REPO_GIT_H
#define DOCKET_REPO_GIT_H

#include <git2.h>

struct repo;

git_repository *repo_git(const struct repo *r);
/* A struct repo around an open repository (it takes git). */
struct repo *repo_wrap(git_repository *git);

#endif
