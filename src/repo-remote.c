/*
 * repo-remote.c - the firm's shared remote: the branch's upstream,
 * fetch, push (to a path remote, docket's own way), and clone.
 */
#include "docket/repo-remote.h"
#include "docket/error.h"
#include "docket/repo.h"
#include "docket/util.h"
#include "repo-git.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the upstream ---- */

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
	int rc = DK_EMOVED;

	/* docket's lock keeps other docket commands out; a git fetch that
	 * moves it between the read and the lock makes docket read again */
	for (int tries = 0; rc == DK_EMOVED && tries < 3; tries++) {
		int has = !git_reference_name_to_id(&old, repo_git(r), name);

		if (has && git_oid_equal(&old, id)) {
			rc = 0;
			break;
		}
		rc = repo_ref_update(r, repo_git(r), name, has ? &old : NULL, id,
				     why, time(NULL));
	}
	if (rc == DK_EMOVED)
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
	 * lock (see repo-journal.c), so a killed fetch leaves no lock of
	 * libgit2's behind */
	e = git_remote_download(rem, &specs, &fo);
	if (e < 0) {
		rc = dk_err(DK_ENET, "cannot fetch from %s (%s): %s", remote,
			    git_remote_url(rem), repo_git_msg());
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
		repo_hex(tip, found);
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
 * under docket's provable lock (see repo-journal.c), so that a push killed
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
		rc = dk_err(DK_ENET, "cannot push to %s: %s", path, repo_git_msg());
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
		rc = dk_err(DK_ENET, "cannot push to %s: %s", path, repo_git_msg());
		goto out;
	}
	if (!git_odb_exists(odb, &head)) {
		rc = dk_err(DK_EIO, "cannot push to %s: the commits did not "
			    "arrive whole (is its disk full?)", path);
		goto out;
	}
	rc = repo_ref_update(r, there, merge_ref, has_old ? &old : NULL, &head,
			     "docket sync: push", time(NULL));
	if (rc == DK_EMOVED) {
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
			    url, repo_git_msg());
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

/* Does rev's tree have path as a file? */
static int
rev_has_file(git_repository *git, const char *rev, const char *path)
{
	git_object *tree = NULL;
	git_tree_entry *te = NULL;
	char *spec = xasprintf("%s^{tree}", rev);
	int found = 0;

	if (!git_revparse_single(&tree, git, spec) &&
	    !git_tree_entry_bypath(&te, (git_tree *)tree, path))
		found = git_tree_entry_type(te) == GIT_OBJECT_BLOB;
	git_tree_entry_free(te);
	git_object_free(tree);
	free(spec);
	return found;
}

static int
head_has_file(git_repository *git, const char *path)
{
	return rev_has_file(git, "HEAD", path);
}

/*
 * The remote's HEAD names a branch it does not have (HEAD is unborn after
 * the clone): its only branch with path becomes the clone's branch,
 * tracking it.  0; DK_ENOFIRM when no branch has path; DK_EAMBIG listing
 * them when more than one does.
 */
static int
only_branch_with(git_repository *git, const char *url, const char *path)
{
	git_branch_iterator *it = NULL;
	git_reference *ref = NULL, *local = NULL;
	git_commit *commit = NULL;
	git_branch_t type;
	struct strv with = STRV_INIT;
	const char *slash;
	char *head = NULL;
	int rc = 0;

	if (git_branch_iterator_new(&it, git, GIT_BRANCH_REMOTE) < 0)
		return dk_err(DK_EIO, "cannot list the branches of %s: %s", url,
			      repo_git_msg());
	while (!git_branch_next(&ref, &type, it)) {
		const char *name = git_reference_shorthand(ref);

		slash = strchr(name, '/');
		if (slash && strcmp(slash + 1, "HEAD") &&
		    rev_has_file(git, git_reference_name(ref), path))
			strv_push(&with, name);
		git_reference_free(ref);
	}
	git_branch_iterator_free(it);
	if (!with.n) {
		rc = dk_err(DK_ENOFIRM, "%s has no %s", url, path);
		goto out;
	}
	strv_sort(&with);
	if (with.n > 1) {
		struct sb list = SB_INIT;

		for (size_t i = 0; i < with.n; i++)
			sb_addf(&list, "%s%s", i ? ", " : "",
				strchr(with.v[i], '/') + 1);
		rc = dk_err(DK_EAMBIG, "the HEAD of %s names a branch it does not "
			    "have, and more than one of its branches is a firm "
			    "(%s): clone one with 'git clone -b BRANCH'", url,
			    list.buf);
		sb_free(&list);
		goto out;
	}
	slash = strchr(with.v[0], '/');
	head = xasprintf("refs/heads/%s", slash + 1);
	if (git_revparse_single((git_object **)&commit, git, with.v[0]) < 0 ||
	    git_branch_create(&local, git, slash + 1, commit, 0) < 0 ||
	    git_branch_set_upstream(local, with.v[0]) < 0 ||
	    git_repository_set_head(git, head) < 0)
		rc = dk_err(DK_EIO, "cannot make the branch %s: %s", slash + 1,
			    repo_git_msg());
out:
	git_reference_free(local);
	git_commit_free(commit);
	strv_free(&with);
	free(head);
	return rc;
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
			    "cannot clone %s: %s", url, repo_git_msg());
		if (made)
			rmdir(dir);
		return rc;
	}
	if (need && git_repository_head_unborn(git) == 1 &&
	    (rc = only_branch_with(git, url, need)))
		goto fail;
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
		rc = dk_err(DK_EIO, "cannot check out %s: %s", url, repo_git_msg());
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
