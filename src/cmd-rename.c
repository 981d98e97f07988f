/*
 * cmd-rename.c - docket rename: a case's ID changed, its directory and
 * case.id, in one commit.
 */
#include "docket/case.h"
#include "docket/cmd.h"
#include "docket/error.h"
#include "docket/id.h"
#include "docket/out.h"
#include "docket/repo.h"
#include "docket/repo-log.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The files under rel in the work tree, recursively (not following
 * symlinks), relative to the firm. */
static void
work_files(struct strv *out, const char *root, const char *rel)
{
	char *abs = path_join(root, rel);
	DIR *d = opendir(abs);
	struct dirent *e;

	free(abs);
	if (!d)
		return;
	while ((e = readdir(d))) {
		char *p;
		struct stat st;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		p = xasprintf("%s/%s", rel, e->d_name);
		abs = path_join(root, p);
		if (lstat(abs, &st) == 0 && S_ISDIR(st.st_mode))
			work_files(out, root, p);
		else
			strv_push(out, p);
		free(abs);
		free(p);
	}
	closedir(d);
}

/* Every file of the case is committed as it is: 0, or DK_ECONFLICT. */
static int
check_clean(struct ctx *ctx, const char *dir, const struct strv *files)
{
	struct strv here = STRV_INIT;
	int r = 0;

	work_files(&here, ctx->root, dir);
	for (size_t i = 0; i < here.n && !r; i++)
		if (!strv_has(files, here.v[i]))
			r = dk_err(DK_ECONFLICT, "%s is not committed (commit "
				   "or remove it first)", here.v[i]);
	for (size_t i = 0; i < files->n && !r; i++)
		if (repo_path_dirty(ctx->repo, files->v[i]) > 0)
			r = dk_err(DK_ECONFLICT, "%s has changes that are not "
				   "committed (commit or undo them first)",
				   files->v[i]);
	strv_free(&here);
	return r;
}

int
cmd_rename(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct strv files = STRV_INIT;
	struct dcase *c = NULL, *nc = NULL;
	struct change ch;
	struct sb text = SB_INIT;
	char head[REPO_ID_LEN], *newdir = NULL, *old = NULL;
	const char *to;
	int opt, status = EXIT_OK, r;

	memset(&ch, 0, sizeof(ch));
	while ((opt = next_opt(ctx, argc, argv, "", longopts, &status)) != -1)
		if (opt == OPT_EXIT)
			return status;
	if (argc - optind != 2)
		return usage_error(ctx, argc - optind < 2 ?
				   "rename which case to what? (OLD NEW)" :
				   "unexpected argument '%s'", argv[optind + 2]);
	to = argv[optind + 1];
	if ((r = load_case(ctx, argv[optind], &c)) || (r = id_check(to)))
		goto out;
	old = xstrdup(c->id);
	if (!strcmp(old, to)) {
		r = dk_err(DK_EINVAL, "%s is %s already", old, to);
		goto out;
	}
	if (case_id_taken(ctx->root, to)) {
		r = dk_err(DK_EEXISTS, "case ID '%s' is taken", to);
		goto out;
	}
	/* the year stays: cases/YYYY/NEW */
	newdir = xasprintf("%.*s%s", (int)(strlen(c->dir) - strlen(old)),
			   c->dir, to);
	if ((r = repo_head_id(ctx->repo, head)) ||
	    (r = repo_files_at(ctx->repo, head, c->dir, &files)) ||
	    (r = check_clean(ctx, c->dir, &files)))
		goto out;
	/* case.id, and the case as it will load */
	if ((r = case_set(c, "case", "id", to)))
		goto out;
	case_text(c, &text);
	if ((r = case_parse(&nc, ctx->firm, newdir, text.buf, text.len)))
		goto out;
	change_init(&ch, ctx);
	for (size_t i = 0; i < files.n && !r; i++) {
		const char *rest = files.v[i] + strlen(c->dir);
		char *dest = xasprintf("%s%s", newdir, rest);

		if (!strcmp(rest, "/" CASE_FILE)) {
			r = change_put_file(&ch, dest, text.buf, text.len);
		} else {
			struct sb bytes = SB_INIT;
			char *abs = path_join(ctx->root, files.v[i]);

			if (read_file(abs, &bytes))
				r = dk_errno(DK_EIO, dk_errnum(), "cannot read %s",
					     files.v[i]);
			else
				r = change_put_file(&ch, dest, bytes.buf ?
						    bytes.buf : "", bytes.len);
			sb_free(&bytes);
			free(abs);
		}
		if (!r)
			r = change_remove_file(&ch, files.v[i]);
		free(dest);
	}
	if (!r)
		r = change_commit_id(&ch, to, "from %s", old);
	if (!r)
		tprintf("%s -> %s (%s)\n", old, to, newdir);
out:
	if (r)
		status = fail(r);
	change_free(&ch);
	strv_free(&files);
	sb_free(&text);
	case_free(c);
	case_free(nc);
	free(newdir);
	free(old);
	return status;
}
