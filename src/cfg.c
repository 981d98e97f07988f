/* cfg.c - INI documents that keep every line (see cfg.h). */
#include "docket/cfg.h"
#include "docket/error.h"
#include "docket/util.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/*
 * inih's options, set at run time: Debian's inih exposes them as globals
 * (the Makefile checks, and stops on an inih without them).  No inline
 * comments, so a value keeps " ; ..." and " #..."; a line buffer on the
 * heap that grows up to ini_max_line.
 */
const size_t cfg_max_line = 65536;
/* inih needs room for "\r\n\0" after the text of a line */
#define LINE_ROOM 3

static void
setup_inih(void)
{
	ini_allow_inline_comments = false;
	ini_allow_multiline = true;
	ini_use_stack = false;
	ini_allow_realloc = true;
	ini_max_line = (int)cfg_max_line;
	ini_stop_on_first_error = false;
}

/*
 * The index: every section (its first header) and every key of a
 * section's first block, by name, in an open-addressing hash table of line
 * numbers, so that a lookup does not walk the lines.  Built when first
 * needed; an edit that moves lines drops it.
 */
struct cfg_index {
	size_t *slot;	/* a line's index + 1; 0 for an empty slot */
	size_t mask;
};

static uint64_t
name_hash(const char *section, const char *key)
{
	uint64_t h = 14695981039346656037u;

	for (const unsigned char *p = (const unsigned char *)section; *p; p++)
		h = (h ^ *p) * 1099511628211u;
	if (key) {
		h = (h ^ 0xff) * 1099511628211u;
		for (const unsigned char *p = (const unsigned char *)key; *p; p++)
			h = (h ^ *p) * 1099511628211u;
	}
	return h ^ (h >> 29);
}

/* The slot of section (key NULL) or of section's key: a line's slot when
 * it is there, else the empty slot where it would go. */
static size_t *
index_slot(const struct cfg *cfg, const struct cfg_index *x,
	   const char *section, const char *key)
{
	size_t i = (size_t)name_hash(section, key) & x->mask;

	for (;; i = (i + 1) & x->mask) {
		const struct cfg_line *l;

		if (!x->slot[i])
			return &x->slot[i];
		l = &cfg->lines[x->slot[i] - 1];
		if (key ? l->kind == CFG_KEY && !strcmp(l->key, key) &&
			  !strcmp(l->section, section) :
		    l->kind == CFG_SECTION && !strcmp(l->section, section))
			return &x->slot[i];
	}
}

static void
index_drop(struct cfg *cfg)
{
	if (cfg->index)
		free(cfg->index->slot);
	free(cfg->index);
	cfg->index = NULL;
}

int
cfg_key_repeats(const char *section, const char *key)
{
	return !strncmp(section, "stage \"", 7) && !strcmp(key, "task");
}

struct parse;
static void dup_section(struct parse *ps, const struct cfg_line *a,
			const struct cfg_line *first);
static void dup_key(struct parse *ps, const struct cfg_line *a,
		    const struct cfg_line *first);

/* Index cfg's lines; a repeated section or key goes to dup_* when ps. */
static struct cfg_index *
index_build(struct cfg *cfg, struct parse *ps)
{
	struct cfg_index *x = xcalloc(1, sizeof(*x));
	size_t cap = 16;
	int first_block = 0;

	while (cap < 2 * cfg->n + 2)
		cap *= 2;
	x->slot = xcalloc(cap, sizeof(*x->slot));
	x->mask = cap - 1;
	for (size_t i = 0; i < cfg->n; i++) {
		const struct cfg_line *l = &cfg->lines[i];
		size_t *s;

		if (l->kind == CFG_SECTION) {
			s = index_slot(cfg, x, l->section, NULL);
			first_block = !*s;
			if (!*s)
				*s = i + 1;
			else if (ps)
				dup_section(ps, l, &cfg->lines[*s - 1]);
		} else if (l->kind == CFG_KEY && l->key && l->section &&
			   first_block) {
			s = index_slot(cfg, x, l->section, l->key);
			if (!*s)
				*s = i + 1;
			else if (ps && !cfg_key_repeats(l->section, l->key))
				dup_key(ps, l, &cfg->lines[*s - 1]);
		}
	}
	return x;
}

