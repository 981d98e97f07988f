/* cmd-show.c - docket show: one case, whole. */
#include "docket/attach.h"
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
#include "docket/out-show.h"
#include "docket/repo-log.h"
#include "docket/workup.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* A note as it is shown: read before anything is printed. */
struct shown {
	const struct note *n;
	struct sb text;
	char *error;		/* why it could not be read, or NULL */
};

/* The case's files (docket attach), with the day each last changed. */
struct files {
	struct attached *v;
	long *date;		/* NO_DATE when git does not know it */
	size_t n;
};

static int
first_change(void *arg, const struct repo_log_entry *e)
{
	*(long *)arg = date_of_time(e->time);
	return 1;
}

static void
files_load(struct ctx *ctx, const struct dcase *c, struct files *f)
{
	attach_list(&f->v, &f->n, ctx->root, c->dir);
	f->date = xcalloc(f->n + 1, sizeof(*f->date));
	for (size_t i = 0; i < f->n; i++) {
		struct repo_log_opts o;
		char *p = xasprintf("%s/%s/%s", c->dir, FILES_DIR, f->v[i].name);

		memset(&o, 0, sizeof(o));
		o.path = p;
		f->date[i] = NO_DATE;
		if (repo_log(ctx->repo, &o, first_change, &f->date[i]) < 0)
			f->date[i] = NO_DATE;
		free(p);
	}
}

/* A size as people read it: "812 B", "12.3 KB", "4.0 MB". */
static void
size_fmt(char *buf, size_t n, off_t size)
{
	if (size < 1024)
		snprintf(buf, n, "%ld B", (long)size);
	else if (size < 1024 * 1024)
		snprintf(buf, n, "%.1f KB", (double)size / 1024);
	else
		snprintf(buf, n, "%.1f MB", (double)size / (1024 * 1024));
}

static void
show_json(struct ctx *ctx, const struct dcase *c, const struct shown *notes,
	  size_t nn, const struct files *f)
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
	json_arr(&j, "files");
	for (size_t i = 0; i < f->n; i++) {
		json_obj(&j, NULL);
		json_str(&j, "name", f->v[i].name);
		json_int(&j, "size", (long)f->v[i].size);
		json_date(&j, "date", f->date[i]);
		json_end_obj(&j);
	}
	json_end_arr(&j);
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
	  size_t nn, const struct files *f)
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
	if (f->n) {
		tprintf("\n%sFiles%s\n", c_bold(), c_off());
		for (size_t i = 0; i < f->n; i++) {
			char d[DATE_LEN], sz[32];

			size_fmt(sz, sizeof(sz), f->v[i].size);
			tprintf("  %-10s  %9s  %s/", f->date[i] == NO_DATE ? "-" :
				date_fmt(d, f->date[i]), sz, FILES_DIR);
			print_clean(stdout, f->v[i].name);
			putchar('\n');
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

/* --md to stdout, --html to a file (atomically: a reader never sees
 * half a page) or to stdout for "-". */
static int
show_export(struct ctx *ctx, const struct dcase *c, const struct shown *sh,
	    size_t nn, const struct files *fs, const char *html)
{
	struct show_note *notes = xcalloc(nn + 1, sizeof(*notes));
	struct show_file *files = xcalloc(fs->n + 1, sizeof(*files));
	struct show_page p;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int r = 0, e;

	for (size_t i = 0; i < nn; i++) {
		notes[i].time = sh[i].n->time;
		notes[i].kind = sh[i].n->kind;
		notes[i].author = sh[i].n->author;
		notes[i].text = sh[i].error ? NULL : sb_str(&sh[i].text);
		notes[i].len = sh[i].text.len;
		notes[i].error = sh[i].error;
	}
	for (size_t i = 0; i < fs->n; i++) {
		files[i].name = fs->v[i].name;
		files[i].size = (long)fs->v[i].size;
		files[i].date = fs->date[i];
	}
	p.c = c;
	p.firm = ctx->firm->name ? ctx->firm->name : "";
	p.today = ctx->today;
	p.notes = notes;
	p.nnotes = nn;
	p.files = files;
	p.nfiles = fs->n;
	if (!html) {
		show_md(stdout, &p);
	} else if (!strcmp(html, "-")) {
		show_html(stdout, &p);
	} else if (!(f = open_memstream(&buf, &len))) {
		r = dk_errno(DK_EIO, errno, "cannot write %s", html);
	} else {
		show_html(f, &p);
		e = ferror(f);
		if (fclose(f) || e)
			r = dk_err(DK_EIO, "cannot write %s: out of memory", html);
		else if (write_file_atomic(html, buf, len, file_mode))
			r = dk_errno(DK_EIO, dk_errnum(), "cannot write %s", html);
		free(buf);
	}
	free(notes);
	free(files);
	return r;
}

int
cmd_show(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "md", no_argument, NULL, 'M' },
		{ "html", required_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct dcase *c = NULL;
	struct note *notes = NULL;
	struct shown *shown;
	struct files files;
	size_t nn = 0;
	const char *html = NULL;
	int opt, status = EXIT_OK, json = 0, md = 0, r = 0;

	while ((opt = next_opt(ctx, argc, argv, "", longopts, &status)) != -1) {
		if (opt == OPT_EXIT)
			return status;
		if (opt == 'j')
			json = 1;
		else if (opt == 'M')
			md = 1;
		else if (opt == 'H')
			html = optarg;
	}
	if (json + md + !!html > 1)
		return usage_error(ctx, "--json, --md and --html go one at a time");
	if (html && !*html)
		return usage_error(ctx, "--html needs a file name");
	if (argc - optind > 1)
		return usage_error(ctx, "show takes one case ID");
	/* no ID: the case whose directory this is */
	if (argc == optind && (r = load_case(ctx, NULL, &c)) == DK_ENOTFOUND)
		return usage_error(ctx, "which case? (a case ID)");
	if ((argc > optind && (r = load_case(ctx, argv[optind], &c))) || r ||
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
	files_load(ctx, c, &files);
	if (md || html)
		r = show_export(ctx, c, shown, nn, &files, html);
	else if (json)
		show_json(ctx, c, shown, nn, &files);
	else
		show_text(ctx, c, shown, nn, &files);
	if (r)
		status = fail(r);
	attach_list_free(files.v, files.n);
	free(files.date);
	for (size_t i = 0; i < nn; i++) {
		sb_free(&shown[i].text);
		free(shown[i].error);
	}
	free(shown);
	note_list_free(notes, nn);
	case_free(c);
	return status;
}
