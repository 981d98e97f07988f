/* ini-merge.c - the three-way INI merge, key by key (see ini-merge.h), on
 * documents of src/ini-doc.h. */
#include "docket/ini-merge.h"
#include "docket/cfg.h"
#include "docket/deadline.h"
#include "docket/error.h"
#include "docket/id.h"
#include "docket/util.h"
#include "ini-doc.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The three-way choice for a text: NULL when both sides changed it
 * differently.  NULL texts count as empty. */
static const char *
pick3(const char *b, const char *o, const char *t)
{
	b = b ? b : "";
	o = o ? o : "";
	t = t ? t : "";
	if (!strcmp(o, t) || !strcmp(t, b))
		return o;
	if (!strcmp(o, b))
		return t;
	return NULL;
}

/* Does line (n bytes, no newline) start one of text's lines? */
static int
starts_a_line(const char *text, const char *line, size_t n)
{
	for (const char *l = text; l; l = strchr(l, '\n'), l = l ? l + 1 : NULL)
		if (!strncmp(l, line, n))
			return 1;
	return 0;
}

/* Comment lines: both sides' changes kept, ours first, then the lines of
 * theirs that ours does not have (looked up in an index of ours' lines,
 * not by a search of its text for each). */
static char *
merge_lead(const char *b, const char *o, const char *t)
{
	const char *p = pick3(b, o, t), *line;
	struct sb sb = SB_INIT;
	char *copy, **lines = NULL;
	size_t nlines = 0, cap = 0;
	struct nameidx *have;

	if (p)
		return xstrdup(p);
	sb_adds(&sb, o);
	/* ours' whole lines, each ending in a newline */
	copy = xstrdup(o);
	for (char *l = copy, *nl; (nl = strchr(l, '\n')); l = nl + 1) {
		*nl = '\0';
		GROW(lines, cap, nlines + 1);
		lines[nlines++] = l;
	}
	have = idx_build(lines, nlines, sizeof(*lines));
	for (line = t; *line; ) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		int blank = 1, known;

		for (size_t i = 0; i < n; i++)
			if (!isspace((unsigned char)line[i]))
				blank = 0;
		if (nl) {
			char *l = xstrndup(line, n);

			known = *idx_slot(have, l) != 0;
			free(l);
		} else {
			known = starts_a_line(o, line, n);
		}
		if (!blank && !known)
			sb_add(&sb, line, n + (nl ? 1 : 0));
		line += n + (nl ? 1 : 0);
	}
	idx_free(&have);
	free(lines);
	free(copy);
	sb_add(&sb, "", 0);
	return sb_detach(&sb);
}

/*
 * The merge builds the result on one side's order, the primary side: ours,
 * unless only theirs reordered what it shares with base (then theirs, so
 * that a merge with an unchanged side gives the other side back).  swap
 * is set while theirs is the primary side; sides are turned back into
 * ours and theirs where they leave: later() and decide().
 */
struct merger {
	const struct merge_opts *o;
	struct merge_result *res;
	size_t cap;
	int err;
	int swap;
};

static enum merge_side
real_side(const struct merger *m, enum merge_side s)
{
	return m->swap ? (s == MERGE_OURS ? MERGE_THEIRS : MERGE_OURS) : s;
}

static struct merge_decision *
decide(struct merger *m, enum merge_kind kind, const char *section,
       const char *key, enum merge_side kept)
{
	struct merge_decision *d;

	GROW(m->res->d, m->cap, m->res->n + 1);
	d = &m->res->d[m->res->n++];
	memset(d, 0, sizeof(*d));
	d->kind = kind;
	d->section = xstrdup(section);
	d->key = key ? xstrdup(key) : NULL;
	d->kept = real_side(m, kept);
	return d;
}

static enum merge_side
later(struct merger *m, const char *section, const char *key)
{
	enum merge_side s = MERGE_THEIRS;

	if (m->o && m->o->later && m->o->later(m->o->arg, section, key) ==
	    MERGE_OURS)
		s = MERGE_OURS;
	return real_side(m, s);
}

/* The comment that keeps a lost value in the file, added to *lead. */
static void
keep_in_comment(struct merger *m, const struct merge_decision *d, char **lead)
{
	char *text;
	struct sb sb = SB_INIT;

	if (!m->o || !m->o->comment || m->err)
		return;
	text = m->o->comment(m->o->arg, d);
	if (!text)
		return;
	if (cfg_value_check("comment", "#", text) < 0) {
		m->err = dk_err(DK_ECONFLICT, "cannot keep the other value of "
				"[%s] %s in a comment: %s", d->section, d->key,
				dk_errmsg());
		free(text);
		return;
	}
	sb_adds(&sb, *lead);
	sb_addf(&sb, "# %s\n", text);
	free(*lead);
	*lead = sb_detach(&sb);
	free(text);
}

