/* status.c - the status cache, .git/docket/status (see status.h). */
#include "docket/status.h"
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/note.h"
#include "docket/util.h"
#include "docket/workup.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "status-file.h"

static struct status {
	int begun;
	char *path, *root, *firm_file, *version;
	struct fst firm;	/* docket.ini's when begun */
	int opened;		/* the old file was looked at */
	FILE *in;		/* the old file, while it reads well */
	char *inbuf;		/* its buffer */
	int infd;		/* the same, to copy frames from */
	time_t in_mtime;	/* when it was written: the racy line */
	long in_pos;		/* where it is read */
	long in_start, clean_end;	/* the entries copied as they were */
	struct entry old;	/* its next entry; old.dir NULL at its end */
	struct entry cur;	/* the case given last */
	int has_cur;
	int notes_checked;	/* its notes are known good */
	int out;		/* the new file, once something changed */
	struct sb obuf;		/* what is to be written to it */
	struct sb enc;		/* an entry encoded */
	int lockfd, nowrite;
	int views;		/* status_views: 1 the view will do, 2 the
				 * view and the workup */
	struct pstat pf;	/* the case given last, as prefetched */
	int pf_notes;		/* pf.notes is its notes/'s */
	char *tmp;
	struct sb buf;
	struct strv ahead;	/* status_ahead's listing, until taken */
	int ahead_on, ahead_notes;
	int some;		/* status_some: the cases asked for are some */
} S = { .infd = -1, .lockfd = -1, .out = -1 };

#define IN_BUF (1u << 16)

/* git's racy rule: what changed in the second the cache was written (or
 * after) may have changed again unseen; it is read from the file. */
static int
fst_trusted(const struct fst *f)
{
	return f->mtime < (int64_t)S.in_mtime && f->ctime < (int64_t)S.in_mtime;
}

/* ---- the old file ---- */


static void
close_in(void)
{
	if (S.in)
		fclose(S.in);
	S.in = NULL;
	free(S.inbuf);
	S.inbuf = NULL;
}

/* The next frame of the old file into out: 0, 1 at its end, -1 when it
 * is cut short or bad (and the old file is read no further). */
static int
read_frame(struct sb *out, uint64_t *hash, long *off)
{
	unsigned char h[FRAME_HEAD];
	size_t got;
	uint32_t size;

	if (!S.in)
		return 1;
	*off = S.in_pos;
	got = fread(h, 1, sizeof(h), S.in);
	if (got == 0 && feof(S.in)) {
		close_in();
		return 1;
	}
	size = got == sizeof(h) ? stf_le32(h) : 0;
	sb_reset(out);
	if (got != sizeof(h) || size > FRAME_MAX)
		goto bad;
	GROW(out->buf, out->cap, (size_t)size + 1);
	if (fread(out->buf, 1, size, S.in) != size)
		goto bad;
	out->len = size;
	out->buf[size] = '\0';
	S.in_pos += FRAME_HEAD + (long)size;
	*hash = stf_le64(h + 4);
	if (stf_hash(out->buf, size) != *hash)
		goto bad;
	return 0;
bad:
	close_in();
	sb_reset(out);
	return -1;
}

/* Read the old file's next entry into S.old (its dir only). */
static void
read_old(void)
{
	struct rd r;
	const char *d;
	size_t n;

	stf_entry_reset(&S.old);
	if (read_frame(&S.old.raw, &S.old.hash, &S.old.off))
		return;
	r.p = (const unsigned char *)S.old.raw.buf;
	r.end = r.p + S.old.raw.len;
	r.bad = 0;
	d = stf_get_mem(&r, &n);
	if (!d || !n) {
		close_in();
		stf_entry_clear(&S.old);
		return;
	}
	S.old.dir = xstrndup(d, n);
}

static void
put_header(struct sb *b)
{
	sb_add(b, STATUS_MAGIC, 8);
	stf_put_uv(b, STATUS_FORMAT);
	stf_put_str(b, S.version);
	stf_put_fst(b, &S.firm);
}

