/* repo-sync.c - the git layer of team work (see repo-sync.h). */
#include "docket/repo-sync.h"
#include "docket/error.h"
#include "docket/repo.h"
#include "docket/date.h"
#include "docket/util.h"
#include "repo-git.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <git2/sys/merge.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

static int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static const char *
git_msg(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown error";
}

static int lookup_tree(git_tree **out, git_repository *git, const char *id);

static int
parse_id(git_oid *oid, const char *hex)
{
	if (!hex || git_oid_fromstr(oid, hex) < 0)
		return dk_err(DK_EGIT, "bad commit id '%s'", hex ? hex : "");
	return 0;
}

/* ---- the driver's registration ---- */

/* What docket registered before the driver took part in the merge of a
 * criss-cross merge's bases (with recursive = binary, git kept it out,
 * and a base's version of the file stood for the bases' merge). */
#define OLD_DRIVER_COMMAND "docket merge-driver %O %A %B %P"

/* A value of the local configuration, or NULL (a new string). */
static char *
local_string(git_config *local, const char *key)
{
	git_config_entry *e = NULL;
	char *v = NULL;

	if (git_config_get_entry(&e, local, key) == 0) {
		v = xstrdup(e->value ? e->value : "");
		git_config_entry_free(e);
	}
	return v;
}

void
repo_register_driver(struct repo *r)
{
	git_config *cfg = NULL, *local = NULL;
	git_config_entry *e = NULL;
	char *driver, *rec;

	if (git_repository_config(&cfg, repo_git(r)) < 0)
		return;
	if (git_config_get_entry(&e, cfg, "merge.docket.driver") == 0) {
		git_config_entry_free(e);
		/* an older docket's registration, here: brought up to date
		 * (anything else is the user's own, and stays) */
		if (!git_config_open_level(&local, cfg, GIT_CONFIG_LEVEL_LOCAL)) {
			driver = local_string(local, "merge.docket.driver");
			rec = local_string(local, "merge.docket.recursive");
			if (driver && !strcmp(driver, OLD_DRIVER_COMMAND) &&
			    (!rec || !strcmp(rec, "binary")) &&
			    (!rec || !git_config_delete_entry(
					local, "merge.docket.recursive")))
				git_config_set_string(local, "merge.docket.driver",
						      REPO_DRIVER_COMMAND);
			free(driver);
			free(rec);
			git_config_free(local);
		}
	} else if (!git_config_open_level(&local, cfg, GIT_CONFIG_LEVEL_LOCAL)) {
		/* a read-only repository stays as it is; docket tries again
		 * next time */
		if (!git_config_set_string(local, "merge.docket.name",
					   "docket: case.ini and docket.ini, "
					   "key by key"))
			git_config_set_string(local, "merge.docket.driver",
					      REPO_DRIVER_COMMAND);
		git_config_free(local);
	}
	git_config_free(cfg);
}

int
repo_marker_size(struct repo *r, const char *path)
{
	const char *v = NULL;
	long n;
	char *end;

	if (git_attr_get(&v, repo_git(r), GIT_ATTR_CHECK_FILE_THEN_INDEX,
			 path, "conflict-marker-size") < 0 ||
	    !GIT_ATTR_HAS_VALUE(v))
		return 7;
	n = strtol(v, &end, 10);
	return *end || n <= 0 || n > 1000 ? 7 : (int)n;
}

/* ---- branch, upstream, HEAD ---- */

int
repo_idle(struct repo *r)
{
	const char *what;

	switch (git_repository_state(repo_git(r))) {
	case GIT_REPOSITORY_STATE_NONE:
		return 0;
	case GIT_REPOSITORY_STATE_MERGE:
		what = "a git merge is under way: finish it with 'git commit' "
		       "or 'git merge --abort'";
		break;
	case GIT_REPOSITORY_STATE_REBASE:
	case GIT_REPOSITORY_STATE_REBASE_INTERACTIVE:
	case GIT_REPOSITORY_STATE_REBASE_MERGE:
		what = "a git rebase is under way: finish it with 'git rebase "
		       "--continue' or 'git rebase --abort'";
		break;
	case GIT_REPOSITORY_STATE_CHERRYPICK:
	case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE:
		what = "a git cherry-pick is under way: finish it or run 'git "
		       "cherry-pick --abort'";
		break;
	default:
		what = "a git operation (revert, am, bisect) is under way: "
		       "finish or abort it";
		break;
	}
	return dk_err(DK_EINVAL, "%s, then try again", what);
}

