/*
 * repo-remote.h - the firm's shared remote (src/repo-remote.c): the
 * branch's upstream, fetch, push and clone.
 *
 * Ownership: strings handed out are new, the caller's to free;
 * repo_clone gives the caller a struct repo (see repo.h).
 */
#ifndef DOCKET_REPO_REMOTE_H
#define DOCKET_REPO_REMOTE_H

#include <stddef.h>

#include "docket/repo.h"

/* Report the progress of fetch, push and clone to fn (NULL: none). */
void repo_set_progress(void (*fn)(const char *what, size_t done,
				  size_t total));

/* The branch's remote (branch.B.remote, else "origin"), the remote's
 * branch (branch.B.merge, else refs/heads/B), the remote's URL, and
 * whether the branch has an upstream configured.  0, or DK_ENOTFOUND when
 * there is no such remote. */
int repo_upstream(struct repo *r, const char *branch, char **remote,
		  char **merge_ref, char **url, int *configured);
/* Record the upstream (what `git push -u` does). */
int repo_set_upstream(struct repo *r, const char *branch, const char *remote,
		      const char *merge_ref);

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

/*
 * Clone url into dir (made owner-only; an existing dir must be empty).
 * need (NULL: none) is a file HEAD must have, checked before anything is
 * checked out: DK_ENOFIRM without it.  On failure dir is as it was: gone
 * when repo_clone made it, else empty, with its mode.
 */
int repo_clone(struct repo **out, const char *url, const char *dir,
	       const char *need);

#endif
