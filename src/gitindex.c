/* gitindex.c - git's index file updated for a few paths (see gitindex.h).
 *
 * The format is git's Documentation/gitformat-index.txt: a 12-byte header
 * ("DIRC", version, entry count), the entries sorted by path then stage,
 * the extensions (4-byte signature, 4-byte size, data), and the SHA-1 of
 * all that.  Numbers are big-endian.
 */
#include "docket/gitindex.h"
#include "docket/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- SHA-1 (FIPS 180-4) ---- */

#define ROL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))

/* The schedule lives in a ring of 16 words; the rounds are unrolled in
 * fours of twenty, one function each, so there is no branch inside. */
#define W(i) (w[(i) & 15] = ROL(w[((i) + 13) & 15] ^ w[((i) + 8) & 15] ^ \
				w[((i) + 2) & 15] ^ w[(i) & 15], 1))
#define ROUND(a, b, c, d, e, f, k, wi) do { \
	e += ROL(a, 5) + (f) + (k) + (wi); \
	b = ROL(b, 30); \
} while (0)
#define F1(b, c, d) (d ^ (b & (c ^ d)))
#define F2(b, c, d) (b ^ c ^ d)
#define F3(b, c, d) ((b & c) | (d & (b | c)))
#define FIVE(f, k, i, wi) do { \
	ROUND(a, b, c, d, e, f(b, c, d), k, wi(i)); \
	ROUND(e, a, b, c, d, f(a, b, c), k, wi(i + 1)); \
	ROUND(d, e, a, b, c, f(e, a, b), k, wi(i + 2)); \
	ROUND(c, d, e, a, b, f(d, e, a), k, wi(i + 3)); \
	ROUND(b, c, d, e, a, f(c, d, e), k, wi(i + 4)); \
} while (0)
#define W0(i) w[i]

static void
sha1_block(uint32_t h[5], const unsigned char *p)
{
	uint32_t w[16], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];

	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	FIVE(F1, 0x5a827999, 0, W0);
	FIVE(F1, 0x5a827999, 5, W0);
	FIVE(F1, 0x5a827999, 10, W0);
	ROUND(a, b, c, d, e, F1(b, c, d), 0x5a827999, w[15]);
	ROUND(e, a, b, c, d, F1(a, b, c), 0x5a827999, W(16));
	ROUND(d, e, a, b, c, F1(e, a, b), 0x5a827999, W(17));
	ROUND(c, d, e, a, b, F1(d, e, a), 0x5a827999, W(18));
	ROUND(b, c, d, e, a, F1(c, d, e), 0x5a827999, W(19));
	FIVE(F2, 0x6ed9eba1, 20, W);
	FIVE(F2, 0x6ed9eba1, 25, W);
	FIVE(F2, 0x6ed9eba1, 30, W);
	FIVE(F2, 0x6ed9eba1, 35, W);
	FIVE(F3, 0x8f1bbcdc, 40, W);
	FIVE(F3, 0x8f1bbcdc, 45, W);
	FIVE(F3, 0x8f1bbcdc, 50, W);
	FIVE(F3, 0x8f1bbcdc, 55, W);
	FIVE(F2, 0xca62c1d6, 60, W);
	FIVE(F2, 0xca62c1d6, 65, W);
	FIVE(F2, 0xca62c1d6, 70, W);
	FIVE(F2, 0xca62c1d6, 75, W);
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
}

void
gitindex_sha1(unsigned char out[20], const void *data, size_t len)
{
	uint32_t h[5] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476,
			  0xc3d2e1f0 };
	const unsigned char *p = data;
	unsigned char tail[128];
	size_t full = len / 64 * 64, rest = len - full, tl;
	uint64_t bits = (uint64_t)len * 8;

	for (size_t i = 0; i < full; i += 64)
		sha1_block(h, p + i);
	memset(tail, 0, sizeof(tail));
	memcpy(tail, p + full, rest);
	tail[rest] = 0x80;
	tl = rest + 1 + 8 <= 64 ? 64 : 128;
	for (int i = 0; i < 8; i++)
		tail[tl - 1 - i] = (unsigned char)(bits >> (8 * i));
	for (size_t i = 0; i < tl; i += 64)
		sha1_block(h, tail + i);
	for (int i = 0; i < 5; i++) {
		out[4 * i] = (unsigned char)(h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(h[i] >> 8);
		out[4 * i + 3] = (unsigned char)h[i];
	}
}

