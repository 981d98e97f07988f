/*
 * ini-doc.c - an INI document as the three-way merge sees it (see
 * src/ini-doc.h): built from a cfg, its sections and keys indexed by
 * name, looked up, copied, compared, and written back.
 */
#include "docket/cfg.h"
#include "docket/util.h"
#include "ini-doc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *
idx_name(const struct nameidx *x, size_t i)
{
	return *(char **)((char *)x->name + i * x->stride);
}

size_t *
idx_slot(const struct nameidx *x, const char *name)
{
	uint64_t h = 14695981039346656037u;
	size_t i;

	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		h = (h ^ *p) * 1099511628211u;
	for (i = (size_t)(h ^ (h >> 29)) & x->mask; x->slot[i];
	     i = (i + 1) & x->mask)
		if (!strcmp(idx_name(x, x->slot[i] - 1), name))
			break;
	return &x->slot[i];
}

/* An index of n names, the first at *first, stride bytes apart. */
struct nameidx *
idx_build(char **first, size_t n, size_t stride)
{
	struct nameidx *x = xcalloc(1, sizeof(*x));
	size_t cap = 16;

	while (cap < 2 * n + 2)
		cap *= 2;
	x->slot = xcalloc(cap, sizeof(*x->slot));
	x->mask = cap - 1;
	x->name = first;
	x->stride = stride;
	for (size_t i = 0; i < n; i++) {
		size_t *s = idx_slot(x, idx_name(x, i));

		if (!*s)
			*s = i + 1;
	}
	return x;
}

void
idx_free(struct nameidx **x)
{
	if (*x)
		free((*x)->slot);
	free(*x);
	*x = NULL;
}

static void
add_line(struct sb *sb, const char *raw)
{
	sb_adds(sb, raw);
	sb_addc(sb, '\n');
}

static char *
take(struct sb *sb)
{
	char *s = xstrdup(sb_str(sb));

	sb_reset(sb);
	return s;
}

static void
item_clear(struct item *it)
{
	free(it->key);
	free(it->value);
	free(it->lead);
	free(it->body);
}

static void
sect_clear(struct sect *s)
{
	for (size_t i = 0; i < s->n; i++)
		item_clear(&s->it[i]);
	free(s->it);
	free(s->name);
	free(s->lead);
	free(s->head);
	idx_free(&s->idx);
}

void
doc_free(struct doc *d)
{
	for (size_t i = 0; i < d->n; i++)
		sect_clear(&d->s[i]);
	free(d->s);
	free(d->tail);
	idx_free(&d->idx);
	memset(d, 0, sizeof(*d));
}

/* Make room for one section at pos and return it, zeroed. */
struct sect *
sect_insert(struct doc *d, size_t pos)
{
	idx_free(&d->idx);
	GROW(d->s, d->cap, d->n + 1);
	memmove(d->s + pos + 1, d->s + pos, (d->n - pos) * sizeof(*d->s));
	d->n++;
	memset(&d->s[pos], 0, sizeof(d->s[pos]));
	return &d->s[pos];
}

struct item *
item_insert(struct sect *s, size_t pos)
{
	idx_free(&s->idx);
	GROW(s->it, s->cap, s->n + 1);
	memmove(s->it + pos + 1, s->it + pos, (s->n - pos) * sizeof(*s->it));
	s->n++;
	memset(&s->it[pos], 0, sizeof(s->it[pos]));
	return &s->it[pos];
}

/*
 * The name an item is matched by: its key; for a key that may repeat
 * (cfg_key_repeats: a stage's `task` lines), its place among the lines of
 * that key: "task", "task[2]", "task[3]"...  The lines are written back as
 * they were read (an item's body), never from this name.
 */
static char *
item_key(const struct sect *s, const char *key)
{
	size_t n = 0, kl = strlen(key);

	if (!cfg_key_repeats(s->name, key))
		return xstrdup(key);
	/* the last item is the one being made */
	for (size_t i = 0; i + 1 < s->n; i++)
		n += !strncmp(s->it[i].key, key, kl) &&
		     (!s->it[i].key[kl] || s->it[i].key[kl] == '[');
	return n ? xasprintf("%s[%zu]", key, n + 1) : xstrdup(key);
}

