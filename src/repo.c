/* repo.c - every libgit2 call. */
#include "docket/repo.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/gitindex.h"
#include "docket/repo-sync.h"
#include "repo-git.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct repo {
	git_repository *git;
	char *root;
	int lock_fd;
	int shared;
	int journal;	/* this process has a journal open */
	struct strv notices;	/* for the user; repo_notices() hands them on */
};

static int libgit2_ready;

static int head_commit(git_commit **out, git_repository *git);
static int is_regular(const char *root, const char *path);
static int recover(struct repo *r);

static void
setup(void)
{
	if (!libgit2_ready) {
		git_libgit2_init();
		libgit2_ready = 1;
	}
}

static int
read_shared(struct repo *r)
{
	git_config *cfg = NULL;
	const char *v = NULL;
	git_buf buf = { 0 };

	r->shared = 0;
	if (git_repository_config_snapshot(&cfg, r->git) < 0)
		return 0;
	if (!git_config_get_string_buf(&buf, cfg, "core.sharedrepository")) {
		v = buf.ptr;
		r->shared = v && (!strcmp(v, "group") || !strcmp(v, "true") ||
				  !strcmp(v, "1") || !strcmp(v, "all") ||
				  !strcmp(v, "world") || !strcmp(v, "everybody") ||
				  !strcmp(v, "2") || !strncmp(v, "06", 2) ||
				  !strncmp(v, "066", 3));
		git_buf_dispose(&buf);
	}
	git_config_free(cfg);
	if (r->shared) {
		file_mode = 0660;
		dir_mode = 02770;
	}
	/* what libgit2 writes (objects, refs, the index) follows the umask */
	umask(r->shared ? 007 : 077);
	return 0;
}

static struct repo *
wrap(git_repository *git, int writes)
{
	struct repo *r = xcalloc(1, sizeof(*r));
	const char *wd = git_repository_workdir(git);

	r->git = git;
	r->lock_fd = -1;
	r->root = path_join(wd ? wd : "", "");
	read_shared(r);
	if (writes)
		repo_register_driver(r);
	return r;
}

git_repository *
repo_git(const struct repo *r)
{
	return r->git;
}

struct repo *
repo_wrap(git_repository *git)
{
	setup();
	return wrap(git, 1);
}

static int
open_repo(struct repo **out, int writes)
{
	git_repository *git = NULL;
	int e;

	setup();
	*out = NULL;
	e = git_repository_open_ext(&git, NULL, GIT_REPOSITORY_OPEN_FROM_ENV,
				    NULL);
	if (e == GIT_ENOTFOUND)
		return dk_err(DK_ENOFIRM, "not in a docket firm (no git "
			      "repository here; run 'docket init' to make one)");
	if (e < 0)
		return dk_giterr("cannot open the repository");
	if (git_repository_is_bare(git)) {
		git_repository_free(git);
		return dk_err(DK_ENOFIRM, "not in a docket firm (a bare "
			      "repository has no work tree; clone it with "
			      "'docket clone')");
	}
	*out = wrap(git, writes);
	return 0;
}

int
repo_open(struct repo **out)
{
	return open_repo(out, 1);
}

int
repo_open_readonly(struct repo **out)
{
	return open_repo(out, 0);
}

