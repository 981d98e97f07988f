/* gitindex.c - git's index file updated for a few paths (see gitindex.h).
 *
 * The format is git's Documentation/gitformat-index.txt: a 12-byte header
 * ("DIRC", version, entry count), the entries sorted by path then stage,
 * the extensions (4-byte signature, 4-byte size, data), and the SHA-1 of
 * all that.  Numbers are big-endian.
 */
#include "docket/gitindex.h"
#include "docket/error.h"
#include "docket/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/evp.h>
#include <sys/mman.h>
#include <unistd.h>

/*
 * Inside this file a step returns 0, NOT_HANDLED, CORRUPT, -EINVAL (the
 * index does not parse) or another -errno; the public functions turn
 * that into docket's codes (public_code), keeping the errno.
 */
#define NOT_HANDLED 1
#define CORRUPT (-EBADMSG)

static int
public_code(int r)
{
	if (r == 0)
		return 0;
	if (r == NOT_HANDLED)
		return DK_EUNSUPPORTED;
	if (r == CORRUPT)
		return dk_syserr(DK_ECORRUPT, EBADMSG);
	if (r == -EINVAL)
		return dk_syserr(DK_EPARSE, EINVAL);
	return dk_syserr(DK_EIO, r < 0 ? -r : r);
}

/* ---- SHA-1, from libcrypto (OpenSSL), which libgit2 already loads ---- */

struct sha1 {
	EVP_MD_CTX *ctx;
};

static void
sha1_init(struct sha1 *c)
{
	c->ctx = EVP_MD_CTX_new();
	if (!c->ctx || !EVP_DigestInit_ex(c->ctx, EVP_sha1(), NULL)) {
		fputs("docket: libcrypto has no SHA-1\n", stderr);
		abort();
	}
}

static void
sha1_update(struct sha1 *c, const void *data, size_t len)
{
	EVP_DigestUpdate(c->ctx, data, len);
}

static void
sha1_final(struct sha1 *c, unsigned char out[20])
{
	EVP_DigestFinal_ex(c->ctx, out, NULL);
	EVP_MD_CTX_free(c->ctx);
	c->ctx = NULL;
}

static void
sha1_free(struct sha1 *c)
{
	EVP_MD_CTX_free(c->ctx);
	c->ctx = NULL;
}

void
gitindex_sha1(unsigned char out[20], const void *data, size_t len)
{
	struct sha1 c;

	sha1_init(&c);
	sha1_update(&c, data, len);
	sha1_final(&c, out);
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

/*
 * The new index goes out through a small buffer, hashed on the way; runs
 * of unchanged entries go straight from the old index (mapped) to the
 * file.  A dry writer only counts, to size the cache tree extension.
 */
struct writer {
	int fd;
	int dry;
	int err;		/* the first -errno */
	size_t total;
	struct sha1 sha;
	unsigned char buf[65536];
	size_t n;
};

/* Write len bytes at p straight to the file, or note the first error. */
static void
w_write(struct writer *w, const unsigned char *p, size_t len)
{
	while (len && !w->err) {
		ssize_t k = write(w->fd, p, len);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			w->err = -errno;
		else {
			p += k;
			len -= (size_t)k;
		}
	}
}

static void
w_flush(struct writer *w)
{
	size_t len = w->n;

	w->n = 0;
	w_write(w, w->buf, len);
}

static void
w_add(struct writer *w, const void *data, size_t len)
{
	w->total += len;
	if (w->dry)
		return;
	sha1_update(&w->sha, data, len);
	if (len > sizeof(w->buf) / 2) {
		w_flush(w);
		w_write(w, data, len);
		return;
	}
	if (w->n + len > sizeof(w->buf))
		w_flush(w);
	memcpy(w->buf + w->n, data, len);
	w->n += len;
}

/* A count of the cache tree (>= 0), then end. */
static void
w_num(struct writer *w, long v, char end)
{
	char buf[32];
	size_t i = sizeof(buf);

	buf[--i] = end;
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v && i > 0);
	w_add(w, buf + i, sizeof(buf) - i);
}

