/*
 * ini-doc.h - shared by the three-way INI merge's two files (src/ini-doc.c,
 * src/ini-merge.c) and nothing else: a document as the merge sees it,
 * sections of items.  Every text field holds whole lines, each ending in
 * '\n'.  Comment and blank lines belong to the item or section below
 * them (lead); what follows the last key of the file is the tail.
 *
 * Ownership: a struct doc owns everything in it (doc_free); copies are
 * the destination's.
 */
#ifndef DOCKET_INI_DOC_H
#define DOCKET_INI_DOC_H

#include <stddef.h>

struct cfg;
struct sb;

/* Names to their index, for the documents the merge reads (never for the
 * one it builds): a lookup does not walk a section of thousands of keys. */
struct nameidx {
	size_t *slot;	/* an index + 1; 0 for an empty slot */
	size_t mask;
	char **name;	/* name i, owned by the document */
	size_t stride;	/* bytes from one name pointer to the next */
};

struct item {
	char *key, *value;
	char *lead;		/* comment and blank lines above the key */
	char *body;		/* the key line and its continuation lines */
	int ours_added;		/* in the result: added by ours alone */
};

struct sect {
	char *name;
	char *lead, *head;
	struct item *it;
	size_t n, cap;
	int ours_added;
	struct nameidx *idx;	/* keys; NULL: look them up one by one */
};

struct doc {
	struct sect *s;
	size_t n, cap;
	char *tail;
	struct nameidx *idx;	/* sections; NULL: one by one */
};

/* The slot of name in an index (0 in it when the name is not there). */
size_t *idx_slot(const struct nameidx *x, const char *name);
/* An index of n names, the first at *first, stride bytes apart. */
struct nameidx *idx_build(char **first, size_t n, size_t stride);
void idx_free(struct nameidx **x);

/* The document of cfg (NULL: an empty one), indexed. */
void doc_build(struct doc *d, const struct cfg *cfg);
void doc_free(struct doc *d);
/* Write the document's lines (crlf: with CRLF line ends) to out. */
void doc_write(const struct doc *d, int crlf, struct sb *out);
/* Make room for one section or item at pos and return it, zeroed. */
struct sect *sect_insert(struct doc *d, size_t pos);
struct item *item_insert(struct sect *s, size_t pos);
/* A section's or key's index, or -1 / the thing itself, or NULL. */
long find_sect(const struct doc *d, const char *name);
long find_item(const struct sect *s, const char *key);
const struct item *get_item(const struct sect *s, const char *key);
const struct sect *get_sect(const struct doc *d, const char *name);
void item_copy(struct item *dst, const struct item *src);
void sect_copy(struct sect *dst, const struct sect *src);
/* Same text: the section as a whole (its lead aside). */
int sect_same(const struct sect *a, const struct sect *b);
/* The same keys with the same values, in any order and layout. */
int sect_same_values(const struct sect *a, const struct sect *b);

#endif