int
repo_branch(struct repo *r, char **branch)
{
	git_reference *head = NULL;
	const char *target;
	int e = git_reference_lookup(&head, repo_git(r), "HEAD");

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

int
repo_upstream(struct repo *r, const char *branch, char **remote,
	      char **merge_ref, char **url, int *configured)
{
	git_remote *rem = NULL;
	char *key;
	int e;

	key = xasprintf("branch.%s.remote", branch);
	*remote = repo_config_string(repo_git(r), key);
	free(key);
	*configured = *remote != NULL;
	if (!*remote || !strcmp(*remote, "."))
		*remote = (free(*remote), xstrdup("origin"));
	key = xasprintf("branch.%s.merge", branch);
	*merge_ref = repo_config_string(repo_git(r), key);
	free(key);
	if (!*merge_ref || !has_prefix(*merge_ref, "refs/heads/"))
		*merge_ref = (free(*merge_ref),
			      xasprintf("refs/heads/%s", branch));
	*url = NULL;
	e = git_remote_lookup(&rem, repo_git(r), *remote);
	if (e == GIT_ENOTFOUND || e == GIT_EINVALIDSPEC)
		return dk_err(DK_ENOTFOUND, "no remote '%s': add the firm's "
			      "shared repository with 'git remote add %s URL'",
			      *remote, *remote);
	if (e < 0)
		return dk_giterr("cannot read the remote");
	*url = xstrdup(git_remote_url(rem) ? git_remote_url(rem) : "");
	git_remote_free(rem);
	return 0;
}

int
repo_set_upstream(struct repo *r, const char *branch, const char *remote,
		  const char *merge_ref)
{
	git_config *cfg = NULL, *local = NULL;
	char *k1 = xasprintf("branch.%s.remote", branch);
	char *k2 = xasprintf("branch.%s.merge", branch);
	int e = git_repository_config(&cfg, repo_git(r));

	if (!e)
		e = git_config_open_level(&local, cfg, GIT_CONFIG_LEVEL_LOCAL);
	if (!e)
		e = git_config_set_string(local, k1, remote);
	if (!e)
		e = git_config_set_string(local, k2, merge_ref);
	git_config_free(local);
	git_config_free(cfg);
	free(k1);
	free(k2);
	return e < 0 ? dk_giterr("cannot record the upstream") : 0;
}

static void
hex(char out[REPO_ID_LEN], const git_oid *oid)
{
	git_oid_tostr(out, REPO_ID_LEN, oid);
}

int
repo_head_id(struct repo *r, char id[REPO_ID_LEN])
{
	git_oid oid;
	int e = git_reference_name_to_id(&oid, repo_git(r), "HEAD");

	id[0] = '\0';
	if (e == GIT_ENOTFOUND || e == GIT_EUNBORNBRANCH)
		return 0;
	if (e < 0)
		return dk_giterr("cannot read HEAD");
	hex(id, &oid);
	return 0;
}

/* ---- the network ---- */

struct net {
	int cred_calls;
	char *rejected;
};

static void (*progress_fn)(const char *what, size_t done, size_t total);

void
repo_set_progress(void (*fn)(const char *what, size_t done, size_t total))
{
	progress_fn = fn;
}

static int
fetch_progress(const git_indexer_progress *st, void *payload)
{
	(void)payload;
	if (progress_fn)
		progress_fn("receiving objects", st->received_objects,
			    st->total_objects);
	return 0;
}

static int
push_progress(unsigned int current, unsigned int total, size_t bytes,
	      void *payload)
{
	(void)bytes;
	(void)payload;
	if (progress_fn)
		progress_fn("sending objects", current, total);
	return 0;
}

/* ssh: the agent; other transports need no credentials here. */
static int
credentials(git_credential **out, const char *url, const char *user,
	    unsigned int allowed, void *payload)
{
	struct net *n = payload;
	const char *me = user && *user ? user : getenv("USER");

	(void)url;
	if (++n->cred_calls > 3)
		return GIT_EAUTH;
	if ((allowed & GIT_CREDENTIAL_USERNAME) && me)
		return git_credential_username_new(out, me);
	if ((allowed & GIT_CREDENTIAL_SSH_KEY) && me)
		return git_credential_ssh_key_from_agent(out, me);
	return GIT_PASSTHROUGH;
}

static int
push_status(const char *refname, const char *status, void *payload)
{
	struct net *n = payload;

	(void)refname;
	if (status && !n->rejected)
		n->rejected = xstrdup(status);
	return 0;
}

static int
lookup_remote(git_remote **rem, struct repo *r, const char *remote)
{
	int e = git_remote_lookup(rem, repo_git(r), remote);

	if (e == GIT_ENOTFOUND || e == GIT_EINVALIDSPEC)
		return dk_err(DK_ENOTFOUND, "no remote '%s': add the firm's "
			      "shared repository with 'git remote add %s URL'",
			      remote, remote);
	return e < 0 ? dk_giterr("cannot read the remote") : 0;
}

/* Bring refs/remotes/REMOTE/BRANCH to id (its log says why). */
static int
set_tracking(struct repo *r, const char *remote, const char *merge_ref,
	     const git_oid *id, const char *why)
{
	char *name = xasprintf("refs/remotes/%s/%s", remote,
			       merge_ref + strlen("refs/heads/"));
	git_oid old;
	int rc = 1;

	/* docket's lock keeps other docket commands out; a git fetch that
	 * moves it between the read and the lock makes docket read again */
	for (int tries = 0; rc == 1 && tries < 3; tries++) {
		int has = !git_reference_name_to_id(&old, repo_git(r), name);

		if (has && git_oid_equal(&old, id)) {
			rc = 0;
			break;
		}
		rc = repo_ref_update(r, repo_git(r), name, has ? &old : NULL, id,
				     why, time(NULL));
	}
	if (rc == 1)
		rc = dk_err(DK_EBUSY, "%s kept moving; try again", name);
	free(name);
	return rc;
}

int
repo_fetch(struct repo *r, const char *remote, const char *merge_ref,
	   char tip[REPO_ID_LEN])
{
	git_remote *rem = NULL;
	git_fetch_options fo;
	git_odb *odb = NULL;
	struct net n = { 0, NULL };
	const git_remote_head **heads;
	size_t nheads;
	const git_oid *found = NULL;
	char *spec;
	git_strarray specs;
	int e, rc;

	tip[0] = '\0';
	if ((rc = lookup_remote(&rem, r, remote)))
		return rc;
	spec = xasprintf("+%s:refs/remotes/%s/%s", merge_ref, remote,
			 merge_ref + strlen("refs/heads/"));
	specs.strings = &spec;
	specs.count = 1;
	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	fo.callbacks.credentials = credentials;
	fo.callbacks.transfer_progress = fetch_progress;
	fo.callbacks.payload = &n;
	fo.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
	fo.update_fetchhead = 0;
	/* only the objects: the ref is docket's to move, under its own
	 * lock (see repo-commit.c), so a killed fetch leaves no lock of
	 * libgit2's behind */
	e = git_remote_download(rem, &specs, &fo);
	if (e < 0) {
		rc = dk_err(DK_ENET, "cannot fetch from %s (%s): %s", remote,
			    git_remote_url(rem), git_msg());
		goto out;
	}
	if (git_remote_ls(&heads, &nheads, rem) < 0) {
		rc = dk_giterr("cannot list the remote's branches");
		goto out;
	}
	for (size_t i = 0; i < nheads; i++)
		if (!strcmp(heads[i]->name, merge_ref))
			found = &heads[i]->oid;
	if (found) {
		/* what a full disk may have kept from arriving */
		if (git_repository_odb(&odb, repo_git(r)) < 0 ||
		    !git_odb_exists(odb, found)) {
			rc = dk_err(DK_EIO, "cannot fetch from %s: its commits "
				    "did not arrive whole (is the disk full?)",
				    remote);
			goto out;
		}
		hex(tip, found);
		if ((rc = set_tracking(r, remote, merge_ref, found,
				       "docket sync: fetch")))
			goto out;
	}
	rc = 0;
out:
	git_remote_disconnect(rem);
	git_odb_free(odb);
	free(spec);
	git_remote_free(rem);
	return rc;
}

/* A remote on this machine (a path, or file://): its path, else NULL. */
static const char *
local_path(const char *url)
{
	const char *colon = strchr(url, ':'), *slash = strchr(url, '/');

	if (has_prefix(url, "file://"))
		return url + strlen("file://");
	if (strstr(url, "://"))
		return NULL;
	/* host:path is ssh's short form, unless a '/' comes first */
	if (colon && (!slash || colon < slash))
		return NULL;
	return url;
}

static int
is_group_shared(git_repository *git)
{
	git_config *cfg = NULL;
	git_buf buf = { 0 };
	int shared = 0;

	if (git_repository_config_snapshot(&cfg, git) < 0)
		return 0;
	if (!git_config_get_string_buf(&buf, cfg, "core.sharedrepository")) {
		shared = strcmp(buf.ptr, "false") && strcmp(buf.ptr, "0") &&
			 strcmp(buf.ptr, "umask");
		git_buf_dispose(&buf);
	}
	git_config_free(cfg);
	return shared;
}

/*
 * Push to a repository on this machine, docket's way: the objects the
 * remote lacks as one pack, then its branch moved from the value it had
 * under docket's provable lock (see repo-commit.c), so that a push killed
 * half way never leaves a lock the teammates' pushes trip on (the next
 * docket command here removes it).  As git's receive-pack does, it
 * follows the remote's core.sharedRepository.
 */
static int
push_local(struct repo *r, const char *path, const char *branch,
	   const char *merge_ref, char **rejected)
{
	git_repository *git = repo_git(r), *there = NULL;
	git_revwalk *walk = NULL;
	git_packbuilder *pb = NULL;
	git_odb *odb = NULL;
	git_oid head, old;
	char *local = xasprintf("refs/heads/%s", branch), *packs = NULL;
	mode_t mask = umask(077);
	int has_old, e, rc = 0;

	umask(mask);
	if (git_repository_open_ext(&there, path, GIT_REPOSITORY_OPEN_NO_SEARCH |
				    GIT_REPOSITORY_OPEN_BARE, NULL) < 0) {
		rc = dk_err(DK_ENET, "cannot push to %s: %s", path, git_msg());
		goto out;
	}
	if (git_reference_name_to_id(&head, git, local) < 0) {
		rc = dk_giterr("cannot read the branch");
		goto out;
	}
	has_old = !git_reference_name_to_id(&old, there, merge_ref);
	if (has_old && git_oid_equal(&old, &head))
		goto out;
	if (has_old && git_graph_descendant_of(git, &head, &old) != 1) {
		*rejected = xstrdup("non-fast-forward");
		goto out;
	}
	if (is_group_shared(there))
		umask(007);
	packs = xasprintf("%sobjects/pack", git_repository_commondir(there));
	if ((e = git_revwalk_new(&walk, git)) < 0 ||
	    (e = git_revwalk_push(walk, &head)) < 0 ||
	    (has_old && (e = git_revwalk_hide(walk, &old)) < 0) ||
	    (e = git_packbuilder_new(&pb, git)) < 0 ||
	    (e = git_packbuilder_insert_walk(pb, walk)) < 0 ||
	    (e = git_packbuilder_write(pb, packs, 0, NULL, NULL)) < 0 ||
	    (e = git_repository_odb(&odb, there)) < 0 ||
	    (e = git_odb_refresh(odb)) < 0) {
		rc = dk_err(DK_ENET, "cannot push to %s: %s", path, git_msg());
		goto out;
	}
	if (!git_odb_exists(odb, &head)) {
		rc = dk_err(DK_EIO, "cannot push to %s: the commits did not "
			    "arrive whole (is its disk full?)", path);
		goto out;
	}
	rc = repo_ref_update(r, there, merge_ref, has_old ? &old : NULL, &head,
			     "docket sync: push", time(NULL));
	if (rc == 1) {
		/* a teammate's push came first */
		*rejected = xstrdup("non-fast-forward");
		rc = 0;
	}
out:
	umask(mask);
	git_odb_free(odb);
	git_packbuilder_free(pb);
	git_revwalk_free(walk);
	git_repository_free(there);
	free(packs);
	free(local);
	return rc;
}

int
repo_push(struct repo *r, const char *remote, const char *branch,
	  const char *merge_ref, char **rejected)
{
	git_remote *rem = NULL;
	git_push_options po;
	struct net n = { 0, NULL };
	char *spec = xasprintf("refs/heads/%s:%s", branch, merge_ref);
	git_strarray specs = { &spec, 1 };
	const char *url, *path;
	git_oid head;
	int e, rc;

	*rejected = NULL;
	if ((rc = lookup_remote(&rem, r, remote))) {
		free(spec);
		return rc;
	}
	url = git_remote_pushurl(rem) ? git_remote_pushurl(rem) :
					git_remote_url(rem);
	if ((path = local_path(url))) {
		rc = push_local(r, path, branch, merge_ref, rejected);
		goto done;
	}
	git_push_options_init(&po, GIT_PUSH_OPTIONS_VERSION);
	po.callbacks.credentials = credentials;
	po.callbacks.push_update_reference = push_status;
	po.callbacks.push_transfer_progress = push_progress;
	po.callbacks.payload = &n;
	/* the remote's refs are the server's; the local tracking ref is
	 * docket's to move (below), not libgit2's update_tips */
	e = git_remote_upload(rem, &specs, &po);
	git_remote_disconnect(rem);
	if (e == GIT_ENONFASTFORWARD) {
		/* the remote moved since the fetch */
		*rejected = xstrdup("non-fast-forward");
		free(n.rejected);
		rc = 0;
	} else if (e < 0) {
		rc = dk_err(DK_ENET, "cannot push to %s (%s): %s", remote,
			    url, git_msg());
		free(n.rejected);
	} else {
		/* an update the server refused still returns 0: the status
		 * is the answer */
		*rejected = n.rejected;
		rc = 0;
	}
done:
	if (!rc && !*rejected) {
		char *local = xasprintf("refs/heads/%s", branch);

		if (!git_reference_name_to_id(&head, repo_git(r), local))
			rc = set_tracking(r, remote, merge_ref, &head,
					  "docket sync: push");
		free(local);
	}
	free(spec);
	git_remote_free(rem);
	return rc;
}

/* ---- history ---- */

int
repo_commit_time(struct repo *r, const char *id, time_t *out)
{
	git_commit *c = NULL;
	git_oid oid;

	*out = 0;
	if (parse_id(&oid, id))
		return DK_EGIT;
	if (git_commit_lookup(&c, repo_git(r), &oid) < 0)
		return dk_giterr("cannot read a commit");
	*out = (time_t)git_commit_author(c)->when.time;
	git_commit_free(c);
	return 0;
}

int
repo_is_ancestor(struct repo *r, const char *a, const char *b)
{
	git_oid oa, ob;
	int e;

	if (parse_id(&oa, a) || parse_id(&ob, b))
		return DK_EGIT;
	if (git_oid_equal(&oa, &ob))
		return 1;
	e = git_graph_descendant_of(repo_git(r), &ob, &oa);
	return e < 0 ? dk_giterr("cannot compare the histories") : e;
}

int
repo_merge_bases(struct repo *r, const char *a, const char *b,
		 struct strv *out)
{
	git_oid oa, ob;
	git_oidarray bases = { NULL, 0 };
	char id[REPO_ID_LEN];
	int e;

	if (parse_id(&oa, a) || parse_id(&ob, b))
		return DK_EGIT;
	e = git_merge_bases(&bases, repo_git(r), &oa, &ob);
	if (e == GIT_ENOTFOUND)
		return dk_err(DK_ENOTFOUND, "no common history");
	if (e < 0)
		return dk_giterr("cannot find the merge bases");
	for (size_t i = 0; i < bases.count; i++) {
		hex(id, &bases.ids[i]);
		strv_push(out, id);
	}
	git_oidarray_dispose(&bases);
	return 0;
}

int
repo_diff_files(struct repo *r, const char *from, const char *to,
		const char *dir, struct strv *added, struct strv *deleted,
		struct strv *modified)
{
	git_repository *git = repo_git(r);
	git_tree *ft = NULL, *tt = NULL;
	git_diff *diff = NULL;
	git_diff_options o;
	char *spec = xstrdup(dir);
	int e;

	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	o.flags = GIT_DIFF_DISABLE_PATHSPEC_MATCH;
	o.pathspec.strings = &spec;
	o.pathspec.count = 1;
	if ((e = lookup_tree(&ft, git, from)) < 0 ||
	    (e = lookup_tree(&tt, git, to)) < 0 ||
	    (e = git_diff_tree_to_tree(&diff, git, ft, tt, &o)) < 0)
		goto out;
	for (size_t i = 0; i < git_diff_num_deltas(diff); i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);

		if (d->status == GIT_DELTA_ADDED && added)
			strv_push(added, d->new_file.path);
		else if (d->status == GIT_DELTA_DELETED && deleted)
			strv_push(deleted, d->old_file.path);
		else if (d->status != GIT_DELTA_ADDED &&
			 d->status != GIT_DELTA_DELETED && modified)
			strv_push(modified, d->new_file.path);
	}
out:
	git_diff_free(diff);
	git_tree_free(ft);
	git_tree_free(tt);
	free(spec);
	return e < 0 ? dk_giterr("cannot compare the commits") : 0;
}

