/*
 * repo-commit.c - the writers' lock, the change journal, and commits of a
 * few paths.
 *
 * A commit is one transaction, as git's own `git commit` is: take git's
 * index lock, take the branch's lock and read its value under it, write
 * the objects, move the branch from that value, write the index, release.
 * A user's git command that wants the index in between waits or refuses;
 * nothing of theirs is built on an index that lags behind the branch.
 *
 * git's lock files (index.lock, refs/heads/B.lock) are made docket's
 * provable way: a file under a name of docket's own (written in the
 * journal first) is hard-linked to the lock's name, so a lock a dead
 * docket left is known by its inode, and a lock anyone else holds is never
 * removed.
 */
#include "docket/repo.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/gitindex.h"
#include "docket/repo-sync.h"
#include "repo-git.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define JOURNAL "docket-journal"
#define RECOVERED "docket-recovered"
#define LOCK_PREFIX "docket-lock."

static double
lock_limit(void)
{
	const char *env = getenv("DOCKET_LOCK_TIMEOUT");

	return env && *env ? atof(env) : 10.0;
}

static double
seconds_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) +
	       (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static void
nap(void)
{
	struct timespec t = { 0, 20 * 1000 * 1000 };

	nanosleep(&t, NULL);
}

/* path as the user knows it: relative to the work tree when inside it */
static const char *
shown(const struct repo *r, const char *path)
{
	size_t n = strlen(r->root);

	return !strncmp(path, r->root, n) ? path + n : path;
}

static int recover(struct repo *r);

/* ---- the journal ---- */

static int
journal_append(struct repo *r, const char *line)
{
	char *path = repo_git_path(r, JOURNAL);
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC |
		      O_NOFOLLOW, 0600);
	size_t n = strlen(line);
	int e = 0;

	free(path);
	if (fd < 0)
		return dk_errno(DK_EIO, errno, "cannot write .git/%s", JOURNAL);
	if (write(fd, line, n) != (ssize_t)n)
		e = dk_errno(DK_EIO, errno ? errno : ENOSPC,
			     "cannot write .git/%s", JOURNAL);
	if (close(fd) < 0 && !e)
		e = dk_errno(DK_EIO, errno, "cannot write .git/%s", JOURNAL);
	return e;
}

/* The journal's first line, once a process: its pid and HEAD. */
static int
journal_open(struct repo *r)
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
	e = journal_append(r, line);
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
	if ((e = journal_open(r)))
		return e;
	line = xasprintf("path %s\n", path);
	e = journal_append(r, line);
	free(line);
	return e;
}

void
repo_journal_end(struct repo *r)
{
	char *path;

	if (!r->journal || r->keep_journal)
		return;
	path = repo_git_path(r, JOURNAL);
	unlink(path);
	free(path);
	r->journal = 0;
}

void
repo_journal_keep(struct repo *r, int err)
{
	if (!r->journal)
		return;
	r->keep_journal = 1;
	strv_push_owned(&r->notices, xasprintf(
		"could not put the files back as they were (%s); the next "
		"docket command will", strerror(err < 0 ? -err : err)));
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
	l->tmp = xasprintf("%s%s%ld.%u", common, LOCK_PREFIX, (long)getpid(),
			   ++r->lock_seq);
	line = xasprintf("lock %s\t%s\n", l->path, l->tmp);
	e = journal_open(r);
	if (!e)
		e = journal_append(r, line);
	free(line);
	if (e)
		goto fail;
	l->fd = open(l->tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
		     0666);
	if (l->fd < 0) {
		e = dk_errno(DK_EIO, errno, "cannot make %s", shown(r, l->tmp));
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
				     shown(r, l->path));
			goto fail;
		}
		if (seconds_since(&start) >= lock_limit()) {
			e = dk_err(DK_EBUSY, "another git process holds %s; try "
				   "again when it finishes (or remove the lock "
				   "if it is stale)", shown(r, l->path));
			goto fail;
		}
		nap();
	}
fail:
	if (l->fd >= 0) {
		close(l->fd);
		unlink(l->tmp);
	}
	gitlock_free(l);
	return e;
}

