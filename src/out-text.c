/* out-text.c - terminal output: colour, notes as plain text. */
#include "docket/out.h"

#include <cmark.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

int color_on;

void
color_setup(void)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	/* https://no-color.org: set and not empty; a dumb terminal has none */
	color_on = isatty(STDOUT_FILENO) && !(nc && *nc) &&
		   !(term && !strcmp(term, "dumb"));
}

/* The only escape sequences docket writes: tfprintf knows them by their
 * address and writes them as they are. */
static const char sgr[][6] = {
	"\033[31m", "\033[33m", "\033[32m", "\033[1m", "\033[2m", "\033[0m"
};

const char *c_red(void) { return color_on ? sgr[0] : ""; }
const char *c_yellow(void) { return color_on ? sgr[1] : ""; }
const char *c_green(void) { return color_on ? sgr[2] : ""; }
const char *c_bold(void) { return color_on ? sgr[3] : ""; }
const char *c_dim(void) { return color_on ? sgr[4] : ""; }
const char *c_off(void) { return color_on ? sgr[5] : ""; }

static int
is_color(const char *s)
{
	for (size_t i = 0; i < ARRAY_SIZE(sgr); i++)
		if (s == sgr[i])
			return 1;
	return 0;
}

int
terminal_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= 40)
		return ws.ws_col;
	return 80;
}

static int progress_shown;

void
progress(const char *what, size_t done, size_t total)
{
	static struct timespec last;
	struct timespec now;

	if (!isatty(STDERR_FILENO))
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (done != total && progress_shown &&
	    (now.tv_sec - last.tv_sec) * 1000000000L +
	    (now.tv_nsec - last.tv_nsec) < 100000000L)
		return;
	last = now;
	fprintf(stderr, "\r%s: %zu/%zu", what, done, total);
	progress_shown = 1;
}

void
progress_end(void)
{
	if (progress_shown)
		fputs("\r\033[K", stderr);
	progress_shown = 0;
}

size_t
utf8_char(const char *str, size_t n, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len;
	unsigned c, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2, c = s[0] & 0x1fu, min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3, c = s[0] & 0x0fu, min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4, c = s[0] & 0x07u, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3fu);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* Code points that move the cursor, change the terminal or reorder text:
 * C1 controls, the Unicode line separators, the bidirectional controls. */