void
repo_commit_infos_free(struct repo_commit_info *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].summary);
		free(v[i].author);
	}
	free(v);
}

static int
walk_range(git_revwalk **out, git_repository *git, const char *tip,
	   const char *hide)
{
	git_oid oid;
	int e = git_revwalk_new(out, git);

	if (e < 0)
		return e;
	git_revwalk_sorting(*out, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	if ((e = git_oid_fromstr(&oid, tip)) < 0 ||
	    (e = git_revwalk_push(*out, &oid)) < 0)
		return e;
	if (hide && *hide && ((e = git_oid_fromstr(&oid, hide)) < 0 ||
			      (e = git_revwalk_hide(*out, &oid)) < 0))
		return e;
	return 0;
}

int
repo_commits(struct repo *r, const char *tip, const char *hide,
	     struct repo_commit_info **out, size_t *n)
{
	git_revwalk *walk = NULL;
	git_oid oid;
	size_t cap = 0;
	int e;

	*out = NULL;
	*n = 0;
	e = walk_range(&walk, repo_git(r), tip, hide);
	while (!e && !(e = git_revwalk_next(&oid, walk))) {
		git_commit *c = NULL;
		struct repo_commit_info *ci;

		if ((e = git_commit_lookup(&c, repo_git(r), &oid)) < 0)
			break;
		GROW(*out, cap, *n + 1);
		ci = &(*out)[(*n)++];
		hex(ci->id, &oid);
		ci->summary = xstrdup(git_commit_summary(c) ?
				      git_commit_summary(c) : "");
		ci->author = xstrdup(git_commit_author(c)->name);
		ci->time = (time_t)git_commit_time(c);
		git_commit_free(c);
	}
	git_revwalk_free(walk);
	if (e == GIT_ITEROVER)
		e = 0;
	if (e < 0) {
		repo_commit_infos_free(*out, *n);
		*out = NULL;
		*n = 0;
		return dk_giterr("cannot walk the history");
	}
	/* oldest first */
	for (size_t i = 0; i < *n / 2; i++) {
		struct repo_commit_info t = (*out)[i];

		(*out)[i] = (*out)[*n - 1 - i];
		(*out)[*n - 1 - i] = t;
	}
	return 0;
}

/* The blob id of path in a commit; 0 with *found 0 when absent. */
static int
path_blob(git_oid *out, int *found, git_commit *c, const char *path)
{
	git_tree *t = NULL;
	git_tree_entry *te = NULL;
	int e = git_commit_tree(&t, c);

	*found = 0;
	if (e < 0)
		return e;
	e = git_tree_entry_bypath(&te, t, path);
	if (!e && git_tree_entry_type(te) == GIT_OBJECT_BLOB) {
		git_oid_cpy(out, git_tree_entry_id(te));
		*found = 1;
	}
	git_tree_entry_free(te);
	git_tree_free(t);
	return e == GIT_ENOTFOUND ? 0 : e;
}

/* The blob of path in a commit, else of alias (a moved file's earlier
 * name; NULL: none). */
static int
version_blob(git_oid *out, int *found, git_commit *c, const char *path,
	     const char *alias)
{
	int e = path_blob(out, found, c, path);

	if (!e && !*found && alias)
		e = path_blob(out, found, c, alias);
	return e;
}

int
repo_path_changes(struct repo *r, const char *tip, const char *const *hide,
		  size_t nhide, const char *path, const char *alias,
		  int (*cb)(void *arg, const struct repo_path_change *c),
		  void *arg)
{
	git_repository *git = repo_git(r);
	git_revwalk *walk = NULL;
	git_oid oid;
	int e, rc = 0;

	/*
	 * Every commit's path is looked up through cases/<year>, a tree of
	 * a year's cases: thousands of entries.  libgit2 caches only trees
	 * under 4 KiB, and would inflate it again for every lookup.
	 */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE,
			 (size_t)1 << 20);
	e = walk_range(&walk, git, tip, NULL);
	/* the history before the merge: behind every merge base */
	for (size_t i = 0; i < nhide && !e; i++)
		if (*hide[i] && !(e = git_oid_fromstr(&oid, hide[i])))
			e = git_revwalk_hide(walk, &oid);
	while (!e && !rc && !(e = git_revwalk_next(&oid, walk))) {
		git_commit *c = NULL;
		git_oid now, before, first;
		int has_now, has_before, has_first = 0, changed = 1;
		unsigned np;

		if ((e = git_commit_lookup(&c, git, &oid)) < 0 ||
		    (e = version_blob(&now, &has_now, c, path, alias)) < 0) {
			git_commit_free(c);
			break;
		}
		np = git_commit_parentcount(c);
		if (np > 1)
			changed = 0;
		for (unsigned i = 0; i < np && !e && changed; i++) {
			git_commit *p = NULL;

			if ((e = git_commit_parent(&p, c, i)) < 0 ||
			    (e = version_blob(&before, &has_before, p, path,
					      alias)) < 0) {
				git_commit_free(p);
				break;
			}
			if (has_before == has_now &&
			    (!has_now || git_oid_equal(&before, &now)))
				changed = 0;
			if (i == 0) {
				first = before;
				has_first = has_before;
			}
			git_commit_free(p);
		}
		if (!e && changed && (has_now || has_first)) {
			struct repo_path_change ch;
			git_blob *ob = NULL, *nb = NULL;
			char id[REPO_ID_LEN];

			memset(&ch, 0, sizeof(ch));
			hex(id, &oid);
			ch.id = id;
			/* the author time: when the change was made, which
			 * a rebase or a cherry-pick keeps */
			ch.time = (time_t)git_commit_author(c)->when.time;
			ch.author = git_commit_author(c)->name;
			if (has_first && !git_blob_lookup(&ob, git, &first)) {
				ch.old_text = git_blob_rawcontent(ob);
				ch.old_len = (size_t)git_blob_rawsize(ob);
			}
			if (has_now && !git_blob_lookup(&nb, git, &now)) {
				ch.new_text = git_blob_rawcontent(nb);
				ch.new_len = (size_t)git_blob_rawsize(nb);
			}
			rc = cb(arg, &ch);
			git_blob_free(ob);
			git_blob_free(nb);
		}
		git_commit_free(c);
	}
	git_revwalk_free(walk);
	if (e == GIT_ITEROVER)
		e = 0;
	if (e < 0)
		return dk_giterr("cannot read the history");
	return rc;
}

