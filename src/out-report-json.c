/* out-report-json.c - `docket report --json`: the shape SPEC.md gives. */
#include "docket/case.h"
#include "docket/out.h"
#include "docket/report.h"

static void
due_list(struct json *j, const char *key, const struct report *r,
	 const struct rdue *v, size_t n)
{
	json_arr(j, key);
	for (size_t i = 0; i < n; i++) {
		json_obj(j, NULL);
		json_str(j, "case", r->cases[v[i].c].id);
		json_str(j, "name", v[i].name);
		json_date(j, "date", v[i].date);
		json_str(j, "what", v[i].what);
		json_str(j, "who", v[i].who);
		json_int(j, "days", v[i].days);
		json_end_obj(j);
	}
	json_end_arr(j);
}

static void
watch_list(struct json *j, const char *key, const struct report *r,
	   const struct rwatch *v, size_t n)
{
	json_arr(j, key);
	for (size_t i = 0; i < n; i++) {
		json_obj(j, NULL);
		json_str(j, "case", r->cases[v[i].c].id);
		json_date(j, "date", v[i].date);
		json_int(j, "days", v[i].days);
		json_str(j, "basis", v[i].basis);
		json_bool(j, "missed", v[i].missed);
		json_end_obj(j);
	}
	json_end_arr(j);
}