static const struct cfg_index *
index_of(const struct cfg *cfg)
{
	/* a cache: building it changes nothing a caller can see */
	struct cfg *c = (struct cfg *)cfg;

	if (!c->index)
		c->index = index_build(c, NULL);
	return c->index;
}

/* Free a line's string: not one in the cfg's arena (freed whole). */
static void
str_free(const struct cfg *cfg, char *s)
{
	if ((uintptr_t)s - (uintptr_t)cfg->arena >= cfg->arena_len)
		free(s);
}

static void
line_clear(const struct cfg *cfg, struct cfg_line *l)
{
	str_free(cfg, l->raw);
	str_free(cfg, l->section);
	str_free(cfg, l->key);
	str_free(cfg, l->value);
	memset(l, 0, sizeof(*l));
}

void
cfg_free(struct cfg *cfg)
{
	if (!cfg)
		return;
	for (size_t i = 0; i < cfg->n; i++)
		line_clear(cfg, &cfg->lines[i]);
	free(cfg->lines);
	free(cfg->name);
	free(cfg->arena);
	index_drop(cfg);
	free(cfg);
}

static struct cfg_line *
insert_line(struct cfg *cfg, size_t at)
{
	index_drop(cfg);
	GROW(cfg->lines, cfg->cap, cfg->n + 1);
	memmove(cfg->lines + at + 1, cfg->lines + at,
		(cfg->n - at) * sizeof(*cfg->lines));
	cfg->n++;
	memset(&cfg->lines[at], 0, sizeof(cfg->lines[at]));
	return &cfg->lines[at];
}

static void
remove_lines(struct cfg *cfg, size_t at, size_t count)
{
	index_drop(cfg);
	for (size_t i = at; i < at + count; i++)
		line_clear(cfg, &cfg->lines[i]);
	memmove(cfg->lines + at, cfg->lines + at + count,
		(cfg->n - at - count) * sizeof(*cfg->lines));
	cfg->n -= count;
}

/* ---- reading ---- */

struct reader {
	const char *buf;
	size_t len, pos;
	int lineno;
	int at_start;
};

/* An fgets for inih over our buffer that counts the lines it starts. */
static char *
read_line(char *str, int num, void *stream)
{
	struct reader *r = stream;
	size_t n = 0;

	if (r->pos >= r->len || num < 2)
		return NULL;
	if (r->at_start)
		r->lineno++;
	while (r->pos < r->len && n < (size_t)num - 1) {
		char c = r->buf[r->pos++];

		str[n++] = c;
		if (c == '\n')
			break;
	}
	str[n] = '\0';
	r->at_start = str[n - 1] == '\n';
	return str;
}

struct parse {
	struct cfg *cfg;
	struct reader rd;
	int err_line;
	const char *err;
	char errbuf[200];
	const char *cur_section;	/* our own tracking of sections */
	size_t last_key;	/* the index + 1 of the last key inih gave */
	size_t vlen, vcap;	/* its value's length and allocation */
};

static struct cfg_line *
line_at(struct cfg *cfg, int lineno)
{
	return lineno >= 1 && (size_t)lineno <= cfg->n ?
	       &cfg->lines[lineno - 1] : NULL;
}

static void
parse_fail(struct parse *ps, int lineno, const char *what)
{
	if (!ps->err_line || lineno < ps->err_line) {
		ps->err_line = lineno;
		snprintf(ps->errbuf, sizeof(ps->errbuf), "%s", what);
		ps->err = ps->errbuf;
	}
}