/* The commit a rebase is replaying ("pick <id> ..."), or 0. */
static int
rebase_pick(struct repo *r, char out[REPO_ID_LEN])
{
	char *path = repo_git_path(r, "rebase-merge/done");
	struct sb sb = SB_INIT;
	git_object *obj = NULL;
	char *line, *id, *end;
	int found = 0;

	if (read_file(path, &sb) < 0 || !sb.len)
		goto out;
	while (sb.len && sb.buf[sb.len - 1] == '\n')
		sb.buf[--sb.len] = '\0';
	line = strrchr(sb.buf, '\n');
	line = line ? line + 1 : sb.buf;
	id = strchr(line, ' ');
	if (!id)
		goto out;
	id++;
	end = id + strcspn(id, " ");
	*end = '\0';
	if (!git_revparse_single(&obj, repo_git(r), id) &&
	    git_object_type(obj) == GIT_OBJECT_COMMIT) {
		hex(out, git_object_id(obj));
		found = 1;
	}
out:
	git_object_free(obj);
	sb_free(&sb);
	free(path);
	return found;
}

/* Is a rebase or a cherry-pick under way (theirs replayed onto HEAD)? */
static int
replaying(struct repo *r)
{
	switch (git_repository_state(repo_git(r))) {
	case GIT_REPOSITORY_STATE_REBASE:
	case GIT_REPOSITORY_STATE_REBASE_INTERACTIVE:
	case GIT_REPOSITORY_STATE_REBASE_MERGE:
	case GIT_REPOSITORY_STATE_CHERRYPICK:
	case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE:
		return 1;
	default:
		return 0;
	}
}

