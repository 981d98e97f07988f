/*
 * inih-probe.c - can this inih be told, at run time, to read values the way
 * docket writes them?  docket sets inih's options (Debian's libinih exposes
 * them as globals) so that a value keeps " ; ..." and " #..." (no inline
 * comments) and a line may be long (a heap buffer that grows).  An inih
 * whose options were fixed when it was compiled (upstream's defaults:
 * inline comments, 200-byte lines) would cut such values without a word.
 *
 * The Makefile compiles, links and runs this before it builds docket; any
 * failure (no such globals, or globals that change nothing) stops the build.
 * The settings are setup_inih()'s in src/cfg.c.
 */
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LONG_VALUE 1000	/* well past upstream's INI_MAX_LINE of 200 */

static char long_value[LONG_VALUE + 1];
static int seen, bad;

static void
expect(const char *name, const char *got, const char *want)
{
	if (strcmp(got, want)) {
		fprintf(stderr, "inih-probe: '%s' read back as \"%.60s%s\" (%zu bytes), "
			"want \"%.60s%s\" (%zu bytes)\n", name,
			got, strlen(got) > 60 ? "..." : "", strlen(got),
			want, strlen(want) > 60 ? "..." : "", strlen(want));
		bad = 1;
	}
}

static int
on_value(void *user, const char *section, const char *name, const char *value)
{
	(void)user;
	(void)section;
	seen++;
	if (!strcmp(name, "semi"))
		expect(name, value, "a ; b");
	else if (!strcmp(name, "hash"))
		expect(name, value, "x #y");
	else if (!strcmp(name, "long"))
		expect(name, value, long_value);
	else {
		fprintf(stderr, "inih-probe: unexpected key '%s' (a line was cut)\n", name);
		bad = 1;
	}
	return 1;
}

int
main(void)
{
	char *doc;
	int r;

	ini_allow_inline_comments = 0;
	ini_allow_multiline = 1;
	ini_use_stack = 0;
	ini_allow_realloc = 1;
	ini_max_line = 65536;
	ini_stop_on_first_error = 0;

	/* the long value ends in text that reads as a key if the line is cut */
	memset(long_value, 'v', LONG_VALUE);
	memcpy(long_value + LONG_VALUE - 16, " ; cut = here #x", 16);
	long_value[LONG_VALUE] = '\0';
	doc = malloc(LONG_VALUE + 100);
	if (!doc)
		return 1;
	snprintf(doc, LONG_VALUE + 100, "[s]\nsemi = a ; b\nhash = x #y\nlong = %s\n",
		 long_value);
	r = ini_parse_string(doc, on_value, NULL);
	free(doc);
	if (r != 0) {
		fprintf(stderr, "inih-probe: parse error at line %d\n", r);
		bad = 1;
	}
	if (seen != 3 && !bad) {
		fprintf(stderr, "inih-probe: %d values read, want 3\n", seen);
		bad = 1;
	}
	return bad;
}
