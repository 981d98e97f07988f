/*
 * repo-log.c - history: the one walker of the commits that changed a
 * path (`docket log`'s audit trail, and the later change a sync decision
 * goes by), the commits of a range, a commit's time, ancestry, the files
 * two commits differ in.
 */
#include "docket/repo-log.h"
#include "docket/error.h"
#include "docket/repo.h"
#include "docket/util.h"
#include "repo-git.h"

#include <stdlib.h>
#include <string.h>

/* ---- the walker ---- */

/* The tree entry of path in a commit, else of alias (NULL: none); 0
 * with *out NULL when neither is there, or a libgit2 error. */
static int
entry_of(git_tree_entry **out, git_commit *c, const char *path,
	 const char *alias)
{
	git_tree *t = NULL;
	int e = git_commit_tree(&t, c);

	*out = NULL;
	if (e < 0)
		return e;
	e = git_tree_entry_bypath(out, t, path);
	if (e == GIT_ENOTFOUND && alias)
		e = git_tree_entry_bypath(out, t, alias);
	git_tree_free(t);
	return e == GIT_ENOTFOUND ? 0 : e;
}

/* entry_of the walk's path, its alias, then its other earlier names. */
static int
walk_entry(git_tree_entry **out, git_commit *c, const struct repo_log_opts *o)
{
	int e = entry_of(out, c, o->path, o->alias);

	for (size_t i = 0; !e && !*out && i < o->naliases; i++)
		e = entry_of(out, c, o->aliases[i], NULL);
	return e;
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

/* The blob id of the walk's file in the path's entry e: e itself (file
 * NULL) or file under it.  0 when there is none. */
static int
file_id(git_oid *out, git_repository *git, const git_tree_entry *e,
	const char *file)
{
	git_tree *t;
	git_tree_entry *fe = NULL;
	int found = 0;

	if (!e)
		return 0;
	if (!file) {
		if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
			return 0;
		git_oid_cpy(out, git_tree_entry_id(e));
		return 1;
	}
	if (!(t = subtree(git, e)))
		return 0;
	if (!git_tree_entry_bypath(&fe, t, file) &&
	    git_tree_entry_type(fe) == GIT_OBJECT_BLOB) {
		git_oid_cpy(out, git_tree_entry_id(fe));
		found = 1;
	}
	git_tree_entry_free(fe);
	git_tree_free(t);
	return found;
}

/* A blob's bytes as a new string (NUL added), its size in *len. */
static char *
blob_text(git_repository *git, const git_oid *id, size_t *len)
{
	git_blob *b = NULL;
	char *s = NULL;

	*len = 0;
	if (!git_blob_lookup(&b, git, id)) {
		*len = (size_t)git_blob_rawsize(b);
		s = xmalloc(*len + 1);
		memcpy(s, git_blob_rawcontent(b), *len);
		s[*len] = '\0';
		git_blob_free(b);
	}
	return s;
}

struct walk {
	git_repository *git;
	const struct repo_log_opts *o;
	struct repo_change *ch;
	size_t nch, cap;
	struct strv paths;
};

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

/* A merge's second parent's and merge base's version of the walk's
 * file: new strings, or NULL. */
static void
merge_sides(struct walk *w, git_commit *c, char **other, char **base)
{
	git_commit *p2 = NULL, *b = NULL;
	git_tree_entry *e2 = NULL, *eb = NULL;
	git_oid id;
	size_t len;

	*other = *base = NULL;
	if (git_commit_parent(&p2, c, 1) < 0)
		return;
	if (!walk_entry(&e2, p2, w->o) && file_id(&id, w->git, e2, w->o->file))
		*other = blob_text(w->git, &id, &len);
	if (!git_merge_base(&id, w->git, git_commit_parent_id(c, 0),
			    git_commit_parent_id(c, 1)) &&
	    !git_commit_lookup(&b, w->git, &id) && !walk_entry(&eb, b, w->o) &&
	    file_id(&id, w->git, eb, w->o->file))
		*base = blob_text(w->git, &id, &len);
	git_tree_entry_free(e2);
	git_tree_entry_free(eb);
	git_commit_free(p2);
	git_commit_free(b);
}

/* A merge's changes: only the files that are in neither parent as the
 * merge has them. */
static void
merge_only(struct walk *w, git_commit *c)
{
	git_commit *p2 = NULL;
	git_tree_entry *e2 = NULL;
	git_tree *t2 = NULL;
	size_t keep = 0;

	if (git_commit_parent(&p2, c, 1) < 0 || walk_entry(&e2, p2, w->o) < 0)
		goto out;
	t2 = subtree(w->git, e2);
	for (size_t i = 0; i < w->nch; i++) {
		git_tree_entry *te = NULL;
		int theirs = 0;

		if (w->ch[i].status == 'D')
			theirs = !t2 || git_tree_entry_bypath(&te, t2,
						w->ch[i].path) == GIT_ENOTFOUND;
		else if (t2 && !git_tree_entry_bypath(&te, t2, w->ch[i].path)) {
			git_tree_entry *mine = NULL;

			/* as the merge has it? */
			if (!walk_entry(&mine, c, w->o) && mine) {
				git_tree *sub = subtree(w->git, mine);
				git_tree_entry *me = NULL;

				if (sub && !git_tree_entry_bypath(&me, sub,
							w->ch[i].path))
					theirs = same_entry(me, te);
				git_tree_entry_free(me);
				git_tree_free(sub);
			}
			git_tree_entry_free(mine);
		}
		git_tree_entry_free(te);
		if (!theirs)
			w->ch[keep++] = w->ch[i];
	}
	w->nch = keep;
out:
	git_tree_free(t2);
	git_tree_entry_free(e2);
	git_commit_free(p2);
}

/* Hand one commit that changed the path to the callback: now is the
 * path's entry in it, before the one in its first parent. */
static int
report_commit(struct walk *w, git_commit *c, const git_tree_entry *now,
	      const git_tree_entry *before,
	      int (*cb)(void *, const struct repo_log_entry *), void *arg)
{
	const git_signature *au = git_commit_author(c);
	struct repo_log_entry le;
	git_diff *diff = NULL;
	git_oid fo, fn;
	int has_fo = file_id(&fo, w->git, before, w->o->file);
	int has_fn = file_id(&fn, w->git, now, w->o->file);
	char hex[GIT_OID_HEXSZ + 1];
	char *old_ini = NULL, *new_ini = NULL, *summary;
	char *other_ini = NULL, *base_ini = NULL;
	int rc;

	memset(&le, 0, sizeof(le));
	w->nch = 0;
	strv_free(&w->paths);
	if (w->o->changes) {
		git_tree *a = subtree(w->git, before), *b = subtree(w->git, now);

		if (!git_diff_tree_to_tree(&diff, w->git, a, b, NULL))
			git_diff_foreach(diff, collect, NULL, NULL, NULL, w);
		git_tree_free(a);
		git_tree_free(b);
	}
	/* the file's two versions, when this commit changed it */
	if (has_fo != has_fn || (has_fo && !git_oid_equal(&fo, &fn)) ||
	    (w->o->path && git_commit_parentcount(c) == 2)) {
		if (has_fo)
			old_ini = blob_text(w->git, &fo, &le.old_len);
		if (has_fn)
			new_ini = blob_text(w->git, &fn, &le.new_len);
	}
	if (w->o->path && git_commit_parentcount(c) == 2) {
		le.merge = 1;
		if (w->o->changes)
			merge_only(w, c);
		if (w->o->file)
			merge_sides(w, c, &other_ini, &base_ini);
		le.other_ini = other_ini;
		le.base_ini = base_ini;
	}
	git_oid_tostr(hex, sizeof(hex), git_commit_id(c));
	summary = xstrdup(git_commit_summary(c) ? git_commit_summary(c) : "");
	le.id = hex;
	/* the author time: when the change was made, which a rebase or a
	 * cherry-pick keeps */
	le.time = (time_t)au->when.time;
	le.offset = au->when.offset;
	le.author = au->name;
	le.email = au->email;
	le.summary = summary;
	le.changes = w->ch;
	le.nchanges = w->nch;
	le.old_ini = old_ini;
	le.new_ini = new_ini;
	rc = cb(arg, &le);
	free(summary);
	free(old_ini);
	free(new_ini);
	free(other_ini);
	free(base_ini);
	git_diff_free(diff);
	return rc;
}

int
repo_log(struct repo *r, const struct repo_log_opts *o,
	 int (*cb)(void *arg, const struct repo_log_entry *e), void *arg)
{
	git_repository *git = repo_git(r);
	git_revwalk *walk = NULL;
	struct walk w = { git, o, NULL, 0, 0, STRV_INIT };
	const char *what = "cannot walk the history";
	git_oid oid;
	int e, rc = 0;

	/*
	 * Every commit's path is looked up through cases/<year>, a tree of
	 * a year's cases: thousands of entries.  libgit2 caches only trees
	 * under 4 KiB, and would inflate it again for every lookup.
	 */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE,
			 (size_t)1 << 20);
	if ((e = git_revwalk_new(&walk, git)) < 0)
		goto out;
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	if (o->tip) {
		if ((e = git_oid_fromstr(&oid, o->tip)) < 0 ||
		    (e = git_revwalk_push(walk, &oid)) < 0)
			goto out;
	} else if ((e = git_revwalk_push_head(walk)) == GIT_ENOTFOUND ||
		   e == GIT_EUNBORNBRANCH) {
		e = 0;		/* no commit yet: no history */
		goto out;
	} else if (e < 0) {
		goto out;
	}
	/* the history before the merge: behind every merge base */
	for (size_t i = 0; i < o->nhide && !e; i++)
		if (*o->hide[i] && !(e = git_oid_fromstr(&oid, o->hide[i])))
			e = git_revwalk_hide(walk, &oid);
	what = "cannot read the history";
	while (!e && !rc && !(e = git_revwalk_next(&oid, walk))) {
		git_commit *c = NULL;
		git_tree_entry *now = NULL, *first = NULL;
		unsigned np;
		int changed = 1;

		if ((e = git_commit_lookup(&c, git, &oid)) < 0 ||
		    (o->path && (e = walk_entry(&now, c, o)) < 0)) {
			git_commit_free(c);
			break;
		}
		np = git_commit_parentcount(c);
		if (!o->path) {
			/* every commit */
			if (np < 2 || !o->no_merges)
				rc = report_commit(&w, c, NULL, NULL, cb, arg);
			git_commit_free(c);
			continue;
		}
		if (np > 1 && o->no_merges)
			changed = 0;
		for (unsigned i = 0; i < np; i++) {
			git_commit *p = NULL;
			git_tree_entry *pe = NULL;

			if (git_commit_parent(&p, c, i) < 0 ||
			    walk_entry(&pe, p, o) < 0) {
				/* a parent that cannot be read (a shallow
				 * clone's) is passed over */
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
			rc = report_commit(&w, c, now, first, cb, arg);
		git_tree_entry_free(now);
		git_tree_entry_free(first);
		git_commit_free(c);
	}
out:
	git_revwalk_free(walk);
	strv_free(&w.paths);
	free(w.ch);
	if (e == GIT_ITEROVER)
		e = 0;
	if (e < 0)
		return dk_giterr(what);
	return rc;
}

/* ---- commits ---- */

int
repo_parent(struct repo *r, const char *id, char out[REPO_ID_LEN])
{
	git_commit *c = NULL;
	int e;

	*out = '\0';
	if ((e = repo_lookup_commit(&c, repo_git(r), id)) < 0)
		return dk_giterr("cannot read a commit");
	if (git_commit_parentcount(c))
		repo_hex(out, git_commit_parent_id(c, 0));
	git_commit_free(c);
	return 0;
}

/* The tree entry of path in commit id: 0 (*out NULL when absent), or
 * DK_EGIT. */
static int
entry_at(git_tree_entry **out, struct repo *r, const char *id,
	 const char *path)
{
	git_commit *c = NULL;
	int e;

	*out = NULL;
	if ((e = repo_lookup_commit(&c, repo_git(r), id)) < 0 ||
	    (e = entry_of(out, c, path, NULL)) < 0) {
		git_commit_free(c);
		return dk_giterr("cannot read a commit");
	}
	git_commit_free(c);
	return 0;
}

int
repo_blob_at(struct repo *r, const char *commit, const char *path,
	     char out[REPO_ID_LEN])
{
	git_tree_entry *te;
	int e = entry_at(&te, r, commit, path);

	*out = '\0';
	if (e)
		return e;
	if (te && git_tree_entry_type(te) == GIT_OBJECT_BLOB)
		repo_hex(out, git_tree_entry_id(te));
	git_tree_entry_free(te);
	return 0;
}

int
repo_read_at(struct repo *r, const char *commit, const char *path,
	     struct sb *out)
{
	git_tree_entry *te;
	int e = entry_at(&te, r, commit, path);
	char *text;
	size_t len;

	if (e)
		return e;
	if (!te || git_tree_entry_type(te) != GIT_OBJECT_BLOB) {
		git_tree_entry_free(te);
		return dk_err(DK_ENOTFOUND, "no %s in %.8s", path, commit);
	}
	text = blob_text(repo_git(r), git_tree_entry_id(te), &len);
	git_tree_entry_free(te);
	if (!text)
		return dk_giterr("cannot read a file of a commit");
	sb_add(out, text, len);
	free(text);
	return 0;
}

struct files_walk {
	const char *dir;
	struct strv *out;
};

static int
add_file(const char *root, const git_tree_entry *te, void *payload)
{
	struct files_walk *fw = payload;

	if (git_tree_entry_type(te) == GIT_OBJECT_BLOB)
		strv_push_owned(fw->out, xasprintf("%s/%s%s", fw->dir, root,
						   git_tree_entry_name(te)));
	return 0;
}

int
repo_files_at(struct repo *r, const char *commit, const char *dir,
	      struct strv *out)
{
	git_tree_entry *te;
	git_tree *t;
	struct files_walk fw = { dir, out };
	int e = entry_at(&te, r, commit, dir);

	if (e)
		return e;
	t = subtree(repo_git(r), te);
	git_tree_entry_free(te);
	if (!t)
		return 0;
	e = git_tree_walk(t, GIT_TREEWALK_PRE, add_file, &fw);
	git_tree_free(t);
	if (e < 0)
		return dk_giterr("cannot read a commit's files");
	strv_sort(out);
	return 0;
}

int
repo_commit_time(struct repo *r, const char *id, time_t *out)
{
	git_commit *c = NULL;
	git_oid oid;

	*out = 0;
	if (repo_parse_id(&oid, id))
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

	if (repo_parse_id(&oa, a) || repo_parse_id(&ob, b))
		return DK_EGIT;
	if (git_oid_equal(&oa, &ob))
		return 1;
	e = git_graph_descendant_of(repo_git(r), &ob, &oa);
	return e < 0 ? dk_giterr("cannot compare the histories") : e;
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
	if ((e = repo_lookup_tree(&ft, git, from)) < 0 ||
	    (e = repo_lookup_tree(&tt, git, to)) < 0 ||
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
		repo_hex(ci->id, &oid);
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
