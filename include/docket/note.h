/*
 * note.h - note files: cases/<YYYY>/<id>/notes/<name>.md, one per note,
 * never rewritten.  The name carries the time (UTC), a sequence number when
 * two notes share a second, the kind, the author and, after a '+', whom a
 * note was with when it was not the client (`note --with`):
 *   20261122T143000Z-call-bob.md, 20261122T143000Z.02-call-bob.md,
 *   20261122T150000Z-call-bob+adjuster.md
 *
 * Ownership: struct note's strings belong to it (note_clear frees them);
 * note_list gives the caller an array to release with note_list_free.
 */
#ifndef DOCKET_NOTE_H
#define DOCKET_NOTE_H

#include <stddef.h>
#include <time.h>

#include "docket/util.h"

#define NOTES_DIR "notes"
#define NOTE_MAX_BYTES (1024 * 1024)

struct note {
	char *name;	/* the file name */
	time_t time;
	int seq;	/* 1 for the first note of its second */
	char *kind;
	char *author;
	char *with;	/* whom it was with; NULL: not said (for a kind of
			 * client contact: the client) */
};

#define NOTE_WITH_CLIENT "client"
/* How the internal note of sync's decisions starts: docket wrote it, not
 * a person. */
#define NOTE_SYNC_LEAD "docket merged changes made to this case"

/* The layout: is path ("cases/YYYY/ID/notes/NAME") a note, NAME a note
 * file name?  The case directory of a note's path (a new string). */
int note_is_path(const char *path);
char *note_case_dir(const char *path);

/* 0, or -1 when name is not a note file name. */
int note_parse_name(struct note *out, const char *name);
/* The same for name[0..len), its strings (name, kind, author, with) put
 * in buf, which has room for 2 * len + 4 bytes: nothing allocated (the
 * status cache gives many notes at once).  The bytes of buf used, or -1
 * when it is not a note file name. */
int note_parse_name_in(struct note *out, const char *name, size_t len,
		       char *buf);
char *note_make_name(time_t t, int seq, const char *kind, const char *author,
		     const char *with);
/* Was the note with the client (its with unsaid, or "client")?  Is it
 * client contact (a contact kind, with the client), does it answer a
 * client's inquiry (an answer kind, with the client)? */
int note_with_client(const struct note *n);
int note_is_client_contact(const struct note *n);
int note_answers_client(const struct note *n);
void note_clear(struct note *n);
/* *out, a copy of n with strings of its own. */
void note_copy(struct note *out, const struct note *n);
/* How people name the note of file name: "the call note of 2026-11-20
 * 09:00", its local time (TZ); name itself when it is not a note's.  A
 * new string. */
char *note_label(const char *name);

/* The notes of a case directory, oldest first.  0 or DK_EIO. */
int note_list(struct note **out, size_t *n, const char *root,
	      const char *case_dir);
void note_list_free(struct note *notes, size_t n);
int note_cmp(const struct note *a, const struct note *b);

/* Read a note's text.  0, or DK_EIO. */
int note_read(struct sb *out, const char *root, const char *case_dir,
	      const char *name);

/* 0 when text can be a note; else DK_EINVAL saying why. */
int note_text_check(const char *text, size_t len);

/*
 * The path (relative to root) of a new note of case_dir at time t, its
 * notes/ directory made if need be; nothing is written yet.  0 or DK_EIO.
 */
int note_new_path(char **path, const char *root, const char *case_dir,
		  time_t t, const char *kind, const char *author,
		  const char *with);
/* Write the note at path (from note_new_path) atomically: 0, DK_EINVAL
 * (text refused, see note_text_check) or DK_EIO. */
int note_write(const char *root, const char *path, const char *text,
	       size_t len);

#endif
