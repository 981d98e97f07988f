/* libFuzzer target: money.  Whatever parses prints in the canonical form,
 * which is canonical and parses back to the same cents (parse -> print ->
 * parse is the identity), and the human form reads back the same; no
 * accepted amount is negative or over MONEY_MAX; sums and shares either
 * give the exact result or say they cannot, never a wrapped number. */
#include "docket/money.h"
#include "docket/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_form(int64_t v)
{
	char buf[MONEY_LEN], human[MONEY_LEN];
	int64_t again;

	money_fmt(buf, v);
	if (!money_canonical(buf) || money_parse_canonical(&again, buf) ||
	    again != v)
		abort();
	if (money_parse(&again, buf) || again != v)
		abort();
	money_fmt_human(human, v);
	if (money_parse(&again, human) || again != v)
		abort();
}

/* a + b the long way, in unsigned arithmetic, for the reference */
static void
check_sum(int64_t a, int64_t b)
{
	int64_t acc = a;
	int fits = !((b > 0 && a > INT64_MAX - b) || (b < 0 && a < INT64_MIN - b));

	if (money_add(&acc, b) != (fits ? 0 : -1))
		abort();
	if (fits ? acc != (int64_t)((uint64_t)a + (uint64_t)b) : acc != a)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size);
	int64_t v, w;

	if (strlen(s) == size && !money_parse(&v, s)) {
		if (v < 0 || v > MONEY_MAX)
			abort();
		check_form(v);
		/* the canonical text parses strictly only when it is s */
		if (!money_parse_canonical(&w, s) && w != v)
			abort();
		check_sum(v, v);
		check_sum(INT64_MAX - v, v + 1);
		check_sum(INT64_MIN + v, -v - 1);
		/* a third, and the rest: together, exactly v */
		if (money_mul_div(&w, v, 1, 3) || w < v / 3 || w > v / 3 + 1)
			abort();
		if (money_mul_div(&w, v, 3, 3) || w != v)
			abort();
	}
	/* any eight bytes as cents: the forms, and the sums */
	if (size >= 16) {
		int64_t a, b;

		memcpy(&a, data, sizeof(a));
		memcpy(&b, data + 8, sizeof(b));
		check_sum(a, b);
		if (a >= -MONEY_MAX && a <= MONEY_MAX) {
			char buf[MONEY_LEN];

			money_fmt(buf, a);
			if (a >= 0)
				check_form(a);
			else if (buf[0] != '-' || !money_canonical(buf + 1))
				abort();
		}
	}
	free(s);
	return 0;
}
