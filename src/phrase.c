/* phrase.c - the indicator phrases of docket.ini found in a note's text
 * (see phrase.h). */
#include "docket/phrase.h"
#include "docket/util.h"

#include <stdlib.h>
#include <string.h>

size_t
phrase_normalize(char *out, const char *in, size_t len)
{
	size_t n = 0;
	int space = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)in[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == '\v') {
			space = 1;
			continue;
		}
		if (space && n)
			out[n++] = ' ';
		space = 0;
		out[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c);
	}
	out[n] = '\0';
	return n;
}

static int
phrase_cmp(const void *a, const void *b)
{
	const struct phrase *x = a, *y = b;
	unsigned char cx = (unsigned char)x->s[0], cy = (unsigned char)y->s[0];

	if (cx != cy)
		return cx < cy ? -1 : 1;
	if (x->reason != y->reason)
		return x->reason < y->reason ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* A byte of a word: an ASCII letter or digit, or any byte of a UTF-8
 * character beyond ASCII (a letter, most likely). */
static int
word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c >= 0x80;
}

void
matcher_add(struct matcher *m, size_t *cap, const char *p, int reason,
	    int order)
{
	char *s = xmalloc(strlen(p) + 1);
	size_t len = phrase_normalize(s, p, strlen(p));
	int prefix = 0;

	/* "complain*": any word it starts; the '*' stays in s, to be shown */
	if (len && s[len - 1] == '*') {
		prefix = 1;
		while (len && (s[len - 1] == '*' || s[len - 1] == ' '))
			len--;
		s[len] = '*';
		s[len + 1] = '\0';
	}
	if (!len) {
		free(s);
		return;
	}
	GROW(m->ph, *cap, m->nph + 1);
	m->ph[m->nph].s = s;
	m->ph[m->nph].len = len;
	m->ph[m->nph].prefix = prefix;
	m->ph[m->nph].reason = reason;
	m->ph[m->nph].order = order;
	m->nph++;
}

void
matcher_index(struct matcher *m)
{
	size_t i = 0;

	if (m->nph > 1)
		qsort(m->ph, m->nph, sizeof(*m->ph), phrase_cmp);
	for (int b = 0; b < 256; b++) {
		m->first[b] = i;
		while (i < m->nph && (unsigned char)m->ph[i].s[0] == b)
			i++;
	}
	m->first[256] = m->nph;
	memset(m->pair, 0, sizeof(m->pair));
	for (size_t k = 0; k < m->nph; k++) {
		unsigned c = (unsigned char)m->ph[k].s[0];

		/* a phrase of one byte goes with any second byte */
		for (unsigned d = 0; d < 256; d++) {
			unsigned v = c << 8 | d;

			if (m->ph[k].len == 1 || d == (unsigned char)m->ph[k].s[1])
				m->pair[v >> 3] |= (unsigned char)(1u << (v & 7));
		}
	}
}

void
matcher_free(struct matcher *m)
{
	for (size_t i = 0; i < m->nph; i++)
		free(m->ph[i].s);
	free(m->ph);
}

void
matcher_run(const struct matcher *m, const char *norm, size_t len, int *best)
{
	for (int r = 0; r < m->nreasons; r++)
		best[r] = -1;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)norm[i];
		unsigned v = c << 8 | (unsigned char)norm[i + 1];

		/* norm[len] is its NUL */
		if (!(m->pair[v >> 3] & (1u << (v & 7))))
			continue;
		/* whole words: a phrase that starts with a letter starts a
		 * word, and one that ends with a letter ends one unless it
		 * ends with '*' */
		if (i && word_byte(c) && word_byte((unsigned char)norm[i - 1]))
			continue;
		for (size_t k = m->first[c]; k < m->first[c + 1]; k++) {
			const struct phrase *p = &m->ph[k];

			if (p->len > len - i || memcmp(norm + i, p->s, p->len))
				continue;
			if (!p->prefix &&
			    word_byte((unsigned char)p->s[p->len - 1]) &&
			    word_byte((unsigned char)norm[i + p->len]))
				continue;
			if (best[p->reason] < 0 ||
			    m->ph[best[p->reason]].order > p->order)
				best[p->reason] = (int)k;
		}
	}
}

int
phrase_first(const char *text, size_t len, const char *const *phrases,
	     size_t n)
{
	struct matcher m;
	size_t cap = 0;
	char *norm = xmalloc(len + 1);
	size_t nlen = phrase_normalize(norm, text, len);
	int best = -1, r;

	memset(&m, 0, sizeof(m));
	m.nreasons = 1;
	for (size_t i = 0; i < n; i++)
		matcher_add(&m, &cap, phrases[i], 0, (int)i);
	matcher_index(&m);
	matcher_run(&m, norm, nlen, &best);
	r = best < 0 ? -1 : m.ph[best].order;
	matcher_free(&m);
	free(norm);
	return r;
}
