/* util.c - memory, growable strings and vectors, files. */
#include "docket/util.h"
#include "docket/error.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

mode_t file_mode = 0600, dir_mode = 0700;

static void
oom(void)
{
	fputs("docket: out of memory\n", stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	struct sb sb = SB_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	return sb_detach(&sb);
}

void
grow(void **v, size_t *cap, size_t need, size_t elem)
{
	size_t n;

	if (need <= *cap)
		return;
	n = *cap ? *cap * 2 : 8;
	while (n < need)
		n *= 2;
	*v = xrealloc(*v, n * elem);
	*cap = n;
}

static void
sb_grow(struct sb *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;

	if (need > sb->cap) {
		size_t n = sb->cap ? sb->cap * 2 : 64;

		while (n < need)
			n *= 2;
		sb->buf = xrealloc(sb->buf, n);
		sb->cap = n;
	}
}

void
sb_add(struct sb *sb, const void *data, size_t len)
{
	sb_grow(sb, len);
	if (len)
		memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void
sb_adds(struct sb *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void
sb_addc(struct sb *sb, char c)
{
	sb_add(sb, &c, 1);
}

void
sb_addrep(struct sb *sb, char c, size_t n)
{
	sb_grow(sb, n);
	memset(sb->buf + sb->len, c, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void
sb_addl(struct sb *sb, long n)
{
	char d[24], *p = d + sizeof(d);
	unsigned long u = n < 0 ? 0UL - (unsigned long)n : (unsigned long)n;

	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (n < 0)
		*--p = '-';
	sb_add(sb, p, (size_t)(d + sizeof(d) - p));
}

void
sb_vaddf(struct sb *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	/* into the room there is, most often enough: formatted once */
	sb_grow(sb, 63);
	va_copy(cp, ap);
	n = vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, cp);
	va_end(cp);
	if (n < 0) {
		sb->buf[sb->len] = '\0';
		return;
	}
	if ((size_t)n >= sb->cap - sb->len) {
		sb_grow(sb, (size_t)n);
		vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	}
	sb->len += (size_t)n;
}

void
sb_addf(struct sb *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(sb, fmt, ap);
	va_end(ap);
}

void
sb_reset(struct sb *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

void
sb_free(struct sb *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

char *
sb_detach(struct sb *sb)
{
	char *p = sb->buf ? sb->buf : xstrdup("");

	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return p;
}

const char *
sb_str(const struct sb *sb)
{
	return sb->buf ? sb->buf : "";
}

void
strv_push_owned(struct strv *sv, char *s)
{
	GROW(sv->v, sv->cap, sv->n + 2);
	sv->v[sv->n++] = s;
	sv->v[sv->n] = NULL;
}

void
strv_push(struct strv *sv, const char *s)
{
	strv_push_owned(sv, xstrdup(s));
}

void
strv_free(struct strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
strv_sort(struct strv *sv)
{
	if (sv->n > 1)
		qsort(sv->v, sv->n, sizeof(*sv->v), cmp_str);
}

/* A base name's first 16 bytes, big-endian in two numbers (0 after its
 * end), order the bases as strcmp does; only a tie takes strcmp. */
struct keyed {
	uint64_t k[2];
	const char *base;
	char *s;
};

static int
cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c;

	for (int i = 0; i < 2; i++)
		if (x->k[i] != y->k[i])
			return x->k[i] < y->k[i] ? -1 : 1;
	c = strcmp(x->base, y->base);
	return c ? c : strcmp(x->s, y->s);
}

void
strv_sort_by_base(struct strv *sv)
{
	struct keyed *k;

	if (sv->n < 2)
		return;
	k = xcalloc(sv->n, sizeof(*k));
	for (size_t i = 0; i < sv->n; i++) {
		const char *slash = strrchr(sv->v[i], '/');
		const unsigned char *p;

		k[i].s = sv->v[i];
		k[i].base = slash ? slash + 1 : sv->v[i];
		p = (const unsigned char *)k[i].base;
		for (int j = 0; j < 16; j++) {
			k[i].k[j / 8] = k[i].k[j / 8] << 8 | *p;
			p += *p != '\0';
		}
	}
	qsort(k, sv->n, sizeof(*k), cmp_keyed);
	for (size_t i = 0; i < sv->n; i++)
		sv->v[i] = k[i].s;
	free(k);
}

int
strv_has(const struct strv *sv, const char *s)
{
	for (size_t i = 0; i < sv->n; i++)
		if (!strcmp(sv->v[i], s))
			return 1;
	return 0;
}

void
strv_split(struct strv *out, const char *s, char sep)
{
	while (s && *s) {
		const char *e = strchr(s, sep);
		size_t n = e ? (size_t)(e - s) : strlen(s);
		char *item = xstrndup(s, n);
		char *t = trim(item);

		if (*t)
			strv_push(out, t);
		free(item);
		s = e ? e + 1 : NULL;
	}
}

char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

int
has_prefix(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

int
streq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

int
utf8_valid(const char *buf, size_t len, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i];
		size_t n;
		unsigned min, cp;

		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			n = 1, min = 0x80, cp = c & 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			n = 2, min = 0x800, cp = c & 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			n = 3, min = 0x10000, cp = c & 0x07;
		} else {
			goto fail;
		}
		for (size_t k = 1; k <= n; k++) {
			if (i + k >= len || (s[i + k] & 0xc0) != 0x80)
				goto fail;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			goto fail;
		i += n + 1;
	}
	return 1;
fail:
	if (bad)
		*bad = i;
	return 0;
}

int
read_file(const char *path, struct sb *out)
{
	char buf[65536];
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	ssize_t n;

	if (fd < 0)
		return dk_syserr(errno == ENOENT ? DK_ENOTFOUND : DK_EIO, errno);
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			int e = errno;

			if (e == EINTR)
				continue;
			close(fd);
			return dk_syserr(DK_EIO, e);
		}
		sb_add(out, buf, (size_t)n);
	}
	close(fd);
	if (!out->buf)
		sb_add(out, "", 0);
	return 0;
}

/* 0, or the errno of the failure */
static int
fsync_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path) + 1)
			  : xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int r = 0;

	free(dir);
	if (fd < 0)
		return errno;
	if (fsync(fd) < 0 && errno != EINVAL)
		r = errno;
	close(fd);
	return r;
}

