/*
 * out-show.c - `docket show ID --md` and `--html FILE`: the whole case as
 * Markdown and as one self-contained page (see out-show.h).  The page has
 * inline CSS and nothing else: a Content Security Policy forbids scripts
 * and anything from the network, and every value is escaped.
 */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/date.h"
#include "docket/out.h"
#include "docket/out-show.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The sections shown in blocks of their own; the rest as details. */
static int
own_block(const char *s)
{
	return !strcmp(s, "case") || has_prefix(s, "due \"") ||
	       has_prefix(s, "escalation \"");
}

/* ---- Markdown ---- */

/* A link a reader may follow: http(s), mailto, or no scheme at all. */
static int
safe_url(const char *url)
{
	size_t n;

	if (!url)
		return 1;
	n = strcspn(url, ":/?#");
	if (url[n] != ':')
		return 1;
	return (n == 4 && !strncasecmp(url, "http", 4)) ||
	       (n == 5 && !strncasecmp(url, "https", 5)) ||
	       (n == 6 && !strncasecmp(url, "mailto", 6));
}

/* Raw HTML in a note becomes text, so whatever renders the Markdown
 * shows it rather than runs it. */
static void
html_as_text(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node **v = NULL;
	size_t n = 0, cap = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(node);

		if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_HTML_INLINE ||
						t == CMARK_NODE_HTML_BLOCK)) {
			GROW(v, cap, n + 1);
			v[n++] = node;
		} else if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_LINK ||
						       t == CMARK_NODE_IMAGE) &&
			   !safe_url(cmark_node_get_url(node))) {
			/* a javascript: (or any other scheme's) link goes */
			cmark_node_set_url(node, "");
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < n; i++) {
		int block = cmark_node_get_type(v[i]) == CMARK_NODE_HTML_BLOCK;
		cmark_node *t = cmark_node_new(block ? CMARK_NODE_CODE_BLOCK :
					       CMARK_NODE_TEXT);

		cmark_node_set_literal(t, cmark_node_get_literal(v[i]));
		cmark_node_replace(v[i], t);
		cmark_node_free(v[i]);
	}
	free(v);
}

static void
md_note(FILE *f, const char *text, size_t len)
{
	const int opts = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
	cmark_node *doc;
	char *out;

	if (!markdown_tame(text, len)) {
		/* too deeply nested for cmark in reasonable time: as code */
		struct sb e = SB_INIT;

		sb_add_escaped(&e, text, len, 1);
		fputs("~~~~~~~~\n", f);
		for (const char *p = sb_str(&e); *p; p++)
			fputc(*p == '~' && p[1] == '~' ? '-' : *p, f);
		fputs("\n~~~~~~~~\n", f);
		sb_free(&e);
		return;
	}
	doc = cmark_parse_document(text, len, opts);
	html_as_text(doc);
	out = cmark_render_commonmark(doc, opts, 0);
	fputs(out, f);
	free(out);
	cmark_node_free(doc);
}

static void
md_field(FILE *f, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	fprintf(f, "- **%s:** ", name);
	md_text(f, value);
	fputc('\n', f);
}

