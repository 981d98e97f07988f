/* cmd-log.c - docket log: a case's audit trail from git history. */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/cmd.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/out.h"
#include "docket/repo-log.h"

#include <stdlib.h>
#include <string.h>

static void
print_key(void *ctx, const char *section, const char *key, const char *old,
	  const char *new_)
{
	char *k = cfg_dotted(section, key);

	(void)ctx;
	if (!old) {
		tprintf("    + %s =%s", k, *new_ ? " " : "");
		print_clean(stdout, new_);
	} else if (!new_) {
		tprintf("    - %s (was ", k);
		print_clean(stdout, old);
		putchar(')');
	} else {
		tprintf("    ~ %s: ", k);
		print_clean(stdout, *old ? old : "(empty)");
		fputs(" -> ", stdout);
		print_clean(stdout, *new_ ? new_ : "(empty)");
	}
	putchar('\n');
	free(k);
}

static int
print_entry(void *ctx, const struct repo_log_entry *e)
{
	struct cfg *a = NULL, *b = NULL;
	char t[TIME_LOCAL_LEN];

	(void)ctx;
	time_fmt_local(t, e->time);
	tprintf("%s%s%s  %s  ", c_yellow(), t, c_off(), e->author);
	print_clean(stdout, e->summary);
	tprintf("  %s%.8s%s\n", c_dim(), e->id, c_off());
	for (size_t i = 0; i < e->nchanges; i++) {
		const struct repo_change *ch = &e->changes[i];

		if (!strcmp(ch->path, CASE_FILE))
			continue;
		tprintf("    %c %s\n", ch->status == 'A' ? '+' :
		       ch->status == 'D' ? '-' : '~', ch->path);
	}
	if (e->old_ini && cfg_parse(&a, CASE_FILE, e->old_ini,
				    strlen(e->old_ini)))
		a = NULL;
	if (e->new_ini && cfg_parse(&b, CASE_FILE, e->new_ini,
				    strlen(e->new_ini)))
		b = NULL;
	if ((e->old_ini || e->new_ini) && (a || !e->old_ini) &&
	    (b || !e->new_ini))
		cfg_diff(a, b, print_key, NULL);
	else if (e->old_ini || e->new_ini)
		tprintf("    ~ %s (does not parse on one side)\n", CASE_FILE);
	cfg_free(a);
	cfg_free(b);
	return 0;
}

int
cmd_log(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct repo_log_opts o;
	char *dir = NULL;
	int opt, status = EXIT_OK, r;

	while ((opt = next_opt(ctx, argc, argv, "", longopts, &status)) != -1)
		if (opt == OPT_EXIT)
			return status;
	if (argc - optind != 1)
		return usage_error(ctx, argc == optind ? "which case? (a case ID)"
				   : "log takes one case ID");
	if ((r = case_find(&dir, ctx->root, argv[optind])))
		return fail(r);
	memset(&o, 0, sizeof(o));
	o.path = dir;
	o.file = CASE_FILE;
	o.changes = 1;
	r = repo_log(ctx->repo, &o, print_entry, NULL);
	free(dir);
	return r ? fail(r) : EXIT_OK;
}
