/* cmd-add.c - docket add: open a new case. */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/cmd.h"
#include "docket/date.h"
#include "docket/deadline.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/id.h"
#include "docket/lookup.h"
#include "docket/out.h"
#include "docket/workflow.h"
#include "docket/workup.h"

#include <stdlib.h>
#include <string.h>

struct assignment {
	char *section, *key, *value;
};

/* A fresh ID from the client's name that no case uses yet. */
static int
new_id(struct ctx *ctx, const char *client, char **out)
{
	for (int i = 0; i < 50; i++) {
		char *id = id_generate(client, NULL);

		if (!case_id_taken(ctx->root, id)) {
			*out = id;
			return 0;
		}
		free(id);
	}
	return dk_err(DK_EEXISTS, "could not find a free case ID; give one "
		      "with --id");
}

static int
fill(struct ctx *ctx, struct dcase *c, const char *const *v,
     struct assignment *as, size_t nas, struct strv *warnings)
{
	/* v: title, client, type, incident, attorney, manager, state, dob */
	const struct firm *f = ctx->firm;
	char d[DATE_LEN];
	int r = 0;

	r = case_set_keys(c, "case", "title", v[0], "client", v[1],
			  "type", v[2], "opened", date_fmt(d, ctx->today),
			  "incident", v[3], NULL);
	if (!r && *v[6])
		r = case_set(c, "case", "state", v[6]);
	if (!r)
		r = case_set_keys(c, "case", "stage", f->stages[0].name,
				  "status", "open", "closed", "", "attorney", v[4],
				  "manager", v[5], NULL);
	if (!r)
		r = case_set(c, "stages", f->stages[0].name, d);
	if (!r && *v[7])
		r = case_set(c, "client", "dob", v[7]);
	for (size_t i = 0; !r && i < nas; i++) {
		char *what = cfg_dotted(as[i].section, as[i].key);

		r = money_input(what, as[i].section, as[i].key, &as[i].value);
		free(what);
		if (!r)
			r = case_set(c, as[i].section, as[i].key, as[i].value);
	}
	/* the deadlines the law sets, from the facts just given (a date
	 * given with --set due.sol.date=... is set by hand) */
	if (!r)
		r = deadlines_after_edit(f, NULL, c, NULL, warnings);
	/* and those that follow from a workup given with --set */
	if (r >= 0)
		r = workup_follow(f, NULL, c, ctx->today, NULL, NULL);
	/* the case enters the first stage: its tasks */
	if (r >= 0)
		r = stage_tasks_enter(f, c, 0, ctx->today, NULL);
	return r < 0 ? r : 0;
}