void
show_md(FILE *f, const struct show_page *p)
{
	const struct dcase *c = p->c;
	const struct cfg *cfg = c->cfg;
	char d[DATE_LEN], t[32];

	fputs("# ", f);
	md_text(f, c->id);
	if (*c->title) {
		fputs(": ", f);
		md_text(f, c->title);
	}
	fputs("\n\n", f);
	if (*p->firm) {
		fputs("*", f);
		md_text(f, p->firm);
		fprintf(f, ", as of %s*\n\n", date_fmt(d, p->today));
	}
	md_field(f, "Client", c->client);
	md_field(f, "Type", c->type);
	fprintf(f, "- **Stage:** ");
	md_text(f, c->stage);
	fprintf(f, " since %s, %s\n", date_fmt(d, c->stage_since), c->status);
	md_field(f, "Opened", date_fmt(d, c->opened));
	if (c->incident != NO_DATE)
		md_field(f, "Incident", date_fmt(d, c->incident));
	if (c->closed != NO_DATE)
		md_field(f, "Closed", date_fmt(d, c->closed));
	md_field(f, "Attorney", c->attorney);
	md_field(f, "Manager", c->manager);
	for (size_t i = 0; i < cfg->n; i++) {
		const struct cfg_line *l = &cfg->lines[i];

		if (l->kind == CFG_SECTION && !own_block(l->section)) {
			fputs("\n## ", f);
			md_text(f, l->section);
			fputs("\n\n", f);
		} else if (l->kind == CFG_KEY && !own_block(l->section) &&
			   *l->value) {
			fputs("- **", f);
			md_text(f, l->key);
			fputs(":** ", f);
			md_text(f, l->value);
			fputc('\n', f);
		}
	}
	fputs("\n## Deadlines\n\n", f);
	if (!c->ndue)
		fputs("None.\n", f);
	for (size_t i = 0; i < c->ndue; i++) {
		const struct deadline *e = &c->due[i];

		fprintf(f, "- %s **", date_fmt(d, e->date));
		md_text(f, e->name);
		fputs("** ", f);
		md_text(f, e->what);
		if (*e->who) {
			fputs(" (", f);
			md_text(f, e->who);
			fputs(")", f);
		}
		if (e->done != NO_DATE)
			fprintf(f, ", done %s", date_fmt(d, e->done));
		fputc('\n', f);
	}
	fputs("\n## Escalations\n\n", f);
	if (!c->nesc)
		fputs("None.\n", f);
	for (size_t i = 0; i < c->nesc; i++) {
		const struct escalation *e = &c->esc[i];

		fputs("- #", f);
		md_text(f, e->name);
		fputc(' ', f);
		md_text(f, e->reason);
		fputs(" to ", f);
		md_text(f, e->to);
		fprintf(f, ", opened %s: ", date_fmt(d, e->opened));
		md_text(f, e->what);
		if (e->resolved != NO_DATE) {
			fprintf(f, "; resolved %s", date_fmt(d, e->resolved));
			if (*e->resolution) {
				fputs(": ", f);
				md_text(f, e->resolution);
			}
		}
		fputc('\n', f);
	}
	if (p->nfiles) {
		fputs("\n## Files\n\n", f);
		for (size_t i = 0; i < p->nfiles; i++) {
			fputs("- ", f);
			md_text(f, p->files[i].name);
			fprintf(f, " (%ld bytes", p->files[i].size);
			if (p->files[i].date != NO_DATE)
				fprintf(f, ", %s", date_fmt(d, p->files[i].date));
			fputs(")\n", f);
		}
	}
	fputs("\n## Notes\n", f);
	if (!p->nnotes)
		fputs("\nNone.\n", f);
	for (size_t i = 0; i < p->nnotes; i++) {
		const struct show_note *n = &p->notes[i];

		fprintf(f, "\n### %s, ", time_fmt_local(t, n->time));
		md_text(f, n->kind);
		fputs(", ", f);
		md_text(f, n->author);
		fputs("\n\n", f);
		if (n->text) {
			md_note(f, n->text, n->len);
		} else {
			fputs("*", f);
			md_text(f, n->error ? n->error : "unreadable");
			fputs("*\n", f);
		}
	}
}

/* ---- HTML ---- */

static const char style[] =
	"body{font:11pt/1.4 Georgia,\"Times New Roman\",serif;color:#111;"
	"background:#fff;margin:0 auto;max-width:7.5in;padding:.5in .3in}"
	"h1{font-size:16pt;margin:0 0 .2rem}h2{font-size:12.5pt;margin:1.2rem 0 "
	".3rem;border-bottom:1px solid #888}h3{font-size:11pt;margin:.8rem 0 "
	".2rem}"
	".muted{color:#555}table{border-collapse:collapse;width:100%}"
	"td,th{padding:.12rem .4rem;vertical-align:top;text-align:left;"
	"overflow-wrap:anywhere}th{width:9rem;font-weight:600}"
	".note{border-left:3px solid #ccc;padding:0 .6rem;margin:.5rem 0}"
	"pre{white-space:pre-wrap}"
	"@media print{body{padding:0;max-width:none}}";

static void
row(FILE *f, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	fputs("<tr><th>", f);
	html_text(f, name);
	fputs("</th><td>", f);
	html_text(f, value);
	fputs("</td></tr>\n", f);
}

static void
html_head(FILE *f, const struct show_page *p)
{
	const struct dcase *c = p->c;

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	      "<meta http-equiv=\"Content-Security-Policy\" content=\""
	      "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; "
	      "img-src data:; font-src 'none'; connect-src 'none'; "
	      "base-uri 'none'; form-action 'none'\">\n"
	      "<meta charset=\"utf-8\">\n"
	      "<meta name=\"referrer\" content=\"no-referrer\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, "
	      "initial-scale=1\">\n<title>", f);
	html_text(f, c->id);
	if (*c->title) {
		fputs(": ", f);
		html_text(f, c->title);
	}
	fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n<header>\n"
		"<h1>", style);
	html_text(f, c->id);
	if (*c->title) {
		fputs(": ", f);
		html_text(f, c->title);
	}
	fputs("</h1>\n", f);
	if (*p->firm) {
		char d[DATE_LEN];

		fputs("<p class=\"muted\">", f);
		html_text(f, p->firm);
		fprintf(f, ", as of %s</p>\n", date_fmt(d, p->today));
	}
	fputs("</header>\n<main>\n", f);
}

