/*
 * sync.h - team work: `docket sync`'s fetch, merge and push with the
 * shared remote, and the merge of a firm file both sides changed (the INI
 * merge, the later change by author time, the notes that keep the other
 * value), for sync itself and for git's merge driver.  src/sync.c is the
 * loop; src/syncer.h lists the files of the rest (who changed it later,
 * the words, the merge, the ledger of notes, the driver).
 *
 * Nothing here prints: what happens is reported to the caller's callback
 * as it happens.  An event's strings and commits are valid only during
 * the callback.
 */
#ifndef DOCKET_SYNC_H
#define DOCKET_SYNC_H

#include <stddef.h>
#include <time.h>

struct firm;
struct repo;
struct repo_commit_info;

/* How many times sync fetches and merges again when the remote moved
 * while it pushed. */
#define SYNC_TRIES 5
/* The notes `docket merge-driver` wrote for git, for sync to commit. */
#define SYNC_PENDING "docket-merge-notes"

enum sync_event_kind {
	SYNC_NOTES,		/* n notes from a git merge were committed */
	SYNC_NOTES_DROPPED,	/* n notes of a git merge that did not take
				 * effect (aborted) were deleted */
	SYNC_IN,		/* commits came in from `where` */
	SYNC_UP_TO_DATE,	/* nothing came in, nothing went out */
	SYNC_FAST_FORWARD,	/* the branch moved to id */
	SYNC_DECISION,		/* text: a decision the merge made; id: the
				 * note that keeps the other value, if any */
	SYNC_MERGED,		/* id: the merge commit */
	SYNC_RETRY,		/* text: why the push was refused */
	SYNC_OUT,		/* commits went out to `where` */
	SYNC_PUBLISHED,		/* the branch is new on the remote */
};

struct sync_event {
	enum sync_event_kind kind;
	const char *where;	/* "origin/main" */
	const char *url;
	const struct repo_commit_info *commits;
	size_t n;
	const char *id;
	const char *text;
};

struct sync_opts {
	struct repo *repo;
	const char *handle;	/* the staff handle notes are written as */
	/* The firm as it is here: a [due "NAME"] named after one of its
	 * stages is that stage's deadline (NULL: none is). */
	const struct firm *firm;
	time_t now;
	void (*report)(void *arg, const struct sync_event *ev);
	void *arg;
};

/*
 * Fetch, merge and push.  0 when the branch and the remote agree; an
 * error (the message says what and where) with the repository as it was
 * before the merge otherwise.
 */
int sync_run(const struct sync_opts *o);

/*
 * What `git merge` runs for a *.ini file (merge=docket): merge the three
 * versions, write the result over ours_file, write notes for lost values
 * into the work tree (listed in .git/docket-merge-notes for sync to
 * commit, with the merge they are for: sync commits them once it took
 * effect, and deletes them if it did not).  Decisions are reported as
 * SYNC_DECISION events.  With virtual_base, git is merging the merge
 * bases of a criss-cross merge into the base of the real merge: keys the
 * bases disagree on are left out, and nothing is decided, written or
 * reported.  On failure ours_file is left as it was.
 */
int sync_merge_driver(const struct sync_opts *o, const char *base_file,
		      const char *ours_file, const char *theirs_file,
		      const char *path, int virtual_base);

#endif
