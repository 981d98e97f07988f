/* cmd-advance-stage.c - docket advance-stage: move a case along the pipeline. */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/cmd.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/out.h"
#include "docket/workflow.h"
#include "docket/workup.h"

#include <stdlib.h>
#include <string.h>

/* Mark the open on_enter_due deadline of the stage being left done. */
static int
close_stage_deadline(struct dcase *c, const char *stage, const char *today)
{
	char *sec = cfg_subsection("due", stage);
	const struct deadline *d = case_deadline(c, stage);
	int r = 0;

	if (d && d->done == NO_DATE)
		r = case_set(c, sec, "done", today);
	free(sec);
	return r;
}

static int
open_stage_deadline(struct ctx *ctx, struct dcase *c,
		    const struct stage_rule *s)
{
	char *sec = cfg_subsection("due", s->name);
	const struct deadline *open = case_deadline(c, s->name);
	char d[DATE_LEN];
	long when;
	int r;

	if (date_parse_cal(&when, s->due_when, ctx->today,
			   &ctx->firm->cal) < 0)
		return dk_err(DK_EINVAL, "docket.ini: [stage \"%s\"] on_enter_due "
			      "is not valid", s->name);
	/* the demand is due already (records complete): the earlier date
	 * stays */
	if (!strcmp(s->name, DUE_DEMAND) && open && open->done == NO_DATE &&
	    open->date <= when) {
		free(sec);
		return 0;
	}
	r = case_set_keys(c, sec, "date", date_fmt(d, when), "what", s->due_what,
			  "who", *c->manager ? c->manager : c->attorney,
			  "done", "", NULL);
	free(sec);
	return r;
}

