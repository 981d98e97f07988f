/* cmd-log.c - docket log: a case's audit trail from git history, or the
 * firm's recent activity. */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/cmd.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/firm.h"
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

/* A merge's sides: what it decided is printed, not what a side did. */
struct sides {
	struct cfg *ours, *theirs, *base, *merged;
};

/* A key where the merge differs from our side (cfg_diff(ours, merged)). */
static void
print_merge_key(void *ctx, const char *section, const char *key,
		const char *old, const char *new_)
{
	struct sides *s = ctx;
	const char *theirs = s->theirs ? cfg_get(s->theirs, section, key) : NULL;
	const char *base = s->base ? cfg_get(s->base, section, key) : NULL;

	/* their change, which their own commit shows */
	if (streq(new_, theirs) && streq(base, old))
		return;
	print_key(NULL, section, key, old, new_);
}

/* A key where the merge differs from their side (cfg_diff(theirs,
 * merged)): ours kept over theirs, when both sides changed it. */
static void
print_kept_key(void *ctx, const char *section, const char *key,
	       const char *old, const char *new_)
{
	struct sides *s = ctx;
	const char *ours = s->ours ? cfg_get(s->ours, section, key) : NULL;
	const char *base = s->base ? cfg_get(s->base, section, key) : NULL;
	char *k;

	if (!streq(new_, ours) || streq(base, old) || streq(base, ours))
		return;
	k = cfg_dotted(section, key);
	tprintf("    = %s: ", k);
	print_clean(stdout, new_ ? (*new_ ? new_ : "(empty)") : "(none)");
	fputs(" (kept; the other side had ", stdout);
	print_clean(stdout, old ? (*old ? old : "(empty)") : "(none)");
	fputs(")\n", stdout);
	free(k);
}

static struct cfg *
parse_ini(const char *text)
{
	struct cfg *c = NULL;

	if (text && cfg_parse(&c, CASE_FILE, text, strlen(text)))
		c = NULL;
	return c;
}

static void
print_merge(const struct repo_log_entry *e)
{
	struct sides s;

	s.ours = parse_ini(e->old_ini);
	s.merged = parse_ini(e->new_ini);
	s.theirs = parse_ini(e->other_ini);
	s.base = parse_ini(e->base_ini);
	if (s.merged) {
		cfg_diff(s.ours, s.merged, print_merge_key, &s);
		cfg_diff(s.theirs, s.merged, print_kept_key, &s);
	}
	cfg_free(s.ours);
	cfg_free(s.theirs);
	cfg_free(s.base);
	cfg_free(s.merged);
}

static void
print_head(const struct repo_log_entry *e)
{
	char t[TIME_LOCAL_LEN];

	time_fmt_local(t, e->time);
	tprintf("%s%s%s  %s  ", c_yellow(), t, c_off(), e->author);
	print_clean(stdout, e->summary);
	tprintf("  %s%.8s%s\n", c_dim(), e->id, c_off());
}

static int
print_entry(void *ctx, const struct repo_log_entry *e)
{
	struct cfg *a = NULL, *b = NULL;

	(void)ctx;
	print_head(e);
	for (size_t i = 0; i < e->nchanges; i++) {
		const struct repo_change *ch = &e->changes[i];

		if (!strcmp(ch->path, CASE_FILE))
			continue;
		tprintf("    %c %s\n", ch->status == 'A' ? '+' :
		       ch->status == 'D' ? '-' : '~', ch->path);
	}
	if (e->merge) {
		/* the teammates' changes are their commits' */
		print_merge(e);
		return 0;
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

/* The filters of -n, --since and --who, around the printers. */
struct logf {
	struct ctx *ctx;
	int firm;		/* one line a change */
	long limit;		/* 0: none */
	long shown;
	long since;		/* NO_DATE: none */
	const char *who;
};

/* The staff handle of an author's email. */
static int
made_by(struct ctx *ctx, const char *email, const char *who)
{
	const struct staff *s = email ? firm_staff_by_email(ctx->firm, email) :
				NULL;
	char *h;
	int same;

	if (s)
		return !strcmp(s->handle, who);
	h = handle_from_email(email ? email : "");
	same = !strcmp(h, who);
	free(h);
	return same;
}

static int
filtered(void *arg, const struct repo_log_entry *e)
{
	struct logf *f = arg;

	if (f->since != NO_DATE && date_of_time(e->time) < f->since)
		return 0;
	if (f->who && !made_by(f->ctx, e->email, f->who))
		return 0;
	if (f->limit && f->shown >= f->limit)
		return 1;
	f->shown++;
	if (f->firm)
		print_head(e);
	else
		print_entry(NULL, e);
	return 0;
}

int
cmd_log(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "since", required_argument, NULL, 's' },
		{ "who", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct repo_log_opts o;
	struct strv earlier = STRV_INIT;
	struct logf f;
	const char *since = NULL;
	char *dir = NULL, *end;
	int opt, status = EXIT_OK, r, nset = 0;

	memset(&f, 0, sizeof(f));
	f.ctx = ctx;
	f.since = NO_DATE;
	while ((opt = next_opt(ctx, argc, argv, "n:", longopts, &status)) != -1) {
		switch (opt) {
		case OPT_EXIT: return status;
		case 'n':
			f.limit = strtol(optarg, &end, 10);
			if (*end || end == optarg || f.limit < 1)
				return usage_error(ctx, "-n: '%s' is not a "
						   "number of changes", optarg);
			nset = 1;
			break;
		case 's': since = optarg; break;
		case 'w': f.who = optarg; break;
		}
	}
	if (argc - optind > 1)
		return usage_error(ctx, "log takes one case ID");
	if (since && date_parse_cal(&f.since, since, ctx->today,
				    &ctx->firm->cal) < 0)
		return usage_error(ctx, "--since: '%s' is not a date", since);
	if (f.who && !firm_staff(ctx->firm, f.who) &&
	    firm_staff_near(ctx->firm, f.who))
		return fail(dk_err(DK_EINVAL, "--who '%s' is not in docket.ini's "
				   "[staff]; did you mean '%s'?", f.who,
				   firm_staff_near(ctx->firm, f.who)->handle));
	memset(&o, 0, sizeof(o));
	if (optind == argc) {
		/* the firm's recent activity */
		f.firm = 1;
		if (!nset && !since)
			f.limit = 20;
	} else {
		if ((r = find_case(ctx, argv[optind], &dir)))
			return fail(r);
		earlier_names(ctx, dir, &earlier);
		o.path = dir;
		o.aliases = (const char *const *)earlier.v;
		o.naliases = earlier.n;
		o.file = CASE_FILE;
		o.changes = 1;
	}
	r = repo_log(ctx->repo, &o, filtered, &f);
	strv_free(&earlier);
	free(dir);
	if (r < 0)
		return fail(r);
	if (f.who && !f.shown && !firm_staff(ctx->firm, f.who))
		return fail(dk_err(DK_EINVAL, "--who '%s' is not in docket.ini's "
				   "[staff] and made no change here", f.who));
	return EXIT_OK;
}
