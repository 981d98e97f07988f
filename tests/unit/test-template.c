/* Unit tests for template.c: filling {{ field }}, and values kept literal
 * in Markdown (cmark, as the HTML page renders it, shows them as text). */
#include "docket/template.h"
#include "docket/util.h"
#include "unit.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

static int
fake(void *arg, const char *field, const char **value, const char **why)
{
	(void)arg;
	if (!strcmp(field, "client.name")) {
		*value = "*Bob* <b>";
		return 0;
	}
	if (!strcmp(field, "client.phone")) {
		*value = "+1 555 0100";
		return 0;
	}
	if (!strcmp(field, "client.fax")) {
		*value = "";
		return 0;
	}
	if (!strcmp(field, "client.esc")) {
		*value = "x\x1b[2Jy";
		return 0;
	}
	if (!strcmp(field, "policy.claim")) {
		*why = "needs --policy";
		return -1;
	}
	*why = "no such field";
	return -1;
}

/* text filled; the problems joined by " | " into *problems */
static char *
fill(const char *text, char **problems)
{
	struct sb out = SB_INIT, p = SB_INIT;
	struct strv v = STRV_INIT;

	template_fill(&out, &v, text, strlen(text), fake, NULL);
	for (size_t i = 0; i < v.n; i++)
		sb_addf(&p, "%s%s", i ? " | " : "", v.v[i]);
	*problems = xstrdup(sb_str(&p));
	strv_free(&v);
	sb_free(&p);
	return sb_detach(&out);
}

/* md rendered by cmark as the page does: the HTML of its one paragraph's
 * text, or the whole HTML when it is not one paragraph */
static char *
render(const char *md)
{
	char *html = cmark_markdown_to_html(md, strlen(md), CMARK_OPT_DEFAULT);
	size_t n = strlen(html);
	char *body;

	if (n > 8 && !strncmp(html, "<p>", 3) && !strcmp(html + n - 5, "</p>\n")) {
		body = xstrndup(html + 3, n - 8);
		free(html);
		return body;
	}
	return html;
}

/* the value as cmark writes text: & < > " as entities */
static char *
as_text(const char *v)
{
	struct sb sb = SB_INIT;

	for (; *v; v++)
		switch (*v) {
		case '&': sb_adds(&sb, "&amp;"); break;
		case '<': sb_adds(&sb, "&lt;"); break;
		case '>': sb_adds(&sb, "&gt;"); break;
		case '"': sb_adds(&sb, "&quot;"); break;
		default: sb_addc(&sb, *v);
		}
	if (!sb.buf)
		sb_add(&sb, "", 0);
	return sb_detach(&sb);
}

static const char *const nasty[] = {
	"*Bob*", "_Bob_", "**bold**", "<script>alert(1)</script>",
	"[click](javascript:alert(1))", "![img](x.png)", "`code`",
	"# heading", "## two", "- item", "+ item", "* item", "1. first",
	"2026) second", "1986. A year", "> quote", "===", "---", "___",
	"~~gone~~", "a | b | c", "&amp; &lt;", "back\\slash\\",
	"<http://example.com>", "x_y_z", "C:\\path\\*", "{{ client.name }}",
	"#hash mid", "100% + 5 - 3 = 102", "Smith & Sons, Inc.",
	"\"quoted\"", "tab\there", "    four spaces", "2. two\n3. three",
	NULL
};

int
main(void)
{
	char *out, *probs;

	/* every placeholder: spaces in the braces optional */
	out = fill("Dear {{ client.name }},\ncall {{client.phone}} now.\n", &probs);
	CHECK_STR(out, "Dear \\*Bob\\* \\<b\\>,\ncall +1 555 0100 now.\n");
	CHECK_STR(probs, "");
	free(out);
	free(probs);

	/* at the start of a line, block markers are escaped too */
	out = fill("{{ client.phone }}\n  {{ client.phone }} and {{ client.phone }}\n",
		   &probs);
	CHECK_STR(out, "\\+1 555 0100\n  \\+1 555 0100 and +1 555 0100\n");
	free(out);
	free(probs);

	/* every problem listed at once, with its line; left as written */
	out = fill("a {{ client.fax }}\nb {{ nope.x }} {{ policy.claim }}\n"
		   "c {{ not a field }} {{}} {{ x!y }}\nd {{ client.phone }}\n",
		   &probs);
	CHECK_STR(probs, "{{ client.fax }} (line 1: empty) | "
		  "{{ nope.x }} (line 2: no such field) | "
		  "{{ policy.claim }} (line 2: needs --policy) | "
		  "{{ not a field }} (line 3: not a field name) | "
		  "{{}} (line 3: not a field name) | "
		  "{{ x!y }} (line 3: not a field name)");
	CHECK_STR(out, "a {{ client.fax }}\nb {{ nope.x }} {{ policy.claim }}\n"
		  "c {{ not a field }} {{}} {{ x!y }}\nd +1 555 0100\n");
	free(out);
	free(probs);

	/* a value's control characters are written visibly, never raw */
	out = fill("{{ client.esc }}\n", &probs);
	CHECK_STR(out, "x\\\\e\\[2Jy\n");
	free(out);
	free(probs);

	/* braces that do not close on their line, and \{{, are text */
	out = fill("x {{ client.name\n}} \\{{ client.name }} {single}\n", &probs);
	CHECK_STR(out, "x {{ client.name\n}} \\{{ client.name }} {single}\n");
	CHECK_STR(probs, "");
	free(out);
	free(probs);

	/* a value's Markdown is text, mid-line and at a line's start */
	for (size_t i = 0; nasty[i]; i++) {
		for (int start = 0; start < 2; start++) {
			struct sb md = SB_INIT;
			char *got, *want, *w1;

			if (!start)
				sb_adds(&md, "Re: ");
			md_escape(&md, nasty[i], strlen(nasty[i]), start);
			got = render(md.buf);
			w1 = as_text(nasty[i]);
			/* spaces that start a line are not the text's */
			want = start ? xstrdup(w1 + strspn(w1, " \t")) :
			       xasprintf("Re: %s", w1);
			if (strcmp(got, want))
				printf("# value %s (line start %d): %s\n",
				       nasty[i], start, md.buf);
			CHECK_STR(got, want);
			free(got);
			free(want);
			free(w1);
			sb_free(&md);
		}
	}

	/* HTML text: entities, U+FFFD for controls and bytes not UTF-8 */
	{
		struct sb h = SB_INIT;

		static const char v[] = "<a href=\"x\">'&'</a>\x01\xff";

		html_escape(&h, v, sizeof(v) - 1);
		CHECK_STR(h.buf, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;"
			  "&lt;/a&gt;\xef\xbf\xbd\xef\xbf\xbd");
		sb_free(&h);
	}

	/* the page: one paragraph of the Markdown, raw HTML suppressed */
	{
		struct sb page = SB_INIT;
		const char *md = "Hello <script>x()</script> **there**\n";

		template_html_page(&page, "T <i>", md, strlen(md));
		CHECK(strstr(page.buf, "<title>T &lt;i&gt;</title>") != NULL);
		CHECK(strstr(page.buf, "<strong>there</strong>") != NULL);
		CHECK(strstr(page.buf, "<script>") == NULL);
		CHECK(strstr(page.buf, "Content-Security-Policy") != NULL);
		sb_free(&page);
	}
	return UNIT_DONE();
}
