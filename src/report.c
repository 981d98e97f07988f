/* report.c - the scan and the figures of `docket report` (see report.h). */
#include "docket/report.h"
#include "report-scan.h"
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/date.h"
#include "docket/deadline.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/money.h"
#include "docket/note.h"
#include "docket/phrase.h"
#include "docket/settle.h"
#include "docket/status.h"
#include "docket/util.h"
#include "docket/workflow.h"
#include "docket/workup.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- building the report ---- */

static void
add_error(struct report *r, const char *file)
{
	/* the line, and the message without "file:line: ", when the last
	 * error is about that file */
	int about = dk_errfile() && !strcmp(dk_errfile(), file);
	struct rerror *e;

	GROW(r->errors, r->cap[CAP_ERRORS], r->nerrors + 1);
	e = &r->errors[r->nerrors++];
	e->file = xstrdup(file);
	e->line = about ? dk_errline() : 0;
	e->message = xstrdup(about ? dk_errtext() : dk_errmsg());
}

static void
add_due(struct report *r, int overdue, size_t ci, const struct deadline *d,
	long days)
{
	struct rdue **v = overdue ? &r->overdue : &r->due_soon;
	size_t *n = overdue ? &r->noverdue : &r->ndue_soon;
	struct rdue *e;

	GROW(*v, r->cap[overdue ? CAP_OVERDUE : CAP_SOON], *n + 1);
	e = &(*v)[(*n)++];
	e->c = ci;
	e->name = xstrdup(d->name);
	e->what = xstrdup(d->what);
	e->who = xstrdup(d->who);
	e->date = d->date;
	e->days = days;
}

/* The law's deadlines of an open case: sol_watch, notice_watch, and
 * those set by hand later than the rules give. */
static void
watch_case(struct scan *s, struct report *r, const struct dcase *c)
{
	struct due_calc calc[2];
	int computed = 0;

	for (size_t i = 0; i < c->ndue; i++) {
		const struct deadline *d = &c->due[i];
		int sol = !strcmp(d->name, DUE_SOL);
		struct rwatch **v = sol ? &r->sol_watch : &r->notice_watch;
		size_t *n = sol ? &r->nsol_watch : &r->nnotice_watch;
		struct rwatch *e;

		if (d->done != NO_DATE || !deadline_is_computed_name(d->name))
			continue;
		if (deadline_state(c, d->name) == DUE_MANUAL) {
			const struct due_calc *k;

			if (!computed++)
				deadlines_compute(calc, s->firm, c);
			k = &calc[sol ? 0 : 1];
			if (k->applies && k->date < d->date) {
				struct rmanual *m;

				GROW(r->manual_later, r->cap[CAP_MANUAL],
				     r->nmanual_later + 1);
				m = &r->manual_later[r->nmanual_later++];
				m->c = report_add_case(r, c);
				m->name = xstrdup(d->name);
				m->date = d->date;
				m->computed = k->date;
				m->basis = xstrdup(k->basis);
			}
		}
		if (d->date > s->as_of + s->watch)
			continue;
		GROW(*v, r->cap[sol ? CAP_SOL : CAP_NOTICE], *n + 1);
		e = &(*v)[(*n)++];
		e->c = report_add_case(r, c);
		e->date = d->date;
		e->days = d->date - s->as_of;
		e->basis = xstrdup(d->basis);
		calendar_flag(e->flag, sizeof(e->flag), &s->firm->cal, d->date);
		e->missed = d->date < s->as_of;
	}
	if (computed)
		due_calc_clear(calc);
}