/* Write all of data to the lock. */
static int
gitlock_write(struct gitlock *l, const void *data, size_t len)
{
	const char *p = data;

	while (len) {
		ssize_t n = write(l->fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -(n < 0 ? errno : ENOSPC);
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The lock becomes the target: 0, or -errno with the lock still held. */
static int
gitlock_commit(struct gitlock *l)
{
	int e = close(l->fd) < 0 ? -errno : 0;

	l->fd = -1;
	if (!e && rename(l->path, l->target) < 0)
		e = -errno;
	if (e)
		return e;
	unlink(l->tmp);
	gitlock_free(l);
	return 0;
}

/* Give the lock up, removing it only while it is still this one. */
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

/* ---- the branch ---- */

/* The ref a commit moves: HEAD's branch, or HEAD when detached. */
static int
head_target(struct repo *r, char **name)
{
	git_reference *head = NULL;
	int e = git_reference_lookup(&head, r->git, "HEAD");

	*name = NULL;
	if (e < 0)
		return dk_giterr("cannot read HEAD");
	*name = xstrdup(git_reference_type(head) == GIT_REFERENCE_SYMBOLIC ?
			git_reference_symbolic_target(head) : "HEAD");
	git_reference_free(head);
	return 0;
}

/* The ref's value, read afresh: 0 (*has 0 when it does not exist), or a
 * libgit2 error. */
static int
ref_value(git_repository *git, const char *name, git_oid *out, int *has)
{
	int e = git_reference_name_to_id(out, git, name);

	*has = !e;
	return e == GIT_ENOTFOUND ? 0 : e;
}

/* Where a ref's file and its log are: HEAD in this work tree's git
 * directory, the others in the common one. */
static char *
ref_file(git_repository *git, const char *dir, const char *name)
{
	const char *base = !strcmp(name, "HEAD") ? git_repository_path(git) :
			   git_repository_commondir(git);

	return xasprintf("%s%s%s", base, dir, name);
}

static int
log_all_updates(git_repository *git)
{
	git_config *cfg = NULL;
	int v = 1;

	if (git_repository_config_snapshot(&cfg, git) < 0)
		return 1;
	if (git_config_get_bool(&v, cfg, "core.logallrefupdates") < 0)
		v = !git_repository_is_bare(git);
	git_config_free(cfg);
	return v;
}

/* One line of a ref's log, as git writes it (while the ref is locked). */
static int
reflog_append(git_repository *git, const char *name, const git_oid *old,
	      const git_oid *new, const git_signature *sig, const char *msg)
{
	char *path = ref_file(git, "logs/", name);
	char ho[GIT_OID_HEXSZ + 1], hn[GIT_OID_HEXSZ + 1];
	struct sb line = SB_INIT;
	int off = sig->when.offset, fd, e = 0;
	struct stat st;

	if (lstat(path, &st) < 0 &&
	    !(log_all_updates(git) && (!strcmp(name, "HEAD") ||
				       has_prefix(name, "refs/heads/") ||
				       has_prefix(name, "refs/remotes/")))) {
		free(path);
		return 0;
	}
	git_oid_tostr(ho, sizeof(ho), old);
	git_oid_tostr(hn, sizeof(hn), new);
	sb_addf(&line, "%s %s %s <%s> %lld %c%02d%02d\t", ho, hn, sig->name,
		sig->email, (long long)sig->when.time, off < 0 ? '-' : '+',
		abs(off) / 60, abs(off) % 60);
	/* git's message: one line, runs of white space as one space */
	for (const char *p = msg; *p; p++) {
		if (*p == '\n' || *p == '\t' || *p == '\r' || *p == ' ') {
			while (p[1] == '\n' || p[1] == '\t' || p[1] == '\r' ||
			       p[1] == ' ')
				p++;
			if (p[1])
				sb_addc(&line, ' ');
		} else {
			sb_addc(&line, *p);
		}
	}
	sb_addc(&line, '\n');
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
		  0666);
	if (fd < 0 && errno == ENOENT) {
		/* the first entry of this log: its directories too */
		const char *common = git_repository_commondir(git);
		char *slash = strrchr(path, '/');
		size_t cl = strlen(common);

		*slash = '\0';
		if (!strncmp(path, common, cl))
			mkdirs(common, path + cl, 0777);
		*slash = '/';
		fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC |
			  O_NOFOLLOW, 0666);
	}
	if (fd < 0 || write(fd, line.buf, line.len) != (ssize_t)line.len)
		e = -(errno ? errno : ENOSPC);
	if (fd >= 0 && close(fd) < 0 && !e)
		e = -errno;
	if (e)
		dk_errno(DK_EIO, e, "cannot write the log of %s", name);
	sb_free(&line);
	free(path);
	return e ? DK_EIO : 0;
}

/*
 * Move the locked ref to new: its logs first, then the ref itself, as
 * git does; then read it back.  0, or an error with the ref as it was.
 */
static int
ref_move(struct repo *r, git_repository *git, struct gitlock *lock,
	 const char *name, const git_oid *old, int has_old, const git_oid *new,
	 const git_signature *sig, const char *msg)
{
	git_oid zero, now;
	char hex[GIT_OID_HEXSZ + 2];
	int e, has;

	memset(&zero, 0, sizeof(zero));
	git_oid_tostr(hex, GIT_OID_HEXSZ + 1, new);
	strcat(hex, "\n");
	if ((e = gitlock_write(lock, hex, GIT_OID_HEXSZ + 1)))
		return dk_errno(DK_EIO, e, "cannot write %s", shown(r, lock->path));
	if ((e = reflog_append(git, name, has_old ? old : &zero, new, sig, msg)))
		return e;
	if (strcmp(name, "HEAD")) {
		git_reference *head = NULL;

		/* HEAD's log follows its branch, as git's does */
		if (!git_reference_lookup(&head, git, "HEAD") &&
		    git_reference_type(head) == GIT_REFERENCE_SYMBOLIC &&
		    !strcmp(git_reference_symbolic_target(head), name))
			e = reflog_append(git, "HEAD", has_old ? old : &zero, new,
					  sig, msg);
		git_reference_free(head);
		if (e)
			return e;
	}
	if ((e = gitlock_commit(lock)))
		return dk_errno(DK_EIO, e, "cannot move %s", name);
	if (ref_value(git, name, &now, &has) < 0 || !has || !git_oid_equal(&now, new))
		return dk_err(DK_EIO, "%s does not read back as the commit "
			      "docket wrote", name);
	return 0;
}

/* ---- the index ---- */

/* A path of a commit: the blob of the file as it was read, and the file's
 * stat then (for git's index); exists is 0 for a path to remove. */
struct staged {
	git_oid id;
	struct stat st;
	int exists;
};

static struct gitindex_path *
index_paths(const struct strv *paths, const struct staged *staged)
{
	struct gitindex_path *gp = xcalloc(paths->n + 1, sizeof(*gp));

	for (size_t i = 0; i < paths->n; i++) {
		gp[i].path = paths->v[i];
		gp[i].remove = !staged[i].exists;
		if (staged[i].exists) {
			memcpy(gp[i].oid, staged[i].id.id, GITINDEX_OID_LEN);
			gp[i].st = staged[i].st;
		}
	}
	return gp;
}

static void
index_entry_from(git_index_entry *ie, const char *path, const struct staged *s)
{
	memset(ie, 0, sizeof(*ie));
	ie->ctime.seconds = (int32_t)s->st.st_ctim.tv_sec;
	ie->ctime.nanoseconds = (uint32_t)s->st.st_ctim.tv_nsec;
	ie->mtime.seconds = (int32_t)s->st.st_mtim.tv_sec;
	ie->mtime.nanoseconds = (uint32_t)s->st.st_mtim.tv_nsec;
	ie->dev = (uint32_t)s->st.st_dev;
	ie->ino = (uint32_t)s->st.st_ino;
	ie->mode = (s->st.st_mode & S_IXUSR) ? GIT_FILEMODE_BLOB_EXECUTABLE :
					       GIT_FILEMODE_BLOB;
	ie->uid = (uint32_t)s->st.st_uid;
	ie->gid = (uint32_t)s->st.st_gid;
	ie->file_size = (uint32_t)s->st.st_size;
	ie->id = s->id;
	ie->path = path;
}

/*
 * The indexes gitindex.c leaves alone (version 4; none at all), through
 * libgit2, on a copy of the index beside it; the result goes into the
 * lock.  A missing index starts from tree (nothing of the user's is
 * staged), as `git reset` would make it.
 */
static int
index_write_libgit2(struct repo *r, struct gitlock *lock, git_tree *tree,
		    const struct strv *paths, const struct staged *staged)
{
	char *index = repo_git_path(r, "index");
	char *copy = xasprintf("%s.docket%ld", index, (long)getpid());
	git_index *idx = NULL;
	struct sb sb = SB_INIT;
	int had, e;

	sb_reset(&sb);
	had = read_file(index, &sb) == 0;
	if (had && (e = write_file_atomic(copy, sb.buf, sb.len, 0600)) < 0)
		goto out_errno;
	if ((e = git_index_open(&idx, copy)) < 0)
		goto out_git;
	if (!had && tree && (e = git_index_read_tree(idx, tree)) < 0)
		goto out_git;
	for (size_t i = 0; i < paths->n; i++) {
		git_index_conflict_remove(idx, paths->v[i]);
		if (staged[i].exists) {
			git_index_entry ie;

			index_entry_from(&ie, paths->v[i], &staged[i]);
			e = git_index_add(idx, &ie);
		} else {
			e = git_index_remove(idx, paths->v[i], 0);
			if (e == GIT_ENOTFOUND)
				e = 0;
		}
		if (e < 0)
			goto out_git;
	}
	if ((e = git_index_write(idx)) < 0)
		goto out_git;
	sb_reset(&sb);
	if ((e = read_file(copy, &sb)) < 0 ||
	    (e = gitlock_write(lock, sb.buf, sb.len)) < 0)
		goto out_errno;
	e = 0;
	goto out;
out_errno:
	e = dk_errno(DK_EIO, e, "cannot write .git/index");
	goto out;
out_git:
	e = dk_giterr("cannot write .git/index");
out:
	git_index_free(idx);
	unlink(copy);
	free(copy);
	free(index);
	sb_free(&sb);
	return e;
}

/* The index entries of paths, into the held index lock, which then
 * becomes the index.  tree: the commit's (for a missing index). */
static int
index_write(struct repo *r, struct gitlock *lock, git_tree *tree,
	    const struct strv *paths, const struct staged *staged)
{
	struct gitindex_path *gp = index_paths(paths, staged);
	int e = gitindex_write(lock->fd, git_repository_path(r->git), r->root,
			       gp, paths->n);

	free(gp);
	if (e == GITINDEX_NOT_HANDLED) {
		if (ftruncate(lock->fd, 0) < 0 || lseek(lock->fd, 0, SEEK_SET) < 0)
			return dk_errno(DK_EIO, errno, "cannot write .git/index");
		e = index_write_libgit2(r, lock, tree, paths, staged);
		if (e)
			return e;
	} else if (e < 0) {
		return dk_errno(DK_EIO, e, "cannot write .git/index%s",
				e == -EINVAL ? " (it does not parse)" : "");
	}
	if ((e = gitlock_commit(lock)))
		return dk_errno(DK_EIO, e, "cannot write .git/index");
	return 0;
}

/*
 * Can git's index take the commit's entries afterwards?  Asked before
 * committing: a commit whose index entries cannot follow would leave the
 * user's next `git commit` undoing it.
 */
static int
index_ready(struct repo *r)
{
	git_index *idx = NULL;
	int e = gitindex_probe(git_repository_path(r->git));

	if (!e)
		return 0;
	if (e == GITINDEX_CORRUPT)
		return dk_err(DK_EGIT, "%s", GITINDEX_CORRUPT_MSG);
	if (e == GITINDEX_NOT_HANDLED &&
	    !git_repository_index(&idx, r->git) && !git_index_read(idx, 1)) {
		git_index_free(idx);
		return 0;
	}
	git_index_free(idx);
	return dk_err(DK_EGIT, "git's index (.git/index) is in a form docket "
		      "cannot update (a split or sparse index?); nothing was "
		      "committed (try 'git update-index --no-split-index' or "
		      "'git sparse-checkout disable')");
}

/* ---- staging and the commit ---- */

static int
is_regular(const char *root, const char *path)
{
	char *full = path_join(root, path);
	struct stat st;
	int r = lstat(full, &st) == 0 && S_ISREG(st.st_mode);

	free(full);
	return r;
}

/*
 * The blob of a regular file, byte for byte.  (git_blob_create_from_workdir
 * would load git's whole index to look for .gitattributes in it; docket's
 * files take no filters.)  0 (s->exists 0 when path is not a regular
 * file), or an error.
 */
static int
stage_file(struct repo *r, const char *path, struct staged *s)
{
	char *full = path_join(r->root, path);
	int fd = open(full, O_RDONLY | O_NOFOLLOW | O_CLOEXEC), e = 0;
	struct sb sb = SB_INIT;

	s->exists = 0;
	if (fd < 0 || fstat(fd, &s->st) < 0 || !S_ISREG(s->st.st_mode)) {
		if (fd >= 0)
			close(fd);
		free(full);
		return 0;
	}
	close(fd);
	if ((e = read_file(full, &sb)) < 0)
		e = dk_errno(DK_EIO, e, "cannot read %s", path);
	else if (git_blob_create_from_buffer(&s->id, r->git, sb_str(&sb), sb.len) < 0)
		e = dk_giterr("cannot write a git object");
	else
		s->exists = 1;
	sb_free(&sb);
	free(full);
	return e;
}

/*
 * Is every object the commit made really there, whole: the commit, its
 * tree, each tree down to each path, each blob?  (On a full disk, libgit2
 * can report an object written that is not; a tree it did not write makes
 * a commit git cannot read.)
 */
static int
objects_whole(git_repository *git, const git_oid *commit,
	      const struct strv *paths, const struct staged *staged)
{
	git_odb *odb = NULL;
	git_odb_object *o = NULL;
	git_commit *c = NULL;
	git_tree *root = NULL;
	int e;

	if ((e = git_repository_odb(&odb, git)) < 0)
		return e;
	if (!(e = git_odb_read(&o, odb, commit)))
		git_odb_object_free(o);
	if (!e)
		e = git_commit_lookup(&c, git, commit);
	if (!e && !(e = git_odb_read(&o, odb, git_commit_tree_id(c))))
		git_odb_object_free(o);
	if (!e)
		e = git_commit_tree(&root, c);
	for (size_t i = 0; !e && i < paths->n; i++) {
		char *dir = xstrdup(paths->v[i]), *slash;

		/* every directory above the path: each a tree read whole */
		while (!e && (slash = strrchr(dir, '/'))) {
			git_tree_entry *te = NULL;

			*slash = '\0';
			e = git_tree_entry_bypath(&te, root, dir);
			if (e == GIT_ENOTFOUND) {
				e = 0;	/* its last file went, and it with it */
			} else if (!e) {
				if (!(e = git_odb_read(&o, odb, git_tree_entry_id(te))))
					git_odb_object_free(o);
				git_tree_entry_free(te);
			}
		}
		free(dir);
		if (!e && staged[i].exists && !(e = git_odb_read(&o, odb, &staged[i].id)))
			git_odb_object_free(o);
	}
	git_tree_free(root);
	git_commit_free(c);
	git_odb_free(odb);
	return e;
}

/* The new tree: base with paths put in or taken out. */
static int
make_tree(git_tree **out, struct repo *r, git_tree *base,
	  const struct strv *paths, const struct staged *staged)
{
	git_tree_update *up = xcalloc(paths->n + 1, sizeof(*up));
	git_oid oid;
	int e;

	for (size_t i = 0; i < paths->n; i++) {
		up[i].path = paths->v[i];
		if (staged[i].exists) {
			up[i].action = GIT_TREE_UPDATE_UPSERT;
			up[i].filemode = GIT_FILEMODE_BLOB;
			git_oid_cpy(&up[i].id, &staged[i].id);
		} else {
			up[i].action = GIT_TREE_UPDATE_REMOVE;
		}
	}
	e = git_tree_create_updated(&oid, r->git, base, paths->n, up);
	free(up);
	if (!e)
		e = git_tree_lookup(out, r->git, &oid);
	return e;
}

static char *
paths_list(const struct strv *paths)
{
	struct sb sb = SB_INIT;

	for (size_t i = 0; i < paths->n; i++)
		sb_addf(&sb, "%s%s", i ? " " : "", paths->v[i]);
	return sb_detach(&sb);
}

int
repo_commit(struct repo *r, const char *message, const struct strv *paths,
	    time_t when)
{
	struct gitlock ilock = GITLOCK_INIT, rlock = GITLOCK_INIT;
	git_signature *sig = NULL;
	git_commit *parent = NULL;
	git_tree *base = NULL, *tree = NULL;
	struct staged *staged = xcalloc(paths->n + 1, sizeof(*staged));
	char *name = NULL, *email = NULL, *ref = NULL, *file = NULL;
	char *reflog = NULL, hex[GIT_OID_HEXSZ + 1], *line = NULL;
	git_oid old, commit;
	int has_old, rc, e;

	if ((rc = repo_identity(r, &name, &email)))
		goto out;
	if (git_signature_new(&sig, name, email, (git_time_t)when,
			      tz_offset_minutes(when)) < 0) {
		rc = dk_giterr("bad git identity");
		goto out;
	}
	if ((rc = index_ready(r)) || (rc = head_target(r, &ref)))
		goto out;
	file = ref_file(r->git, "", ref);
	/* the index first, as git does; then the branch, read under its lock */
	line = repo_git_path(r, "index");
	rc = gitlock_take(r, r->git, &ilock, line);
	free(line);
	line = NULL;
	if (rc || (rc = gitlock_take(r, r->git, &rlock, file)))
		goto out;
	if (ref_value(r->git, ref, &old, &has_old) < 0) {
		rc = dk_giterr("cannot read HEAD");
		goto out;
	}
	if (has_old && ((e = git_commit_lookup(&parent, r->git, &old)) < 0 ||
			(e = git_commit_tree(&base, parent)) < 0)) {
		rc = dk_giterr("cannot read HEAD's commit");
		goto out;
	}
	for (size_t i = 0; i < paths->n; i++)
		if ((rc = stage_file(r, paths->v[i], &staged[i])))
			goto out;
	if ((e = make_tree(&tree, r, base, paths, staged)) < 0 ||
	    (e = git_commit_create(&commit, r->git, NULL, sig, sig, NULL,
				   message, tree, parent ? 1 : 0,
				   (const git_commit **)&parent)) < 0 ||
	    (e = objects_whole(r->git, &commit, paths, staged)) < 0) {
		rc = dk_giterr("cannot commit");
		goto out;
	}
	git_oid_tostr(hex, sizeof(hex), &commit);
	line = xasprintf("commit %s\n", hex);
	if ((rc = journal_append(r, line)))
		goto out;
	reflog = xasprintf("commit%s: %.*s", parent ? "" : " (initial)",
			   (int)strcspn(message, "\n"), message);
	if ((rc = ref_move(r, r->git, &rlock, ref, &old, has_old, &commit, sig, reflog)))
		goto out;
	/* committed: from here on only git's index may lag behind */
	if ((e = index_write(r, &ilock, tree, paths, staged))) {
		char *list = paths_list(paths);

		r->keep_journal = 1;
		strv_push_owned(&r->notices, xasprintf(
			"warning: committed, but git's index was not updated (%s); "
			"the next docket command brings it in line, or run "
			"'git reset -q -- %s'", dk_errmsg(), list));
		free(list);
	}
	repo_journal_end(r);
out:
	gitlock_release(&rlock);
	gitlock_release(&ilock);
	git_tree_free(tree);
	git_tree_free(base);
	git_commit_free(parent);
	git_signature_free(sig);
	free(line);
	free(staged);
	free(reflog);
	free(file);
	free(ref);
	free(name);
	free(email);
	return rc;
}

/* The signature of a log line: the git identity, at when. */
static int
log_signature(struct repo *r, git_signature **out, time_t when)
{
	char *name = NULL, *email = NULL;
	int rc = repo_identity(r, &name, &email);

	if (!rc && git_signature_new(out, name, email, (git_time_t)when,
				     tz_offset_minutes(when)) < 0)
		rc = dk_giterr("bad git identity");
	free(name);
	free(email);
	return rc;
}

int
repo_ref_update(struct repo *r, git_repository *where, const char *name,
		const git_oid *old, const git_oid *new, const char *msg,
		time_t when)
{
	struct gitlock lock = GITLOCK_INIT;
	git_signature *sig = NULL;
	char *file = ref_file(where, "", name);
	git_oid now;
	int had_journal = r->journal, has, rc;

	if ((rc = log_signature(r, &sig, when)) ||
	    (rc = gitlock_take(r, where, &lock, file)))
		goto out;
	if (ref_value(where, name, &now, &has) < 0) {
		rc = dk_giterr("cannot read a ref");
		goto out;
	}
	if (has != (old != NULL) || (has && !git_oid_equal(&now, old))) {
		rc = 1;		/* it moved: the caller decides */
		goto out;
	}
	rc = ref_move(r, where, &lock, name, old, has, new, sig, msg);
out:
	gitlock_release(&lock);
	if (!had_journal)
		repo_journal_end(r);
	git_signature_free(sig);
	free(file);
	return rc;
}

/* ---- moving the branch and the work tree (sync) ---- */

/* A path the move changes: what the new tree has there, if anything. */
struct moved {
	char *path;
	git_oid id;
	git_filemode_t mode;
	int exists;
};

struct move {
	struct moved *v;
	size_t n, cap;
};

static int
collect_moved(const git_diff_delta *d, float progress, void *payload)
{
	struct move *m = payload;
	struct moved *x;

	(void)progress;
	GROW(m->v, m->cap, m->n + 1);
	x = &m->v[m->n++];
	memset(x, 0, sizeof(*x));
	x->exists = d->status != GIT_DELTA_DELETED;
	x->path = xstrdup(x->exists ? d->new_file.path : d->old_file.path);
	if (x->exists) {
		x->id = d->new_file.id;
		x->mode = (git_filemode_t)d->new_file.mode;
	}
	return 0;
}

static void
move_free(struct move *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i].path);
	free(m->v);
}

