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
	return UNIT_DONE();
}