/*
 * Where the entries only theirs has go: each after the nearest entry before
 * it in theirs that the result has, past what ours added there; entries
 * that follow one another in theirs stay together, in theirs' order.  So
 * each goes before the first entry of the result after that nearest one
 * that ours did not add: its place q.  The places are found in one pass
 * over theirs and the entries put in in one more, so that thousands of
 * them cost no more than thousands of lookups.
 */
struct place {
	size_t q, j;	/* before result entry q; theirs' entry j */
};

struct placer {
	size_t *next;	/* next[i]: the first entry from i that ours did not add */
	size_t q;	/* the place of an entry theirs adds now */
	struct place *v;
	size_t n, cap;
};

/* added(arg, i): was result entry i (of n) added by ours alone? */
static void
placer_init(struct placer *pl, size_t n, int (*added)(const void *, size_t),
	    const void *arg)
{
	memset(pl, 0, sizeof(*pl));
	pl->next = xcalloc(n + 1, sizeof(*pl->next));
	pl->next[n] = n;
	for (size_t i = n; i-- > 0; )
		pl->next[i] = added(arg, i) ? pl->next[i + 1] : i;
	pl->q = pl->next[0];
}

/* Theirs' next entry is result entry p (-1: not in the result). */
static void
placer_seen(struct placer *pl, long p)
{
	if (p >= 0)
		pl->q = pl->next[p + 1];
}

/* Theirs' entry j goes in. */
static void
placer_add(struct placer *pl, size_t j)
{
	GROW(pl->v, pl->cap, pl->n + 1);
	pl->v[pl->n].q = pl->q;
	pl->v[pl->n++].j = j;
}

static int
place_cmp(const void *a, const void *b)
{
	const struct place *x = a, *y = b;

	if (x->q != y->q)
		return x->q < y->q ? -1 : 1;
	return (x->j > y->j) - (x->j < y->j);
}

static void
placer_sort(struct placer *pl)
{
	if (pl->n)
		qsort(pl->v, pl->n, sizeof(*pl->v), place_cmp);
	free(pl->next);
	pl->next = NULL;
}

static int
item_added(const void *arg, size_t i)
{
	return ((const struct sect *)arg)->it[i].ours_added;
}

static int
sect_added(const void *arg, size_t i)
{
	return ((const struct doc *)arg)->s[i].ours_added;
}

/* Did x put the keys it shares with b in another order? */
static int
items_reordered(const struct sect *b, const struct sect *x)
{
	long last = -1;

	for (size_t i = 0; b && i < x->n; i++) {
		long p = find_item(b, x->it[i].key);

		if (p < 0)
			continue;
		if (p < last)
			return 1;
		last = p;
	}
	return 0;
}

static int
sects_reordered(const struct doc *b, const struct doc *x)
{
	long last = -1;

	for (size_t i = 0; b && i < x->n; i++) {
		long p = find_sect(b, x->s[i].name);

		if (p < 0)
			continue;
		if (p < last)
			return 1;
		last = p;
	}
	return 0;
}

