/* libFuzzer target: the date and time parsers.  A date that parses
 * formats back to a date that parses to the same day. */
#include "docket/date.h"
#include "docket/holiday.h"
#include "docket/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size);
	char buf[DATE_LEN];
	long d, again;
	time_t t;

	setenv("TZ", "UTC", 0);
	if (strlen(s) == size) {
		if (date_parse(&d, s, 20000) == 0) {
			date_fmt(buf, d);
			if (date_parse_iso(&again, buf) || again != d)
				abort();
		}
		if (date_parse_iso(&d, s) == 0 && strcmp(date_fmt(buf, d), s))
			abort();
		/* N business days away (N != 0) is a business day */
		{
			static const struct calendar fed = { 1, NULL, 0 };

			if (date_parse_cal(&d, s, 20000, &fed) == 0 &&
			    strstr(s, "bd") && d != 20000 &&
			    calendar_day_off(&fed, d))
				abort();
		}
		time_parse(&t, s);
	}
	free(s);
	return 0;
}
