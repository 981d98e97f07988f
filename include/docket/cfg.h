/*
 * cfg.h - INI documents that keep every line: read with inih, edited key by
 * key, written back with unknown sections, keys and comments in place.
 *
 * Ownership: cfg_parse/cfg_load give the caller a struct cfg to release
 * with cfg_free (cfg_free(NULL) is a no-op).  Strings returned by cfg_get
 * belong to the document and stay valid until it changes or is freed.
 *
 * What reads back exactly: a value is one line of valid UTF-8 with no
 * control character and no leading or trailing space; cfg_set refuses
 * anything else (cfg_value_check says why), so a file written here reads
 * the same in inih and in Python's configparser.  A value that continues
 * on indented lines (configparser style) reads as its lines joined by "\n".
 */
#ifndef DOCKET_CFG_H
#define DOCKET_CFG_H

#include <stddef.h>

struct sb;

/* The longest line docket reads or writes, and the name limits of inih. */
extern const size_t cfg_max_line;
#define CFG_MAX_NAME 49
/*
 * The largest INI file docket reads (case.ini, docket.ini), in bytes: a
 * busy case.ini is tens of kilobytes.  A larger one is refused, never
 * read in part.
 */
#define CFG_MAX_FILE (4 * 1000 * 1000)
#define CFG_MAX_FILE_TEXT "4 MB"

enum cfg_kind { CFG_BLANK, CFG_COMMENT, CFG_SECTION, CFG_KEY, CFG_CONT };

struct cfg_line {
	enum cfg_kind kind;
	char *raw;	/* the line without its newline */
	char *section;	/* SECTION: its name; KEY, CONT: the enclosing one */
	char *key;	/* KEY */
	char *value;	/* KEY: the value, continuation lines joined by "\n" */
	int lineno;	/* 1-based line as read; 0 for a line added since */
};

struct cfg_index;

struct cfg {
	char *name;	/* the file's name in messages */
	struct cfg_line *lines;
	size_t n, cap;
	int crlf;	/* the file used CRLF line ends */
	struct cfg_index *index;	/* sections and keys by name; cfg.c's */
	/* one block the lines' strings may point into (the status cache
	 * makes a cfg so): freed whole, never a string in it alone */
	char *arena;
	size_t arena_len;
};

/* 0, or DK_EPARSE with "name:line: what" (or "name: too large ..." past
 * CFG_MAX_FILE).  Reading takes time linear in len. */
int cfg_parse(struct cfg **out, const char *name, const char *buf, size_t len);
/* 0, DK_ENOTFOUND when path does not exist, DK_EIO, or DK_EPARSE. */
int cfg_load(struct cfg **out, const char *path, const char *name);
/* Read an INI file into out (appending) without reading past CFG_MAX_FILE:
 * 0, DK_ENOTFOUND, DK_EIO ("cannot read name: ..."; a file that is not a
 * regular file is one) or DK_EPARSE ("name: too large ..."). */
int cfg_read(struct sb *out, const char *path, const char *name);
void cfg_free(struct cfg *cfg);

const char *cfg_get(const struct cfg *cfg, const char *section,
		    const char *key);
/*
 * A key may repeat in its section only where docket.ini says so: a
 * [stage "..."]'s `task` (one a line); any other repeated key is an
 * error.  cfg_get gives the first; walk the lines for the rest.
 */
int cfg_key_repeats(const char *section, const char *key);
/* The line of a key (or of the section when key is NULL); 0 if absent. */
int cfg_lineno(const struct cfg *cfg, const char *section, const char *key);
/* The line an error about section.key names: the key's as read; its
 * section's when the key is not there (or key is NULL); 0 for a value set
 * since the file was read, which has no line. */
int cfg_error_line(const struct cfg *cfg, const char *section,
		   const char *key);
int cfg_has_section(const struct cfg *cfg, const char *section);

/* Set a key, in place if it exists, else at the end of its section (made
 * at the end of the file if need be).  0, or DK_EINVAL (nothing changed). */
int cfg_set(struct cfg *cfg, const char *section, const char *key,
	    const char *value);
/* Remove a key; 1 if it was there, else 0. */
int cfg_unset(struct cfg *cfg, const char *section, const char *key);
/* Add an empty section at the end of the file if it is not there. */
int cfg_add_section(struct cfg *cfg, const char *section);
void cfg_remove_section(struct cfg *cfg, const char *section);

/* The document's text. */
void cfg_write(const struct cfg *cfg, struct sb *out);

/* 0 when value reads back exactly as the value of key; else DK_EINVAL,
 * with a message that starts with what. */
int cfg_value_check(const char *what, const char *key, const char *value);
/* 0 when a section or key name can be written; else DK_EINVAL. */
int cfg_name_check(const char *what, const char *name);

/*
 * Key-level differences from a to b (either may be NULL: empty), in b's
 * order then a's: cb gets old NULL for an added key, new NULL for a
 * removed one.
 */
void cfg_diff(const struct cfg *a, const struct cfg *b,
	      void (*cb)(void *ctx, const char *section, const char *key,
			 const char *old, const char *new_),
	      void *ctx);

/* "section.key", or "kind.name.key" for [kind "name"]: a new string. */
char *cfg_dotted(const char *section, const char *key);

/* "kind \"name\"" as a new string; and its inverse: 0 and two new strings,
 * or -1 when section is not of that shape. */
char *cfg_subsection(const char *kind, const char *name);
int cfg_split_subsection(const char *section, char **kind, char **name);

#endif
