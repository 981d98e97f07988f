/*
 * change.h - a change to one case, the unit of work between the model and
 * the repository: the case saved and notes written, each file named in
 * the writers' journal before it is written (repo.h), then one commit of
 * them all; or, when anything fails, every file put back as it was.
 *
 * Ownership: a struct change keeps the copies it needs to roll back (the
 * case file's bytes, the files it made); change_free releases them, and
 * rolls back a change that was not committed.  The repository, the firm
 * and the strings given to change_begin stay the caller's and must
 * outlive the change.
 */
#ifndef DOCKET_CHANGE_H
#define DOCKET_CHANGE_H

#include <stddef.h>
#include <time.h>

#include "docket/util.h"

struct dcase;
struct firm;
struct repo;

struct change {
	struct repo *repo;
	const struct firm *firm;
	const char *root;	/* the firm's top, ending in '/' */
	const char *command;	/* the commit message's "<command>(<id>): " */
	time_t now;		/* the commit's time */
	/* The staff handle notes are written as, asked only when a note is
	 * written: 0, or an error. */
	int (*author)(void *arg, const char **handle);
	void *author_arg;

	struct strv paths;	/* relative to the firm: what the commit holds */
	struct strv created;	/* absolute: new files to remove on rollback */
	char *case_file;	/* absolute path of a saved case.ini */
	struct sb orig;		/* its bytes before the change */
	int had_orig;
	/* other files written or removed (change_put_file,
	 * change_remove_file): each one's bytes before, to put back */
	struct change_file {
		char *path;	/* absolute */
		struct sb orig;
		int had;
	} *files;
	size_t nfiles, capfiles;
	int done;
};

/* A new change of the firm in repo; set author before adding a note. */
void change_begin(struct change *ch, struct repo *repo, const struct firm *firm,
		  const char *command, time_t now);
/* Validate the case (case_view) and save it: 0, or an error, nothing saved. */
int change_save_case(struct change *ch, struct dcase *c);
/* Write a new note of the case (its name from when, kind and the author);
 * *path (may be NULL) gets its path relative to the firm, a new string. */
int change_add_note(struct change *ch, const struct dcase *c, const char *kind,
		    const char *text, size_t len, time_t when, char **path);
/*
 * Any file of the firm (rel, relative to it): written with these bytes
 * (its directories made), or removed (its directories then left empty
 * go too, once committed).  The file is named in the journal first and
 * its bytes kept, so a rollback puts it back.  0, or an error.
 */
int change_put_file(struct change *ch, const char *rel, const void *data,
		    size_t len);
int change_remove_file(struct change *ch, const char *rel);
/* change_commit for a change that has no struct dcase at hand: the
 * message "<command>(<id>): <summary>". */
int change_commit_id(struct change *ch, const char *id, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same, of a note with someone (note.h's with; NULL: not said). */
int change_add_note_with(struct change *ch, const struct dcase *c,
			 const char *kind, const char *with, const char *text,
			 size_t len, time_t when, char **path);
/* Commit with the message "<command>(<id>): <summary>".  On failure every
 * file is put back as it was. */
int change_commit(struct change *ch, const struct dcase *c, const char *fmt,
		  ...) __attribute__((format(printf, 3, 4)));
void change_free(struct change *ch);

#endif
