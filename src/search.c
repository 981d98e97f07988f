/* search.c - text found in the firm's cases (see search.h). */
#include "docket/search.h"
#include "docket/case.h"
#include "docket/error.h"
#include "docket/note.h"
#include "docket/util.h"

#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

struct matcher {
	const char *pattern;
	int regex;
	regex_t re;
	char *digits;		/* a phone number's digits, or NULL */
};

/* The digits of a pattern that reads as a phone number, or NULL. */
static char *
phone_digits(const char *s)
{
	struct sb sb = SB_INIT;

	for (const char *p = s; *p; p++) {
		if (isdigit((unsigned char)*p))
			sb_addc(&sb, *p);
		else if (!strchr(" -.()+/", *p)) {
			sb_free(&sb);
			return NULL;
		}
	}
	if (sb.len < 4) {
		sb_free(&sb);
		return NULL;
	}
	return sb_detach(&sb);
}

static int
contains_ci(const char *hay, size_t n, const char *needle)
{
	size_t m = strlen(needle);

	if (!m)
		return 1;
	for (size_t i = 0; i + m <= n; i++) {
		size_t k = 0;

		while (k < m && tolower((unsigned char)hay[i + k]) ==
		       tolower((unsigned char)needle[k]))
			k++;
		if (k == m)
			return 1;
	}
	return 0;
}

/* Does a run of digits and a phone number's punctuation in s hold the
 * digits d? */
static int
has_number(const char *s, size_t n, const char *d)
{
	size_t i = 0;

	while (i < n) {
		struct sb run = SB_INIT;
		int hit;

		while (i < n && !isdigit((unsigned char)s[i]))
			i++;
		while (i < n && (isdigit((unsigned char)s[i]) ||
				 strchr(" -.()+/", s[i]))) {
			if (isdigit((unsigned char)s[i]))
				sb_addc(&run, s[i]);
			i++;
		}
		hit = run.len && strstr(run.buf, d);
		sb_free(&run);
		if (hit)
			return 1;
	}
	return 0;
}

static int
matches(const struct matcher *m, const char *s, size_t n)
{
	if (m->regex) {
		char *t = xstrndup(s, n);
		int hit = regexec(&m->re, t, 0, NULL, 0) == 0;

		free(t);
		return hit;
	}
	return contains_ci(s, n, m->pattern) ||
	       (m->digits && has_number(s, n, m->digits));
}

/* case.ini's values: "key = value" lines (and a value's indented
 * continuation lines), not comments nor section names nor keys. */
static const char *
ini_value(const char *line, size_t n, size_t *len)
{
	const char *eq, *p = line, *end = line + n;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p == end || *p == '#' || *p == ';' || *p == '[')
		return NULL;
	if (p != line) {
		*len = (size_t)(end - p);
		return p;
	}
	eq = memchr(line, '=', n);
	if (!eq)
		return NULL;
	for (eq++; eq < end && (*eq == ' ' || *eq == '\t'); eq++)
		;
	*len = (size_t)(end - eq);
	return eq;
}

/* Each matching line of one file. */
static int
search_file(const struct matcher *m, const char *root, const char *id,
	    const char *rel, int ini,
	    int (*cb)(void *, const struct search_hit *), void *arg)
{
	char *path = path_join(root, rel);
	struct sb text = SB_INIT;
	const char *p;
	int line = 0, r = 0;

	if (read_file(path, &text)) {
		free(path);
		return 0;
	}
	free(path);
	p = sb_str(&text);
	while (*p && !r) {
		size_t n = strcspn(p, "\n"), len = n;
		const char *v = p;

		line++;
		if (n && p[n - 1] == '\r')
			len--;
		if (ini)
			v = ini_value(p, len, &len);
		else
			v = p;
		if (v && len && matches(m, v, len)) {
			struct search_hit h;
			char *t = xstrndup(p, n && p[n - 1] == '\r' ? n - 1 : n);

			h.id = id;
			h.file = rel;
			h.line = line;
			h.text = t;
			r = cb(arg, &h);
			free(t);
		}
		p += n + (p[n] == '\n');
	}
	sb_free(&text);
	return r;
}

int
search_cases(const char *root, const char *pattern, unsigned flags,
	     int (*cb)(void *arg, const struct search_hit *h), void *arg)
{
	struct matcher m;
	struct strv dirs = STRV_INIT;
	int r = 0;

	memset(&m, 0, sizeof(m));
	m.pattern = pattern;
	if (!*pattern)
		return dk_err(DK_EINVAL, "nothing to search for");
	if (flags & SEARCH_REGEX) {
		int e = regcomp(&m.re, pattern, REG_EXTENDED | REG_ICASE |
				REG_NOSUB);

		if (e) {
			char buf[256];

			regerror(e, &m.re, buf, sizeof(buf));
			return dk_err(DK_EINVAL, "'%s' is no regular expression: "
				      "%s", pattern, buf);
		}
		m.regex = 1;
	} else {
		m.digits = phone_digits(pattern);
	}
	case_list_dirs(&dirs, root);
	for (size_t i = 0; i < dirs.n && !r; i++) {
		const char *id = case_dir_id(dirs.v[i]);
		struct note *notes = NULL;
		size_t nn = 0;

		if (!(flags & SEARCH_NOTES_ONLY)) {
			char *rel = xasprintf("%s/%s", dirs.v[i], CASE_FILE);

			r = search_file(&m, root, id, rel, 1, cb, arg);
			free(rel);
		}
		if (!r && !note_list(&notes, &nn, root, dirs.v[i]))
			for (size_t k = 0; k < nn && !r; k++) {
				char *rel = xasprintf("%s/%s/%s", dirs.v[i],
						      NOTES_DIR, notes[k].name);

				r = search_file(&m, root, id, rel, 0, cb, arg);
				free(rel);
			}
		note_list_free(notes, nn);
	}
	strv_free(&dirs);
	if (m.regex)
		regfree(&m.re);
	free(m.digits);
	return r;
}