/* ---- the index ---- */

#define HEADER 12
#define ENTRY_FIXED 62		/* the entry up to its path (v2 flags) */
#define OFF_MTIME_SEC 8
#define OFF_MODE 24
#define OFF_SIZE 36
#define OFF_FLAGS 60
#define F_EXTENDED 0x4000
#define NAME_MASK 0x0fff

static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* git's order: bytewise, a path before the longer paths it begins. */
static int
path_cmp(const char *a, size_t al, const char *b, size_t bl)
{
	int c = memcmp(a, b, al < bl ? al : bl);

	return c ? c : al < bl ? -1 : al > bl;
}

static int
change_cmp(const void *x, const void *y)
{
	const struct gitindex_path *a = x, *b = y;

	return path_cmp(a->path, strlen(a->path), b->path, strlen(b->path));
}

/* The on-disk entry git writes for a file just added. */
static void
add_entry(struct sb *out, const struct gitindex_path *c)
{
	unsigned char e[ENTRY_FIXED];
	size_t len = strlen(c->path), size = (ENTRY_FIXED + len + 8) & ~(size_t)7;
	uint32_t mode = S_ISLNK(c->st.st_mode) ? 0120000 :
			(c->st.st_mode & S_IXUSR) ? 0100755 : 0100644;

	put32(e + 0, (uint32_t)c->st.st_ctim.tv_sec);
	put32(e + 4, (uint32_t)c->st.st_ctim.tv_nsec);
	put32(e + 8, (uint32_t)c->st.st_mtim.tv_sec);
	put32(e + 12, (uint32_t)c->st.st_mtim.tv_nsec);
	put32(e + 16, (uint32_t)c->st.st_dev);
	put32(e + 20, (uint32_t)c->st.st_ino);
	put32(e + 24, mode);
	put32(e + 28, (uint32_t)c->st.st_uid);
	put32(e + 32, (uint32_t)c->st.st_gid);
	put32(e + 36, (uint32_t)c->st.st_size);
	memcpy(e + 40, c->oid, GITINDEX_OID_LEN);
	e[60] = (unsigned char)((len < NAME_MASK ? len : NAME_MASK) >> 8);
	e[61] = (unsigned char)(len < NAME_MASK ? len : NAME_MASK);
	sb_add(out, e, sizeof(e));
	sb_add(out, c->path, len);
	for (size_t i = ENTRY_FIXED + len; i < size; i++)
		sb_addc(out, '\0');
}

struct tree_ctx {
	const unsigned char *p, *end;
	const struct gitindex_path *ch;
	size_t n;
	struct sb out;
	char path[4096];
};

/* Does a changed path lie under the directory path[0..len)? */
static int
touched(const struct tree_ctx *t, size_t len)
{
	if (!len)
		return t->n > 0;
	for (size_t i = 0; i < t->n; i++)
		if (!strncmp(t->ch[i].path, t->path, len) && t->ch[i].path[len] == '/')
			return 1;
	return 0;
}

static int
number(const unsigned char **p, const unsigned char *end, char stop, long *out)
{
	const unsigned char *q = *p;
	int neg = 0;
	long v = 0;

	if (q < end && *q == '-') {
		neg = 1;
		q++;
	}
	if (q >= end || *q < '0' || *q > '9')
		return -1;
	while (q < end && *q >= '0' && *q <= '9') {
		v = v * 10 + (*q++ - '0');
		if (v > 100000000)
			return -1;
	}
	if (q >= end || *q != (unsigned char)stop)
		return -1;
	*p = q + 1;
	*out = neg ? -v : v;
	return 0;
}

/*
 * Copy one node of the cache tree and its subtrees, invalidating those
 * the changes lie under (entry count -1, no object name), as git does.
 * len: the length of the node's parent's path in t->path.
 */