int
cmd_advance_stage(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "message", required_argument, NULL, 'm' },
		{ "force", no_argument, NULL, 'f' },
		{ "skip", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const struct firm *f = ctx->firm;
	const char *m = NULL;
	struct dcase *c = NULL;
	struct change ch;
	struct sb note = SB_INIT, summary = SB_INIT, skipped = SB_INIT;
	struct strv unmet = STRV_INIT, tasks = STRV_INIT, skip = STRV_INIT;
	char today[DATE_LEN], *from = NULL;
	int opt, status = EXIT_OK, r, force = 0, cur, to;
	int last;

	change_init(&ch, ctx);
	date_fmt(today, ctx->today);
	while ((opt = next_opt(ctx, argc, argv, "m:f", longopts, &status)) != -1) {
		switch (opt) {
		case OPT_EXIT: goto out;
		case 'm': m = optarg; break;
		case 'f': force = 1; break;
		case 's': strv_split(&skip, optarg, ','); break;
		}
	}
	if (optind >= argc) {
		status = usage_error(ctx, "which case? (a case ID)");
		goto out;
	}
	if (argc - optind > 2) {
		status = usage_error(ctx, "unexpected argument '%s'",
				     argv[optind + 2]);
		goto out;
	}
	if ((r = load_case(ctx, argv[optind], &c))) {
		status = fail(r);
		goto out;
	}
	last = (int)f->nstages - 1;
	cur = firm_stage(f, c->stage);
	from = xstrdup(c->stage);
	if (optind + 1 < argc) {
		if ((r = firm_stage_pick(f, argv[optind + 1], &to))) {
			status = fail(r);
			goto out;
		}
	} else if (cur == last) {
		status = fail(dk_err(DK_EINVAL, "%s is in the last stage (%s) "
				     "already", c->id, c->stage));
		goto out;
	} else {
		to = cur + 1;
	}
	if (to == cur) {
		status = fail(dk_err(DK_EINVAL, "%s is in stage %s already",
				     c->id, c->stage));
		goto out;
	}
	if (to < cur && !force) {
		status = fail(dk_err(DK_EINVAL, "moving %s back from %s to %s "
				     "needs --force", c->id, c->stage,
				     f->stages[to].name));
		goto out;
	}
	/* the stage's own deadline; and the `demand` deadline (records
	 * complete) when leaving the demand stage, whichever added it; and
	 * the stage's tasks */
	if (to > cur && (f->stages[cur].due_when ||
			 !strcmp(f->stages[cur].name, DUE_DEMAND)))
		r = close_stage_deadline(c, f->stages[cur].name, today);
	else
		r = 0;
	if (!r && to > cur && cur >= 0)
		r = stage_tasks_leave(f, c, (size_t)cur, ctx->today);
	/* --skip names requirements of the stage */
	for (size_t i = 0; i < skip.n; i++) {
		const struct stage_flow *sf = &f->wf->stage[to];
		size_t k = 0;

		while (k < sf->nreq && strcmp(sf->req[k].text, skip.v[i]))
			k++;
		if (k == sf->nreq) {
			struct sb list = SB_INIT;

			for (k = 0; k < sf->nreq; k++)
				sb_addf(&list, "%s%s", k ? ", " : "",
					sf->req[k].text);
			status = fail(dk_err(DK_EINVAL, "--skip: '%s' is not a "
					     "requirement of the %s stage (%s%s)",
					     skip.v[i], f->stages[to].name,
					     sf->nreq ? "requires: " :
					     "it has none", sb_str(&list)));
			sb_free(&list);
			goto out;
		}
	}
	/* the target stage's requirements, met by the case as the move
	 * leaves it (what leaving marks done is done); those not skipped
	 * refuse the move without --force */
	if (r >= 0 && !(r = case_view(c, f, NULL)) &&
	    stage_unmet(f, c, (size_t)to, &unmet) && !force) {
		struct sb list = SB_INIT;

		for (size_t i = 0; i < unmet.n; i++) {
			char *cond = xstrndup(unmet.v[i],
					      strcspn(unmet.v[i], " "));

			if (!strv_has(&skip, cond))
				sb_addf(&list, "%s%s", list.len ? ", " : "",
					unmet.v[i]);
			free(cond);
		}
		if (list.len) {
			status = fail(dk_err(DK_EINVAL, "%s cannot enter %s: %s "
					     "(--force moves it anyway)", c->id,
					     f->stages[to].name, list.buf));
			sb_free(&list);
			goto out;
		}
		sb_free(&list);
	}
	for (size_t i = 0; i < unmet.n; i++)
		sb_addf(&skipped, "%s%.*s", i ? ", " : "",
			(int)strcspn(unmet.v[i], " "), unmet.v[i]);
	if (!r)
		r = case_set(c, "case", "stage", f->stages[to].name);
	if (!r)
		r = case_set(c, "stages", f->stages[to].name, today);
	if (!r && to == last)
		r = case_set_keys(c, "case", "status", "closed", "closed", today,
				  NULL);
	else if (!r && !strcmp(c->status, "closed"))
		r = case_set_keys(c, "case", "status", "open", "closed", "", NULL);
	if (!r && f->stages[to].due_when)
		r = open_stage_deadline(ctx, c, &f->stages[to]);
	if (!r && (r = stage_tasks_enter(f, c, (size_t)to, ctx->today,
					 &tasks)) > 0)
		r = 0;
	sb_addf(&note, "Stage: %s -> %s%s\n", from, f->stages[to].name,
		to < cur ? " (moved back)" : "");
	if (unmet.n) {
		sb_addf(&note, "\nMoved with %s; not met:\n", force ? "--force" :
			"--skip");
		for (size_t i = 0; i < unmet.n; i++)
			sb_addf(&note, "- %s\n", unmet.v[i]);
	}
	if (m && *m)
		sb_addf(&note, "\n%s%s", m, m[strlen(m) - 1] == '\n' ? "" : "\n");
	for (size_t i = 0; i < tasks.n; i++)
		sb_addf(&summary, "%s%s", i ? ", " : "; deadlines: ", tasks.v[i]);
	if (skipped.len)
		sb_addf(&summary, "; skipped %s", skipped.buf);
	if (!r)
		r = change_save_case(&ch, c);
	if (!r)
		r = change_add_note(&ch, c, "stage", note.buf, note.len, ctx->now,
				    NULL);
	if (!r)
		r = change_commit(&ch, c, "%s -> %s%s", from, f->stages[to].name,
				  sb_str(&summary));
	if (r) {
		status = fail(r);
		goto out;
	}
	tprintf("%s: %s -> %s%s", c->id, from, f->stages[to].name,
	       to == last && strcmp(f->stages[to].name, "closed") ?
	       " (closed)" : "");
	if (skipped.len)
		tprintf(" (skipped %s)", skipped.buf);
	tprintf("\n");
	for (size_t i = 0; i < tasks.n; i++)
		tprintf("%s: deadline %s\n", c->id, tasks.v[i]);
out:
	change_free(&ch);
	strv_free(&unmet);
	strv_free(&skip);
	strv_free(&tasks);
	sb_free(&summary);
	sb_free(&skipped);
	sb_free(&note);
	free(from);
	case_free(c);
	return status;
}
