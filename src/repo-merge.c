/*
 * repo-merge.c - merges: docket's merge driver (its registration in git's
 * config, and the driver libgit2 runs in docket's own merges), the merge
 * bases of two commits, the state of a merge, rebase or cherry-pick the
 * git command line is running and whether it took effect, and the
 * in-memory merge `docket sync` makes (see repo-merge.h).
 */
#include "docket/repo-merge.h"
#include "docket/error.h"
#include "docket/repo.h"
#include "docket/date.h"
#include "docket/util.h"
#include "repo-git.h"

#include <git2/sys/merge.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
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

/* A plain `git pull` merges, so the driver runs: pull.rebase = false in
 * the repository's own config, unless it says something already. */
static void
set_pull_merges(git_config *local)
{
	char *v = local_string(local, "pull.rebase");

	if (!v)
		git_config_set_bool(local, "pull.rebase", 0);
	free(v);
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
					local, "merge.docket.recursive")) &&
			    !git_config_set_string(local, "merge.docket.driver",
						   REPO_DRIVER_COMMAND))
				set_pull_merges(local);
			free(driver);
			free(rec);
			git_config_free(local);
		}
	} else if (!git_config_open_level(&local, cfg, GIT_CONFIG_LEVEL_LOCAL)) {
		/* a read-only repository stays as it is; docket tries again
		 * next time */
		if (!git_config_set_string(local, "merge.docket.name",
					   "docket: case.ini and docket.ini, "
					   "key by key") &&
		    !git_config_set_string(local, "merge.docket.driver",
					   REPO_DRIVER_COMMAND))
			set_pull_merges(local);
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

/* ---- git's own merges ---- */

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
repo_merge_bases(struct repo *r, const char *a, const char *b,
		 struct strv *out)
{
	git_oid oa, ob;
	git_oidarray bases = { NULL, 0 };
	char id[REPO_ID_LEN];
	int e;

	if (repo_parse_id(&oa, a) || repo_parse_id(&ob, b))
		return DK_EGIT;
	e = git_merge_bases(&bases, repo_git(r), &oa, &ob);
	if (e == GIT_ENOTFOUND)
		return dk_err(DK_ENOTFOUND, "no common history");
	if (e < 0)
		return dk_giterr("cannot find the merge bases");
	for (size_t i = 0; i < bases.count; i++) {
		repo_hex(id, &bases.ids[i]);
		strv_push(out, id);
	}
	git_oidarray_dispose(&bases);
	return 0;
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
		repo_hex(out, git_object_id(obj));
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
				repo_hex(theirs, &oid);
				return 0;
			}
		}
	}
	for (int i = 0; refs[i]; i++)
		if (!git_reference_name_to_id(&oid, repo_git(r), refs[i])) {
			repo_hex(theirs, &oid);
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

	if (repo_parse_id(&o, ours) || repo_parse_id(&oid, theirs))
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
	if ((e = repo_lookup_tree(&bt, git, base)) < 0 ||
	    (e = repo_lookup_commit(&m->ours, git, ours)) < 0 ||
	    (e = repo_lookup_commit(&m->theirs, git, theirs)) < 0 ||
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
repo_merge_read(struct repo_merge *m, const char *path, struct sb *out)
{
	const git_index_entry *e = git_index_get_bypath(m->index, path, 0);
	git_blob *b = NULL;

	if (!e)
		return DK_ENOTFOUND;
	if (git_blob_lookup(&b, repo_git(m->r), &e->id) < 0)
		return dk_giterr("cannot read a file of the merge");
	sb_add(out, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
	git_blob_free(b);
	return 0;
}

void
repo_merge_paths(struct repo_merge *m, const char *dir, struct strv *out)
{
	size_t n = git_index_entrycount(m->index), len = strlen(dir);

	for (size_t i = 0; i < n; i++) {
		const git_index_entry *e = git_index_get_byindex(m->index, i);

		if (e && git_index_entry_stage(e) == 0 &&
		    !strncmp(e->path, dir, len) && e->path[len] == '/' &&
		    !strchr(e->path + len + 1, '/'))
			strv_push(out, e->path);
	}
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
		repo_hex(id, &oid);
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