static int
tree_node(struct tree_ctx *t, size_t len, int depth)
{
	const unsigned char *name = t->p, *nul;
	long count, subtrees;
	size_t nl, plen = len;

	if (depth > 1000)
		return -1;
	nul = memchr(name, '\0', (size_t)(t->end - name));
	if (!nul)
		return -1;
	nl = (size_t)(nul - name);
	t->p = nul + 1;
	if (number(&t->p, t->end, ' ', &count) < 0 || count < -1 ||
	    number(&t->p, t->end, '\n', &subtrees) < 0 || subtrees < 0)
		return -1;
	if (nl) {
		if (len + 1 + nl + 1 > sizeof(t->path))
			return -1;
		if (len)
			t->path[plen++] = '/';
		memcpy(t->path + plen, name, nl);
		plen += nl;
	}
	sb_add(&t->out, name, nl + 1);
	if (count >= 0) {
		if (t->end - t->p < GITINDEX_OID_LEN)
			return -1;
		if (touched(t, plen)) {
			sb_addf(&t->out, "-1 %ld\n", subtrees);
		} else {
			sb_addf(&t->out, "%ld %ld\n", count, subtrees);
			sb_add(&t->out, t->p, GITINDEX_OID_LEN);
		}
		t->p += GITINDEX_OID_LEN;
	} else {
		sb_addf(&t->out, "-1 %ld\n", subtrees);
	}
	for (long i = 0; i < subtrees; i++)
		if (tree_node(t, plen, depth + 1) < 0)
			return -1;
	return 0;
}

