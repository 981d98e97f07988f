/*
 * util.h - memory, growable strings and vectors, files.
 *
 * Ownership: x* allocators never return NULL (they abort on exhaustion).
 * A struct sb owns its buffer until sb_detach() hands it to the caller;
 * sb_free() releases it.  A struct strv owns every string in it.
 * Functions returning char * return a new string the caller frees.
 */
#ifndef DOCKET_UTIL_H
#define DOCKET_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow *v (of *cap elements of size elem) to hold at least need elements. */
void grow(void **v, size_t *cap, size_t need, size_t elem);
#define GROW(v, cap, need) grow((void **)&(v), &(cap), (need), sizeof(*(v)))

struct sb {
	char *buf;	/* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};
#define SB_INIT { NULL, 0, 0 }

void sb_add(struct sb *sb, const void *data, size_t len);
void sb_adds(struct sb *sb, const char *s);
void sb_addc(struct sb *sb, char c);
void sb_addrep(struct sb *sb, char c, size_t n);	/* n of c */
void sb_addl(struct sb *sb, long n);	/* as "%ld" */
void sb_addf(struct sb *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_vaddf(struct sb *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void sb_reset(struct sb *sb);
void sb_free(struct sb *sb);
char *sb_detach(struct sb *sb);
const char *sb_str(const struct sb *sb);	/* "" when empty */

struct strv {
	char **v;
	size_t n;
	size_t cap;
};
#define STRV_INIT { NULL, 0, 0 }

void strv_push(struct strv *sv, const char *s);	/* copies s */
void strv_push_owned(struct strv *sv, char *s);	/* takes s */
void strv_free(struct strv *sv);
void strv_sort(struct strv *sv);
/* Sort by what follows the last '/' (all of a string without one), then
 * by the whole string; each string's part found once, not at every
 * comparison (case.c sorts a firm's every case directory so). */
void strv_sort_by_base(struct strv *sv);
int strv_has(const struct strv *sv, const char *s);

/* Is w one of a NULL-terminated list of words? */
int word_in(const char *const *list, const char *w);
/* The word of a NULL-terminated list that w is, in any case of ASCII
 * letters; or NULL. */
const char *word_find(const char *const *list, const char *w);
/* The word of a NULL-terminated list closest to w (two edits at most),
 * for "did you mean"; or NULL. */
const char *word_nearest(const char *const *list, const char *w);
/* s with ASCII letters lowercased; a new string. */
char *str_lower(const char *s);
/* "a, b, c" of a NULL-terminated list, for messages; a new string. */
char *list_join(const char *const *list);

/* Split s at sep, trimming spaces around items, dropping empty ones. */
void strv_split(struct strv *out, const char *s, char sep);

char *trim(char *s);	/* in place; returns s advanced past spaces */
int has_prefix(const char *s, const char *prefix);
/* The edit (Levenshtein) distance of two strings, for "did you mean". */
size_t edit_distance(const char *a, const char *b);
int streq(const char *a, const char *b);	/* NULL-safe */

/* Is buf valid UTF-8?  On failure, *bad is the offset of the first bad byte. */
int utf8_valid(const char *buf, size_t len, size_t *bad);

/*
 * Files.  read_file reads all of path into out (appending); it returns 0,
 * DK_ENOTFOUND (no such file) or DK_EIO.  write_file_atomic writes a
 * temporary file beside path, fsyncs it, renames it over path and fsyncs
 * the directory; mode is applied whatever the umask.  It returns 0 or
 * DK_EIO and leaves no temporary file.  A failure keeps its errno
 * (dk_errnum, error.h) and sets no message: the caller says what failed.
 */
int read_file(const char *path, struct sb *out);
int write_file_atomic(const char *path, const void *data, size_t len,
		      mode_t mode);
/*
 * mkdir -p of rel under the existing directory base.  Every component of
 * rel must be a real directory, never a symlink: 0, or DK_EIO (its errno
 * ENOTDIR for one that is not).
 */
int mkdirs(const char *base, const char *rel, mode_t mode);
int path_exists(const char *path);
int is_dir(const char *path);
char *path_join(const char *a, const char *b);

/* The mode for files and directories docket creates in the firm. */
extern mode_t file_mode, dir_mode;

#endif
