/* libFuzzer target: templates.  The first line of the input is a value,
 * the rest a template whose {{ v... }} fields are that value.  Filling
 * never fails but by listing problems, and a value is always text: its
 * Markdown escape, rendered by cmark, mid-line or starting a line, is the
 * paragraph cmark makes of a text node holding the value itself. */
#include "docket/template.h"
#include "docket/util.h"

#include <cmark.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *value;

static int
field(void *arg, const char *f, const char **v, const char **why)
{
	(void)arg;
	if (f[0] == 'v') {
		*v = value;
		return 0;
	}
	if (f[0] == 'e') {
		*v = "";
		return 0;
	}
	*why = "no such field";
	return -1;
}

/* The HTML of a paragraph holding lead and v as text. */
static char *
oracle(const char *lead, const char *v)
{
	cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
	cmark_node *p = cmark_node_new(CMARK_NODE_PARAGRAPH);
	cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
	char *text = xasprintf("%s%s", lead, v), *html;

	cmark_node_set_literal(t, text);
	cmark_node_append_child(p, t);
	cmark_node_append_child(doc, p);
	html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
	cmark_node_free(doc);
	free(text);
	return html;
}

static void
check(const char *lead, const char *v, int start)
{
	struct sb md = SB_INIT;
	char *got, *want;

	sb_adds(&md, lead);
	md_escape(&md, v, strlen(v), start);
	got = cmark_markdown_to_html(sb_str(&md), md.len, CMARK_OPT_DEFAULT);
	want = oracle(lead, v);
	if (strcmp(got, want))
		abort();
	free(got);
	free(want);
	sb_free(&md);
}

/* A value as case.ini may hold one: UTF-8, one line, no control
 * character, no space at either end; else NULL. */
static char *
as_value(const char *s, size_t n)
{
	size_t bad;

	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (!n || !utf8_valid(s, n, &bad))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return NULL;
	return xstrndup(s, n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *nl = memchr(s, '\n', size);
	size_t vlen = nl ? (size_t)(nl - s) : size;
	char *v = as_value(s, vlen);
	struct sb out = SB_INIT;
	struct strv problems = STRV_INIT;
	size_t n;

	if (v) {
		check("Re: ", v, 0);
		check("", v, 1);
	}
	value = v ? v : "";
	if (nl) {
		n = template_fill(&out, &problems, nl + 1, size - vlen - 1, field,
				  NULL);
		if (n != problems.n || !out.buf)
			abort();
	}
	strv_free(&problems);
	sb_free(&out);
	free(v);
	return 0;
}