int
repo_init(struct repo **out, const char *dir, int shared, int *existed)
{
	git_repository_init_options opts;
	git_repository *git = NULL;
	struct repo *r;
	char *gitdir;
	mode_t dmode = shared ? 02770 : 0700;

	setup();
	git_repository_init_options_init(&opts,
					 GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	*out = NULL;
	*existed = 0;
	/* everything made from here on is owner-only (or group) */
	umask(shared ? 007 : 077);
	if (!git_repository_open_ext(&git, dir, GIT_REPOSITORY_OPEN_NO_SEARCH,
				     NULL)) {
		*existed = 1;
		if (git_repository_is_bare(git)) {
			git_repository_free(git);
			return dk_err(DK_EINVAL, "'%s' is a bare repository; "
				      "a firm needs a work tree", dir);
		}
	} else {
		if (mkdir(dir, dmode) < 0 && errno != EEXIST)
			return dk_errno(DK_EIO, errno, "cannot make '%s'", dir);
		opts.flags = GIT_REPOSITORY_INIT_MKPATH;
		opts.mode = shared ? GIT_REPOSITORY_INIT_SHARED_GROUP :
				     GIT_REPOSITORY_INIT_SHARED_UMASK;
		if (git_repository_init_ext(&git, dir, &opts) < 0)
			return dk_giterr("cannot make the repository");
	}
	if (shared) {
		git_config *cfg;

		if (!git_repository_config(&cfg, git)) {
			git_config_set_string(cfg, "core.sharedRepository", "group");
			git_config_free(cfg);
		}
	}
	/* owner-only (or group) whatever the umask: the top and .git */
	chmod(dir, dmode);
	gitdir = xstrdup(git_repository_path(git));
	chmod(gitdir, dmode);
	free(gitdir);
	r = wrap(git, 1);
	*out = r;
	return 0;
}

void
repo_free(struct repo *r)
{
	if (!r)
		return;
	repo_unlock(r);
	strv_free(&r->notices);
	git_repository_free(r->git);
	free(r->root);
	free(r);
}

const char *
repo_root(const struct repo *r)
{
	return r->root;
}

int
repo_is_shared(const struct repo *r)
{
	return r->shared;
}

/* ---- the journal ---- */

#define JOURNAL "docket-journal"
#define RECOVERED "docket-recovered"

char *
repo_git_path(const struct repo *r, const char *name)
{
	return path_join(git_repository_path(r->git), name);
}

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
		e = dk_errno(DK_EIO, errno, "cannot write .git/%s", JOURNAL);
	close(fd);
	return e;
}

int
repo_journal_add(struct repo *r, const char *path)
{
	char *line;
	int e;

	if (!r->journal) {
		git_oid head;
		char hex[GIT_OID_HEXSZ + 1] = "-";

		if (!git_reference_name_to_id(&head, r->git, "HEAD"))
			git_oid_tostr(hex, sizeof(hex), &head);
		line = xasprintf("docket-journal %ld\nhead %s\n", (long)getpid(),
				 hex);
		e = journal_append(r, line);
		free(line);
		if (e)
			return e;
		r->journal = 1;
	}
	line = xasprintf("path %s\n", path);
	e = journal_append(r, line);
	free(line);
	return e;
}

void
repo_journal_end(struct repo *r)
{
	char *path;

	if (!r->journal)
		return;
	path = repo_git_path(r, JOURNAL);
	unlink(path);
	free(path);
	r->journal = 0;
}

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

/* Put one journaled path right against HEAD's tree; 1 if it went back. */
static int
recover_path(struct repo *r, git_tree *head, git_index *idx, const char *rel)
{
	char *full = path_join(r->root, rel);
	git_tree_entry *te = NULL;
	git_oid wt;
	int in_head = head && !git_tree_entry_bypath(&te, head, rel);
	int exists = is_regular(r->root, rel);
	int rolled = 0;

	remove_temps(full);
	if (exists && in_head &&
	    !git_odb_hashfile(&wt, full, GIT_OBJECT_BLOB) &&
	    git_oid_equal(&wt, git_tree_entry_id(te))) {
		git_index_add_bypath(idx, rel);	/* the commit landed */
	} else if (in_head) {
		git_blob *b = NULL;

		if (exists)
			keep_copy(r, rel, full);
		if (!git_blob_lookup(&b, r->git, git_tree_entry_id(te))) {
			write_file_atomic(full, git_blob_rawcontent(b),
					  (size_t)git_blob_rawsize(b), file_mode);
			git_blob_free(b);
			git_index_add_bypath(idx, rel);
		}
		rolled = 1;
	} else if (exists) {
		keep_copy(r, rel, full);
		unlink(full);
		git_index_remove_bypath(idx, rel);
		rolled = 1;
	}
	git_tree_entry_free(te);
	free(full);
	return rolled;
}

