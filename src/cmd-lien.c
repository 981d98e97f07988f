/* cmd-lien.c - docket lien: a lien against the recovery (Medicare, a
 * health plan, a hospital), its asserted and negotiated final amounts; or
 * the list of them. */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/cmd.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/id.h"
#include "docket/money.h"
#include "docket/out.h"
#include "docket/settle.h"
#include "docket/workup.h"

#include <stdlib.h>
#include <string.h>

struct lopts {
	const char *type, *holder, *asserted, *final;
	int any;
};

static const char *
amount(char buf[MONEY_LEN], int64_t v)
{
	return v == MONEY_NONE ? "-" : money_fmt_human(buf, v);
}

static void
list_json(const struct dcase *c, const struct settle *s, int64_t total)
{
	struct json j;

	json_init(&j, stdout);
	json_obj(&j, NULL);
	json_str(&j, "case", c->id);
	json_arr(&j, "liens");
	for (size_t i = 0; i < s->nlien; i++) {
		const struct lien *l = &s->lien[i];

		json_obj(&j, NULL);
		json_str(&j, "name", l->name);
		json_str(&j, "type", l->type);
		json_str(&j, "holder", l->holder);
		json_money(&j, "asserted", l->asserted);
		json_money(&j, "final", l->final);
		json_end_obj(&j);
	}
	json_end_arr(&j);
	json_money(&j, "total", total);
	json_end_obj(&j);
	json_finish(&j);
}

static int
list(const struct dcase *c, int json)
{
	struct settle *s = settle_read(c->cfg);
	char a[MONEY_LEN], b[MONEY_LEN];
	int64_t total = 0;
	int pending = 0;

	for (size_t i = 0; i < s->nlien; i++) {
		pending += s->lien[i].final == MONEY_NONE;
		if (money_add(&total, lien_amount(&s->lien[i])) < 0) {
			settle_free(s);
			return dk_err(DK_EINVAL, "%s: the liens add up to more "
				      "than docket can count", c->id);
		}
	}
	if (json) {
		list_json(c, s, total);
	} else if (!s->nlien) {
		tprintf("%s: no liens yet (docket lien %s NAME --type T adds "
			"one)\n", c->id, c->id);
	} else {
		tprintf("%sLiens of %s%s%s%s\n", c_bold(), c->id, c_off(),
			*c->title ? ": " : "", c->title);
		for (size_t i = 0; i < s->nlien; i++) {
			const struct lien *l = &s->lien[i];

			if (*l->holder)
				tprintf("  %-16s %-9s %s\n", l->name,
					*l->type ? l->type : "-", l->holder);
			else
				tprintf("  %-16s %s\n", l->name,
					*l->type ? l->type : "-");
			tprintf("      asserted %s; final %s\n",
				amount(a, l->asserted),
				l->final == MONEY_NONE ? "not yet" :
				amount(b, l->final));
		}
		tprintf("  Total %s", money_fmt_human(a, total));
		if (pending)
			tprintf(" (%d not final: counted at the asserted "
				"amount)", pending);
		putchar('\n');
	}
	settle_free(s);
	return 0;
}

static int
set_amount(struct dcase *c, const char *sec, const char *key,
	   const char *arg, struct sb *what)
{
	char *opt = xasprintf("--%s", key), a[MONEY_LEN];
	int64_t v;
	int r = money_opt(opt, arg, &v);

	free(opt);
	if (r || (r = case_set(c, sec, key, money_fmt(a, v))))
		return r;
	summary_add(what, "%s %s", key, a);
	return 0;
}

static int
edit(struct ctx *ctx, struct dcase *c, const char *name, const struct lopts *o)
{
	struct settle *s = settle_read(c->cfg);
	struct cfg *old = NULL;
	struct sb text = SB_INIT, what = SB_INIT;
	char *handle = NULL, *sec = NULL;
	int is_new = 0, r, i;

	/* an existing lien exactly; without --type, a unique prefix too;
	 * else a new one, which needs --type */
	i = settle_find_lien(s, c->id, name);
	if (i >= 0 && (strcmp(s->lien[i].name, name) && o->type))
		i = DK_ENOTFOUND;
	if (i == DK_EAMBIG || (i < 0 && !o->type)) {
		r = i == DK_EAMBIG ? i : dk_err(DK_ENOTFOUND, "%s (a new lien "
						"needs --type)", dk_errmsg());
		goto out;
	}
	if (i < 0) {
		if (name_check(name, LIEN_HANDLE_MAX, "lien NAME") < 0) {
			r = dk_err(DK_EINVAL, "%s (a handle such as medicare)",
				   dk_errmsg());
			goto out;
		}
		is_new = 1;
	}
	handle = xstrdup(i >= 0 ? s->lien[i].name : name);
	case_text(c, &text);
	if ((r = cfg_parse(&old, c->file, text.buf, text.len)))
		goto out;
	sec = cfg_subsection("lien", handle);
	if (is_new && (r = case_set_keys(c, sec, "holder", "", "type", "",
					 "asserted", "", "final", "", NULL)))
		goto out;
	if (o->type) {
		if ((r = word_opt("--type", o->type, lien_types,
				  "a type of lien")) ||
		    (r = case_set(c, sec, "type", o->type)))
			goto out;
		summary_add(&what, "type %s", o->type);
	}
	if (o->holder) {
		if ((r = cfg_value_check("--holder", "holder", o->holder)) ||
		    (r = case_set(c, sec, "holder", o->holder)))
			goto out;
		summary_add(&what, "holder %s", o->holder);
	}
	if ((o->asserted &&
	     (r = set_amount(c, sec, "asserted", o->asserted, &what))) ||
	    (o->final && (r = set_amount(c, sec, "final", o->final, &what))))
		goto out;
	sb_reset(&text);
	sb_addf(&text, "%s%s%s%s", handle, is_new ? " added" : "",
		what.len ? ": " : "", sb_str(&what));
	r = workup_commit(ctx, c, old, text.buf);
out:
	settle_free(s);
	cfg_free(old);
	sb_free(&text);
	sb_free(&what);
	free(handle);
	free(sec);
	return r;
}

int
cmd_lien(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "type", required_argument, NULL, 't' },
		{ "holder", required_argument, NULL, 'H' },
		{ "asserted", required_argument, NULL, 'a' },
		{ "final", required_argument, NULL, 'f' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct lopts o;
	struct dcase *c = NULL;
	int opt, status = EXIT_OK, json = 0, r;

	memset(&o, 0, sizeof(o));
	while ((opt = next_opt(ctx, argc, argv, "", longopts, &status)) != -1) {
		switch (opt) {
		case OPT_EXIT: return status;
		case 't': o.type = optarg; break;
		case 'H': o.holder = optarg; break;
		case 'a': o.asserted = optarg; break;
		case 'f': o.final = optarg; break;
		case 'j': json = 1; break;
		}
		o.any |= opt != 'j';
	}
	if ((status = list_or_change(ctx, argc, argv, o.any, json, "lien",
				     "liens", &c)) < 0) {
		r = argc - optind == 1 ? list(c, json)
				       : edit(ctx, c, argv[optind + 1], &o);
		status = r ? fail(r) : EXIT_OK;
	}
	case_free(c);
	return status;
}
