/* cmd-escalate.c - docket escalate: list, open and resolve escalations. */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/cmd.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/out.h"

#include <stdlib.h>
#include <string.h>

struct listing {
	struct json j;
	int json;
	const char *who;
};

static int
print_open(struct ctx *ctx, struct dcase *c, void *arg)
{
	struct listing *l = arg;
	char d[DATE_LEN];

	if (!c->open)
		return 0;
	for (size_t i = 0; i < c->nesc; i++) {
		const struct escalation *e = &c->esc[i];

		if (e->resolved != NO_DATE)
			continue;
		if (l->who && strcmp(l->who, e->to))
			continue;
		if (l->json) {
			json_obj(&l->j, NULL);
			json_str(&l->j, "case", c->id);
			json_str(&l->j, "name", e->name);
			json_str(&l->j, "reason", e->reason);
			json_str(&l->j, "to", e->to);
			json_str(&l->j, "by", e->by);
			json_date(&l->j, "opened", e->opened);
			json_int(&l->j, "days_open", ctx->today - e->opened);
			json_str(&l->j, "what", e->what);
			json_end_obj(&l->j);
		} else {
			tprintf("%-16s #%-3s %-13s %-8s %s %s%4ldd%s  ", c->id,
			       e->name, e->reason, *e->to ? e->to : "-",
			       date_fmt(d, e->opened),
			       ctx->today - e->opened > 3 ? c_red() : "",
			       ctx->today - e->opened, c_off());
			print_clean(stdout, e->what);
			putchar('\n');
		}
	}
	return 0;
}

static int
list_open(struct ctx *ctx, int json, const char *who)
{
	struct listing l;
	int errors = 0, r;

	memset(&l, 0, sizeof(l));
	l.json = json;
	l.who = who;
	json_init(&l.j, stdout);
	if (json)
		json_arr(&l.j, NULL);
	r = scan_views(ctx, 1, print_open, &l, &errors);
	if (json) {
		json_end_arr(&l.j);
		json_finish(&l.j);
	}
	if (r)
		return fail(r);
	return errors ? EXIT_FAIL : EXIT_OK;
}

/* The first line of text, which case.ini holds; the note holds it all. */
static char *
first_line(const char *text)
{
	size_t n = strcspn(text, "\n");

	return xstrndup(text, n);
}

static int
open_escalation(struct ctx *ctx, struct dcase *c, const char *reason,
		const char *text, const char *to)
{
	struct change ch;
	struct sb note = SB_INIT;
	char *name = case_next_escalation(c), *sec, *what = first_line(text);
	char d[DATE_LEN];
	const char *me;
	int r;

	change_init(&ch, ctx);
	sec = cfg_subsection("escalation", name);
	if ((r = ctx_user(ctx, &me)))
		goto out;
	if (!to)
		to = c->attorney;
	if (!*to) {
		r = dk_err(DK_EINVAL, "%s has no attorney to escalate to; name "
			   "one with --to", c->id);
		goto out;
	}
	if ((r = check_handle(ctx, "--to", to)))
		goto out;
	if ((r = cfg_value_check("-m", "what", what)))
		goto out;
	sb_addf(&note, "Escalation %s (%s) to %s:\n\n%s", name, reason, to, text);
	if (note.buf[note.len - 1] != '\n')
		sb_addc(&note, '\n');
	r = case_set_keys(c, sec, "opened", date_fmt(d, ctx->today), "by", me,
			  "to", to, "reason", reason, "what", what,
			  "resolved", "", NULL);
	if (!r)
		r = change_save_case(&ch, c);
	if (!r)
		r = change_add_note(&ch, c, "escalation", note.buf, note.len,
				    ctx->now, NULL);
	if (!r)
		r = change_commit(&ch, c, "open %s (%s) to %s", name, reason, to);
	if (!r)
		tprintf("%s: escalation %s (%s) to %s\n", c->id, name, reason, to);
out:
	change_free(&ch);
	sb_free(&note);
	free(name);
	free(sec);
	free(what);
	return r;
}

static int
resolve(struct ctx *ctx, struct dcase *c, const char *decision,
	const char *name)
{
	const struct escalation *e = NULL;
	struct change ch;
	struct sb note = SB_INIT, open = SB_INIT;
	char d[DATE_LEN], *sec = NULL, *what = NULL, *ename;
	size_t nopen = 0;
	int r;

	for (size_t i = 0; i < c->nesc; i++) {
		if (c->esc[i].resolved != NO_DATE)
			continue;
		nopen++;
		sb_addf(&open, "%s%s", open.len ? ", " : "", c->esc[i].name);
		if (!name || !strcmp(name, c->esc[i].name))
			e = &c->esc[i];
	}
	if (!e) {
		if (name)
			r = dk_err(DK_ENOTFOUND, "%s has no open escalation "
				   "'%s'%s%s%s", c->id, name,
				   nopen ? " (open: " : "", sb_str(&open),
				   nopen ? ")" : "");
		else
			r = dk_err(DK_ENOTFOUND, "%s has no open escalation",
				   c->id);
		sb_free(&open);
		return r;
	}
	if (!name && nopen > 1) {
		r = dk_err(DK_EAMBIG, "%s has %zu open escalations (%s); say "
			   "which with --name", c->id, nopen, sb_str(&open));
		sb_free(&open);
		return r;
	}
	sb_free(&open);
	change_init(&ch, ctx);
	ename = xstrdup(e->name);
	sec = cfg_subsection("escalation", ename);
	what = first_line(decision ? decision : "");
	if ((r = cfg_value_check("-m", "resolution", what)))
		goto out;
	r = case_set_keys(c, sec, "resolved", date_fmt(d, ctx->today),
			  "resolution", what, NULL);
	if (!r)
		r = change_save_case(&ch, c);
	if (!r && decision && *decision) {
		sb_addf(&note, "Escalation %s resolved:\n\n%s", ename, decision);
		if (note.buf[note.len - 1] != '\n')
			sb_addc(&note, '\n');
		r = change_add_note(&ch, c, "escalation", note.buf, note.len,
				    ctx->now, NULL);
	}
	if (!r)
		r = change_commit(&ch, c, "resolve %s", ename);
	if (!r)
		tprintf("%s: escalation %s resolved\n", c->id, ename);
out:
	change_free(&ch);
	sb_free(&note);
	free(sec);
	free(what);
	free(ename);
	return r;
}

