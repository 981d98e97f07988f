/* cmd-log.c - docket log: a case's audit trail from git history. */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/cmd.h"
#include "docket/error.h"
#include "docket/id.h"
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
	struct tm tm;
	char t[32];

	(void)ctx;
	localtime_r(&e->time, &tm);
	strftime(t, sizeof(t), "%Y-%m-%d %H:%M", &tm);
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

struct renamed {
	const char *prefix;	/* "rename(ID): from " */
	char *from;		/* the ID before */
};

static int
find_rename(void *arg, const struct repo_log_entry *e)
{
	struct renamed *rn = arg;
	const char *from;

	if (!has_prefix(e->summary, rn->prefix))
		return 0;
	from = e->summary + strlen(rn->prefix);
	rn->from = xstrndup(from, strcspn(from, " ;"));
	return 1;
}

/* The case's earlier directories (docket rename), newest first. */
static void
earlier_names(struct ctx *ctx, const char *dir, struct strv *out)
{
	char *cur = xstrdup(dir);

	/* a bounded chain: a rename back and forth ends too */
	for (int n = 0; n < 64; n++) {
		struct repo_log_opts o;
		struct renamed rn;
		char *prefix = xasprintf("rename(%s): from ", case_dir_id(cur));
		size_t year = strlen(cur) - strlen(case_dir_id(cur));

		memset(&o, 0, sizeof(o));
		o.path = cur;
		rn.prefix = prefix;
		rn.from = NULL;
		if (repo_log(ctx->repo, &o, find_rename, &rn) <= 0 || !rn.from ||
		    id_check(rn.from) < 0) {
			free(rn.from);
			free(prefix);
			break;
		}
		free(cur);
		cur = xasprintf("%.*s%s", (int)year, dir, rn.from);
		free(rn.from);
		free(prefix);
		if (strv_has(out, cur) || !strcmp(cur, dir))
			break;
		strv_push(out, cur);
	}
	free(cur);
}

int
cmd_log(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct repo_log_opts o;
	struct strv earlier = STRV_INIT;
	char *dir = NULL;
	int opt, status = EXIT_OK, r;

	while ((opt = next_opt(ctx, argc, argv, "", longopts, &status)) != -1)
		if (opt == OPT_EXIT)
			return status;
	if (argc - optind != 1)
		return usage_error(ctx, argc == optind ? "which case? (a case ID)"
				   : "log takes one case ID");
	if ((r = find_case(ctx, argv[optind], &dir)))
		return fail(r);
	earlier_names(ctx, dir, &earlier);
	memset(&o, 0, sizeof(o));
	o.path = dir;
	o.aliases = (const char *const *)earlier.v;
	o.naliases = earlier.n;
	o.file = CASE_FILE;
	o.changes = 1;
	r = repo_log(ctx->repo, &o, print_entry, NULL);
	strv_free(&earlier);
	free(dir);
	return r ? fail(r) : EXIT_OK;
}