/* After a writer died mid-change: see repo_journal_add. */
static int
recover(struct repo *r)
{
	char *path = repo_git_path(r, JOURNAL);
	struct sb sb = SB_INIT;
	git_commit *head = NULL;
	git_tree *tree = NULL;
	git_index *idx = NULL;
	const char *p;
	long pid = 0;
	int rolled = 0, committing = 0;

	if (read_file(path, &sb) < 0) {
		free(path);
		return 0;
	}
	if (!head_commit(&head, r->git) && head)
		git_commit_tree(&tree, head);
	sscanf(sb_str(&sb), "docket-journal %ld", &pid);
	committing = strstr(sb_str(&sb), "\ncommit\n") != NULL;
	if (committing) {
		/* its libgit2 lock files are stale: the writer is dead */
		const char *locks[] = { "index.lock", "HEAD.lock", NULL };
		git_reference *ref = NULL;

		for (int i = 0; locks[i]; i++) {
			char *l = repo_git_path(r, locks[i]);

			unlink(l);
			free(l);
		}
		if (!git_reference_lookup(&ref, r->git, "HEAD") &&
		    git_reference_type(ref) == GIT_REFERENCE_SYMBOLIC) {
			char *l = xasprintf("%s%s.lock", git_repository_path(r->git),
					    git_reference_symbolic_target(ref));

			unlink(l);
			free(l);
		}
		git_reference_free(ref);
	}
	if (git_repository_index(&idx, r->git) < 0 || git_index_read(idx, 1) < 0) {
		git_index_free(idx);
		idx = NULL;
	}
	for (p = sb_str(&sb); idx && (p = strstr(p, "\npath ")); ) {
		const char *s = p + 6, *e = strchr(s, '\n');
		char *rel;

		if (!e)
			break;	/* a line cut short: never written */
		rel = xstrndup(s, (size_t)(e - s));
		rolled += recover_path(r, tree, idx, rel);
		free(rel);
		p = e;
	}
	/* a recovery killed while it writes the index leaves index.lock:
	 * the journal says so, for the next recovery to remove it */
	if (idx && !committing)
		journal_append(r, "commit\n");
	if (idx)
		git_index_write(idx);
	if (rolled)
		strv_push_owned(&r->notices, xasprintf(
			"an earlier docket command (pid %ld) was interrupted; its "
			"unfinished change to %d file%s was undone", pid, rolled,
			rolled == 1 ? "" : "s"));
	else
		strv_push_owned(&r->notices, xasprintf(
			"an earlier docket command (pid %ld) was interrupted after "
			"its commit; its index entries are up to date now", pid));
	unlink(path);
	git_index_free(idx);
	git_tree_free(tree);
	git_commit_free(head);
	sb_free(&sb);
	free(path);
	return 0;
}

void
repo_notices(struct repo *r, struct strv *out)
{
	for (size_t i = 0; i < r->notices.n; i++)
		strv_push(out, r->notices.v[i]);
	strv_free(&r->notices);
}

int
repo_lock(struct repo *r)
{
	char *path = path_join(git_repository_path(r->git), "docket.lock");
	const char *env = getenv("DOCKET_LOCK_TIMEOUT");
	double limit = env && *env ? atof(env) : 10.0;
	struct timespec start, now, nap = { 0, 20 * 1000 * 1000 };
	int fd;

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
		clock_gettime(CLOCK_MONOTONIC, &now);
		if ((double)(now.tv_sec - start.tv_sec) +
		    (double)(now.tv_nsec - start.tv_nsec) / 1e9 >= limit) {
			close(fd);
			return dk_err(DK_EBUSY, "busy, try again: another docket "
				      "command has held the firm's lock for "
				      "%.0f seconds", limit);
		}
		nanosleep(&nap, NULL);
	}
	r->lock_fd = fd;
	return recover(r);
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

