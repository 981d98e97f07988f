/*
 * repo-commit.c - commits: one commit of a few paths, a ref moved under
 * its lock with its log line, and the branch and the work tree moved
 * together (sync's fast-forward and merge).
 *
 * A commit is one transaction, as git's own `git commit` is: take git's
 * index lock, take the branch's lock and read its value under it, write
 * the objects, move the branch from that value, write the index, release.
 * A user's git command that wants the index in between waits or refuses;
 * nothing of theirs is built on an index that lags behind the branch.
 * Every step is in the journal first (repo-journal.c), so that a writer
 * that dies half way is put right by the next (repo-lock.c).
 */
#include "docket/repo.h"
#include "docket/date.h"
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
		e = errno ? errno : ENOSPC;
	if (fd >= 0 && close(fd) < 0 && !e)
		e = errno;
	if (e)
		dk_errno(DK_EIO, e, "cannot write the log of %s", name);
	sb_free(&line);
	free(path);
	return e ? DK_EIO : 0;
}

/*
 * The locked ref made ready to move to new: the new value in its lock,
 * its logs (and HEAD's, when HEAD is on it) written, as git writes them
 * before it moves a ref.  Nothing is moved yet.
 */
static int
ref_prepare(struct repo *r, git_repository *git, struct gitlock *lock,
	    const char *name, const git_oid *old, int has_old,
	    const git_oid *new, const git_signature *sig, const char *msg)
{
	git_oid zero;
	char hex[GIT_OID_HEXSZ + 2];
	int e;

	memset(&zero, 0, sizeof(zero));
	git_oid_tostr(hex, GIT_OID_HEXSZ + 1, new);
	strcat(hex, "\n");
	if (gitlock_write(lock, hex, GIT_OID_HEXSZ + 1))
		return dk_errno(DK_EIO, dk_errnum(), "cannot write %s",
				repo_shown(r, lock->path));
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
	}
	return e;
}

/* The prepared lock becomes the ref; then it is read back. */
static int
ref_finish(git_repository *git, struct gitlock *lock, const char *name,
	   const git_oid *new)
{
	git_oid now;
	int has;

	if (gitlock_commit(lock))
		return dk_errno(DK_EIO, dk_errnum(), "cannot move %s", name);
	/* the commit, or (the lock is gone: a user's git commit may come
	 * at once) a commit built on it */
	if (ref_value(git, name, &now, &has) < 0 || !has ||
	    (!git_oid_equal(&now, new) &&
	     git_graph_descendant_of(git, &now, new) != 1))
		return dk_err(DK_EIO, "%s does not read back as the commit "
			      "docket wrote", name);
	return 0;
}

/* The ref moved: its logs, then the ref itself, as git does. */
static int
ref_move(struct repo *r, git_repository *git, struct gitlock *lock,
	 const char *name, const git_oid *old, int has_old, const git_oid *new,
	 const git_signature *sig, const char *msg)
{
	int e = ref_prepare(r, git, lock, name, old, has_old, new, sig, msg);

	return e ? e : ref_finish(git, lock, name, new);
}

/* ---- the commit ---- */

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

