/*
 * repo-log.h - history (src/repo-log.c): the commits that changed a path,
 * by one walker, for `docket log` (a case's audit trail) and for sync's
 * decisions (each side's latest change to a key); the commits of a
 * range; a commit's time; ancestry; the files two commits differ in.
 *
 * Ownership: the strings a repo_log_entry holds belong to the walk and
 * are valid only during the callback.  Commit lists (repo_commits) belong
 * to the caller, released with repo_commit_infos_free.
 */
#ifndef DOCKET_REPO_LOG_H
#define DOCKET_REPO_LOG_H

#include <stddef.h>
#include <time.h>

#include "docket/repo.h"

struct sb;
struct strv;

struct repo_change {
	char status;		/* 'A'dded, 'M'odified, 'D'eleted */
	const char *path;	/* relative to the walk's path */
};

struct repo_log_entry {
	const char *id;		/* the commit, in hex */
	time_t time;		/* the author's: when the change was made */
	int offset;		/* minutes east of UTC */
	const char *author, *email;
	const char *summary;	/* the message's first line */
	const struct repo_change *changes;	/* with opts.changes */
	size_t nchanges;
	/* The walk's INI file before (in the first parent) and after, when
	 * this commit changed it; NULL when absent or unchanged.  NUL is
	 * added; the lengths are the files'. */
	const char *old_ini, *new_ini;
	size_t old_len, new_len;
	/* A merge (of two parents): the file in the second parent and in
	 * the parents' merge base (NULL when absent); what the merge
	 * decided is what differs from both sides, or where the sides
	 * differ from the base and each other.  changes then lists only
	 * the files the merge itself made (as in neither parent). */
	int merge;
	const char *other_ini, *base_ini;
};

struct repo_log_opts {
	const char *tip;	/* where the walk starts; NULL: HEAD */
	const char *const *hide;	/* commits whose history is left out */
	size_t nhide;
	const char *path;	/* a directory ("cases/2026/x") or a file;
				 * NULL: every commit (no file, no changes) */
	const char *alias;	/* path's earlier name (a moved case), or NULL:
				 * a commit without path has it there */
	const char *const *aliases;	/* more earlier names (a renamed
				 * case's), newest first: a commit without
				 * path nor alias has the first it has */
	size_t naliases;
	const char *file;	/* the INI file of the entries: under path
				 * ("case.ini"), or NULL for path itself */
	int no_merges;		/* a merge never counts as a change (its
				 * version is one of its parents'); else, as
				 * git log, one counts unless a parent has
				 * path as it has it */
	int changes;		/* list the files under path that changed */
};

/* Call cb for every commit that changed o->path, newest first (git's
 * topological and time order); a non-zero return from cb stops the walk
 * and is returned. */
int repo_log(struct repo *r, const struct repo_log_opts *o,
	     int (*cb)(void *arg, const struct repo_log_entry *e), void *arg);

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

/* A commit's first parent ("" for none), into out. */
int repo_parent(struct repo *r, const char *id, char out[REPO_ID_LEN]);
/* The blob of path in a commit ("" when it has none), into out. */
int repo_blob_at(struct repo *r, const char *commit, const char *path,
		 char out[REPO_ID_LEN]);
/* The bytes of path in a commit, appended to out: 0, or DK_ENOTFOUND. */
int repo_read_at(struct repo *r, const char *commit, const char *path,
		 struct sb *out);
/* The files under dir in a commit's tree ("cases/2026/x/..."), sorted. */
int repo_files_at(struct repo *r, const char *commit, const char *dir,
		  struct strv *out);

/* A commit's author time. */
int repo_commit_time(struct repo *r, const char *id, time_t *out);
/* Is a an ancestor of b (or b itself)?  1, 0, or an error. */
int repo_is_ancestor(struct repo *r, const char *a, const char *b);
/* The files under dir ("cases/") that differ between the commits from
 * ("" for none) and to: added (in to only), deleted (in from only) and
 * modified, each list NULL when not wanted. */
int repo_diff_files(struct repo *r, const char *from, const char *to,
		    const char *dir, struct strv *added, struct strv *deleted,
		    struct strv *modified);

#endif