/* Merge one section present in ours and theirs (and maybe base). */
static void
merge_sect(struct merger *m, struct sect *out, const struct sect *sb,
	   const struct sect *so, const struct sect *st)
{
	const char *head = pick3(sb ? sb->head : NULL, so->head, st->head);
	int swapped = !items_reordered(sb, so) && items_reordered(sb, st);
	struct placer pl;

	if (swapped) {
		const struct sect *x = so;

		so = st;
		st = x;
		m->swap = !m->swap;
	}
	out->name = xstrdup(so->name);
	out->lead = merge_lead(sb ? sb->lead : NULL, so->lead, st->lead);
	out->head = xstrdup(head ? head : so->head);

	for (size_t i = 0; i < so->n; i++) {
		const struct item *io = &so->it[i];
		const struct item *ib = get_item(sb, io->key);
		const struct item *it = get_item(st, io->key);
		const struct item *win = io;
		struct item *r;
		char *lead;

		if (!it) {
			if (ib && !strcmp(io->value, ib->value))
				continue;	/* theirs deleted it */
			r = item_insert(out, out->n);
			item_copy(r, io);
			if (!ib)
				r->ours_added = 1;
			else
				decide(m, MERGE_KEPT_CHANGE, so->name, io->key,
				       MERGE_OURS)->kept_value = xstrdup(io->value);
			continue;
		}
		lead = merge_lead(ib ? ib->lead : NULL, io->lead, it->lead);
		if (!strcmp(io->value, it->value)) {
			const char *body = pick3(ib ? ib->body : NULL,
						 io->body, it->body);

			win = body == it->body ? it : io;
		} else if (ib && !strcmp(io->value, ib->value)) {
			win = it;
		} else if (ib && !strcmp(it->value, ib->value)) {
			win = io;
		} else if (m->o && m->o->virtual_base) {
			free(lead);	/* the bases disagree: left out */
			continue;
		} else {
			enum merge_side w = later(m, so->name, io->key);
			struct merge_decision *d;

			win = w == MERGE_OURS ? io : it;
			d = decide(m, MERGE_BOTH_CHANGED, so->name, io->key, w);
			d->kept_value = xstrdup(win->value);
			d->lost_value = xstrdup(w == MERGE_OURS ? it->value :
						io->value);
			keep_in_comment(m, d, &lead);
		}
		r = item_insert(out, out->n);
		r->key = xstrdup(win->key);
		r->value = xstrdup(win->value);
		r->body = xstrdup(win->body);
		r->lead = lead;
	}
	out->idx = idx_build(out->n ? &out->it[0].key : NULL, out->n,
			     sizeof(*out->it));
	placer_init(&pl, out->n, item_added, out);
	for (size_t j = 0; j < st->n; j++) {
		const struct item *it = &st->it[j];
		const struct item *ib = get_item(sb, it->key);

		if (get_item(so, it->key)) {
			placer_seen(&pl, find_item(out, it->key));
			continue;
		}
		if (ib) {
			if (!strcmp(it->value, ib->value))
				continue;	/* ours deleted it */
			decide(m, MERGE_KEPT_CHANGE, st->name, it->key,
			       MERGE_THEIRS)->kept_value = xstrdup(it->value);
		}
		placer_add(&pl, j);
	}
	idx_free(&out->idx);
	placer_sort(&pl);
	if (pl.n) {
		struct item *v = xcalloc(out->n + pl.n, sizeof(*v));
		size_t k = 0, w = 0;

		for (size_t i = 0; i <= out->n; i++) {
			while (k < pl.n && pl.v[k].q == i)
				item_copy(&v[w++], &st->it[pl.v[k++].j]);
			if (i < out->n)
				v[w++] = out->it[i];
		}
		free(out->it);
		out->it = v;
		out->n = out->cap = w;
	}
	free(pl.v);
	if (swapped)
		m->swap = !m->swap;
}

/* Sections numbered 1, 2, ...: two added on both sides are two things. */
static const char *const numbered_kinds[] = {
	"escalation", "demand", "offer", "cost", NULL
};

/* [escalation "N"], [demand "N"], [offer "N"]: N when it is a number,
 * else -1; kind (may be NULL) gets the kind's place in numbered_kinds. */
static long
section_number(const char *section, size_t *kind_out)
{
	char *kind, *name, *end;
	long n = -1;

	if (cfg_split_subsection(section, &kind, &name) < 0)
		return -1;
	for (size_t k = 0; numbered_kinds[k]; k++)
		if (!strcmp(kind, numbered_kinds[k]) &&
		    isdigit((unsigned char)*name) && strlen(name) < 10) {
			n = strtol(name, &end, 10);
			if (*end)
				n = -1;
			else if (kind_out)
				*kind_out = k;
		}
	free(kind);
	free(name);
	return n;
}

/* The highest number of that kind in d, or max. */
static long
max_number(const struct doc *d, size_t kind, long max)
{
	for (size_t i = 0; d && i < d->n; i++) {
		size_t k = (size_t)-1;
		long n = section_number(d->s[i].name, &k);

		if (k == kind && n > max)
			max = n;
	}
	return max;
}

/* Is section in any of the documents? */
static int
sect_taken(const struct doc *const *docs, size_t n, const char *section)
{
	for (size_t i = 0; i < n; i++)
		if (docs[i] && find_sect(docs[i], section) >= 0)
			return 1;
	return 0;
}