/* A suggested escalation looked at and found to need none: quiet until a
 * note after today matches again (report.c). */
static int
dismiss(struct ctx *ctx, struct dcase *c, const char *reason,
	const char *text)
{
	struct change ch;
	struct sb note = SB_INIT;
	char *sec = cfg_subsection("dismissed", reason), *why = first_line(text);
	char d[DATE_LEN];
	const char *me;
	int r;

	change_init(&ch, ctx);
	if ((r = ctx_user(ctx, &me)) ||
	    (r = cfg_value_check("-m", "why", why)))
		goto out;
	sb_addf(&note, "Suggested escalation (%s) dismissed:\n\n%s", reason,
		text);
	if (note.buf[note.len - 1] != '\n')
		sb_addc(&note, '\n');
	r = case_set_keys(c, sec, "date", date_fmt(d, ctx->today), "by", me,
			  "why", why, NULL);
	if (!r)
		r = change_save_case(&ch, c);
	if (!r)
		r = change_add_note(&ch, c, "escalation", note.buf, note.len,
				    ctx->now, NULL);
	if (!r)
		r = change_commit(&ch, c, "dismiss %s", reason);
	if (!r)
		tprintf("%s: %s dismissed until a note after today suggests it "
			"again\n", c->id, reason);
out:
	change_free(&ch);
	sb_free(&note);
	free(sec);
	free(why);
	return r;
}

int
cmd_escalate(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ "message", required_argument, NULL, 'm' },
		{ "to", required_argument, NULL, 't' },
		{ "resolve", no_argument, NULL, 'R' },
		{ "dismiss", required_argument, NULL, 'D' },
		{ "name", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "who", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *reason = NULL, *m = NULL, *to = NULL, *name = NULL;
	const char *who = NULL, *dis = NULL;
	struct dcase *c = NULL;
	int opt, status = EXIT_OK, json = 0, res = 0, r;

	while ((opt = next_opt(ctx, argc, argv, "m:", longopts, &status)) != -1) {
		switch (opt) {
		case OPT_EXIT: return status;
		case 'r': reason = optarg; break;
		case 'm': m = optarg; break;
		case 't': to = optarg; break;
		case 'R': res = 1; break;
		case 'D': dis = optarg; break;
		case 'n': name = optarg; break;
		case 'j': json = 1; break;
		case 'w': who = optarg; break;
		}
	}
	if (optind == argc) {
		if (reason || m || to || res || name || dis)
			return usage_error(ctx, "which case? (a case ID)");
		return list_open(ctx, json, who);
	}
	if (argc - optind > 1)
		return usage_error(ctx, "unexpected argument '%s' (quote the "
				   "text after -m)", argv[optind + 1]);
	if (json || who)
		return usage_error(ctx, "--json and --who list the open "
				   "escalations; they take no case ID");
	if (res && (reason || to))
		return usage_error(ctx, "--resolve goes without --reason and --to");
	if (dis) {
		if (res || reason || to || name)
			return usage_error(ctx, "--dismiss goes without --resolve, "
					   "--reason, --to and --name");
		if ((r = pick_word(escalation_reasons, dis, "escalation reason",
				   "reasons", &dis)))
			return fail(r);
		if (!m || !*m)
			return fail(dk_err(DK_EINVAL, "-m WHY is required: say why "
					   "it needs no escalation"));
		if ((r = ctx_lock(ctx)) ||
		    (r = load_case(ctx, argv[optind], &c)))
			return fail(r);
		r = dismiss(ctx, c, dis, m);
		case_free(c);
		return r ? fail(r) : EXIT_OK;
	}
	if (!res && name)
		return usage_error(ctx, "--name goes with --resolve");
	if (!res && !reason)
		return usage_error(ctx, "--reason R is required (%s)",
				   "medical, complexity, treatment, coverage, "
				   "communication or other");
	if (!res && (r = pick_word(escalation_reasons, reason,
				   "escalation reason", "reasons", &reason)))
		return fail(r);
	if (!res && (!m || !*m))
		return fail(dk_err(DK_EINVAL, "-m TEXT is required: say what the "
				   "attorney needs to know"));
	if ((r = ctx_lock(ctx)) || (r = load_case(ctx, argv[optind], &c)))
		return fail(r);
	r = res ? resolve(ctx, c, m, name) : open_escalation(ctx, c, reason, m, to);
	case_free(c);
	return r ? fail(r) : EXIT_OK;
}
