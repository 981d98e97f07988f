/*
 * holiday.h - business days: weekends, the US federal holidays computed by
 * their rules (5 U.S.C. 6103, with their observed days), and the firm's
 * own days off, from docket.ini's [holidays].
 *
 * Ownership: a struct calendar owns its list of dates; calendar_free
 * releases it.  A zeroed struct calendar is valid (weekends only), and so
 * is a NULL one wherever a calendar is taken.  Nothing else allocates.
 */
#ifndef DOCKET_HOLIDAY_H
#define DOCKET_HOLIDAY_H

#include <stddef.h>

struct cfg;

struct calendar {
	int federal;		/* the US federal holidays are days off */
	long *dates;		/* the firm's own days off, sorted */
	size_t n;
};

/* At most this many federal holidays a year. */
#define FEDERAL_MAX 11

/* 0 for Monday ... 6 for Sunday. */
int weekday(long date);

/*
 * The federal holidays of year as they are observed: one falling on a
 * Saturday on the Friday before, one on a Sunday on the Monday after (so
 * New Year's Day 2028, a Saturday, is observed on 2027-12-31).  Their days
 * into days[], their names into names[] (may be NULL), in date order;
 * returns how many (Juneteenth from 2021, Martin Luther King Jr. Day from
 * 1986; none before 1971, when the Monday holidays began).
 */
int federal_holidays(int year, long days[FEDERAL_MAX],
		     const char *names[FEDERAL_MAX]);
/* The name of the federal holiday observed on date, or NULL. */
const char *federal_holiday(long date);

/*
 * Why date is not a business day: "Saturday", "Sunday", a federal
 * holiday's name, or "a firm holiday"; NULL for a business day.
 */
const char *calendar_day_off(const struct calendar *cal, long date);
/* date moved by n business days (n < 0: back); n = 0 gives date. */
long calendar_add_business_days(const struct calendar *cal, long date,
				long n);
/* "a Saturday", "a holiday: Christmas Day"...: the flag docket shows by a
 * computed date that is not a business day; "" for a business day.
 * Returns buf. */
char *calendar_flag(char *buf, size_t size, const struct calendar *cal,
		    long date);

/*
 * What a user may type (date_parse_relative, date.h), business days
 * counted on cal: weekends and its holidays (cal NULL: weekends only).
 * 0, or DK_EINVAL with a message.
 */
int date_parse_cal(long *out, const char *s, long today,
		   const struct calendar *cal);
/* date_parse_cal with weekends only. */
int date_parse(long *out, const char *s, long today);

/*
 * Read [holidays] (federal = yes|no, dates = YYYY-MM-DD, ...) from cfg.
 * No section: weekends only.  0, or DK_EPARSE with "NAME:LINE: what"
 * (NAME the cfg's name).  On failure cal is left empty.
 */
int calendar_load(struct calendar *cal, const struct cfg *cfg);
void calendar_free(struct calendar *cal);

#endif
