/* cmd-workup.c - what the workup's commands (provider, records, policy,
 * demand, offer) share: dates of what happened, amounts, and the commit
 * that carries the deadlines following from the change (see cmd.h). */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/cmd.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/money.h"
#include "docket/out.h"
#include "docket/workup.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int
event_date(struct ctx *ctx, const char *opt, const char *arg, long *out)
{
	char d[DATE_LEN];

	if (date_parse_cal(out, arg, ctx->today, &ctx->firm->cal))
		return dk_err(DK_EINVAL, "%s: %s", opt, dk_errmsg());
	if (*out > ctx->today)
		return dk_err(DK_EINVAL, "%s: %s is after today; record it once "
			      "it has happened", opt, date_fmt(d, *out));
	return 0;
}

const char *
optional_date(struct ctx *ctx, int argc, char **argv)
{
	long d;

	if (optarg)
		return optarg;
	if (optind < argc && argv[optind][0] != '-' &&
	    !date_parse_cal(&d, argv[optind], ctx->today, &ctx->firm->cal))
		return argv[optind++];
	return NULL;
}

int
money_opt(const char *opt, const char *arg, int64_t *out)
{
	if (money_parse(out, arg))
		return dk_err(DK_EINVAL, "%s: %s", opt, dk_errmsg());
	return 0;
}

int
word_opt(const char *opt, const char *arg, const char *const *list,
	 const char *what)
{
	char *words;
	int r;

	if (word_in(list, arg))
		return 0;
	words = list_join(list);
	r = dk_err(DK_EINVAL, "%s: '%s' is not %s (%s)", opt, arg, what, words);
	free(words);
	return r;
}

int
list_or_change(struct ctx *ctx, int argc, char **argv, int any, int json,
	       const char *what, const char *whats, struct dcase **c)
{
	int n = argc - optind, r;

	*c = NULL;
	if (!n)
		return usage_error(ctx, "which case? (a case ID)");
	if (n > 2)
		return usage_error(ctx, "unexpected argument '%s' (a NAME of "
				   "several words goes in quotes)",
				   argv[optind + 2]);
	if (n == 1 && any)
		return usage_error(ctx, "which %s? (docket %s ID NAME ...)", what,
				   what);
	if (n == 2 && json)
		return usage_error(ctx, "--json lists the %s; it takes no NAME",
				   whats);
	if ((n == 2 && (r = ctx_lock(ctx))) ||
	    (r = load_case(ctx, argv[optind], c)))
		return fail(r);
	return -1;
}

int
money_input(const char *what, const char *section, const char *key,
	    char **value)
{
	char buf[MONEY_LEN];
	int64_t v;

	if (!**value || !workup_is_money_key(section, key))
		return 0;
	if (money_parse(&v, *value))
		return dk_err(DK_EINVAL, "%s: %s", what, dk_errmsg());
	free(*value);
	*value = xstrdup(money_fmt(buf, v));
	return 0;
}

void
summary_add(struct sb *what, const char *fmt, ...)
{
	va_list ap;

	if (what->len)
		sb_adds(what, ", ");
	va_start(ap, fmt);
	sb_vaddf(what, fmt, ap);
	va_end(ap);
}

char *
follow_summary(const struct strv *summary)
{
	struct sb sb = SB_INIT;

	for (size_t i = 0; i < summary->n; i++)
		sb_addf(&sb, "%s%s", i ? ", " : "; deadlines: ", summary->v[i]);
	return sb_detach(&sb);
}

void
print_follow(const struct strv *changes)
{
	for (size_t i = 0; i < changes->n; i++) {
		print_clean(stdout, changes->v[i]);
		putchar('\n');
	}
}

