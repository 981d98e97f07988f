/* cmd-due.c - docket due: the firm's deadlines; add one; mark one done. */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/cmd.h"
#include "docket/date.h"
#include "docket/deadline.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/id.h"
#include "docket/out.h"
#include "docket/repo.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct row {
	char *case_id, *title, *name, *what, *who, *basis;
	char flag[64];		/* a computed date on a day off: "a Saturday" */
	long date, days;
	int cancelled;		/* --ics: done in the last ICS_DONE_DAYS */
};

/* A deadline done stays in the calendar this long, cancelled, so that a
 * calendar that imported it removes it. */
#define ICS_DONE_DAYS 30

struct filter {
	long within;		/* -1: no limit */
	int overdue;
	int ics;		/* the deadlines done lately too, cancelled */
	int sol;		/* only the deadlines the law sets */
	const char *who;
	struct row *rows;
	size_t n, cap;
};

static int
collect(struct ctx *ctx, struct dcase *c, void *arg)
{
	struct filter *fl = arg;

	if (!c->open)
		return 0;
	for (size_t i = 0; i < c->ndue; i++) {
		const struct deadline *d = &c->due[i];
		const char *who = *d->who ? d->who : "";
		struct row *row;
		int cancelled = d->done != NO_DATE;

		if (cancelled && (!fl->ics ||
				  d->done < ctx->today - ICS_DONE_DAYS))
			continue;
		if (fl->sol && !deadline_is_computed_name(d->name))
			continue;
		/* a cancellation goes to every calendar that may have it */
		if (!cancelled && fl->overdue && d->date >= ctx->today)
			continue;
		if (!cancelled && fl->within >= 0 &&
		    d->date > ctx->today + fl->within)
			continue;
		if (fl->who && strcmp(who, fl->who) &&
		    (*who || (strcmp(c->attorney, fl->who) &&
			      strcmp(c->manager, fl->who))))
			continue;
		GROW(fl->rows, fl->cap, fl->n + 1);
		row = &fl->rows[fl->n++];
		row->case_id = xstrdup(c->id);
		row->title = xstrdup(c->title);
		row->name = xstrdup(d->name);
		row->what = xstrdup(d->what);
		row->who = xstrdup(who);
		row->basis = xstrdup(d->basis);
		row->flag[0] = '\0';
		if (deadline_is_computed_name(d->name))
			calendar_flag(row->flag, sizeof(row->flag),
				      &ctx->firm->cal, d->date);
		row->date = d->date;
		row->days = d->date - ctx->today;
		row->cancelled = cancelled;
	}
	return 0;
}

static int
has_suffix_bd(const char *s)
{
	size_t n = strlen(s);

	return n > 2 && !strcmp(s + n - 2, "bd");
}

static int
row_cmp(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	c = strcmp(x->case_id, y->case_id);
	return c ? c : strcmp(x->name, y->name);
}

/* The open deadlines as a calendar; a deadline's UID is its case and
 * name ('+' is in neither) at the firm (firm: its ID), so a calendar
 * that imports it again updates the event rather than adding another,
 * and two firms' events never collide. */
static void
print_ics(struct ctx *ctx, const struct filter *fl, const char *firm)
{
	/* a reminder the day before; for the law's deadlines, a month and
	 * a week before too */
	static const int plain[] = { 1, 0 }, law[] = { 30, 7, 1, 0 };
	struct ics w;
	char *calname = xasprintf("%s deadlines", ctx->firm->name);

	ics_begin(&w, stdout, ctx->now, calname);
	for (size_t i = 0; i < fl->n; i++) {
		const struct row *r = &fl->rows[i];
		char *uid = xasprintf("%s+%s@%s.docket", r->case_id, r->name,
				      firm);
		char *summary = xasprintf("%s (%s)", r->what, r->case_id);
		char *desc = xasprintf("Case %s: %s\nDeadline: %s\nWho: %s",
				       r->case_id, r->title, r->name,
				       *r->who ? r->who : "-");

		ics_event(&w, uid, r->date, summary, desc,
			  deadline_is_computed_name(r->name) ? law : plain,
			  r->cancelled);
		free(uid);
		free(summary);
		free(desc);
	}
	ics_end(&w);
	free(calname);
}