static int
on_value(void *user, const char *section, const char *name, const char *value)
{
	struct parse *ps = user;
	struct cfg_line *l = line_at(ps->cfg, ps->rd.lineno);

	(void)section;
	if (!l)
		return 0;
	if (l->kind == CFG_CONT) {
		/* the value grows geometrically: a value of many lines
		 * costs time linear in its length */
		struct cfg_line *k = ps->last_key ?
				     &ps->cfg->lines[ps->last_key - 1] : NULL;
		size_t n = strlen(value);

		if (!k || k > l || strcmp(k->key, name))
			return 0;
		if (ps->vlen + n + 2 > ps->vcap) {
			ps->vcap = 2 * ps->vcap > ps->vlen + n + 2 ?
				   2 * ps->vcap : ps->vlen + n + 2;
			k->value = xrealloc(k->value, ps->vcap);
		}
		k->value[ps->vlen++] = '\n';
		memcpy(k->value + ps->vlen, value, n + 1);
		ps->vlen += n;
		return 1;
	}
	if (l->kind != CFG_KEY)
		return 0;
	free(l->key);
	free(l->value);
	l->key = xstrdup(name);
	l->value = xstrdup(value);
	ps->last_key = (size_t)(l - ps->cfg->lines) + 1;
	ps->vlen = strlen(value);
	ps->vcap = ps->vlen + 1;
	return 1;
}

static int
is_comment_start(char c)
{
	return c == ';' || c == '#';
}

/* Split buf into lines and classify them the way inih will read them. */
static void
split_lines(struct parse *ps, const char *buf, size_t len)
{
	struct cfg *cfg = ps->cfg;
	const char *p = buf, *end = buf + len;
	int lineno = 0, have_key = 0;
	char *section = NULL;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		struct cfg_line *l;
		const char *s;
		size_t bad;

		lineno++;
		/* a CRLF file (by its first line) is written back CRLF */
		if (n && p[n - 1] == '\r' && (lineno == 1 || cfg->crlf)) {
			cfg->crlf = 1;
			n--;
		}
		l = insert_line(cfg, cfg->n);
		l->raw = xstrndup(p, n);
		l->lineno = lineno;
		p = nl ? nl + 1 : end;

		if (memchr(l->raw, '\0', n))
			parse_fail(ps, lineno, "NUL byte in the line");
		else if (n + LINE_ROOM > cfg_max_line) {
			char what[100];

			snprintf(what, sizeof(what),
				 "line longer than %zu bytes",
				 cfg_max_line - LINE_ROOM);
			parse_fail(ps, lineno, what);
		} else if (!utf8_valid(l->raw, n, &bad))
			parse_fail(ps, lineno, "invalid UTF-8");

		s = l->raw;
		if (lineno == 1 && !strncmp(s, "\xef\xbb\xbf", 3))
			s += 3;
		while (isspace((unsigned char)*s))
			s++;
		if (!*s) {
			l->kind = CFG_BLANK;
		} else if (is_comment_start(*s)) {
			l->kind = CFG_COMMENT;
		} else if (s != l->raw && have_key) {
			/* inih and configparser: an indented line continues
			 * the value above it, even one that starts with '[' */
			l->kind = CFG_CONT;
			l->section = xstrdup(section ? section : "");
		} else if (*s == '[') {
			const char *close = strchr(s, ']');
			const char *after;

			l->kind = CFG_SECTION;
			have_key = 0;
			if (!close) {
				parse_fail(ps, lineno, "section header without ']'");
				l->section = xstrdup("");
			} else {
				l->section = xstrndup(s + 1, (size_t)(close - s - 1));
				for (after = close + 1; isspace((unsigned char)*after); after++)
					;
				if (*after)
					parse_fail(ps, lineno, "text after the section header's ']'");
				else if (!*l->section)
					parse_fail(ps, lineno, "empty section name");
				else if (strlen(l->section) > CFG_MAX_NAME)
					parse_fail(ps, lineno, "section name longer than 49 characters");
			}
			section = l->section;
		} else {
			const char *eq = s + strcspn(s, "=:");
			size_t klen = (size_t)(eq - s);

			l->kind = CFG_KEY;
			l->section = section ? xstrdup(section) : NULL;
			have_key = 1;
			while (klen && isspace((unsigned char)s[klen - 1]))
				klen--;
			if (!*eq)
				parse_fail(ps, lineno, "expected 'key = value'");
			else if (!klen)
				parse_fail(ps, lineno, "empty key name");
			else if (klen > CFG_MAX_NAME)
				parse_fail(ps, lineno, "key name longer than 49 characters");
			else if (!section)
				parse_fail(ps, lineno, "key outside any [section]");
		}
	}
}

