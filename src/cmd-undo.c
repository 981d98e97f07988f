/*
 * cmd-undo.c - docket undo: the user's own latest docket commit (on a
 * case) reverted by a new commit, when nothing later changed its files.
 */
#include "docket/case.h"
#include "docket/cmd.h"
#include "docket/error.h"
#include "docket/out.h"
#include "docket/repo.h"
#include "docket/repo-log.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The commit found: the user's latest of docket's. */
struct mine {
	const char *email;
	char id[REPO_ID_LEN];
	char *summary;
};

/* "command(id): ..." as docket writes it: the length of the ID, and
 * where it starts; 0 when the summary is not docket's. */
static size_t
docket_subject(const char *s, const char **id)
{
	const char *p = s, *close;

	while (islower((unsigned char)*p) || *p == '-')
		p++;
	if (p == s || *p != '(' || !(close = strchr(p, ')')) ||
	    close == p + 1 || strncmp(close, "): ", 3))
		return 0;
	*id = p + 1;
	return (size_t)(close - p - 1);
}

static int
find_mine(void *arg, const struct repo_log_entry *e)
{
	struct mine *m = arg;
	const char *id;

	if (!e->email || strcasecmp(e->email, m->email) ||
	    !docket_subject(e->summary, &id))
		return 0;
	snprintf(m->id, sizeof(m->id), "%s", e->id);
	m->summary = xstrdup(e->summary);
	return 1;
}

/* The latest commit that changed path: who is in the way. */
static int
first_entry(void *arg, const struct repo_log_entry *e)
{
	char **out = arg;

	*out = xasprintf("%s (%.8s, %s)", e->summary, e->id, e->author);
	return 1;
}

/* Is every file the commit changed as it left it, and clean in the work
 * tree?  0, or DK_ECONFLICT naming the commit in the way. */
static int
check_files(struct ctx *ctx, const struct mine *m, const struct strv *paths)
{
	char head[REPO_ID_LEN], now[REPO_ID_LEN], then[REPO_ID_LEN];
	int r;

	if ((r = repo_head_id(ctx->repo, head)))
		return r;
	for (size_t i = 0; i < paths->n; i++) {
		const char *p = paths->v[i];

		if ((r = repo_blob_at(ctx->repo, head, p, now)) ||
		    (r = repo_blob_at(ctx->repo, m->id, p, then)))
			return r;
		if (strcmp(now, then)) {
			struct repo_log_opts o;
			char *who = NULL;

			memset(&o, 0, sizeof(o));
			o.path = p;
			if ((r = repo_log(ctx->repo, &o, first_entry, &who)) < 0)
				return r;
			r = dk_err(DK_ECONFLICT, "cannot undo '%s' (%.8s): %s "
				   "was changed since by %s", m->summary, m->id,
				   p, who ? who : "a later commit");
			free(who);
			return r;
		}
		if (repo_path_dirty(ctx->repo, p) > 0 ||
		    repo_path_untracked(ctx->repo, p) > 0)
			return dk_err(DK_ECONFLICT, "cannot undo '%s' (%.8s): %s "
				      "has changes that are not committed",
				      m->summary, m->id, p);
	}
	return 0;
}

int
cmd_undo(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct repo_log_opts o;
	struct strv paths = STRV_INIT;
	struct change ch;
	struct mine m;
	char parent[REPO_ID_LEN], *dir = NULL, *id = NULL;
	const char *idp = "";
	int opt, status = EXIT_OK, r;

	memset(&ch, 0, sizeof(ch));
	memset(&m, 0, sizeof(m));
	while ((opt = next_opt(ctx, argc, argv, "", longopts, &status)) != -1)
		if (opt == OPT_EXIT)
			return status;
	if (argc - optind > 1)
		return usage_error(ctx, "undo takes at most one case ID");
	/* the git identity's commits (no note is written: no handle) */
	if ((r = repo_identity(ctx->repo, &ctx->name, &ctx->email)) ||
	    (optind < argc && (r = find_case(ctx, argv[optind], &dir))))
		goto out;
	memset(&o, 0, sizeof(o));
	o.path = dir ? dir : CASES_DIR;
	o.no_merges = 1;
	m.email = ctx->email;
	r = repo_log(ctx->repo, &o, find_mine, &m);
	if (r < 0)
		goto out;
	if (!r) {
		if (dir)
			r = dk_err(DK_ENOTFOUND, "nothing of yours (%s) to undo "
				   "on %s", ctx->email, case_dir_id(dir));
		else
			r = dk_err(DK_ENOTFOUND, "nothing of yours (%s) to undo",
				   ctx->email);
		goto out;
	}
	if ((r = repo_parent(ctx->repo, m.id, parent)))
		goto out;
	if (!*parent) {
		r = dk_err(DK_EINVAL, "cannot undo '%s': it is the first commit",
			   m.summary);
		goto out;
	}
	if ((r = repo_diff_files(ctx->repo, parent, m.id, CASES_DIR "/",
				 &paths, &paths, &paths)) ||
	    (r = check_files(ctx, &m, &paths)))
		goto out;
	strv_sort(&paths);
	change_init(&ch, ctx);
	for (size_t i = 0; i < paths.n && !r; i++) {
		struct sb text = SB_INIT;

		r = repo_read_at(ctx->repo, parent, paths.v[i], &text);
		if (!r)
			r = change_put_file(&ch, paths.v[i], text.buf ? text.buf
					    : "", text.len);
		else if (r == DK_ENOTFOUND)
			r = change_remove_file(&ch, paths.v[i]);
		sb_free(&text);
	}
	{
		size_t n = docket_subject(m.summary, &idp);

		id = xstrndup(idp, n);
	}
	if (!r)
		r = change_commit_id(&ch, id, "%s", m.summary);
	if (!r)
		tprintf("%s: undid %s (%.8s)\n", id, m.summary, m.id);
out:
	if (r)
		status = fail(r);
	change_free(&ch);
	strv_free(&paths);
	free(m.summary);
	free(dir);
	free(id);
	return status;
}
