/*
 * repo.c - the bottom of the git layer: open and init a firm's
 * repository, its config, the git identity, HEAD and the branch, a path's
 * status; and the small helpers the layer's other files share (see
 * repo-git.h).
 */
#include "docket/repo.h"
#include "docket/date.h"
#include "docket/error.h"
#include "repo-git.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int libgit2_ready;
static pthread_t setup_thread;	/* git_libgit2_init, begun ahead */
static int setup_begun;


static void
setup(void)
{
	if (!libgit2_ready) {
		if (setup_begun)
			pthread_join(setup_thread, NULL);
		else
			git_libgit2_init();
		setup_begun = 0;
		libgit2_ready = 1;
	}
}

static void *
setup_main(void *arg)
{
	(void)arg;
	git_libgit2_init();
	return NULL;
}

/*
 * git_libgit2_init reads the system's CA certificates (libgit2 1.5 with
 * mbedTLS): a few milliseconds, the longest step of a read command's
 * start.  Begun on a thread, it runs while the command lists its cases;
 * the first call into libgit2 (setup) waits for it.
 */
void
repo_setup_ahead(void)
{
	if (!libgit2_ready && !setup_begun &&
	    !pthread_create(&setup_thread, NULL, setup_main, NULL))
		setup_begun = 1;
}

int
repo_guess(char **root, char **gitdir)
{
	static const char *const env[] = {
		"GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR",
		"GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM",
	};
	struct sb d = SB_INIT;
	struct stat st;
	char *cwd;

	*root = *gitdir = NULL;
	for (size_t i = 0; i < sizeof(env) / sizeof(*env); i++)
		if (getenv(env[i]))
			return -1;
	if (!(cwd = getcwd(NULL, 0)) || *cwd != '/') {
		free(cwd);
		return -1;
	}
	sb_adds(&d, cwd);
	free(cwd);
	for (;;) {
		size_t len = d.len;

		if (d.len > 1)
			sb_addc(&d, '/');
		sb_adds(&d, ".git");
		if (lstat(d.buf, &st) == 0) {
			if (!S_ISDIR(st.st_mode))
				break;	/* a worktree's, a submodule's */
			sb_addc(&d, '/');
			*gitdir = xstrdup(d.buf);
			d.len = len;
			d.buf[len] = '\0';
			*root = path_join(d.buf, "");
			sb_free(&d);
			return 0;
		}
		d.len = len;
		d.buf[len] = '\0';
		if (len <= 1)
			break;
		while (d.len > 1 && d.buf[d.len - 1] != '/')
			d.len--;
		if (d.len > 1)
			d.len--;
		d.buf[d.len] = '\0';
	}
	sb_free(&d);
	return -1;
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
wrap(git_repository *git)
{
	struct repo *r = xcalloc(1, sizeof(*r));
	const char *wd = git_repository_workdir(git);

	r->git = git;
	r->lock_fd = -1;
	r->root = path_join(wd ? wd : "", "");
	read_shared(r);
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
	return wrap(git);
}

static int
open_repo(struct repo **out)
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
	*out = wrap(git);
	return 0;
}

int
repo_open(struct repo **out)
{
	return open_repo(out);
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
	r = wrap(git);
	*out = r;
	return 0;
}

void
repo_free(struct repo *r)
{
	if (!r)
		return;
	if (r->lock_fd >= 0)	/* the writers' lock goes with its file */
		close(r->lock_fd);
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

char *
repo_git_path(const struct repo *r, const char *name)
{
	return path_join(git_repository_path(r->git), name);
}

void
repo_notices(struct repo *r, struct strv *out)
{
	for (size_t i = 0; i < r->notices.n; i++)
		strv_push(out, r->notices.v[i]);
	strv_free(&r->notices);
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

int
repo_head_commit(git_commit **out, git_repository *git)
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

int
repo_path_untracked(struct repo *r, const char *path)
{
	unsigned int flags = 0;

	if (git_status_file(&flags, r->git, path) < 0)
		return 0;
	return flags == GIT_STATUS_WT_NEW;
}

int
repo_head_id(struct repo *r, char id[REPO_ID_LEN])
{
	git_oid oid;
	int e = git_reference_name_to_id(&oid, r->git, "HEAD");

	id[0] = '\0';
	if (e == GIT_ENOTFOUND || e == GIT_EUNBORNBRANCH)
		return 0;
	if (e < 0)
		return dk_giterr("cannot read HEAD");
	repo_hex(id, &oid);
	return 0;
}

int
repo_branch(struct repo *r, char **branch)
{
	git_reference *head = NULL;
	const char *target;
	int e = git_reference_lookup(&head, r->git, "HEAD");

	*branch = NULL;
	if (e < 0)
		return dk_giterr("cannot read HEAD");
	target = git_reference_symbolic_target(head);
	if (!target || !has_prefix(target, "refs/heads/")) {
		git_reference_free(head);
		return dk_err(DK_EINVAL, "HEAD is not on a branch (detached); "
			      "check out the firm's branch first");
	}
	*branch = xstrdup(target + strlen("refs/heads/"));
	git_reference_free(head);
	return 0;
}

/* ---- what the layer's files share ---- */

int
repo_signature(struct repo *r, git_signature **out, time_t when)
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
dk_giterr(const char *what)
{
	const git_error *e = git_error_last();

	return dk_err(DK_EGIT, "%s: %s", what,
		      e && e->message ? e->message : "unknown git error");
}

const char *
repo_git_msg(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown error";
}

int
repo_parse_id(git_oid *oid, const char *hex)
{
	if (!hex || git_oid_fromstr(oid, hex) < 0)
		return dk_err(DK_EGIT, "bad commit id '%s'", hex ? hex : "");
	return 0;
}

void
repo_hex(char *out, const git_oid *oid)
{
	git_oid_tostr(out, REPO_ID_LEN, oid);
}

int
repo_lookup_tree(git_tree **out, git_repository *git, const char *id)
{
	git_oid oid;
	git_commit *c = NULL;
	int e;

	*out = NULL;
	if (!id || !*id)
		return 0;
	if ((e = git_oid_fromstr(&oid, id)) < 0 ||
	    (e = git_commit_lookup(&c, git, &oid)) < 0)
		return e;
	e = git_commit_tree(out, c);
	git_commit_free(c);
	return e;
}

int
repo_lookup_commit(git_commit **out, git_repository *git, const char *id)
{
	git_oid oid;
	int e;

	*out = NULL;
	if ((e = git_oid_fromstr(&oid, id)) < 0)
		return e;
	return git_commit_lookup(out, git, &oid);
}

const char *
repo_shown(const struct repo *r, const char *path)
{
	size_t n = strlen(r->root);

	return !strncmp(path, r->root, n) ? path + n : path;
}

double
repo_lock_limit(void)
{
	const char *env = getenv("DOCKET_LOCK_TIMEOUT");

	return env && *env ? atof(env) : 10.0;
}

double
repo_seconds_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) +
	       (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

void
repo_nap(void)
{
	struct timespec t = { 0, 20 * 1000 * 1000 };

	nanosleep(&t, NULL);
}
