/*
 * change.c - a change to one case, the unit of work between the model and
 * the repository: every file it writes is named in the journal first,
 * then written; one commit holds them all, or every file is put back as
 * it was (see change.h).
 */
#include "docket/change.h"
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/note.h"
#include "docket/repo.h"
#include "docket/util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void
change_begin(struct change *ch, struct repo *repo, const struct firm *firm,
	     const char *command, time_t now)
{
	memset(ch, 0, sizeof(*ch));
	ch->repo = repo;
	ch->firm = firm;
	ch->root = repo_root(repo);
	ch->command = command;
	ch->now = now;
}

/* A handle of section.key that is a near miss of a staff handle, new in
 * the change (the file before had another value there): DK_EINVAL. */
static int
near_miss(const struct firm *f, const struct cfg *before, const char *section,
	  const char *key, const char *handle)
{
	const struct staff *near;
	const char *was = before ? cfg_get(before, section, key) : NULL;
	char *what;
	int r;

	if (!*handle || firm_staff(f, handle) || streq(was, handle) ||
	    !(near = firm_staff_near(f, handle)))
		return 0;
	what = cfg_dotted(section, key);
	r = dk_err(DK_EINVAL, "%s '%s' is not in docket.ini's [staff]; did you "
		   "mean '%s'? (add a new colleague to [staff] first)", what,
		   handle, near->handle);
	free(what);
	return r;
}

/* Every write refuses a handle within two edits of a staff handle. */
static int
near_misses(const struct firm *f, const struct dcase *c, const char *path)
{
	struct cfg *before = NULL;
	int r;

	if (cfg_load(&before, path, path))
		before = NULL;
	r = near_miss(f, before, "case", "attorney", c->attorney);
	if (!r)
		r = near_miss(f, before, "case", "manager", c->manager);
	for (size_t i = 0; !r && i < c->ndue; i++) {
		char *sec = cfg_subsection("due", c->due[i].name);

		r = near_miss(f, before, sec, "who", c->due[i].who);
		free(sec);
	}
	for (size_t i = 0; !r && i < c->nesc; i++) {
		char *sec = cfg_subsection("escalation", c->esc[i].name);

		r = near_miss(f, before, sec, "to", c->esc[i].to);
		if (!r)
			r = near_miss(f, before, sec, "by", c->esc[i].by);
		free(sec);
	}
	cfg_free(before);
	return r;
}

int
change_save_case(struct change *ch, struct dcase *c)
{
	const struct firm *firm = ch->firm;
	char *path;
	int r;

	/* nothing that would not load again is ever written */
	if ((r = case_view(c, firm, NULL)))
		return r;
	path = case_path(firm, c);
	r = near_misses(firm, c, path);
	free(path);
	if (r)
		return r;
	if (!ch->case_file) {
		if ((r = repo_journal_add(ch->repo, c->file)))
			return r;
		ch->case_file = case_path(firm, c);
		ch->had_orig = read_file(ch->case_file, &ch->orig) == 0;
		strv_push(&ch->paths, c->file);
		if (!ch->had_orig)
			strv_push(&ch->created, ch->case_file);
	}
	return case_save(firm, c);
}

int
change_add_note(struct change *ch, const struct dcase *c, const char *kind,
		const char *text, size_t len, time_t when, char **path)
{
	return change_add_note_with(ch, c, kind, NULL, text, len, when, path);
}

int
change_add_note_with(struct change *ch, const struct dcase *c,
		     const char *kind, const char *with, const char *text,
		     size_t len, time_t when, char **path)
{
	const char *author;
	char *rel = NULL;
	int r;

	if ((r = note_text_check(text, len)) ||
	    (r = ch->author(ch->author_arg, &author)) ||
	    (r = note_new_path(&rel, ch->root, c->dir, when, kind, author,
				  with)))
		return r;
	if ((r = repo_journal_add(ch->repo, rel))) {
		free(rel);
		return r;
	}
	strv_push(&ch->paths, rel);
	strv_push_owned(&ch->created, path_join(ch->root, rel));
	if ((r = note_write(ch->root, rel, text, len))) {
		free(rel);
		return r;
	}
	if (path)
		*path = rel;
	else
		free(rel);
	return 0;
}

/* Keep what is at rel before the change touches it. */
static int
keep_file(struct change *ch, const char *rel, char **abs)
{
	struct change_file *f;
	int r;

	for (size_t i = 0; i < ch->paths.n; i++)
		if (!strcmp(ch->paths.v[i], rel))
			return dk_err(DK_EINVAL, "%s is changed twice", rel);
	if ((r = repo_journal_add(ch->repo, rel)))
		return r;
	*abs = path_join(ch->root, rel);
	GROW(ch->files, ch->capfiles, ch->nfiles + 1);
	f = &ch->files[ch->nfiles++];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(*abs);
	r = read_file(*abs, &f->orig);
	if (r && r != DK_ENOTFOUND)
		return dk_err(DK_EIO, "cannot read %s", rel);
	f->had = !r;
	strv_push(&ch->paths, rel);
	return 0;
}