int
repo_cli_merge_heads(struct repo *r, char ours[REPO_ID_LEN],
		     char theirs[REPO_ID_LEN], int *replay)
{
	static const char *const merge_refs[] = { "MERGE_HEAD", NULL };
	static const char *const replay_refs[] = {
		"REBASE_HEAD", "CHERRY_PICK_HEAD", NULL
	};
	const char *const *refs = merge_refs;
	git_oid oid;
	int rc = repo_head_id(r, ours);

	theirs[0] = '\0';
	*replay = 0;
	if (rc)
		return rc;
	if (replaying(r)) {
		*replay = 1;
		refs = replay_refs;
		/* git rebase: the commit it replays now is the last line of
		 * done (REBASE_HEAD may still name the one before) */
		if (rebase_pick(r, theirs))
			return 0;
	} else {
		/* git merge (and so git pull) names the other side
		 * GITHEAD_<id> */
		for (char **e = environ; e && *e; e++) {
			const char *v = *e;

			if (!has_prefix(v, "GITHEAD_") || strlen(v) < 8 + 40 ||
			    v[8 + 40] != '=')
				continue;
			if (git_oid_fromstrn(&oid, v + 8, 40) < 0)
				continue;
			if (strncmp(v + 8, ours, 40)) {
				hex(theirs, &oid);
				return 0;
			}
		}
	}
	for (int i = 0; refs[i]; i++)
		if (!git_reference_name_to_id(&oid, repo_git(r), refs[i])) {
			hex(theirs, &oid);
			return 0;
		}
	return dk_err(DK_ENOTFOUND, "cannot tell which commit is being "
		      "merged (no GITHEAD_*, MERGE_HEAD or REBASE_HEAD)");
}

static int
same_author(const git_signature *a, const git_signature *b)
{
	return a->when.time == b->when.time && streq(a->name, b->name) &&
	       streq(a->email, b->email);
}

/* Is id HEAD or an ancestor of it?  1, 0 (also when id does not exist),
 * or a libgit2 error. */
static int
on_head(git_repository *git, const git_oid *head, const git_oid *id)
{
	git_commit *c = NULL;
	int e;

	if (git_oid_equal(head, id))
		return 1;
	if ((e = git_commit_lookup(&c, git, id)) < 0)
		return e == GIT_ENOTFOUND ? 0 : e;
	git_commit_free(c);
	return git_graph_descendant_of(git, head, id);
}

