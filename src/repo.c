/* repo.c - open and init a firm's repository, its config, the git
 * identity, and a case's history. */
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

static int libgit2_ready;


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