/*
 * Would writing x lose anything of the user's?  Not when the index and
 * the file are what the old tree has there (or already what the new one
 * has).  Nothing is written: 1 when in the way, else 0.
 */
static int
in_the_way(struct repo *r, git_index *idx, git_tree *from,
	   const struct moved *x)
{
	char *full = path_join(r->root, x->path);
	git_tree_entry *te = NULL;
	const git_index_entry *ie = git_index_get_bypath(idx, x->path, 0);
	int had = from && !git_tree_entry_bypath(&te, from, x->path);
	int way = 0;
	struct stat st;
	git_oid wt;

	for (int stage = 1; stage <= 3; stage++)
		if (git_index_get_bypath(idx, x->path, stage))
			way = 1;	/* a conflict the user is resolving */
	if (had != (ie != NULL) ||
	    (ie && !git_oid_equal(&ie->id, git_tree_entry_id(te))))
		way = 1;	/* staged work */
	if (lstat(full, &st) < 0) {
		way |= had && errno == ENOENT && x->exists;	/* deleted */
	} else if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) {
		way = 1;	/* a directory where a file goes */
	} else if (git_odb_hashfile(&wt, full, GIT_OBJECT_BLOB) < 0) {
		way = 1;
	} else if (!(had && git_oid_equal(&wt, git_tree_entry_id(te))) &&
		   !(x->exists && git_oid_equal(&wt, &x->id))) {
		way = 1;	/* changed, or untracked, by the user */
	}
	git_tree_entry_free(te);
	free(full);
	return way;
}

