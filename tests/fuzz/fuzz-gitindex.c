/*
 * libFuzzer target: git's index, as gitindex.c reads and splices it.
 *
 * The input is checked as it is (its checksum mostly wrong: it must be
 * refused), then with its checksum made right, so that the parser behind
 * the check is reached.
 * An index that passes the check is rebuilt with a few changed paths (one
 * added, one removed, the input's first path replaced) into a memory file;
 * the result must pass the check itself (a real checksum), hold every
 * other entry byte for byte in the same order, hold the changes, and come
 * back unchanged when rebuilt again with the same paths.  When the input's
 * last byte is odd, every entry is racily clean and looked at in a work
 * tree of two files (mtime 1000000000): an entry whose stat data match a
 * file and whose object does not may only have its size set to 0.
 */
#include "docket/gitindex.h"
#include "docket/util.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* never there: a racily clean entry's file is not found under it */
#define NOWHERE "/nonexistent-docket-fuzz/"
#define MTIME 1000000000

static char dir[] = "/tmp/fuzz-gitindex.XXXXXX";
static const char *names[] = { "docket.ini", "a" };

static void
worktree_remove(void)
{
	for (int i = 0; i < 2; i++) {
		char *f = xasprintf("%s/%s", dir, names[i]);

		unlink(f);
		free(f);
	}
	rmdir(dir);
}