int
is_hidden(unsigned cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

void
sb_add_escaped(struct sb *out, const char *str, size_t len, int lines)
{
	const unsigned char *s = (const unsigned char *)str, *end = s + len;

	while (s < end) {
		const unsigned char *run = s;
		unsigned cp = 0;
		size_t n;

		/* printable ASCII as it is, in one piece */
		while (s < end && *s >= 0x20 && *s < 0x7f)
			s++;
		sb_add(out, run, (size_t)(s - run));
		if (s == end)
			break;
		n = utf8_char((const char *)s, (size_t)(end - s), &cp);
		if (!n) {
			sb_addf(out, "\\x%02x", *s++);
		} else if (cp < 0x20 || cp == 0x7f) {
			if (lines && (cp == '\n' || cp == '\t'))
				sb_addc(out, (char)cp);
			else if (cp == '\n' || cp == '\r' || cp == '\t' ||
				 cp == 0x1b)
				sb_addf(out, "\\%c", cp == '\n' ? 'n' :
					cp == '\r' ? 'r' : cp == '\t' ? 't' : 'e');
			else
				sb_addf(out, "\\x%02x", cp);
			s++;
		} else if (is_hidden(cp)) {
			sb_addf(out, "\\u%04x", cp);
			s += n;
		} else {
			sb_add(out, s, n);
			s += n;
		}
	}
	if (!out->buf)
		sb_add(out, "", 0);
}

static void
put_escaped(FILE *f, const char *s, int lines)
{
	struct sb sb = SB_INIT;

	sb_add_escaped(&sb, s, strlen(s), lines);
	fwrite(sb.buf, 1, sb.len, f);
	sb_free(&sb);
}

void
print_clean(FILE *f, const char *s)
{
	put_escaped(f, s, 0);
}

void
print_lines(FILE *f, const char *s)
{
	put_escaped(f, s, 1);
}

/*
 * One conversion of a printf format (spec, without its '%') and its
 * argument.  The format is docket's own, checked by the compiler where
 * tfprintf is called.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void
convert(struct sb *out, const char *spec, size_t len, va_list *ap)
{
	char fmt[40], conv = spec[len - 1];
	const char *l = spec + len - 1;
	int star[2], nstar = 0;

	while (l > spec && strchr("hljztL", l[-1]))
		l--;
	if (len + 2 > sizeof(fmt))
		return;
	fmt[0] = '%';
	memcpy(fmt + 1, spec, len);
	fmt[len + 1] = '\0';
	for (size_t i = 0; i < len; i++)
		if (spec[i] == '*' && nstar < 2)
			star[nstar++] = va_arg(*ap, int);
#define CONV(type) do { \
		type v_ = va_arg(*ap, type); \
		if (nstar == 2) sb_addf(out, fmt, star[0], star[1], v_); \
		else if (nstar == 1) sb_addf(out, fmt, star[0], v_); \
		else sb_addf(out, fmt, v_); \
	} while (0)
	switch (conv) {
	case 'd': case 'i':
		if (!strncmp(l, "ll", 2)) CONV(long long);
		else if (*l == 'l') CONV(long);
		else if (*l == 'z') CONV(ssize_t);
		else if (*l == 'j') CONV(intmax_t);
		else if (*l == 't') CONV(ptrdiff_t);
		else CONV(int);
		break;
	case 'u': case 'x': case 'X': case 'o':
		if (!strncmp(l, "ll", 2)) CONV(unsigned long long);
		else if (*l == 'l') CONV(unsigned long);
		else if (*l == 'z') CONV(size_t);
		else if (*l == 'j') CONV(uintmax_t);
		else if (*l == 't') CONV(ptrdiff_t);
		else CONV(unsigned);
		break;
	case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
	case 'a': case 'A':
		if (*l == 'L') CONV(long double);
		else CONV(double);
		break;
	case 'p':
		CONV(void *);
		break;
	case 'c': {
		char c[2] = { (char)va_arg(*ap, int), '\0' };
		struct sb e = SB_INIT;

		sb_add_escaped(&e, c, 1, 0);
		sb_adds(out, e.buf);
		sb_free(&e);
		break;
	}
	default:
		break;
	}
#undef CONV
}
#pragma GCC diagnostic pop

/* A %s: cut to its precision (bytes, as printf), escaped, then padded to
 * its width. */
static void
convert_str(struct sb *out, const char *spec, size_t len, va_list *ap)
{
	const char *p = spec, *s;
	int left = 0, width = 0, prec = -1;
	size_t n, before = out->len;

	for (; *p == '-' || *p == '+' || *p == ' ' || *p == '#' || *p == '0'; p++)
		left |= *p == '-';
	if (*p == '*') {
		width = va_arg(*ap, int);
		if (width < 0) {
			left = 1;
			width = -width;
		}
		p++;
	} else {
		for (; *p >= '0' && *p <= '9'; p++)
			width = width * 10 + (*p - '0');
	}
	if (*p == '.') {
		p++;
		prec = 0;
		if (*p == '*') {
			prec = va_arg(*ap, int);
			p++;
		} else {
			for (; *p >= '0' && *p <= '9'; p++)
				prec = prec * 10 + (*p - '0');
		}
	}
	(void)len;
	s = va_arg(*ap, const char *);
	if (!s)
		s = "(null)";
	if (is_color(s)) {
		sb_adds(out, s);
		return;
	}
	n = strlen(s);
	if (prec >= 0 && (size_t)prec < n)
		n = (size_t)prec;
	sb_add_escaped(out, s, n, 0);
	n = out->len - before;
	if ((size_t)width > n) {
		size_t pad = (size_t)width - n;

		sb_addrep(out, ' ', pad);
		if (!left) {
			memmove(out->buf + before + pad, out->buf + before, n);
			memset(out->buf + before, ' ', pad);
		}
	}
}

void
vtfprintf(FILE *f, const char *fmt, va_list ap)
{
	/* kept from call to call: a line a call, thousands of lines */
	static struct sb out;
	va_list aq;
	const char *p = fmt;

	sb_reset(&out);
	va_copy(aq, ap);
	while (*p) {
		const char *spec;
		size_t len;

		if (*p != '%') {
			const char *q = strchr(p, '%');
			size_t n = q ? (size_t)(q - p) : strlen(p);

			sb_add(&out, p, n);
			p += n;
			continue;
		}
		if (p[1] == '%') {
			sb_addc(&out, '%');
			p += 2;
			continue;
		}
		spec = ++p;
		while (*p && !strchr("diouxXfFeEgGaAcspn", *p))
			p++;
		if (!*p)
			break;
		len = (size_t)(++p - spec);
		if (p[-1] == 's')
			convert_str(&out, spec, len, &aq);
		else
			convert(&out, spec, len, &aq);
	}
	va_end(aq);
	if (out.len)
		fwrite(out.buf, 1, out.len, f);
	if (out.cap > 65536)
		sb_free(&out);	/* one long line: not kept */
}

void
tfprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vtfprintf(f, fmt, ap);
	va_end(ap);
}

void
tprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vtfprintf(stdout, fmt, ap);
	va_end(ap);
}

/*
 * cmark 0.30 takes quadratic time on some shapes: deeply nested block
 * containers (">>>>", "- - - -") and long runs of openers.  Such text is
 * shown as it is rather than parsed.
 */