/* Open the old file, if it is one this docket can trust at all: its
 * header is this format's, this version's, made with this docket.ini. */
static void
open_old(void)
{
	struct stat st;
	struct sb want = SB_INIT, got = SB_INIT;
	uint64_t hash;
	long off;
	int fd;

	S.opened = 1;
	fd = open(S.path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    !(S.in = fdopen(fd, "rb"))) {
		close(fd);
		return;
	}
	/* fewer reads (glibc takes a size only with a buffer) */
	S.inbuf = xmalloc(IN_BUF);
	setvbuf(S.in, S.inbuf, _IOFBF, IN_BUF);
	S.in_mtime = st.st_mtim.tv_sec;
	put_header(&want);
	if (read_frame(&got, &hash, &off) || got.len != want.len ||
	    memcmp(got.buf, want.buf, want.len) || !fst_trusted(&S.firm)) {
		close_in();
	} else {
		S.in_start = S.clean_end = S.in_pos;
		/* the same file (pread: its offset is not moved) */
		S.infd = fcntl(fileno(S.in), F_DUPFD_CLOEXEC, 0);
		if (S.infd < 0)
			close_in();
	}
	sb_free(&want);
	sb_free(&got);
	if (S.in)
		read_old();
}

/* ---- the new file ---- */

/* Write what is buffered (all of it, or past 1 MB). */
static void
out_flush(int all)
{
	const char *p = S.obuf.buf;
	size_t left = S.obuf.len;

	if (S.out < 0 || (!all && left < (1u << 20)))
		return;
	while (left && !S.nowrite) {
		ssize_t n = write(S.out, p, left);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			S.nowrite = 1;
		else {
			p += n;
			left -= (size_t)n;
		}
	}
	sb_reset(&S.obuf);
}

static void
write_frame(const char *payload, size_t len, uint64_t hash)
{
	unsigned char h[FRAME_HEAD];

	for (int i = 0; i < 4; i++)
		h[i] = (unsigned char)(len >> (8 * i));
	for (int i = 0; i < 8; i++)
		h[4 + i] = (unsigned char)(hash >> (8 * i));
	sb_add(&S.obuf, h, sizeof(h));
	sb_add(&S.obuf, payload, len);
	out_flush(0);
}

static void
drop_out(void)
{
	if (S.out >= 0) {
		close(S.out);
		unlink(S.tmp);
	}
	S.out = -1;
	S.nowrite = 1;
}

/* Something changed: start the new file (under a lock taken without
 * waiting), with the old entries copied so far.  0, or -1 when the
 * cache is not to be written this time. */
static int
start_out(void)
{
	struct sb hdr = SB_INIT;
	char *dir, *lock;

	if (S.out >= 0 || S.nowrite)
		return S.out >= 0 ? 0 : -1;
	S.nowrite = 1;
	dir = xstrndup(S.path, (size_t)(strrchr(S.path, '/') - S.path));
	(void)mkdir(dir, 0700);
	free(dir);
	lock = xasprintf("%s.lock", S.path);
	S.lockfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	free(lock);
	if (S.lockfd < 0 || flock(S.lockfd, LOCK_EX | LOCK_NB) < 0)
		return -1;
	S.tmp = xasprintf("%s.tmp", S.path);
	S.out = open(S.tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC |
		     O_NOFOLLOW, 0600);
	if (S.out < 0)
		return -1;
	S.nowrite = 0;
	put_header(&hdr);
	write_frame(hdr.buf, hdr.len, stf_hash(hdr.buf, hdr.len));
	sb_free(&hdr);
	/* the old entries given unchanged so far, as they were */
	for (off_t at = S.in_start; !S.nowrite && at < S.clean_end;) {
		char buf[65536];
		size_t want = (size_t)(S.clean_end - at) < sizeof(buf) ?
			      (size_t)(S.clean_end - at) : sizeof(buf);
		ssize_t n = pread(S.infd, buf, want, at);

		if (n <= 0)
			S.nowrite = 1;
		else
			sb_add(&S.obuf, buf, (size_t)n);
		out_flush(0);
		at += n > 0 ? n : 0;
	}
	if (S.nowrite) {
		drop_out();
		return -1;
	}
	return 0;
}

