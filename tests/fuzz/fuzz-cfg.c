/*
 * libFuzzer target: the INI reader and writer.  Whatever parses must write
 * back byte for byte; a value cfg_set accepts must read back exactly, in
 * place; nothing may crash.
 */
#include "docket/cfg.h"
#include "docket/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cfg *c = NULL, *back = NULL;
	struct sb out = SB_INIT;
	const char *sep = memchr(data, '\x01', size);
	size_t doc_len = sep ? (size_t)(sep - (const char *)data) : size;
	char *value = sep ? xstrndup(sep + 1, size - doc_len - 1) : NULL;

	if (cfg_parse(&c, "f.ini", (const char *)data, doc_len) == 0) {
		cfg_write(c, &out);
		/* untouched, the text comes back as it was (CRLF aside) */
		if (!c->crlf && out.len != doc_len + (doc_len && data[doc_len - 1] != '\n'))
			abort();
		if (!c->crlf && doc_len && memcmp(out.buf, data, doc_len))
			abort();
		if (value && strlen(value) == size - doc_len - 1 &&
		    cfg_set(c, "case", "what", value) == 0) {
			sb_reset(&out);
			cfg_write(c, &out);
			if (cfg_parse(&back, "f.ini", out.buf, out.len))
				abort();
			if (strcmp(cfg_get(back, "case", "what"), value))
				abort();
			cfg_free(back);
		}
		cfg_free(c);
	}
	sb_free(&out);
	free(value);
	return 0;
}