/*
 * Duplicate sections and keys are errors, as in configparser.  A key can
 * only repeat one of its own section, so keys are compared within their
 * section's first block (a section that repeats is an error of its own, at
 * an earlier line).  Building the index finds them.
 */
static void
dup_section(struct parse *ps, const struct cfg_line *a,
	    const struct cfg_line *first)
{
	char what[200];

	snprintf(what, sizeof(what), "duplicate section [%.60s] (first at line %d)",
		 a->section, first->lineno);
	parse_fail(ps, a->lineno, what);
}

static void
dup_key(struct parse *ps, const struct cfg_line *a,
	const struct cfg_line *first)
{
	char what[200];

	snprintf(what, sizeof(what), "duplicate key '%.49s' in [%.60s] "
		 "(first at line %d)", a->key, a->section, first->lineno);
	parse_fail(ps, a->lineno, what);
}

static int
too_large(const char *name, double size)
{
	return dk_err_at(DK_EPARSE, name, 0, "too large (%.1f MB); docket "
			 "reads INI files of up to " CFG_MAX_FILE_TEXT,
			 size / 1e6);
}

int
cfg_parse(struct cfg **out, const char *name, const char *buf, size_t len)
{
	struct parse ps;
	struct cfg *cfg;
	int r;

	*out = NULL;
	if (len > CFG_MAX_FILE)
		return too_large(name, (double)len);
	cfg = xcalloc(1, sizeof(*cfg));
	memset(&ps, 0, sizeof(ps));
	cfg->name = xstrdup(name);
	ps.cfg = cfg;
	split_lines(&ps, buf, len);
	if (!ps.err_line) {
		setup_inih();
		ps.rd.buf = buf;
		ps.rd.len = len;
		ps.rd.at_start = 1;
		r = ini_parse_stream(read_line, &ps.rd, on_value, &ps);
		if (r > 0)
			parse_fail(&ps, r, "expected 'key = value' or '[section]'");
		else if (r < 0)
			parse_fail(&ps, 1, "cannot parse");
	}
	if (!ps.err_line)
		for (size_t i = 0; i < cfg->n; i++)
			if (cfg->lines[i].kind == CFG_KEY && !cfg->lines[i].value) {
				parse_fail(&ps, cfg->lines[i].lineno,
					   "expected 'key = value'");
				break;
			}
	if (!ps.err_line)
		cfg->index = index_build(cfg, &ps);
	if (ps.err_line) {
		r = dk_err_at(DK_EPARSE, name, ps.err_line, "%s", ps.err);
		cfg_free(cfg);
		*out = NULL;
		return r;
	}
	*out = cfg;
	return 0;
}

int
cfg_read(struct sb *out, const char *path, const char *name)
{
	struct stat st;
	int r;

	/* neither read a huge file in, nor wait on a FIFO */
	if (stat(path, &st) == 0) {
		if (!S_ISREG(st.st_mode))
			return dk_err(DK_EIO, "cannot read %s: not a regular "
				      "file", name);
		if (st.st_size > CFG_MAX_FILE)
			return too_large(name, (double)st.st_size);
	}
	r = read_file(path, out);
	if (r < 0)
		return dk_errno(r, dk_errnum(), "cannot read %s", name);
	return 0;
}

int
cfg_load(struct cfg **out, const char *path, const char *name)
{
	struct sb sb = SB_INIT;
	int r = cfg_read(&sb, path, name);

	*out = NULL;
	if (!r)
		r = cfg_parse(out, name, sb.buf, sb.len);
	sb_free(&sb);
	return r;
}