/* Put e into the new file (or count it copied, while nothing changed). */
static void
emit(struct entry *e)
{
	if (!e->changed && e->off >= 0 && S.out < 0 && !S.nowrite &&
	    e->off == S.clean_end) {
		S.clean_end += FRAME_HEAD + (long)e->raw.len;
		return;
	}
	if (start_out())
		return;
	if (!e->changed && e->off >= 0) {
		write_frame(e->raw.buf, e->raw.len, e->hash);
	} else if (!stf_get_notes(e)) {
		sb_reset(&S.enc);
		stf_put_entry(&S.enc, e);
		write_frame(S.enc.buf, S.enc.len, stf_hash(S.enc.buf, S.enc.len));
	}
}

static void
flush_cur(void)
{
	if (S.has_cur)
		emit(&S.cur);
	S.has_cur = 0;
	stf_entry_reset(&S.cur);
}

/* ---- the cases ---- */

void
status_begin(const char *path, const char *root, const char *firm_file,
	     const char *version)
{
	mode_t mode;

	status_end();
	S.begun = 1;
	S.path = xstrdup(path);
	S.root = xstrdup(root);
	stst_begin(root);
	S.firm_file = xstrdup(firm_file);
	S.version = xstrdup(version);
	stf_stat(&S.firm, AT_FDCWD, firm_file, &mode);
	stf_entry_clear(&S.old);
	stf_entry_clear(&S.cur);
}

int
status_begun_as(const char *path, const char *root)
{
	return S.begun && !strcmp(S.path, path) && !strcmp(S.root, root);
}

void
status_end(void)
{
	status_prefetch_stop();
	strv_free(&S.ahead);	/* the thread is done with it */
	if (!S.begun)
		return;
	flush_cur();
	/* the entries not asked for (a command that stopped early, cases
	 * gone) go on as they were, when the file is rewritten anyway */
	while (S.out >= 0 && S.old.dir) {
		emit(&S.old);
		read_old();
	}
	if (S.out >= 0) {
		struct fst now;
		mode_t mode;

		out_flush(1);
		stf_stat(&now, AT_FDCWD, S.firm_file, &mode);
		if (S.nowrite || !stf_eq(&now, &S.firm))
			drop_out();
		else if (close(S.out) || rename(S.tmp, S.path))
			unlink(S.tmp);
		S.out = -1;
	}
	close_in();
	if (S.infd >= 0)
		close(S.infd);
	if (S.lockfd >= 0)
		close(S.lockfd);
	stst_end();
	stf_entry_clear(&S.old);
	stf_entry_clear(&S.cur);
	free(S.path);
	free(S.root);
	free(S.firm_file);
	free(S.version);
	free(S.tmp);
	sb_free(&S.buf);
	sb_free(&S.obuf);
	sb_free(&S.enc);
	memset(&S, 0, sizeof(S));
	S.infd = S.lockfd = S.out = -1;
}

void
status_prefetch(char *const *dirs, size_t n, int notes)
{
	status_prefetch_stop();
	if (!S.begun || n < 64)
		return;	/* a few cases: a thread would not pay */
	if (!S.opened)
		open_old();
	if (S.in)	/* without a cache to check, every case is read from
			 * its files, which takes longer than a stat does */
		(void)stst_prefetch(dirs, n, notes, S.infd, S.in_start);
}

void
status_prefetch_stop(void)
{
	stst_prefetch_stop();
}

void
status_some(int on)
{
	S.some = on;
}

