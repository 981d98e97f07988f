/* cmd-settle.c - docket settle: a recovery from one of the case's
 * policies; recoveries from several policies make up the gross, and
 * settling a policy again replaces its amount. */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/cmd.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/money.h"
#include "docket/out.h"
#include "docket/settle.h"
#include "docket/workup.h"

#include <stdlib.h>
#include <string.h>

static int
settle(struct ctx *ctx, const char *id, const char *amount,
       const char *policy, const char *date)
{
	struct dcase *c = NULL;
	struct settle *s = NULL;
	struct cfg *old = NULL;
	struct sb text = SB_INIT;
	const struct policy *p;
	char *sec = NULL, a[MONEY_LEN], was[MONEY_LEN], d[DATE_LEN];
	int64_t v;
	long day = NO_DATE;
	int r, i, k;

	if ((r = money_opt("AMOUNT", amount, &v)) ||
	    (date && (r = event_date(ctx, "--date", date, &day))) ||
	    (r = ctx_lock(ctx)) || (r = load_case(ctx, id, &c)))
		goto out;
	if ((i = workup_find_policy(c, policy)) < 0) {
		r = i;
		goto out;
	}
	p = &c->wu->pol[i];
	s = settle_read(c->cfg);
	k = settle_find_recovery(s, p->handle);
	/* settled again: the amount replaced, the date kept unless given */
	if (day == NO_DATE)
		day = k >= 0 ? s->rec[k].date : ctx->today;
	case_text(c, &text);
	if ((r = cfg_parse(&old, c->file, text.buf, text.len)))
		goto out;
	sec = cfg_subsection("settlement", p->handle);
	if ((r = case_set_keys(c, sec, "date", date_fmt(d, day), "amount",
			       money_fmt(a, v), NULL)))
		goto out;
	sb_reset(&text);
	if (k >= 0 && s->rec[k].amount != v)
		sb_addf(&text, "%s %s -> %s on %s", p->handle,
			money_fmt(was, s->rec[k].amount), a, d);
	else
		sb_addf(&text, "%s %s on %s", p->handle, a, d);
	if (p->limits != MONEY_NONE && v > p->limits)
		tfprintf(stderr, "docket: warning: %s is more than the limits "
			 "of %s (%s)\n", money_fmt_human(a, v), p->handle,
			 money_fmt_human(was, p->limits));
	r = workup_commit(ctx, c, old, text.buf);
out:
	case_free(c);
	settle_free(s);
	cfg_free(old);
	sb_free(&text);
	free(sec);
	return r;
}

int
cmd_settle(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "policy", required_argument, NULL, 'p' },
		{ "date", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *policy = NULL, *date = NULL;
	int opt, status = EXIT_OK, r;

	while ((opt = next_opt(ctx, argc, argv, "", longopts, &status)) != -1) {
		switch (opt) {
		case OPT_EXIT: return status;
		case 'p': policy = optarg; break;
		case 'd': date = optarg; break;
		}
	}
	if (argc - optind < 2)
		return usage_error(ctx, argc == optind ? "which case? (a case ID)"
				   : "what amount? (docket settle ID AMOUNT "
				   "--policy P)");
	if (argc - optind > 2)
		return usage_error(ctx, "unexpected argument '%s'",
				   argv[optind + 2]);
	if (!policy)
		return usage_error(ctx, "which policy paid? (--policy P)");
	r = settle(ctx, argv[optind], argv[optind + 1], policy, date);
	return r ? fail(r) : EXIT_OK;
}