/* Remove the empty directories above rel, up to the work tree. */
static void
prune_dirs(struct repo *r, const char *rel)
{
	char *dir = path_join(r->root, rel), *slash;
	size_t top = strlen(r->root);

	while ((slash = strrchr(dir, '/')) && (size_t)(slash - dir) > top) {
		*slash = '\0';
		if (rmdir(dir) < 0)
			break;
	}
	free(dir);
}

/* Write the new tree's version of x (a temporary file renamed over it). */
static int
put_moved(struct repo *r, const struct moved *x, struct staged *s)
{
	char *full = path_join(r->root, x->path), *slash;
	git_blob *b = NULL;
	int e;

	if ((slash = strrchr(x->path, '/'))) {
		char *dir = xstrndup(x->path, (size_t)(slash - x->path));

		e = mkdirs(r->root, dir, dir_mode & 07777);
		free(dir);
		if (e < 0)
			goto fail;
	}
	if (git_blob_lookup(&b, r->git, &x->id) < 0) {
		e = dk_giterr("cannot read a file of the merge");
		goto out;
	}
	if (x->mode == GIT_FILEMODE_LINK) {
		char *tmp = xasprintf("%s.docket%ld", full, (long)getpid());
		char *target = xstrndup(git_blob_rawcontent(b),
					(size_t)git_blob_rawsize(b));

		unlink(tmp);
		e = symlink(target, tmp) < 0 || rename(tmp, full) < 0 ? -errno : 0;
		if (e)
			unlink(tmp);
		free(target);
		free(tmp);
	} else {
		e = write_file_atomic(full, git_blob_rawcontent(b),
				       (size_t)git_blob_rawsize(b),
				       x->mode == GIT_FILEMODE_BLOB_EXECUTABLE ?
				       (file_mode | ((file_mode & 0444) >> 2)) :
				       file_mode);
	}
	git_blob_free(b);
	if (e < 0)
		goto fail;
	s->exists = 1;
	s->id = x->id;
	if (lstat(full, &s->st) < 0) {
		e = -errno;
		goto fail;
	}
	e = 0;
	goto out;
fail:
	e = dk_errno(DK_EIO, e, "cannot write %s", x->path);
out:
	free(full);
	return e;
}

