/*
 * repo-journal.c - the journal of a change in progress
 * (.git/docket-journal, see repo.h), and git's lock files made docket's
 * provable way.
 *
 * git's lock files (index.lock, refs/heads/B.lock) are made so: a file
 * under a name of docket's own (written in the journal first) is
 * hard-linked to the lock's name, so a lock a dead docket left is known
 * by its inode (repo-lock.c removes it), and a lock anyone else holds is
 * never removed.
 */
#include "docket/repo.h"
#include "docket/error.h"
#include "repo-git.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- the journal ---- */

int
repo_journal_append(struct repo *r, const char *line)
{
	char *path = repo_git_path(r, REPO_JOURNAL);
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC |
		      O_NOFOLLOW, 0600);
	size_t n = strlen(line);
	int e = 0;

	free(path);
	if (fd < 0)
		return dk_errno(DK_EIO, errno, "cannot write .git/%s", REPO_JOURNAL);
	if (write(fd, line, n) != (ssize_t)n)
		e = dk_errno(DK_EIO, errno ? errno : ENOSPC,
			     "cannot write .git/%s", REPO_JOURNAL);
	if (close(fd) < 0 && !e)
		e = dk_errno(DK_EIO, errno, "cannot write .git/%s", REPO_JOURNAL);
	return e;
}

/* The journal's first line, once a process: its pid and HEAD. */
int
repo_journal_open(struct repo *r)
{
	git_oid head;
	char hex[GIT_OID_HEXSZ + 1] = "-";
	char *line;
	int e;

	if (r->journal)
		return 0;
	if (!git_reference_name_to_id(&head, r->git, "HEAD"))
		git_oid_tostr(hex, sizeof(hex), &head);
	line = xasprintf("docket-journal %ld\nhead %s\n", (long)getpid(), hex);
	e = repo_journal_append(r, line);
	free(line);
	if (!e)
		r->journal = 1;
	return e;
}

int
repo_journal_add(struct repo *r, const char *path)
{
	char *line;
	int e;

	if (strchr(path, '\n'))
		return dk_err(DK_EINVAL, "a path with a line break cannot be "
			      "written: '%s'", path);
	if ((e = repo_journal_open(r)))
		return e;
	line = xasprintf("path %s\n", path);
	e = repo_journal_append(r, line);
	free(line);
	return e;
}

void
repo_journal_end(struct repo *r)
{
	char *path;

	if (!r->journal || r->keep_journal)
		return;
	path = repo_git_path(r, REPO_JOURNAL);
	unlink(path);
	free(path);
	r->journal = 0;
}

void
repo_journal_keep(struct repo *r, int errnum)
{
	if (!r->journal)
		return;
	r->keep_journal = 1;
	strv_push_owned(&r->notices, xasprintf(
		"could not put the files back as they were (%s); the next "
		"docket command will", strerror(errnum)));
}

/* ---- git's lock files, docket's provable way ---- */

static void
gitlock_free(struct gitlock *l)
{
	free(l->target);
	free(l->path);
	free(l->tmp);
	l->target = l->path = l->tmp = NULL;
	l->fd = -1;
}

/*
 * Take target's lock (a file of the repository where: r's, or a path
 * remote's), waiting up to DOCKET_LOCK_TIMEOUT seconds while another
 * program holds it.  The journal names docket's file before it is
 * made; link(2) then makes the lock, all at once or not at all.
 */
int
gitlock_take(struct repo *r, git_repository *where, struct gitlock *l,
	     const char *target)
{
	const char *common = git_repository_commondir(where);
	struct timespec start;
	char *line;
	int e;

	l->target = xstrdup(target);
	l->path = xasprintf("%s.lock", target);
	l->tmp = xasprintf("%s%s%ld.%u", common, REPO_LOCK_PREFIX, (long)getpid(),
			   ++r->lock_seq);
	line = xasprintf("lock %s\t%s\n", l->path, l->tmp);
	e = repo_journal_open(r);
	if (!e)
		e = repo_journal_append(r, line);
	free(line);
	if (e)
		goto fail;
	l->fd = open(l->tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
		     0666);
	if (l->fd < 0) {
		e = dk_errno(DK_EIO, errno, "cannot make %s", repo_shown(r, l->tmp));
		goto fail;
	}
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (int made_dirs = 0;;) {
		if (!link(l->tmp, l->path))
			return 0;
		if (errno == ENOENT && !made_dirs) {
			/* a branch in a directory of its own (refs/heads/a/b) */
			char *dir = xstrdup(l->path), *slash = strrchr(dir, '/');
			size_t cl = strlen(common);

			made_dirs = 1;
			if (slash && !strncmp(dir, common, cl)) {
				*slash = '\0';
				mkdirs(common, dir + cl, 0777);
			}
			free(dir);
			continue;
		}
		if (errno != EEXIST) {
			e = dk_errno(DK_EIO, errno, "cannot lock %s",
				     repo_shown(r, l->path));
			goto fail;
		}
		if (repo_seconds_since(&start) >= repo_lock_limit()) {
			e = dk_err(DK_EBUSY, "another git process holds %s; try "
				   "again when it finishes (or remove the lock "
				   "if it is stale)", repo_shown(r, l->path));
			goto fail;
		}
		repo_nap();
	}
fail:
	if (l->fd >= 0) {
		close(l->fd);
		unlink(l->tmp);
	}
	gitlock_free(l);
	return e;
}

int
gitlock_write(struct gitlock *l, const void *data, size_t len)
{
	const char *p = data;

	while (len) {
		ssize_t n = write(l->fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return dk_syserr(DK_EIO, n < 0 ? errno : ENOSPC);
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
gitlock_commit(struct gitlock *l)
{
	int e = close(l->fd) < 0 ? errno : 0;

	l->fd = -1;
	if (!e && rename(l->path, l->target) < 0)
		e = errno;
	if (e)
		return dk_syserr(DK_EIO, e);
	unlink(l->tmp);
	gitlock_free(l);
	return 0;
}

void
gitlock_release(struct gitlock *l)
{
	struct stat mine, lock;

	if (!l->path)
		return;
	if (!stat(l->tmp, &mine) && !lstat(l->path, &lock) &&
	    mine.st_dev == lock.st_dev && mine.st_ino == lock.st_ino)
		unlink(l->path);
	unlink(l->tmp);
	if (l->fd >= 0)
		close(l->fd);
	gitlock_free(l);
}