/* The on-disk entry git writes for a file just added. */
static void
add_entry(struct writer *w, const struct gitindex_path *c)
{
	static const unsigned char zeros[8];
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
	w_add(w, e, sizeof(e));
	w_add(w, c->path, len);
	w_add(w, zeros, size - ENTRY_FIXED - len);
}

struct tree_ctx {
	const unsigned char *p, *end;
	const struct gitindex_path *ch;
	size_t n;
	struct writer *w;
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
	w_add(t->w, name, nl + 1);
	if (count >= 0 && t->end - t->p < GITINDEX_OID_LEN)
		return -1;
	if (count >= 0 && !touched(t, plen)) {
		w_num(t->w, count, ' ');
		w_num(t->w, subtrees, '\n');
		w_add(t->w, t->p, GITINDEX_OID_LEN);
	} else {
		w_add(t->w, "-1 ", 3);
		w_num(t->w, subtrees, '\n');
	}
	if (count >= 0)
		t->p += GITINDEX_OID_LEN;
	for (long i = 0; i < subtrees; i++)
		if (tree_node(t, plen, depth + 1) < 0)
			return -1;
	return 0;
}

/* The cache tree extension, through w; -1 when it does not parse. */
static int
tree_ext(struct writer *w, const unsigned char *data, uint32_t size,
	 const struct gitindex_path *ch, size_t n)
{
	struct writer dry;
	struct tree_ctx t;
	unsigned char hdr[8];

	memset(&t, 0, sizeof(t));
	memset(&dry, 0, sizeof(dry));
	dry.dry = 1;
	t.ch = ch;
	t.n = n;
	for (int pass = 0; pass < 2; pass++) {
		t.w = pass ? w : &dry;
		t.p = data;
		t.end = data + size;
		if (pass) {
			memcpy(hdr, "TREE", 4);
			put32(hdr + 4, (uint32_t)dry.total);
			w_add(w, hdr, sizeof(hdr));
		}
		while (t.p < t.end)
			if (tree_node(&t, 0, 0) < 0)
				return -1;
	}
	return 0;
}

/* One entry of the old index. */
struct entry {
	const unsigned char *p;
	size_t size;
	const char *name;
	size_t nl;
};

/* The entry at p, checked against the end of the entries. */
static int
entry_at(struct entry *e, const unsigned char *p, const unsigned char *end,
	 uint32_t version)
{
	size_t hdr = ENTRY_FIXED;
	unsigned flags;

	if ((size_t)(end - p) < ENTRY_FIXED + 2)
		return -EINVAL;
	flags = (unsigned)p[OFF_FLAGS] << 8 | p[OFF_FLAGS + 1];
	if (flags & F_EXTENDED) {
		if (version < 3)
			return -EINVAL;
		hdr += 2;
	}
	e->p = p;
	e->name = (const char *)p + hdr;
	e->nl = flags & NAME_MASK;
	if (e->nl == NAME_MASK) {
		const char *z = memchr(e->name, '\0',
				       (size_t)((const char *)end - e->name));

		if (!z)
			return -EINVAL;
		e->nl = (size_t)(z - e->name);
	}
	e->size = (hdr + e->nl + 8) & ~(size_t)7;
	/* a path holds no NUL and ends in one */
	if ((size_t)(end - p) < e->size || e->name[e->nl] != '\0' ||
	    memchr(e->name, '\0', e->nl))
		return -EINVAL;
	return 0;
}

static unsigned
stage_of(const struct entry *e)
{
	return (e->p[OFF_FLAGS] >> 4) & 3;
}

/*
 * The first pass: check the entries (in bounds, in git's order) and count
 * what the new index holds.  *ext: where the extensions start.
 */