void
status_ahead(int notes)
{
	if (!S.begun || S.ahead_on)
		return;
	case_list_maybe(&S.ahead, S.root);
	S.ahead_on = 1;
	S.ahead_notes = notes;
	status_prefetch(S.ahead.v, S.ahead.n, notes);
}

void
status_list(struct strv *dirs, const char *root, int notes)
{
	if (S.ahead_on && !strcmp(root, S.root)) {
		/* the listing (the same strings: the thread's) and the
		 * stats taken so far are the caller's */
		*dirs = S.ahead;
		memset(&S.ahead, 0, sizeof(S.ahead));
		S.ahead_on = 0;
		if (S.ahead_notes != notes)
			status_prefetch(dirs->v, dirs->n, notes);
		return;
	}
	case_list_maybe(dirs, root);
	status_prefetch(dirs->v, dirs->n, notes);
}

/* case_load, case.ini read from fd (-1: opened from at, its year's
 * directory, by a short path): the stat taken says it is a file of a
 * size docket reads; for anything else, or a file that cannot be opened,
 * case_load itself says what is wrong. */
static int
read_case(struct dcase **out, const struct firm *firm, const char *dir,
	  int at, const char *rel, const struct fst *ini, int fd)
{
	ssize_t n = 1;
	int r;

	if (fd < 0 && ini->size <= CFG_MAX_FILE) {
		char *p = stf_concat(rel, "/" CASE_FILE, NULL);

		fd = openat(at, p, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
		free(p);
	}
	if (fd >= 0 && ini->size > CFG_MAX_FILE) {
		close(fd);
		fd = -1;
	}
	if (fd < 0)
		return case_load(out, firm, dir);
	sb_reset(&S.buf);
	while (n > 0 && S.buf.len <= CFG_MAX_FILE) {
		GROW(S.buf.buf, S.buf.cap, S.buf.len + 65536 + 1);
		n = read(fd, S.buf.buf + S.buf.len, 65536);
		if (n < 0 && errno == EINTR)
			continue;
		if (n > 0)
			S.buf.len += (size_t)n;
		if (ini->size >= 0 && S.buf.len == (size_t)ini->size)
			break;	/* all the stat says: a change since shows in
				 * its stat the next time */
	}
	close(fd);
	if (n < 0 || S.buf.len > CFG_MAX_FILE)
		return case_load(out, firm, dir);
	S.buf.buf[S.buf.len] = '\0';
	r = case_parse(out, firm, dir, S.buf.buf, S.buf.len);
	return r;
}

/* The notes of S.cur listed again from the files; what was known of a
 * note that was there before is kept (notes are never rewritten). */
static int
relist_notes(const char *dir, const struct fst *nst)
{
	struct note *nv = NULL;
	size_t nn = 0, nind, j = 0;
	int *found;
	unsigned char *known;

	if (note_list(&nv, &nn, S.root, dir))
		return -1;
	if (S.cur.decoded && stf_get_notes(&S.cur))
		stf_notes_free(&S.cur);	/* none known: all read again */
	nind = S.cur.nind;
	found = xcalloc(nn * nind + 1, sizeof(*found));
	known = xcalloc(nn + 1, 1);
	for (size_t i = 0; i < nn; i++) {
		while (j < S.cur.nn && note_cmp(&S.cur.nv[j], &nv[i]) < 0)
			j++;
		if (j < S.cur.nn && !strcmp(S.cur.nv[j].name, nv[i].name) &&
		    S.cur.known[j]) {
			known[i] = 1;
			memcpy(found + i * nind, S.cur.found + j * nind,
			       nind * sizeof(*found));
		}
	}
	stf_notes_free(&S.cur);
	free(S.cur.found);
	free(S.cur.known);
	S.cur.nv = nv;
	S.cur.nn = nn;
	S.cur.found = found;
	S.cur.known = known;
	S.cur.notes = *nst;
	S.cur.notes_decoded = 1;
	S.cur.changed = 1;
	return 0;
}

/* Does c need its lines where its view (and workup) would do?  When it
 * has what the view does not keep: a recovery, a [settlement "P"]
 * section, which the report reads from the lines (settle_read, in
 * report_settlement_case). */
static int
needs_lines(const struct dcase *c)
{
	for (size_t i = 0; i < c->cfg->n; i++)
		if (c->cfg->lines[i].kind == CFG_SECTION &&
		    has_prefix(c->cfg->lines[i].section, "settlement \""))
			return 1;
	return 0;
}

/* c's view kept as S.cur's, and its lines when it needs them (c whole:
 * made from its lines); the others' lines are not kept: no command
 * reads more of them than their view. */
static void
keep_view(const struct dcase *c)
{
	int lines = needs_lines(c);

	sb_reset(&S.cur.view);
	stf_put_view(&S.cur.view, c, lines);
	sb_reset(&S.cur.cfg);
	if (lines)
		stf_put_cfg(&S.cur.cfg, c->cfg);
	S.cur.flags = c->open ? ENTRY_OPEN : 0;
	S.cur.changed = 1;
}

/* S.cur's case whole, named file: its lines parsed, and its view as kept
 * with the workup read from the lines; a view that does not read (bad:
 * known not to) made again from them, and kept.  1, or 0 when the lines
 * are not kept or do not read (the case is read from its files). */
static int
whole_case(struct dcase **out, const struct firm *firm, const char *dir,
	   const char *file, int bad)
{
	struct cfg *cfg = stf_get_cfg(&S.cur.cfg, file);

	if (cfg && !bad && !stf_get_view(out, &S.cur.view, dir, 0)) {
		(*out)->cfg = cfg;	/* as case_view would */
		if (!workup_read(&(*out)->wu, cfg, (*out)->file, NULL))
			return 1;
		case_free(*out);	/* and cfg */
		*out = NULL;
		cfg = stf_get_cfg(&S.cur.cfg, file);
	}
	if (!cfg || case_from_cfg(out, firm, dir, cfg))
		return 0;
	keep_view(*out);
	return 1;
}

int
status_case(struct dcase **out, const struct firm *firm, const char *dir)
{
	struct fst ini;
	mode_t imode;
	char *p;
	const char *rel;
	int r, at, fd = -1, cached = 0;

	*out = NULL;
	if (!S.begun) {
		struct stat st;

		p = stf_concat(firm->root, dir, "/" CASE_FILE, NULL);
		r = lstat(p, &st) == 0 && S_ISREG(st.st_mode);
		free(p);
		return r ? case_load(out, firm, dir) : DK_ENOTFOUND;
	}
	flush_cur();
	if (!S.opened)
		open_old();
	/* the stat data first, then the files: a change in between is seen
	 * next time */
	while (S.old.dir && stf_dir_cmp(S.old.dir, dir) < 0) {
		if (S.some)	/* one not asked for: kept as it was */
			emit(&S.old);
		read_old();	/* else a case that is gone */
	}
	if (S.old.dir && !strcmp(S.old.dir, dir)) {
		struct entry t = S.cur;	/* empty: its buffers go on */

		S.cur = S.old;
		S.old = t;
		read_old();
		if (stf_get_entry(&S.cur))
			stf_entry_clear(&S.cur);
	}
	at = stst_dir_fd(dir, &rel);
	p = stf_concat(rel, "/" CASE_FILE, NULL);
	S.pf_notes = 0;
	if (stst_prefetched(dir, &S.pf, &S.pf_notes)) {
		ini = S.pf.ini;
		imode = S.pf.imode;
	} else if (!S.cur.decoded && at >= 0) {
		fd = stf_open(&ini, at, p, &imode);	/* it is read anyway */
	} else {
		stf_stat(&ini, at, p, &imode);
	}
	if (at < 0 || imode != S_IFREG) {
		free(p);
		stf_entry_clear(&S.cur);
		if (at >= 0)
			return DK_ENOTFOUND;	/* no case here */
		return case_load(out, firm, dir);	/* it says why */
	}
	if (S.cur.decoded && stf_eq(&S.cur.ini, &ini) && fst_trusted(&ini)) {
		int v = S.views ? stf_get_view(out, &S.cur.view, dir,
					       S.views > 1) : 1;

		free(p);
		p = stf_concat(dir, "/" CASE_FILE, NULL);
		cached = !v || whole_case(out, firm, dir, p, v < 0);
	}
	free(p);
	if (!cached) {
		r = read_case(out, firm, dir, at, rel, &ini, fd);
		fd = -1;	/* read_case closed it */
		if (r) {
			stf_entry_clear(&S.cur);
			return r;
		}
		if (!S.cur.decoded) {
			stf_entry_clear(&S.cur);
			S.cur.dir = xstrdup(dir);
		}
		keep_view(*out);
		S.cur.ini = ini;
	}
	if (!S.cur.decoded) {
		/* the notes are listed when a command asks for them */
		memset(&S.cur.notes, 0, sizeof(S.cur.notes));
		S.cur.notes.size = -2;	/* never a stat's */
		S.cur.notes_decoded = 1;
	}
	S.cur.decoded = 1;
	S.has_cur = 1;
	S.notes_checked = 0;
	return 0;
}

void
status_views(int level)
{
	S.views = level;
}

/* Is dir the case given last, with its notes at hand? */
static int
is_cur(const char *dir)
{
	struct fst nst;
	mode_t nmode;

	if (!S.begun || !S.has_cur || strcmp(S.cur.dir, dir))
		return 0;
	if (S.notes_checked)
		return 1;
	/* the notes as listed last, if notes/ is as it was then; else
	 * listed again (its stat taken first) */
	if (S.pf_notes) {
		nst = S.pf.notes;
		nmode = S.pf.nmode;
	} else {
		const char *rel;
		int at = stst_dir_fd(dir, &rel);
		char *p = stf_concat(rel, "/" NOTES_DIR, NULL);

		stf_stat(&nst, at, p, &nmode);
		free(p);
	}
	if (stf_get_notes(&S.cur) || (nmode && nmode != S_IFDIR) ||
	    ((!stf_eq(&S.cur.notes, &nst) || !fst_trusted(&nst)) &&
	     relist_notes(dir, &nst))) {
		S.has_cur = 0;	/* not kept: read from the files */
		return 0;
	}
	S.notes_checked = 1;
	return 1;
}

int
status_notes(const struct note **out, size_t *n, struct note **own,
	     const char *root, const char *dir)
{
	*own = NULL;
	if (!is_cur(dir)) {
		int r = note_list(own, n, root, dir);

		*out = *own;
		return r;
	}
	*out = S.cur.nv;
	*n = S.cur.nn;
	return 0;
}

static int
is_note(const char *dir, size_t i, const char *name)
{
	return is_cur(dir) && i < S.cur.nn && !strcmp(S.cur.nv[i].name, name);
}

int
status_note_found(const char *dir, size_t i, const char *name, int *found,
		  size_t nind)
{
	if (!is_note(dir, i, name) || !S.cur.known[i] || S.cur.nind != nind)
		return 0;
	memcpy(found, S.cur.found + i * nind, nind * sizeof(*found));
	return 1;
}

void
status_note_keep(const char *dir, size_t i, const char *name,
		 const int *found, size_t nind)
{
	if (!is_note(dir, i, name))
		return;
	if (S.cur.nind != nind) {
		free(S.cur.found);
		S.cur.found = xcalloc(S.cur.nn * nind + 1, sizeof(*found));
		memset(S.cur.known, 0, S.cur.nn);
		S.cur.nind = nind;
	}
	memcpy(S.cur.found + i * nind, found, nind * sizeof(*found));
	S.cur.known[i] = 1;
	S.cur.changed = 1;
}
