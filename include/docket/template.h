/*
 * template.h - letters and call scripts: templates/NAME.md in the firm,
 * Markdown with {{ field }} placeholders, filled from a case.  A value is
 * inserted as text: Markdown's special characters are backslash-escaped,
 * so the letter shows the value as it is stored, and the HTML page
 * (rendered by cmark, raw HTML suppressed) shows it escaped.  The escaping
 * of Markdown and HTML text for the other writers too.  No printing and
 * no git here.
 *
 * Ownership: the caller owns every struct sb and strv passed in; the
 * functions append to them.  A struct tmpl_case's pointers are the
 * caller's and must outlive the fill.
 *
 * A value's control characters (but newline and tab) are written visibly,
 * as docket(1) writes them on a terminal (\e, \x01), before the Markdown
 * escape; a template that holds one is refused.
 */
#ifndef DOCKET_TEMPLATE_H
#define DOCKET_TEMPLATE_H

#include <stddef.h>

#include "docket/util.h"

struct dcase;
struct firm;

#define TEMPLATES_DIR "templates"
#define SCRIPT_PREFIX "script-"
/* The largest template docket reads, in bytes. */
#define TEMPLATE_MAX_BYTES (256 * 1024)

/*
 * A field's value: 0 and *value ("" when it is empty), or -1 and *why
 * ("no such field", "needs --policy", ...) when it names nothing.
 */
typedef int (*tmpl_field_fn)(void *arg, const char *field,
			     const char **value, const char **why);

/*
 * Fill the template text into out: each {{ field }} (spaces inside the
 * braces optional; a field is letters, digits, '.', '_' and '-') is
 * replaced by its value, Markdown-escaped; "\{{" is left as it is.  What
 * cannot be filled (a field that names nothing, an empty value, braces
 * around something that is not a field name) is left as written and
 * listed in problems, one "{{ client.fax }} (line 4: no such field)" each.
 * Returns the number of problems.
 */
size_t template_fill(struct sb *out, struct strv *problems, const char *text,
		     size_t len, tmpl_field_fn fn, void *arg);

/* What a case's template may name (see docket-draft(1)). */
struct tmpl_case {
	const struct firm *firm;
	const struct dcase *c;
	const char *me_name, *me_email;	/* the user */
	long today;
	const char *policy, *provider;	/* --policy, --provider handles;
					 * NULL: none */
	char buf[16];			/* private */
};

/* A tmpl_field_fn over a struct tmpl_case. */
int tmpl_case_field(void *arg, const char *field, const char **value,
		    const char **why);

/*
 * s (len bytes) as literal Markdown text appended to out: every character
 * CommonMark gives a meaning inline is backslash-escaped, and where a line
 * begins (line_start: out is at the start of a line, or only spaces since)
 * those that would start a block (#, -, +, =, "1." ...) too.
 */
void md_escape(struct sb *out, const char *s, size_t len, int line_start);
/* s as one line of Markdown text in a list: its control characters
 * written visibly (as out.h's sb_add_escaped does), then md_escape'd. */
void md_line(struct sb *out, const char *s);
/* s as HTML text or attribute value: &<>"' as entities, control
 * characters but newline and tab, and bytes that are not UTF-8, as
 * U+FFFD. */
void html_escape(struct sb *out, const char *s, size_t len);

/*
 * One self-contained HTML page of Markdown md: a Content Security Policy
 * that forbids scripts and the network, inline CSS, the body rendered by
 * cmark with raw HTML suppressed and images shown as text.  title is
 * escaped.
 */
void template_html_page(struct sb *out, const char *title, const char *md,
			size_t len);

/*
 * templates/NAME.md of the firm at root: NAME is a name (lowercase
 * letters, digits, '.', '_', '-'; "NAME.md" is taken too).  0 and the
 * text appended to out; DK_EINVAL for a bad name; DK_ENOTFOUND naming the
 * file and the templates there are; DK_EIO for a file that is not a
 * regular file, too large, or not UTF-8.
 */
int template_read(struct sb *out, const char *root, const char *name);
/* The names of the templates (letters: scripts 0; call scripts, by their
 * stage: scripts 1), sorted. */
void template_list(struct strv *out, const char *root, int scripts);

/* The templates `docket init` writes: file name (under templates/) and
 * text, ending with a NULL name. */
struct tmpl_default {
	const char *file, *text;
};
extern const struct tmpl_default template_defaults[];

#endif
