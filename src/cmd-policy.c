/* cmd-policy.c - docket policy: a case's insurance policies, their
 * adjusters and letters of representation; or the list of them. */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/cmd.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/id.h"
#include "docket/money.h"
#include "docket/out.h"
#include "docket/workup.h"

#include <stdlib.h>
#include <string.h>

/* The options that set a text key, in the order they are written. */
static const char *const text_keys[] = {
	"carrier", "insured", "claim", "adjuster", "phone", "email", NULL
};
#define NTEXT 6
#define TEXT_OPT 1000	/* getopt's value of the first */

struct popts {
	const char *coverage, *limits, *lor;
	const char *text[NTEXT];
	int commercial, any;
};

static int
list(struct dcase *c, int json)
{
	if (json) {
		struct json j;

		json_init(&j, stdout);
		json_obj(&j, NULL);
		json_str(&j, "case", c->id);
		workup_json_policies(&j, c);
		json_end_obj(&j);
		json_finish(&j);
		return 0;
	}
	if (!c->wu->npol) {
		tprintf("%s: no policies yet (docket policy %s NAME --coverage C "
		       "adds one)\n", c->id, c->id);
		return 0;
	}
	tprintf("%sPolicies of %s%s", c_bold(), c->id, c_off());
	if (*c->title) {
		fputs(": ", stdout);
		print_clean(stdout, c->title);
	}
	putchar('\n');
	workup_print_policies(stdout, c);
	return 0;
}

/* NAME: a policy of the case (exactly; without --coverage, a unique
 * prefix too), else a new one, which needs --coverage. */
static int
resolve(struct dcase *c, const char *name, const struct popts *o,
	char **handle, int *is_new)
{
	int i;

	*handle = NULL;
	*is_new = 0;
	for (size_t k = 0; k < c->wu->npol; k++)
		if (!strcmp(c->wu->pol[k].handle, name)) {
			*handle = xstrdup(name);
			return 0;
		}
	if (!o->coverage) {
		if ((i = workup_find_policy(c, name)) == DK_EAMBIG)
			return i;
		if (i < 0)
			return dk_err(DK_ENOTFOUND, "%s (a new policy needs "
				      "--coverage)", dk_errmsg());
		*handle = xstrdup(c->wu->pol[i].handle);
		return 0;
	}
	if (name_check(name, POLICY_HANDLE_MAX, "policy NAME") < 0)
		return dk_err(DK_EINVAL, "%s (a handle such as bi-acme)",
			      dk_errmsg());
	*handle = xstrdup(name);
	*is_new = 1;
	return 0;
}

static int
edit(struct ctx *ctx, struct dcase *c, const char *name, const struct popts *o)
{
	struct cfg *old = NULL;
	struct sb text = SB_INIT, what = SB_INIT;
	char *handle = NULL, *sec = NULL, d[DATE_LEN], a[MONEY_LEN];
	int is_new, r;

	if ((r = resolve(c, name, o, &handle, &is_new)))
		goto out;
	case_text(c, &text);
	if ((r = cfg_parse(&old, c->file, text.buf, text.len)))
		goto out;
	sec = cfg_subsection("policy", handle);
	if (is_new && (r = case_set_keys(c, sec, "coverage", "", "carrier", "",
					 "insured", "", "claim", "", "adjuster",
					 "", "phone", "", "email", "", "limits",
					 "", "commercial", "", "lor_sent", "",
					 NULL)))
		goto out;
	if (o->coverage) {
		if ((r = word_opt("--coverage", o->coverage, policy_coverages,
				  "a coverage")) ||
		    (r = case_set(c, sec, "coverage", o->coverage)))
			goto out;
		summary_add(&what, "coverage %s", o->coverage);
	}
	for (int k = 0; k < NTEXT; k++) {
		char *opt;

		if (!o->text[k])
			continue;
		opt = xasprintf("--%s", text_keys[k]);
		r = cfg_value_check(opt, text_keys[k], o->text[k]);
		free(opt);
		if (r || (r = case_set(c, sec, text_keys[k], o->text[k])))
			goto out;
		summary_add(&what, "%s %s", text_keys[k], o->text[k]);
	}
	if (o->limits) {
		int64_t v;

		if ((r = money_opt("--limits", o->limits, &v)) ||
		    (r = case_set(c, sec, "limits", money_fmt(a, v))))
			goto out;
		summary_add(&what, "limits %s", a);
	}
	if (o->commercial) {
		if ((r = case_set(c, sec, "commercial", "yes")))
			goto out;
		summary_add(&what, "commercial");
	}
	if (o->lor) {
		long day;

		if ((r = event_date(ctx, "--lor-sent", o->lor, &day)) ||
		    (r = case_set(c, sec, "lor_sent", date_fmt(d, day))))
			goto out;
		summary_add(&what, "letter of representation sent %s", d);
	}
	sb_reset(&text);
	sb_addf(&text, "%s%s%s%s", handle, is_new ? " added" : "",
		what.len ? ": " : "", sb_str(&what));
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
cmd_policy(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "coverage", required_argument, NULL, 'c' },
		{ "carrier", required_argument, NULL, TEXT_OPT + 0 },
		{ "insured", required_argument, NULL, TEXT_OPT + 1 },
		{ "claim", required_argument, NULL, TEXT_OPT + 2 },
		{ "adjuster", required_argument, NULL, TEXT_OPT + 3 },
		{ "phone", required_argument, NULL, TEXT_OPT + 4 },
		{ "email", required_argument, NULL, TEXT_OPT + 5 },
		{ "limits", required_argument, NULL, 'l' },
		{ "commercial", no_argument, NULL, 'C' },
		{ "lor-sent", optional_argument, NULL, 'L' },
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
		case OPT_EXIT: return status;
		case 'c': o.coverage = optarg; break;
		case 'l': o.limits = optarg; break;
		case 'C': o.commercial = 1; break;
		case 'L':
			o.lor = optional_date(ctx, argc, argv);
			if (!o.lor)
				o.lor = "today";
			break;
		case 'j': json = 1; break;
		default:
			if (opt >= TEXT_OPT && opt < TEXT_OPT + NTEXT)
				o.text[opt - TEXT_OPT] = optarg;
		}
		o.any |= opt != 'j';
	}
	if ((status = list_or_change(ctx, argc, argv, o.any, json, "policy",
				     "policies", &c)) < 0) {
		r = argc - optind == 1 ? list(c, json)
				       : edit(ctx, c, argv[optind + 1], &o);
		status = r ? fail(r) : EXIT_OK;
	}
	case_free(c);
	return status;
}