void
report_json(FILE *f, const struct report *r)
{
	struct json j;

	json_init(&j, f);
	json_obj(&j, NULL);
	json_date(&j, "as_of", r->as_of);
	json_int(&j, "open", r->open);
	json_int(&j, "closed", r->closed);
	due_list(&j, "overdue", r, r->overdue, r->noverdue);
	due_list(&j, "due_soon", r, r->due_soon, r->ndue_soon);
	watch_list(&j, "sol_watch", r, r->sol_watch, r->nsol_watch);
	watch_list(&j, "notice_watch", r, r->notice_watch, r->nnotice_watch);
	json_arr(&j, "sol_manual_later");
	for (size_t i = 0; i < r->nmanual_later; i++) {
		const struct rmanual *m = &r->manual_later[i];

		json_obj(&j, NULL);
		json_str(&j, "case", r->cases[m->c].id);
		json_str(&j, "name", m->name);
		json_date(&j, "date", m->date);
		json_date(&j, "computed", m->computed);
		json_end_obj(&j);
	}
	json_end_arr(&j);

	json_arr(&j, "demands_due");
	for (size_t i = 0; i < r->ndemands_due; i++) {
		const struct rdemand *d = &r->demands_due[i];

		json_obj(&j, NULL);
		json_str(&j, "case", r->cases[d->c].id);
		json_date(&j, "complete", d->complete);
		json_date(&j, "due", d->due);
		json_int(&j, "days", d->days);
		json_end_obj(&j);
	}
	json_end_arr(&j);

	json_arr(&j, "treatment_gaps");
	for (size_t i = 0; i < r->ngaps; i++) {
		const struct rgap *g = &r->gaps[i];

		json_obj(&j, NULL);
		json_str(&j, "case", r->cases[g->c].id);
		json_str(&j, "provider", g->provider);
		json_date(&j, "last_visit", g->last_visit);
		json_int(&j, "days", g->days);
		json_end_obj(&j);
	}
	json_end_arr(&j);

	json_arr(&j, "settlements");
	for (size_t i = 0; i < r->nsettlements; i++) {
		const struct rsettle *s = &r->settlements[i];

		json_obj(&j, NULL);
		json_str(&j, "case", r->cases[s->c].id);
		json_money(&j, "gross", s->gross);
		json_money(&j, "liens_pending", s->pending);
		json_end_obj(&j);
	}
	json_end_arr(&j);

	json_arr(&j, "escalations");
	for (size_t i = 0; i < r->nesc; i++) {
		const struct resc *e = &r->esc[i];

		json_obj(&j, NULL);
		json_str(&j, "case", r->cases[e->c].id);
		json_str(&j, "reason", e->reason);
		json_str(&j, "to", e->to);
		json_date(&j, "opened", e->opened);
		json_int(&j, "days_open", e->days_open);
		json_end_obj(&j);
	}
	json_end_arr(&j);

	json_arr(&j, "suggested_escalations");
	for (size_t i = 0; i < r->nsugg; i++) {
		const struct rsugg *s = &r->sugg[i];

		json_obj(&j, NULL);
		json_str(&j, "case", r->cases[s->c].id);
		json_str(&j, "reason", s->reason);
		json_str(&j, "match", s->match);
		json_str(&j, "note", s->note);
		json_end_obj(&j);
	}
	json_end_arr(&j);

	json_arr(&j, "stages");
	for (size_t i = 0; i < r->nstages; i++) {
		const struct rstage *s = &r->stages[i];

		json_obj(&j, NULL);
		json_str(&j, "stage", s->stage);
		json_int(&j, "open", s->open);
		json_int(&j, "over_limit", s->over_limit);
		if (s->max_days >= 0)
			json_int(&j, "max_days", s->max_days);
		else
			json_null(&j, "max_days");
		json_end_obj(&j);
	}
	json_end_arr(&j);

	json_arr(&j, "stuck");
	for (size_t i = 0; i < r->nstuck; i++) {
		const struct rstuck *s = &r->stuck[i];

		json_obj(&j, NULL);
		json_str(&j, "case", r->cases[s->c].id);
		json_str(&j, "stage", s->stage);
		json_int(&j, "days", s->days);
		json_int(&j, "max_days", s->max_days);
		json_end_obj(&j);
	}
	json_end_arr(&j);

	json_obj(&j, "contact");
	json_int(&j, "window_days", r->contact.window_days);
	json_int(&j, "open", r->contact.open);
	json_int(&j, "contacted", r->contact.contacted);
	if (r->contact.pct >= 0)
		json_real(&j, "pct", r->contact.pct);
	else
		json_null(&j, "pct");
	json_int(&j, "target_pct", r->contact.target_pct);
	json_arr(&j, "stale");
	for (size_t i = 0; i < r->contact.nstale; i++) {
		const struct rstale *s = &r->contact.stale[i];

		json_obj(&j, NULL);
		json_str(&j, "case", r->cases[s->c].id);
		json_date(&j, "last_contact", s->last_contact);
		json_int(&j, "days", s->days);
		json_end_obj(&j);
	}
	json_end_arr(&j);
	json_arr(&j, "awaiting_first_contact");
	for (size_t i = 0; i < r->contact.nawaiting; i++) {
		const struct rstale *s = &r->contact.awaiting[i];

		json_obj(&j, NULL);
		json_str(&j, "case", r->cases[s->c].id);
		json_date(&j, "opened", r->as_of - s->days);
		json_int(&j, "days", s->days);
		json_end_obj(&j);
	}
	json_end_arr(&j);
	json_end_obj(&j);

	json_arr(&j, "caseload");
	for (size_t i = 0; i < r->nload; i++) {
		const struct rload *l = &r->load[i];

		json_obj(&j, NULL);
		json_str(&j, "who", l->who);
		json_str(&j, "role", l->role);
		json_int(&j, "open", l->open);
		json_int(&j, "max", l->max);
		json_bool(&j, "over", l->over);
		json_end_obj(&j);
	}
	json_end_arr(&j);

	json_obj(&j, "resolution");
	json_int(&j, "closed", r->resolution.closed);
	if (r->resolution.closed) {
		json_real(&j, "avg_days", r->resolution.avg_days);
		json_real(&j, "median_days", r->resolution.median_days);
	} else {
		json_null(&j, "avg_days");
		json_null(&j, "median_days");
	}
	json_end_obj(&j);

	json_obj(&j, "demand_turnaround");
	json_int(&j, "count", r->turnaround.count);
	if (r->turnaround.count) {
		json_real(&j, "median_days", r->turnaround.median_days);
		json_real(&j, "within_pct", r->turnaround.within_pct);
	} else {
		json_null(&j, "median_days");
		json_null(&j, "within_pct");
	}
	json_int(&j, "target_days", r->turnaround.target_days);
	json_end_obj(&j);
	report_json_workflow(&j, r);

	json_arr(&j, "errors");
	for (size_t i = 0; i < r->nerrors; i++) {
		const struct rerror *e = &r->errors[i];

		json_obj(&j, NULL);
		json_str(&j, "file", e->file);
		if (e->line)
			json_int(&j, "line", e->line);
		else
			json_null(&j, "line");
		json_str(&j, "message", e->message);
		json_end_obj(&j);
	}
	json_end_arr(&j);
	json_end_obj(&j);
	json_finish(&j);
}
