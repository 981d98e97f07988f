/*
 * repo-index.c - git's index after a commit: the files of a commit
 * staged as blobs, and their entries written into git's index under its
 * lock: by gitindex.c for the indexes it takes, else by libgit2.
 */
#include "docket/repo.h"
#include "docket/error.h"
#include "docket/gitindex.h"
#include "repo-git.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- staging ---- */

int
repo_is_regular(const char *root, const char *path)
{
	char *full = path_join(root, path);
	struct stat st;
	int r = lstat(full, &st) == 0 && S_ISREG(st.st_mode);

	free(full);
	return r;
}

/*
 * (git_blob_create_from_workdir would load git's whole index to look for
 * .gitattributes in it; docket's files take no filters.)
 */
int
repo_stage_file(struct repo *r, const char *path, struct staged *s)
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
		e = dk_errno(DK_EIO, dk_errnum(), "cannot read %s", path);
	else if (git_blob_create_from_buffer(&s->id, r->git, sb_str(&sb), sb.len) < 0)
		e = dk_giterr("cannot write a git object");
	else
		s->exists = 1;
	sb_free(&sb);
	free(full);
	return e;
}

/* ---- the index ---- */

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
	e = dk_errno(DK_EIO, dk_errnum(), "cannot write .git/index");
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

int
repo_index_fill(struct repo *r, struct gitlock *lock, git_tree *tree,
		const struct strv *paths, const struct staged *staged)
{
	struct gitindex_path *gp = index_paths(paths, staged);
	int e = gitindex_write(lock->fd, git_repository_path(r->git), r->root,
			       gp, paths->n);

	free(gp);
	if (e == GITINDEX_NOT_HANDLED) {
		if (ftruncate(lock->fd, 0) < 0 || lseek(lock->fd, 0, SEEK_SET) < 0)
			return dk_errno(DK_EIO, errno, "cannot write .git/index");
		return index_write_libgit2(r, lock, tree, paths, staged);
	}
	if (e < 0)
		return dk_errno(DK_EIO, dk_errnum(), "cannot write .git/index%s",
				e == DK_EPARSE ? " (it does not parse)" : "");
	return 0;
}

int
repo_index_write(struct repo *r, struct gitlock *lock, git_tree *tree,
		 const struct strv *paths, const struct staged *staged)
{
	int e = repo_index_fill(r, lock, tree, paths, staged);

	if (!e && gitlock_commit(lock))
		e = dk_errno(DK_EIO, dk_errnum(), "cannot write .git/index");
	return e;
}

int
repo_index_restore(struct repo *r, git_tree *tree, const struct strv *paths)
{
	struct gitlock lock = GITLOCK_INIT;
	struct staged *s = xcalloc(paths->n + 1, sizeof(*s));
	char *index = repo_git_path(r, "index");
	int e = gitlock_take(r, r->git, &lock, index);

	/* tree's entries, with no stat data: git compares their content */
	for (size_t i = 0; !e && i < paths->n; i++) {
		git_tree_entry *te = NULL;

		if (tree && !git_tree_entry_bypath(&te, tree, paths->v[i])) {
			s[i].exists = 1;
			s[i].id = *git_tree_entry_id(te);
			s[i].st.st_mode = S_IFREG | 0644;
			git_tree_entry_free(te);
		}
	}
	if (!e)
		e = repo_index_write(r, &lock, tree, paths, s);
	gitlock_release(&lock);
	free(index);
	free(s);
	return e;
}

/*
 * Asked before committing: a commit whose index entries cannot follow
 * would leave the user's next `git commit` undoing it.
 */
int
repo_index_ready(struct repo *r)
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
