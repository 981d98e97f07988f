/* test-money.c - exact money: parsing what users type, the canonical and
 * human forms, checked arithmetic, rounding half away from zero. */
#include "docket/error.h"
#include "docket/money.h"
#include "unit.h"

#include <stdint.h>
#include <stdlib.h>

static int64_t
parse(const char *s)
{
	int64_t v = -1;

	return money_parse(&v, s) ? -1 : v;
}

static const char *
canon(int64_t v)
{
	static char buf[MONEY_LEN];

	return money_fmt(buf, v);
}

static const char *
human(int64_t v)
{
	static char buf[MONEY_LEN];

	return money_fmt_human(buf, v);
}

/* the message money_parse gives, or "" when s parses */
static const char *
why(const char *s)
{
	int64_t v;

	return money_parse(&v, s) ? dk_errmsg() : "";
}

int
main(void)
{
	int64_t v;

	/* the input forms */
	CHECK_INT(parse("12450"), 1245000);
	CHECK_INT(parse("12450.00"), 1245000);
	CHECK_INT(parse("12450.5"), 1245050);
	CHECK_INT(parse("12,450.5"), 1245050);
	CHECK_INT(parse("$12,450.50"), 1245050);
	CHECK_INT(parse("$0.07"), 7);
	CHECK_INT(parse("0"), 0);
	CHECK_INT(parse("1,000,000"), 100000000);
	CHECK_INT(parse("999,999,999,999.99"), MONEY_MAX);
	CHECK_INT(parse("999999999999.99"), MONEY_MAX);
	CHECK_INT(parse("007.10"), 710);

	/* refused, each with its rule */
	CHECK_INT(parse(""), -1);
	CHECK_INT(parse("-5"), -1);
	CHECK_INT(parse("$-5"), -1);
	CHECK_INT(parse("+5"), -1);
	CHECK_INT(parse("1.234"), -1);
	CHECK_INT(parse("1000000000000"), -1);
	CHECK_INT(parse("1,000,000,000,000.00"), -1);
	CHECK_INT(parse("99999999999999999999999999"), -1);
	CHECK_INT(parse("12,45"), -1);
	CHECK_INT(parse("1234,567"), -1);
	CHECK_INT(parse(",123"), -1);
	CHECK_INT(parse("12,"), -1);
	CHECK_INT(parse("12."), -1);
	CHECK_INT(parse(".5"), -1);
	CHECK_INT(parse("12 450"), -1);
	CHECK_INT(parse(" 12"), -1);
	CHECK_INT(parse("12 "), -1);
	CHECK_INT(parse("1e5"), -1);
	CHECK_INT(parse("0x10"), -1);
	CHECK_INT(parse("$"), -1);
	CHECK_INT(parse("$$5"), -1);
	CHECK_INT(parse("5$"), -1);
	CHECK_INT(parse("12.5a"), -1);
	CHECK_INT(parse("\xd9\xa1"), -1);	/* an Arabic-Indic digit one */
	CHECK_STR(why("-5"), "'-5' is not an amount: it has a sign; an amount "
		  "is never negative (such as 12450.00, 12,450.50 or "
		  "$12,450.50)");
	CHECK_STR(why("1.234"), "'1.234' is not an amount: it has more than "
		  "two decimals; amounts are in whole cents (such as 12450.00, "
		  "12,450.50 or $12,450.50)");
	CHECK_STR(why("1000000000000"), "'1000000000000' is not an amount: it "
		  "is more than 999,999,999,999.99");
	CHECK_STR(why("12,45"), "'12,45' is not an amount: commas must group "
		  "the digits in threes (such as 12450.00, 12,450.50 or "
		  "$12,450.50)");
	CHECK_STR(why("abc"), "'abc' is not an amount (such as 12450.00, "
		  "12,450.50 or $12,450.50)");
	CHECK_STR(why("12."), "'12.' is not an amount: a point needs one or "
		  "two decimals after it (such as 12450.00, 12,450.50 or "
		  "$12,450.50)");

	/* the canonical form, and only it */
	CHECK(money_canonical("12450.00"));
	CHECK(money_canonical("0.50"));
	CHECK(money_canonical("0.00"));
	CHECK(money_canonical("999999999999.99"));
	CHECK(!money_canonical("1000000000000.00"));
	CHECK(!money_canonical("12450"));
	CHECK(!money_canonical("12450.5"));
	CHECK(!money_canonical("12,450.00"));
	CHECK(!money_canonical("$12450.00"));
	CHECK(!money_canonical("012.00"));
	CHECK(!money_canonical("00.00"));
	CHECK(!money_canonical("-1.00"));
	CHECK(!money_canonical(".50"));
	CHECK(!money_canonical(""));
	CHECK_INT(money_parse_canonical(&v, "12450.07"), 0);
	CHECK_INT(v, 1245007);
	CHECK_INT(money_parse_canonical(&v, "12450.7"), -1);

	/* printing */
	CHECK_STR(canon(0), "0.00");
	CHECK_STR(canon(7), "0.07");
	CHECK_STR(canon(1245050), "12450.50");
	CHECK_STR(canon(-925000), "-9250.00");
	CHECK_STR(canon(MONEY_MAX), "999999999999.99");
	CHECK_STR(human(0), "0.00");
	CHECK_STR(human(99999), "999.99");
	CHECK_STR(human(100000), "1,000.00");
	CHECK_STR(human(1245050), "12,450.50");
	CHECK_STR(human(-1245050), "-12,450.50");
	CHECK_STR(human(MONEY_MAX), "999,999,999,999.99");
	CHECK_STR(human(INT64_MAX), "92,233,720,368,547,758.07");
	CHECK_STR(human(INT64_MIN), "-92,233,720,368,547,758.08");
	CHECK_STR(canon(INT64_MIN), "-92233720368547758.08");

	/* checked sums */
	v = MONEY_MAX;
	CHECK_INT(money_add(&v, MONEY_MAX), 0);
	CHECK_INT(v, 2 * MONEY_MAX);
	v = INT64_MAX - 1;
	CHECK_INT(money_add(&v, 2), -1);
	CHECK_INT(v, INT64_MAX - 1);
	v = INT64_MIN + 1;
	CHECK_INT(money_sub(&v, 2), -1);
	CHECK_INT(v, INT64_MIN + 1);
	v = 320000;
	CHECK_INT(money_sub(&v, 1245000), 0);
	CHECK_INT(v, -925000);

	/* a share, rounded half away from zero */
	CHECK_INT(money_mul_div(&v, 8500000, 1, 3), 0);
	CHECK_INT(v, 2833333);			/* 28,333.33 */
	CHECK_INT(money_mul_div(&v, 100, 1, 3), 0);
	CHECK_INT(v, 33);
	CHECK_INT(money_mul_div(&v, 200, 1, 3), 0);
	CHECK_INT(v, 67);			/* 66.67 rounds up */
	CHECK_INT(money_mul_div(&v, 1, 1, 2), 0);
	CHECK_INT(v, 1);			/* a half cent, up */
	CHECK_INT(money_mul_div(&v, -1, 1, 2), 0);
	CHECK_INT(v, -1);			/* away from zero */
	CHECK_INT(money_mul_div(&v, 1000000, 3333, 10000), 0);
	CHECK_INT(v, 333300);			/* 33.33% */
	CHECK_INT(money_mul_div(&v, MONEY_MAX, 40, 100), 0);
	CHECK_INT(v, 39999999999999 + 1);	/* .6 of a cent, up */
	CHECK_INT(money_mul_div(&v, INT64_MAX, 2, 1), -1);
	CHECK_INT(money_mul_div(&v, 5, 1, 0), -1);
	CHECK_INT(money_mul_div(&v, 5, -1, 2), -1);
	return UNIT_DONE();
}
