/* cmd-cost.c - docket cost: a case cost the firm advanced (a police
 * report, a filing fee), to be repaid from the settlement; or the list of
 * them. */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/cmd.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/money.h"
#include "docket/out.h"
#include "docket/settle.h"

#include <stdlib.h>
#include <string.h>

static int
list(const struct dcase *c, int json)
{
	struct settle *s = settle_read(c->cfg);
	char a[MONEY_LEN], d[DATE_LEN];
	int64_t total = 0;

	for (size_t i = 0; i < s->ncost; i++)
		if (money_add(&total, s->cost[i].amount) < 0) {
			settle_free(s);
			return dk_err(DK_EINVAL, "%s: the costs add up to more "
				      "than docket can count", c->id);
		}
	if (json) {
		struct json j;

		json_init(&j, stdout);
		json_obj(&j, NULL);
		json_str(&j, "case", c->id);
		json_arr(&j, "costs");
		for (size_t i = 0; i < s->ncost; i++) {
			json_obj(&j, NULL);
			json_str(&j, "name", s->cost[i].name);
			json_date(&j, "date", s->cost[i].date);
			json_str(&j, "what", s->cost[i].what);
			json_money(&j, "amount", s->cost[i].amount);
			json_end_obj(&j);
		}
		json_end_arr(&j);
		json_money(&j, "total", total);
		json_end_obj(&j);
		json_finish(&j);
	} else if (!s->ncost) {
		tprintf("%s: no costs yet (docket cost %s AMOUNT TEXT adds one)\n",
			c->id, c->id);
	} else {
		tprintf("%sCosts of %s%s%s%s\n", c_bold(), c->id, c_off(),
			*c->title ? ": " : "", c->title);
		for (size_t i = 0; i < s->ncost; i++)
			tprintf("  %-4s %s  %14s  %s\n", s->cost[i].name,
				date_fmt(d, s->cost[i].date),
				money_fmt_human(a, s->cost[i].amount),
				s->cost[i].what);
		tprintf("  %-16s %14s\n", "Total", money_fmt_human(a, total));
	}
	settle_free(s);
	return 0;
}

static int
add(struct ctx *ctx, const char *id, const char *amount, const char *what,
    const char *date)
{
	struct dcase *c = NULL;
	struct settle *s = NULL;
	struct cfg *old = NULL;
	struct sb text = SB_INIT;
	char *num = NULL, *sec = NULL, a[MONEY_LEN], d[DATE_LEN];
	int64_t v;
	long day;
	int r;

	if ((r = money_opt("AMOUNT", amount, &v)) ||
	    (r = event_date(ctx, "--date", date, &day)))
		return r;
	if (!*what)
		return dk_err(DK_EINVAL, "TEXT is empty: what was the cost? (a "
			      "police report, a filing fee, ...)");
	if ((r = cfg_value_check("TEXT", "what", what)) ||
	    (r = ctx_lock(ctx)) || (r = load_case(ctx, id, &c)))
		goto out;
	s = settle_read(c->cfg);
	case_text(c, &text);
	if ((r = cfg_parse(&old, c->file, text.buf, text.len)))
		goto out;
	num = settle_next_cost(s);
	sec = cfg_subsection("cost", num);
	if ((r = case_set_keys(c, sec, "date", date_fmt(d, day), "what", what,
			       "amount", money_fmt(a, v), NULL)))
		goto out;
	sb_reset(&text);
	sb_addf(&text, "cost %s of %s on %s: %s", num, a, d, what);
	r = workup_commit(ctx, c, old, text.buf);
out:
	case_free(c);
	settle_free(s);
	cfg_free(old);
	sb_free(&text);
	free(num);
	free(sec);
	return r;
}

int
cmd_cost(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *date = NULL;
	struct dcase *c = NULL;
	int opt, status = EXIT_OK, json = 0, n, r;

	while ((opt = next_opt(ctx, argc, argv, "", longopts, &status)) != -1) {
		switch (opt) {
		case OPT_EXIT: return status;
		case 'd': date = optarg; break;
		case 'j': json = 1; break;
		}
	}
	n = argc - optind;
	if (!n)
		return usage_error(ctx, "which case? (a case ID)");
	if (n == 1 && date)
		return usage_error(ctx, "what amount? (docket cost ID AMOUNT "
				   "TEXT)");
	if (n == 2)
		return usage_error(ctx, "what was the cost? (docket cost ID "
				   "AMOUNT TEXT)");
	if (n > 3)
		return usage_error(ctx, "unexpected argument '%s' (a TEXT of "
				   "several words goes in quotes)",
				   argv[optind + 3]);
	if (n == 3 && json)
		return usage_error(ctx, "--json lists the costs; it takes no "
				   "AMOUNT");
	if (n == 1) {
		r = load_case(ctx, argv[optind], &c);
		if (!r)
			r = list(c, json);
		case_free(c);
	} else {
		r = add(ctx, argv[optind], argv[optind + 1], argv[optind + 2],
			date ? date : "today");
	}
	return r ? fail(r) : EXIT_OK;
}
