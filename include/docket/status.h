/*
 * status.h - the status cache, .git/docket/status: what the read commands
 * read of each case (case.ini as parsed, the notes' names, the indicator
 * phrases found in each note), kept with the stat data of case.ini and of
 * the notes directory, as git's index keeps a file's.  The files are the
 * truth: a case is taken from the cache only when its stat data match and
 * are older than the cache (git's "racy" rule); anything else is read from
 * the files and its entry refreshed.  A cache that does not parse, from
 * another format or version, or made with another docket.ini, is rebuilt
 * from the files without a word; one that cannot be written is only read.
 *
 * One cache a process: the command layer begins it (status_begin) before
 * the firm is loaded and ends it (status_end) when the command is done;
 * without it (a writer, a unit test) every call below reads the files.
 * The cases are asked for in case_list_dirs' order: the cache is read and
 * written alongside, one case in memory at a time, so memory stays small
 * however many cases the firm has.
 *
 * Ownership: status_case gives the caller a case (case_free), as
 * case_load does; status_notes lends the cache's notes.  Nothing
 * here prints.
 */
#ifndef DOCKET_STATUS_H
#define DOCKET_STATUS_H

#include <stddef.h>

struct dcase;
struct firm;
struct note;
struct strv;

/* The cache's name in the git directory. */
#define STATUS_FILE "docket/status"

/* Begin the process's cache at path (in the git directory) for the firm
 * at root (ending in '/'), whose docket.ini is firm_file; version: docket's.
 * Nothing is read yet. */
void status_begin(const char *path, const char *root, const char *firm_file,
		  const char *version);
/* Write the cache if anything changed and it can be (never waiting for
 * another process), and forget it. */
void status_end(void);
/* Is the cache begun, for path and root? */
int status_begun_as(const char *path, const char *root);

/* case_load of a directory of case_list_maybe, from the cache when the
 * case's entry is good; DK_ENOTFOUND (no message) when dir's case.ini is
 * not a file: dir is no case, and is passed over as case_list_dirs
 * does. */
int status_case(struct dcase **out, const struct firm *firm, const char *dir);
/*
 * The cases about to be asked for, dirs[0..n) in that order (the very
 * strings given to status_case): their stat data (and their notes/'s when
 * notes) are taken ahead on a second thread, when there is a cache to
 * check them against and enough of them to pay for it.  The caller keeps dirs until
 * status_prefetch_stop, which it calls before freeing them (also when
 * it stops early).  Without it, or for a case not among dirs, status_case
 * takes the stat itself.
 */
void status_prefetch(char *const *dirs, size_t n, int notes);
void status_prefetch_stop(void);
/*
 * The firm's cases listed (case_list_maybe) and their stats begun, as
 * soon as the cache is begun: ahead of the command that will scan them
 * all, while the rest of it starts.  status_list gives the caller that
 * listing (a new one, when none was made ahead for root) with its stats
 * begun: status_prefetch's dirs, freed by the caller after
 * status_prefetch_stop.
 */
void status_ahead(int notes);
void status_list(struct strv *dirs, const char *root, int notes);
/* The command asks status_case for some of the listed cases only (on),
 * or for every one (0, as begun): an entry it passes over is then kept
 * as it was, not dropped as a case that is gone. */
void status_some(int on);
/*
 * What the command reads of a case, so that status_case may give it no
 * more than the cache keeps: 1, no more than its view (case.h: c->cfg
 * and c->wu NULL); 2, its view and its workup (c->cfg NULL, but for a
 * case with a recovery, whose lines the report reads); 0 (as begun),
 * always a whole case.
 */
void status_views(int level);
/* note_list of the case status_case gave last, from the cache when good
 * (else, or for another case, note_list itself).  *out is the cache's
 * until the next status_case, or *own's, which the caller lets go
 * (note_list_free(*own, *n)); *own is NULL when nothing is the caller's. */
int status_notes(const struct note **out, size_t *n, struct note **own,
		 const char *root, const char *dir);
/*
 * The indicator phrases found in note i (named name) of the case
 * status_case gave last: 1 with found[0..nind) as the report's matcher
 * gives them (-1: none of that reason) when the cache knows; else 0.
 * status_note_keep tells the cache what was found.
 */
int status_note_found(const char *dir, size_t i, const char *name,
		      int *found, size_t nind);
void status_note_keep(const char *dir, size_t i, const char *name,
		      const int *found, size_t nind);

#endif
