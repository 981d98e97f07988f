/* cmd-sync.c - docket sync: fetch, merge and push with the shared remote. */
#include "docket/cmd.h"
#include "docket/error.h"
#include "docket/out.h"
#include "docket/repo-log.h"
#include "docket/repo-remote.h"
#include "docket/sync.h"

#include <string.h>

/* At most this many commits are listed each way. */
#define LIST_MAX 10

static void
list_commits(const struct sync_event *ev)
{
	for (size_t i = 0; i < ev->n && i < LIST_MAX; i++) {
		const struct repo_commit_info *c = &ev->commits[i];

		tprintf("  %.7s ", c->id);
		print_clean(stdout, c->summary);
		tprintf(" (");
		print_clean(stdout, c->author);
		tprintf(")\n");
	}
	if (ev->n > LIST_MAX)
		tprintf("  ... and %zu more\n", ev->n - LIST_MAX);
}

static void
print_event(void *arg, const struct sync_event *ev)
{
	(void)arg;
	progress_end();
	switch (ev->kind) {
	case SYNC_NOTES:
		tprintf("committed %zu note%s kept by a git merge\n", ev->n,
		       plural((long)ev->n, "", "s"));
		break;
	case SYNC_NOTES_DROPPED:
		tprintf("removed %zu note%s left by a git merge that did not "
		       "take effect\n", ev->n, plural((long)ev->n, "", "s"));
		break;
	case SYNC_IN:
		tprintf("in: %zu commit%s from %s\n", ev->n, plural((long)ev->n, "", "s"),
		       ev->where);
		list_commits(ev);
		break;
	case SYNC_UP_TO_DATE:
		tprintf("up to date with %s\n", ev->where);
		break;
	case SYNC_FAST_FORWARD:
		tprintf("fast-forward to %.7s\n", ev->id);
		break;
	case SYNC_DECISION:
		print_clean(stdout, ev->text);
		putchar('\n');
		break;
	case SYNC_MERGED:
		tprintf("merged %s: %.7s\n", ev->where, ev->id);
		break;
	case SYNC_RETRY:
		tprintf("%s moved while pushing (%s): fetching and merging "
		       "again\n", ev->where, ev->text);
		break;
	case SYNC_OUT:
		tprintf("out: %zu commit%s to %s\n", ev->n, plural((long)ev->n, "", "s"),
		       ev->where);
		list_commits(ev);
		break;
	case SYNC_PUBLISHED:
		tprintf("published %s (%s): %zu commit%s\n", ev->where, ev->url,
		       ev->n, plural((long)ev->n, "", "s"));
		break;
	}
	fflush(stdout);
}

int
cmd_sync(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct sync_opts o;
	const char *handle;
	int c, status = EXIT_OK, r;

	while ((c = next_opt(ctx, argc, argv, "", longopts, &status)) != -1)
		if (c == OPT_EXIT)
			return status;
	if (optind < argc)
		return usage_error(ctx, "too many arguments");
	if ((r = ctx_user(ctx, &handle)))
		return fail(r);
	memset(&o, 0, sizeof(o));
	o.repo = ctx->repo;
	o.handle = handle;
	o.firm = ctx->firm;
	o.now = ctx->now;
	o.report = print_event;
	repo_set_progress(progress);
	r = sync_run(&o);
	progress_end();
	return r ? fail(r) : EXIT_OK;
}
