/* cmd-provider.c - docket provider: a case's medical providers, their
 * visits, discharge and bills; or the list of them with the medical
 * specials. */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/cmd.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/money.h"
#include "docket/out.h"
#include "docket/workup.h"

#include <stdlib.h>
#include <string.h>

struct popts {
	const char *type, *phone, *discharged;
	const char *money[3];		/* billed, paid, owed */
	struct strv visits;
	int any;
};

static const char *const money_keys[3] = { "billed", "paid", "owed" };

static int
list(struct ctx *ctx, struct dcase *c, int json)
{
	if (json) {
		struct json j;

		json_init(&j, stdout);
		json_obj(&j, NULL);
		json_str(&j, "case", c->id);
		workup_json_providers(&j, c);
		workup_json_medical(&j, c);
		json_end_obj(&j);
		json_finish(&j);
		return 0;
	}
	if (!c->wu->nprov) {
		tprintf("%s: no providers yet (docket provider %s NAME adds one)\n",
		       c->id, c->id);
		return 0;
	}
	tprintf("%sProviders of %s%s", c_bold(), c->id, c_off());
	if (*c->title) {
		fputs(": ", stdout);
		print_clean(stdout, c->title);
	}
	putchar('\n');
	workup_print_providers(stdout, c, ctx->today);
	return 0;
}

/* The provider NAME names: an existing handle or its unique prefix, or
 * the handle made from NAME.  *handle is a new string; *is_new. */
static int
resolve(struct dcase *c, const char *name, char **handle, int *is_new)
{
	int i;

	*handle = NULL;
	*is_new = 0;
	if (!*name)
		return dk_err(DK_EINVAL, "the provider's NAME is empty");
	i = workup_find_provider(c, name);
	if (i == DK_EAMBIG)
		return i;
	if (i >= 0) {
		*handle = xstrdup(c->wu->prov[i].handle);
		return 0;
	}
	*handle = provider_handle(name);
	for (size_t k = 0; k < c->wu->nprov; k++)
		if (!strcmp(c->wu->prov[k].handle, *handle))
			return 0;
	*is_new = 1;
	return 0;
}

static int
edit(struct ctx *ctx, struct dcase *c, const char *name, struct popts *o)
{
	struct cfg *old = NULL;
	struct sb text = SB_INIT, what = SB_INIT;
	char *handle = NULL, *sec = NULL, d[DATE_LEN], a[MONEY_LEN];
	const struct provider *p = NULL;
	long first = NO_DATE, last = NO_DATE, day;
	int is_new, r;

	if ((r = resolve(c, name, &handle, &is_new)))
		goto out;
	case_text(c, &text);
	if ((r = cfg_parse(&old, c->file, text.buf, text.len)))
		goto out;
	sec = cfg_subsection("provider", handle);
	for (size_t k = 0; !is_new && k < c->wu->nprov; k++)
		if (!strcmp(c->wu->prov[k].handle, handle))
			p = &c->wu->prov[k];
	if (p) {
		first = p->first_visit;
		last = p->last_visit;
	}
	if (is_new) {
		/* every key, in the order docket.5 gives them */
		if ((r = cfg_value_check("NAME", "name", name)) ||
		    (r = case_set_keys(c, sec, "name", name, "type", "",
				       "phone", "", "first_visit", "",
				       "last_visit", "", "discharged", "",
				       "records_requested", "",
				       "records_received", "",
				       "bills_requested", "", "bills_received",
				       "", "billed", "", "paid", "", "owed", "",
				       NULL)))
			goto out;
	}
	if (o->type) {
		if ((r = word_opt("--type", o->type, provider_types,
				  "a type of provider")) ||
		    (r = case_set(c, sec, "type", o->type)))
			goto out;
		summary_add(&what, "type %s", o->type);
	}
	if (o->phone) {
		if ((r = cfg_value_check("--phone", "phone", o->phone)) ||
		    (r = case_set(c, sec, "phone", o->phone)))
			goto out;
		summary_add(&what, "phone %s", o->phone);
	}
	for (size_t i = 0; i < o->visits.n; i++) {
		if ((r = event_date(ctx, "--visit", o->visits.v[i], &day)))
			goto out;
		if (first == NO_DATE || day < first)
			first = day;
		if (last == NO_DATE || day > last)
			last = day;
		summary_add(&what, "visit %s", date_fmt(d, day));
	}
	if (first != NO_DATE &&
	    ((r = case_set(c, sec, "first_visit", date_fmt(d, first))) ||
	     (r = case_set(c, sec, "last_visit", date_fmt(d, last)))))
		goto out;
	if (o->discharged) {
		if ((r = event_date(ctx, "--discharged", o->discharged, &day)) ||
		    (r = case_set(c, sec, "discharged", date_fmt(d, day))))
			goto out;
		summary_add(&what, "discharged %s", d);
	}
	for (int k = 0; k < 3; k++) {
		int64_t v;
		char *opt;

		if (!o->money[k])
			continue;
		opt = xasprintf("--%s", money_keys[k]);
		r = money_opt(opt, o->money[k], &v);
		free(opt);
		if (r || (r = case_set(c, sec, money_keys[k], money_fmt(a, v))))
			goto out;
		summary_add(&what, "%s %s", money_keys[k], a);
	}
	sb_reset(&text);
	sb_adds(&text, handle);
	if (is_new && strcmp(name, handle))
		sb_addf(&text, " added (%s)", name);
	else if (is_new)
		sb_adds(&text, " added");
	if (what.len)
		sb_addf(&text, ": %s", what.buf);
	r = workup_commit(ctx, c, old, text.buf);
out:
	cfg_free(old);
	sb_free(&text);
	sb_free(&what);
	free(handle);
	free(sec);
	return r;
}

int
cmd_provider(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "type", required_argument, NULL, 't' },
		{ "phone", required_argument, NULL, 'p' },
		{ "visit", required_argument, NULL, 'v' },
		{ "discharged", optional_argument, NULL, 'd' },
		{ "billed", required_argument, NULL, 'b' },
		{ "paid", required_argument, NULL, 'P' },
		{ "owed", required_argument, NULL, 'o' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct popts o;
	struct dcase *c = NULL;
	int opt, status = EXIT_OK, json = 0, r = 0;

	memset(&o, 0, sizeof(o));
	while ((opt = next_opt(ctx, argc, argv, "", longopts, &status)) != -1) {
		switch (opt) {
		case OPT_EXIT: goto out;
		case 't': o.type = optarg; break;
		case 'p': o.phone = optarg; break;
		case 'v': strv_push(&o.visits, optarg); break;
		case 'd':
			o.discharged = optional_date(ctx, argc, argv);
			if (!o.discharged)
				o.discharged = "today";
			break;
		case 'b': o.money[0] = optarg; break;
		case 'P': o.money[1] = optarg; break;
		case 'o': o.money[2] = optarg; break;
		case 'j': json = 1; break;
		}
		o.any |= opt != 'j';
	}
	if ((status = list_or_change(ctx, argc, argv, o.any, json, "provider",
				     "providers", &c)) < 0) {
		r = argc - optind == 1 ? list(ctx, c, json)
				       : edit(ctx, c, argv[optind + 1], &o);
		status = r ? fail(r) : EXIT_OK;
	}
out:
	strv_free(&o.visits);
	case_free(c);
	return status;
}
