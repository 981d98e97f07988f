/* cmd-assign.c - docket assign: hand a case to another manager or
 * attorney, with its open deadlines, and an intro call for a new
 * manager. */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/cmd.h"
#include "docket/date.h"
#include "docket/deadline.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/out.h"
#include "docket/workflow.h"
#include "docket/workup.h"

#include <stdlib.h>
#include <string.h>

/* A role that changes hands. */
struct handoff {
	const char *role;	/* "manager" or "attorney" */
	char *from;		/* "" when the case had none */
	const char *to;
	struct strv moved;	/* deadlines and escalations moved */
};

/* Is name a deadline of the attorney's, when one person leaves both
 * roles: the law's deadlines and a demand's expiry. */
static int
attorneys_deadline(const char *name)
{
	size_t n = strlen(name);

	return deadline_is_computed_name(name) ||
	       (n > 8 && !strcmp(name + n - 8, "-expires"));
}

/*
 * The open deadlines and escalations of h->from go to h->to, unless
 * h->from keeps the other role on the case (other: the other role's
 * holder after the change).  both: the same person left both roles, and
 * this is the manager's hand-off (the attorney's takes the attorney's
 * deadlines).
 */
static int
move_work(struct dcase *c, const struct firm *f, struct handoff *h,
	  const char *other, int both)
{
	int r = 0, manager = !strcmp(h->role, "manager");

	if (!*h->from || !strcmp(h->from, other))
		return 0;
	for (size_t i = 0; !r; i++) {
		const struct deadline *d;
		char *sec;

		if ((r = case_view(c, f, NULL)) || i >= c->ndue)
			break;
		d = &c->due[i];
		if (d->done != NO_DATE || strcmp(d->who, h->from))
			continue;
		if (both && manager == attorneys_deadline(d->name))
			continue;
		strv_push(&h->moved, d->name);
		sec = cfg_subsection("due", d->name);
		r = case_set(c, sec, "who", h->to);
		free(sec);
	}
	for (size_t i = 0; !r && !manager; i++) {
		const struct escalation *e;
		char *sec;

		if ((r = case_view(c, f, NULL)) || i >= c->nesc)
			break;
		e = &c->esc[i];
		if (e->resolved != NO_DATE || strcmp(e->to, h->from))
			continue;
		sec = cfg_subsection("escalation", e->name);
		strv_push_owned(&h->moved, xasprintf("escalation %s", e->name));
		r = case_set(c, sec, "to", h->to);
		free(sec);
	}
	return r;
}

static void
join(struct sb *out, const struct strv *v)
{
	for (size_t i = 0; i < v->n; i++)
		sb_addf(out, "%s%s", i ? ", " : "", v->v[i]);
}

int
handoff_work(const struct firm *f, struct dcase *c, const char *old_manager,
	     const char *old_attorney, struct strv *moved)
{
	struct handoff h[2];
	size_t nh = 0;
	int r = 0, both;

	memset(h, 0, sizeof(h));
	if ((r = case_view(c, f, NULL)))
		return r;
	if (strcmp(old_manager, c->manager)) {
		h[nh].role = "manager";
		h[nh].from = xstrdup(old_manager);
		h[nh++].to = xstrdup(c->manager);
	}
	if (strcmp(old_attorney, c->attorney)) {
		h[nh].role = "attorney";
		h[nh].from = xstrdup(old_attorney);
		h[nh++].to = xstrdup(c->attorney);
	}
	both = nh == 2 && *h[0].from && !strcmp(h[0].from, h[1].from);
	for (size_t i = 0; !r && i < nh; i++) {
		char *keep = xstrdup(nh == 2 ? h[1 - i].to :
				     !strcmp(h[i].role, "manager") ?
				     c->attorney : c->manager);

		/* no one to hand the work to: it stays */
		if (*h[i].to)
			r = move_work(c, f, &h[i], keep, both);
		free(keep);
	}
	for (size_t i = 0; i < nh; i++) {
		if (h[i].moved.n) {
			struct sb line = SB_INIT;

			join(&line, &h[i].moved);
			strv_push_owned(moved, xasprintf("moved to %s: %s",
							 h[i].to, line.buf));
			sb_free(&line);
		}
		free(h[i].from);
		free((char *)h[i].to);
		strv_free(&h[i].moved);
	}
	return r;
}

