/*
 * repo-lock.c - the writers' lock (.git/docket.lock), and the recovery
 * its taker makes first: what a writer that died mid-change left (see the
 * journal in repo.h) is put right.
 */
#include "docket/repo.h"
#include "docket/error.h"
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

/* ---- recovery ---- */

/* Keep a copy of a file recovery is about to replace. */
static void
keep_copy(struct repo *r, const char *rel, const char *full)
{
	char *base = repo_git_path(r, REPO_RECOVERED);
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
							REPO_RECOVERED, rel));
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
	int exists = repo_is_regular(r->root, rel);
	int e = 0;

	remove_temps(full);
	if (exists && in_head &&
	    !git_odb_hashfile(&wt, full, GIT_OBJECT_BLOB) &&
	    git_oid_equal(&wt, git_tree_entry_id(te))) {
		e = repo_stage_file(r, rel, s);	/* as HEAD has it */
	} else if (in_head) {
		git_blob *b = NULL;

		if (exists && keep)
			keep_copy(r, rel, full);
		if (git_blob_lookup(&b, r->git, git_tree_entry_id(te)) < 0) {
			e = dk_giterr("cannot read HEAD's version");
		} else if ((e = write_file_atomic(full, git_blob_rawcontent(b),
						  (size_t)git_blob_rawsize(b),
						  file_mode)) < 0) {
			e = dk_errno(DK_EIO, dk_errnum(), "cannot put %s back",
				     rel);
		} else {
			e = repo_stage_file(r, rel, s);
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
int
repo_recover(struct repo *r)
{
	char *path = repo_git_path(r, REPO_JOURNAL);
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
		if ((rc = repo_index_write(r, &ilock, tree, &paths, staged)))
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
		/* killed between moving the branch and tidying up: git's
		 * index had its entries already */
		strv_push_owned(&r->notices, xasprintf(
			"an earlier docket command (pid %ld) was interrupted after "
			"its commit, which stands", pid));
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
	double limit = repo_lock_limit();
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
		if (repo_seconds_since(&start) >= limit) {
			close(fd);
			return dk_err(DK_EBUSY, "busy, try again: another docket "
				      "command has held the firm's lock for "
				      "%.0f seconds", limit);
		}
		repo_nap();
	}
	r->lock_fd = fd;
	if ((rc = repo_recover(r)))
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
