/* Unit tests: date parsing, formatting and arithmetic. */
#include "docket/date.h"
#include "docket/holiday.h"
#include "unit.h"

#include <stdlib.h>

static const char *
fmt(long d)
{
	static char buf[DATE_LEN];

	return date_fmt(buf, d);
}

static long
iso(const char *s)
{
	long d = -999999;

	if (date_parse_iso(&d, s) < 0)
		return -999999;
	return d;
}

int
main(void)
{
	long d, today;
	time_t t;

	setenv("TZ", "UTC", 1);
	tzset();

	CHECK_INT(iso("1970-01-01"), 0);
	CHECK_INT(iso("1970-01-02"), 1);
	CHECK_INT(iso("1969-12-31"), -1);
	CHECK_INT(iso("2000-03-01") - iso("2000-02-28"), 2);	/* leap 2000 */
	CHECK_INT(iso("1900-03-01") - iso("1900-02-28"), 1);	/* not leap */
	CHECK_INT(iso("2024-02-29") - iso("2024-02-28"), 1);
	CHECK_STR(fmt(iso("2026-11-22")), "2026-11-22");
	CHECK_STR(fmt(iso("0001-01-01")), "0001-01-01");
	CHECK_STR(fmt(iso("9999-12-31")), "9999-12-31");
	CHECK_STR(fmt(iso("0987-06-05")), "0987-06-05");
	CHECK_STR(fmt(iso("2010-10-10")), "2010-10-10");

	/* impossible or malformed dates */
	CHECK(date_parse_iso(&d, "2026-02-30") < 0);
	CHECK(date_parse_iso(&d, "2026-02-29") < 0);
	CHECK(date_parse_iso(&d, "2026-13-01") < 0);
	CHECK(date_parse_iso(&d, "2026-00-10") < 0);
	CHECK(date_parse_iso(&d, "2026-04-31") < 0);
	CHECK(date_parse_iso(&d, "2026-1-01") < 0);
	CHECK(date_parse_iso(&d, "2026-01-01x") < 0);
	CHECK(date_parse_iso(&d, "0000-01-01") < 0);
	CHECK(date_parse_iso(&d, "") < 0);
	CHECK(date_parse_iso(&d, "20261122") < 0);

	/* what users type */
	today = iso("2026-01-31");
	CHECK(date_parse(&d, "today", today) == 0 && d == today);
	CHECK(date_parse(&d, "tomorrow", today) == 0 && d == today + 1);
	CHECK(date_parse(&d, "yesterday", today) == 0 && d == today - 1);
	CHECK(date_parse(&d, "+3d", today) == 0 && d == today + 3);
	/* weekdays: the next one after today, never today */
	{
		long fri = iso("2026-11-27");	/* a Friday */

		CHECK(date_parse(&d, "friday", fri - 1) == 0 && d == fri);
		CHECK(date_parse(&d, "Friday", fri) == 0 && d == fri + 7);
		CHECK(date_parse(&d, "fri", fri + 1) == 0 && d == fri + 7);
		CHECK(date_parse(&d, "next friday", fri - 1) == 0 &&
		      d == fri + 7);
		CHECK(date_parse(&d, "NEXT  fri", fri) == 0 && d == fri + 14);
		CHECK(date_parse(&d, "mon", fri) == 0 && d == fri + 3);
		CHECK(date_parse(&d, "thurs", fri) == 0 && d == fri + 6);
		CHECK(date_parse(&d, "sunday", fri) == 0 && d == fri + 2);
		CHECK(date_parse(&d, "saturday", fri) == 0 && d == fri + 1);
		CHECK(date_parse(&d, "fr", fri) < 0);
		CHECK(date_parse(&d, "fridays", fri) < 0);
		CHECK(date_parse(&d, "next", fri) < 0);
		CHECK(date_parse(&d, "last friday", fri) < 0);
		CHECK(date_parse(&d, "TODAY", fri) == 0 && d == fri);
	}
	CHECK(date_parse(&d, "+2w", today) == 0 && d == today + 14);
	CHECK(date_parse(&d, "-1w", today) == 0 && d == today - 7);
	CHECK(date_parse(&d, "+1m", today) == 0);
	CHECK_STR(fmt(d), "2026-02-28");	/* clamped to the month's end */
	CHECK(date_parse(&d, "+13m", iso("2027-01-31")) == 0);
	CHECK_STR(fmt(d), "2028-02-29");
	CHECK(date_parse(&d, "+24m", iso("2026-10-03")) == 0);
	CHECK_STR(fmt(d), "2028-10-03");
	CHECK(date_parse(&d, "2026-03-01", today) == 0);
	CHECK_STR(fmt(d), "2026-03-01");
	CHECK(date_parse(&d, "2026-02-30", today) < 0);
	CHECK(date_parse(&d, "+3", today) < 0);
	CHECK(date_parse(&d, "+d", today) < 0);
	CHECK(date_parse(&d, "+3y", today) < 0);
	CHECK(date_parse(&d, "3d", today) < 0);
	CHECK(date_parse(&d, "next week", today) < 0);

	/* months across years, and negative */
	CHECK_STR(fmt(date_add_months(iso("2026-12-15"), 1)), "2027-01-15");
	CHECK_STR(fmt(date_add_months(iso("2026-01-15"), -1)), "2025-12-15");
	CHECK_STR(fmt(date_add_months(iso("2026-03-31"), -1)), "2026-02-28");

	/* times */
	CHECK(time_parse(&t, "2026-11-22") == 0);
	CHECK_INT(t, (time_t)iso("2026-11-22") * 86400 + 12 * 3600);
	CHECK(time_parse(&t, "2026-11-22T08:30:15Z") == 0);
	CHECK_INT(t, (time_t)iso("2026-11-22") * 86400 + 8 * 3600 + 30 * 60 + 15);
	CHECK(time_parse(&t, "2026-11-22T08:30+02:00") == 0);
	CHECK_INT(t, (time_t)iso("2026-11-22") * 86400 + 6 * 3600 + 30 * 60);
	CHECK(time_parse(&t, "2026-11-22T08:30-05:30") == 0);
	CHECK_INT(t, (time_t)iso("2026-11-22") * 86400 + 14 * 3600);
	CHECK(time_parse(&t, "2026-11-22T24:00") < 0);
	CHECK(time_parse(&t, "2026-11-22T08:61") < 0);
	CHECK(time_parse(&t, "2026-11-22T08") < 0);
	CHECK(time_parse(&t, "2026-02-30T08:00") < 0);
	CHECK(time_parse(&t, "yesterday") < 0);

	/* the local date of a time follows TZ */
	time_parse(&t, "2026-11-22T23:30:00Z");
	CHECK_STR(fmt(date_of_time(t)), "2026-11-22");
	setenv("TZ", "Asia/Tokyo", 1);
	tzset();
	CHECK_STR(fmt(date_of_time(t)), "2026-11-23");
	CHECK_INT(tz_offset_minutes(t), 540);
	/* a bare date is noon local time */
	CHECK(time_parse(&t, "2026-11-22") == 0);
	CHECK_INT(t, (time_t)iso("2026-11-22") * 86400 + 3 * 3600);

	/* DOCKET_NOW */
	setenv("TZ", "UTC", 1);
	tzset();
	setenv("DOCKET_NOW", "2026-11-22T10:00:00Z", 1);
	CHECK(clock_now(&t) == 0);
	CHECK_STR(fmt(date_of_time(t)), "2026-11-22");
	setenv("DOCKET_NOW", "someday", 1);
	CHECK(clock_now(&t) < 0);

	return UNIT_DONE();
}