/* The caseload line of who in a role, made (with open 0) if need be. */
static struct rload *
load_row(struct report *r, const char *who, const char *role, int max)
{
	size_t lo = 0, hi = r->nload;
	struct rload *l;

	/* sorted by role, then handle */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(r->load[mid].role, role);

		if (!c)
			c = strcmp(r->load[mid].who, who);
		if (!c)
			return &r->load[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	GROW(r->load, r->cap[CAP_LOAD], r->nload + 1);
	memmove(r->load + lo + 1, r->load + lo,
		(r->nload - lo) * sizeof(*r->load));
	r->nload++;
	l = &r->load[lo];
	l->who = xstrdup(who);
	l->role = role;
	l->open = 0;
	l->max = max;
	l->over = 0;
	return l;
}

static void
count_load(struct report *r, const struct report_filter *f, const char *who,
	   const char *role, int max)
{
	if (*who && (!f->who || !strcmp(f->who, who)))
		load_row(r, who, role, max)->open++;
}

static int
wanted(const struct report_filter *f, const struct dcase *c)
{
	if (f->stage && strcmp(f->stage, c->stage))
		return 0;
	if (f->who && strcmp(f->who, c->attorney) && strcmp(f->who, c->manager))
		return 0;
	return 1;
}

/* Read a note's text into s->text and its normal form into s->norm. */
static int
read_note(struct scan *s, struct report *r, const struct dcase *c,
	  const struct note *n)
{
	sb_reset(&s->text);
	if (note_read(&s->text, s->root, c->dir, n->name)) {
		char *file = xasprintf("%s/%s/%s", c->dir, NOTES_DIR, n->name);

		add_error(r, file);
		free(file);
		return -1;
	}
	if (s->text.len + 1 > s->normcap) {
		s->normcap = s->text.len + 1;
		free(s->norm);
		s->norm = xmalloc(s->normcap);
	}
	return (int)phrase_normalize(s->norm, sb_str(&s->text), s->text.len);
}

/* Phrases found as the cache remembers them are phrases of s->m. */
static int
found_ok(const struct scan *s, const int *found, size_t nind)
{
	for (size_t k = 0; k < nind; k++)
		if (found[k] < -1 || (found[k] >= 0 && (size_t)found[k] >= s->m.nph))
			return 0;
	return 1;
}

/* Contact and suggested escalations: what the case's notes say. */
static void
scan_notes(struct scan *s, struct report *r, const struct dcase *c,
	   long *last_contact)
{
	const struct firm *f = s->firm;
	const struct note *notes = NULL;
	struct note *own = NULL;
	size_t nn = 0;
	long cutoff = NO_DATE;
	int open_esc = 0, left;

	*last_contact = NO_DATE;
	if (status_notes(&notes, &nn, &own, s->root, c->dir)) {
		add_error(r, c->dir);
		return;
	}
	for (size_t i = nn; i-- > 0;)
		if (note_is_client_contact(&notes[i])) {
			*last_contact = date_of_time(notes[i].time);
			break;
		}
	report_scan_inquiries(s, r, c, notes, nn);
	for (size_t i = 0; i < c->nesc; i++) {
		if (c->esc[i].resolved == NO_DATE)
			open_esc = 1;
		if (cutoff == NO_DATE || c->esc[i].opened > cutoff)
			cutoff = c->esc[i].opened;
	}
	left = open_esc ? 0 : (int)f->nind;
	for (int k = 0; k < (int)f->nind; k++)
		s->best[k] = -1;
	/* newest first: one entry per reason, from the latest note */
	for (size_t i = nn; left > 0 && i-- > 0;) {
		const struct note *n = &notes[i];
		int len, *found = s->best + f->nind;

		if (cutoff != NO_DATE && date_of_time(n->time) <= cutoff)
			break;
		if (!strcmp(n->kind, "escalation"))
			continue;
		if (!status_note_found(c->dir, i, n->name, found, f->nind) ||
		    !found_ok(s, found, f->nind)) {
			if ((len = read_note(s, r, c, n)) < 0)
				continue;
			matcher_run(&s->m, s->norm, (size_t)len, found);
			status_note_keep(c->dir, i, n->name, found, f->nind);
		}
		for (int k = 0; k < (int)f->nind; k++) {
			struct rsugg *e;
			long dis;

			if (s->best[k] != -1 || found[k] < 0)
				continue;
			/* a dismissed reason: quiet until a note dated
			 * after the day it was dismissed */
			dis = case_dismissed(c, f->ind[k].reason);
			if (dis != NO_DATE && date_of_time(n->time) <= dis) {
				s->best[k] = -2;	/* older notes are too */
				left--;
				continue;
			}
			s->best[k] = found[k];
			left--;
			GROW(r->sugg, r->cap[CAP_SUGG], r->nsugg + 1);
			e = &r->sugg[r->nsugg++];
			e->c = report_add_case(r, c);
			e->reason = xstrdup(f->ind[k].reason);
			e->match = xstrdup(s->m.ph[found[k]].s);
			e->note = xstrdup(n->name);
			e->date = date_of_time(n->time);
		}
	}
	note_list_free(own, nn);
}

static void
scan_case(struct scan *s, struct report *r, const struct dcase *c)
{
	const struct firm *f = s->firm;
	long as_of = s->as_of, last;
	size_t demands = r->ndemands_due;
	struct raction *a;
	int st;

	report_stays_case(s, r, c);
	report_workup_case(s, r, c);
	if (!c->open) {
		r->closed++;
		if (c->closed != NO_DATE && c->opened != NO_DATE) {
			GROW(s->days, r->cap[CAP_DAYS], s->ndays + 1);
			s->days[s->ndays++] = c->closed - c->opened;
		}
		return;
	}
	r->open++;
	for (size_t i = 0; i < c->ndue; i++) {
		const struct deadline *d = &c->due[i];

		if (d->done != NO_DATE)
			continue;
		if (d->date < as_of)
			add_due(r, 1, report_add_case(r, c), d, as_of - d->date);
		else if (d->date <= as_of + REPORT_SOON_DAYS)
			add_due(r, 0, report_add_case(r, c), d, d->date - as_of);
		/* workup_case listed this case's demand due, if any */
		report_due_action(s, r, c, d, r->ndemands_due > demands);
	}
	watch_case(s, r, c);
	report_settlement_case(r, c);
	for (size_t i = 0; i < c->nesc; i++) {
		const struct escalation *e = &c->esc[i];
		struct resc *x;

		if (e->resolved != NO_DATE)
			continue;
		GROW(r->esc, r->cap[CAP_ESC], r->nesc + 1);
		x = &r->esc[r->nesc++];
		x->c = report_add_case(r, c);
		x->name = xstrdup(e->name);
		x->reason = xstrdup(e->reason);
		x->to = xstrdup(e->to);
		x->what = xstrdup(e->what);
		x->opened = e->opened;
		x->days_open = as_of - e->opened;
		a = report_add_action(r, x->c, ACT_ESCALATION, *e->to ? e->to :
			       c->attorney, e->opened, e->name, e->reason);
		a->days = x->days_open;
	}
	st = firm_stage(f, c->stage);
	if (st >= 0 && (size_t)st < r->nstages) {
		struct rstage *rs = &r->stages[st];
		long days = as_of - c->stage_since;

		rs->open++;
		if (rs->max_days >= 0 && days > rs->max_days) {
			struct rstuck *x;

			rs->over_limit++;
			GROW(r->stuck, r->cap[CAP_STUCK], r->nstuck + 1);
			x = &r->stuck[r->nstuck++];
			x->c = report_add_case(r, c);
			x->st = (size_t)st;
			x->stage = rs->stage;
			x->days = days;
			x->max_days = rs->max_days;
			a = report_add_action(r, x->c, ACT_STUCK, report_owner(c),
				       c->stage_since, rs->stage, NULL);
			a->days = days;
			a->limit = rs->max_days;
		}
	}
	scan_notes(s, r, c, &last);
	report_suggest_complexity(s, r, c);
	r->contact.open++;
	if (last != NO_DATE && last > as_of - r->contact.window_days) {
		r->contact.contacted++;
	} else if (last == NO_DATE && c->opened != NO_DATE &&
		   as_of - c->opened < r->contact.window_days) {
		/* new, not yet called: not stale, and not in the figure;
		 * the first call is still a thing to do */
		struct rstale *x;

		GROW(r->contact.awaiting, r->cap[CAP_AWAIT],
		     r->contact.nawaiting + 1);
		x = &r->contact.awaiting[r->contact.nawaiting++];
		x->c = report_add_case(r, c);
		x->last_contact = NO_DATE;
		x->days = as_of - c->opened;
		a = report_add_action(r, x->c, ACT_CONTACT, report_owner(c),
			       c->opened, NULL, NULL);
		a->days = x->days;
		a->since = NO_DATE;
	} else {
		struct rstale *x;

		GROW(r->contact.stale, r->cap[CAP_STALE], r->contact.nstale + 1);
		x = &r->contact.stale[r->contact.nstale++];
		x->c = report_add_case(r, c);
		x->last_contact = last;
		x->days = as_of - (last != NO_DATE ? last : c->opened);
		a = report_add_action(r, x->c, ACT_CONTACT, report_owner(c),
			       last != NO_DATE ? last : c->opened, NULL, NULL);
		a->days = x->days;
		a->since = last;
	}
	count_load(r, s->filter, c->attorney, "attorney", f->attorney_max);
	count_load(r, s->filter, c->manager, "manager", f->manager_max);
}

/* ---- sorting the lists ---- */

static const struct report *sorting;

static int
idcmp(size_t a, size_t b)
{
	return report_case_cmp(sorting, a, b);
}

static int
due_cmp(const void *a, const void *b)
{
	const struct rdue *x = a, *y = b;
	int c;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	c = idcmp(x->c, y->c);
	return c ? c : strcmp(x->name, y->name);
}

static int
watch_cmp(const void *a, const void *b)
{
	const struct rwatch *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return idcmp(x->c, y->c);
}

static int
manual_cmp(const void *a, const void *b)
{
	const struct rmanual *x = a, *y = b;
	int c;

	if (x->computed != y->computed)
		return x->computed < y->computed ? -1 : 1;
	c = idcmp(x->c, y->c);
	return c ? c : strcmp(x->name, y->name);
}

static int
esc_cmp(const void *a, const void *b)
{
	const struct resc *x = a, *y = b;
	int c;

	if (x->opened != y->opened)
		return x->opened < y->opened ? -1 : 1;
	c = idcmp(x->c, y->c);
	return c ? c : strcmp(x->name, y->name);
}

static int
sugg_cmp(const void *a, const void *b)
{
	const struct rsugg *x = a, *y = b;
	int c;

	if (x->date != y->date)
		return x->date > y->date ? -1 : 1;
	c = idcmp(x->c, y->c);
	return c ? c : strcmp(x->reason, y->reason);
}

static int
stuck_cmp(const void *a, const void *b)
{
	const struct rstuck *x = a, *y = b;

	if (x->st != y->st)
		return x->st < y->st ? -1 : 1;
	if (x->days != y->days)
		return x->days > y->days ? -1 : 1;
	return idcmp(x->c, y->c);
}

static int
stale_cmp(const void *a, const void *b)
{
	const struct rstale *x = a, *y = b;

	if (x->days != y->days)
		return x->days > y->days ? -1 : 1;
	return idcmp(x->c, y->c);
}

static int
demand_cmp(const void *a, const void *b)
{
	const struct rdemand *x = a, *y = b;

	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	return idcmp(x->c, y->c);
}

static int
gap_cmp(const void *a, const void *b)
{
	const struct rgap *x = a, *y = b;
	int c;

	if (x->days != y->days)
		return x->days > y->days ? -1 : 1;
	c = idcmp(x->c, y->c);
	return c ? c : strcmp(x->provider, y->provider);
}

static int
settle_cmp(const void *a, const void *b)
{
	const struct rsettle *x = a, *y = b;

	if (x->settled != y->settled)
		return x->settled < y->settled ? -1 : 1;
	return idcmp(x->c, y->c);
}

static int
inquiry_cmp(const void *a, const void *b)
{
	const struct rinquiry *x = a, *y = b;
	int c;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	c = idcmp(x->c, y->c);
	return c ? c : strcmp(x->note, y->note);
}

static int
offer_cmp(const void *a, const void *b)
{
	const struct roffer *x = a, *y = b;
	int c;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	c = idcmp(x->c, y->c);
	return c ? c : strcmp(x->name, y->name);
}

static int
error_cmp(const void *a, const void *b)
{
	const struct rerror *x = a, *y = b;

	return strcmp(x->file, y->file);
}

#define SORT(v, n, cmp) do { if ((n) > 1) qsort((v), (n), sizeof(*(v)), (cmp)); } while (0)

static void
finish(struct report *r, struct scan *s)
{
	/* the cases come in their IDs' order (the listing's): a case's
	 * index then sorts as its ID, without a strcmp */
	r->ids_sorted = 1;
	for (size_t i = 1; i < r->ncases && r->ids_sorted; i++)
		r->ids_sorted = strcmp(r->cases[i - 1].id, r->cases[i].id) < 0;
	sorting = r;
	SORT(r->overdue, r->noverdue, due_cmp);
	SORT(r->due_soon, r->ndue_soon, due_cmp);
	SORT(r->sol_watch, r->nsol_watch, watch_cmp);
	SORT(r->notice_watch, r->nnotice_watch, watch_cmp);
	SORT(r->manual_later, r->nmanual_later, manual_cmp);
	SORT(r->demands_due, r->ndemands_due, demand_cmp);
	SORT(r->gaps, r->ngaps, gap_cmp);
	SORT(r->settlements, r->nsettlements, settle_cmp);
	SORT(r->esc, r->nesc, esc_cmp);
	SORT(r->sugg, r->nsugg, sugg_cmp);
	SORT(r->stuck, r->nstuck, stuck_cmp);
	SORT(r->contact.stale, r->contact.nstale, stale_cmp);
	SORT(r->contact.awaiting, r->contact.nawaiting, stale_cmp);
	SORT(r->errors, r->nerrors, error_cmp);
	SORT(r->inquiries.open, r->inquiries.nopen, inquiry_cmp);
	SORT(r->offers, r->noffers, offer_cmp);
	sorting = NULL;
	report_finish_workflow(r, s);
	if (r->contact.open > (long)r->contact.nawaiting)
		r->contact.pct = (double)(long)(10000.0 * (double)r->contact.contacted /
						(double)(r->contact.open -
							 (long)r->contact.nawaiting) +
						0.5) / 100.0;
	for (size_t i = 0; i < r->nload; i++)
		r->load[i].over = r->load[i].open > r->load[i].max;
	r->turnaround.count = (long)s->nturn;
	if (s->nturn) {
		long within = 0;

		qsort(s->turn, s->nturn, sizeof(*s->turn), report_long_cmp);
		for (size_t i = 0; i < s->nturn; i++)
			within += s->turn[i] <= r->turnaround.target_days;
		r->turnaround.median_days = s->nturn % 2 ?
			(double)s->turn[s->nturn / 2] :
			((double)s->turn[s->nturn / 2 - 1] +
			 (double)s->turn[s->nturn / 2]) / 2.0;
		r->turnaround.within_pct = (double)(long)(10000.0 *
			(double)within / (double)s->nturn + 0.5) / 100.0;
	}
	r->resolution.closed = (long)s->ndays;
	if (s->ndays) {
		double sum = 0;

		qsort(s->days, s->ndays, sizeof(*s->days), report_long_cmp);
		for (size_t i = 0; i < s->ndays; i++)
			sum += (double)s->days[i];
		r->resolution.avg_days = sum / (double)s->ndays;
		r->resolution.median_days = s->ndays % 2 ?
			(double)s->days[s->ndays / 2] :
			((double)s->days[s->ndays / 2 - 1] +
			 (double)s->days[s->ndays / 2]) / 2.0;
	}
}

int
report_build(struct report **out, const struct firm *f, const char *root,
	     long as_of, const struct report_filter *filter,
	     void (*progress)(size_t done, size_t total))
{
	struct report *r = xcalloc(1, sizeof(*r));
	struct strv dirs = STRV_INIT;
	struct scan s;
	size_t cap = 0;

	memset(&s, 0, sizeof(s));
	s.firm = f;
	s.root = root;
	s.as_of = as_of;
	s.filter = filter;
	s.m.nreasons = (int)f->nind;
	for (size_t i = 0; i < f->nind; i++)
		for (size_t k = 0; k < f->ind[i].phrases.n; k++)
			matcher_add(&s.m, &cap, f->ind[i].phrases.v[k], (int)i,
				    (int)k);
	matcher_index(&s.m);
	s.best = xcalloc(2 * f->nind + 1, sizeof(*s.best));
	s.now = filter->now ? filter->now :
		(time_t)as_of * 86400 + 12 * 3600;
	s.watch = filter->watch_days > f->sol_watch_days ? filter->watch_days :
		  f->sol_watch_days;
	s.stays = xcalloc(f->nstages + 1, sizeof(*s.stays));

	r->as_of = as_of;
	r->firm_name = f->name;
	r->watch_days = f->sol_watch_days;
	r->filter = *filter;
	r->contact.window_days = f->contact_days;
	r->contact.target_pct = f->contact_target_pct;
	r->contact.pct = -1;
	r->resolution.avg_days = r->resolution.median_days = -1;
	r->turnaround.median_days = r->turnaround.within_pct = -1;
	r->turnaround.target_days = f->wu->demand_within_days;
	r->gap_days = f->wu->treatment_gap_days;
	r->inquiries.target_hours = f->wf->inquiry_hours;
	r->inquiries.median_hours = r->inquiries.within_pct = -1;
	r->milestones.pct = -1;
	r->nstages = f->nstages ? f->nstages - 1 : 0;
	r->stages = xcalloc(r->nstages + 1, sizeof(*r->stages));
	for (size_t i = 0; i < r->nstages; i++) {
		r->stages[i].stage = f->stages[i].name;
		r->stages[i].max_days = f->stages[i].max_days;
	}

	/* staff who carry no open case still have a line; made in the
	 * rows' order (role, then handle), each goes at the end */
	for (int att = 1; att >= 0; att--)
		for (size_t i = 0; i < f->nstaff; i++) {
			const struct staff *p = f->by_handle[i];

			if (!strcmp(p->role, att ? "attorney" : "manager") &&
			    (!filter->who || !strcmp(filter->who, p->handle)))
				load_row(r, p->handle, att ? "attorney" : "manager",
					 att ? f->attorney_max : f->manager_max);
		}

	status_list(&dirs, root, 1);
	status_views(2);	/* no more than the view and the workup */
	for (size_t i = 0; i < dirs.n; i++) {
		struct dcase *c = NULL;
		int e;

		if (progress && (i % 64 == 0 || i + 1 == dirs.n))
			progress(i + 1, dirs.n);
		if ((e = status_case(&c, f, dirs.v[i])) == DK_ENOTFOUND)
			continue;	/* no case.ini: no case */
		if (e) {
			char *file = xasprintf("%s/%s", dirs.v[i], CASE_FILE);

			add_error(r, file);
			free(file);
			continue;
		}
		if (wanted(filter, c))
			scan_case(&s, r, c);
		case_free(c);
	}
	status_prefetch_stop();
	status_views(0);
	finish(r, &s);

	strv_free(&dirs);
	matcher_free(&s.m);
	sb_free(&s.text);
	free(s.norm);
	free(s.best);
	free(s.days);
	free(s.turn);
	free(s.hours);
	for (size_t i = 0; i < f->nstages; i++)
		free(s.stays[i].v);
	free(s.stays);
	*out = r;
	return 0;
}

void
report_free(struct report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->ncases; i++) {
		struct rcase *c = &r->cases[i];

		report_notes_free(c->notes, c->nnotes);
		free(c->notes_error);
	}
	for (size_t i = 0; i < r->noverdue; i++) {
		free(r->overdue[i].name);
		free(r->overdue[i].what);
		free(r->overdue[i].who);
	}
	for (size_t i = 0; i < r->ndue_soon; i++) {
		free(r->due_soon[i].name);
		free(r->due_soon[i].what);
		free(r->due_soon[i].who);
	}
	for (size_t i = 0; i < r->nsol_watch; i++)
		free(r->sol_watch[i].basis);
	for (size_t i = 0; i < r->nnotice_watch; i++)
		free(r->notice_watch[i].basis);
	for (size_t i = 0; i < r->nmanual_later; i++) {
		free(r->manual_later[i].name);
		free(r->manual_later[i].basis);
	}
	free(r->sol_watch);
	free(r->notice_watch);
	free(r->manual_later);
	for (size_t i = 0; i < r->ngaps; i++)
		free(r->gaps[i].provider);
	free(r->gaps);
	free(r->demands_due);
	for (size_t i = 0; i < r->nsettlements; i++)
		free(r->settlements[i].liens);
	free(r->settlements);
	for (size_t i = 0; i < r->nesc; i++) {
		free(r->esc[i].name);
		free(r->esc[i].reason);
		free(r->esc[i].to);
		free(r->esc[i].what);
	}
	for (size_t i = 0; i < r->nsugg; i++) {
		free(r->sugg[i].reason);
		free(r->sugg[i].match);
		free(r->sugg[i].note);
	}
	for (size_t i = 0; i < r->nload; i++)
		free(r->load[i].who);
	for (size_t i = 0; i < r->inquiries.nopen; i++)
		free(r->inquiries.open[i].note);
	free(r->inquiries.open);
	free(r->velocity);
	for (size_t i = 0; i < r->noffers; i++) {
		free(r->offers[i].name);
		free(r->offers[i].policy);
	}
	free(r->offers);
	free(r->actions);
	report_strings_free(r);
	for (size_t i = 0; i < r->nerrors; i++) {
		free(r->errors[i].file);
		free(r->errors[i].message);
	}
	free(r->cases);
	free(r->overdue);
	free(r->due_soon);
	free(r->esc);
	free(r->sugg);
	free(r->stages);
	free(r->stuck);
	free(r->contact.stale);
	free(r->contact.awaiting);
	free(r->load);
	free(r->errors);
	free(r);
}