int
repo_advance(struct repo *r, const char *from, const char *to,
	     const char *why)
{
	struct gitlock ilock = GITLOCK_INIT, rlock = GITLOCK_INIT;
	struct move m = { NULL, 0, 0 };
	struct strv paths = STRV_INIT;
	struct staged *staged = NULL;
	git_signature *sig = NULL;
	git_commit *fc = NULL, *tc = NULL;
	git_tree *ft = NULL, *tt = NULL;
	git_index *idx = NULL;
	git_diff *diff = NULL;
	git_oid fid, tid, now;
	struct sb busy = SB_INIT;
	char *ref = NULL, *file = NULL, *index = NULL, *line = NULL;
	int has, nbusy = 0, rc, e;

	if ((rc = log_signature(r, &sig, time(NULL))) ||
	    (rc = head_target(r, &ref)))
		goto out;
	if (!strcmp(ref, "HEAD")) {
		rc = dk_err(DK_EINVAL, "HEAD is not on a branch (detached); "
			    "check out the firm's branch first");
		goto out;
	}
	if ((*from && (git_oid_fromstr(&fid, from) < 0 ||
		       git_commit_lookup(&fc, r->git, &fid) < 0 ||
		       git_commit_tree(&ft, fc) < 0)) ||
	    git_oid_fromstr(&tid, to) < 0 ||
	    git_commit_lookup(&tc, r->git, &tid) < 0 ||
	    git_commit_tree(&tt, tc) < 0) {
		rc = dk_giterr("cannot read the commits to check out");
		goto out;
	}
	file = ref_file(r->git, "", ref);
	index = repo_git_path(r, "index");
	if ((rc = gitlock_take(r, r->git, &ilock, index)) ||
	    (rc = gitlock_take(r, r->git, &rlock, file)))
		goto out;
	if (ref_value(r->git, ref, &now, &has) < 0 || has != (*from != 0) ||
	    (has && !git_oid_equal(&now, &fid))) {
		rc = dk_err(DK_EBUSY, "the branch moved while docket was "
			    "updating it; nothing changed, try again");
		goto out;
	}
	if (git_diff_tree_to_tree(&diff, r->git, ft, tt, NULL) < 0 ||
	    git_diff_foreach(diff, collect_moved, NULL, NULL, NULL, &m) < 0 ||
	    git_repository_index(&idx, r->git) < 0 ||
	    git_index_read(idx, 1) < 0) {
		rc = dk_giterr("cannot compare the trees");
		goto out;
	}
	for (size_t i = 0; i < m.n; i++)
		if (in_the_way(r, idx, ft, &m.v[i]) && nbusy++ < 20)
			sb_addf(&busy, "%s%s", nbusy > 1 ? ", " : "", m.v[i].path);
	if (nbusy) {
		rc = dk_err(DK_ECONFLICT, "your uncommitted changes to %s "
			    "would be overwritten; commit them (or set them "
			    "aside with 'git stash') and try again", busy.buf);
		goto out;
	}
	/* the journal names the move and every path before any is written */
	line = xasprintf("advance %s %s\n", *from ? from : "-", to);
	if ((rc = journal_open(r)) || (rc = journal_append(r, line)))
		goto out;
	for (size_t i = 0; i < m.n; i++) {
		free(line);
		line = xasprintf("tree-path %s\n", m.v[i].path);
		if (strchr(m.v[i].path, '\n')) {
			rc = dk_err(DK_EINVAL, "a path with a line break cannot "
				    "be written: '%s'", m.v[i].path);
			goto out;
		}
		if ((rc = journal_append(r, line)))
			goto out;
		strv_push(&paths, m.v[i].path);
	}
	staged = xcalloc(m.n + 1, sizeof(*staged));
	/* what goes first, then what comes: a file may become a directory */
	for (size_t i = 0; i < m.n; i++)
		if (!m.v[i].exists) {
			char *full = path_join(r->root, m.v[i].path);

			e = unlink(full) < 0 && errno != ENOENT ? -errno : 0;
			free(full);
			if (e) {
				rc = dk_errno(DK_EIO, e, "cannot remove %s", m.v[i].path);
				goto out;
			}
			prune_dirs(r, m.v[i].path);
		}
	for (size_t i = 0; i < m.n; i++)
		if (m.v[i].exists && (rc = put_moved(r, &m.v[i], &staged[i])))
			goto out;
	if ((rc = ref_move(r, r->git, &rlock, ref, &fid, *from != 0, &tid, sig,
			   why)))
		goto out;
	if ((rc = index_write(r, &ilock, tt, &paths, staged))) {
		/* the branch has moved; the next writer indexes the files */
		r->keep_journal = 1;
		strv_push_owned(&r->notices, xasprintf(
			"warning: the branch moved, but git's index was not "
			"updated (%s); the next docket command brings it in line",
			dk_errmsg()));
		rc = 0;
	}
	repo_journal_end(r);
out:
	gitlock_release(&rlock);
	gitlock_release(&ilock);
	if (rc && r->journal && paths.n) {
		/* failed before the branch moved: the files go back now (or,
		 * when even that fails, with the next writer) */
		char *first = xstrdup(dk_errmsg());

		if (recover(r))
			rc = dk_err(rc, "%s; %s", first, dk_errmsg());
		else
			rc = dk_err(rc, "%s", first);
		strv_free(&r->notices);
		free(first);
	} else if (rc && r->journal) {
		repo_journal_end(r);
	}
	git_diff_free(diff);
	git_index_free(idx);
	git_tree_free(ft);
	git_tree_free(tt);
	git_commit_free(fc);
	git_commit_free(tc);
	git_signature_free(sig);
	move_free(&m);
	strv_free(&paths);
	free(staged);
	sb_free(&busy);
	free(line);
	free(index);
	free(file);
	free(ref);
	return rc;
}