static int
scan(const unsigned char *in, const unsigned char *end, uint32_t version,
     uint32_t count, const struct gitindex_path *ch, size_t n,
     uint32_t *written, const unsigned char **ext)
{
	const unsigned char *p = in + HEADER;
	struct entry e, prev;
	size_t k = 0;
	uint32_t out = 0;

	for (uint32_t i = 0; i < count; i++) {
		int c = 1, r = entry_at(&e, p, end, version);

		if (r)
			return r;
		if (i) {
			int o = path_cmp(prev.name, prev.nl, e.name, e.nl);

			if (o > 0 || (!o && stage_of(&prev) >= stage_of(&e)))
				return -EINVAL;
		}
		prev = e;
		while (k < n && (c = path_cmp(ch[k].path, strlen(ch[k].path),
					      e.name, e.nl)) < 0)
			out += !ch[k++].remove;
		if (k >= n || c)
			out++;
		p += e.size;
	}
	for (; k < n; k++)
		out += !ch[k].remove;
	*written = out;
	*ext = p;
	return 0;
}

/*
 * Does the trailing checksum match?  Git (2.40 and later, index.skipHash)
 * may write an all-zero one, meaning "not checksummed": git accepts that,
 * and so does this.  A corrupt index is refused, never rewritten: its new
 * checksum would hide the corruption from git fsck.
 */
static int
checksum_ok(const unsigned char *in, size_t size)
{
	static const unsigned char zero[GITINDEX_OID_LEN];
	const unsigned char *trailer = in + size - GITINDEX_OID_LEN;
	unsigned char sum[GITINDEX_OID_LEN];

	if (!memcmp(trailer, zero, GITINDEX_OID_LEN))
		return 1;
	gitindex_sha1(sum, in, size - GITINDEX_OID_LEN);
	return !memcmp(sum, trailer, GITINDEX_OID_LEN);
}

/*
 * Is this an index we update?  Its checksum right (whatever its version:
 * git's own check), then versions 2 and 3 without a required extension
 * (a split index's "link", a sparse index's "sdir": then the entries are
 * not all here).  The extensions are found by the entries' sizes alone,
 * before their order is checked.  0, NOT_HANDLED, CORRUPT
 * or -EINVAL.
 */
static int
index_kind(const unsigned char *in, size_t size, uint32_t *version,
	   uint32_t *count)
{
	const unsigned char *end = in + size - GITINDEX_OID_LEN, *p;

	if (size < HEADER + GITINDEX_OID_LEN || memcmp(in, "DIRC", 4))
		return -EINVAL;
	if (!checksum_ok(in, size))
		return CORRUPT;
	*version = get32(in + 4);
	*count = get32(in + 8);
	if (*version != 2 && *version != 3)
		return NOT_HANDLED;
	p = in + HEADER;
	for (uint32_t i = 0; i < *count; i++) {
		struct entry e;

		if (entry_at(&e, p, end, *version) < 0)
			return -EINVAL;
		p += e.size;
	}
	while (p < end) {
		uint32_t esz;

		if (end - p < 8)
			return -EINVAL;
		esz = get32(p + 4);
		if ((size_t)(end - p) - 8 < esz)
			return -EINVAL;
		if (p[0] < 'A' || p[0] > 'Z')
			return NOT_HANDLED;
		p += 8 + esz;
	}
	return 0;
}

static int rebuild(struct writer *w, const unsigned char *in, size_t size,
		   const struct gitindex_path *ch, size_t n, uint32_t racy_sec,
		   const char *workdir);

static int
check(const void *buf, size_t size)
{
	const unsigned char *in = buf, *end = in + size - GITINDEX_OID_LEN, *p;
	uint32_t version, count, written;
	struct writer dry;
	int r;

	if ((r = index_kind(in, size, &version, &count)))
		return r;
	if ((r = scan(in, end, version, count, NULL, 0, &written, &p)))
		return r;
	memset(&dry, 0, sizeof(dry));
	dry.dry = 1;
	for (; p < end; p += 8 + get32(p + 4))
		if (!memcmp(p, "TREE", 4) &&
		    tree_ext(&dry, p + 8, get32(p + 4), NULL, 0) < 0)
			return -EINVAL;
	return 0;
}

int
gitindex_check(const void *buf, size_t size)
{
	return public_code(check(buf, size));
}

