/* Unit tests: weekdays, the federal holidays and their observed days,
 * business days, the firm's own days, and +Nbd. */
#include "docket/cfg.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/holiday.h"
#include "unit.h"

#include <stdlib.h>
#include <string.h>

static long
iso(const char *s)
{
	long d = -999999;

	if (date_parse_iso(&d, s) < 0)
		return -999999;
	return d;
}

static const char *
fmt(long d)
{
	static char buf[DATE_LEN];

	return date_fmt(buf, d);
}

/* The year's holidays as "date name; date name; ...". */
static const char *
year(int y)
{
	static char buf[1024];
	long days[FEDERAL_MAX];
	const char *names[FEDERAL_MAX];
	int n = federal_holidays(y, days, names);
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s %s",
					i ? "; " : "", fmt(days[i]), names[i]);
	return buf;
}

static int
parse(struct cfg **cfg, const char *text)
{
	return cfg_parse(cfg, "docket.ini", text, strlen(text));
}

static long
bd(const struct calendar *cal, const char *from, long n)
{
	return calendar_add_business_days(cal, iso(from), n);
}

int
main(void)
{
	struct calendar fed = { 1, NULL, 0 }, none = { 0, NULL, 0 }, firm;
	struct cfg *cfg;
	char flag[64];
	long d, days[FEDERAL_MAX];

	/* weekdays: 1970-01-01 was a Thursday */
	CHECK_INT(weekday(iso("1970-01-01")), 3);
	CHECK_INT(weekday(iso("1969-12-29")), 0);
	CHECK_INT(weekday(iso("2026-11-22")), 6);
	CHECK_INT(weekday(iso("2024-02-29")), 3);
	CHECK_INT(weekday(iso("0001-01-01")), 0);

	/* every federal holiday of 2026 and 2027, on its observed day */
	CHECK_STR(year(2026),
		  "2026-01-01 New Year's Day; "
		  "2026-01-19 Martin Luther King Jr. Day; "
		  "2026-02-16 Washington's Birthday; "
		  "2026-05-25 Memorial Day; "
		  "2026-06-19 Juneteenth; "
		  "2026-07-03 Independence Day; "	/* the 4th is a Saturday */
		  "2026-09-07 Labor Day; "
		  "2026-10-12 Columbus Day; "
		  "2026-11-11 Veterans Day; "
		  "2026-11-26 Thanksgiving Day; "
		  "2026-12-25 Christmas Day");
	CHECK_STR(year(2027),
		  "2027-01-01 New Year's Day; "
		  "2027-01-18 Martin Luther King Jr. Day; "
		  "2027-02-15 Washington's Birthday; "
		  "2027-05-31 Memorial Day; "
		  "2027-06-18 Juneteenth; "		/* the 19th is a Saturday */
		  "2027-07-05 Independence Day; "	/* the 4th is a Sunday */
		  "2027-09-06 Labor Day; "
		  "2027-10-11 Columbus Day; "
		  "2027-11-11 Veterans Day; "
		  "2027-11-25 Thanksgiving Day; "
		  "2027-12-24 Christmas Day");		/* the 25th is a Saturday */
	/* New Year's Day 2028 is a Saturday: observed on 2027-12-31 */
	CHECK_INT(federal_holidays(2028, days, NULL), 11);
	CHECK_STR(fmt(days[0]), "2027-12-31");
	CHECK_STR(federal_holiday(iso("2027-12-31")), "New Year's Day");
	CHECK(federal_holiday(iso("2028-01-01")) == NULL);
	CHECK_STR(federal_holiday(iso("2026-07-03")), "Independence Day");
	CHECK(federal_holiday(iso("2026-07-04")) == NULL);
	CHECK_STR(federal_holiday(iso("2027-07-05")), "Independence Day");
	CHECK(federal_holiday(iso("2026-11-27")) == NULL);
	/* the holidays as the law made them */
	CHECK_INT(federal_holidays(2020, (long[FEDERAL_MAX]){ 0 }, NULL), 10);
	CHECK_INT(federal_holidays(2021, (long[FEDERAL_MAX]){ 0 }, NULL), 11);
	CHECK_INT(federal_holidays(1985, (long[FEDERAL_MAX]){ 0 }, NULL), 9);
	CHECK_INT(federal_holidays(1970, (long[FEDERAL_MAX]){ 0 }, NULL), 0);

	/* what makes a day a day off */
	CHECK_STR(calendar_day_off(NULL, iso("2026-11-21")), "Saturday");
	CHECK_STR(calendar_day_off(&none, iso("2026-11-22")), "Sunday");
	CHECK(calendar_day_off(&none, iso("2026-11-26")) == NULL);
	CHECK_STR(calendar_day_off(&fed, iso("2026-11-26")), "Thanksgiving Day");
	CHECK(calendar_day_off(&fed, iso("2026-11-27")) == NULL);
	CHECK_STR(calendar_flag(flag, sizeof(flag), &fed, iso("2027-04-03")),
		  "a Saturday");
	CHECK_STR(calendar_flag(flag, sizeof(flag), &fed, iso("2026-12-25")),
		  "a holiday: Christmas Day");
	CHECK_STR(calendar_flag(flag, sizeof(flag), &fed, iso("2026-12-24")), "");

	/* business days across weekends and holidays */
	CHECK_STR(fmt(bd(&fed, "2026-11-20", 1)), "2026-11-23");	/* Fri -> Mon */
	CHECK_STR(fmt(bd(&fed, "2026-11-21", 1)), "2026-11-23");	/* Sat -> Mon */
	CHECK_STR(fmt(bd(&fed, "2026-11-22", 0)), "2026-11-22");	/* +0: today */
	CHECK_STR(fmt(bd(&fed, "2026-11-23", 5)), "2026-12-01");	/* over Thanksgiving */
	CHECK_STR(fmt(bd(&none, "2026-11-23", 5)), "2026-11-30");	/* weekends only */
	CHECK_STR(fmt(bd(&fed, "2026-12-24", 1)), "2026-12-28");	/* Christmas, weekend */
	CHECK_STR(fmt(bd(&fed, "2027-07-02", 1)), "2027-07-06");	/* the 5th observed */
	CHECK_STR(fmt(bd(&fed, "2027-12-30", 1)), "2028-01-03");	/* 12-31 observed */
	CHECK_STR(fmt(bd(&fed, "2026-11-30", -5)), "2026-11-20");	/* back over it */
	CHECK_STR(fmt(bd(&fed, "2026-01-02", -1)), "2025-12-31");
	CHECK_STR(fmt(bd(&fed, "2026-01-16", 1)), "2026-01-20");	/* MLK Day */

	/* the firm's own days, from [holidays] */
	CHECK(parse(&cfg, "[holidays]\nfederal = yes\n"
			"dates = 2026-12-31, 2026-12-24\n") == 0);
	CHECK(calendar_load(&firm, cfg) == 0);
	CHECK_INT(firm.n, 2);
	CHECK(firm.federal);
	CHECK_STR(calendar_day_off(&firm, iso("2026-12-24")), "a firm holiday");
	CHECK_STR(fmt(bd(&firm, "2026-12-23", 1)), "2026-12-28");
	CHECK_STR(fmt(bd(&firm, "2026-12-28", 3)), "2027-01-04");
	calendar_free(&firm);
	cfg_free(cfg);
	CHECK(parse(&cfg, "[holidays]\nfederal = maybe\n") == 0);
	CHECK(calendar_load(&firm, cfg) < 0);
	CHECK_STR(dk_errmsg(), "docket.ini:2: federal: 'maybe' is not yes or no");
	cfg_free(cfg);
	CHECK(parse(&cfg, "[holidays]\n\ndates = 2026-12-32\n") == 0);
	CHECK(calendar_load(&firm, cfg) < 0);
	CHECK_STR(dk_errmsg(),
		  "docket.ini:3: dates: '2026-12-32' is not a date (YYYY-MM-DD)");
	CHECK(firm.dates == NULL && firm.n == 0);
	cfg_free(cfg);
	CHECK(parse(&cfg, "[rules]\n") == 0);
	CHECK(calendar_load(&firm, cfg) == 0 && !firm.federal && !firm.n);
	cfg_free(cfg);

	/* +Nbd where a date is typed */
	CHECK(date_parse_cal(&d, "+5bd", iso("2026-11-23"), &fed) == 0);
	CHECK_STR(fmt(d), "2026-12-01");
	CHECK(date_parse_cal(&d, "-1bd", iso("2026-11-23"), &fed) == 0);
	CHECK_STR(fmt(d), "2026-11-20");
	CHECK(date_parse(&d, "+1bd", iso("2026-11-25")) == 0);	/* weekends only */
	CHECK_STR(fmt(d), "2026-11-26");
	CHECK(date_parse(&d, "+0bd", iso("2026-11-22")) == 0 && d == iso("2026-11-22"));
	CHECK(date_parse(&d, "+bd", 0) < 0);
	CHECK(date_parse(&d, "+1b", 0) < 0);
	CHECK(date_parse(&d, "+1bdx", 0) < 0);
	CHECK(date_parse(&d, "+1db", 0) < 0);
	CHECK(date_parse(&d, "+100001bd", 0) < 0);
	CHECK(date_parse(&d, "+100000bd", iso("2026-01-01")) == 0);
	return UNIT_DONE();
}