char *
repo_config_string(git_repository *git, const char *key)
{
	git_config *cfg = NULL;
	git_buf buf = { 0 };
	char *v = NULL;

	if ((git ? git_repository_config_snapshot(&cfg, git) :
		   git_config_open_default(&cfg)) < 0)
		return NULL;
	if (!git_config_get_string_buf(&buf, cfg, key)) {
		if (buf.ptr && *buf.ptr)
			v = xstrdup(buf.ptr);
		git_buf_dispose(&buf);
	}
	git_config_free(cfg);
	return v;
}

int
repo_identity(struct repo *r, char **name, char **email)
{
	const char *en = getenv("GIT_AUTHOR_NAME");
	const char *ee = getenv("GIT_AUTHOR_EMAIL");

	git_repository *git = r ? r->git : NULL;

	setup();
	*name = en && *en ? xstrdup(en) : repo_config_string(git, "user.name");
	*email = ee && *ee ? xstrdup(ee) : repo_config_string(git, "user.email");
	if (*name && *email)
		return 0;
	free(*name);
	free(*email);
	*name = *email = NULL;
	return dk_err(DK_EINVAL, "no git identity: run git config --global "
		      "user.name \"Your Name\" and git config --global "
		      "user.email you@example.com");
}

static int
head_commit(git_commit **out, git_repository *git)
{
	git_oid oid;
	int e = git_reference_name_to_id(&oid, git, "HEAD");

	*out = NULL;
	if (e == GIT_ENOTFOUND || e == GIT_EUNBORNBRANCH)
		return 0;
	if (e < 0)
		return e;
	return git_commit_lookup(out, git, &oid);
}

static int
is_regular(const char *root, const char *path)
{
	char *full = path_join(root, path);
	struct stat st;
	int r = lstat(full, &st) == 0 && S_ISREG(st.st_mode);

	free(full);
	return r;
}

/* A path of a commit: the blob of the file as it was read, and the file's
 * stat then (for git's index); exists is 0 for a path to remove. */
struct staged {
	git_oid id;
	struct stat st;
	int exists;
};

/*
 * The blob of a regular file, byte for byte.  (git_blob_create_from_workdir
 * would load git's whole index to look for .gitattributes in it; docket's
 * files take no filters.)  1 when path is not a regular file, 0, or a
 * libgit2 error.
 */
static int
stage_file(struct repo *r, const char *path, struct staged *s)
{
	char *full = path_join(r->root, path);
	int fd = open(full, O_RDONLY | O_NOFOLLOW | O_CLOEXEC), e = 0;
	struct sb sb = SB_INIT;
	ssize_t n;
	char buf[65536];

	free(full);
	s->exists = 0;
	if (fd < 0)
		return 1;
	if (fstat(fd, &s->st) < 0 || !S_ISREG(s->st.st_mode)) {
		close(fd);
		return 1;
	}
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			git_error_set(GIT_ERROR_OS, "cannot read %s", path);
			e = -1;
			break;
		}
		sb_add(&sb, buf, (size_t)n);
	}
	close(fd);
	if (!e)
		e = git_blob_create_from_buffer(&s->id, r->git, sb_str(&sb), sb.len);
	if (!e)
		s->exists = 1;
	sb_free(&sb);
	return e;
}

/* Build the new tree from HEAD's and commit it; GIT_EMODIFIED when HEAD
 * moved under us. */
