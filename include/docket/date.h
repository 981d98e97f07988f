/*
 * date.h - calendar dates and the clock.
 *
 * A date is a day number: days since 1970-01-01 in the proleptic Gregorian
 * calendar (a long, negative before 1970).  Times are time_t.  Nothing here
 * allocates.  DOCKET_NOW replaces the clock for every caller of clock_now().
 */
#ifndef DOCKET_DATE_H
#define DOCKET_DATE_H

#include <limits.h>
#include <time.h>

#define DATE_LEN 11	/* "YYYY-MM-DD" and its NUL */
#define NO_DATE LONG_MIN	/* a date that is not there */

/* 0 and *out set, or -1 when y-m-d is not a real date (2026-02-30). */
int date_from_ymd(long *out, int y, int m, int d);
void date_to_ymd(long date, int *y, int *m, int *d);
/* Strict YYYY-MM-DD: 0 or -1. */
int date_parse_iso(long *out, const char *s);
/*
 * What a user may type: YYYY-MM-DD, today, tomorrow, yesterday, a weekday
 * (monday..sunday, or its first three letters or more: the next one after today, never today;
 * "next friday": the one a week after "friday"), +Nd, +Nw, +Nm, +Nbd, -Nd,
 * -Nw, -Nm, -Nbd, relative to today; words in any case.  For +Nbd and -Nbd,
 * N business days, *out is today and *business_days is N (-N), for the
 * calendar to count: date_parse_cal and date_parse (holiday.h) do.
 * 0, or DK_EINVAL with a message.
 */
int date_parse_relative(long *out, long *business_days, const char *s,
			long today);
/* "YYYY-MM-DD" into buf (DATE_LEN bytes); returns buf. */
char *date_fmt(char *buf, long date);
/* Add months, clamping to the month's last day (01-31 + 1m = 02-28). */
long date_add_months(long date, int months);

/* The clock: DOCKET_NOW (a date, meaning noon local time, or an ISO 8601
 * time) or the system clock.  0, or DK_EINVAL when DOCKET_NOW is bad. */
int clock_now(time_t *out);
/* Parse a date or ISO 8601 time (YYYY-MM-DD[THH:MM[:SS]][Z|+HH:MM]);
 * a bare date means noon local time.  0 or DK_EINVAL. */
int time_parse(time_t *out, const char *s);
/* The local calendar date of t (TZ). */
long date_of_time(time_t t);
/* "YYYY-MM-DDTHH:MM:SSZ" of t in UTC into buf (21 bytes). */
char *time_fmt_utc(char *buf, time_t t);
/* "YYYY-MM-DD HH:MM" of t in local time (TZ), what people read, into buf
 * (TIME_LOCAL_LEN bytes); returns buf. */
#define TIME_LOCAL_LEN 32
char *time_fmt_local(char *buf, time_t t);
/* The offset of local time from UTC at t, in minutes. */
int tz_offset_minutes(time_t t);

#endif