int
repo_landed(struct repo *r, int replay, const char *ours, const char *theirs)
{
	git_repository *git = repo_git(r);
	git_commit *t = NULL;
	git_revwalk *walk = NULL;
	git_oid head, o, oid;
	int e, rc = 0;

	if (parse_id(&o, ours) || parse_id(&oid, theirs))
		return DK_EGIT;
	if (git_reference_name_to_id(&head, git, "HEAD") < 0)
		return 0;	/* no commits: nothing landed */
	if (!replay) {
		/* the merge commit has both sides: both are on HEAD */
		if ((e = on_head(git, &head, &o)) > 0)
			e = on_head(git, &head, &oid);
		if (e < 0)
			goto fail;
		return e;
	}
	/* a replay landed: a commit on HEAD made on ours by theirs' author,
	 * at theirs' time (rebase and cherry-pick keep the author) */
	if ((e = git_commit_lookup(&t, git, &oid)) == GIT_ENOTFOUND)
		return 0;	/* gone: an aborted rebase's, pruned */
	if (e < 0 || (e = on_head(git, &head, &o)) < 0)
		goto fail;
	if (!e || git_oid_equal(&head, &o))
		goto out;
	if ((e = git_revwalk_new(&walk, git)) < 0 ||
	    (e = git_revwalk_push(walk, &head)) < 0 ||
	    (e = git_revwalk_hide(walk, &o)) < 0)
		goto fail;
	while (!rc && !(e = git_revwalk_next(&oid, walk))) {
		git_commit *c = NULL;

		if ((e = git_commit_lookup(&c, git, &oid)) < 0)
			goto fail;
		rc = git_commit_parentcount(c) > 0 &&
		     git_oid_equal(git_commit_parent_id(c, 0), &o) &&
		     same_author(git_commit_author(c), git_commit_author(t));
		git_commit_free(c);
	}
	if (!rc && e != GIT_ITEROVER)
		goto fail;
out:
	git_revwalk_free(walk);
	git_commit_free(t);
	return rc;
fail:
	git_revwalk_free(walk);
	git_commit_free(t);
	return dk_giterr("cannot read the history");
}

int
repo_path_untracked(struct repo *r, const char *path)
{
	unsigned int flags = 0;

	if (git_status_file(&flags, repo_git(r), path) < 0)
		return 0;
	return flags == GIT_STATUS_WT_NEW;
}

/* ---- moving the branch ---- */

static int
lookup_tree(git_tree **out, git_repository *git, const char *id)
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

/* ---- the in-memory merge and docket's driver ---- */

struct repo_merge {
	struct repo *r;
	git_commit *ours, *theirs;
	git_index *index;
	repo_merge_file_fn fn;
	void *arg;
	struct strv why;	/* "path\0message" pairs from the driver */
	struct repo_conflict *conf;
	size_t nconf, capconf;
};

/* the merge the driver works for (libgit2 gives the driver no payload) */
static struct repo_merge *active;

static int
blob_of(git_blob **out, git_repository *git, const git_index_entry *e)
{
	*out = NULL;
	return e ? git_blob_lookup(out, git, &e->id) : 0;
}

static int
driver_apply(git_merge_driver *self, const char **path_out, uint32_t *mode_out,
	     git_buf *merged_out, const char *filter_name,
	     const git_merge_driver_source *src)
{
	const git_index_entry *anc = git_merge_driver_source_ancestor(src);
	const git_index_entry *ours = git_merge_driver_source_ours(src);
	const git_index_entry *theirs = git_merge_driver_source_theirs(src);
	git_repository *git = git_merge_driver_source_repo(src);
	git_blob *b = NULL, *o = NULL, *t = NULL;
	struct sb out = SB_INIT;
	const char *path;
	int e;

	(void)self;
	(void)filter_name;
	if (!active || !ours || !theirs)
		return GIT_PASSTHROUGH;
	path = ours->path;
	if (!has_suffix(path, ".ini"))
		return GIT_PASSTHROUGH;
	if (blob_of(&b, git, anc) < 0 || blob_of(&o, git, ours) < 0 ||
	    blob_of(&t, git, theirs) < 0) {
		e = -1;
		goto out;
	}
	e = active->fn(active->arg, path,
		       b ? git_blob_rawcontent(b) : NULL,
		       b ? (size_t)git_blob_rawsize(b) : 0,
		       git_blob_rawcontent(o), (size_t)git_blob_rawsize(o),
		       git_blob_rawcontent(t), (size_t)git_blob_rawsize(t),
		       &out);
	if (e) {
		char *rec = xasprintf("%s%c%s", path, '\0', dk_errmsg());

		strv_push_owned(&active->why, rec);
		e = GIT_EMERGECONFLICT;
		goto out;
	}
	/* libgit2 frees the buffer with its allocator: malloc's */
	merged_out->ptr = malloc(out.len + 1);
	if (!merged_out->ptr) {
		e = -1;
		goto out;
	}
	memcpy(merged_out->ptr, out.len ? out.buf : "", out.len);
	merged_out->ptr[out.len] = '\0';
	merged_out->size = out.len;
	merged_out->reserved = 0;
	*path_out = path;
	*mode_out = ours->mode;
	e = 0;
out:
	sb_free(&out);
	git_blob_free(b);
	git_blob_free(o);
	git_blob_free(t);
	return e;
}

static git_merge_driver docket_driver = {
	GIT_MERGE_DRIVER_VERSION, NULL, NULL, driver_apply
};

static int
register_driver_once(void)
{
	static int done;
	int e;

	if (done)
		return 0;
	e = git_merge_driver_register("docket", &docket_driver);
	if (e < 0 && e != GIT_EEXISTS)
		return dk_giterr("cannot register the merge driver");
	done = 1;
	return 0;
}

static const char *
driver_why(struct repo_merge *m, const char *path)
{
	for (size_t i = 0; i < m->why.n; i++)
		if (!strcmp(m->why.v[i], path))
			return m->why.v[i] + strlen(path) + 1;
	return NULL;
}

static void
clear_conflicts(struct repo_merge *m)
{
	for (size_t i = 0; i < m->nconf; i++) {
		free(m->conf[i].path);
		free(m->conf[i].why);
	}
	m->nconf = 0;
}

static int
list_conflicts(struct repo_merge *m)
{
	git_index_conflict_iterator *it = NULL;
	const git_index_entry *a, *o, *t;
	int e;

	clear_conflicts(m);
	if ((e = git_index_conflict_iterator_new(&it, m->index)) < 0)
		return e;
	while (!(e = git_index_conflict_next(&a, &o, &t, it))) {
		struct repo_conflict *c;
		const char *path = o ? o->path : t ? t->path : a->path;
		const char *why = driver_why(m, path);

		GROW(m->conf, m->capconf, m->nconf + 1);
		c = &m->conf[m->nconf++];
		c->path = xstrdup(path);
		c->base = a != NULL;
		c->ours = o != NULL;
		c->theirs = t != NULL;
		c->why = why ? xstrdup(why) : NULL;
	}
	git_index_conflict_iterator_free(it);
	return e == GIT_ITEROVER ? 0 : e;
}

