/*
 * cmd-merge-driver.c - docket merge-driver: what git runs for *.ini files
 * (merge=docket in .gitattributes), so that `git merge` and `git pull`
 * merge case.ini and docket.ini key by key, as `docket sync` does.
 */
#include "docket/cmd.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/out.h"
#include "docket/repo.h"
#include "docket/repo-merge.h"
#include "docket/sync.h"

#include <stdlib.h>
#include <string.h>

static void
print_event(void *arg, const struct sync_event *ev)
{
	(void)arg;
	if (ev->kind == SYNC_NOTES_DROPPED)
		tfprintf(stderr, "docket: removed %zu note%s left by an earlier "
			"git merge that did not take effect\n", ev->n,
			ev->n == 1 ? "" : "s");
	if (ev->kind != SYNC_DECISION)
		return;
	fputs("docket: ", stderr);
	print_clean(stderr, ev->text);
	fputs(ev->id ? " ('docket sync' commits the note)\n" : "\n", stderr);
}

int
cmd_merge_driver(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct sync_opts o;
	const char *handle, *path;
	long marker = 0;
	int c, status = EXIT_OK, r, virtual_base = 0;

	while ((c = next_opt(ctx, argc, argv, "", longopts, &status)) != -1)
		if (c == OPT_EXIT)
			return status;
	if (argc - optind < 3 || argc - optind > 5)
		return usage_error(ctx, "needs BASE OURS THEIRS [PATH [SIZE]]");
	path = argc - optind >= 4 ? argv[optind + 3] : argv[optind + 1];
	if (argc - optind == 5) {
		char *end;

		marker = strtol(argv[optind + 4], &end, 10);
		if (*end || end == argv[optind + 4] || marker <= 0)
			return usage_error(ctx, "SIZE: '%s' is not a conflict "
					   "marker size", argv[optind + 4]);
	}
	if ((r = repo_open(&ctx->repo)))
		return fail(r);
	repo_register_driver(ctx->repo);
	ctx->root = repo_root(ctx->repo);
	/* git merging the merge bases of a criss-cross merge (into the base
	 * of the real merge) makes its conflict markers 2 longer a level:
	 * that is how it is told from the real merge */
	if (marker && marker > repo_marker_size(ctx->repo, path))
		virtual_base = 1;
	/* the firm as it is here, for the handle notes are written as */
	if (firm_load(&ctx->firm, ctx->root, NULL) < 0)
		ctx->firm = NULL;
	if (ctx->firm)
		r = ctx_user(ctx, &handle);
	else if (!(r = repo_identity(ctx->repo, &ctx->name, &ctx->email)))
		handle = ctx->handle = handle_from_email(ctx->email);
	if (r)
		return fail(r);
	memset(&o, 0, sizeof(o));
	o.repo = ctx->repo;
	o.handle = handle;
	o.firm = ctx->firm;
	o.now = ctx->now;
	o.report = print_event;
	r = sync_merge_driver(&o, argv[optind], argv[optind + 1],
			      argv[optind + 2], path, virtual_base);
	/* non-zero: git keeps the file as a conflict, with ours unchanged */
	return r ? fail(r) : EXIT_OK;
}