static void
print_rows(const struct filter *fl, int json)
{
	size_t pad = strlen("YYYY-MM-DD  ");

	char d[DATE_LEN], when[40];

	if (json) {
		struct json j;

		json_init(&j, stdout);
		json_arr(&j, NULL);
		for (size_t i = 0; i < fl->n; i++) {
			const struct row *r = &fl->rows[i];

			json_obj(&j, NULL);
			json_str(&j, "case", r->case_id);
			json_str(&j, "name", r->name);
			json_date(&j, "date", r->date);
			json_str(&j, "what", r->what);
			json_str(&j, "who", r->who);
			json_int(&j, "days", r->days);
			if (fl->sol)
				json_str(&j, "basis", r->basis);
			json_end_obj(&j);
		}
		json_end_arr(&j);
		json_finish(&j);
		return;
	}
	for (size_t i = 0; i < fl->n; i++) {
		const struct row *r = &fl->rows[i];
		const char *col = r->days < 0 ? c_red() :
				  r->days <= 7 ? c_yellow() : "";
		char *name = name_cell(r->name, NAME_COLUMN);

		tprintf("%s  %s%-14s%s  %-16s %s %-8s ", date_fmt(d, r->date),
		       col, days_phrase(when, sizeof(when), r->days), c_off(),
		       r->case_id, name, *r->who ? r->who : "-");
		free(name);
		print_clean(stdout, r->what);
		if (*r->flag)
			tprintf(" (%s)", r->flag);
		putchar('\n');
		if (fl->sol) {
			tprintf("%*s", (int)pad, "");
			print_clean(stdout, *r->basis ? r->basis :
				    "(no basis: computed by an older docket)");
			putchar('\n');
		}
	}
}

static int
list_due(struct ctx *ctx, struct filter *fl, int json, int ics)
{
	int errors = 0, r;

	r = scan_views(ctx, 1, collect, fl, &errors);
	if (fl->n > 1)
		qsort(fl->rows, fl->n, sizeof(*fl->rows), row_cmp);
	if (ics) {
		/* the firm's ID: its first commit, the same in every clone */
		char firm[13] = "firm";

		repo_firm_id(ctx->repo, firm);
		print_ics(ctx, fl, firm);
	} else
		print_rows(fl, json);
	for (size_t i = 0; i < fl->n; i++) {
		free(fl->rows[i].case_id);
		free(fl->rows[i].title);
		free(fl->rows[i].name);
		free(fl->rows[i].what);
		free(fl->rows[i].who);
		free(fl->rows[i].basis);
	}
	free(fl->rows);
	if (r)
		return fail(r);
	return errors ? EXIT_FAIL : EXIT_OK;
}