/* A work tree of two files, made once: "docket.ini" and "a", "x\n" each. */
static const char *
worktree(void)
{
	static char *path;

	if (path)
		return path;
	if (!mkdtemp(dir))
		abort();
	atexit(worktree_remove);
	for (int i = 0; i < 2; i++) {
		char *f = xasprintf("%s/%s", dir, names[i]);
		struct timeval tv[2] = { { MTIME, 0 }, { MTIME, 0 } };
		int fd = open(f, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fd < 0 || write(fd, "x\n", 2) != 2 || close(fd) < 0 ||
		    utimes(f, tv) < 0)
			abort();
		free(f);
	}
	path = xasprintf("%s/", dir);
	return path;
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/*
 * The entries of an index that passed the check, walked independently of
 * gitindex.c (git's Documentation/gitformat-index.txt, versions 2 and 3).
 */
struct ent {
	const unsigned char *p;
	size_t size;
	const char *name;
	size_t nl;
};

static size_t
entries(const unsigned char *in, struct ent **out)
{
	uint32_t count = be32(in + 8), version = be32(in + 4);
	const unsigned char *p = in + 12;
	struct ent *e = xcalloc(count + 1, sizeof(*e));

	for (uint32_t i = 0; i < count; i++) {
		unsigned flags = (unsigned)p[60] << 8 | p[61];
		size_t hdr = 62 + ((flags & 0x4000) && version >= 3 ? 2 : 0);

		e[i].p = p;
		e[i].name = (const char *)p + hdr;
		e[i].nl = strlen(e[i].name);
		if ((flags & 0xfff) != 0xfff && (flags & 0xfff) != e[i].nl)
			abort();
		e[i].size = (hdr + e[i].nl + 8) & ~(size_t)7;
		p += e[i].size;
	}
	*out = e;
	return count;
}

static int
is(const struct ent *e, const char *path)
{
	return e->nl == strlen(path) && !memcmp(e->name, path, e->nl);
}

static int
changed(const struct ent *e, const struct gitindex_path *ch, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (is(e, ch[i].path))
			return 1;
	return 0;
}

static int
path_order(const void *x, const void *y)
{
	const struct gitindex_path *a = x, *b = y;

	return strcmp(a->path, b->path);
}

/* Rebuild in[0..size) with ch into fd; the result (malloc'd), or NULL. */
static unsigned char *
rebuild(int fd, const unsigned char *in, size_t size,
	const struct gitindex_path *ch, size_t n, int racy, size_t *len)
{
	unsigned char *out;
	off_t end;

	if (ftruncate(fd, 0) < 0 || lseek(fd, 0, SEEK_SET) < 0)
		abort();
	if (gitindex_rebuild(fd, in, size, ch, n, racy ? 0 : UINT32_MAX,
			     racy ? worktree() : NOWHERE))
		return NULL;
	end = lseek(fd, 0, SEEK_CUR);
	if (end < 0)
		abort();
	*len = (size_t)end;
	out = xmalloc(*len + 1);
	if (pread(fd, out, *len, 0) != (ssize_t)*len)
		abort();
	return out;
}

/* The data of the TREE extension of a checked index, or NULL. */
static const unsigned char *
oe_ext(const unsigned char *in, size_t size)
{
	struct ent *e;
	size_t n = entries(in, &e);
	const unsigned char *p = n ? e[n - 1].p + e[n - 1].size : in + 12;

	free(e);
	for (; p < in + size - GITINDEX_OID_LEN; p += 8 + be32(p + 4))
		if (!memcmp(p, "TREE", 4) && be32(p + 4))
			return p + 8;
	return NULL;
}

/* Entry b is entry a, or, in racy mode, a smudged: its size set to 0. */
static int
same_or_smudged(const struct ent *a, const struct ent *b, int racy)
{
	if (a->size != b->size)
		return 0;
	if (!memcmp(a->p, b->p, a->size))
		return 1;
	return racy && !memcmp(a->p, b->p, 36) && be32(b->p + 36) == 0 &&
	       be32(a->p + 36) != 0 &&
	       !memcmp(a->p + 40, b->p + 40, a->size - 40);
}

static void
changed_and_back(const unsigned char *in, size_t size, int racy)
{
	static int fd = -1;
	static const unsigned char zero[GITINDEX_OID_LEN];
	static const char *fixed[] = {
		"cases/2026/a1/notes/2026-11-22-note.md", "docket.ini",
	};
	struct gitindex_path ch[3];
	struct ent *ie = NULL, *oe = NULL;
	unsigned char *out, *again;
	size_t n = 0, ni, no, len, len2, i, o;
	char *first = NULL;

	if (fd < 0 && (fd = memfd_create("index.lock", 0)) < 0)
		abort();
	memset(ch, 0, sizeof(ch));
	ch[n].path = fixed[0];
	ch[n].st.st_mode = 0100644;
	ch[n].st.st_size = 17;
	memset(ch[n++].oid, 0xab, GITINDEX_OID_LEN);
	ch[n].path = fixed[1];
	ch[n++].remove = 1;
	ni = entries(in, &ie);
	if (ni && ie[0].nl && !is(&ie[0], fixed[0]) && !is(&ie[0], fixed[1])) {
		first = xstrndup(ie[0].name, ie[0].nl);
		ch[n].path = first;
		ch[n].st.st_mode = 0100755;
		memset(ch[n++].oid, 0xcd, GITINDEX_OID_LEN);
	}
	qsort(ch, n, sizeof(ch[0]), path_order);

	out = rebuild(fd, in, size, ch, n, racy, &len);
	if (!out)
		goto done;
	/* a whole index with a real checksum */
	if (gitindex_check(out, len) != 0)
		abort();
	if (!memcmp(out + len - GITINDEX_OID_LEN, zero, GITINDEX_OID_LEN))
		abort();
	/* the cache tree's root, if any, is invalid: paths changed */
	for (const unsigned char *x = oe_ext(out, len); x; x = NULL)
		if (!x[0] && memcmp(x, "\0-1 ", 4))
			abort();
	/* every other entry as it was, in order; the changes in */
	no = entries(out, &oe);
	for (i = 0, o = 0; i < ni || o < no;) {
		if (i < ni && changed(&ie[i], ch, n)) {
			i++;
		} else if (o < no && changed(&oe[o], ch, n)) {
			o++;
		} else {
			if (i >= ni || o >= no ||
			    !same_or_smudged(&ie[i], &oe[o], racy))
				abort();
			i++;
			o++;
		}
	}
	for (size_t k = 0; k < n; k++) {
		size_t hits = 0;

		for (o = 0; o < no; o++)
			if (is(&oe[o], ch[k].path)) {
				hits++;
				if (memcmp(oe[o].p + 40, ch[k].oid, GITINDEX_OID_LEN) ||
				    (oe[o].p[60] & 0x30))
					abort();
			}
		if (hits != !ch[k].remove)
			abort();
	}
	/* the same changes again change nothing */
	again = rebuild(fd, out, len, ch, n, racy, &len2);
	if (!again || len2 != len || memcmp(again, out, len))
		abort();
	free(again);
	free(out);
done:
	free(ie);
	free(oe);
	free(first);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned char zero[GITINDEX_OID_LEN];
	unsigned char *fixed, sum[GITINDEX_OID_LEN];
	int r;

	r = gitindex_check(data, size);
	if (r != 0 && r != GITINDEX_NOT_HANDLED && r != GITINDEX_CORRUPT &&
	    r != DK_EPARSE)
		abort();
	if (size < 12 + GITINDEX_OID_LEN)
		return 0;
	/* an index whose checksum is wrong (not all zero) is always refused */
	gitindex_sha1(sum, data, size - GITINDEX_OID_LEN);
	if (!memcmp(data, "DIRC", 4) &&
	    memcmp(data + size - GITINDEX_OID_LEN, zero, GITINDEX_OID_LEN) &&
	    memcmp(data + size - GITINDEX_OID_LEN, sum, GITINDEX_OID_LEN) &&
	    r != GITINDEX_CORRUPT)
		abort();
	/* the same bytes with a right checksum: the parser proper */
	fixed = xmalloc(size);
	memcpy(fixed, data, size);
	gitindex_sha1(fixed + size - GITINDEX_OID_LEN, fixed,
		      size - GITINDEX_OID_LEN);
	r = gitindex_check(fixed, size);
	if (r == GITINDEX_CORRUPT)
		abort();
	if (r == 0)
		changed_and_back(fixed, size, data[size - 1] & 1);
	free(fixed);
	return 0;
}