static int
lookup_commit(git_commit **out, git_repository *git, const char *id)
{
	git_oid oid;
	int e;

	*out = NULL;
	if ((e = git_oid_fromstr(&oid, id)) < 0)
		return e;
	return git_commit_lookup(out, git, &oid);
}

/* The files of a directory being moved, as tree updates. */
struct move_walk {
	git_tree *root;
	const struct repo_move *mv;
	git_tree_update *u;
	size_t n, cap;
	struct strv paths;	/* the updates' paths */
	int conflict;
};

static int
move_file(const char *dir, const git_tree_entry *te, void *payload)
{
	struct move_walk *w = payload;
	git_tree_entry *there = NULL;
	char *from, *to;

	if (git_tree_entry_type(te) != GIT_OBJECT_BLOB)
		return 0;
	from = xasprintf("%s/%s%s", w->mv->from, dir, git_tree_entry_name(te));
	to = xasprintf("%s/%s%s", w->mv->to, dir, git_tree_entry_name(te));
	if (!git_tree_entry_bypath(&there, w->root, to) &&
	    (git_tree_entry_type(there) != GIT_OBJECT_BLOB ||
	     !git_oid_equal(git_tree_entry_id(there), git_tree_entry_id(te)))) {
		w->conflict = dk_err(DK_ECONFLICT, "cannot move %s to %s: %s "
				     "is there already, different", from, to,
				     to);
		free(from);
		free(to);
		git_tree_entry_free(there);
		return -1;
	}
	git_tree_entry_free(there);
	GROW(w->u, w->cap, w->n + 2);
	memset(&w->u[w->n], 0, 2 * sizeof(*w->u));
	w->u[w->n].action = GIT_TREE_UPDATE_REMOVE;
	w->u[w->n].path = from;
	w->u[w->n + 1].action = GIT_TREE_UPDATE_UPSERT;
	w->u[w->n + 1].id = *git_tree_entry_id(te);
	w->u[w->n + 1].filemode = git_tree_entry_filemode(te);
	w->u[w->n + 1].path = to;
	w->n += 2;
	strv_push_owned(&w->paths, from);
	strv_push_owned(&w->paths, to);
	return 0;
}

/* Move, in *t, every directory of moves that it has (see repo_merge_start). */
static int
apply_moves(git_tree **t, git_repository *git, const struct repo_move *moves,
	    size_t n)
{
	int rc = 0;

	for (size_t i = 0; *t && i < n && !rc; i++) {
		struct move_walk w;
		git_tree_entry *te = NULL;
		git_tree *sub = NULL, *moved = NULL;
		git_oid oid;

		memset(&w, 0, sizeof(w));
		w.root = *t;
		w.mv = &moves[i];
		if (git_tree_entry_bypath(&te, *t, moves[i].from) < 0 ||
		    git_tree_entry_type(te) != GIT_OBJECT_TREE) {
			git_tree_entry_free(te);
			continue;
		}
		if (git_tree_lookup(&sub, git, git_tree_entry_id(te)) < 0 ||
		    (git_tree_walk(sub, GIT_TREEWALK_PRE, move_file, &w) < 0 &&
		     !w.conflict) ||
		    (!w.conflict &&
		     (git_tree_create_updated(&oid, git, *t, w.n, w.u) < 0 ||
		      git_tree_lookup(&moved, git, &oid) < 0)))
			rc = dk_giterr("cannot follow a moved directory");
		else if (w.conflict)
			rc = w.conflict;
		if (!rc) {
			git_tree_free(*t);
			*t = moved;
		}
		git_tree_entry_free(te);
		git_tree_free(sub);
		free(w.u);
		strv_free(&w.paths);
	}
	return rc;
}

int
repo_merge_start(struct repo_merge **out, struct repo *r, const char *base,
		 const char *ours, const char *theirs,
		 const struct repo_move *moves, size_t nmoves,
		 repo_merge_file_fn fn, void *arg)
{
	git_repository *git = repo_git(r);
	struct repo_merge *m = xcalloc(1, sizeof(*m));
	git_tree *bt = NULL, *ot = NULL, *tt = NULL;
	git_merge_options mo;
	int e, rc = 0;

	*out = NULL;
	m->r = r;
	m->fn = fn;
	m->arg = arg;
	if ((rc = register_driver_once()))
		goto out;
	if ((e = lookup_tree(&bt, git, base)) < 0 ||
	    (e = lookup_commit(&m->ours, git, ours)) < 0 ||
	    (e = lookup_commit(&m->theirs, git, theirs)) < 0 ||
	    (e = git_commit_tree(&ot, m->ours)) < 0 ||
	    (e = git_commit_tree(&tt, m->theirs)) < 0) {
		rc = dk_giterr("cannot read the commits to merge");
		goto out;
	}
	if ((rc = apply_moves(&bt, git, moves, nmoves)) ||
	    (rc = apply_moves(&ot, git, moves, nmoves)) ||
	    (rc = apply_moves(&tt, git, moves, nmoves)))
		goto out;
	git_merge_options_init(&mo, GIT_MERGE_OPTIONS_VERSION);
	/* *.ini files merge=docket in .gitattributes; docket's driver is
	 * also the default, for a firm whose attributes lost the line (it
	 * hands anything but *.ini to the text merge) */
	mo.default_driver = "docket";
	active = m;
	e = git_merge_trees(&m->index, git, bt, ot, tt, &mo);
	active = NULL;
	if (e < 0) {
		rc = dk_giterr("cannot merge");
		goto out;
	}
	if (list_conflicts(m) < 0)
		rc = dk_giterr("cannot list the merge's conflicts");
out:
	git_tree_free(bt);
	git_tree_free(ot);
	git_tree_free(tt);
	if (rc)
		repo_merge_free(m);
	else
		*out = m;
	return rc;
}

size_t
repo_merge_conflicts(struct repo_merge *m, const struct repo_conflict **out)
{
	*out = m->conf;
	return m->nconf;
}

static int
add_entry(git_index *idx, const git_index_entry *src, const char *path)
{
	git_index_entry e;

	memset(&e, 0, sizeof(e));
	e.mode = src->mode;
	e.id = src->id;
	e.file_size = src->file_size;
	e.path = path;
	return git_index_add(idx, &e);
}

