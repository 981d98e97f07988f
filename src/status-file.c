/* status-file.c - the status cache's file (see status-file.h). */
#include "status-file.h"
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/note.h"
#include "docket/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * The file is a run of frames: a u32 size (little-endian), a u64 hash of
 * the payload, the payload.  The first frame is the header, each other a
 * case, in the order the cases were asked for (case_list_dirs').  In a
 * payload numbers are varints (LEB128; signed ones zigzagged) and a
 * string is its length, then its bytes.
 *
 *   header: "DKSTATUS", format, docket's version, docket.ini's stat
 *   case:   dir, flags (ENTRY_*), case.ini's stat, notes/'s stat,
 *           case.ini as parsed (the
 *           cfg's lines; only for a case whose view says it needs them,
 *           else empty), the case's view (status-view.c), the number of
 *           indicator reasons, the notes: name, whether the phrases found
 *           are known, those found
 *
 * STATUS_FORMAT changes whenever any of this does, or what cfg_parse,
 * case_view or the phrase matcher make of a text: a cache of another
 * format is not read.  A command is given no more of a case than it
 * reads (status_views): its view, or its view and workup; a case whose
 * lines it needs is parsed from them, or read from its files.
 */


/* Room for n more bytes at the end of b (and its NUL); where they go.
 * (The encoder runs for every line of every case: no call a byte.) */
static unsigned char *
room(struct sb *b, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t c = b->cap ? b->cap * 2 : 1024;

		while (c < b->len + n + 1)
			c *= 2;
		b->buf = xrealloc(b->buf, c);
		b->cap = c;
	}
	return (unsigned char *)b->buf + b->len;
}

