/* Unit tests: the rules for case IDs and names, new IDs, and case
 * directories in ID order. */
#include "docket/id.h"
#include "docket/util.h"
#include "unit.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned seq;

static unsigned
fixed(void)
{
	return seq++;
}

int
main(void)
{
	char *id;
	char long65[66];

	CHECK(id_check("smith-7k2p") == 0);
	CHECK(id_check("2026-0042") == 0);
	CHECK(id_check("a") == 0);
	CHECK(id_check("a.b_c-d") == 0);
	memset(long65, 'a', 64);
	long65[64] = '\0';
	CHECK(id_check(long65) == 0);
	long65[64] = 'a';
	long65[65] = '\0';
	CHECK(id_check(long65) < 0);
	CHECK(id_check("") < 0);
	CHECK(id_check("a/b") < 0);
	CHECK(id_check("../x") < 0);
	CHECK(id_check("a..b") < 0);
	CHECK(id_check(".hidden") < 0);
	CHECK(id_check("-rf") < 0);
	CHECK(id_check("has space") < 0);
	CHECK(id_check("Smith") < 0);
	CHECK(id_check("smith$") < 0);
	CHECK(id_check("caf\xc3\xa9") < 0);
	CHECK(name_check("sol", 32, "deadline name") == 0);
	CHECK(name_check("abcdefghijklmnopqrstuvwxyz0123456", 32, "x") < 0);
	CHECK(name_check("abc", 3, "x") == 0);
	CHECK(name_check("abcd", 3, "x") < 0);
	CHECK(name_check("a.", 8, "x") == 0);
	CHECK(name_check("0-_", 8, "x") == 0);
	CHECK(name_check("_a", 8, "x") < 0);
	CHECK(name_check("a.-.b", 8, "x") == 0);
	CHECK(name_check("a.b..", 8, "x") < 0);
	CHECK(name_check("ab\x7f", 8, "x") < 0);

	{	/* by ID, then by the whole directory; no '/' is all ID */
		struct strv dirs = STRV_INIT;
		const char *want[] = { "cases/2026/a-1", "a-2", "cases/2024/b-1",
			"cases/2025/b-1", "cases/2023/c-1" };

		strv_push(&dirs, "cases/2025/b-1");
		strv_push(&dirs, "cases/2023/c-1");
		strv_push(&dirs, "a-2");
		strv_push(&dirs, "cases/2024/b-1");
		strv_push(&dirs, "cases/2026/a-1");
		strv_sort_by_base(&dirs);
		CHECK_INT(dirs.n, 5);
		for (size_t i = 0; i < dirs.n; i++)
			CHECK_STR(dirs.v[i], want[i]);
		strv_free(&dirs);
	}

	{	/* the order strcmp gives, past the first 16 bytes too, for
		 * an ID that is another's start, and for bytes over 0x7f */
		struct strv dirs = STRV_INIT;
		const char *want[] = { "x/abcdefghijklmnop", "y/abcdefghijklmnop",
			"z/abcdefghijklmnop-1", "w/abcdefghijklmnopq",
			"v/abcdefghijklmnoz", "u/abcdefghijklmnozz", "a/b",
			"a/b-", "a/b\xc3" };

		for (size_t i = sizeof(want) / sizeof(*want); i-- > 0;)
			strv_push(&dirs, want[(i * 4) % 9]);
		strv_sort_by_base(&dirs);
		CHECK_INT(dirs.n, 9);
		for (size_t i = 0; i < dirs.n; i++)
			CHECK_STR(dirs.v[i], want[i]);
		strv_free(&dirs);
	}
	{	/* sb_addf: formatted once in the room there is, or twice */
		struct sb sb = SB_INIT;
		char big[300];

		memset(big, 'x', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		sb_addf(&sb, "%s-%d", "ab", 7);
		CHECK_STR(sb.buf, "ab-7");
		sb_addf(&sb, "[%s]", big);
		CHECK_INT(sb.len, 4 + 2 + 299);
		CHECK(sb.buf[4] == '[' && sb.buf[sb.len - 1] == ']');
		CHECK(sb.buf[sb.len] == '\0');
		sb_addrep(&sb, ' ', 3);
		CHECK_INT(sb.len, 308);
		CHECK_STR(sb.buf + 305, "   ");
		sb_free(&sb);
	}
	{	/* sb_addl: as "%ld", to the ends of a long */
		struct sb sb = SB_INIT;
		char want[128];

		sb_addl(&sb, 0);
		sb_addc(&sb, ' ');
		sb_addl(&sb, -1);
		sb_addc(&sb, ' ');
		sb_addl(&sb, 1234567);
		sb_addc(&sb, ' ');
		sb_addl(&sb, LONG_MAX);
		sb_addc(&sb, ' ');
		sb_addl(&sb, LONG_MIN);
		snprintf(want, sizeof(want), "0 -1 1234567 %ld %ld", LONG_MAX,
			 LONG_MIN);
		CHECK_STR(sb.buf, want);
		sb_free(&sb);
	}

	seq = 0;
	id = id_generate("John Smith", fixed);
	CHECK_STR(id, "smith-abcd");
	free(id);
	id = id_generate("Smith, John", fixed);
	CHECK_STR(id, "smith-efgh");
	free(id);
	id = id_generate("Jos\xc3\xa9 Garc\xc3\xad" "a", fixed);
	CHECK_STR(id, "garcia-ijkm");	/* no 'l': the alphabet avoids it */
	free(id);
	id = id_generate("Mary O'Brien-Smythe ", fixed);
	CHECK_STR(id, "obriensmythe-npqr");
	free(id);
	id = id_generate("\xe5\xbc\xa0\xe4\xbc\x9f", fixed);
	CHECK_STR(id, "case-stuv");
	free(id);
	id = id_generate("Bartholomew-Featherstonehaugh", fixed);
	CHECK_STR(id, "bartholomewfeatherst-wxyz");	/* 20 letters */
	free(id);
	/* a generated ID is always a valid one */
	{
		int bad = 0;

		for (int i = 0; i < 100; i++) {
			id = id_generate("Ann Lee", NULL);
			bad += id_check(id) != 0 || strlen(id) != strlen("lee-xxxx");
			free(id);
		}
		CHECK_INT(bad, 0);
	}
	return UNIT_DONE();
}