int
repo_commit(struct repo *r, const char *message, const struct strv *paths,
	    time_t when)
{
	struct gitlock ilock = GITLOCK_INIT, rlock = GITLOCK_INIT;
	git_signature *sig = NULL;
	git_commit *parent = NULL;
	git_tree *base = NULL, *tree = NULL;
	struct staged *staged = xcalloc(paths->n + 1, sizeof(*staged));
	char *ref = NULL, *file = NULL;
	char *reflog = NULL, hex[GIT_OID_HEXSZ + 1], *line = NULL;
	git_oid old, commit;
	int has_old, rc, e;

	if ((rc = repo_signature(r, &sig, when)) ||
	    (rc = repo_index_ready(r)) || (rc = head_target(r, &ref)))
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
		if ((rc = repo_stage_file(r, paths->v[i], &staged[i])))
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
	if ((rc = repo_journal_append(r, line)))
		goto out;
	reflog = xasprintf("commit%s: %.*s", parent ? "" : " (initial)",
			   (int)strcspn(message, "\n"), message);
	/*
	 * The index before the branch: from the moment the branch has the
	 * commit, git's index already has its entries.  (git's own commit
	 * reads the index before it takes the lock; were the branch first,
	 * a git commit reading in between would build on an index without
	 * docket's entries and undo them.  This way it reads either the old
	 * branch, and its own move of the branch fails, or the new index.)
	 */
	if ((rc = repo_index_fill(r, &ilock, tree, paths, staged)) ||
	    (rc = ref_prepare(r, r->git, &rlock, ref, &old, has_old, &commit,
			      sig, reflog)))
		goto out;
	if (gitlock_commit(&ilock)) {
		rc = dk_errno(DK_EIO, dk_errnum(), "cannot write .git/index");
		goto out;
	}
	if ((rc = ref_finish(r->git, &rlock, ref, &commit))) {
		/* not committed: the index entries go back as they were */
		char *why = xstrdup(dk_errmsg());

		if (repo_index_restore(r, base, paths))
			r->keep_journal = 1;	/* the next writer puts it right */
		rc = dk_err(rc, "%s", why);
		free(why);
		goto out;
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

	if ((rc = repo_signature(r, &sig, when)) ||
	    (rc = gitlock_take(r, where, &lock, file)))
		goto out;
	if (ref_value(where, name, &now, &has) < 0) {
		rc = dk_giterr("cannot read a ref");
		goto out;
	}
	if (has != (old != NULL) || (has && !git_oid_equal(&now, old))) {
		/* it moved: the caller decides */
		rc = dk_err(DK_EMOVED, "%s moved meanwhile", name);
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
		e = symlink(target, tmp) < 0 || rename(tmp, full) < 0 ?
		    dk_syserr(DK_EIO, errno) : 0;
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
		e = dk_syserr(DK_EIO, errno);
		goto fail;
	}
	e = 0;
	goto out;
fail:
	e = dk_errno(DK_EIO, dk_errnum(), "cannot write %s", x->path);
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

	if ((rc = repo_signature(r, &sig, time(NULL))) ||
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
	if ((rc = repo_journal_open(r)) || (rc = repo_journal_append(r, line)))
		goto out;
	for (size_t i = 0; i < m.n; i++) {
		free(line);
		line = xasprintf("tree-path %s\n", m.v[i].path);
		if (strchr(m.v[i].path, '\n')) {
			rc = dk_err(DK_EINVAL, "a path with a line break cannot "
				    "be written: '%s'", m.v[i].path);
			goto out;
		}
		if ((rc = repo_journal_append(r, line)))
			goto out;
		strv_push(&paths, m.v[i].path);
	}
	staged = xcalloc(m.n + 1, sizeof(*staged));
	/* what goes first, then what comes: a file may become a directory */
	for (size_t i = 0; i < m.n; i++)
		if (!m.v[i].exists) {
			char *full = path_join(r->root, m.v[i].path);

			e = unlink(full) < 0 && errno != ENOENT ? errno : 0;
			free(full);
			if (e) {
				rc = dk_errno(DK_EIO, e, "cannot remove %s",
					      m.v[i].path);
				goto out;
			}
			prune_dirs(r, m.v[i].path);
		}
	for (size_t i = 0; i < m.n; i++)
		if (m.v[i].exists && (rc = put_moved(r, &m.v[i], &staged[i])))
			goto out;
	/* the index before the branch, as a commit does (see repo_commit);
	 * a failure until the branch has moved puts files and index back */
	if ((rc = repo_index_fill(r, &ilock, tt, &paths, staged)) ||
	    (rc = ref_prepare(r, r->git, &rlock, ref, &fid, *from != 0, &tid,
			      sig, why)))
		goto out;
	if (gitlock_commit(&ilock)) {
		rc = dk_errno(DK_EIO, dk_errnum(), "cannot write .git/index");
		goto out;
	}
	if ((rc = ref_finish(r->git, &rlock, ref, &tid)))
		goto out;
	repo_journal_end(r);
out:
	gitlock_release(&rlock);
	gitlock_release(&ilock);
	if (rc && r->journal && paths.n) {
		/* failed before the branch moved: the files go back now (or,
		 * when even that fails, with the next writer) */
		char *first = xstrdup(dk_errmsg());

		if (repo_recover(r))
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
