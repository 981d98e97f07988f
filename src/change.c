/*
 * change.c - a change to one case, the unit of work between the model and
 * the repository: every file it writes is named in the journal first,
 * then written; one commit holds them all, or every file is put back as
 * it was (see change.h).
 */
#include "docket/change.h"
#include "docket/case.h"
#include "docket/error.h"
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

int
change_save_case(struct change *ch, struct dcase *c)
{
	const struct firm *firm = ch->firm;
	int r;

	/* nothing that would not load again is ever written */
	if ((r = case_view(c, firm, NULL)))
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
	if (ch->case_file && ch->had_orig) {
		int w = write_file_atomic(ch->case_file, ch->orig.buf,
					  ch->orig.len, file_mode);

		if (w < 0 && !e)
			e = dk_errnum();
	}
	return e ? dk_syserr(DK_EIO, e) : 0;
}

int
change_commit(struct change *ch, const struct dcase *c, const char *fmt, ...)
{
	struct sb msg = SB_INIT;
	va_list ap;
	int r;

	sb_addf(&msg, "%s(%s): ", ch->command, c->id);
	va_start(ap, fmt);
	sb_vaddf(&msg, fmt, ap);
	va_end(ap);
	sb_addc(&msg, '\n');
	r = repo_commit(ch->repo, msg.buf, &ch->paths, ch->now);
	sb_free(&msg);
	if (!r)
		ch->done = 1;
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
	free(ch->case_file);
	sb_free(&ch->orig);
}