static int
commit_once(struct repo *r, const char *message, const struct strv *paths,
	    const git_signature *sig, struct staged *staged)
{
	git_commit *parent = NULL;
	git_tree *base = NULL, *tree = NULL;
	git_tree_update *up = xcalloc(paths->n, sizeof(*up));
	git_oid tree_oid, commit_oid;
	int e;

	e = head_commit(&parent, r->git);
	if (e < 0)
		goto out;
	if (parent)
		e = git_commit_tree(&base, parent);
	if (e < 0)
		goto out;
	for (size_t i = 0; i < paths->n; i++) {
		up[i].path = paths->v[i];
		e = stage_file(r, paths->v[i], &staged[i]);
		if (e < 0)
			goto out;
		if (staged[i].exists) {
			up[i].action = GIT_TREE_UPDATE_UPSERT;
			up[i].filemode = GIT_FILEMODE_BLOB;
			git_oid_cpy(&up[i].id, &staged[i].id);
		} else {
			up[i].action = GIT_TREE_UPDATE_REMOVE;
		}
		e = 0;
	}
	e = git_tree_create_updated(&tree_oid, r->git, base, paths->n, up);
	if (e < 0)
		goto out;
	e = git_tree_lookup(&tree, r->git, &tree_oid);
	if (e < 0)
		goto out;
	e = git_commit_create(&commit_oid, r->git, "HEAD", sig, sig, NULL,
			      message, tree, parent ? 1 : 0,
			      (const git_commit **)&parent);
out:
	git_tree_free(tree);
	git_tree_free(base);
	git_commit_free(parent);
	free(up);
	return e;
}

/* git's index through libgit2: for the indexes gitindex.c leaves alone. */
static int
update_index_libgit2(struct repo *r, const struct strv *paths,
		     const struct staged *staged)
{
	git_index *idx = NULL;
	int e = git_repository_index(&idx, r->git);

	if (!e)
		e = git_index_read(idx, 0);
	for (size_t i = 0; !e && i < paths->n; i++) {
		if (staged[i].exists)
			e = git_index_add_bypath(idx, paths->v[i]);
		else
			e = git_index_remove_bypath(idx, paths->v[i]);
	}
	if (!e)
		e = git_index_write(idx);
	git_index_free(idx);
	return e;
}

