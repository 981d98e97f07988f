/* Unit tests: the INI reader and writer. */
#include "docket/cfg.h"
#include "docket/error.h"
#include "docket/util.h"
#include "unit.h"
#include "../../src/status-file.h"

#include <stdlib.h>

static struct cfg *
parse(const char *text)
{
	struct cfg *c = NULL;

	if (cfg_parse(&c, "t.ini", text, strlen(text)))
		return NULL;
	return c;
}

static char *
text_of(const struct cfg *c)
{
	struct sb sb = SB_INIT;

	cfg_write(c, &sb);
	return sb_detach(&sb);
}

/* The message of a parse that must fail. */
static const char *
parse_error(const char *text)
{
	struct cfg *c = NULL;

	if (!cfg_parse(&c, "t.ini", text, strlen(text))) {
		cfg_free(c);
		return "(parsed)";
	}
	return dk_errmsg();
}

static int
round_trips(const char *value)
{
	struct cfg *c = parse("[case]\nid = x\n"), *back;
	char *t;
	int ok;

	if (!c || cfg_set(c, "case", "what", value))
		return 0;
	t = text_of(c);
	back = parse(t);
	ok = back && cfg_get(back, "case", "what") &&
	     !strcmp(cfg_get(back, "case", "what"), value);
	cfg_free(c);
	cfg_free(back);
	free(t);
	return ok;
}

