/* out-text.c - terminal output: colour, notes as plain text. */
#include "docket/out.h"

#include <cmark.h>
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

const char *c_red(void) { return color_on ? "\033[31m" : ""; }
const char *c_yellow(void) { return color_on ? "\033[33m" : ""; }
const char *c_green(void) { return color_on ? "\033[32m" : ""; }
const char *c_bold(void) { return color_on ? "\033[1m" : ""; }
const char *c_dim(void) { return color_on ? "\033[2m" : ""; }
const char *c_off(void) { return color_on ? "\033[0m" : ""; }

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

void
print_clean(FILE *f, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
			fprintf(f, "^%c", *p == 0x7f ? '?' : *p + '@');
		else
			fputc(*p, f);
	}
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

static size_t
cols(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
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
				wl = cols(p, (size_t)(w - p));
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
