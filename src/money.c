/* money.c - exact money in whole cents (see money.h). */
#include "docket/money.h"
#include "docket/error.h"

#include <stdio.h>
#include <string.h>

#define EXAMPLES "such as 12450.00, 12,450.50 or $12,450.50"

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int
money_parse(int64_t *out, const char *s)
{
	const char *p = s;
	int64_t whole = 0, cents = 0;
	int group = 0, commas = 0, big = 0;

	if (!*s)
		return dk_err(DK_EINVAL, "an amount is empty (%s)", EXAMPLES);
	if (*p == '-' || *p == '+' || (*p == '$' && (p[1] == '-' || p[1] == '+')))
		return dk_err(DK_EINVAL, "'%s' is not an amount: it has a sign; "
			      "an amount is never negative (%s)", s, EXAMPLES);
	if (*p == '$')
		p++;
	if (!is_digit(*p))
		return dk_err(DK_EINVAL, "'%s' is not an amount (%s)", s, EXAMPLES);
	for (; is_digit(*p) || *p == ','; p++) {
		if (*p == ',') {
			/* 1-3 digits before the first comma, 3 after each */
			if ((!commas && (group < 1 || group > 3)) ||
			    (commas && group != 3))
				goto grouping;
			commas++;
			group = 0;
			continue;
		}
		group++;
		if (whole > MONEY_MAX / 100)
			big = 1;
		else
			whole = whole * 10 + (*p - '0');
	}
	if (commas && group != 3)
		goto grouping;
	if (*p == '.') {
		p++;
		if (!is_digit(*p))
			return dk_err(DK_EINVAL, "'%s' is not an amount: a point "
				      "needs one or two decimals after it (%s)",
				      s, EXAMPLES);
		cents = (p[0] - '0') * 10;
		p++;
		if (is_digit(*p)) {
			cents += *p - '0';
			p++;
		}
		if (is_digit(*p)) {
			while (is_digit(*p))
				p++;
			if (!*p)
				return dk_err(DK_EINVAL, "'%s' is not an amount: "
					      "it has more than two decimals; "
					      "amounts are in whole cents (%s)",
					      s, EXAMPLES);
		}
	}
	if (*p)
		return dk_err(DK_EINVAL, "'%s' is not an amount (%s)", s, EXAMPLES);
	if (big || whole > MONEY_MAX / 100 ||
	    whole * 100 + cents > MONEY_MAX)
		return dk_err(DK_EINVAL, "'%s' is not an amount: it is more than "
			      "999,999,999,999.99", s);
	*out = whole * 100 + cents;
	return 0;
grouping:
	return dk_err(DK_EINVAL, "'%s' is not an amount: commas must group "
		      "the digits in threes (%s)", s, EXAMPLES);
}

int
money_canonical(const char *s)
{
	size_t n = strlen(s), i;

	/* 0.xx, or a digit 1-9 and up to 11 more, then .xx */
	if (n < 4 || n > 15 || s[n - 3] != '.' || !is_digit(s[n - 2]) ||
	    !is_digit(s[n - 1]))
		return 0;
	if (s[0] == '0')
		return n == 4;
	for (i = 0; i < n - 3; i++)
		if (!is_digit(s[i]))
			return 0;
	return 1;
}

int
money_parse_canonical(int64_t *out, const char *s)
{
	int64_t v = 0;

	if (!money_canonical(s))
		return -1;
	for (const char *p = s; *p; p++)
		if (*p != '.')
			v = v * 10 + (*p - '0');
	*out = v;
	return 0;
}

/* The digits of |v| / 100 into buf (no sign), grouped when sep. */
static char *
fmt(char buf[MONEY_LEN], int64_t v, int sep)
{
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	uint64_t whole = u / 100;
	unsigned cents = (unsigned)(u % 100);
	char digits[24], *o = buf;
	int n = snprintf(digits, sizeof(digits), "%llu",
			 (unsigned long long)whole);

	if (v < 0)
		*o++ = '-';
	for (int i = 0; i < n; i++) {
		if (sep && i && (n - i) % 3 == 0)
			*o++ = ',';
		*o++ = digits[i];
	}
	snprintf(o, (size_t)(MONEY_LEN - (o - buf)), ".%02u", cents);
	return buf;
}

char *
money_fmt(char buf[MONEY_LEN], int64_t v)
{
	return fmt(buf, v, 0);
}

char *
money_fmt_human(char buf[MONEY_LEN], int64_t v)
{
	return fmt(buf, v, 1);
}

int
money_add(int64_t *acc, int64_t v)
{
	int64_t r;

	if (__builtin_add_overflow(*acc, v, &r))
		return -1;
	*acc = r;
	return 0;
}

int
money_sub(int64_t *acc, int64_t v)
{
	int64_t r;

	if (__builtin_sub_overflow(*acc, v, &r))
		return -1;
	*acc = r;
	return 0;
}

int
money_mul_div(int64_t *out, int64_t v, int64_t num, int64_t den)
{
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	uint64_t q, rem;

	if (den <= 0 || num < 0)
		return -1;
#ifdef __SIZEOF_INT128__
	{
		__extension__ typedef unsigned __int128 u128;
		u128 p = (u128)u * (uint64_t)num;

		if (p / (uint64_t)den > (u128)INT64_MAX)
			return -1;
		q = (uint64_t)(p / (uint64_t)den);
		rem = (uint64_t)(p % (uint64_t)den);
	}
#else
	{
		/* |v| = a * den + b, so |v| * num / den = a * num + b * num
		 * / den; b * num must fit */
		uint64_t a = u / (uint64_t)den, b = u % (uint64_t)den, hi, lo;

		if (__builtin_mul_overflow(a, (uint64_t)num, &hi) ||
		    __builtin_mul_overflow(b, (uint64_t)num, &lo))
			return -1;
		rem = lo % (uint64_t)den;
		if (__builtin_add_overflow(hi, lo / (uint64_t)den, &q))
			return -1;
	}
#endif
	/* half away from zero: rem / den >= 1/2 */
	if (rem >= (uint64_t)den - rem)
		q++;
	if (q > (uint64_t)INT64_MAX)
		return -1;
	*out = v < 0 ? -(int64_t)q : (int64_t)q;
	return 0;
}