int
main(void)
{
	const char *doc =
		"# leading comment\n"
		"[case]\n"
		"id = smith-7k2p\n"
		"; semicolon comment\n"
		"what = Call adjuster ; then email\n"
		"hash = # not a comment\n"
		"eq = a = b\n"
		"colon: value\n"
		"empty =\n"
		"\n"
		"[x-firm \"custom\"]\n"
		"mine = kept\n"
		"\n"
		"# the date each stage was entered\n"
		"[stages]\n"
		"intake = 2026-11-22\n";
	struct cfg *c = parse(doc);
	char *t, *big;

	CHECK(c != NULL);
	CHECK_STR(cfg_get(c, "case", "id"), "smith-7k2p");
	CHECK_STR(cfg_get(c, "case", "what"), "Call adjuster ; then email");
	CHECK_STR(cfg_get(c, "case", "hash"), "# not a comment");
	CHECK_STR(cfg_get(c, "case", "eq"), "a = b");
	CHECK_STR(cfg_get(c, "case", "colon"), "value");
	CHECK_STR(cfg_get(c, "case", "empty"), "");
	CHECK_STR(cfg_get(c, "x-firm \"custom\"", "mine"), "kept");
	CHECK(cfg_get(c, "case", "nope") == NULL);
	CHECK_INT(cfg_lineno(c, "case", "what"), 5);
	CHECK_INT(cfg_lineno(c, "stages", NULL), 15);

	/* untouched, the text comes back byte for byte */
	t = text_of(c);
	CHECK_STR(t, doc);
	free(t);

	/* a change in place, a new key at the end of its section, a new section */
	CHECK(cfg_set(c, "case", "id", "jones-1") == 0);
	CHECK(cfg_set(c, "case", "phone", "+1 555 0100") == 0);
	CHECK(cfg_set(c, "due \"sol\"", "date", "2028-10-03") == 0);
	CHECK_INT(cfg_unset(c, "case", "colon"), 1);
	CHECK_INT(cfg_unset(c, "case", "colon"), 0);
	t = text_of(c);
	CHECK_STR(t,
		"# leading comment\n"
		"[case]\n"
		"id = jones-1\n"
		"; semicolon comment\n"
		"what = Call adjuster ; then email\n"
		"hash = # not a comment\n"
		"eq = a = b\n"
		"empty =\n"
		"phone = +1 555 0100\n"
		"\n"
		"[x-firm \"custom\"]\n"
		"mine = kept\n"
		"\n"
		"# the date each stage was entered\n"
		"[stages]\n"
		"intake = 2026-11-22\n"
		"\n"
		"[due \"sol\"]\n"
		"date = 2028-10-03\n");
	free(t);
	cfg_remove_section(c, "x-firm \"custom\"");
	t = text_of(c);
	CHECK(strstr(t, "custom") == NULL && strstr(t, "# the date each stage") != NULL);
	free(t);
	cfg_free(c);

	/* exact text, or refused; inih's inline comments would cut these */
	CHECK(round_trips("a ; b"));
	CHECK(round_trips("x #y"));
	CHECK(round_trips("semi;colon ; and # hash = eq [brackets] \"quotes\" \\back\\slash"));
	CHECK(round_trips("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 tab\tinside"));
	CHECK(round_trips("%(interp)s and %% percent"));
	CHECK(round_trips("= starts with equals"));
	CHECK(round_trips(""));
	big = xmalloc(60001);
	memset(big, 'x', 60000);
	big[60000] = '\0';
	big[1000] = ';';
	big[2000] = '#';
	CHECK(round_trips(big));	/* far past inih's default 200 bytes */
	free(big);
	CHECK(cfg_value_check("v", "k", "two\nlines") == DK_EINVAL);
	CHECK(cfg_value_check("v", "k", " lead") == DK_EINVAL);
	CHECK(cfg_value_check("v", "k", "trail ") == DK_EINVAL);
	CHECK(cfg_value_check("v", "k", "nbsp\xc2\xa0") == DK_EINVAL);
	CHECK(cfg_value_check("v", "k", "cr\rx") == DK_EINVAL);
	CHECK(cfg_value_check("v", "k", "esc\x1b[31m") == DK_EINVAL);
	CHECK(cfg_value_check("v", "k", "bad \xff utf8") == DK_EINVAL);
	CHECK(cfg_value_check("v", "k", "ok value") == 0);
	big = xmalloc(70001);
	memset(big, 'y', 70000);
	big[70000] = '\0';
	CHECK(cfg_value_check("v", "k", big) == DK_EINVAL);
	CHECK(strstr(dk_errmsg(), "longer than the limit") != NULL);
	free(big);

	/* what other INI readers would read differently is an error */
	CHECK_STR(parse_error("[a]\nk = 1\n[a]\nj = 2\n"),
		  "t.ini:3: duplicate section [a] (first at line 1)");
	CHECK_STR(parse_error("[a]\nk = 1\nk = 2\n"),
		  "t.ini:3: duplicate key 'k' in [a] (first at line 2)");
	CHECK_STR(parse_error("[a]\njust text\n"), "t.ini:2: expected 'key = value'");
	CHECK_STR(parse_error("[a\nk = 1\n"), "t.ini:1: section header without ']'");
	CHECK_STR(parse_error("k = 1\n"), "t.ini:1: key outside any [section]");
	CHECK_STR(parse_error("[a] junk\n"), "t.ini:1: text after the section header's ']'");
	CHECK_STR(parse_error("[a]\n = v\n"), "t.ini:2: empty key name");
	CHECK_STR(parse_error("[a]\nk = \xff\n"), "t.ini:2: invalid UTF-8");
	{
		char nul[] = "[a]\nk = x\0y\n";
		struct cfg *n = NULL;

		CHECK(cfg_parse(&n, "t.ini", nul, sizeof(nul) - 1) == DK_EPARSE);
		CHECK_STR(dk_errmsg(), "t.ini:2: NUL byte in the line");
	}
	big = xmalloc(2 * 1024 * 1024);
	strcpy(big, "[a]\nk = ");
	memset(big + 8, 'z', 1024 * 1024);
	strcpy(big + 8 + 1024 * 1024, "\nsneaky = yes\n");
	CHECK_STR(parse_error(big), "t.ini:2: line longer than 65533 bytes");
	free(big);
	/* name limits of inih */
	CHECK_STR(parse_error("[aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa]\n"),
		  "t.ini:1: section name longer than 49 characters");

	/* continuation lines (configparser style) */
	c = parse("[a]\nk = one\n  two\n    three\nj = 1\n");
	CHECK(c != NULL);
	CHECK_STR(cfg_get(c, "a", "k"), "one\ntwo\nthree");
	CHECK_STR(cfg_get(c, "a", "j"), "1");
	CHECK(cfg_set(c, "a", "k", "flat") == 0);
	t = text_of(c);
	CHECK_STR(t, "[a]\nk = flat\nj = 1\n");
	free(t);
	cfg_free(c);

	/* a continuation after blank lines is still the key's (found by fuzzing) */
	c = parse("[a]\nk = v\n\n  more\nj = 1\n");
	CHECK(c != NULL);
	CHECK_STR(cfg_get(c, "a", "k"), "v\nmore");
	CHECK(cfg_set(c, "a", "k", "new") == 0);
	t = text_of(c);
	CHECK_STR(t, "[a]\nk = new\n\nj = 1\n");
	free(t);
	cfg_free(c);

	/* an indented [section] or key after a new key would become part of
	 * the new key's value: it loses its indent (found by fuzzing) */
	c = parse("[case]\n\f[a]\n k = 1\n[b]\n  j = 2\n");
	CHECK(c != NULL);
	CHECK(cfg_has_section(c, "a") && cfg_has_section(c, "b"));
	CHECK_STR(cfg_get(c, "a", "k"), "1");
	CHECK_STR(cfg_get(c, "b", "j"), "2");
	CHECK(cfg_set(c, "case", "what", "#i 4") == 0);
	CHECK(cfg_set(c, "b", "l", "3") == 0);
	t = text_of(c);
	CHECK_STR(t, "[case]\nwhat = #i 4\n[a]\nk = 1\n[b]\nj = 2\nl = 3\n");
	cfg_free(c);
	c = parse(t);
	CHECK(c != NULL && cfg_get(c, "case", "what") &&
	      !strcmp(cfg_get(c, "case", "what"), "#i 4"));
	free(t);
	cfg_free(c);

	/* CRLF files stay CRLF; a BOM is skipped */
	c = parse("\xef\xbb\xbf[a]\r\nk = v\r\n");
	CHECK(c != NULL && c->crlf);
	CHECK_STR(cfg_get(c, "a", "k"), "v");
	cfg_set(c, "a", "j", "w");
	t = text_of(c);
	CHECK_STR(t, "\xef\xbb\xbf[a]\r\nk = v\r\nj = w\r\n");
	free(t);
	cfg_free(c);

	/* subsections and dotted names */
	{
		char *kind, *name, *s = cfg_subsection("due", "sol");

		CHECK_STR(s, "due \"sol\"");
		CHECK(cfg_split_subsection(s, &kind, &name) == 0);
		CHECK_STR(kind, "due");
		CHECK_STR(name, "sol");
		free(kind);
		free(name);
		free(s);
		CHECK(cfg_split_subsection("case", &kind, &name) < 0);
		CHECK(cfg_split_subsection("due \"a\"b\"", &kind, &name) < 0);
		s = cfg_dotted("due \"sol\"", "date");
		CHECK_STR(s, "due.sol.date");
		free(s);
	}
	/* through the status cache's encoding (its strings in one block):
	 * the same text, and edits that replace and remove its strings */
	{
		const char *in = "# c\n[case]\nid = x\nstory = a\n  b\n"
				 "eq=spaced\n[due \"sol\"]\ndate = 2027-01-01\n"
				 "who = p\n\n[extra]\nk = v\n";
		struct sb enc = SB_INIT;
		struct cfg *a = parse(in), *b;

		CHECK(a != NULL);
		stf_put_cfg(&enc, a);
		b = stf_get_cfg(&enc, "t.ini");
		CHECK(b != NULL && b->arena != NULL);
		t = text_of(b);
		CHECK_STR(t, in);
		free(t);
		CHECK_STR(cfg_get(b, "case", "story"), "a\nb");
		for (int i = 0; i < 2; i++) {	/* each as the parsed one */
			struct cfg *e = i ? a : b;

			CHECK(cfg_set(e, "case", "story", "c") == 0);
			CHECK(cfg_set(e, "case", "id", "y") == 0);
			CHECK(cfg_unset(e, "extra", "k") == 1);
			cfg_remove_section(e, "due \"sol\"");
			CHECK(cfg_set(e, "new", "n", "1") == 0);
		}
		t = text_of(b);
		CHECK_STR(t, "# c\n[case]\nid = y\nstory = c\neq=spaced\n"
			     "[extra]\n\n[new]\nn = 1\n");
		free(t);
		t = text_of(a);
		CHECK_STR(t, "# c\n[case]\nid = y\nstory = c\neq=spaced\n"
			     "[extra]\n\n[new]\nn = 1\n");
		free(t);
		/* cut short: refused, nothing leaks */
		enc.len -= 3;
		CHECK(stf_get_cfg(&enc, "t.ini") == NULL);
		cfg_free(a);
		cfg_free(b);
		sb_free(&enc);
	}
	return UNIT_DONE();
}