int
cmd_add(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "client", required_argument, NULL, 'c' },
		{ "title", required_argument, NULL, 't' },
		{ "type", required_argument, NULL, 'T' },
		{ "incident", required_argument, NULL, 'i' },
		{ "state", required_argument, NULL, 'S' },
		{ "dob", required_argument, NULL, 'D' },
		{ "attorney", required_argument, NULL, 'a' },
		{ "manager", required_argument, NULL, 'm' },
		{ "id", required_argument, NULL, 'I' },
		{ "set", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *client = NULL, *title = NULL, *type = "", *incident = NULL;
	const char *attorney = NULL, *manager = NULL, *id_arg = NULL, *me;
	const char *state = "", *dob_arg = NULL;
	struct strv warnings = STRV_INIT;
	struct assignment *as = NULL;
	size_t nas = 0, cap = 0;
	char *id = NULL, inc[DATE_LEN] = "", dob[DATE_LEN] = "";
	struct dcase *c = NULL;
	struct change ch;
	int opt, status = EXIT_OK, r;

	change_init(&ch, ctx);
	while ((opt = next_opt(ctx, argc, argv, "", longopts, &status)) != -1) {
		switch (opt) {
		case OPT_EXIT: goto out;
		case 'c': client = optarg; break;
		case 't': title = optarg; break;
		case 'T': type = optarg; break;
		case 'i': incident = optarg; break;
		case 'S': state = optarg; break;
		case 'D': dob_arg = optarg; break;
		case 'a': attorney = optarg; break;
		case 'm': manager = optarg; break;
		case 'I': id_arg = optarg; break;
		case 's':
			GROW(as, cap, nas + 1);
			r = parse_assignment(optarg, &as[nas].section,
					     &as[nas].key, &as[nas].value);
			if (r) {
				status = usage_error(ctx, "--set: %s", dk_errmsg());
				goto out;
			}
			nas++;
			if (!strcmp(as[nas - 1].section, "case") &&
			    (!strcmp(as[nas - 1].key, "id") ||
			     !strcmp(as[nas - 1].key, "stage"))) {
				status = usage_error(ctx, "--set: case.%s is "
						     "set by docket (use --id, or "
						     "advance-stage later)",
						     as[nas - 1].key);
				goto out;
			}
			break;
		}
	}
	if (optind < argc) {
		status = usage_error(ctx, "unexpected argument '%s'", argv[optind]);
		goto out;
	}
	if (!client) {
		status = usage_error(ctx, "--client NAME is required");
		goto out;
	}
	if (!*client) {
		status = fail(dk_err(DK_EINVAL, "--client: the client's name is empty"));
		goto out;
	}
	if ((r = ctx_user(ctx, &me))) {
		status = fail(r);
		goto out;
	}
	if (!attorney || !manager) {
		const struct staff *s = firm_staff(ctx->firm, me);

		if (!attorney)
			attorney = s && !strcmp(s->role, "attorney") ? me : "";
		if (!manager)
			manager = s && !strcmp(s->role, "manager") ? me : "";
	}
	if (incident) {
		long d;

		if ((r = date_parse_cal(&d, incident, ctx->today,
					&ctx->firm->cal))) {
			status = fail(dk_err(r, "--incident: %s", dk_errmsg()));
			goto out;
		}
		date_fmt(inc, d);
		if (d > ctx->today) {
			char t[DATE_LEN];

			status = fail(dk_err(DK_EINVAL, "--incident: %s is after "
					     "the day the case is opened (%s)",
					     inc, date_fmt(t, ctx->today)));
			goto out;
		}
	}
	if (*state && !case_state_ok(state)) {
		status = fail(dk_err(DK_EINVAL, "--state: '%s' is not a state "
				     "code (letters, digits and '-', such as "
				     "CA)", state));
		goto out;
	}
	if (dob_arg) {
		long d;

		if ((r = date_parse_cal(&d, dob_arg, ctx->today,
					&ctx->firm->cal))) {
			status = fail(dk_err(r, "--dob: %s", dk_errmsg()));
			goto out;
		}
		date_fmt(dob, d);
		if (*inc && strcmp(dob, inc) > 0) {
			status = fail(dk_err(DK_EINVAL, "--dob: %s is after the "
					     "incident (%s)", dob, inc));
			goto out;
		}
	}
	if ((r = check_handle(ctx, "--attorney", attorney)) ||
	    (r = check_handle(ctx, "--manager", manager))) {
		status = fail(r);
		goto out;
	}
	if (id_arg) {
		if ((r = id_check(id_arg))) {
			status = fail(dk_err(r, "--id: %s", dk_errmsg()));
			goto out;
		}
		if (case_id_taken(ctx->root, id_arg)) {
			status = fail(dk_err(DK_EEXISTS, "case '%s' exists already",
					     id_arg));
			goto out;
		}
		id = xstrdup(id_arg);
	} else if ((r = new_id(ctx, client, &id))) {
		status = fail(r);
		goto out;
	}
	c = case_new(id, ctx->today);
	{
		const char *v[] = { title ? title : client, client, type, inc,
				    attorney, manager, state, dob };

		r = fill(ctx, c, v, as, nas, &warnings);
	}
	if (!r)
		r = change_save_case(&ch, c);
	if (!r)
		r = change_commit(&ch, c, "new case");
	if (r) {
		status = fail(r);
		goto out;
	}
	for (size_t i = 0; i < warnings.n; i++)
		tfprintf(stderr, "docket: warning: %s\n", warnings.v[i]);
	{
		/* a likely duplicate intake: added all the same */
		struct strv same = STRV_INIT;
		const char *inc_now = cfg_get(c->cfg, "case", "incident");

		lookup_same_intake(&same, ctx->root, c->client,
				   inc_now ? inc_now : "", c->id);
		for (size_t i = 0; i < same.n; i++)
			tfprintf(stderr, "docket: warning: %s is open for %s "
				 "with the same incident date (%s): a duplicate "
				 "intake? ('docket undo' takes this one back)\n",
				 same.v[i], c->client, inc_now && *inc_now ?
				 inc_now : "none");
		strv_free(&same);
	}
	tprintf("%s\n", c->id);
out:
	strv_free(&warnings);
	change_free(&ch);
	for (size_t i = 0; i < nas; i++) {
		free(as[i].section);
		free(as[i].key);
		free(as[i].value);
	}
	free(as);
	free(id);
	case_free(c);
	return status;
}