static int
read_all(int fd, struct sb *out, size_t size)
{
	out->len = 0;
	GROW(out->buf, out->cap, size + 1);
	while (out->len < size) {
		ssize_t n = read(fd, out->buf + out->len, size - out->len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (!n)
			return -EINVAL;	/* shorter than fstat said */
		out->len += (size_t)n;
	}
	out->buf[out->len] = '\0';
	return 0;
}

static int
write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Build the new index from the old in out; 0, NOT_HANDLED or -EINVAL. */
static int
rebuild(struct sb *out, const unsigned char *in, size_t size,
       struct gitindex_path *ch, size_t n, uint32_t racy_sec)
{
	const unsigned char *end = in + size - GITINDEX_OID_LEN, *p;
	uint32_t version, count, written = 0;
	const char *prev = NULL;
	size_t k = 0, prev_len = 0;
	unsigned prev_stage = 0;

	if (size < HEADER + GITINDEX_OID_LEN || memcmp(in, "DIRC", 4))
		return -EINVAL;
	version = get32(in + 4);
	count = get32(in + 8);
	if (version != 2 && version != 3)
		return GITINDEX_NOT_HANDLED;
	sb_add(out, in, HEADER);
	p = in + HEADER;
	for (uint32_t i = 0; i < count; i++) {
		size_t hdr = ENTRY_FIXED, nl, esize;
		const char *name;
		unsigned flags;
		int c = 1;

		if ((size_t)(end - p) < ENTRY_FIXED)
			return -EINVAL;
		flags = (unsigned)p[OFF_FLAGS] << 8 | p[OFF_FLAGS + 1];
		if (flags & F_EXTENDED) {
			if (version < 3)
				return -EINVAL;
			hdr += 2;
		}
		name = (const char *)p + hdr;
		if ((size_t)(end - p) < hdr + 1)
			return -EINVAL;
		nl = flags & NAME_MASK;
		if (nl == NAME_MASK) {
			const char *z = memchr(name, '\0',
					       (size_t)((const char *)end - name));

			if (!z)
				return -EINVAL;
			nl = (size_t)(z - name);
		}
		esize = (hdr + nl + 8) & ~(size_t)7;
		if ((size_t)(end - p) < esize || name[nl] != '\0')
			return -EINVAL;
		/* in git's order, or this is not an index to splice into */
		if (prev) {
			int o = path_cmp(prev, prev_len, name, nl);

			if (o > 0 || (!o && prev_stage >= ((flags >> 12) & 3)))
				return -EINVAL;
		}
		prev = name;
		prev_len = nl;
		prev_stage = (flags >> 12) & 3;
		/* the changes before this entry's path go in first */
		while (k < n && (c = path_cmp(ch[k].path, strlen(ch[k].path),
					      name, nl)) < 0) {
			if (!ch[k].remove) {
				add_entry(out, &ch[k]);
				written++;
			}
			k++;
		}
		if (k < n && c == 0) {
			/* replaced or removed: every stage of it */
			p += esize;
			continue;
		}
		sb_add(out, p, esize);
		written++;
		/* racily clean: git compares such an entry's content only
		 * while it is no older than the index; keep it so */
		if (get32(p + OFF_MTIME_SEC) >= racy_sec &&
		    (get32(p + OFF_MODE) & 0170000) != 0160000)
			put32((unsigned char *)out->buf + out->len - esize + OFF_SIZE, 0);
		p += esize;
	}
	for (; k < n; k++)
		if (!ch[k].remove) {
			add_entry(out, &ch[k]);
			written++;
		}
	put32((unsigned char *)out->buf + 8, written);

	while (p < end) {
		uint32_t esz;

		if (end - p < 8)
			return -EINVAL;
		esz = get32(p + 4);
		if ((size_t)(end - p) - 8 < esz)
			return -EINVAL;
		if (!memcmp(p, "TREE", 4)) {
			struct tree_ctx t;

			memset(&t, 0, sizeof(t));
			t.p = p + 8;
			t.end = p + 8 + esz;
			t.ch = ch;
			t.n = n;
			while (t.p < t.end)
				if (tree_node(&t, 0, 0) < 0) {
					sb_free(&t.out);
					return -EINVAL;
				}
			sb_add(out, "TREE\0\0\0\0", 8);
			put32((unsigned char *)out->buf + out->len - 4,
			      (uint32_t)t.out.len);
			sb_add(out, t.out.buf, t.out.len);
			sb_free(&t.out);
		} else if (!memcmp(p, "REUC", 4)) {
			sb_add(out, p, 8 + esz);
		} else if (p[0] < 'A' || p[0] > 'Z') {
			/* required (split index, sparse directories...) */
			return GITINDEX_NOT_HANDLED;
		}
		/* other optional extensions hold offsets or work-tree
		 * state that no longer holds: dropped */
		p += 8 + esz;
	}
	{
		unsigned char sum[GITINDEX_OID_LEN];

		gitindex_sha1(sum, out->buf, out->len);
		sb_add(out, sum, sizeof(sum));
	}
	return 0;
}

int
gitindex_update(const char *gitdir, struct gitindex_path *ch, size_t n)
{
	char *index = path_join(gitdir, "index");
	char *lock = path_join(gitdir, "index.lock");
	struct sb in = SB_INIT, out = SB_INIT;
	struct stat st;
	int fd = -1, lfd, r;

	if (n > 1)
		qsort(ch, n, sizeof(*ch), change_cmp);
	for (size_t i = 1; i < n; i++)
		if (!change_cmp(&ch[i - 1], &ch[i])) {
			r = -EINVAL;
			goto out_nolock;
		}
	lfd = open(lock, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (lfd < 0) {
		r = -errno;
		goto out_nolock;
	}
	fd = open(index, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		r = errno == ENOENT ? GITINDEX_NOT_HANDLED : -errno;
		goto out;
	}
	if (fstat(fd, &st) < 0) {
		r = -errno;
		goto out;
	}
	if ((r = read_all(fd, &in, (size_t)st.st_size)))
		goto out;
	if ((r = rebuild(&out, (const unsigned char *)in.buf, in.len, ch, n,
			(uint32_t)st.st_mtim.tv_sec)))
		goto out;
	/* the index keeps its permissions (owner-only, or group-shared) */
	if (fchmod(lfd, st.st_mode & 07777) < 0 ||
	    (r = write_all(lfd, out.buf, out.len)) ||
	    close(lfd) < 0) {
		r = r ? r : -errno;
		lfd = -1;
		goto out;
	}
	lfd = -1;
	if (rename(lock, index) < 0)
		r = -errno;
out:
	if (lfd >= 0)
		close(lfd);
	if (r)
		unlink(lock);
	if (fd >= 0)
		close(fd);
out_nolock:
	sb_free(&in);
	sb_free(&out);
	free(index);
	free(lock);
	return r;
}