/* ---- recovery ---- */

/* Keep a copy of a file recovery is about to replace. */
static void
keep_copy(struct repo *r, const char *rel, const char *full)
{
	char *base = repo_git_path(r, RECOVERED);
	char *dst = path_join(base, rel);
	char *slash = strrchr(dst, '/');
	struct sb sb = SB_INIT;

	if (read_file(full, &sb) == 0) {
		*slash = '\0';
		mkdir(base, 0700);
		mkdirs(base, dst + strlen(base) + 1, 0700);
		*slash = '/';
		write_file_atomic(dst, sb.buf, sb.len, 0600);
		strv_push_owned(&r->notices, xasprintf("kept a copy of %s in "
							".git/%s/%s", rel,
							RECOVERED, rel));
	}
	sb_free(&sb);
	free(dst);
	free(base);
}

/* Remove the ".NAME.tmpPID" files write_file_atomic may have left. */
static void
remove_temps(const char *full)
{
	char *dir = xstrdup(full), *slash = strrchr(dir, '/');
	char *prefix;
	DIR *d;
	struct dirent *e;

	if (!slash) {
		free(dir);
		return;
	}
	*slash = '\0';
	prefix = xasprintf(".%s.tmp", slash + 1);
	if ((d = opendir(dir))) {
		while ((e = readdir(d)))
			if (has_prefix(e->d_name, prefix)) {
				char *t = path_join(dir, e->d_name);

				unlink(t);
				free(t);
			}
		closedir(d);
	}
	free(prefix);
	free(dir);
}

