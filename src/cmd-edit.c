/* cmd-edit.c - docket edit: case.ini in $EDITOR, committed if it validates. */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/cmd.h"
#include "docket/deadline.h"
#include "docket/error.h"
#include "docket/out.h"
#include "docket/repo.h"
#include "docket/workup.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
add_key(void *ctx, const char *section, const char *key, const char *old,
	const char *new_)
{
	struct sb *keys = ctx;
	char *k = cfg_dotted(section, key);

	(void)old;
	(void)new_;
	sb_addf(keys, "%s%s", keys->len ? ", " : "", k);
	free(k);
}

int
cmd_edit(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct sb start = SB_INIT, edited = SB_INIT, now = SB_INIT;
	struct sb keys = SB_INIT;
	struct strv changes = STRV_INIT, warnings = STRV_INIT;
	struct strv follow = STRV_INIT, shorts = STRV_INIT;
	struct dcase *c = NULL;
	struct cfg *old = NULL;
	struct change ch;
	char *dir = NULL, *file = NULL, *aside = NULL, *base = NULL, *rel = NULL;
	char *summary = NULL, *tail = NULL;
	int opt, status = EXIT_OK, r;

	change_init(&ch, ctx);
	while ((opt = next_opt(ctx, argc, argv, "", longopts, &status)) != -1)
		if (opt == OPT_EXIT)
			return status;
	if (argc - optind != 1)
		return usage_error(ctx, argc == optind ? "which case? (a case ID)"
				   : "edit takes one case ID");
	if ((r = find_case(ctx, argv[optind], &dir)))
		return fail(r);
	rel = xasprintf("%s/%s", dir, CASE_FILE);
	file = path_join(ctx->root, rel);
	{
		char *name = xasprintf("DOCKET_EDIT_%s.ini", strrchr(dir, '/') + 1);

		aside = repo_git_path(ctx->repo, name);
		free(name);
	}
	base = xasprintf("%s.base", aside);
	/* an edit kept aside goes on from the text it started from */
	if ((r = read_file(path_exists(aside) ? base : file, &start)) < 0) {
		r = dk_errno(DK_EIO, dk_errnum(), "cannot read %s",
			     path_exists(aside) ? base : rel);
		goto out;
	}
	if (repo_path_dirty(ctx->repo, rel)) {
		r = dk_err(DK_EINVAL, "%s has changes that are not committed; "
			   "commit or undo them first (git status)", rel);
		goto out;
	}
	/* resume an edit that was kept aside, else start from the file */
	if (path_exists(aside)) {
		tfprintf(stderr, "docket: going on with your earlier edit, kept "
			"in %s\n", aside);
	} else if ((r = write_file_atomic(base, start.buf, start.len, 0600)) ||
		   (r = write_file_atomic(aside, start.buf, start.len, 0600))) {
		r = dk_errno(DK_EIO, dk_errnum(), "cannot write %s", aside);
		unlink(base);
		goto out;
	}
	if ((r = run_editor(aside)))
		goto out;
	if ((r = read_file(aside, &edited)) < 0) {
		r = dk_errno(DK_EIO, dk_errnum(), "cannot read %s", aside);
		goto out;
	}
	if (edited.len == start.len && !memcmp(edited.buf, start.buf, start.len)) {
		unlink(aside);
		unlink(base);
		tprintf("%s: nothing changed\n", strrchr(dir, '/') + 1);
		goto out;
	}
	if ((r = ctx_lock(ctx)))
		goto keep;
	if (read_file(file, &now) < 0 || now.len != start.len ||
	    memcmp(now.buf, start.buf, start.len)) {
		r = dk_err(DK_EBUSY, "%s changed since your edit began (see "
			   "'docket log %s')", rel, strrchr(dir, '/') + 1);
		goto keep;
	}
	if ((r = case_parse(&c, ctx->firm, dir, edited.buf, edited.len)))
		goto keep;
	if (cfg_parse(&old, rel, start.buf, start.len))
		old = NULL;
	cfg_diff(old, c->cfg, add_key, &keys);
	/* the deadlines the law sets follow the facts */
	if ((r = deadlines_after_edit(ctx->firm, old, c, &changes,
				      &warnings)) < 0)
		goto keep;
	/* and those that follow from the workup */
	if ((r = workup_follow(ctx->firm, old, c, ctx->today, &follow,
			       &shorts)) < 0)
		goto keep;
	summary = recomputed_summary(&changes, c->id);
	tail = follow_summary(&shorts);
	if ((r = change_save_case(&ch, c)) ||
	    (r = change_commit(&ch, c, "%s%s%s", keys.len ? keys.buf :
			       "case.ini", summary, tail)))
		goto keep;
	unlink(aside);
	unlink(base);
	tprintf("%s: edited %s\n", c->id, keys.len ? keys.buf : "case.ini");
	print_follow(&follow);
	print_deadline_changes(&changes, &warnings);
	goto out;
keep:
	tfprintf(stderr, "docket: %s\n", dk_errmsg());
	tfprintf(stderr, "docket: your edit is kept in %s; 'docket edit %s' "
		"goes on with it (delete it to start over)\n", aside,
		strrchr(dir, '/') + 1);
	status = dk_exit_status(r);
	r = 0;
out:
	if (r)
		status = fail(r);
	change_free(&ch);
	cfg_free(old);
	case_free(c);
	sb_free(&start);
	sb_free(&edited);
	sb_free(&now);
	sb_free(&keys);
	strv_free(&changes);
	strv_free(&warnings);
	strv_free(&follow);
	strv_free(&shorts);
	free(summary);
	free(tail);
	free(dir);
	free(file);
	free(aside);
	free(base);
	free(rel);
	return status;
}