/* ---- lookup ---- */

static long
find_section(const struct cfg *cfg, const char *section)
{
	return (long)*index_slot(cfg, index_of(cfg), section, NULL) - 1;
}

/* The key in the first block of its section. */
static long
find_key(const struct cfg *cfg, const char *section, const char *key)
{
	return (long)*index_slot(cfg, index_of(cfg), section, key) - 1;
}

const char *
cfg_get(const struct cfg *cfg, const char *section, const char *key)
{
	long i = find_key(cfg, section, key);

	return i < 0 ? NULL : cfg->lines[i].value;
}

int
cfg_lineno(const struct cfg *cfg, const char *section, const char *key)
{
	long i = key ? find_key(cfg, section, key) : find_section(cfg, section);

	return i < 0 ? 0 : cfg->lines[i].lineno;
}

int
cfg_error_line(const struct cfg *cfg, const char *section, const char *key)
{
	int line = key ? cfg_lineno(cfg, section, key) : 0;

	if (!line && (!key || !cfg_get(cfg, section, key)))
		line = cfg_lineno(cfg, section, NULL);
	return line;
}

int
cfg_has_section(const struct cfg *cfg, const char *section)
{
	return find_section(cfg, section) >= 0;
}

/* ---- the rules for what may be written ---- */

/* Decode one UTF-8 code point at s (valid UTF-8 assumed); its length. */
static size_t
utf8_decode(const unsigned char *s, unsigned *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		*cp = ((s[0] & 0x1fu) << 6) | (s[1] & 0x3fu);
		return 2;
	}
	if ((s[0] & 0xf0) == 0xe0) {
		*cp = ((s[0] & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) | (s[2] & 0x3fu);
		return 3;
	}
	*cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3fu) << 12) |
	      ((s[2] & 0x3fu) << 6) | (s[3] & 0x3fu);
	return 4;
}

/* White space to inih (ASCII) or to Python's str.strip (Unicode). */
static int
is_unicode_space(unsigned cp)
{
	return cp == ' ' || (cp >= 0x09 && cp <= 0x0d) ||
	       (cp >= 0x1c && cp <= 0x1f) || cp == 0x85 || cp == 0xa0 ||
	       cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) ||
	       cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f ||
	       cp == 0x3000;
}

int
cfg_value_check(const char *what, const char *key, const char *value)
{
	const unsigned char *s = (const unsigned char *)value;
	size_t len = strlen(value), bad, max;
	unsigned cp = 0, first = 0;

	max = cfg_max_line - LINE_ROOM - strlen(key) - 3;
	if (len > max)
		return dk_err(DK_EINVAL, "%s: %zu bytes is longer than the "
			      "limit of %zu bytes for this value", what, len, max);
	if (!utf8_valid(value, len, &bad))
		return dk_err(DK_EINVAL, "%s: invalid UTF-8 at byte %zu",
			      what, bad + 1);
	for (size_t i = 0; i < len; ) {
		size_t n = utf8_decode(s + i, &cp);

		if (i == 0)
			first = cp;
		if (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029)
			return dk_err(DK_EINVAL, "%s: a value is one line "
				      "(put longer text in a note)", what);
		if ((cp < 0x20 && cp != '\t') || (cp >= 0x7f && cp <= 0x9f))
			return dk_err(DK_EINVAL, "%s: control character "
				      "U+%04X is not allowed", what, cp);
		i += n;
	}
	if (len && (is_unicode_space(first) || is_unicode_space(cp)))
		return dk_err(DK_EINVAL, "%s: leading or trailing white space "
			      "would be lost", what);
	return 0;
}

