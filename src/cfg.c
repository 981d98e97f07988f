/* cfg.c - INI documents that keep every line (see cfg.h). */
#include "docket/cfg.h"
#include "docket/error.h"
#include "docket/util.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/*
 * Debian's inih exposes its compile-time options as globals; with them the
 * line buffer grows on the heap up to ini_max_line.  Other builds cut lines
 * at 200 bytes, and docket then refuses longer lines instead of misreading
 * them.  The Makefile detects which (DOCKET_INIH_GLOBALS).
 */
#ifdef DOCKET_INIH_GLOBALS
const size_t cfg_max_line = 65536;
#else
const size_t cfg_max_line = 200;
#endif
/* inih needs room for "\r\n\0" after the text of a line */
#define LINE_ROOM 3

static void
setup_inih(void)
{
#ifdef DOCKET_INIH_GLOBALS
	ini_allow_inline_comments = false;
	ini_allow_multiline = true;
	ini_use_stack = false;
	ini_allow_realloc = true;
	ini_max_line = (int)cfg_max_line;
	ini_stop_on_first_error = false;
#endif
}

static void
line_clear(struct cfg_line *l)
{
	free(l->raw);
	free(l->section);
	free(l->key);
	free(l->value);
	memset(l, 0, sizeof(*l));
}

void
cfg_free(struct cfg *cfg)
{
	if (!cfg)
		return;
	for (size_t i = 0; i < cfg->n; i++)
		line_clear(&cfg->lines[i]);
	free(cfg->lines);
	free(cfg->name);
	free(cfg);
}

static struct cfg_line *
insert_line(struct cfg *cfg, size_t at)
{
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
	for (size_t i = at; i < at + count; i++)
		line_clear(&cfg->lines[i]);
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
		char *v;
		struct cfg_line *k = l;

		while (k > ps->cfg->lines && k->kind != CFG_KEY)
			k--;
		if (k->kind != CFG_KEY || strcmp(k->key, name))
			return 0;
		v = xasprintf("%s\n%s", k->value, value);
		free(k->value);
		k->value = v;
		return 1;
	}
	if (l->kind != CFG_KEY)
		return 0;
	free(l->key);
	free(l->value);
	l->key = xstrdup(name);
	l->value = xstrdup(value);
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
 * section's lines (a section that repeats is an error of its own, at an
 * earlier line).
 */
static void
check_duplicates(struct parse *ps)
{
	struct cfg *cfg = ps->cfg;
	size_t block = 0;	/* the first line after the current header */

	for (size_t i = 0; i < cfg->n; i++) {
		struct cfg_line *a = &cfg->lines[i];
		char what[200];

		if (a->kind == CFG_SECTION) {
			for (size_t j = 0; j < i; j++) {
				struct cfg_line *b = &cfg->lines[j];

				if (b->kind == CFG_SECTION &&
				    !strcmp(a->section, b->section)) {
					snprintf(what, sizeof(what),
						 "duplicate section [%.60s] (first at line %d)",
						 a->section, b->lineno);
					parse_fail(ps, a->lineno, what);
					break;
				}
			}
			block = i + 1;
			continue;
		}
		if (a->kind != CFG_KEY || !a->key || !a->section)
			continue;
		for (size_t j = block; j < i; j++) {
			struct cfg_line *b = &cfg->lines[j];

			if (b->kind == CFG_KEY && b->key && !strcmp(a->key, b->key)) {
				snprintf(what, sizeof(what),
					 "duplicate key '%.49s' in [%.60s] (first at line %d)",
					 a->key, a->section, b->lineno);
				parse_fail(ps, a->lineno, what);
				break;
			}
		}
	}
}

int
cfg_parse(struct cfg **out, const char *name, const char *buf, size_t len)
{
	struct parse ps;
	struct cfg *cfg = xcalloc(1, sizeof(*cfg));
	int r;

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
		check_duplicates(&ps);
	if (ps.err_line) {
		r = dk_err(DK_EPARSE, "%s:%d: %s", name, ps.err_line, ps.err);
		cfg_free(cfg);
		*out = NULL;
		return r;
	}
	*out = cfg;
	return 0;
}

int
cfg_load(struct cfg **out, const char *path, const char *name)
{
	struct sb sb = SB_INIT;
	int r = read_file(path, &sb);

	*out = NULL;
	if (r == -ENOENT)
		r = dk_err(DK_ENOTFOUND, "%s: no such file", name);
	else if (r < 0)
		r = dk_errno(DK_EIO, r, "cannot read %s", name);
	else
		r = cfg_parse(out, name, sb.buf, sb.len);
	sb_free(&sb);
	return r;
}

/* ---- lookup ---- */

static long
find_section(const struct cfg *cfg, const char *section)
{
	for (size_t i = 0; i < cfg->n; i++)
		if (cfg->lines[i].kind == CFG_SECTION &&
		    !strcmp(cfg->lines[i].section, section))
			return (long)i;
	return -1;
}

static long
find_key(const struct cfg *cfg, const char *section, const char *key)
{
	long s = find_section(cfg, section);

	if (s < 0)
		return -1;
	for (size_t i = (size_t)s + 1; i < cfg->n; i++) {
		const struct cfg_line *l = &cfg->lines[i];

		if (l->kind == CFG_SECTION)
			break;
		if (l->kind == CFG_KEY && !strcmp(l->key, key))
			return (long)i;
	}
	return -1;
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
	size_t i = k + 1, removed = 0;

	while (i < cfg->n && cfg->lines[i].kind != CFG_KEY &&
	       cfg->lines[i].kind != CFG_SECTION) {
		if (cfg->lines[i].kind == CFG_CONT) {
			remove_lines(cfg, i, 1);
			removed++;
		} else {
			i++;
		}
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
		free(l->raw);
		free(l->value);
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
