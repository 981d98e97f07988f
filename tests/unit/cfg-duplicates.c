/* Unit tests for cfg.c: duplicate sections and keys are errors. */
#include "docket/cfg.h"
#include "docket/error.h"
#include "unit.h"

#include <string.h>

static const char *
parse(const char *text)
{
	struct cfg *cfg = NULL;
	int r = cfg_parse(&cfg, "t.ini", text, strlen(text));

	cfg_free(cfg);
	return r ? dk_errmsg() : "ok";
}

int
main(void)
{
	CHECK_STR(parse("[a]\nx = 1\ny = 2\n[b]\nx = 3\n"), "ok");
	CHECK_STR(parse("[a]\nx = 1\ny = 2\nx = 3\n"),
		  "t.ini:4: duplicate key 'x' in [a] (first at line 2)");
	CHECK_STR(parse("[a]\nx = 1\n[b]\ny = 1\n[a]\nz = 1\n"),
		  "t.ini:5: duplicate section [a] (first at line 1)");
	/* the earlier line wins: the section, not the key under it */
	CHECK_STR(parse("[a]\nx = 1\n[a]\nx = 2\n"),
		  "t.ini:3: duplicate section [a] (first at line 1)");
	CHECK_STR(parse("[a]\nx = 1\n  more\n# x = 2\n[b]\nx = 1\ny = 1\ny = 2\n"),
		  "t.ini:8: duplicate key 'y' in [b] (first at line 7)");
	/* a stage's task lines may repeat; nothing else may */
	CHECK_STR(parse("[stage \"intake\"]\ntask = 1bd A\ntask = 2bd B\n"), "ok");
	CHECK_STR(parse("[stage \"intake\"]\nmax_days = 1\nmax_days = 2\n"),
		  "t.ini:3: duplicate key 'max_days' in [stage \"intake\"] "
		  "(first at line 2)");
	CHECK_STR(parse("[rules]\ntask = 1bd A\ntask = 2bd B\n"),
		  "t.ini:3: duplicate key 'task' in [rules] (first at line 2)");
	return UNIT_DONE();
}