int
workup_commit(struct ctx *ctx, struct dcase *c, const struct cfg *old,
	      const char *summary)
{
	struct strv changes = STRV_INIT, shorts = STRV_INIT;
	struct sb before = SB_INIT, after = SB_INIT;
	struct change ch;
	char *tail = NULL;
	int r;

	change_init(&ch, ctx);
	if ((r = workup_follow(ctx->firm, old, c, ctx->today, &changes,
			       &shorts)) < 0)
		goto out;
	cfg_write(old, &before);
	case_text(c, &after);
	if (!strcmp(sb_str(&before), sb_str(&after))) {
		tprintf("%s: nothing changed\n", c->id);
		r = 0;
		goto out;
	}
	tail = follow_summary(&shorts);
	if ((r = change_save_case(&ch, c)) ||
	    (r = change_commit(&ch, c, "%s%s", summary, tail)))
		goto out;
	tprintf("%s: ", c->id);
	print_clean(stdout, summary);
	putchar('\n');
	print_follow(&changes);
out:
	change_free(&ch);
	strv_free(&changes);
	strv_free(&shorts);
	sb_free(&before);
	sb_free(&after);
	free(tail);
	return r;
}

/* ---- docket demand, docket offer ---- */

int
negotiation_cmd(struct ctx *ctx, int argc, char **argv, int demand)
{
	static const struct option demand_opts[] = {
		{ "policy", required_argument, NULL, 'p' },
		{ "date", required_argument, NULL, 'd' },
		{ "expires", required_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static const struct option offer_opts[] = {
		{ "policy", required_argument, NULL, 'p' },
		{ "date", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *kind = demand ? "demand" : "offer";
	const char *policy = NULL, *date = "today", *expires = NULL;
	struct dcase *c = NULL;
	struct cfg *old = NULL;
	struct sb text = SB_INIT, what = SB_INIT;
	char *num = NULL, *sec = NULL, d[DATE_LEN], a[MONEY_LEN];
	int opt, status = EXIT_OK, r = 0, i;
	int64_t amount;
	long day, until;

	while ((opt = next_opt(ctx, argc, argv, "", demand ? demand_opts :
			       offer_opts, &status)) != -1) {
		switch (opt) {
		case OPT_EXIT: return status;
		case 'p': policy = optarg; break;
		case 'd': date = optarg; break;
		case 'e': expires = optarg; break;
		}
	}
	if (argc - optind < 2)
		return usage_error(ctx, argc == optind ? "which case? (a case ID)"
				   : "what amount? (docket %s ID AMOUNT --policy "
				   "P)", kind);
	if (argc - optind > 2)
		return usage_error(ctx, "unexpected argument '%s'",
				   argv[optind + 2]);
	if (!policy)
		return usage_error(ctx, "which policy? (--policy P)");
	if ((r = money_opt("AMOUNT", argv[optind + 1], &amount)) ||
	    (r = event_date(ctx, "--date", date, &day)))
		return fail(r);
	if (expires && (r = date_parse_cal(&until, expires, ctx->today,
					   &ctx->firm->cal)))
		return fail(dk_err(r, "--expires: %s", dk_errmsg()));
	if (expires && until <= day)
		return fail(dk_err(DK_EINVAL, "--expires: %s is not after the "
				   "demand's date (%s)", date_fmt(a, until),
				   date_fmt(d, day)));
	if ((r = ctx_lock(ctx)) || (r = load_case(ctx, argv[optind], &c)))
		goto out;
	if ((i = workup_find_policy(c, policy)) < 0) {
		r = i;
		goto out;
	}
	case_text(c, &text);
	if ((r = cfg_parse(&old, c->file, text.buf, text.len)))
		goto out;
	num = demand ? workup_next_number(c->wu->demand, c->wu->ndemand)
		     : workup_next_number(c->wu->offer, c->wu->noffer);
	sec = cfg_subsection(kind, num);
	sb_addf(&what, "%s %s of %s %s %s", kind, num,
		money_fmt(a, amount), demand ? "to" : "from",
		c->wu->pol[i].handle);
	if ((r = case_set_keys(c, sec, "date", date_fmt(d, day), "policy",
			       c->wu->pol[i].handle, "amount", a, NULL)) ||
	    (demand && (r = case_set(c, sec, "expires", ""))))
		goto out;
	if (expires) {
		if ((r = case_set(c, sec, "expires", date_fmt(d, until))))
			goto out;
		sb_addf(&what, ", expires %s", d);
	}
	r = workup_commit(ctx, c, old, what.buf);
out:
	if (r)
		status = fail(r);
	case_free(c);
	cfg_free(old);
	sb_free(&text);
	sb_free(&what);
	free(num);
	free(sec);
	return status;
}