static int
rebuild_to(int fd, const void *buf, size_t size,
	   const struct gitindex_path *paths, size_t n, uint32_t racy_sec,
	   const char *workdir)
{
	struct writer *w = xcalloc(1, sizeof(*w));
	int r;

	for (size_t i = 1; i < n; i++)
		if (change_cmp(&paths[i - 1], &paths[i]) >= 0) {
			free(w);
			return -EINVAL;
		}
	w->fd = fd;
	sha1_init(&w->sha);
	r = rebuild(w, buf, size, paths, n, racy_sec, workdir);
	sha1_free(&w->sha);
	free(w);
	return r;
}

int
gitindex_rebuild(int fd, const void *buf, size_t size,
		 const struct gitindex_path *paths, size_t n,
		 uint32_t racy_sec, const char *workdir)
{
	return public_code(rebuild_to(fd, buf, size, paths, n, racy_sec,
				      workdir));
}

/* The blob id of what is at path now (st: its lstat): 0, or -1. */
static int
blob_id(const char *path, const struct stat *st, unsigned char oid[20])
{
	struct sha1 sha;
	struct sb body = SB_INIT;
	char hdr[32];
	int r = 0;

	if (S_ISLNK(st->st_mode)) {
		char *t = xmalloc((size_t)st->st_size + 1);
		ssize_t k = readlink(path, t, (size_t)st->st_size + 1);

		if (k >= 0)
			sb_add(&body, t, (size_t)k);
		else
			r = -1;
		free(t);
	} else if (read_file(path, &body) < 0) {
		r = -1;
	}
	if (!r) {
		int hl = snprintf(hdr, sizeof(hdr), "blob %zu", body.len) + 1;

		sha1_init(&sha);
		sha1_update(&sha, hdr, (size_t)hl);
		sha1_update(&sha, body.buf, body.len);
		sha1_final(&sha, oid);
	}
	sb_free(&body);
	return r;
}

/*
 * A racily clean entry (no older than the index) must be smudged only if
 * its file changed without its stat data showing it, as git's own writer
 * does (ce_smudge_racily_clean_entry): when the stat data differ, git
 * looks at the content anyway; when they match, compare the content.
 */
static int
racily_changed(const char *workdir, const struct entry *e)
{
	char *path = xasprintf("%s%.*s", workdir, (int)e->nl, e->name);
	const unsigned char *p = e->p;
	unsigned char oid[GITINDEX_OID_LEN];
	struct stat st;
	int changed = 0;

	/* what git always compares: the mtime's seconds and the size (it
	 * may be built without nanoseconds, and told to ignore the rest) */
	if (lstat(path, &st) == 0 &&
	    get32(p + OFF_MTIME_SEC) == (uint32_t)st.st_mtim.tv_sec &&
	    get32(p + OFF_SIZE) == (uint32_t)st.st_size)
		changed = blob_id(path, &st, oid) < 0 ||
			  memcmp(oid, p + 40, GITINDEX_OID_LEN) != 0;
	free(path);
	return changed;
}

/* Write the new index to w; 0, NOT_HANDLED, CORRUPT,
 * -EINVAL, or the first write's -errno. */