/* The same index entries as the commit, and nothing else. */
static int
update_index(struct repo *r, const struct strv *paths,
	     const struct staged *staged)
{
	struct gitindex_path *gp = xcalloc(paths->n, sizeof(*gp));
	int e;

	for (size_t i = 0; i < paths->n; i++) {
		gp[i].path = paths->v[i];
		gp[i].remove = !staged[i].exists;
		if (staged[i].exists) {
			memcpy(gp[i].oid, staged[i].id.id, GITINDEX_OID_LEN);
			gp[i].st = staged[i].st;
		}
	}
	e = gitindex_update(git_repository_path(r->git), r->root, gp, paths->n);
	free(gp);
	if (e == GITINDEX_NOT_HANDLED)
		return update_index_libgit2(r, paths, staged);
	if (e == -EEXIST) {
		git_error_set(GIT_ERROR_INDEX, ".git/index.lock exists (is another "
			      "git command running?)");
		return GIT_ELOCKED;
	}
	if (e < 0) {
		git_error_set(GIT_ERROR_INDEX, "cannot write .git/index: %s",
			      e == -EINVAL ? "it does not parse" : strerror(-e));
		return -1;
	}
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

int
repo_commit(struct repo *r, const char *message, const struct strv *paths,
	    time_t when)
{
	git_signature *sig = NULL;
	char *name = NULL, *email = NULL;
	struct staged *staged = xcalloc(paths->n + 1, sizeof(*staged));
	struct timespec nap = { 0, 50 * 1000 * 1000 };
	int e = 0, rc;

	rc = repo_identity(r, &name, &email);
	if (rc)
		return rc;
	if (git_signature_new(&sig, name, email, (git_time_t)when,
			      tz_offset_minutes(when)) < 0) {
		rc = dk_giterr("bad git identity");
		goto out;
	}
	if ((rc = index_ready(r)))
		goto out;
	if (r->journal && (rc = journal_append(r, "commit\n")))
		goto out;
	for (int attempt = 0; attempt < 20; attempt++) {
		e = commit_once(r, message, paths, sig, staged);
		if (e != GIT_EMODIFIED && e != GIT_ELOCKED)
			break;
		nanosleep(&nap, NULL);
	}
	if (e == GIT_EMODIFIED || e == GIT_ELOCKED) {
		rc = dk_err(DK_EBUSY, "busy, try again: the branch kept moving "
			    "or stayed locked while docket tried to commit");
		goto out;
	}
	if (e < 0) {
		rc = dk_giterr("cannot commit");
		goto out;
	}
	for (int attempt = 0; attempt < 40; attempt++) {
		e = update_index(r, paths, staged);
		if (e != GIT_ELOCKED)
			break;
		nanosleep(&nap, NULL);
	}
	if (e < 0) {
		/* the commit stands; only git's index lags behind it */
		strv_push_owned(&r->notices, xasprintf(
			"warning: committed, but git's index was not updated (%s); "
			"'git reset -q -- <paths>' brings it in line",
			git_error_last() ? git_error_last()->message : "?"));
	}
out:
	git_signature_free(sig);
	free(staged);
	free(name);
	free(email);
	return rc;
}

int
repo_firm_id(struct repo *r, char out[13])
{
	git_revwalk *walk = NULL;
	git_oid oid, root;
	int found = 0;

	if (git_revwalk_new(&walk, r->git) < 0)
		return dk_giterr("cannot walk the history");
	git_revwalk_simplify_first_parent(walk);
	if (!git_revwalk_push_head(walk))
		while (!git_revwalk_next(&oid, walk)) {
			root = oid;
			found = 1;
		}
	git_revwalk_free(walk);
	if (!found)
		return dk_err(DK_ENOTFOUND, "the firm has no commit yet");
	git_oid_tostr(out, 13, &root);
	return 0;
}

int
repo_path_dirty(struct repo *r, const char *path)
{
	unsigned int flags = 0;

	if (git_status_file(&flags, r->git, path) < 0)
		return 0;
	return flags != GIT_STATUS_CURRENT && !(flags & GIT_STATUS_IGNORED);
}

/* ---- history ---- */

struct walk {
	struct repo *r;
	const char *dir;
	struct repo_change *ch;
	size_t nch, cap;
	struct strv paths;
};

static int
entry_of(git_tree_entry **out, git_commit *c, const char *dir)
{
	git_tree *t = NULL;
	int e = git_commit_tree(&t, c);

	*out = NULL;
	if (e < 0)
		return e;
	e = git_tree_entry_bypath(out, t, dir);
	git_tree_free(t);
	return e == GIT_ENOTFOUND ? 0 : e;
}

static int
same_entry(const git_tree_entry *a, const git_tree_entry *b)
{
	if (!a || !b)
		return a == b;
	return git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b));
}

static git_tree *
subtree(git_repository *git, const git_tree_entry *e)
{
	git_tree *t = NULL;

	if (e && git_tree_entry_type(e) == GIT_OBJECT_TREE)
		git_tree_lookup(&t, git, git_tree_entry_id(e));
	return t;
}

static int
collect(const git_diff_delta *d, float progress, void *payload)
{
	struct walk *w = payload;
	char status = d->status == GIT_DELTA_ADDED ? 'A' :
		      d->status == GIT_DELTA_DELETED ? 'D' : 'M';
	const char *p = d->status == GIT_DELTA_DELETED ? d->old_file.path :
			d->new_file.path;

	(void)progress;
	strv_push(&w->paths, p);
	GROW(w->ch, w->cap, w->nch + 1);
	w->ch[w->nch].status = status;
	w->ch[w->nch].path = w->paths.v[w->paths.n - 1];
	w->nch++;
	return 0;
}