void
doc_build(struct doc *d, const struct cfg *cfg)
{
	struct sb pend = SB_INIT, body = SB_INIT;
	struct sect *cur = NULL;
	struct item *last = NULL;	/* the item whose body is in body */

	memset(d, 0, sizeof(*d));
	for (size_t i = 0; cfg && i < cfg->n; i++) {
		const struct cfg_line *l = &cfg->lines[i];
		struct item *it;

		if (last && l->kind != CFG_CONT) {
			free(last->body);
			last->body = take(&body);
			last = NULL;
		}
		switch (l->kind) {
		case CFG_SECTION:
			cur = sect_insert(d, d->n);
			cur->name = xstrdup(l->section);
			cur->lead = take(&pend);
			add_line(&pend, l->raw);
			cur->head = take(&pend);
			break;
		case CFG_KEY:
			if (!cur || !l->key)
				goto plain;
			it = item_insert(cur, cur->n);
			it->key = item_key(cur, l->key);
			it->value = xstrdup(l->value ? l->value : "");
			it->lead = take(&pend);
			add_line(&pend, l->raw);
			it->body = take(&pend);
			break;
		case CFG_CONT:
			if (!cur || !cur->n)
				goto plain;
			/* a continuation after comment lines keeps them in
			 * place, inside the value's lines; the body grows in
			 * body until the item's last line */
			it = &cur->it[cur->n - 1];
			if (last != it) {
				sb_reset(&body);
				sb_adds(&body, it->body);
				last = it;
			}
			sb_adds(&body, sb_str(&pend));
			add_line(&body, l->raw);
			sb_reset(&pend);
			break;
		default:
		plain:
			add_line(&pend, l->raw);
			break;
		}
	}
	if (last) {
		free(last->body);
		last->body = take(&body);
	}
	d->tail = take(&pend);
	sb_free(&pend);
	sb_free(&body);
	d->idx = idx_build(d->n ? &d->s[0].name : NULL, d->n, sizeof(*d->s));
	for (size_t i = 0; i < d->n; i++)
		d->s[i].idx = idx_build(d->s[i].n ? &d->s[i].it[0].key : NULL,
					d->s[i].n, sizeof(*d->s[i].it));
}

long
find_sect(const struct doc *d, const char *name)
{
	if (d && d->idx)
		return (long)*idx_slot(d->idx, name) - 1;
	for (size_t i = 0; d && i < d->n; i++)
		if (!strcmp(d->s[i].name, name))
			return (long)i;
	return -1;
}

long
find_item(const struct sect *s, const char *key)
{
	if (s && s->idx)
		return (long)*idx_slot(s->idx, key) - 1;
	for (size_t i = 0; s && i < s->n; i++)
		if (!strcmp(s->it[i].key, key))
			return (long)i;
	return -1;
}

const struct item *
get_item(const struct sect *s, const char *key)
{
	long i = find_item(s, key);

	return i < 0 ? NULL : &s->it[i];
}

const struct sect *
get_sect(const struct doc *d, const char *name)
{
	long i = find_sect(d, name);

	return i < 0 ? NULL : &d->s[i];
}

void
item_copy(struct item *dst, const struct item *src)
{
	dst->key = xstrdup(src->key);
	dst->value = xstrdup(src->value);
	dst->lead = xstrdup(src->lead);
	dst->body = xstrdup(src->body);
}

void
sect_copy(struct sect *dst, const struct sect *src)
{
	dst->name = xstrdup(src->name);
	dst->lead = xstrdup(src->lead);
	dst->head = xstrdup(src->head);
	for (size_t i = 0; i < src->n; i++)
		item_copy(item_insert(dst, dst->n), &src->it[i]);
}

/* Same text: the section as a whole (its lead aside). */
int
sect_same(const struct sect *a, const struct sect *b)
{
	if (strcmp(a->head, b->head) || a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->it[i].key, b->it[i].key) ||
		    strcmp(a->it[i].lead, b->it[i].lead) ||
		    strcmp(a->it[i].body, b->it[i].body))
			return 0;
	return 1;
}

/* The same keys with the same values, in any order and layout. */
int
sect_same_values(const struct sect *a, const struct sect *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++) {
		const struct item *o = get_item(b, a->it[i].key);

		if (!o || strcmp(o->value, a->it[i].value))
			return 0;
	}
	return 1;
}

void
doc_write(const struct doc *d, int crlf, struct sb *out)
{
	struct sb sb = SB_INIT;

	for (size_t i = 0; i < d->n; i++) {
		const struct sect *s = &d->s[i];

		sb_adds(&sb, s->lead);
		sb_adds(&sb, s->head);
		for (size_t j = 0; j < s->n; j++) {
			sb_adds(&sb, s->it[j].lead);
			sb_adds(&sb, s->it[j].body);
		}
	}
	sb_adds(&sb, d->tail);
	if (!crlf) {
		sb_add(out, sb.buf ? sb.buf : "", sb.len);
	} else {
		for (size_t i = 0; i < sb.len; i++) {
			if (sb.buf[i] == '\n')
				sb_addc(out, '\r');
			sb_addc(out, sb.buf[i]);
		}
	}
	sb_free(&sb);
}