int
change_put_file(struct change *ch, const char *rel, const void *data,
		size_t len)
{
	const char *slash = strrchr(rel, '/');
	char *abs = NULL, *dir;
	int r;

	if ((r = keep_file(ch, rel, &abs)))
		goto out;
	dir = xstrndup(rel, slash ? (size_t)(slash - rel) : 0);
	r = *dir ? mkdirs(ch->root, dir, dir_mode) : 0;
	free(dir);
	if (r)
		r = dk_errno(DK_EIO, dk_errnum(), "cannot make the directory "
			     "of %s", rel);
	else if (write_file_atomic(abs, data, len, file_mode) < 0)
		r = dk_errno(DK_EIO, dk_errnum(), "cannot write %s", rel);
out:
	free(abs);
	return r;
}

int
change_remove_file(struct change *ch, const char *rel)
{
	char *abs = NULL;
	int r;

	if (!(r = keep_file(ch, rel, &abs)) && unlink(abs) < 0 &&
	    errno != ENOENT)
		r = dk_errno(DK_EIO, errno, "cannot remove %s", rel);
	free(abs);
	return r;
}

/* After a commit: the directories a removal left empty, up to cases/. */
static void
prune_dirs(struct change *ch)
{
	for (size_t i = 0; i < ch->nfiles; i++) {
		char *dir = xstrdup(ch->files[i].path), *slash;

		if (path_exists(dir))
			goto next;
		for (int up = 0; up < 3 && (slash = strrchr(dir, '/')); up++) {
			*slash = '\0';
			if (strlen(dir) <= strlen(ch->root) || rmdir(dir) < 0)
				break;
		}
	next:
		free(dir);
	}
}

/* Put every file back as it was: 0, or DK_EIO (a full disk; the first
 * failure's errno kept, dk_errnum) with the journal then left for the
 * next writer to finish the job. */
static int
rollback(struct change *ch)
{
	int e = 0;

	for (size_t i = 0; i < ch->created.n; i++) {
		char *dir = xstrdup(ch->created.v[i]), *slash;

		if (unlink(ch->created.v[i]) < 0 && errno != ENOENT && !e)
			e = errno;
		/* and the directories it needed, while they are empty */
		for (int up = 0; up < 3 && (slash = strrchr(dir, '/')); up++) {
			*slash = '\0';
			if (rmdir(dir) < 0)
				break;
		}
		free(dir);
	}
	for (size_t i = ch->nfiles; i-- > 0; ) {
		struct change_file *f = &ch->files[i];
		char *dir = xstrdup(f->path), *slash = strrchr(dir, '/');

		if (f->had) {
			*slash = '\0';
			if ((strlen(dir) > strlen(ch->root) &&
			     mkdirs(ch->root, dir + strlen(ch->root),
				    dir_mode) < 0) ||
			    write_file_atomic(f->path, f->orig.buf, f->orig.len,
					      file_mode) < 0) {
				if (!e)
					e = dk_errnum();
			}
		} else if (unlink(f->path) < 0 && errno != ENOENT && !e) {
			e = errno;
		} else {
			for (int up = 0; up < 3 && (slash = strrchr(dir, '/'));
			     up++) {
				*slash = '\0';
				if (rmdir(dir) < 0)
					break;
			}
		}
		free(dir);
	}
	if (ch->case_file && ch->had_orig) {
		int w = write_file_atomic(ch->case_file, ch->orig.buf,
					  ch->orig.len, file_mode);

		if (w < 0 && !e)
			e = dk_errnum();
	}
	return e ? dk_syserr(DK_EIO, e) : 0;
}

static int commit_v(struct change *ch, const char *id, const char *fmt,
		    va_list ap) __attribute__((format(printf, 3, 0)));

static int
commit_v(struct change *ch, const char *id, const char *fmt, va_list ap)
{
	struct sb msg = SB_INIT;
	int r;

	sb_addf(&msg, "%s(%s): ", ch->command, id);
	sb_vaddf(&msg, fmt, ap);
	sb_addc(&msg, '\n');
	r = repo_commit(ch->repo, msg.buf, &ch->paths, ch->now);
	sb_free(&msg);
	if (!r) {
		ch->done = 1;
		prune_dirs(ch);
	}
	return r;
}

int
change_commit(struct change *ch, const struct dcase *c, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = commit_v(ch, c->id, fmt, ap);
	va_end(ap);
	return r;
}

int
change_commit_id(struct change *ch, const char *id, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = commit_v(ch, id, fmt, ap);
	va_end(ap);
	return r;
}

void
change_free(struct change *ch)
{
	int e = ch->done ? 0 : rollback(ch);

	if (ch->repo) {
		if (e)
			repo_journal_keep(ch->repo, dk_errnum());
		else
			repo_journal_end(ch->repo);
	}
	strv_free(&ch->paths);
	strv_free(&ch->created);
	for (size_t i = 0; i < ch->nfiles; i++) {
		free(ch->files[i].path);
		sb_free(&ch->files[i].orig);
	}
	free(ch->files);
	free(ch->case_file);
	sb_free(&ch->orig);
}
