/*
 * money.h - exact money: amounts in whole cents (int64_t), never floating
 * point.  What a user types is parsed, what case.ini stores is canonical,
 * what a person reads groups thousands, and what --json gives is a string.
 *
 *   input (commands, set):  12450   12450.5   12,450.50   $12,450.50
 *   canonical (case.ini):   12450.00        (digits, a point, two decimals)
 *   human:                  12,450.00       (-9,250.00 when negative)
 *   JSON:                   "12450.00"      (the canonical form, a string)
 *
 * An amount a user gives is never negative and at most MONEY_MAX
 * (999,999,999,999.99); figures docket computes (a balance, a net) may be
 * negative.  Arithmetic is checked: a result that would not fit is an
 * error, never a wrapped number.
 *
 * Ownership: nothing here allocates; the formatters write into the
 * caller's buffer of MONEY_LEN bytes and return it.
 */
#ifndef DOCKET_MONEY_H
#define DOCKET_MONEY_H

#include <stdint.h>

/* 999,999,999,999.99, in cents: the largest amount a user may give. */
#define MONEY_MAX INT64_C(99999999999999)
/* "No amount": an empty key.  Never a value of arithmetic. */
#define MONEY_NONE INT64_MIN
/* Enough for any int64_t in the human form: "-92,233,720,368,547,758.08". */
#define MONEY_LEN 32

/*
 * What a user types: digits, optionally grouped by commas in threes,
 * optionally a '$' before them, optionally a point and one or two
 * decimals.  0 and *out set, or DK_EINVAL with a message that says what is
 * wrong and gives the rule ("'1.234' is not an amount: at most two
 * decimals (such as 12450.00, 12,450.50 or $12,450.50)").
 */
int money_parse(int64_t *out, const char *s);
/* The canonical form only ("12450.00", "0.50"; no leading zeros): 0, or
 * -1 (no message). */
int money_parse_canonical(int64_t *out, const char *s);
/* Is s the canonical form of an amount from 0 to MONEY_MAX? */
int money_canonical(const char *s);

/* "12450.00", "-3.05": the canonical form (signed); returns buf. */
char *money_fmt(char buf[MONEY_LEN], int64_t v);
/* "12,450.00", "-3.05": for people; returns buf. */
char *money_fmt_human(char buf[MONEY_LEN], int64_t v);

/* *acc += v, *acc -= v: 0, or -1 when the result would not fit in an
 * int64_t (then *acc is left as it was). */
int money_add(int64_t *acc, int64_t v);
int money_sub(int64_t *acc, int64_t v);
/*
 * *out = v * num / den, rounded half away from zero to the cent (a fee of
 * 1/3: money_mul_div(&fee, gross, 1, 3)).  den > 0, num >= 0.  0, or -1
 * when the result would not fit (or den is not positive).
 */
int money_mul_div(int64_t *out, int64_t v, int64_t num, int64_t den);

#endif
