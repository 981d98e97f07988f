/*
 * status-file.h - (private) the status cache's file, shared by status.c
 * and status-file.c (and status-view.c, a case's view): its frames, what it keeps of a case (struct entry),
 * and the stat data it checks.  See status-file.c for the format.
 *
 * Ownership: a struct entry owns everything in it (stf_entry_clear);
 * stf_get_cfg gives the caller a struct cfg (cfg_free), stf_get_view a
 * struct dcase (case_free).
 */
#ifndef DOCKET_STATUS_FILE_H
#define DOCKET_STATUS_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "docket/util.h"

struct cfg;
struct dcase;
struct note;

/* Change it whenever the format changes, or what cfg_parse or the
 * phrase matcher make of a text: a cache of another format is not read. */
#define STATUS_FORMAT 3
#define STATUS_MAGIC "DKSTATUS"
#define FRAME_MAX (64u * 1024 * 1024)

struct fst {			/* what stat says of a file, as git keeps it */
	int64_t mtime, mtime_ns, ctime, ctime_ns, size, ino, dev;
};

struct entry {
	char *dir;
	long off;		/* its frame in the old file; -1 if new */
	struct sb raw;		/* that frame's payload, as read */
	uint64_t hash;
	int decoded, changed;
	unsigned flags;		/* ENTRY_* */
	size_t notes_at;	/* where the notes begin in raw */
	int notes_decoded;	/* nv..known are there */
	struct fst ini, notes;
	struct sb cfg;		/* case.ini's lines, encoded */
	struct sb view;		/* the case's view, encoded; empty if none */
	struct note *nv;
	char *ntext;		/* nv's strings, when decoded (else each its
				 * own, as note_list gives them) */
	size_t nn, nind;
	int *found;		/* nn * nind */
	unsigned char *known;	/* nn */
};

#define FRAME_HEAD 12		/* a frame's size (u32) and hash (u64) */

/* An entry's flags, just after its dir: what a reader of the dirs alone
 * (the thread that stats ahead) may know of the case. */
#define ENTRY_OPEN 1		/* open, as its view was made: the report
				 * reads its notes */

/* case_list_dirs' order, the file's: by ID, then by directory. */
int stf_dir_cmp(const char *a, const char *b);

/* Let e's notes go (stf_get_notes' or note_list's). */
void stf_notes_free(struct entry *e);

/* Encode into b; decode from a payload (bad set on anything wrong). */
struct rd {
	const unsigned char *p, *end;
	int bad;
};
void stf_put_uv(struct sb *b, uint64_t v);
void stf_put_sv(struct sb *b, int64_t v);	/* zigzagged */
void stf_put_mem(struct sb *b, const char *s, size_t n);
void stf_put_str(struct sb *b, const char *s);
void stf_put_fst(struct sb *b, const struct fst *f);
uint64_t stf_get_uv(struct rd *r);
int64_t stf_get_sv(struct rd *r);
/* Bytes in the payload, not copied; NULL when bad. */
const char *stf_get_bytes(struct rd *r, size_t *n);
/* The same, for a string (no NUL in it). */
const char *stf_get_mem(struct rd *r, size_t *n);
uint32_t stf_le32(const unsigned char *p);
uint64_t stf_le64(const unsigned char *p);
uint64_t stf_hash(const void *data, size_t len);
/* The strings given, up to NULL, as one new string. */
char *stf_concat(const char *a, ...);

/* The stat of path from dirfd (a symlink not followed): size -1 and the
 * rest 0 when nothing is there; *mode its type (S_IFMT bits). */
void stf_stat(struct fst *f, int dirfd, const char *path, mode_t *mode);
/* The same, taken from the file opened (one path walk, not two): its
 * descriptor, to read, when it is a regular file; else -1 (f and mode
 * as stf_stat would have them). */
int stf_open(struct fst *f, int dirfd, const char *path, mode_t *mode);
int stf_eq(const struct fst *a, const struct fst *b);

/*
 * status-stat.c: a case's files are statted (and read) from its year's
 * directory, kept open (stst_dir_fd: the descriptor, and dir's path from
 * it), for the firm at root (stst_begin; stst_end closes them all).
 * stst_prefetch starts a thread that stats dirs[0..n) (their case.ini,
 * and notes/ when notes, but for a case the old file, oldfd's from
 * offset start when oldfd >= 0, says is closed) ahead of the caller, who
 * keeps dirs until stst_prefetch_stop; stst_prefetched gives dir's stats
 * (1, *notes: were they taken) when dir is the next of them and they are
 * taken, else 0:
 * the caller stats dir itself (it has caught up with the thread, and
 * takes the next few too).  0 started, or -1.
 */
struct pstat {
	struct fst ini, notes;
	mode_t imode, nmode;
	int has_notes;		/* notes' taken */
};
void stst_begin(const char *root);
void stst_end(void);
int stst_dir_fd(const char *dir, const char **rel);
int stst_prefetch(char *const *dirs, size_t n, int notes, int oldfd,
		  long start);
void stst_prefetch_stop(void);
int stst_prefetched(const char *dir, struct pstat *ps, int *notes);

/* case.ini as parsed: its lines encoded; a cfg made from them (NULL
 * when they are bad), named name. */
void stf_put_cfg(struct sb *b, const struct cfg *cfg);
struct cfg *stf_get_cfg(const struct sb *bytes, const char *name);

/*
 * A case's view encoded (status-view.c), its workup with it; lines: the
 * case needs its lines all the same (it has what the view does not keep:
 * a recovery).  Decoded for dir into *out, the view alone (its view_text
 * set), with its workup when workup: 0; 1 (*out NULL) when workup is
 * asked of a case whose lines are needed; -1 when the bytes are bad or
 * empty.
 */
void stf_put_view(struct sb *b, const struct dcase *c, int lines);
int stf_get_view(struct dcase **out, const struct sb *bytes, const char *dir,
		 int workup);

/* An entry's payload; its decoding from e->raw (0, or -1 when bad): up
 * to case.ini's lines, then (stf_get_notes, only when they are needed)
 * the notes. */
void stf_put_entry(struct sb *b, const struct entry *e);
int stf_get_entry(struct entry *e);
int stf_get_notes(struct entry *e);
/* Empty e (its off -1); _reset keeps its buffers for the next case. */
void stf_entry_clear(struct entry *e);
void stf_entry_reset(struct entry *e);

#endif