/*
 * A section both sides added with different values: the new name of the
 * later one when they are two things that both stay, a new string, or
 * NULL when they are one thing to merge key by key.
 *   [escalation "N"], [demand "N"], [offer "N"]: the next free number;
 *   [due "NAME"], not a stage's deadline: the first free NAME-2,
 *   NAME-3..., cut at a word to fit a deadline name's length (that of a
 *   name made from text when NAME is as short).
 */
static char *
both_added_name(struct merger *m, const char *section, const struct doc *b,
		const struct doc *o, const struct doc *t, const struct doc *out)
{
	const struct doc *docs[] = { b, o, t, out };
	char *kind = NULL, *name = NULL, *res = NULL;

	size_t nk = 0;

	if (section_number(section, &nk) >= 0) {
		char num[24];

		snprintf(num, sizeof(num), "%ld", max_number(out, nk,
			 max_number(b, nk, max_number(o, nk,
			 max_number(t, nk, 0)))) + 1);
		return cfg_subsection(numbered_kinds[nk], num);
	}
	if (cfg_split_subsection(section, &kind, &name) < 0)
		return NULL;
	if (!strcmp(kind, "due") && !(m->o && m->o->stage_due &&
				      m->o->stage_due(m->o->arg, name))) {
		size_t max = strlen(name) <= DEADLINE_NAME_AUTO ?
			     DEADLINE_NAME_AUTO : NAME_MAX_LEN;

		for (unsigned long k = 2; !res; k++) {
			char suffix[24];
			size_t keep = strlen(name), sl;
			char *cand;

			sl = (size_t)snprintf(suffix, sizeof(suffix), "-%lu", k);
			if (keep + sl > max) {
				keep = max > sl ? max - sl : 0;
				/* at a word, when there is one to cut at */
				for (size_t w = keep; w > 1; w--)
					if (name[w - 1] == '-') {
						keep = w - 1;
						break;
					}
			}
			cand = xasprintf("%.*s%s", (int)keep, name, suffix);
			res = cfg_subsection("due", cand);
			free(cand);
			if (sect_taken(docs, 4, res)) {
				free(res);
				res = NULL;
			}
		}
	}
	free(kind);
	free(name);
	return res;
}

/*
 * Two sections under one name, both kept: the one added earlier keeps the
 * name, the later one takes new_name (owned: it goes into the result).
 */
static void
keep_both(struct merger *m, struct doc *out, const struct sect *so,
	  const struct sect *st, char *new_name)
{
	enum merge_side w = later(m, so->name, NULL);
	const struct sect *first = w == MERGE_OURS ? st : so;
	const struct sect *second = w == MERGE_OURS ? so : st;
	struct merge_decision *d;
	struct sect *r;

	sect_copy(sect_insert(out, out->n), first);
	r = sect_insert(out, out->n);
	sect_copy(r, second);
	r->ours_added = 1;
	free(r->name);
	free(r->head);
	r->name = new_name;
	r->head = xasprintf("[%s]\n", r->name);
	d = decide(m, section_number(so->name, NULL) >= 0 ? MERGE_RENUMBERED :
		   MERGE_RENAMED, so->name, NULL,
		   w == MERGE_OURS ? MERGE_THEIRS : MERGE_OURS);
	d->renamed = xstrdup(r->name);
}