int
cfg_name_check(const char *what, const char *name)
{
	size_t n = strlen(name);

	if (!n)
		return dk_err(DK_EINVAL, "%s is empty", what);
	if (n > CFG_MAX_NAME)
		return dk_err(DK_EINVAL, "%s '%.60s' is longer than %d characters",
			      what, name, CFG_MAX_NAME);
	for (const char *p = name; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (!(islower(c) || isdigit(c) ||
		      (p != name && (c == '_' || c == '-'))))
			return dk_err(DK_EINVAL, "%s '%s' may hold only a-z, "
				      "0-9, '_' and '-'", what, name);
	}
	return 0;
}

/* ---- editing ---- */

static char *
key_line(const char *key, const char *value)
{
	return *value ? xasprintf("%s = %s", key, value) : xasprintf("%s =", key);
}

/* The index after the last key (or continuation) of the section at s. */
static size_t
section_end(const struct cfg *cfg, size_t s)
{
	size_t last = s;

	for (size_t i = s + 1; i < cfg->n; i++) {
		enum cfg_kind k = cfg->lines[i].kind;

		if (k == CFG_SECTION)
			break;
		if (k == CFG_KEY || k == CFG_CONT)
			last = i;
	}
	return last + 1;
}

/*
 * Remove the continuation lines of the key at k: every CONT line up to the
 * next key or section, even past blank lines and comments (inih and
 * configparser both read them as the key's).  The number removed.
 */
static size_t
remove_conts(struct cfg *cfg, size_t k)
{
	size_t i = k + 1, to = k + 1, removed;

	/* in one pass: the lines kept move up over the ones removed */
	for (; i < cfg->n && cfg->lines[i].kind != CFG_KEY &&
	       cfg->lines[i].kind != CFG_SECTION; i++) {
		if (cfg->lines[i].kind == CFG_CONT)
			line_clear(cfg, &cfg->lines[i]);
		else
			cfg->lines[to++] = cfg->lines[i];
	}
	removed = i - to;
	if (removed) {
		index_drop(cfg);
		memmove(cfg->lines + to, cfg->lines + i,
			(cfg->n - i) * sizeof(*cfg->lines));
		cfg->n -= removed;
	}
	return removed;
}

/*
 * An indented line is read as a continuation when a key comes before it in
 * its section; an indented [section] or key line was not one only because
 * none did.  After an edit one may, so such lines lose their indent: that
 * never changes what they are, and keeps them what they were.
 */
static void
dedent_headers(struct cfg *cfg)
{
	for (size_t i = 0; i < cfg->n; i++) {
		struct cfg_line *l = &cfg->lines[i];
		char *s = l->raw;

		if (l->kind != CFG_SECTION && l->kind != CFG_KEY)
			continue;
		if (i == 0 && !strncmp(s, "\xef\xbb\xbf", 3))
			s += 3;
		if (isspace((unsigned char)*s)) {
			char *t = s;

			while (isspace((unsigned char)*t))
				t++;
			memmove(s, t, strlen(t) + 1);
		}
	}
}

int
cfg_add_section(struct cfg *cfg, const char *section)
{
	struct cfg_line *l;

	if (find_section(cfg, section) >= 0)
		return 0;
	if (!*section || strlen(section) > CFG_MAX_NAME || strchr(section, ']') ||
	    strchr(section, '\n'))
		return dk_err(DK_EINVAL, "section name '%.60s' cannot be written",
			      section);
	if (cfg->n && cfg->lines[cfg->n - 1].kind != CFG_BLANK) {
		l = insert_line(cfg, cfg->n);
		l->kind = CFG_BLANK;
		l->raw = xstrdup("");
	}
	l = insert_line(cfg, cfg->n);
	l->kind = CFG_SECTION;
	l->section = xstrdup(section);
	l->raw = xasprintf("[%s]", section);
	dedent_headers(cfg);
	return 0;
}

