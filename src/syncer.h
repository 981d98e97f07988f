/*
 * syncer.h - shared by the files of team work (src/sync*.c) and nothing
 * else: the state of one merge by docket's rules, and what each file
 * offers the files above it.
 *
 * The files, from the bottom up; each calls only those below it:
 *   sync-history.c  who changed it later: each side's history of a file
 *                   since the sides parted, and the side that wins
 *   sync-words.c    the decisions, recorded and put into words (for the
 *                   terminal, the merge commit and the notes); the events
 *   sync-merge.c    the merge by the rules: one file (the INI merge, the
 *                   deadlines, the workup), the notes, the conflicts, the
 *                   moved cases, the merge base (virtual after criss-cross
 *                   merges), the tree
 *   sync-ledger.c   the notes `docket merge-driver` wrote for plain git
 *                   merges, committed or dropped by the next sync
 *   sync-driver.c   git's merge driver (sync_merge_driver)
 *   sync.c          the loop: fetch, merge, push (sync_run)
 *
 * Ownership: a struct syncer owns its histories, decisions and moves
 * (syncer_free); a decision's strings are its own, and the authors of its
 * `who` point into the histories, which outlive it.
 */
#ifndef DOCKET_SYNCER_H
#define DOCKET_SYNCER_H

#include <stddef.h>
#include <time.h>

#include "docket/ini-merge.h"
#include "docket/repo.h"
#include "docket/sync.h"
#include "docket/util.h"

struct cfg;
struct repo_merge;

/* A change a side made to a file, as the history gives it. */
struct hchange {
	time_t time;
	char id[REPO_ID_LEN];
	char *author;
	struct cfg *old, *new_;
};

/* A side's history of a file since the sides parted. */
struct hist {
	char *path;
	int side;
	struct hchange *c;
	size_t n, cap;
};

/* Who made a side's latest change to something, and when. */
struct who {
	int found;
	time_t time;
	char id[REPO_ID_LEN];
	const char *author;
};

/* One decision of the merge, with the file it was made in. */
struct fdecision {
	char *path;
	struct merge_decision d;
	struct who kept, other;
	char *note;		/* the note that keeps it, for case files */
};

/* A case directory one side moved (another year), which the merge
 * follows: side 0 ours, 1 theirs, 2 both. */
struct cmove {
	char *from, *to;
	int side;
};

struct syncer {
	const struct sync_opts *o;
	const char *where;	/* "origin/main", or "theirs" for git */
	/* merging merge bases into the virtual base of a criss-cross merge
	 * (how deep): nothing is decided, reported or refused */
	int quiet, depth;
	char base[REPO_ID_LEN], tip[2][REPO_ID_LEN];
	struct strv hide;	/* the merge bases: the history before */
	struct cmove *mv;
	size_t nmv, capmv;
	time_t tip_time[2];
	struct hist *h;
	size_t nh, caph;
	struct fdecision *dec;
	size_t ndec, capdec;
	/* deadlines recomputed from merged facts: as printed, and for the
	 * commit message (without values) */
	struct strv recomputed, recomputed_msg;
};

/* The file being merged, for the merge's callbacks. */
struct fctx {
	struct syncer *s;
	const char *path;
};

/* ---- sync-history.c ---- */

enum what { KEY_CHANGED, SECTION_ADDED, SECTION_CHANGED };

/*
 * A side's latest change (since the merge base) to section.key, or the
 * latest commit that added or changed the section, into w (w->found 0
 * when the side made none).  Equal times: the greater commit id, so every
 * clone decides the same way.
 */
void sync_last_change(struct syncer *s, int side, const char *path,
		      const char *section, const char *key, enum what what,
		      struct who *w);
/* The INI merge's question (merge_opts.later; arg: a struct fctx):
 * which side changed section.key (or added the section) later. */
enum merge_side sync_later(void *arg, const char *section, const char *key);
void sync_histories_free(struct syncer *s);

/* ---- sync-words.c ---- */

/* Keep a decision of the merge of path, with who made each side. */
void sync_record(struct syncer *s, const char *path,
		 const struct merge_decision *d);
void sync_decisions_free(struct syncer *s);
/* The line sync prints for a decision (values: with the values, for the
 * terminal; without, for the merge commit's message).  New string. */
char *sync_decision_line(const struct syncer *s, const struct fdecision *fd,
			 int values);
/* The INI merge's comment (merge_opts.comment; arg: a struct fctx). */
char *sync_comment(void *arg, const struct merge_decision *d);
/* The note text for the decisions made in one case. */
void sync_note_text(const struct syncer *s, const char *dir, struct sb *out);
/* The case directories with decisions, each once. */
void sync_decided_cases(const struct syncer *s, struct strv *dirs);
/* The decisions of dir are kept in note. */
void sync_set_note(struct syncer *s, const char *dir, const char *note);
/* Hand an event to the caller's callback. */
void sync_report(const struct sync_opts *o, struct sync_event *ev);
void sync_report_text(const struct sync_opts *o, enum sync_event_kind kind,
		      const char *where, const char *text);
/* An event of n things (none when n is 0). */
void sync_report_count(const struct sync_opts *o, enum sync_event_kind kind,
		       size_t n);

/* ---- sync-merge.c ---- */

/* Merge one *.ini file both sides changed, by the rules (a
 * repo_merge_file_fn; arg: the syncer). */
int sync_merge_file(void *arg, const char *path, const char *base,
		    size_t blen, const char *ours, size_t olen,
		    const char *theirs, size_t tlen, struct sb *out);
/*
 * Merge theirs into ours in memory by the rules: from their base, the
 * moved cases followed, every file merged, the conflicts resolved (what
 * was decided about whole files goes into lines).
 */
int sync_merge_trees(struct syncer *s, const char *ours, const char *theirs,
		     struct repo_merge **m, struct strv *lines);
/* Add one note per case with decisions to the merge. */
int sync_add_notes(struct syncer *s, struct repo_merge *m);
/* An escalation renumbered by the merge: the first line of its note
 * ("Escalation 1 (medical) to alice:") gets the new number too. */
int sync_renumber_notes(struct syncer *s, struct repo_merge *m);
void syncer_free(struct syncer *s);

/* ---- sync-ledger.c ---- */

/* A git operation the merge driver wrote notes for (see sync-ledger.c). */
struct pending {
	char *path;
	int replay;
	char ours[REPO_ID_LEN], theirs[REPO_ID_LEN];
};

/* Commit the notes of git merges that took effect, drop the others. */
int sync_commit_pending(const struct sync_opts *o);
/* Before the driver lists the notes of the operation cur: forget those
 * that are stale (*dropped counts the files deleted). */
void sync_prune_pending(const struct sync_opts *o, const struct pending *cur,
			const struct strv *dirs, size_t *dropped);
/* List note (written for the operation cur) for sync to commit.  0, or
 * DK_EIO. */
int sync_ledger_add(const struct sync_opts *o, const struct pending *cur,
		    const char *note);

#endif
