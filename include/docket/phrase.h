/*
 * phrase.h - the phrases that suggest an escalation (docket.ini's
 * [indicators]) found in a note's text, for the report.
 *
 * Text is matched in a normal form: ASCII letters lowercased and every run
 * of white space one space, so "Loss of\n  consciousness" matches "loss of
 * consciousness".  A phrase matches whole words: "complaint" is not in
 * "complaints"; a phrase ending in '*' matches any word it starts
 * ("complain*" is in "complaints").  A word is a run of ASCII letters and
 * digits and bytes beyond ASCII; "-" and "'" end one.  Phrases are bucketed
 * by their first byte, so the text is read once whatever the number of
 * phrases.
 *
 * Ownership: a struct matcher owns its phrases (matcher_free).
 */
#ifndef DOCKET_PHRASE_H
#define DOCKET_PHRASE_H

#include <stddef.h>

struct phrase {
	char *s;	/* normal form, with its '*' when it has one */
	size_t len;	/* the bytes to match: s without the '*' */
	int prefix;	/* it ended in '*': the last word may go on */
	int reason;	/* index into firm->ind */
	int order;	/* its place among its reason's phrases */
};

struct matcher {
	struct phrase *ph;
	size_t nph;
	/* the phrases starting with byte b: from first[b] to first[b + 1] */
	size_t first[257];
	/* a bit a pair of bytes: does a phrase start with these two? */
	unsigned char pair[65536 / 8];
	int nreasons;
};

/* in, len bytes, in the normal form into out (len + 1 bytes); its
 * length. */
size_t phrase_normalize(char *out, const char *in, size_t len);
/* Add phrase p of reason, order-th of its reason's (cap: m->ph's
 * capacity, 0 at first); then index them once, before matcher_run. */
void matcher_add(struct matcher *m, size_t *cap, const char *p, int reason,
		 int order);
void matcher_index(struct matcher *m);
/*
 * For every reason, the first of its phrases (in docket.ini's order) that
 * norm (normal form, len bytes and a NUL) contains: best[reason] is the
 * phrase's index in m->ph, or -1.
 */
void matcher_run(const struct matcher *m, const char *norm, size_t len,
		 int *best);
void matcher_free(struct matcher *m);

/* Indicator matching, for tests: the first of phrases (lowercase) found
 * in text, ignoring ASCII case and treating any run of white space as
 * one space; -1 when none is.  */
int phrase_first(const char *text, size_t len, const char *const *phrases,
		 size_t n);

#endif
