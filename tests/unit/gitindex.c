/* Unit tests for gitindex.c's SHA-1 (the index's checksum). */
#include "docket/gitindex.h"
#include "unit.h"

#include <stdlib.h>
#include <string.h>

static const char *
hex(const void *data, size_t len)
{
	static char out[41];
	unsigned char sum[20];

	gitindex_sha1(sum, data, len);
	for (int i = 0; i < 20; i++)
		snprintf(out + 2 * i, 3, "%02x", sum[i]);
	return out;
}

int
main(void)
{
	char *big = malloc(1000000);

	/* FIPS 180 and RFC 3174 vectors, and the padding's edges */
	CHECK_STR(hex("", 0), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
	CHECK_STR(hex("abc", 3), "a9993e364706816aba3e25717850c26c9cd0d89d");
	CHECK_STR(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56),
		  "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
	CHECK_STR(hex("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 55),
		  "c1c8bbdc22796e28c0e15163d20899b65621d65a");
	CHECK_STR(hex("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 64),
		  "0098ba824b5c16427bd7a1122a5a442a25ec644d");
	memset(big, 'a', 1000000);
	CHECK_STR(hex(big, 1000000), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
	free(big);
	return UNIT_DONE();
}