static void
html_case(FILE *f, const struct dcase *c)
{
	const struct cfg *cfg = c->cfg;
	char d[DATE_LEN], *stage;
	int open = 0;

	fputs("<section id=\"case\">\n<table>\n", f);
	row(f, "Client", c->client);
	row(f, "Type", c->type);
	stage = xasprintf("%s since %s, %s", c->stage,
			  date_fmt(d, c->stage_since), c->status);
	row(f, "Stage", stage);
	free(stage);
	row(f, "Opened", date_fmt(d, c->opened));
	if (c->incident != NO_DATE)
		row(f, "Incident", date_fmt(d, c->incident));
	if (c->closed != NO_DATE)
		row(f, "Closed", date_fmt(d, c->closed));
	row(f, "Attorney", c->attorney);
	row(f, "Manager", c->manager);
	fputs("</table>\n</section>\n", f);
	for (size_t i = 0; i < cfg->n; i++) {
		const struct cfg_line *l = &cfg->lines[i];

		if (l->kind == CFG_SECTION && !own_block(l->section)) {
			if (open)
				fputs("</table>\n</section>\n", f);
			fputs("<section>\n<h2>", f);
			html_text(f, l->section);
			fputs("</h2>\n<table>\n", f);
			open = 1;
		} else if (l->kind == CFG_KEY && !own_block(l->section)) {
			row(f, l->key, l->value);
		}
	}
	if (open)
		fputs("</table>\n</section>\n", f);
}

static void
html_deadlines(FILE *f, const struct dcase *c)
{
	char d[DATE_LEN];

	fputs("<section id=\"deadlines\">\n<h2>Deadlines</h2>\n", f);
	if (!c->ndue)
		fputs("<p class=\"muted\">None.</p>\n", f);
	else
		fputs("<table>\n", f);
	for (size_t i = 0; i < c->ndue; i++) {
		const struct deadline *e = &c->due[i];

		fprintf(f, "<tr><td><time>%s</time></td><td>",
			date_fmt(d, e->date));
		html_text(f, e->name);
		fputs("</td><td>", f);
		html_text(f, e->what);
		fputs("</td><td>", f);
		html_text(f, e->who);
		fputs("</td><td>", f);
		if (e->done != NO_DATE)
			fprintf(f, "done %s", date_fmt(d, e->done));
		fputs("</td></tr>\n", f);
	}
	if (c->ndue)
		fputs("</table>\n", f);
	fputs("</section>\n<section id=\"escalations\">\n<h2>Escalations</h2>\n",
	      f);
	if (!c->nesc)
		fputs("<p class=\"muted\">None.</p>\n", f);
	for (size_t i = 0; i < c->nesc; i++) {
		const struct escalation *e = &c->esc[i];

		fputs("<p>#", f);
		html_text(f, e->name);
		fputs(" ", f);
		html_text(f, e->reason);
		fputs(" to ", f);
		html_text(f, e->to);
		fprintf(f, ", opened %s: ", date_fmt(d, e->opened));
		html_text(f, e->what);
		if (e->resolved != NO_DATE) {
			fprintf(f, "; resolved %s", date_fmt(d, e->resolved));
			if (*e->resolution) {
				fputs(": ", f);
				html_text(f, e->resolution);
			}
		}
		fputs("</p>\n", f);
	}
	fputs("</section>\n", f);
}

void
show_html(FILE *f, const struct show_page *p)
{
	char d[DATE_LEN], t[32];

	html_head(f, p);
	html_case(f, p->c);
	html_deadlines(f, p->c);
	if (p->nfiles) {
		fputs("<section id=\"files\">\n<h2>Files</h2>\n<ul>\n", f);
		for (size_t i = 0; i < p->nfiles; i++) {
			fputs("<li>", f);
			html_text(f, p->files[i].name);
			fprintf(f, " <span class=\"muted\">(%ld bytes",
				p->files[i].size);
			if (p->files[i].date != NO_DATE)
				fprintf(f, ", %s", date_fmt(d, p->files[i].date));
			fputs(")</span></li>\n", f);
		}
		fputs("</ul>\n</section>\n", f);
	}
	fputs("<section id=\"notes\">\n<h2>Notes</h2>\n", f);
	if (!p->nnotes)
		fputs("<p class=\"muted\">None.</p>\n", f);
	for (size_t i = 0; i < p->nnotes; i++) {
		const struct show_note *n = &p->notes[i];

		fprintf(f, "<article class=\"note\">\n<h3><time>%s</time> ",
			time_fmt_local(t, n->time));
		html_text(f, n->kind);
		fputs(" &middot; ", f);
		html_text(f, n->author);
		fputs("</h3>\n", f);
		if (n->text) {
			html_markdown(f, n->text, n->len);
		} else {
			fputs("<p class=\"muted\">", f);
			html_text(f, n->error ? n->error : "unreadable");
			fputs("</p>\n", f);
		}
		fputs("</article>\n", f);
	}
	fputs("</section>\n</main>\n</body>\n</html>\n", f);
}