int
write_file_atomic(const char *path, const void *data, size_t len, mode_t mode)
{
	const char *slash = strrchr(path, '/');
	char *tmp;
	const char *p = data;
	int fd, e = 0;

	tmp = xasprintf("%.*s.%s.tmp%ld", slash ? (int)(slash - path + 1) : 0,
			path, slash ? slash + 1 : path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
		  mode);
	if (fd < 0) {
		e = errno;
		free(tmp);
		return dk_syserr(DK_EIO, e);
	}
	if (fchmod(fd, mode) < 0)
		e = errno;
	while (!e && len) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			e = errno;
			break;
		}
		p += n;
		len -= (size_t)n;
	}
	if (!e && fsync(fd) < 0)
		e = errno;
	if (close(fd) < 0 && !e)
		e = errno;
	if (!e && rename(tmp, path) < 0)
		e = errno;
	if (e)
		unlink(tmp);
	else
		e = fsync_dir_of(path);
	free(tmp);
	return e ? dk_syserr(DK_EIO, e) : 0;
}

int
mkdirs(const char *base, const char *rel, mode_t mode)
{
	char *p = path_join(base, rel);
	size_t start = strlen(p) - strlen(rel);
	int r = 0;

	for (char *s = p + start; ; s++) {
		if ((*s == '/' || *s == '\0') && s > p + start && s[-1] != '/') {
			char c = *s;

			*s = '\0';
			if (mkdir(p, mode) < 0 && errno != EEXIST) {
				r = dk_syserr(DK_EIO, errno);
				break;
			}
			if (!is_dir(p)) {
				r = dk_syserr(DK_EIO, ENOTDIR);
				break;
			}
			*s = c;
		}
		if (!*s)
			break;
	}
	free(p);
	return r;
}

int
path_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

int
is_dir(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *
path_join(const char *a, const char *b)
{
	size_t n = strlen(a);

	if (!n)
		return xstrdup(b);
	return xasprintf("%s%s%s", a, a[n - 1] == '/' ? "" : "/", b);
}

/* Levenshtein distance, for "did you mean" */
size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *row = xcalloc(lb + 1, sizeof(*row)), d;

	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t prev = row[0];

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cur = row[j];
			size_t sub = prev + (a[i - 1] != b[j - 1]);
			size_t best = row[j] + 1 < row[j - 1] + 1 ?
				      row[j] + 1 : row[j - 1] + 1;

			row[j] = sub < best ? sub : best;
			prev = cur;
		}
	}
	d = row[lb];
	free(row);
	return d;
}

int
word_in(const char *const *list, const char *w)
{
	for (; *list; list++)
		if (!strcmp(*list, w))
			return 1;
	return 0;
}

const char *
word_find(const char *const *list, const char *w)
{
	for (; *list; list++)
		if (!strcasecmp(*list, w))
			return *list;
	return NULL;
}

const char *
word_nearest(const char *const *list, const char *w)
{
	const char *best = NULL;
	size_t bd = 3;

	for (; *list; list++) {
		size_t d = edit_distance(w, *list);

		if (d < bd) {
			bd = d;
			best = *list;
		}
	}
	return best;
}

char *
str_lower(const char *s)
{
	char *out = xstrdup(s);

	for (char *p = out; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return out;
}

char *
list_join(const char *const *list)
{
	struct sb sb = SB_INIT;

	for (; *list; list++)
		sb_addf(&sb, "%s%s", sb.len ? ", " : "", *list);
	return sb_detach(&sb);
}