/*
 * Put one journaled path right against HEAD's tree: a file that is HEAD's
 * goes into the index as it is; any other goes back to HEAD's version (or
 * away), with a copy kept (keep: what a command wrote, not a file of a
 * commit that sync was checking out).  *rolled counts what went back.  0, or an
 * error when the file cannot be put back (a full disk).
 */
static int
recover_path(struct repo *r, git_tree *head, const char *rel, int keep,
	     struct staged *s, int *rolled)
{
	char *full = path_join(r->root, rel);
	git_tree_entry *te = NULL;
	git_oid wt;
	int in_head = head && !git_tree_entry_bypath(&te, head, rel);
	int exists = is_regular(r->root, rel);
	int e = 0;

	remove_temps(full);
	if (exists && in_head &&
	    !git_odb_hashfile(&wt, full, GIT_OBJECT_BLOB) &&
	    git_oid_equal(&wt, git_tree_entry_id(te))) {
		e = stage_file(r, rel, s);	/* as HEAD has it */
	} else if (in_head) {
		git_blob *b = NULL;

		if (exists && keep)
			keep_copy(r, rel, full);
		if (git_blob_lookup(&b, r->git, git_tree_entry_id(te)) < 0) {
			e = dk_giterr("cannot read HEAD's version");
		} else if ((e = write_file_atomic(full, git_blob_rawcontent(b),
						  (size_t)git_blob_rawsize(b),
						  file_mode)) < 0) {
			e = dk_errno(DK_EIO, e, "cannot put %s back", rel);
		} else {
			e = stage_file(r, rel, s);
			++*rolled;
		}
		git_blob_free(b);
	} else {
		if (exists) {
			if (keep)
				keep_copy(r, rel, full);
			if (unlink(full) < 0)
				e = dk_errno(DK_EIO, errno, "cannot remove %s", rel);
			else
				++*rolled;
		}
		s->exists = 0;
	}
	git_tree_entry_free(te);
	free(full);
	return e;
}

/* A lock a dead docket made: remove it while it is still the same file
 * as docket's own name for it (nobody else's lock has that inode). */
static void
recover_lock(const char *lock, const char *tmp)
{
	struct stat a, b;

	if (!lstat(tmp, &a) && !lstat(lock, &b) && a.st_dev == b.st_dev &&
	    a.st_ino == b.st_ino)
		unlink(lock);
	unlink(tmp);
}

/*
 * After a writer died mid-change.  The journal holds its pid, the paths
 * it wrote, the lock files it made and the commit it was about to put on
 * the branch.  Its locks go; if the branch has its commit, the index is
 * brought in line; else every path goes back to HEAD's version.
 */