int
repo_merge_resolve(struct repo_merge *m, const char *path, int side,
		   const char *theirs_as)
{
	const git_index_entry *a, *o, *t;
	git_index_entry keep, other;
	int has_keep = 0, has_other = 0;
	char *p = xstrdup(path);
	int e;

	if ((e = git_index_conflict_get(&a, &o, &t, m->index, p)) < 0)
		goto out;
	if (side == 0 ? o != NULL : side == 1 ? t != NULL : 0) {
		keep = side ? *t : *o;
		has_keep = 1;
	}
	if (theirs_as && t) {
		other = *t;
		has_other = 1;
	}
	if ((e = git_index_conflict_remove(m->index, p)) < 0)
		goto out;
	if (has_keep && (e = add_entry(m->index, &keep, p)) < 0)
		goto out;
	if (has_other && (e = add_entry(m->index, &other, theirs_as)) < 0)
		goto out;
	e = list_conflicts(m);
out:
	free(p);
	return e < 0 ? dk_giterr("cannot resolve a merge conflict") : 0;
}

int
repo_merge_has(struct repo_merge *m, const char *path)
{
	return git_index_get_bypath(m->index, path, 0) != NULL;
}

int
repo_merge_add(struct repo_merge *m, const char *path, const char *text,
	       size_t len)
{
	git_index_entry e;
	int rc;

	memset(&e, 0, sizeof(e));
	e.mode = GIT_FILEMODE_BLOB;
	e.file_size = (uint32_t)len;
	e.path = path;
	rc = git_blob_create_from_buffer(&e.id, repo_git(m->r), text, len);
	if (!rc)
		rc = git_index_add(m->index, &e);
	return rc < 0 ? dk_giterr("cannot add a file to the merge") : 0;
}

int
repo_merge_commit(struct repo_merge *m, const char *message, time_t when,
		  char id[REPO_ID_LEN])
{
	git_repository *git = repo_git(m->r);
	git_signature *sig = NULL;
	git_tree *tree = NULL;
	const git_commit *parents[2] = { m->ours, m->theirs };
	char *name = NULL, *email = NULL;
	git_oid tree_oid, oid;
	int rc;

	id[0] = '\0';
	if (git_index_has_conflicts(m->index))
		return dk_err(DK_ECONFLICT, "the merge has conflicts left");
	if ((rc = repo_identity(m->r, &name, &email)))
		return rc;
	if (git_signature_new(&sig, name, email, (git_time_t)when,
			      tz_offset_minutes(when)) < 0 ||
	    git_index_write_tree_to(&tree_oid, m->index, git) < 0 ||
	    git_tree_lookup(&tree, git, &tree_oid) < 0 ||
	    git_commit_create(&oid, git, NULL, sig, sig, NULL, message, tree,
			      2, parents) < 0)
		rc = dk_giterr("cannot make the merge commit");
	else
		hex(id, &oid);
	git_tree_free(tree);
	git_signature_free(sig);
	free(name);
	free(email);
	return rc;
}

void
repo_merge_free(struct repo_merge *m)
{
	if (!m)
		return;
	clear_conflicts(m);
	free(m->conf);
	strv_free(&m->why);
	git_index_free(m->index);
	git_commit_free(m->ours);
	git_commit_free(m->theirs);
	free(m);
}

/* ---- clone ---- */

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path);
}

/* Empty dir of everything in it (what a clone wrote into it). */
static void
empty_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct strv names = STRV_INIT;

	if (!d)
		return;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			strv_push(&names, e->d_name);
	closedir(d);
	for (size_t i = 0; i < names.n; i++) {
		char *p = path_join(dir, names.v[i]);

		nftw(p, remove_one, 16, FTW_DEPTH | FTW_PHYS);
		free(p);
	}
	strv_free(&names);
}

/* Does HEAD's tree have path as a file? */
static int
head_has_file(git_repository *git, const char *path)
{
	git_object *tree = NULL;
	git_tree_entry *te = NULL;
	int found = 0;

	if (!git_revparse_single(&tree, git, "HEAD^{tree}") &&
	    !git_tree_entry_bypath(&te, (git_tree *)tree, path))
		found = git_tree_entry_type(te) == GIT_OBJECT_BLOB;
	git_tree_entry_free(te);
	git_object_free(tree);
	return found;
}

int
repo_clone(struct repo **out, const char *url, const char *dir,
	   const char *need)
{
	git_clone_options co;
	git_checkout_options checkout;
	git_repository *git = NULL;
	struct net n = { 0, NULL };
	struct stat st;
	int made = 0, e, rc;

	*out = NULL;
	git_libgit2_init();
	if (mkdir(dir, dir_mode & 07777) == 0)
		made = 1;
	else if (errno != EEXIST)
		return dk_errno(DK_EIO, errno, "cannot make '%s'", dir);
	else if (stat(dir, &st) < 0)
		return dk_errno(DK_EIO, errno, "cannot read '%s'", dir);
	git_clone_options_init(&co, GIT_CLONE_OPTIONS_VERSION);
	co.fetch_opts.callbacks.credentials = credentials;
	co.fetch_opts.callbacks.transfer_progress = fetch_progress;
	co.fetch_opts.callbacks.payload = &n;
	/* nothing in the work tree until it is known to be wanted */
	co.checkout_opts.checkout_strategy = GIT_CHECKOUT_NONE;
	/* libgit2 takes back what it made when the clone fails (and keeps
	 * a directory that was there) */
	e = git_clone(&git, url, dir, &co);
	if (e < 0) {
		rc = dk_err(e == GIT_EEXISTS ? DK_EEXISTS : DK_ENET,
			    "cannot clone %s: %s", url, git_msg());
		if (made)
			rmdir(dir);
		return rc;
	}
	if (need && !head_has_file(git, need)) {
		rc = dk_err(DK_ENOFIRM, "%s has no %s", url, need);
		goto fail;
	}
	git_checkout_options_init(&checkout, GIT_CHECKOUT_OPTIONS_VERSION);
	checkout.checkout_strategy = GIT_CHECKOUT_SAFE |
				     GIT_CHECKOUT_RECREATE_MISSING;
	checkout.file_mode = file_mode;
	checkout.dir_mode = dir_mode & 07777;
	if (git_repository_head_unborn(git) != 1 &&
	    git_checkout_head(git, &checkout) < 0) {
		rc = dk_err(DK_EIO, "cannot check out %s: %s", url, git_msg());
		goto fail;
	}
	/* owner-only (as init makes a firm), whatever the umask */
	chmod(dir, dir_mode & 07777);
	chmod(git_repository_path(git), dir_mode & 07777);
	*out = repo_wrap(git);
	return 0;
fail:
	/* dir as it was: gone when clone made it, else empty again (git
	 * clone wants it empty) with its mode */
	git_repository_free(git);
	if (made) {
		nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	} else {
		empty_dir(dir);
		chmod(dir, st.st_mode & 07777);
	}
	return rc;
}
