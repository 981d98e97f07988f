/* cmd-show.c - docket show: one case, whole. */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/cmd.h"
#include "docket/date.h"
#include "docket/deadline.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/holiday.h"
#include "docket/note.h"
#include "docket/out.h"
#include "docket/workup.h"

#include <stdlib.h>
#include <string.h>

/* A note as it is shown: read before anything is printed. */
struct shown {
	const struct note *n;
	struct sb text;
	char *error;		/* why it could not be read, or NULL */
};

static void
show_json(struct ctx *ctx, const struct dcase *c, const struct shown *notes,
	  size_t nn)
{
	struct json j;
	const struct cfg *cfg = c->cfg;

	json_init(&j, stdout);
	json_obj(&j, NULL);
	json_str(&j, "id", c->id);
	json_str(&j, "title", c->title);
	json_str(&j, "client", c->client);
	json_str(&j, "type", c->type);
	json_str(&j, "stage", c->stage);
	json_str(&j, "status", c->status);
	json_date(&j, "opened", c->opened);
	json_date(&j, "incident", c->incident);
	json_date(&j, "closed", c->closed);
	json_date(&j, "stage_since", c->stage_since);
	json_str(&j, "attorney", c->attorney);
	json_str(&j, "manager", c->manager);
	json_str(&j, "file", c->file);
	json_obj(&j, "sections");
	for (size_t i = 0; i < cfg->n; i++) {
		if (cfg->lines[i].kind != CFG_SECTION)
			continue;
		json_obj(&j, cfg->lines[i].section);
		for (size_t k = i + 1; k < cfg->n &&
		     cfg->lines[k].kind != CFG_SECTION; k++)
			if (cfg->lines[k].kind == CFG_KEY)
				json_str(&j, cfg->lines[k].key, cfg->lines[k].value);
		json_end_obj(&j);
	}
	json_end_obj(&j);
	json_arr(&j, "deadlines");
	for (size_t i = 0; i < c->ndue; i++) {
		const struct deadline *d = &c->due[i];

		json_obj(&j, NULL);
		json_str(&j, "name", d->name);
		json_date(&j, "date", d->date);
		json_str(&j, "what", d->what);
		json_str(&j, "who", d->who);
		json_date(&j, "done", d->done);
		json_int(&j, "days", d->date - ctx->today);
		json_str(&j, "basis", d->basis);
		json_end_obj(&j);
	}
	json_end_arr(&j);
	json_arr(&j, "escalations");
	for (size_t i = 0; i < c->nesc; i++) {
		const struct escalation *e = &c->esc[i];

		json_obj(&j, NULL);
		json_str(&j, "name", e->name);
		json_date(&j, "opened", e->opened);
		json_str(&j, "by", e->by);
		json_str(&j, "to", e->to);
		json_str(&j, "reason", e->reason);
		json_str(&j, "what", e->what);
		json_date(&j, "resolved", e->resolved);
		json_str(&j, "resolution", e->resolution);
		json_end_obj(&j);
	}
	json_end_arr(&j);
	json_arr(&j, "dismissed");
	for (size_t i = 0; i < c->ndis; i++) {
		const struct dismissal *x = &c->dis[i];

		json_obj(&j, NULL);
		json_str(&j, "reason", x->reason);
		json_date(&j, "date", x->date);
		json_str(&j, "by", x->by);
		json_str(&j, "why", x->why);
		json_end_obj(&j);
	}
	json_end_arr(&j);
	workup_json_providers(&j, c);
	workup_json_medical(&j, c);
	workup_json_policies(&j, c);
	workup_json_negotiation(&j, c);
	json_arr(&j, "notes");
	for (size_t i = 0; i < nn; i++) {
		const struct note *n = notes[i].n;
		char t[32];

		json_obj(&j, NULL);
		json_str(&j, "file", n->name);
		json_str(&j, "time", time_fmt_utc(t, n->time));
		json_str(&j, "kind", n->kind);
		json_str(&j, "author", n->author);
		json_str(&j, "with", n->with ? n->with :
			 word_in(contact_kinds, n->kind) ? NOTE_WITH_CLIENT : NULL);
		json_str(&j, "text", sb_str(&notes[i].text));
		json_end_obj(&j);
	}
	json_end_arr(&j);
	json_end_obj(&j);
	json_finish(&j);
}