static char *
blob_text(git_repository *git, git_tree *t, const char *path)
{
	git_tree_entry *e = NULL;
	git_blob *b = NULL;
	char *s = NULL;

	if (!t || git_tree_entry_bypath(&e, t, path) < 0)
		return NULL;
	if (!git_blob_lookup(&b, git, git_tree_entry_id(e))) {
		s = xstrndup(git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
		git_blob_free(b);
	}
	git_tree_entry_free(e);
	return s;
}

static int
report_commit(struct walk *w, git_commit *c, const git_tree_entry *now,
	      const git_tree_entry *before,
	      int (*cb)(void *, const struct repo_log_entry *), void *ctx)
{
	git_tree *a = subtree(w->r->git, before), *b = subtree(w->r->git, now);
	git_diff *diff = NULL;
	struct repo_log_entry le = { 0 };
	const git_signature *au = git_commit_author(c);
	char hex[GIT_OID_HEXSZ + 1];
	char *old_ini = NULL, *new_ini = NULL, *summary;
	int rc = 0;

	w->nch = 0;
	strv_free(&w->paths);
	if (!git_diff_tree_to_tree(&diff, w->r->git, a, b, NULL))
		git_diff_foreach(diff, collect, NULL, NULL, NULL, w);
	for (size_t i = 0; i < w->nch; i++)
		if (!strcmp(w->ch[i].path, "case.ini")) {
			old_ini = blob_text(w->r->git, a, "case.ini");
			new_ini = blob_text(w->r->git, b, "case.ini");
		}
	git_oid_tostr(hex, sizeof(hex), git_commit_id(c));
	summary = xstrdup(git_commit_summary(c) ? git_commit_summary(c) : "");
	le.id = hex;
	le.time = (time_t)au->when.time;
	le.offset = au->when.offset;
	le.author = au->name;
	le.email = au->email;
	le.summary = summary;
	le.changes = w->ch;
	le.nchanges = w->nch;
	le.old_ini = old_ini;
	le.new_ini = new_ini;
	rc = cb(ctx, &le);
	free(summary);
	free(old_ini);
	free(new_ini);
	git_diff_free(diff);
	git_tree_free(a);
	git_tree_free(b);
	return rc;
}

int
repo_log(struct repo *r, const char *dir,
	 int (*cb)(void *ctx, const struct repo_log_entry *e), void *ctx)
{
	git_revwalk *walk = NULL;
	struct walk w = { r, dir, NULL, 0, 0, STRV_INIT };
	git_oid oid;
	int e, rc = 0;

	if (git_revwalk_new(&walk, r->git) < 0)
		return dk_giterr("cannot walk the history");
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	e = git_revwalk_push_head(walk);
	if (e == GIT_ENOTFOUND || e == GIT_EUNBORNBRANCH)
		goto out;
	if (e < 0) {
		rc = dk_giterr("cannot walk the history");
		goto out;
	}
	while (!rc && !git_revwalk_next(&oid, walk)) {
		git_commit *c = NULL;
		git_tree_entry *now = NULL, *first = NULL;
		unsigned np;
		int changed = 1;

		if (git_commit_lookup(&c, r->git, &oid) < 0 ||
		    entry_of(&now, c, dir) < 0) {
			rc = dk_giterr("cannot read the history");
			git_commit_free(c);
			break;
		}
		np = git_commit_parentcount(c);
		for (unsigned i = 0; i < np; i++) {
			git_commit *p = NULL;
			git_tree_entry *pe = NULL;

			if (git_commit_parent(&p, c, i) < 0 ||
			    entry_of(&pe, p, dir) < 0) {
				git_commit_free(p);
				continue;
			}
			if (same_entry(now, pe))
				changed = 0;	/* TREESAME to a parent */
			if (i == 0)
				first = pe;
			else
				git_tree_entry_free(pe);
			git_commit_free(p);
		}
		if (!np && !now)
			changed = 0;
		if (changed)
			rc = report_commit(&w, c, now, first, cb, ctx);
		git_tree_entry_free(now);
		git_tree_entry_free(first);
		git_commit_free(c);
	}
out:
	git_revwalk_free(walk);
	strv_free(&w.paths);
	free(w.ch);
	return rc;
}