/* ---- the notes the page shows ---- */

int
report_notes(struct rnote **out, size_t *n, const char *root,
	     const struct rcase *c, size_t max)
{
	struct note *notes = NULL;
	struct rnote *v;
	size_t nn = 0, k = 0;
	int r = note_list(&notes, &nn, root, c->dir);

	*out = NULL;
	*n = 0;
	if (r)
		return r;
	v = xcalloc(max + 1, sizeof(*v));
	/* the notes people wrote first; docket's own (stage, sync) when
	 * there are not max of those */
	for (int pass = 0; pass < 2 && !r; pass++) {
		for (size_t i = nn; i-- > 0 && k < max;) {
			struct sb text = SB_INIT;
			int machine;

			if (!notes[i].name)
				continue;	/* taken in the first pass */
			if ((r = note_read(&text, root, c->dir, notes[i].name))) {
				sb_free(&text);
				break;
			}
			machine = !strcmp(notes[i].kind, "stage") ||
				  (!strcmp(notes[i].kind, "internal") &&
				   has_prefix(sb_str(&text), NOTE_SYNC_LEAD));
			if (machine != pass) {
				sb_free(&text);
				continue;
			}
			v[k].name = notes[i].name;
			notes[i].name = NULL;
			v[k].kind = xstrdup(notes[i].kind);
			v[k].author = xstrdup(notes[i].author);
			v[k].time = notes[i].time;
			v[k].len = text.len;
			v[k].text = sb_detach(&text);
			k++;
		}
	}
	note_list_free(notes, nn);
	if (r) {
		report_notes_free(v, k);
		return r;
	}
	/* newest first */
	for (size_t i = 1; i < k; i++)
		for (size_t j = i; j > 0 && v[j].time > v[j - 1].time; j--) {
			struct rnote t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	*out = v;
	*n = k;
	return 0;
}

void
report_notes_free(struct rnote *notes, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(notes[i].name);
		free(notes[i].kind);
		free(notes[i].author);
		free(notes[i].text);
	}
	free(notes);
}

void
report_add_notes(struct report *r, const char *root, size_t max)
{
	for (size_t i = 0; i < r->ncases; i++) {
		struct rcase *c = &r->cases[i];

		if (report_notes(&c->notes, &c->nnotes, root, c, max))
			c->notes_error = xstrdup(dk_errmsg());
	}
}