static unsigned char *
uv_at(unsigned char *p, uint64_t v)
{
	while (v >= 0x80) {
		*p++ = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	*p++ = (unsigned char)v;
	return p;
}

void
stf_put_uv(struct sb *b, uint64_t v)
{
	unsigned char *p = room(b, 10);

	b->len += (size_t)(uv_at(p, v) - p);
	b->buf[b->len] = '\0';
}

void
stf_put_sv(struct sb *b, int64_t v)
{
	stf_put_uv(b, ((uint64_t)v << 1) ^ (uint64_t)(v >> 63));
}

void
stf_put_mem(struct sb *b, const char *s, size_t n)
{
	unsigned char *p = room(b, 10 + n), *e = uv_at(p, n);

	if (n)
		memcpy(e, s, n);
	b->len += (size_t)(e - p) + n;
	b->buf[b->len] = '\0';
}

void
stf_put_str(struct sb *b, const char *s)
{
	stf_put_mem(b, s, strlen(s));
}

uint64_t
stf_get_uv(struct rd *r)
{
	uint64_t v = 0;

	for (int sh = 0; r->p < r->end && sh < 64; sh += 7) {
		unsigned c = *r->p++;

		v |= (uint64_t)(c & 0x7f) << sh;
		if (!(c & 0x80))
			return v;
	}
	r->bad = 1;
	return 0;
}

int64_t
stf_get_sv(struct rd *r)
{
	uint64_t u = stf_get_uv(r);

	return (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
}

/* Bytes in the payload, not copied; NULL when bad. */
const char *
stf_get_bytes(struct rd *r, size_t *n)
{
	uint64_t len = stf_get_uv(r);
	const char *s = (const char *)r->p;

	if (r->bad || len > (uint64_t)(r->end - r->p)) {
		r->bad = 1;
		return NULL;
	}
	r->p += len;
	*n = (size_t)len;
	return s;
}

/* A string in the payload (no NUL in it), not copied; NULL when bad. */
const char *
stf_get_mem(struct rd *r, size_t *n)
{
	const char *s = stf_get_bytes(r, n);

	if (s && memchr(s, '\0', *n)) {
		r->bad = 1;
		return NULL;
	}
	return s;
}

/* Four lanes of 8 bytes, each a multiply apart: a frame is hashed at the
 * speed it is read (one lane waits on each multiply). */
uint64_t
stf_hash(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t lane[4] = { 0x9e3779b97f4a7c15u ^ len, 0x243f6a8885a308d3u,
			     0x13198a2e03707344u, 0xa4093822299f31d0u };
	uint64_t h;

	for (; len >= 32; p += 32, len -= 32)
		for (int i = 0; i < 4; i++) {
			uint64_t w;

			memcpy(&w, p + 8 * i, 8);
			lane[i] = (lane[i] ^ w) * 0x100000001b3u;
			lane[i] ^= lane[i] >> 31;
		}
	h = lane[0];
	for (int i = 1; i < 4; i++) {
		h = (h ^ lane[i]) * 0x100000001b3u;
		h ^= h >> 31;
	}
	for (; len >= 8; p += 8, len -= 8) {
		uint64_t w;

		memcpy(&w, p, 8);
		h = (h ^ w) * 0x100000001b3u;
		h ^= h >> 31;
	}
	while (len--)
		h = (h ^ *p++) * 0x100000001b3u;
	return h ^ (h >> 29);
}

/* A stat as kept: one function pair for struct fst. */
void
stf_put_fst(struct sb *b, const struct fst *f)
{
	stf_put_sv(b, f->mtime);
	stf_put_sv(b, f->mtime_ns);
	stf_put_sv(b, f->ctime);
	stf_put_sv(b, f->ctime_ns);
	stf_put_sv(b, f->size);
	stf_put_sv(b, f->ino);
	stf_put_sv(b, f->dev);
}

static void
get_fst(struct rd *r, struct fst *f)
{
	f->mtime = stf_get_sv(r);
	f->mtime_ns = stf_get_sv(r);
	f->ctime = stf_get_sv(r);
	f->ctime_ns = stf_get_sv(r);
	f->size = stf_get_sv(r);
	f->ino = stf_get_sv(r);
	f->dev = stf_get_sv(r);
}

/* The stat of path (lstat: a symlink is not followed); size -1 and all
 * else 0 when there is nothing there.  *mode gets the file's type. */
static void
from_stat(struct fst *f, const struct stat *st, mode_t *mode)
{
	f->mtime = (int64_t)st->st_mtim.tv_sec;
	f->mtime_ns = (int64_t)st->st_mtim.tv_nsec;
	f->ctime = (int64_t)st->st_ctim.tv_sec;
	f->ctime_ns = (int64_t)st->st_ctim.tv_nsec;
	f->size = (int64_t)st->st_size;
	f->ino = (int64_t)st->st_ino;
	f->dev = (int64_t)st->st_dev;
	*mode = st->st_mode & S_IFMT;
}

void
stf_stat(struct fst *f, int dirfd, const char *path, mode_t *mode)
{
	struct stat st;

	memset(f, 0, sizeof(*f));
	f->size = -1;
	*mode = 0;
	if (fstatat(dirfd, path, &st, AT_SYMLINK_NOFOLLOW) == 0)
		from_stat(f, &st, mode);
}

int
stf_open(struct fst *f, int dirfd, const char *path, mode_t *mode)
{
	struct stat st;
	int fd;

	memset(f, 0, sizeof(*f));
	f->size = -1;
	*mode = 0;
	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return -1;	/* nothing there */
		if (errno == ELOOP) {
			*mode = S_IFLNK;
			return -1;
		}
		stf_stat(f, dirfd, path, mode);
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		close(fd);
		stf_stat(f, dirfd, path, mode);
		return -1;
	}
	from_stat(f, &st, mode);
	if (*mode != S_IFREG) {
		close(fd);
		return -1;
	}
	return fd;
}

int
stf_eq(const struct fst *a, const struct fst *b)
{
	return !memcmp(a, b, sizeof(*a));
}


/*
 * A line of case.ini as parsed: one function pair for struct cfg_line.
 * Its kind, its line number, flags, then what it holds; a key line's raw
 * text ("key = value") and a section that is the line before's are left
 * out, to be made again.
 */
enum {
	L_SECTION = 1,		/* the section is written */
	L_NOSECTION = 2,	/* the line has none */
	L_KEY = 4, L_VALUE = 8,
	L_RAW = 16,		/* the raw text is written */
	L_KVRAW = 32,		/* the raw text is "key = value" */
};

static int
raw_is_kv(const struct cfg_line *l)
{
	size_t k;

	if (!l->raw || !l->key || !l->value)
		return 0;
	k = strlen(l->key);
	return !strncmp(l->raw, l->key, k) && !strncmp(l->raw + k, " = ", 3) &&
	       !strcmp(l->raw + k + 3, l->value);
}

static void
put_line(struct sb *b, const struct cfg_line *l, const char *prev)
{
	unsigned f = 0;

	if (!l->section)
		f |= L_NOSECTION;
	else if (l->kind == CFG_SECTION || !prev || strcmp(prev, l->section))
		f |= L_SECTION;
	f |= l->key ? L_KEY : 0;
	f |= l->value ? L_VALUE : 0;
	f |= raw_is_kv(l) ? L_KVRAW : l->raw ? L_RAW : 0;
	stf_put_uv(b, (uint64_t)l->kind);
	stf_put_uv(b, (uint64_t)l->lineno);
	stf_put_uv(b, f);
	if (f & L_SECTION)
		stf_put_str(b, l->section);
	if (f & L_KEY)
		stf_put_str(b, l->key);
	if (f & L_VALUE)
		stf_put_str(b, l->value);
	if (f & L_RAW)
		stf_put_str(b, l->raw);
}

/* The strings given, up to NULL, as one new string (no printf: this
 * runs for every line of every case). */
char *
stf_concat(const char *a, ...)
{
	va_list ap;
	size_t n = 0;
	char *s, *p;

	va_start(ap, a);
	for (const char *x = a; x; x = va_arg(ap, const char *))
		n += strlen(x);
	va_end(ap);
	p = s = xmalloc(n + 1);
	va_start(ap, a);
	for (const char *x = a; x; x = va_arg(ap, const char *)) {
		size_t k = strlen(x);

		memcpy(p, x, k);
		p += k;
	}
	va_end(ap);
	*p = '\0';
	return s;
}

/* The arena a cfg's strings are copied into (see struct cfg). */
struct arena {
	char *p, *end;
};

/* n bytes of s, and a NUL, into the arena (sized for all of them). */
static char *
a_put(struct arena *a, const char *s, size_t n)
{
	char *d = a->p;

	if ((size_t)(a->end - a->p) < n + 1)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	a->p += n + 1;
	return d;
}

/* (A NUL in it, in a frame whose hash is right, would only cut the
 * string short: it is not looked for.) */
static char *
a_str(struct rd *r, struct arena *a, size_t *len)
{
	size_t n = 0;
	const char *s = stf_get_bytes(r, &n);
	char *d = s ? a_put(a, s, n) : NULL;

	if (!d)
		r->bad = 1;
	*len = n;
	return d;
}

static void
get_line(struct rd *r, struct arena *a, struct cfg_line *l,
	 const struct cfg_line *prev)
{
	uint64_t kind = stf_get_uv(r), lineno = stf_get_uv(r), f = stf_get_uv(r);
	size_t k = 0, v = 0;	/* the key's length, the value's */

	if (kind > CFG_CONT || lineno > (uint64_t)CFG_MAX_FILE ||
	    (f & ~(uint64_t)63) || ((f & L_KVRAW) && !(f & L_KEY && f & L_VALUE)) ||
	    (!(f & (L_SECTION | L_NOSECTION)) && (!prev || !prev->section))) {
		r->bad = 1;
		return;
	}
	l->kind = (enum cfg_kind)kind;
	l->lineno = (int)lineno;
	if (f & L_SECTION)
		l->section = a_str(r, a, &k);
	else if (!(f & L_NOSECTION))
		l->section = prev->section;	/* both in the arena */
	if (f & L_KEY)
		l->key = a_str(r, a, &k);
	if (f & L_VALUE)
		l->value = a_str(r, a, &v);
	if (f & L_RAW)
		l->raw = a_str(r, a, &k);
	else if ((f & L_KVRAW) && l->key && l->value) {
		if ((size_t)(a->end - a->p) < k + v + 4) {
			r->bad = 1;
			return;
		}
		l->raw = a->p;
		memcpy(a->p, l->key, k);
		memcpy(a->p + k, " = ", 3);
		memcpy(a->p + k + 3, l->value, v + 1);
		a->p += k + v + 4;
	}
}

void
stf_put_cfg(struct sb *b, const struct cfg *cfg)
{
	stf_put_uv(b, (uint64_t)!!cfg->crlf);
	stf_put_uv(b, cfg->n);
	for (size_t i = 0; i < cfg->n; i++)
		put_line(b, &cfg->lines[i], i ? cfg->lines[i - 1].section : NULL);
}

/* The strings of the lines go into one block (cfg->arena): a key line's
 * raw text takes at most its key's and value's bytes again, each string
 * a NUL more. */
struct cfg *
stf_get_cfg(const struct sb *bytes, const char *name)
{
	struct rd r = { (const unsigned char *)bytes->buf,
			(const unsigned char *)bytes->buf + bytes->len, 0 };
	struct cfg *cfg = xcalloc(1, sizeof(*cfg));
	struct arena a;
	uint64_t n;

	cfg->name = xstrdup(name);
	cfg->crlf = (int)stf_get_uv(&r);
	n = stf_get_uv(&r);
	if (n > bytes->len)	/* each line takes 3 bytes at least */
		r.bad = 1;
	if (!r.bad && n) {
		cfg->lines = xcalloc((size_t)n, sizeof(*cfg->lines));
		cfg->cap = (size_t)n;
		cfg->arena_len = 2 * bytes->len + 8 * (size_t)n + 16;
		cfg->arena = xmalloc(cfg->arena_len);
	}
	a.p = cfg->arena;
	a.end = cfg->arena ? cfg->arena + cfg->arena_len : NULL;
	for (size_t i = 0; !r.bad && i < n; i++) {
		get_line(&r, &a, &cfg->lines[i], i ? &cfg->lines[i - 1] : NULL);
		cfg->n = i + 1;
	}
	if (r.bad || r.p != r.end) {
		cfg_free(cfg);
		return NULL;
	}
	return cfg;
}

/* ---- entries ---- */

/* Empty e, keeping its buffers for the next case. */
void
stf_entry_reset(struct entry *e)
{
	struct sb raw = e->raw, cfg = e->cfg, view = e->view;

	e->raw.buf = e->cfg.buf = e->view.buf = NULL;
	stf_entry_clear(e);
	e->raw = raw;
	e->cfg = cfg;
	e->view = view;
	sb_reset(&e->raw);
	sb_reset(&e->cfg);
	sb_reset(&e->view);
}

void
stf_notes_free(struct entry *e)
{
	if (e->ntext)
		free(e->nv);
	else
		note_list_free(e->nv, e->nn);
	free(e->ntext);
	e->nv = NULL;
	e->ntext = NULL;
	e->nn = 0;
}

void
stf_entry_clear(struct entry *e)
{
	free(e->dir);
	sb_free(&e->raw);
	sb_free(&e->cfg);
	sb_free(&e->view);
	stf_notes_free(e);
	free(e->found);
	free(e->known);
	memset(e, 0, sizeof(*e));
	e->off = -1;
}

/* The payload of e: one function pair for struct entry. */
void
stf_put_entry(struct sb *b, const struct entry *e)
{
	stf_put_str(b, e->dir);
	stf_put_uv(b, e->flags);
	stf_put_fst(b, &e->ini);
	stf_put_fst(b, &e->notes);
	stf_put_mem(b, e->cfg.buf ? e->cfg.buf : "", e->cfg.len);
	stf_put_mem(b, e->view.buf ? e->view.buf : "", e->view.len);
	stf_put_uv(b, e->nind);
	stf_put_uv(b, e->nn);
	for (size_t i = 0; i < e->nn; i++) {
		stf_put_str(b, e->nv[i].name);
		stf_put_uv(b, e->known[i]);
		for (size_t k = 0; e->known[i] && k < e->nind; k++)
			stf_put_sv(b, e->found[i * e->nind + k]);
	}
}

/* Decode the rest of e->raw (its dir is read); 0, or -1 when it is bad. */
int
stf_get_entry(struct entry *e)
{
	struct rd r = { (const unsigned char *)e->raw.buf,
			(const unsigned char *)e->raw.buf + e->raw.len, 0 };
	const char *s;
	size_t n = 0;
	uint64_t flags;

	stf_get_mem(&r, &n);	/* the dir */
	flags = stf_get_uv(&r);
	if (flags > ENTRY_OPEN)
		r.bad = 1;
	e->flags = (unsigned)flags;
	get_fst(&r, &e->ini);
	get_fst(&r, &e->notes);
	sb_reset(&e->cfg);
	if ((s = stf_get_bytes(&r, &n)))
		sb_add(&e->cfg, s, n);
	sb_reset(&e->view);
	if ((s = stf_get_bytes(&r, &n)))
		sb_add(&e->view, s, n);
	if (r.bad)
		return -1;
	e->notes_at = (size_t)(r.p - (const unsigned char *)e->raw.buf);
	e->decoded = 1;
	return 0;
}

int
stf_get_notes(struct entry *e)
{
	struct rd r;
	uint64_t nn, nind;
	char *at;

	if (e->notes_decoded)
		return 0;
	if (!e->decoded || !e->raw.buf)
		return -1;
	r.p = (const unsigned char *)e->raw.buf + e->notes_at;
	r.end = (const unsigned char *)e->raw.buf + e->raw.len;
	r.bad = 0;
	stf_notes_free(e);
	free(e->found);
	free(e->known);
	e->found = NULL;
	e->known = NULL;
	nind = stf_get_uv(&r);
	nn = stf_get_uv(&r);
	if (r.bad || nind > 1024 || nn > e->raw.len)
		return -1;
	e->nind = (size_t)nind;
	e->nv = xcalloc((size_t)nn + 1, sizeof(*e->nv));
	e->known = xcalloc((size_t)nn + 1, 1);
	e->found = xcalloc((size_t)(nn * nind) + 1, sizeof(*e->found));
	/* every name's strings in one block: each name is in what is left
	 * of raw, and takes at most twice its length and 4 NULs */
	at = e->ntext = xmalloc(2 * (size_t)(r.end - r.p) + 4 * (size_t)nn + 1);
	for (size_t i = 0; i < nn; i++) {
		size_t len = 0;
		const char *name = stf_get_mem(&r, &len);
		uint64_t known = stf_get_uv(&r);
		int used;

		if (r.bad || !name || known > 1 ||
		    (used = note_parse_name_in(&e->nv[i], name, len, at)) < 0)
			return -1;
		at += used;
		e->nn = i + 1;
		e->known[i] = (unsigned char)known;
		for (size_t k = 0; known && k < nind; k++) {
			int64_t v = stf_get_sv(&r);

			if (v < -1 || v > 1000000)
				r.bad = 1;
			e->found[i * nind + k] = (int)v;
		}
	}
	if (r.bad || r.p != r.end)
		return -1;
	e->notes_decoded = 1;
	return 0;
}

int
stf_dir_cmp(const char *a, const char *b)
{
	int c = strcmp(case_dir_id(a), case_dir_id(b));

	return c ? c : strcmp(a, b);
}

uint32_t
stf_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

uint64_t
stf_le64(const unsigned char *p)
{
	return (uint64_t)stf_le32(p) | (uint64_t)stf_le32(p + 4) << 32;
}
