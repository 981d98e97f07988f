/* libFuzzer target: the ID rules.  A valid ID is a safe path component;
 * a generated ID is always valid. */
#include "docket/id.h"
#include "docket/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned
zero(void)
{
	return 7;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size);
	char *gen;

	if (strlen(s) == size && id_check(s) == 0) {
		if (!*s || strlen(s) > ID_MAX || strchr(s, '/') || strstr(s, "..") ||
		    s[0] == '.' || s[0] == '-')
			abort();
		for (const char *p = s; *p; p++)
			if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
			      *p == '.' || *p == '_' || *p == '-'))
				abort();
	}
	gen = id_generate(s, zero);
	if (id_check(gen))
		abort();
	free(gen);
	free(s);
	return 0;
}