static int
add_due(struct ctx *ctx, struct dcase *c, const char *date_arg,
	const char *text, const char *who, const char *name_arg)
{
	const struct deadline *old;
	struct change ch;
	char *name = NULL, *sec = NULL, d[DATE_LEN], was[DATE_LEN];
	const char *me;
	long date, replaced = NO_DATE;
	int r;

	change_init(&ch, ctx);
	if ((r = date_parse_cal(&date, date_arg, ctx->today, &ctx->firm->cal)))
		goto out;
	if ((r = cfg_value_check("TEXT", "what", text)))
		goto out;
	if (!*text) {
		r = dk_err(DK_EINVAL, "the deadline's TEXT is empty");
		goto out;
	}
	if (name_arg) {
		if ((r = name_check(name_arg, NAME_MAX_LEN, "deadline name")))
			goto out;
		/* a date set by hand replaces the one docket computed */
		old = case_deadline(c, name_arg);
		if (old && deadline_is_computed_name(name_arg) &&
		    old->done == NO_DATE) {
			replaced = old->date;
			old = NULL;
		}
		if (old) {
			r = dk_err(DK_EEXISTS, "%s has a deadline '%s' already "
				   "(pick another --name)", c->id, name_arg);
			goto out;
		}
		name = xstrdup(name_arg);
	} else {
		name = deadline_new_name(c, text);
	}
	if (!who) {
		if ((r = ctx_user(ctx, &me)))
			goto out;
		who = *c->manager ? c->manager : *c->attorney ? c->attorney : me;
	} else if ((r = check_handle(ctx, "--who", who))) {
		goto out;
	}
	sec = cfg_subsection("due", name);
	r = case_set_keys(c, sec, "date", date_fmt(d, date), "what", text,
			  "who", who, "done", "", NULL);
	/* under the name of one docket computes: set by hand, never
	 * recomputed */
	if (!r && deadline_is_computed_name(name))
		r = case_set(c, sec, "basis", BASIS_MANUAL);
	if (!r)
		r = change_save_case(&ch, c);
	if (!r)
		r = change_commit(&ch, c, "add %s %s", name, d);
	if (!r && replaced != NO_DATE)
		tprintf("%s: deadline %s on %s, set by hand (it was %s)\n",
		       c->id, name, d, date_fmt(was, replaced));
	else if (!r)
		tprintf("%s: deadline %s on %s\n", c->id, name, d);
	if (!r)
		warn_weekend(date_arg, date);
out:
	change_free(&ch);
	free(name);
	free(sec);
	return r;
}

static int
done_due(struct ctx *ctx, struct dcase *c, const char *name_arg)
{
	const struct deadline *dl;
	struct change ch;
	char d[DATE_LEN], *sec, *name;
	int r;

	if ((r = deadline_find(c, name_arg, &dl)))
		return r;
	if (dl->done != NO_DATE)
		return dk_err(DK_EINVAL, "deadline '%s' of %s was done on %s "
			      "already", dl->name, c->id, date_fmt(d, dl->done));
	/* the name outlives the deadline, which case_set may move */
	name = xstrdup(dl->name);
	change_init(&ch, ctx);
	sec = cfg_subsection("due", name);
	r = case_set(c, sec, "done", date_fmt(d, ctx->today));
	if (!r)
		r = change_save_case(&ch, c);
	if (!r)
		r = change_commit(&ch, c, "done %s", name);
	if (!r)
		tprintf("%s: deadline %s done\n", c->id, name);
	change_free(&ch);
	free(sec);
	free(name);
	return r;
}

/* Reschedule a deadline: its date, and why in the commit message. */
static int
move_due(struct ctx *ctx, struct dcase *c, const char *name_arg,
	 const char *date_arg, const char *why)
{
	const struct deadline *dl;
	struct change ch;
	char d[DATE_LEN], was[DATE_LEN], *sec, *name;
	long date;
	int r;

	if ((r = deadline_find(c, name_arg, &dl)))
		return r;
	if (dl->done != NO_DATE)
		return dk_err(DK_EINVAL, "deadline '%s' of %s was done on %s; a "
			      "deadline done does not move", dl->name, c->id,
			      date_fmt(d, dl->done));
	if ((r = date_parse_cal(&date, date_arg, ctx->today, &ctx->firm->cal)))
		return r;
	if (why && (r = cfg_value_check("-m", "why", why)))
		return r;
	if (date == dl->date)
		return dk_err(DK_EINVAL, "deadline '%s' of %s is on %s already",
			      dl->name, c->id, date_fmt(d, date));
	name = xstrdup(dl->name);
	date_fmt(was, dl->date);
	change_init(&ch, ctx);
	sec = cfg_subsection("due", name);
	r = case_set(c, sec, "date", date_fmt(d, date));
	/* a date docket computes, moved by hand, is never recomputed */
	if (!r && deadline_is_computed_name(name))
		r = case_set(c, sec, "basis", BASIS_MANUAL);
	if (!r)
		r = change_save_case(&ch, c);
	if (!r)
		r = change_commit(&ch, c, "move %s %s -> %s%s%s", name, was, d,
				  why && *why ? ": " : "", why && *why ? why : "");
	if (!r) {
		tprintf("%s: deadline %s moved from %s to %s\n", c->id, name,
			was, d);
		warn_weekend(date_arg, date);
	}
	change_free(&ch);
	free(sec);
	free(name);
	return r;
}

