/*
 * Unit tests for gitindex.c: its SHA-1 (the index's checksum), and the
 * reading side: an index is taken only whole, with its checksum right (or
 * all zero, git's "not checksummed"), and a corrupt one is never rewritten.
 */
#include "docket/gitindex.h"
#include "unit.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

static void
put32(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/*
 * A version 2 index of the entries "a" and "b/c" (mode 100644, object
 * names 0x11... and 0x22...) and a cache tree of one valid root, with its
 * checksum; its length.
 */
static size_t
make_index(unsigned char *buf, unsigned version)
{
	static const char *paths[] = { "a", "b/c" };
	static const char tree[] = "\0" "2 1\n" "XXXXXXXXXXXXXXXXXXXX"
				   "b\0" "1 0\n" "YYYYYYYYYYYYYYYYYYYY";
	size_t n = 12;

	memset(buf, 0, 4096);
	memcpy(buf, "DIRC", 4);
	put32(buf + 4, version);
	put32(buf + 8, 2);
	for (int i = 0; i < 2; i++) {
		size_t len = strlen(paths[i]);

		put32(buf + n + 24, 0100644);
		memset(buf + n + 40, 0x11 * (i + 1), 20);
		buf[n + 61] = (unsigned char)len;
		memcpy(buf + n + 62, paths[i], len);
		n += (62 + len + 8) & ~(size_t)7;
	}
	memcpy(buf + n, "TREE", 4);
	put32(buf + n + 4, sizeof(tree) - 1);
	memcpy(buf + n + 8, tree, sizeof(tree) - 1);
	n += 8 + sizeof(tree) - 1;
	gitindex_sha1(buf + n, buf, n);
	return n + 20;
}

static int
write_file(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int ok = fd >= 0 && write(fd, data, len) == (ssize_t)len;

	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

/* The rebuilt index of buf (no changes), in out; its length, or -1. */
static long
rebuild(const unsigned char *buf, size_t len, const struct gitindex_path *ch,
	size_t n, unsigned char *out)
{
	FILE *f = tmpfile();
	long got;
	int r;

	if (!f)
		return -1;
	r = gitindex_rebuild(fileno(f), buf, len, ch, n, 0xffffffffu, "/nonexistent/");
	if (r) {
		fclose(f);
		return r;	/* a negative code */
	}
	got = (long)fread(out, 1, 4096, (rewind(f), f));
	fclose(f);
	return got;
}

int
main(void)
{
	char *big = malloc(1000000);
	unsigned char idx[4096], copy[4096], out[4096];
	char dir[] = "/tmp/gitindex-unit.XXXXXX", *index, *lock;
	struct gitindex_path add;
	size_t len;
	long got;

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

	/* a whole index; rebuilt unchanged, the same bytes */
	len = make_index(idx, 2);
	CHECK_INT(gitindex_check(idx, len), 0);
	CHECK_INT(rebuild(idx, len, NULL, 0, out), (long)len);
	CHECK(!memcmp(out, idx, len));

	/* any bit flipped: the header, an entry's stat data, its object
	 * name, its path, the cache tree, the checksum itself */
	{
		static const size_t at[] = { 5, 14, 52, 74, 140, 150 };

		for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
			size_t k = at[i] < len - 20 ? at[i] : len - 1;

			memcpy(copy, idx, len);
			copy[k] ^= 0x01;
			CHECK_INT(gitindex_check(copy, len), GITINDEX_CORRUPT);
			CHECK_INT(rebuild(copy, len, NULL, 0, out), GITINDEX_CORRUPT);
		}
		memcpy(copy, idx, len);
		copy[len - 1] ^= 0x80;
		CHECK_INT(gitindex_check(copy, len), GITINDEX_CORRUPT);
	}

	/* an all-zero checksum is git's "not checksummed" (index.skipHash):
	 * taken, even with a bit flipped, and written with a real one */
	memcpy(copy, idx, len);
	memset(copy + len - 20, 0, 20);
	CHECK_INT(gitindex_check(copy, len), 0);
	copy[52] ^= 0x01;
	CHECK_INT(gitindex_check(copy, len), 0);
	CHECK_INT(rebuild(copy, len, NULL, 0, out), (long)len);
	{
		unsigned char sum[20];

		gitindex_sha1(sum, out, len - 20);
		CHECK(!memcmp(sum, out + len - 20, 20));
	}

	/* the checksum is checked before the version: a corrupt version 4
	 * index (left to libgit2) is corrupt too; a right one is not handled */
	len = make_index(idx, 4);
	CHECK_INT(gitindex_check(idx, len), GITINDEX_NOT_HANDLED);
	idx[60] ^= 0x01;
	CHECK_INT(gitindex_check(idx, len), GITINDEX_CORRUPT);

	/* malformed (checksum right): too short, not DIRC, an entry past
	 * the end, out of order, a NUL in a path, a cache tree cut short */
	CHECK_INT(gitindex_check(idx, 31), DK_EPARSE);
	len = make_index(idx, 2);
	memcpy(copy, idx, len);
	copy[0] = 'X';
	gitindex_sha1(copy + len - 20, copy, len - 20);
	CHECK_INT(gitindex_check(copy, len), DK_EPARSE);
	memcpy(copy, idx, len);
	put32(copy + 8, 3);
	gitindex_sha1(copy + len - 20, copy, len - 20);
	CHECK_INT(gitindex_check(copy, len), DK_EPARSE);
	memcpy(copy, idx, len);
	copy[12 + 62] = 'z';	/* "z" before "b/c" */
	gitindex_sha1(copy + len - 20, copy, len - 20);
	CHECK_INT(gitindex_check(copy, len), DK_EPARSE);
	memcpy(copy, idx, len);
	copy[12 + 64 + 62 + 1] = '\0';	/* "b/c" -> "b\0c" */
	gitindex_sha1(copy + len - 20, copy, len - 20);
	CHECK_INT(gitindex_check(copy, len), DK_EPARSE);
	memcpy(copy, idx, len);
	copy[len - 20 - 22] = 'x';	/* the subtree's: "1 0\n" -> "1 x\n" */
	gitindex_sha1(copy + len - 20, copy, len - 20);
	CHECK_INT(gitindex_check(copy, len), DK_EPARSE);

	/* a path added: in order, the cache tree invalid along it, and
	 * unsorted paths refused */
	memset(&add, 0, sizeof(add));
	add.path = "b/a";
	add.st.st_mode = 0100644;
	memset(add.oid, 0x33, 20);
	got = rebuild(idx, len, &add, 1, out);
	CHECK_INT(gitindex_check(out, (size_t)got), 0);
	CHECK(memmem(out, (size_t)got, "\0-1 1\n", 6) != NULL);
	CHECK(memmem(out, (size_t)got, "b\0-1 0\n", 7) != NULL);
	{
		struct gitindex_path two[2];

		memset(two, 0, sizeof(two));
		two[0].path = "b";
		two[1].path = "a";
		two[0].remove = two[1].remove = 1;
		CHECK_INT(gitindex_rebuild(1, idx, len, two, 2, 0, "/"), DK_EPARSE);
	}

	/* the probe, on a real file: right, corrupt, missing */
	CHECK(mkdtemp(dir) != NULL);
	index = malloc(strlen(dir) + 16);
	lock = malloc(strlen(dir) + 16);
	sprintf(index, "%s/index", dir);
	sprintf(lock, "%s/index.lock", dir);
	CHECK_INT(gitindex_probe(dir), GITINDEX_NOT_HANDLED);
	CHECK_INT(write_file(index, idx, len), 0);
	CHECK_INT(gitindex_probe(dir), 0);
	idx[52] ^= 0x01;
	CHECK_INT(write_file(index, idx, len), 0);
	CHECK_INT(gitindex_probe(dir), GITINDEX_CORRUPT);
	CHECK(access(lock, F_OK) != 0);
	unlink(index);
	rmdir(dir);
	free(index);
	free(lock);
	return UNIT_DONE();
}