static int
rebuild(struct writer *w, const unsigned char *in, size_t size,
	const struct gitindex_path *ch, size_t n, uint32_t racy_sec,
	const char *workdir)
{
	const unsigned char *end = in + size - GITINDEX_OID_LEN, *p, *run, *ext;
	unsigned char hdr[HEADER], sum[GITINDEX_OID_LEN];
	uint32_t version, count, written;
	size_t k = 0;
	int r;

	if ((r = index_kind(in, size, &version, &count)))
		return r;
	if ((r = scan(in, end, version, count, ch, n, &written, &ext)))
		return r;

	memcpy(hdr, in, HEADER);
	put32(hdr + 8, written);
	w_add(w, hdr, HEADER);
	p = run = in + HEADER;
	for (uint32_t i = 0; i < count; i++) {
		struct entry e;
		int c = 1;

		entry_at(&e, p, end, version);
		while (k < n && (c = path_cmp(ch[k].path, strlen(ch[k].path),
					      e.name, e.nl)) < 0) {
			w_add(w, run, (size_t)(p - run));
			run = p;
			if (!ch[k].remove)
				add_entry(w, &ch[k]);
			k++;
		}
		if (k < n && c == 0) {
			/* replaced or removed: every stage of it */
			w_add(w, run, (size_t)(p - run));
			run = p + e.size;
		} else if (get32(p + OFF_MTIME_SEC) >= racy_sec &&
			   (get32(p + OFF_MODE) & 0170000) != 0160000 &&
			   get32(p + OFF_SIZE) != 0 &&
			   racily_changed(workdir, &e)) {
			/*
			 * Racily clean: git compares such an entry's content
			 * only while it is no older than the index; smudged,
			 * it always does, as git's own writer leaves it.
			 */
			unsigned char copy[ENTRY_FIXED];

			w_add(w, run, (size_t)(p - run));
			memcpy(copy, p, ENTRY_FIXED);
			put32(copy + OFF_SIZE, 0);
			w_add(w, copy, ENTRY_FIXED);
			w_add(w, p + ENTRY_FIXED, e.size - ENTRY_FIXED);
			run = p + e.size;
		}
		p += e.size;
	}
	w_add(w, run, (size_t)(p - run));
	for (; k < n; k++)
		if (!ch[k].remove)
			add_entry(w, &ch[k]);

	while (p < end) {
		uint32_t esz = get32(p + 4);

		if (!memcmp(p, "TREE", 4)) {
			if (tree_ext(w, p + 8, esz, ch, n) < 0)
				return -EINVAL;
		} else if (!memcmp(p, "REUC", 4)) {
			w_add(w, p, 8 + esz);
		}
		/* other optional extensions hold offsets or work-tree
		 * state that no longer holds: dropped, as git drops those
		 * it does not know */
		p += 8 + esz;
	}
	/* the checksum, of all the rest */
	sha1_final(&w->sha, sum);
	if (w->n + sizeof(sum) > sizeof(w->buf))
		w_flush(w);
	memcpy(w->buf + w->n, sum, sizeof(sum));
	w->n += sizeof(sum);
	w_flush(w);
	return w->err;
}

static int
probe(const char *gitdir)
{
	char *index = path_join(gitdir, "index");
	int fd = open(index, O_RDONLY | O_CLOEXEC), r;
	uint32_t version, count;
	struct stat st;
	void *map;

	free(index);
	if (fd < 0)
		return errno == ENOENT ? NOT_HANDLED : -errno;
	if (fstat(fd, &st) < 0 || st.st_size < HEADER + GITINDEX_OID_LEN) {
		r = fstat(fd, &st) < 0 ? -errno : -EINVAL;
		close(fd);
		return r;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return -errno;
	r = index_kind(map, (size_t)st.st_size, &version, &count);
	munmap(map, (size_t)st.st_size);
	return r;
}

int
gitindex_probe(const char *gitdir)
{
	return public_code(probe(gitdir));
}

int
gitindex_write(int lfd, const char *gitdir, const char *workdir,
	       struct gitindex_path *ch, size_t n)
{
	char *index = path_join(gitdir, "index");
	void *map = MAP_FAILED;
	struct stat st;
	int fd = -1, r;

	if (n > 1)
		qsort(ch, n, sizeof(*ch), change_cmp);
	fd = open(index, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		r = errno == ENOENT ? NOT_HANDLED : -errno;
		goto out;
	}
	if (fstat(fd, &st) < 0) {
		r = -errno;
		goto out;
	}
	if (st.st_size < HEADER + GITINDEX_OID_LEN) {
		r = -EINVAL;
		goto out;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED) {
		r = -errno;
		goto out;
	}
	/* the index keeps its permissions (owner-only, or group-shared) */
	if (fchmod(lfd, st.st_mode & 07777) < 0) {
		r = -errno;
		goto out;
	}
	r = rebuild_to(lfd, map, (size_t)st.st_size, ch, n,
		       (uint32_t)st.st_mtim.tv_sec, workdir);
out:
	if (map != MAP_FAILED)
		munmap(map, (size_t)st.st_size);
	if (fd >= 0)
		close(fd);
	free(index);
	return public_code(r);
}
