/* note.c - note files: name, write, list, read. */
#include "docket/note.h"
#include "docket/case.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/id.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
note_is_path(const char *path)
{
	const char *slash = strrchr(path, '/');
	struct note n;
	int ok;

	if (!has_prefix(path, CASES_DIR "/") || !slash ||
	    (size_t)(slash - path) < strlen("/" NOTES_DIR) ||
	    strncmp(slash - strlen("/" NOTES_DIR), "/" NOTES_DIR,
		    strlen("/" NOTES_DIR)))
		return 0;
	ok = note_parse_name(&n, slash + 1) == 0;
	note_clear(&n);
	return ok;
}

char *
note_case_dir(const char *path)
{
	const char *notes = strrchr(path, '/');

	while (notes > path && notes[-1] != '/')
		notes--;
	return xstrndup(path, notes > path ? (size_t)(notes - path - 1) : 0);
}

void
note_clear(struct note *n)
{
	free(n->name);
	free(n->kind);
	free(n->author);
	free(n->with);
	memset(n, 0, sizeof(*n));
}

void
note_copy(struct note *out, const struct note *n)
{
	*out = *n;
	out->name = n->name ? xstrdup(n->name) : NULL;
	out->kind = n->kind ? xstrdup(n->kind) : NULL;
	out->author = n->author ? xstrdup(n->author) : NULL;
	out->with = n->with ? xstrdup(n->with) : NULL;
}

char *
note_make_name(time_t t, int seq, const char *kind, const char *author,
	       const char *with)
{
	struct tm tm;
	char stamp[32], num[16] = "";

	gmtime_r(&t, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	if (seq > 1)
		snprintf(num, sizeof(num), ".%02d", seq);
	return xasprintf("%s%s-%s-%s%s%s.md", stamp, num, kind, author,
			 with ? "+" : "", with ? with : "");
}

int
note_with_client(const struct note *n)
{
	return !n->with || !strcmp(n->with, NOTE_WITH_CLIENT);
}

int
note_is_client_contact(const struct note *n)
{
	return word_in(contact_kinds, n->kind) && note_with_client(n);
}

int
note_answers_client(const struct note *n)
{
	return word_in(answer_kinds, n->kind) && note_with_client(n);
}

static int
num(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + s[i] - '0';
	}
	return v;
}

/* A copy of s[0..n) with its NUL at *at, which moves past it; or, with
 * no buffer, a new string. */
static char *
put(char **at, const char *s, size_t n)
{
	char *d;

	if (!*at)
		return xstrndup(s, n);
	d = *at;
	memcpy(d, s, n);
	d[n] = '\0';
	*at += n + 1;
	return d;
}

/* note_parse_name; the strings in buf (when not NULL) or allocated. */
static int
parse_name(struct note *out, const char *name, size_t len, char *buf)
{
	char *at = buf;
	const char *p, *dash, *plus, *stop;
	int y, mo, d, h, mi, s, seq = 1;
	long day;

	memset(out, 0, sizeof(*out));
	if (len < 16 + 6 || memcmp(name + len - 3, ".md", 3) || name[8] != 'T' ||
	    name[15] != 'Z' || memchr(name, '\0', len))
		return -1;
	if (buf)	/* parsed from here on: NUL-terminated */
		name = put(&at, name, len);
	y = num(name, 4), mo = num(name + 4, 2), d = num(name + 6, 2);
	h = num(name + 9, 2), mi = num(name + 11, 2), s = num(name + 13, 2);
	if (y < 0 || mo < 0 || d < 0 || h < 0 || h > 23 || mi < 0 || mi > 59 ||
	    s < 0 || s > 60 || date_from_ymd(&day, y, mo, d) < 0)
		return -1;
	stop = name + len - 3;
	p = name + 16;
	if (*p == '.') {
		char *end;
		long v = strtol(p + 1, &end, 10);

		if (end == p + 1 || v < 2 || v > 1000000)
			return -1;
		seq = (int)v;
		p = end;
	}
	if (*p != '-')
		return -1;
	p++;
	dash = strchr(p, '-');
	if (!dash || dash == p || dash + 1 >= stop)
		return -1;
	/* "-KIND-AUTHOR" and, when the note was with someone, "+WITH" */
	plus = memchr(dash + 1, '+', (size_t)(stop - dash - 1));
	out->kind = put(&at, p, (size_t)(dash - p));
	out->author = put(&at, dash + 1,
			  (size_t)((plus ? plus : stop) - dash - 1));
	if (plus)
		out->with = put(&at, plus + 1, (size_t)(stop - plus - 1));
	if (name_check(out->kind, NAME_MAX_LEN, "note kind") < 0 ||
	    name_check(out->author, NAME_MAX_LEN, "author") < 0 ||
	    (plus && name_check(out->with, NAME_MAX_LEN, "with") < 0)) {
		if (!buf)
			note_clear(out);
		memset(out, 0, sizeof(*out));
		return -1;
	}
	out->name = buf ? (char *)name : xstrndup(name, len);
	out->time = (time_t)day * 86400 + h * 3600 + mi * 60 + s;
	out->seq = seq;
	return buf ? (int)(at - buf) : 0;
}

int
note_parse_name(struct note *out, const char *name)
{
	return parse_name(out, name, strlen(name), NULL);
}

