/* holiday.c - business days, federal holidays, the firm's days off. */
#include "docket/holiday.h"
#include "docket/cfg.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/util.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_HOLIDAY_DATE LONG_MIN

int
weekday(long date)
{
	/* 1970-01-01 was a Thursday */
	long w = (date + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

/* The day of the nth (1-based) weekday wd of a month; n = -1: the last. */
static long
nth_weekday(int year, int month, int wd, int n)
{
	long first, d;

	if (n < 0) {
		static const int last[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
					    31, 30, 31 };
		int ld = last[month - 1];

		if (month == 2 && date_from_ymd(&d, year, 2, 29) == 0)
			ld = 29;
		date_from_ymd(&d, year, month, ld);
		return d - (weekday(d) - wd + 7) % 7;
	}
	date_from_ymd(&first, year, month, 1);
	return first + (wd - weekday(first) + 7) % 7 + 7L * (n - 1);
}

/* A holiday on a fixed day, as observed. */
static long
observed(int year, int month, int day)
{
	long d;

	if (date_from_ymd(&d, year, month, day) < 0)
		return NO_HOLIDAY_DATE;
	switch (weekday(d)) {
	case 5: return d - 1;	/* Saturday: the Friday before */
	case 6: return d + 1;	/* Sunday: the Monday after */
	}
	return d;
}

enum { MON = 0, THU = 3 };

int
federal_holidays(int year, long days[FEDERAL_MAX],
		 const char *names[FEDERAL_MAX])
{
	int n = 0;

#define ADD(name, day) do { \
	long d_ = (day); \
	if (d_ != NO_HOLIDAY_DATE) { \
		if (names) \
			names[n] = (name); \
		days[n++] = d_; \
	} \
} while (0)
	if (year < 1971 || year > 9998)
		return 0;
	ADD("New Year's Day", observed(year, 1, 1));
	if (year >= 1986)
		ADD("Martin Luther King Jr. Day", nth_weekday(year, 1, MON, 3));
	ADD("Washington's Birthday", nth_weekday(year, 2, MON, 3));
	ADD("Memorial Day", nth_weekday(year, 5, MON, -1));
	if (year >= 2021)
		ADD("Juneteenth", observed(year, 6, 19));
	ADD("Independence Day", observed(year, 7, 4));
	ADD("Labor Day", nth_weekday(year, 9, MON, 1));
	ADD("Columbus Day", nth_weekday(year, 10, MON, 2));
	ADD("Veterans Day", observed(year, 11, 11));
	ADD("Thanksgiving Day", nth_weekday(year, 11, THU, 4));
	ADD("Christmas Day", observed(year, 12, 25));
#undef ADD
	return n;
}

const char *
federal_holiday(long date)
{
	int y, m, d;

	date_to_ymd(date, &y, &m, &d);
	/* next year's New Year's Day may be observed on December 31 */
	for (int year = y; year <= y + 1; year++) {
		long days[FEDERAL_MAX];
		const char *names[FEDERAL_MAX];
		int n = federal_holidays(year, days, names);

		for (int i = 0; i < n; i++)
			if (days[i] == date)
				return names[i];
	}
	return NULL;
}

static int
is_firm_day(const struct calendar *cal, long date)
{
	size_t lo = 0, hi = cal->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cal->dates[mid] == date)
			return 1;
		if (cal->dates[mid] < date)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

const char *
calendar_day_off(const struct calendar *cal, long date)
{
	const char *name;

	switch (weekday(date)) {
	case 5: return "Saturday";
	case 6: return "Sunday";
	}
	if (cal && cal->federal && (name = federal_holiday(date)))
		return name;
	if (cal && is_firm_day(cal, date))
		return "a firm holiday";
	return NULL;
}

long
calendar_add_business_days(const struct calendar *cal, long date, long n)
{
	long step = n < 0 ? -1 : 1;

	while (n) {
		date += step;
		if (!calendar_day_off(cal, date))
			n -= step;
	}
	return date;
}

int
date_parse_cal(long *out, const char *s, long today,
	       const struct calendar *cal)
{
	long n;
	int r = date_parse_relative(out, &n, s, today);

	if (!r && n)
		*out = calendar_add_business_days(cal, today, n);
	return r;
}

int
date_parse(long *out, const char *s, long today)
{
	return date_parse_cal(out, s, today, NULL);
}

char *
calendar_flag(char *buf, size_t size, const struct calendar *cal, long date)
{
	const char *why = calendar_day_off(cal, date);

	if (!why)
		snprintf(buf, size, "%s", "");
	else if (!strcmp(why, "Saturday") || !strcmp(why, "Sunday"))
		snprintf(buf, size, "a %s", why);
	else if (!strcmp(why, "a firm holiday"))
		snprintf(buf, size, "%s", why);
	else
		snprintf(buf, size, "a holiday: %s", why);
	return buf;
}

static int
cal_error(const struct cfg *cfg, const char *key, const char *msg)
{
	int line = cfg_lineno(cfg, "holidays", key);

	if (!line)
		line = cfg_lineno(cfg, "holidays", NULL);
	return dk_err_at(DK_EPARSE, cfg->name, line, "%s", msg);
}

static int
long_cmp(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

int
calendar_load(struct calendar *cal, const struct cfg *cfg)
{
	const char *fed = cfg_get(cfg, "holidays", "federal");
	const char *dates = cfg_get(cfg, "holidays", "dates");
	struct strv v = STRV_INIT;
	size_t cap = 0;
	int r = 0;

	memset(cal, 0, sizeof(*cal));
	if (fed && *fed) {
		if (!strcmp(fed, "yes")) {
			cal->federal = 1;
		} else if (strcmp(fed, "no")) {
			char *msg = xasprintf("federal: '%s' is not yes or no", fed);

			r = cal_error(cfg, "federal", msg);
			free(msg);
			return r;
		}
	}
	if (dates)
		strv_split(&v, dates, ',');
	for (size_t i = 0; i < v.n && !r; i++) {
		long d;

		if (date_parse_iso(&d, v.v[i]) < 0) {
			char *msg = xasprintf("dates: '%s' is not a date "
					      "(YYYY-MM-DD)", v.v[i]);

			r = cal_error(cfg, "dates", msg);
			free(msg);
			break;
		}
		GROW(cal->dates, cap, cal->n + 1);
		cal->dates[cal->n++] = d;
	}
	strv_free(&v);
	if (r) {
		calendar_free(cal);
		return r;
	}
	if (cal->n > 1)
		qsort(cal->dates, cal->n, sizeof(*cal->dates), long_cmp);
	return 0;
}

void
calendar_free(struct calendar *cal)
{
	free(cal->dates);
	memset(cal, 0, sizeof(*cal));
}
