/*
 * libFuzzer target: the status cache's file (src/status-file.c).  The
 * input is read two ways: as an INI file, whose lines as parsed must come
 * back from the cache's encoding exactly (written back, byte for byte);
 * as a case's entry in the cache, which must decode or be refused, and
 * once decoded, encode to what decodes the same; and as a case's view,
 * the same.  Nothing may crash.
 */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/util.h"
#include "../../src/status-file.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
as_ini(const uint8_t *data, size_t size)
{
	struct cfg *c = NULL, *back;
	struct sb enc = SB_INIT, a = SB_INIT, b = SB_INIT;

	if (cfg_parse(&c, "f.ini", (const char *)data, size))
		return;
	stf_put_cfg(&enc, c);
	if (!(back = stf_get_cfg(&enc, "f.ini")))
		abort();
	cfg_write(c, &a);
	cfg_write(back, &b);
	if (a.len != b.len || (a.len && memcmp(a.buf, b.buf, a.len)) ||
	    back->n != c->n)
		abort();
	for (size_t i = 0; i < c->n; i++)
		if (c->lines[i].kind != back->lines[i].kind ||
		    c->lines[i].lineno != back->lines[i].lineno ||
		    !streq(c->lines[i].section, back->lines[i].section) ||
		    !streq(c->lines[i].key, back->lines[i].key) ||
		    !streq(c->lines[i].value, back->lines[i].value) ||
		    !streq(c->lines[i].raw, back->lines[i].raw))
			abort();
	cfg_free(c);
	cfg_free(back);
	sb_free(&enc);
	sb_free(&a);
	sb_free(&b);
}

static void
as_entry(const uint8_t *data, size_t size)
{
	struct entry e, again;
	struct sb enc = SB_INIT, enc2 = SB_INIT;
	struct cfg *c;

	memset(&e, 0, sizeof(e));
	memset(&again, 0, sizeof(again));
	sb_add(&e.raw, data, size);
	if (stf_get_entry(&e) == 0) {
		if ((c = stf_get_cfg(&e.cfg, "f.ini")))
			cfg_free(c);
		if (stf_get_notes(&e) == 0) {
			e.dir = xstrdup("cases/2026/x");
			stf_put_entry(&enc, &e);
			sb_add(&again.raw, enc.buf, enc.len);
			if (stf_get_entry(&again) || stf_get_notes(&again))
				abort();
			again.dir = xstrdup(e.dir);
			stf_put_entry(&enc2, &again);
			if (enc.len != enc2.len ||
			    (enc.len && memcmp(enc.buf, enc2.buf, enc.len)))
				abort();
		}
	}
	stf_entry_clear(&e);
	stf_entry_clear(&again);
	sb_free(&enc);
	sb_free(&enc2);
}

static void
as_view(const uint8_t *data, size_t size)
{
	struct sb in = SB_INIT;

	sb_add(&in, data, size);
	for (int workup = 0; workup < 2; workup++) {
		struct sb enc = SB_INIT, enc2 = SB_INIT;
		struct dcase *c, *back;
		int r = stf_get_view(&c, &in, "cases/2026/x", workup);

		if (r < -1 || r > 1 || (r != 0) != !c)
			abort();
		if (!c)
			continue;
		if (!c->view_text || c->cfg || !c->wu != !workup)
			abort();
		if (!workup) {	/* a view alone: not all there is to encode */
			case_free(c);
			continue;
		}
		/* what decodes encodes to what decodes the same */
		stf_put_view(&enc, c, 0);
		if (stf_get_view(&back, &enc, "cases/2026/x", workup))
			abort();
		stf_put_view(&enc2, back, 0);
		if (enc.len != enc2.len || memcmp(enc.buf, enc2.buf, enc.len))
			abort();
		case_free(back);
		case_free(c);
		sb_free(&enc);
		sb_free(&enc2);
	}
	sb_free(&in);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	as_ini(data, size);
	as_entry(data, size);
	as_view(data, size);
	return 0;
}