int
cmd_assign(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "manager", required_argument, NULL, 'M' },
		{ "attorney", required_argument, NULL, 'A' },
		{ "message", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const struct firm *f = ctx->firm;
	const char *manager = NULL, *attorney = NULL, *m = NULL;
	struct handoff h[2];
	size_t nh = 0;
	struct dcase *c = NULL;
	struct change ch;
	struct sb note = SB_INIT, summary = SB_INIT, moved = SB_INIT;
	char intro[DATE_LEN] = "";
	int opt, status = EXIT_OK, r = 0, both;

	memset(h, 0, sizeof(h));
	change_init(&ch, ctx);
	while ((opt = next_opt(ctx, argc, argv, "m:", longopts, &status)) != -1) {
		switch (opt) {
		case OPT_EXIT: goto out;
		case 'M': manager = optarg; break;
		case 'A': attorney = optarg; break;
		case 'm': m = optarg; break;
		}
	}
	if (optind >= argc) {
		status = usage_error(ctx, "which case? (a case ID)");
		goto out;
	}
	if (argc - optind > 1) {
		status = usage_error(ctx, "unexpected argument '%s'",
				     argv[optind + 1]);
		goto out;
	}
	if (!manager && !attorney) {
		status = usage_error(ctx, "to whom? (--manager H, --attorney H "
				     "or both)");
		goto out;
	}
	if (!m) {
		status = usage_error(ctx, "-m REASON is required: why the case "
				     "changes hands");
		goto out;
	}
	if (!*trim((char *)m)) {
		status = fail(dk_err(DK_EINVAL, "-m: the reason is empty"));
		goto out;
	}
	if ((manager && !*manager) || (attorney && !*attorney)) {
		status = fail(dk_err(DK_EINVAL, "--%s: give the handle of the "
				     "one who takes the case", manager &&
				     !*manager ? "manager" : "attorney"));
		goto out;
	}
	if ((manager && (r = check_handle(ctx, "--manager", manager))) ||
	    (attorney && (r = check_handle(ctx, "--attorney", attorney))) ||
	    (r = load_case(ctx, argv[optind], &c))) {
		status = fail(r);
		goto out;
	}
	if (manager && strcmp(manager, c->manager)) {
		h[nh].role = "manager";
		h[nh].from = xstrdup(c->manager);
		h[nh++].to = manager;
	}
	if (attorney && strcmp(attorney, c->attorney)) {
		h[nh].role = "attorney";
		h[nh].from = xstrdup(c->attorney);
		h[nh++].to = attorney;
	}
	if (!nh) {
		status = fail(dk_err(DK_EINVAL, "%s: nothing changes (%s%s%s%s%s)",
				     c->id, manager ? "manager " : "",
				     manager ? manager : "",
				     manager && attorney ? ", " : "",
				     attorney ? "attorney " : "",
				     attorney ? attorney : ""));
		goto out;
	}
	for (size_t i = 0; !r && i < nh; i++)
		r = case_set(c, "case", h[i].role, h[i].to);
	both = nh == 2 && *h[0].from && !strcmp(h[0].from, h[1].from);
	for (size_t i = 0; !r && i < nh; i++) {
		const char *other = nh == 2 ? h[1 - i].to :
				    !strcmp(h[i].role, "manager") ? c->attorney :
				    c->manager;
		char *keep = xstrdup(other);

		r = move_work(c, f, &h[i], keep, both);
		free(keep);
	}
	if (!r && manager && !strcmp(h[0].role, "manager")) {
		/* the new manager introduces themself to the client */
		char *sec = cfg_subsection("due", DUE_INTRO_CALL);

		date_fmt(intro, delay_add(f, ctx->today, &f->wf->intro_call));
		r = case_set_keys(c, sec, "date", intro, "what", INTRO_CALL_WHAT,
				  "who", manager, "done", "", NULL);
		free(sec);
	}
	for (size_t i = 0; i < nh; i++) {
		sb_addf(&note, "%s: %s -> %s: %s%s", h[i].role,
			*h[i].from ? h[i].from : "(none)", h[i].to, m,
			m[strlen(m) - 1] == '\n' ? "" : "\n");
		sb_addf(&summary, "%s%s %s -> %s", i ? ", " : "", h[i].role,
			*h[i].from ? h[i].from : "(none)", h[i].to);
	}
	for (size_t i = 0; i < nh; i++)
		if (h[i].moved.n) {
			sb_reset(&moved);
			join(&moved, &h[i].moved);
			sb_addf(&note, "%sMoved to %s: %s\n", i && h[0].moved.n ?
				"" : "\n", h[i].to, moved.buf);
			sb_addf(&summary, "; moved to %s: %s", h[i].to, moved.buf);
		}
	if (*intro) {
		sb_addf(&note, "\nDeadline %s on %s for %s: %s\n", DUE_INTRO_CALL,
			intro, manager, INTRO_CALL_WHAT);
		sb_addf(&summary, "; %s %s", DUE_INTRO_CALL, intro);
	}
	if (!r)
		r = change_save_case(&ch, c);
	if (!r)
		r = change_add_note(&ch, c, "internal", note.buf, note.len,
				    ctx->now, NULL);
	if (!r)
		r = change_commit(&ch, c, "%s", summary.buf);
	if (r) {
		status = fail(r);
		goto out;
	}
	for (size_t i = 0; i < nh; i++) {
		tprintf("%s: %s %s -> %s\n", c->id, h[i].role,
			*h[i].from ? h[i].from : "(none)", h[i].to);
		if (h[i].moved.n) {
			sb_reset(&moved);
			join(&moved, &h[i].moved);
			tprintf("%s: moved to %s: %s\n", c->id, h[i].to, moved.buf);
		}
	}
	if (*intro)
		tprintf("%s: deadline %s on %s (%s)\n", c->id, DUE_INTRO_CALL,
			intro, manager);
out:
	for (size_t i = 0; i < nh; i++) {
		free(h[i].from);
		strv_free(&h[i].moved);
	}
	change_free(&ch);
	sb_free(&note);
	sb_free(&summary);
	sb_free(&moved);
	case_free(c);
	return status;
}