int
cmd_due(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "within", required_argument, NULL, 'w' },
		{ "overdue", no_argument, NULL, 'o' },
		{ "sol", no_argument, NULL, 's' },
		{ "who", required_argument, NULL, 'W' },
		{ "json", no_argument, NULL, 'j' },
		{ "ics", no_argument, NULL, 'i' },
		{ "name", required_argument, NULL, 'n' },
		{ "done", required_argument, NULL, 'd' },
		{ "move", required_argument, NULL, 'M' },
		{ "message", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct filter fl = { -1, 0, 0, 0, NULL, NULL, 0, 0 };
	const char *name = NULL, *done = NULL, *within = NULL, *move = NULL;
	const char *why = NULL;
	struct dcase *c = NULL;
	int opt, status = EXIT_OK, json = 0, ics = 0, r, listing;

	while ((opt = next_opt(ctx, argc, argv, "m:", longopts, &status)) != -1) {
		switch (opt) {
		case OPT_EXIT: return status;
		case 'w': within = optarg; break;
		case 'o': fl.overdue = 1; break;
		case 's': fl.sol = 1; break;
		case 'W': fl.who = optarg; break;
		case 'j': json = 1; break;
		case 'i': ics = 1; break;
		case 'n': name = optarg; break;
		case 'd': done = optarg; break;
		case 'M': move = optarg; break;
		case 'm': why = optarg; break;
		}
	}
	listing = optind == argc;
	if (listing) {
		if (name || done || move || why)
			return usage_error(ctx, "--%s needs a case ID",
					   name ? "name" : done ? "done" :
					   move ? "move" : "message");
		if (json && ics)
			return usage_error(ctx, "--json and --ics cannot go together");
		if (within && has_suffix_bd(within)) {
			/* business days: up to the day N business days away */
			char *plus = xasprintf("+%s", within);
			long until;

			r = isdigit((unsigned char)*within) ?
			    date_parse_cal(&until, plus, ctx->today,
					   &ctx->firm->cal) : DK_EINVAL;
			free(plus);
			if (r)
				return usage_error(ctx, "--within: '%s' is not a "
						   "number of days (14, 14d, 2w "
						   "or 10bd)", within);
			fl.within = until - ctx->today;
		} else if (within && (r = parse_days(within, &fl.within))) {
			return usage_error(ctx, "--within: %s", dk_errmsg());
		}
		if (fl.who && (r = filter_handle(ctx, "--who", fl.who)))
			return fail(r);
		fl.ics = ics;
		return list_due(ctx, &fl, json, ics);
	}
	if (within || fl.overdue || fl.sol || json || ics)
		return usage_error(ctx, "--within, --overdue, --sol, --json and --ics "
				   "list the firm's deadlines; they take no case ID");
	if (done && move)
		return usage_error(ctx, "--done and --move cannot go together");
	if (why && !move)
		return usage_error(ctx, "-m says why a deadline moves: it goes "
				   "with --move");
	if (done ? argc - optind != 1 : move ? argc - optind != 2 :
	    argc - optind != 3)
		return usage_error(ctx, done ? "--done NAME takes only the case ID"
				   : move ? "to move a deadline: docket due ID "
				   "--move NAME DATE"
				   : "to add a deadline: docket due ID DATE TEXT");
	if ((done || move) && (name || fl.who))
		return usage_error(ctx, "--%s goes without --name and --who",
				   done ? "done" : "move");
	if ((r = ctx_lock(ctx)) || (r = load_case(ctx, argv[optind], &c)))
		return fail(r);
	r = done ? done_due(ctx, c, done)
	    : move ? move_due(ctx, c, move, argv[optind + 1], why)
		 : add_due(ctx, c, argv[optind + 1], argv[optind + 2], fl.who, name);
	case_free(c);
	return r ? fail(r) : EXIT_OK;
}