static void
field(const char *name, const char *value)
{
	if (!value || !*value)
		return;
	tprintf("  %-10s ", name);
	print_clean(stdout, value);
	putchar('\n');
}

static int
is_known_section(const char *s)
{
	/* the workup's sections have their own blocks */
	return !strcmp(s, "case") || !strcmp(s, "stages") ||
	       has_prefix(s, "due \"") || has_prefix(s, "escalation \"") ||
	       has_prefix(s, "dismissed \"") ||
	       has_prefix(s, "provider \"") || has_prefix(s, "policy \"") ||
	       has_prefix(s, "demand \"") || has_prefix(s, "offer \"");
}

/* Deadlines as show lists them: the open ones by date (the late first),
 * then those done, by date. */
static int
due_order(const void *a, const void *b)
{
	const struct deadline *x = *(const struct deadline *const *)a;
	const struct deadline *y = *(const struct deadline *const *)b;

	if ((x->done != NO_DATE) != (y->done != NO_DATE))
		return x->done != NO_DATE ? 1 : -1;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return strcmp(x->name, y->name);
}

static void
show_text(struct ctx *ctx, const struct dcase *c, const struct shown *notes,
	  size_t nn)
{
	const struct cfg *cfg = c->cfg;
	char d1[DATE_LEN], d2[DATE_LEN], when[40];

	tprintf("%s%s%s  ", c_bold(), c->id, c_off());
	print_clean(stdout, c->title);
	putchar('\n');
	field("client", c->client);
	field("type", c->type);
	field("state", c->state);
	tprintf("  %-10s %s since %s (%ld days), %s%s%s\n", "stage", c->stage,
	       date_fmt(d1, c->stage_since), ctx->today - c->stage_since,
	       c->open ? "" : c_dim(), c->status, c_off());
	tprintf("  %-10s %s", "opened", date_fmt(d1, c->opened));
	if (c->incident != NO_DATE)
		tprintf("   incident %s", date_fmt(d2, c->incident));
	if (c->closed != NO_DATE)
		tprintf("   closed %s", date_fmt(d2, c->closed));
	putchar('\n');
	field("attorney", c->attorney);
	field("manager", c->manager);

	for (size_t i = 0; i < cfg->n; i++) {
		const struct cfg_line *l = &cfg->lines[i];

		if (l->kind == CFG_SECTION && !is_known_section(l->section))
			tprintf("\n%s[%s]%s\n", c_bold(), l->section, c_off());
		else if (l->kind == CFG_KEY && !is_known_section(l->section))
			field(l->key, l->value);
	}
	if (c->wu->nprov) {
		tprintf("\n%sProviders%s\n", c_bold(), c_off());
		workup_print_providers(stdout, c, ctx->today);
	}
	if (c->wu->npol) {
		tprintf("\n%sPolicies%s\n", c_bold(), c_off());
		workup_print_policies(stdout, c);
	}
	if (c->ndue) {
		const struct deadline **due = xcalloc(c->ndue, sizeof(*due));

		for (size_t i = 0; i < c->ndue; i++)
			due[i] = &c->due[i];
		qsort(due, c->ndue, sizeof(*due), due_order);
		tprintf("\n%sDeadlines%s\n", c_bold(), c_off());
		for (size_t i = 0; i < c->ndue; i++) {
			const struct deadline *d = due[i];
			long days = d->date - ctx->today;
			char *name = name_cell(d->name, NAME_COLUMN);

			if (d->done != NO_DATE)
				tprintf("  %s  %sdone %s%s  ", date_fmt(d1, d->date),
				       c_dim(), date_fmt(d2, d->done), c_off());
			else
				tprintf("  %s  %s%-14s%s  ", date_fmt(d1, d->date),
				       days < 0 ? c_red() : days <= 7 ? c_yellow() : "",
				       days_phrase(when, sizeof(when), days), c_off());
			tprintf("%s %-8s ", name, *d->who ? d->who : "-");
			free(name);
			print_clean(stdout, d->what);
			if (deadline_is_computed_name(d->name)) {
				char flag[64];

				if (*calendar_flag(flag, sizeof(flag),
						   &ctx->firm->cal, d->date))
					tprintf(" (%s)", flag);
				if (*d->basis) {
					tprintf("\n  %12s basis: ", "");
					print_clean(stdout, d->basis);
				}
			}
			putchar('\n');
		}
		free(due);
	}
	if (c->wu->ndemand || c->wu->noffer) {
		tprintf("\n%sNegotiation%s\n", c_bold(), c_off());
		workup_print_negotiation(stdout, c);
	}
	if (c->nesc) {
		tprintf("\n%sEscalations%s\n", c_bold(), c_off());
		for (size_t i = 0; i < c->nesc; i++) {
			const struct escalation *e = &c->esc[i];

			tprintf("  #%s %s to %s by %s, opened %s: ", e->name, e->reason,
			       *e->to ? e->to : "-", *e->by ? e->by : "-",
			       date_fmt(d1, e->opened));
			print_clean(stdout, e->what);
			putchar('\n');
			if (e->resolved != NO_DATE) {
				tprintf("     resolved %s", date_fmt(d1, e->resolved));
				if (*e->resolution) {
					fputs(": ", stdout);
					print_clean(stdout, e->resolution);
				}
				putchar('\n');
			} else {
				tprintf("     %sopen %ld days%s\n", c_red(),
				       ctx->today - e->opened, c_off());
			}
		}
	}
	if (c->ndis) {
		tprintf("\n%sDismissed suggestions%s\n", c_bold(), c_off());
		for (size_t i = 0; i < c->ndis; i++) {
			const struct dismissal *x = &c->dis[i];

			tprintf("  %-13s %s by %s: ", x->reason,
				date_fmt(d1, x->date), *x->by ? x->by : "-");
			print_clean(stdout, x->why);
			putchar('\n');
		}
	}
	if (nn) {
		tprintf("\n%sNotes%s\n", c_bold(), c_off());
		for (size_t i = 0; i < nn; i++) {
			const struct note *n = notes[i].n;
			struct sb out = SB_INIT;
			char t[TIME_LOCAL_LEN];

			time_fmt_local(t, n->time);
			tprintf("  %s%s  %s%s%s  %s%s\n", c_bold(), t, n->kind,
			       n->with ? " with " : "", n->with ? n->with : "",
			       n->author, c_off());
			if (notes[i].error) {
				tprintf("    (%s)\n", notes[i].error);
			} else {
				render_note_text(&out, notes[i].text.buf,
						 notes[i].text.len, 4, 78);
				print_lines(stdout, sb_str(&out));
			}
			sb_free(&out);
		}
	}
}