#define MAX_CONTAINER_DEPTH 16
#define MAX_RENDER_BYTES (256 * 1024)
#define MAX_BRACKETS 2000

int
markdown_tame(const char *md, size_t len)
{
	size_t brackets = 0, emph = 0;
	const char *p = md, *end = md + len;

	if (len > MAX_RENDER_BYTES)
		return 0;
	while (p < end) {
		int depth = 0;

		for (;;) {
			while (p < end && (*p == ' ' || *p == '\t'))
				p++;
			if (p < end && *p == '>') {
				p++;
				depth++;
			} else if (p + 1 < end && (*p == '-' || *p == '*' ||
						   *p == '+') &&
				   (p[1] == ' ' || p[1] == '\t')) {
				p += 2;
				depth++;
			} else if (p < end && *p >= '0' && *p <= '9') {
				const char *q = p;

				while (q < end && *q >= '0' && *q <= '9' && q - p < 9)
					q++;
				if (q + 1 < end && (*q == '.' || *q == ')') &&
				    (q[1] == ' ' || q[1] == '\t')) {
					p = q + 2;
					depth++;
				} else {
					break;
				}
			} else {
				break;
			}
			if (depth > MAX_CONTAINER_DEPTH)
				return 0;
		}
		while (p < end && *p != '\n') {
			if (*p == '[' || *p == ']' || *p == '<' || *p == '`')
				brackets++;
			if (*p == '*' || *p == '_')
				emph++;
			p++;
		}
		if (p < end)
			p++;
	}
	return brackets <= MAX_BRACKETS && emph <= 4 * MAX_BRACKETS;
}

struct rend {
	struct sb *out;
	int width;
	struct sb para;		/* inline text of the current block */
	struct sb prefix;	/* the prefix of every line */
	size_t stack[64];	/* prefix lengths, per container */
	int depth;
	char *first;		/* the first line's prefix, for a list item */
	int blank;		/* a blank line goes before the next block */
	int num[64];		/* ordered list counters, per container */
};