int
cfg_set(struct cfg *cfg, const char *section, const char *key,
	const char *value)
{
	struct cfg_line *l;
	long i;
	int r;
	char *what = xasprintf("%s.%s", section, key);

	r = cfg_value_check(what, key, value);
	if (!r && (!*key || strlen(key) > CFG_MAX_NAME || strpbrk(key, "=:[]\n")))
		r = dk_err(DK_EINVAL, "key name '%.60s' cannot be written", key);
	free(what);
	if (r)
		return r;
	i = find_key(cfg, section, key);
	if (i >= 0) {
		l = &cfg->lines[i];
		if (!strcmp(l->value, value))
			return 0;
		remove_conts(cfg, (size_t)i);
		l = &cfg->lines[i];
		str_free(cfg, l->raw);
		str_free(cfg, l->value);
		l->raw = key_line(key, value);
		l->value = xstrdup(value);
		l->lineno = 0;
		return 0;
	}
	r = cfg_add_section(cfg, section);
	if (r)
		return r;
	i = find_section(cfg, section);
	l = insert_line(cfg, section_end(cfg, (size_t)i));
	l->kind = CFG_KEY;
	l->section = xstrdup(section);
	l->key = xstrdup(key);
	l->value = xstrdup(value);
	l->raw = key_line(key, value);
	dedent_headers(cfg);
	return 0;
}

int
cfg_unset(struct cfg *cfg, const char *section, const char *key)
{
	long i = find_key(cfg, section, key);

	if (i < 0)
		return 0;
	remove_conts(cfg, (size_t)i);
	remove_lines(cfg, (size_t)i, 1);
	dedent_headers(cfg);
	return 1;
}

void
cfg_remove_section(struct cfg *cfg, const char *section)
{
	long s = find_section(cfg, section);
	size_t e;

	if (s < 0)
		return;
	for (e = (size_t)s + 1; e < cfg->n; e++)
		if (cfg->lines[e].kind == CFG_SECTION)
			break;
	/* keep comments that lead into the next section */
	while (e > (size_t)s + 1 && e < cfg->n &&
	       cfg->lines[e - 1].kind == CFG_COMMENT)
		e--;
	remove_lines(cfg, (size_t)s, e - (size_t)s);
	dedent_headers(cfg);
}

void
cfg_write(const struct cfg *cfg, struct sb *out)
{
	for (size_t i = 0; i < cfg->n; i++) {
		sb_adds(out, cfg->lines[i].raw);
		sb_adds(out, cfg->crlf ? "\r\n" : "\n");
	}
}

void
cfg_diff(const struct cfg *a, const struct cfg *b,
	 void (*cb)(void *ctx, const char *section, const char *key,
		    const char *old, const char *new_),
	 void *ctx)
{
	for (size_t i = 0; b && i < b->n; i++) {
		const struct cfg_line *l = &b->lines[i];
		const char *old;

		if (l->kind != CFG_KEY)
			continue;
		old = a ? cfg_get(a, l->section, l->key) : NULL;
		if (!old || strcmp(old, l->value))
			cb(ctx, l->section, l->key, old, l->value);
	}
	for (size_t i = 0; a && i < a->n; i++) {
		const struct cfg_line *l = &a->lines[i];

		if (l->kind == CFG_KEY && (!b || !cfg_get(b, l->section, l->key)))
			cb(ctx, l->section, l->key, l->value, NULL);
	}
}

char *
cfg_dotted(const char *section, const char *key)
{
	char *kind, *name, *s;

	if (cfg_split_subsection(section, &kind, &name) < 0)
		return xasprintf("%s.%s", section, key);
	s = xasprintf("%s.%s.%s", kind, name, key);
	free(kind);
	free(name);
	return s;
}

char *
cfg_subsection(const char *kind, const char *name)
{
	return xasprintf("%s \"%s\"", kind, name);
}

int
cfg_split_subsection(const char *section, char **kind, char **name)
{
	const char *sp = strchr(section, ' ');
	size_t n;

	if (!sp || sp[1] != '"')
		return -1;
	n = strlen(sp + 2);
	if (n < 2 || sp[2 + n - 1] != '"' || memchr(sp + 2, '"', n - 1))
		return -1;
	*kind = xstrndup(section, (size_t)(sp - section));
	*name = xstrndup(sp + 2, n - 1);
	return 0;
}