int
cmd_show(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct dcase *c = NULL;
	struct note *notes = NULL;
	struct shown *shown;
	size_t nn = 0;
	int opt, status = EXIT_OK, json = 0, r;

	while ((opt = next_opt(ctx, argc, argv, "", longopts, &status)) != -1) {
		if (opt == OPT_EXIT)
			return status;
		if (opt == 'j')
			json = 1;
	}
	if (argc - optind != 1)
		return usage_error(ctx, argc == optind ? "which case? (a case ID)"
				   : "show takes one case ID");
	if ((r = load_case(ctx, argv[optind], &c)) ||
	    (r = note_list(&notes, &nn, ctx->root, c->dir))) {
		case_free(c);
		return fail(r);
	}
	/* the notes first, then the printing */
	shown = xcalloc(nn + 1, sizeof(*shown));
	for (size_t i = 0; i < nn; i++) {
		shown[i].n = &notes[i];
		if (note_read(&shown[i].text, ctx->root, c->dir, notes[i].name))
			shown[i].error = xstrdup(dk_errmsg());
	}
	if (json)
		show_json(ctx, c, shown, nn);
	else
		show_text(ctx, c, shown, nn);
	for (size_t i = 0; i < nn; i++) {
		sb_free(&shown[i].text);
		free(shown[i].error);
	}
	free(shown);
	note_list_free(notes, nn);
	case_free(c);
	return EXIT_OK;
}