size_t
utf8_cols(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

static void
line_start(struct rend *r)
{
	if (r->first) {
		sb_adds(r->out, r->first);
		free(r->first);
		r->first = NULL;
	} else {
		sb_adds(r->out, sb_str(&r->prefix));
	}
}

static void
trim_end(struct sb *out)
{
	while (out->len && out->buf[out->len - 1] == ' ')
		out->buf[--out->len] = '\0';
}

/* Word-wrap text (with hard breaks at '\n') under the prefix. */
static void
emit(struct rend *r, const char *text, int wrap)
{
	const char *p = text;

	if (r->blank)
		sb_addc(r->out, '\n');
	r->blank = 0;
	while (*p) {
		size_t used = 0, room;
		const char *nl = strchr(p, '\n');
		const char *eol = nl ? nl : p + strlen(p);

		line_start(r);
		room = (size_t)r->width > r->prefix.len + 10 ?
		       (size_t)r->width - r->prefix.len : 10;
		if (!wrap) {
			sb_add(r->out, p, (size_t)(eol - p));
		} else {
			while (p < eol) {
				const char *w = p;
				size_t wl;

				while (w < eol && *w != ' ')
					w++;
				wl = utf8_cols(p, (size_t)(w - p));
				if (used && used + 1 + wl > room) {
					trim_end(r->out);
					sb_addc(r->out, '\n');
					line_start(r);
					used = 0;
				}
				if (used) {
					sb_addc(r->out, ' ');
					used++;
				}
				sb_add(r->out, p, (size_t)(w - p));
				used += wl;
				p = w;
				while (p < eol && *p == ' ')
					p++;
			}
		}
		trim_end(r->out);
		sb_addc(r->out, '\n');
		p = nl ? nl + 1 : eol;
	}
}

static void
push(struct rend *r, const char *pfx, const char *first)
{
	if (r->depth < 63)
		r->stack[r->depth++] = r->prefix.len;
	if (first) {
		char *f = xasprintf("%s%s", r->first ? r->first :
				    sb_str(&r->prefix), first);

		free(r->first);
		r->first = f;
	} else if (r->first) {
		char *f = xasprintf("%s%s", r->first, pfx);

		free(r->first);
		r->first = f;
	}
	sb_adds(&r->prefix, pfx);
}

static void
pop(struct rend *r)
{
	if (r->depth > 0) {
		r->prefix.len = r->stack[--r->depth];
		if (r->prefix.buf)
			r->prefix.buf[r->prefix.len] = '\0';
	}
}

static void
flush(struct rend *r)
{
	if (r->para.len) {
		emit(r, r->para.buf, 1);
		r->blank = 1;
	}
	sb_reset(&r->para);
}

void
render_note_text(struct sb *out, const char *md, size_t len, int indent,
		 int width)
{
	struct rend r;
	cmark_node *doc;
	cmark_iter *it;
	cmark_event_type ev;
	char *pad = xmalloc((size_t)indent + 1);

	memset(pad, ' ', (size_t)indent);
	pad[indent] = '\0';
	memset(&r, 0, sizeof(r));
	r.out = out;
	r.width = width;
	sb_adds(&r.prefix, pad);
	if (!markdown_tame(md, len)) {
		char *copy = xstrndup(md, len);

		emit(&r, copy, 0);
		free(copy);
		goto out;
	}
	doc = cmark_parse_document(md, len, CMARK_OPT_DEFAULT |
				   CMARK_OPT_VALIDATE_UTF8);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		int enter = ev == CMARK_EVENT_ENTER;
		const char *lit = cmark_node_get_literal(n);

		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_PARAGRAPH:
			if (!enter)
				flush(&r);
			break;
		case CMARK_NODE_HEADING:
			if (!enter) {
				for (char *p = r.para.buf; p && *p; p++)
					if (*p >= 'a' && *p <= 'z')
						*p = (char)(*p - 'a' + 'A');
				flush(&r);
			}
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			if (enter)
				push(&r, "| ", NULL);
			else
				pop(&r);
			break;
		case CMARK_NODE_LIST:
			if (enter && r.depth < 63)
				r.num[r.depth] = cmark_node_get_list_start(n);
			break;
		case CMARK_NODE_ITEM:
			if (enter) {
				cmark_node *list = cmark_node_parent(n);
				char marker[32];

				if (cmark_node_get_list_type(list) == CMARK_ORDERED_LIST)
					snprintf(marker, sizeof(marker), "%d. ",
						 r.depth < 63 ? r.num[r.depth]++ : 0);
				else
					snprintf(marker, sizeof(marker), "- ");
				push(&r, strlen(marker) == 2 ? "  " : "   ", marker);
				if (cmark_node_get_list_tight(list))
					r.blank = 0;
			} else {
				pop(&r);
				if (cmark_node_get_list_tight(cmark_node_parent(n)))
					r.blank = 0;
			}
			break;
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK: {
			char *t = xstrdup(lit ? lit : "");
			size_t tl = strlen(t);

			if (tl && t[tl - 1] == '\n')
				t[tl - 1] = '\0';
			push(&r, "    ", NULL);
			emit(&r, t, 0);
			pop(&r);
			r.blank = 1;
			free(t);
			break;
		}
		case CMARK_NODE_THEMATIC_BREAK:
			emit(&r, "----", 0);
			r.blank = 1;
			break;
		case CMARK_NODE_TEXT:
		case CMARK_NODE_HTML_INLINE:
			sb_adds(&r.para, lit ? lit : "");
			break;
		case CMARK_NODE_CODE:
			sb_addf(&r.para, "`%s`", lit ? lit : "");
			break;
		case CMARK_NODE_SOFTBREAK:
			sb_addc(&r.para, ' ');
			break;
		case CMARK_NODE_LINEBREAK:
			sb_addc(&r.para, '\n');
			break;
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			if (!enter) {
				const char *url = cmark_node_get_url(n);

				if (url && *url)
					sb_addf(&r.para, " <%s>", url);
			} else if (cmark_node_get_type(n) == CMARK_NODE_IMAGE) {
				sb_adds(&r.para, "[image: ");
			}
			if (!enter && cmark_node_get_type(n) == CMARK_NODE_IMAGE) {
				/* "[image: alt <url>" closes here */
				sb_adds(&r.para, "]");
			}
			break;
		default:
			break;
		}
	}
	flush(&r);
	cmark_iter_free(it);
	cmark_node_free(doc);
out:
	free(r.first);
	sb_free(&r.para);
	sb_free(&r.prefix);
	free(pad);
}

/* ---- the wording ---- */

char *
fmt_num(char *buf, size_t size, double v)
{
	size_t n;

	snprintf(buf, size, "%.2f", v);
	n = strlen(buf);
	while (n && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n && buf[n - 1] == '.')
		buf[--n] = '\0';
	return buf;
}


const char *
plural(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

char *
name_cell(const char *s, size_t width)
{
	size_t n = strlen(s);

	if (n > width && width)
		return xasprintf("%.*s\xe2\x80\xa6", (int)(width - 1), s);
	return xasprintf("%-*s", (int)width, s);
}

const char *
days_phrase(char *buf, size_t size, long days)
{
	if (days == 0)
		snprintf(buf, size, "today");
	else if (days == 1)
		snprintf(buf, size, "tomorrow");
	else if (days == -1)
		snprintf(buf, size, "1 day late");
	else if (days < 0)
		snprintf(buf, size, "%ld days late", -days);
	else
		snprintf(buf, size, "in %ld days", days);
	return buf;
}
