/* date.c - calendar dates and the clock. */
#include "docket/date.h"
#include "docket/error.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int
is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(long y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Howard Hinnant's days_from_civil. */
static long
days_from_civil(long y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
date_from_ymd(long *out, int y, int m, int d)
{
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 ||
	    d > month_days(y, m))
		return -1;
	*out = days_from_civil(y, m, d);
	return 0;
}

void
date_to_ymd(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp, yy;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

static int
digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
date_parse_iso(long *out, const char *s)
{
	int y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0)
		return -1;
	return date_from_ymd(out, y, m, d);
}

char *
date_fmt(char *buf, long date)
{
	int y, m, d;
	unsigned u;

	/* "%04u-%02u-%02u" of y % 10000, m % 100, d % 100, by hand: a
	 * report prints tens of thousands */
	date_to_ymd(date, &y, &m, &d);
	u = (unsigned)y % 10000u;
	buf[0] = (char)('0' + u / 1000);
	buf[1] = (char)('0' + u / 100 % 10);
	buf[2] = (char)('0' + u / 10 % 10);
	buf[3] = (char)('0' + u % 10);
	buf[4] = '-';
	u = (unsigned)m % 100u;
	buf[5] = (char)('0' + u / 10);
	buf[6] = (char)('0' + u % 10);
	buf[7] = '-';
	u = (unsigned)d % 100u;
	buf[8] = (char)('0' + u / 10);
	buf[9] = (char)('0' + u % 10);
	buf[10] = '\0';
	return buf;
}

long
date_add_months(long date, int months)
{
	int y, m, d;
	long total, out;

	date_to_ymd(date, &y, &m, &d);
	total = (long)y * 12 + (m - 1) + months;
	y = (int)(total / 12);
	m = (int)(total % 12) + 1;
	if (d > month_days(y, m))
		d = month_days(y, m);
	if (date_from_ymd(&out, y, m, d) < 0)
		return date;
	return out;
}

/* Monday 0 ... Sunday 6, as holiday.h's weekday(); 1970-01-01 was a
 * Thursday. */
static int
day_of_week(long date)
{
	long w = (date + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

static const char *const day_names[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday"
};

/* "friday", "fri", "next friday" (any case): the day, or -1. */
static long
weekday_date(const char *s, long today)
{
	int next = 0;

	if (!strncasecmp(s, "next ", 5)) {
		next = 1;
		s += 5;
		while (*s == ' ')
			s++;
	}
	for (int i = 0; i < 7; i++) {
		size_t n = strlen(s);

		/* three letters or more: mon, thurs, friday */
		if (n < 3 || n > strlen(day_names[i]) ||
		    strncasecmp(s, day_names[i], n))
			continue;
		/* the next one after today, never today; "next": a week on */
		return today + (i - day_of_week(today) + 6) % 7 + 1 + 7 * next;
	}
	return -1;
}

int
date_parse_relative(long *out, long *business_days, const char *s,
		    long today)
{
	const char *p;
	char *end;
	long n;
	int sign;

	*business_days = 0;
	if (!date_parse_iso(out, s))
		return 0;
	if (!strcasecmp(s, "today")) {
		*out = today;
		return 0;
	}
	if (!strcasecmp(s, "tomorrow")) {
		*out = today + 1;
		return 0;
	}
	if (!strcasecmp(s, "yesterday")) {
		*out = today - 1;
		return 0;
	}
	if (isalpha((unsigned char)*s) && (n = weekday_date(s, today)) >= 0) {
		*out = n;
		return 0;
	}
	if (*s == '+' || *s == '-') {
		sign = *s == '-' ? -1 : 1;
		p = s + 1;
		if (!isdigit((unsigned char)*p))
			goto bad;
		errno = 0;
		n = strtol(p, &end, 10);
		if (errno || n > 100000 || end[0] == '\0')
			goto bad;
		if (!strcmp(end, "bd")) {
			*out = today;
			*business_days = sign * n;
			return 0;
		}
		if (end[1] != '\0')
			goto bad;
		switch (*end) {
		case 'd':
			*out = today + sign * n;
			return 0;
		case 'w':
			*out = today + sign * 7 * n;
			return 0;
		case 'm':
			if (n > 12 * 1000)
				goto bad;
			*out = date_add_months(today, (int)(sign * n));
			return 0;
		}
		goto bad;
	}
	if (strlen(s) == 10 && s[4] == '-' && s[7] == '-' &&
	    digits(s, 4) >= 0 && digits(s + 5, 2) >= 0 && digits(s + 8, 2) >= 0)
		return dk_err(DK_EINVAL, "'%s' is not a real date", s);
bad:
	return dk_err(DK_EINVAL,
		      "'%s' is not a date (use YYYY-MM-DD, today, tomorrow, "
		      "yesterday, friday, next friday, +3d, +2w, +1m or +5bd)",
		      s);
}

/* Seconds since the epoch of a UTC broken-down time; no TZ involved. */
static time_t
utc_seconds(long date, int hh, int mm, int ss)
{
	return (time_t)date * 86400 + hh * 3600 + mm * 60 + ss;
}

static time_t
local_seconds(long date, int hh, int mm, int ss)
{
	struct tm tm = { 0 };
	int y, m, d;

	date_to_ymd(date, &y, &m, &d);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_sec = ss;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

int
time_parse(time_t *out, const char *s)
{
	long date;
	char day[DATE_LEN];
	const char *p;
	int hh, mm, ss = 0;

	if (strlen(s) < 10)
		goto bad;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (date_parse_iso(&date, day) < 0)
		goto bad;
	if (s[10] == '\0') {
		*out = local_seconds(date, 12, 0, 0);
		return 0;
	}
	if (s[10] != 'T' && s[10] != ' ')
		goto bad;
	p = s + 11;
	hh = digits(p, 2);
	if (hh < 0 || hh > 23 || p[2] != ':')
		goto bad;
	mm = digits(p + 3, 2);
	if (mm < 0 || mm > 59)
		goto bad;
	p += 5;
	if (*p == ':') {
		ss = digits(p + 1, 2);
		if (ss < 0 || ss > 60)
			goto bad;
		p += 3;
	}
	if (*p == '\0') {
		*out = local_seconds(date, hh, mm, ss);
		return 0;
	}
	if (!strcmp(p, "Z")) {
		*out = utc_seconds(date, hh, mm, ss);
		return 0;
	}
	if ((*p == '+' || *p == '-') && strlen(p) == 6 && p[3] == ':') {
		int oh = digits(p + 1, 2), om = digits(p + 4, 2);
		long off;

		if (oh < 0 || oh > 23 || om < 0 || om > 59)
			goto bad;
		off = (oh * 60L + om) * 60;
		*out = utc_seconds(date, hh, mm, ss) - (*p == '+' ? off : -off);
		return 0;
	}
bad:
	return dk_err(DK_EINVAL, "'%s' is not a date or time "
		      "(use YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM])", s);
}

int
clock_now(time_t *out)
{
	const char *env = getenv("DOCKET_NOW");

	if (env && *env) {
		if (time_parse(out, env) < 0)
			return dk_err(DK_EINVAL, "DOCKET_NOW: %s", dk_errmsg());
		return 0;
	}
	*out = time(NULL);
	return 0;
}

long
date_of_time(time_t t)
{
	struct tm tm;
	long out = 0;

	localtime_r(&t, &tm);
	date_from_ymd(&out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return out;
}

char *
time_fmt_utc(char *buf, time_t t)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

char *
time_fmt_local(char *buf, time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, TIME_LOCAL_LEN, "%Y-%m-%d %H:%M", &tm);
	return buf;
}

int
tz_offset_minutes(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return (int)(tm.tm_gmtoff / 60);
}