int
note_parse_name_in(struct note *out, const char *name, size_t len, char *buf)
{
	return parse_name(out, name, len, buf);
}

char *
note_label(const char *name)
{
	struct note n;
	char t[TIME_LOCAL_LEN];
	char *out;

	if (note_parse_name(&n, name) < 0)
		return xstrdup(name);
	out = xasprintf("the %s note of %s", n.kind, time_fmt_local(t, n.time));
	note_clear(&n);
	return out;
}

int
note_cmp(const struct note *a, const struct note *b)
{
	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	if (a->seq != b->seq)
		return a->seq < b->seq ? -1 : 1;
	return strcmp(a->name, b->name);
}

static int
note_qcmp(const void *a, const void *b)
{
	return note_cmp(a, b);
}

int
note_list(struct note **out, size_t *n, const char *root, const char *case_dir)
{
	char *dir = xasprintf("%s%s/%s", root, case_dir, NOTES_DIR);
	DIR *d = opendir(dir);
	struct dirent *e;
	struct note *v = NULL;
	size_t cap = 0, cnt = 0;

	free(dir);
	*out = NULL;
	*n = 0;
	if (!d)
		return errno == ENOENT ? 0 :
		       dk_errno(DK_EIO, errno, "cannot read %s/%s", case_dir,
				NOTES_DIR);
	while ((e = readdir(d))) {
		struct note nt;

		if (e->d_name[0] == '.' || note_parse_name(&nt, e->d_name) < 0)
			continue;
		GROW(v, cap, cnt + 1);
		v[cnt++] = nt;
	}
	closedir(d);
	if (cnt > 1)
		qsort(v, cnt, sizeof(*v), note_qcmp);
	*out = v;
	*n = cnt;
	return 0;
}

void
note_list_free(struct note *notes, size_t n)
{
	for (size_t i = 0; notes && i < n; i++)
		note_clear(&notes[i]);
	free(notes);
}

int
note_read(struct sb *out, const char *root, const char *case_dir,
	  const char *name)
{
	char *path = xasprintf("%s%s/%s/%s", root, case_dir, NOTES_DIR, name);
	int r = read_file(path, out);

	free(path);
	if (r < 0)
		return dk_errno(DK_EIO, dk_errnum(), "cannot read %s/%s/%s", case_dir,
				NOTES_DIR, name);
	return 0;
}

int
note_text_check(const char *text, size_t len)
{
	size_t bad;
	int blank = 1;

	if (len > NOTE_MAX_BYTES)
		return dk_err(DK_EINVAL, "the note is %zu bytes; a note holds at "
			      "most %d bytes", len, NOTE_MAX_BYTES);
	if (memchr(text, '\0', len))
		return dk_err(DK_EINVAL, "the note contains a NUL byte at byte %zu",
			      (size_t)((const char *)memchr(text, '\0', len) - text) + 1);
	if (!utf8_valid(text, len, &bad))
		return dk_err(DK_EINVAL, "the note is not valid UTF-8 (byte %zu)",
			      bad + 1);
	for (size_t i = 0; i < len && blank; i++)
		if (!isspace((unsigned char)text[i]))
			blank = 0;
	if (blank)
		return dk_err(DK_EINVAL, "empty note, nothing written");
	return 0;
}

/* 1 + the highest sequence number among dir's notes of second t. */
static int
next_seq(const char *root, const char *dir, time_t t)
{
	char *path = xasprintf("%s%s", root, dir);
	char *stamp = note_make_name(t, 1, "x", "x", NULL);
	DIR *d = opendir(path);
	struct dirent *e;
	int seq = 0;

	free(path);
	stamp[16] = '\0';	/* "YYYYMMDDTHHMMSSZ" */
	while (d && (e = readdir(d))) {
		struct note n;

		if (strncmp(e->d_name, stamp, 15) ||
		    note_parse_name(&n, e->d_name) < 0)
			continue;
		if (n.time == t && n.seq > seq)
			seq = n.seq;
		note_clear(&n);
	}
	if (d)
		closedir(d);
	free(stamp);
	return seq + 1;
}

int
note_new_path(char **path, const char *root, const char *case_dir, time_t t,
	      const char *kind, const char *author, const char *with)
{
	char *dir = xasprintf("%s/%s", case_dir, NOTES_DIR);
	char *name = NULL, *full = NULL;
	int r;

	*path = NULL;
	r = mkdirs(root, dir, dir_mode);
	if (r < 0) {
		r = dk_errno(DK_EIO, dk_errnum(), "cannot make %s", dir);
		goto out;
	}
	/* notes of the same second are numbered, so names sort in order */
	name = note_make_name(t, next_seq(root, dir, t), kind, author, with);
	full = xasprintf("%s%s/%s", root, dir, name);
	if (path_exists(full)) {
		r = dk_err(DK_EEXISTS, "note %s/%s exists already", dir, name);
		goto out;
	}
	*path = xasprintf("%s/%s", dir, name);
out:
	free(dir);
	free(name);
	free(full);
	return r;
}

int
note_write(const char *root, const char *path, const char *text, size_t len)
{
	char *full;
	int r = note_text_check(text, len);

	if (r)
		return r;
	full = path_join(root, path);
	r = write_file_atomic(full, text, len, file_mode);
	free(full);
	if (r < 0)
		return dk_errno(DK_EIO, dk_errnum(), "cannot write %s", path);
	return 0;
}