static int
recover(struct repo *r)
{
	char *path = repo_git_path(r, JOURNAL);
	struct sb sb = SB_INIT;
	struct strv paths = STRV_INIT, tree_paths = STRV_INIT;
	struct staged *staged = NULL;
	struct gitlock ilock = GITLOCK_INIT;
	git_commit *head = NULL;
	git_tree *tree = NULL;
	git_oid commit, tip, moved_to;
	const char *p;
	long pid = 0;
	int rolled = 0, landed = 0, has_commit = 0, advance = 0, rc = 0;

	if (read_file(path, &sb) < 0) {
		free(path);
		return 0;
	}
	if (sscanf(sb_str(&sb), "docket-journal %ld\n", &pid) != 1) {
		/* nothing was written before the journal's first line */
		unlink(path);
		goto out;
	}
	for (p = sb_str(&sb); (p = strchr(p, '\n')) && p[1]; ) {
		const char *s = p + 1, *e = strchr(s, '\n');
		char *l;

		if (!e)
			break;	/* a line cut short: what it names never began */
		l = xstrndup(s, (size_t)(e - s));
		if (has_prefix(l, "path "))
			strv_push(&paths, l + 5);
		else if (has_prefix(l, "tree-path ")) {
			strv_push(&paths, l + 10);
			strv_push(&tree_paths, l + 10);
		} else if (has_prefix(l, "advance ") && strlen(l) > 8 + 41 &&
			   !git_oid_fromstr(&moved_to, l + strlen(l) - 40))
			advance = 1;
		else if (has_prefix(l, "commit ") &&
			 !git_oid_fromstr(&commit, l + 7))
			has_commit = 1;
		else if (has_prefix(l, "lock ") && strchr(l, '\t')) {
			char *tab = strchr(l, '\t');

			*tab = '\0';
			recover_lock(l + 5, tab + 1);
		}
		free(l);
		p = e;
	}
	r->journal = 1;		/* what recovery locks goes in it too */
	if (has_commit && !git_reference_name_to_id(&tip, r->git, "HEAD"))
		landed = git_oid_equal(&tip, &commit) ||
			 git_graph_descendant_of(r->git, &tip, &commit) == 1;
	if (advance && !git_reference_name_to_id(&tip, r->git, "HEAD"))
		landed = git_oid_equal(&tip, &moved_to) ||
			 git_graph_descendant_of(r->git, &tip, &moved_to) == 1;
	strv_sort(&paths);
	for (size_t i = 1; i < paths.n; i++)
		if (!strcmp(paths.v[i - 1], paths.v[i])) {
			free(paths.v[i - 1]);
			memmove(paths.v + i - 1, paths.v + i,
				(paths.n - i) * sizeof(*paths.v));
			paths.n--;
			i--;
		}
	if (paths.n) {
		char *index;

		if ((rc = repo_head_commit(&head, r->git)) < 0) {
			rc = dk_giterr("cannot read HEAD");
			goto fail;
		}
		if (head && git_commit_tree(&tree, head) < 0) {
			rc = dk_giterr("cannot read HEAD's tree");
			goto fail;
		}
		index = repo_git_path(r, "index");
		rc = gitlock_take(r, r->git, &ilock, index);
		free(index);
		if (rc)
			goto fail;
		staged = xcalloc(paths.n, sizeof(*staged));
		for (size_t i = 0; i < paths.n; i++)
			if ((rc = recover_path(r, tree, paths.v[i],
					       !strv_has(&tree_paths, paths.v[i]),
					       &staged[i], &rolled)))
				goto fail;
		if ((rc = index_write(r, &ilock, tree, &paths, staged)))
			goto fail;
	}
	if (advance && landed)
		strv_push_owned(&r->notices, xasprintf(
			"an earlier docket sync (pid %ld) was interrupted after "
			"moving the branch; its files are in place now", pid));
	else if (advance)
		strv_push_owned(&r->notices, xasprintf(
			"an earlier docket sync (pid %ld) was interrupted before "
			"moving the branch; the files it had written are as they "
			"were (run 'docket sync' again)", pid));
	else if (rolled)
		strv_push_owned(&r->notices, xasprintf(
			"an earlier docket command (pid %ld) was interrupted; its "
			"unfinished change to %d file%s was undone", pid, rolled,
			rolled == 1 ? "" : "s"));
	else if (landed)
		/* killed after its commit, or its disk filled as it wrote git's
		 * index: either way the commit stands */
		strv_push_owned(&r->notices, xasprintf(
			"an earlier docket command (pid %ld) left git's index behind "
			"its commit; its index entries are up to date now", pid));
	unlink(path);
	r->journal = 0;
	goto out;
fail:
	/* the journal stays: the next writer tries again */
	rc = dk_err(rc, "an earlier docket command (pid %ld) was interrupted "
		    "and its change cannot be put right yet: %s", pid,
		    dk_errmsg());
out:
	gitlock_release(&ilock);
	git_tree_free(tree);
	git_commit_free(head);
	strv_free(&paths);
	strv_free(&tree_paths);
	free(staged);
	sb_free(&sb);
	free(path);
	return rc;
}

/* ---- the writers' lock ---- */

int
repo_lock(struct repo *r)
{
	char *path = repo_git_path(r, "docket.lock");
	double limit = lock_limit();
	struct timespec start;
	int fd, rc;

	if (r->lock_fd >= 0) {
		free(path);
		return 0;
	}
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, file_mode);
	free(path);
	if (fd < 0)
		return dk_errno(DK_EIO, errno, "cannot open the lock .git/docket.lock");
	clock_gettime(CLOCK_MONOTONIC, &start);
	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			close(fd);
			return dk_errno(DK_EIO, errno, "cannot lock .git/docket.lock");
		}
		if (seconds_since(&start) >= limit) {
			close(fd);
			return dk_err(DK_EBUSY, "busy, try again: another docket "
				      "command has held the firm's lock for "
				      "%.0f seconds", limit);
		}
		nap();
	}
	r->lock_fd = fd;
	if ((rc = recover(r)))
		repo_unlock(r);
	return rc;
}

void
repo_unlock(struct repo *r)
{
	if (r->lock_fd >= 0) {
		flock(r->lock_fd, LOCK_UN);
		close(r->lock_fd);
		r->lock_fd = -1;
	}
}