static void
merge_docs(struct merger *m, struct doc *out, const struct doc *b,
	   const struct doc *o, const struct doc *t)
{
	struct placer pl;

	if (!sects_reordered(b, o) && sects_reordered(b, t)) {
		const struct doc *x = o;

		o = t;
		t = x;
		m->swap = 1;
	}
	for (size_t i = 0; i < o->n && !m->err; i++) {
		const struct sect *so = &o->s[i];
		const struct sect *sb = get_sect(b, so->name);
		const struct sect *st = get_sect(t, so->name);
		struct sect *r;
		char *n;

		if (!st) {
			if (sb && sect_same(so, sb))
				continue;	/* theirs deleted it */
			r = sect_insert(out, out->n);
			sect_copy(r, so);
			if (!sb)
				r->ours_added = 1;
			else
				decide(m, MERGE_KEPT_SECTION, so->name, NULL,
				       MERGE_OURS);
			continue;
		}
		if (!sb && !sect_same_values(so, st) &&
		    (n = both_added_name(m, so->name, b, o, t, out))) {
			keep_both(m, out, so, st, n);
			continue;
		}
		merge_sect(m, sect_insert(out, out->n), sb, so, st);
	}
	out->idx = idx_build(out->n ? &out->s[0].name : NULL, out->n,
			     sizeof(*out->s));
	placer_init(&pl, out->n, sect_added, out);
	for (size_t j = 0; j < t->n && !m->err; j++) {
		const struct sect *st = &t->s[j];
		const struct sect *sb = get_sect(b, st->name);

		if (get_sect(o, st->name)) {
			placer_seen(&pl, find_sect(out, st->name));
			continue;
		}
		if (sb) {
			if (sect_same(st, sb))
				continue;	/* ours deleted it */
			decide(m, MERGE_KEPT_SECTION, st->name, NULL,
			       MERGE_THEIRS);
		}
		placer_add(&pl, j);
	}
	idx_free(&out->idx);
	placer_sort(&pl);
	if (pl.n) {
		struct sect *v = xcalloc(out->n + pl.n, sizeof(*v));
		size_t k = 0, w = 0;

		for (size_t i = 0; i <= out->n; i++) {
			while (k < pl.n && pl.v[k].q == i)
				sect_copy(&v[w++], &t->s[pl.v[k++].j]);
			if (i < out->n)
				v[w++] = out->s[i];
		}
		free(out->s);
		out->s = v;
		out->n = out->cap = w;
	}
	free(pl.v);
	out->tail = merge_lead(b ? b->tail : NULL, o->tail, t->tail);
	m->swap = 0;
}

void
merge_result_free(struct merge_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->d[i].section);
		free(r->d[i].key);
		free(r->d[i].kept_value);
		free(r->d[i].lost_value);
		free(r->d[i].renamed);
	}
	free(r->d);
	free(r->text);
	memset(r, 0, sizeof(*r));
}

int
merge_cfg(struct merge_result *out, const struct cfg *base,
	  const struct cfg *ours, const struct cfg *theirs,
	  const struct merge_opts *opts)
{
	struct merger m = { opts, out, 0, 0, 0 };
	struct doc b, o, t, r;
	struct sb text = SB_INIT;
	struct cfg *check = NULL;

	memset(out, 0, sizeof(*out));
	memset(&r, 0, sizeof(r));
	doc_build(&b, base);
	doc_build(&o, ours);
	doc_build(&t, theirs);
	merge_docs(&m, &r, base ? &b : NULL, &o, &t);
	if (!m.err) {
		doc_write(&r, ours->crlf, &text);
		sb_add(&text, "", 0);
		/* what the merge writes must read back */
		if (cfg_parse(&check, "the merged file", text.buf, text.len) < 0)
			m.err = dk_err(DK_ECONFLICT, "the merge made a file "
				       "that does not parse (%s)", dk_errmsg());
		cfg_free(check);
	}
	doc_free(&b);
	doc_free(&o);
	doc_free(&t);
	doc_free(&r);
	if (m.err) {
		sb_free(&text);
		merge_result_free(out);
		return m.err;
	}
	out->len = text.len;
	out->text = sb_detach(&text);
	return 0;
}

static int
same_bytes(const char *a, size_t al, const char *b, size_t bl)
{
	return al == bl && (!al || !memcmp(a, b, al));
}

int
merge_text(struct merge_result *out, const char *base, size_t blen,
	   const char *ours, size_t olen, const char *theirs, size_t tlen,
	   const struct merge_opts *opts)
{
	static const char *const dflt[3] = { "base", "ours", "theirs" };
	const char *label[3];
	struct cfg *b = NULL, *o = NULL, *t = NULL;
	int r;

	memset(out, 0, sizeof(*out));
	for (int i = 0; i < 3; i++)
		label[i] = opts && opts->label[i] ? opts->label[i] : dflt[i];
	if ((base && (r = cfg_parse(&b, label[0], base, blen)) < 0) ||
	    (r = cfg_parse(&o, label[1], ours, olen)) < 0 ||
	    (r = cfg_parse(&t, label[2], theirs, tlen)) < 0)
		goto out;
	/* one side unchanged: the other, byte for byte (as git would) */
	if (base && (same_bytes(base, blen, ours, olen) ||
		     same_bytes(base, blen, theirs, tlen))) {
		int take_ours = same_bytes(base, blen, theirs, tlen);

		out->len = take_ours ? olen : tlen;
		out->text = xstrndup(take_ours ? ours : theirs, out->len);
		goto out;
	}
	r = merge_cfg(out, b, o, t, opts);
out:
	cfg_free(b);
	cfg_free(o);
	cfg_free(t);
	return r;
}
