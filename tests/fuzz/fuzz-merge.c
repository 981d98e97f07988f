/*
 * libFuzzer target: the three-way INI merge.  Input: base \x01 ours \x01
 * theirs.  A merge that succeeds gives a file that parses, holds no
 * conflict marker the inputs did not, and is ours itself when theirs did
 * not change (and theirs when ours did not).
 */
#include "docket/cfg.h"
#include "docket/ini-merge.h"
#include "docket/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* a is b, where b is a file as docket would write it (a parse and a
 * write give it back unchanged); else there is nothing to compare. */
static int
same(const char *a, size_t al, const char *b, size_t bl)
{
	struct cfg *c = NULL;
	struct sb sb = SB_INIT;
	int canonical, r;

	if (cfg_parse(&c, "x", b, bl))
		return 1;
	cfg_write(c, &sb);
	canonical = sb.len == bl && (!bl || !memcmp(sb.buf, b, bl));
	r = !canonical || (al == bl && (!al || !memcmp(a, b, al)));
	sb_free(&sb);
	cfg_free(c);
	return r;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size, *part[3];
	size_t len[3];
	struct merge_result res;
	struct cfg *c = NULL;

	for (int i = 0; i < 3; i++) {
		const char *sep = i < 2 ? memchr(p, '\x01', (size_t)(end - p)) : NULL;

		if (i < 2 && !sep)
			return 0;
		part[i] = p;
		len[i] = (size_t)((sep ? sep : end) - p);
		p = sep ? sep + 1 : end;
	}
	memset(&res, 0, sizeof(res));
	if (merge_text(&res, part[0], len[0], part[1], len[1], part[2], len[2],
		       NULL) == 0) {
		if (cfg_parse(&c, "merged", res.text ? res.text : "", res.len))
			abort();
		cfg_free(c);
		if (memmem(res.text ? res.text : "", res.len, "<<<<<<<", 7) &&
		    !memmem(data, size, "<<<<<<<", 7))
			abort();
		if (len[0] == len[2] && !memcmp(part[0], part[2], len[0]) &&
		    !same(res.text, res.len, part[1], len[1]))
			abort();
		if (len[0] == len[1] && !memcmp(part[0], part[1], len[0]) &&
		    !same(res.text, res.len, part[2], len[2]))
			abort();
	}
	merge_result_free(&res);
	return 0;
}
