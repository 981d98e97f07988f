/*
 * ini-merge.h - the three-way merge of INI documents (src/ini-merge.c, on
 * the documents of src/ini-doc.c): key by key, on cfg documents, with no
 * git and no printing.  `docket sync` runs it inside libgit2's merge and
 * `docket merge-driver` runs it for the git command line; both give it a
 * way to tell which side's change is the later one (src/sync-history.c:
 * the later change by author time wins).
 *
 * The rules, for a section and key present anywhere:
 *   - changed on one side only: that change;
 *   - changed on both sides to the same value: that value;
 *   - changed on both sides to different values: the later change wins
 *     (opts->later), the other value is reported as lost
 *     (MERGE_BOTH_CHANGED);
 *   - deleted on one side, changed on the other: the change
 *     (MERGE_KEPT_CHANGE);
 *   - a section deleted on one side and changed on the other: the changed
 *     section, whole (MERGE_KEPT_SECTION);
 *   - a section added on both sides: merged key by key, except
 *     - an [escalation "N"], [demand "N"] or [offer "N"] added on both
 *       sides with different values:
 *       the later one is renumbered to the next free number
 *       (MERGE_RENUMBERED);
 *     - a [due "NAME"] added on both sides with different values, NAME
 *       not a stage's deadline (opts->stage_due): two deadlines; the later
 *       one is renamed to the next free NAME-2, NAME-3... (MERGE_RENAMED).
 *   Same keys with the same values, in any order, are one section.
 * Comments and blank lines travel with the key or section below them.  The
 * result keeps ours' order; what theirs added goes after what precedes it
 * in theirs.  The result always parses (cfg_parse).
 *
 * Ownership: merge_text/merge_cfg fill a struct merge_result the caller
 * releases with merge_result_free; everything in it is owned by it.
 */
#ifndef DOCKET_INI_MERGE_H
#define DOCKET_INI_MERGE_H

#include <stddef.h>

struct cfg;

enum merge_side { MERGE_OURS = 0, MERGE_THEIRS = 1 };

enum merge_kind {
	MERGE_BOTH_CHANGED,	/* key changed on both sides: kept / lost */
	MERGE_KEPT_CHANGE,	/* key deleted on one side, changed on the other */
	MERGE_KEPT_SECTION,	/* section deleted on one side, changed on the other */
	MERGE_RENUMBERED,	/* escalation, demand or offer added on both
				 * sides: one renumbered */
	MERGE_RENAMED,		/* deadline added on both sides: one renamed */
};

struct merge_decision {
	enum merge_kind kind;
	char *section;		/* as in the file: `due "sol"` */
	char *key;		/* NULL for a section decision */
	enum merge_side kept;	/* the side whose version the result holds */
	char *kept_value;	/* BOTH_CHANGED, KEPT_CHANGE */
	char *lost_value;	/* BOTH_CHANGED */
	char *renamed;		/* RENUMBERED, RENAMED: the later section's
				 * new name */
};

struct merge_result {
	char *text;
	size_t len;
	struct merge_decision *d;
	size_t n;
};

struct merge_opts {
	/* Labels of the three versions in messages ("case.ini (ours)"...);
	 * NULL: "base", "ours", "theirs". */
	const char *label[3];
	/*
	 * Which side changed section.key later (key NULL: which side added
	 * the section later).  NULL: theirs.  It must decide the same way
	 * for the same question.
	 */
	enum merge_side (*later)(void *arg, const char *section,
				 const char *key);
	/*
	 * For a file with no place for notes (docket.ini): a one-line
	 * comment text (without '#') that keeps the lost value in the file,
	 * above the key; a new string, or NULL for none.
	 */
	char *(*comment)(void *arg, const struct merge_decision *d);
	/*
	 * Is [due "name"] the deadline a stage adds (on_enter_due), the same
	 * deadline in whichever clone it was made?  Then, added on both
	 * sides, it merges key by key.  NULL: no name is.
	 */
	int (*stage_due)(void *arg, const char *name);
	void *arg;
	/*
	 * Merging two merge bases into the virtual base of a criss-cross
	 * merge: a key changed on both sides to different values is left
	 * out (no decision, no comment), so that in the real merge both
	 * sides count as having changed it and the later change wins, the
	 * other value kept, instead of one side looking unchanged.
	 */
	int virtual_base;
};

/*
 * Merge ours and theirs, both changed from base (base NULL: the file is
 * new on both sides).  0; DK_EPARSE when a version does not parse (the
 * message names it, "label:line: what"); DK_ECONFLICT when the result
 * could not be made (a comment too long...).  On failure *out is empty.
 */
int merge_text(struct merge_result *out, const char *base, size_t blen,
	       const char *ours, size_t olen, const char *theirs, size_t tlen,
	       const struct merge_opts *opts);
/* The same on parsed documents (base may be NULL). */
int merge_cfg(struct merge_result *out, const struct cfg *base,
	      const struct cfg *ours, const struct cfg *theirs,
	      const struct merge_opts *opts);
void merge_result_free(struct merge_result *r);

#endif
