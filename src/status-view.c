/* status-view.c - a case's view as the status cache keeps it (see
 * status-file.h). */
#include "status-file.h"
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/date.h"
#include "docket/util.h"
#include "docket/workup.h"

#include <stdlib.h>
#include <string.h>

/*
 * The view is what case_view made of case.ini's lines, for this docket
 * and this docket.ini (the cache's header names both):
 *
 *   [case]'s strings (title, client, type, stage, status, attorney,
 *   manager, state), its dates (opened, incident, closed, stage_since,
 *   client.dob), open; the deadlines, escalations, dismissals,
 *   defendants and [stages] dates; whether the lines are needed all the
 *   same; then, as one string, the workup: providers, policies, demands,
 *   offers.
 *
 * A string is kept with its NUL, so that a case made from the view points
 * into one copy of it (view_text); none is ever NULL (case_view makes ""
 * of a key that is not there).  A command that asks for no workup passes
 * over it whole.
 */

static void
put_z(struct sb *b, const char *s)
{
	stf_put_mem(b, s ? s : "", s ? strlen(s) + 1 : 1);
}

static void
put_workup(struct sb *b, const struct workup *w)
{
	stf_put_uv(b, w->nprov);
	for (size_t i = 0; i < w->nprov; i++) {
		const struct provider *p = &w->prov[i];
		const long d[] = { p->first_visit, p->last_visit, p->discharged,
			p->requested[0], p->requested[1], p->received[0],
			p->received[1] };

		put_z(b, p->handle);
		put_z(b, p->name);
		put_z(b, p->type);
		put_z(b, p->phone);
		for (size_t k = 0; k < ARRAY_SIZE(d); k++)
			stf_put_sv(b, d[k]);
		stf_put_sv(b, p->billed);
		stf_put_sv(b, p->paid);
		stf_put_sv(b, p->owed);
		stf_put_sv(b, p->line);
	}
	stf_put_uv(b, w->npol);
	for (size_t i = 0; i < w->npol; i++) {
		const struct policy *p = &w->pol[i];

		put_z(b, p->handle);
		put_z(b, p->coverage);
		put_z(b, p->carrier);
		put_z(b, p->insured);
		put_z(b, p->claim);
		put_z(b, p->adjuster);
		put_z(b, p->phone);
		put_z(b, p->email);
		stf_put_sv(b, p->limits);
		stf_put_uv(b, (uint64_t)!!p->commercial);
		stf_put_sv(b, p->lor_sent);
		stf_put_sv(b, p->line);
	}
	for (int demand = 1; demand >= 0; demand--) {
		const struct negotiation *v = demand ? w->demand : w->offer;
		size_t n = demand ? w->ndemand : w->noffer;

		stf_put_uv(b, n);
		for (size_t i = 0; i < n; i++) {
			put_z(b, v[i].name);
			put_z(b, v[i].policy);
			stf_put_sv(b, v[i].date);
			stf_put_sv(b, v[i].amount);
			stf_put_sv(b, v[i].expires);
			stf_put_sv(b, v[i].line);
		}
	}
}

void
stf_put_view(struct sb *b, const struct dcase *c, int lines)
{
	const char *const str[] = { c->title, c->client, c->type, c->stage,
		c->status, c->attorney, c->manager, c->state };
	const long date[] = { c->opened, c->incident, c->closed,
		c->stage_since, c->dob };
	struct sb wu = SB_INIT;

	for (size_t i = 0; i < ARRAY_SIZE(str); i++)
		put_z(b, str[i]);
	for (size_t i = 0; i < ARRAY_SIZE(date); i++)
		stf_put_sv(b, date[i]);
	stf_put_uv(b, (uint64_t)!!c->open);
	stf_put_uv(b, c->ndue);
	for (size_t i = 0; i < c->ndue; i++) {
		const struct deadline *d = &c->due[i];

		put_z(b, d->name);
		put_z(b, d->what);
		put_z(b, d->who);
		put_z(b, d->basis);
		stf_put_sv(b, d->date);
		stf_put_sv(b, d->done);
		stf_put_sv(b, d->line);
	}
	stf_put_uv(b, c->nesc);
	for (size_t i = 0; i < c->nesc; i++) {
		const struct escalation *e = &c->esc[i];

		put_z(b, e->name);
		put_z(b, e->by);
		put_z(b, e->to);
		put_z(b, e->reason);
		put_z(b, e->what);
		put_z(b, e->resolution);
		stf_put_sv(b, e->opened);
		stf_put_sv(b, e->resolved);
		stf_put_sv(b, e->line);
	}
	stf_put_uv(b, c->ndis);
	for (size_t i = 0; i < c->ndis; i++) {
		const struct dismissal *x = &c->dis[i];

		put_z(b, x->reason);
		put_z(b, x->by);
		put_z(b, x->why);
		stf_put_sv(b, x->date);
		stf_put_sv(b, x->line);
	}
	stf_put_uv(b, c->ndef);
	for (size_t i = 0; i < c->ndef; i++) {
		const struct defendant *df = &c->def[i];

		put_z(b, df->name);
		put_z(b, df->display);
		put_z(b, df->kind);
		stf_put_sv(b, df->line);
	}
	stf_put_uv(b, c->nentered);
	for (size_t i = 0; i < c->nentered; i++) {
		put_z(b, c->entered[i].stage);
		stf_put_sv(b, c->entered[i].date);
	}
	stf_put_uv(b, (uint64_t)!!lines);
	if (c->wu)
		put_workup(&wu, c->wu);
	/* no workup (there is always one): empty, which does not read */
	stf_put_mem(b, wu.buf ? wu.buf : "", wu.len);
	sb_free(&wu);
}

/* A string of the view, pointing into it: its bytes end in their only
 * NUL.  "" when bad (r->bad set). */
static const char *
get_z(struct rd *r)
{
	size_t n = 0;
	const char *s = stf_get_bytes(r, &n);

	if (!s || !n || s[n - 1] || memchr(s, '\0', n - 1)) {
		r->bad = 1;
		return "";
	}
	return s;
}

static long
get_date(struct rd *r)
{
	int64_t v = stf_get_sv(r);

	if (v != NO_DATE && (v < -1000000 || v > 10000000))
		r->bad = 1;
	return (long)v;
}

static int
get_line_no(struct rd *r)
{
	int64_t v = stf_get_sv(r);

	if (v < 0 || v > (int64_t)CFG_MAX_FILE)
		r->bad = 1;
	return (int)v;
}

/* An array of n (read) items of size each; NULL when there are none,
 * or more than the view's bytes could hold (r->bad). */
static void *
get_array(struct rd *r, size_t *n, size_t size)
{
	uint64_t k = stf_get_uv(r);

	*n = 0;
	if (r->bad || k > (uint64_t)(r->end - r->p)) {
		r->bad = 1;
		return NULL;
	}
	*n = (size_t)k;
	return k ? xcalloc((size_t)k, size) : NULL;
}

static void
get_workup(struct rd *r, struct workup *w)
{
	w->borrowed = 1;
	w->prov = get_array(r, &w->nprov, sizeof(*w->prov));
	for (size_t i = 0; !r->bad && i < w->nprov; i++) {
		struct provider *p = &w->prov[i];
		long *d[] = { &p->first_visit, &p->last_visit, &p->discharged,
			&p->requested[0], &p->requested[1], &p->received[0],
			&p->received[1] };

		p->handle = get_z(r);
		p->name = get_z(r);
		p->type = get_z(r);
		p->phone = get_z(r);
		for (size_t k = 0; k < ARRAY_SIZE(d); k++)
			*d[k] = get_date(r);
		p->billed = stf_get_sv(r);
		p->paid = stf_get_sv(r);
		p->owed = stf_get_sv(r);
		p->line = get_line_no(r);
	}
	w->pol = get_array(r, &w->npol, sizeof(*w->pol));
	for (size_t i = 0; !r->bad && i < w->npol; i++) {
		struct policy *p = &w->pol[i];

		p->handle = get_z(r);
		p->coverage = get_z(r);
		p->carrier = get_z(r);
		p->insured = get_z(r);
		p->claim = get_z(r);
		p->adjuster = get_z(r);
		p->phone = get_z(r);
		p->email = get_z(r);
		p->limits = stf_get_sv(r);
		p->commercial = stf_get_uv(r) == 1;
		p->lor_sent = get_date(r);
		p->line = get_line_no(r);
	}
	for (int demand = 1; demand >= 0 && !r->bad; demand--) {
		size_t *n = demand ? &w->ndemand : &w->noffer;
		struct negotiation *v = get_array(r, n, sizeof(*v));

		*(demand ? &w->demand : &w->offer) = v;
		for (size_t i = 0; !r->bad && i < *n; i++) {
			v[i].name = get_z(r);
			v[i].policy = get_z(r);
			v[i].date = get_date(r);
			v[i].amount = stf_get_sv(r);
			v[i].expires = get_date(r);
			v[i].line = get_line_no(r);
		}
	}
}

int
stf_get_view(struct dcase **out, const struct sb *bytes, const char *dir,
	     int workup)
{
	struct dcase *c;
	struct rd r;
	const char **str[8];
	long *date[5];
	const char *wu;
	size_t nwu = 0;
	uint64_t lines;

	*out = NULL;
	if (!bytes->len)
		return -1;
	c = case_alloc(dir);
	c->view_text = xmalloc(bytes->len + 1);
	memcpy(c->view_text, bytes->buf, bytes->len);
	r.p = (const unsigned char *)c->view_text;
	r.end = r.p + bytes->len;
	r.bad = 0;
	str[0] = &c->title; str[1] = &c->client; str[2] = &c->type;
	str[3] = &c->stage; str[4] = &c->status; str[5] = &c->attorney;
	str[6] = &c->manager; str[7] = &c->state;
	date[0] = &c->opened; date[1] = &c->incident; date[2] = &c->closed;
	date[3] = &c->stage_since; date[4] = &c->dob;
	for (size_t i = 0; i < ARRAY_SIZE(str); i++)
		*str[i] = get_z(&r);
	for (size_t i = 0; i < ARRAY_SIZE(date); i++)
		*date[i] = get_date(&r);
	c->open = stf_get_uv(&r) == 1;
	c->due = get_array(&r, &c->ndue, sizeof(*c->due));
	for (size_t i = 0; !r.bad && i < c->ndue; i++) {
		struct deadline *d = &c->due[i];

		d->name = get_z(&r);
		d->what = get_z(&r);
		d->who = get_z(&r);
		d->basis = get_z(&r);
		d->date = get_date(&r);
		d->done = get_date(&r);
		d->line = get_line_no(&r);
	}
	c->esc = get_array(&r, &c->nesc, sizeof(*c->esc));
	for (size_t i = 0; !r.bad && i < c->nesc; i++) {
		struct escalation *e = &c->esc[i];

		e->name = get_z(&r);
		e->by = get_z(&r);
		e->to = get_z(&r);
		e->reason = get_z(&r);
		e->what = get_z(&r);
		e->resolution = get_z(&r);
		e->opened = get_date(&r);
		e->resolved = get_date(&r);
		e->line = get_line_no(&r);
	}
	c->dis = get_array(&r, &c->ndis, sizeof(*c->dis));
	for (size_t i = 0; !r.bad && i < c->ndis; i++) {
		struct dismissal *x = &c->dis[i];

		x->reason = get_z(&r);
		x->by = get_z(&r);
		x->why = get_z(&r);
		x->date = get_date(&r);
		x->line = get_line_no(&r);
	}
	c->def = get_array(&r, &c->ndef, sizeof(*c->def));
	for (size_t i = 0; !r.bad && i < c->ndef; i++) {
		struct defendant *df = &c->def[i];

		df->name = get_z(&r);
		df->display = get_z(&r);
		df->kind = get_z(&r);
		df->line = get_line_no(&r);
	}
	c->entered = get_array(&r, &c->nentered, sizeof(*c->entered));
	for (size_t i = 0; !r.bad && i < c->nentered; i++) {
		c->entered[i].stage = get_z(&r);
		c->entered[i].date = get_date(&r);
	}
	lines = stf_get_uv(&r);
	wu = stf_get_bytes(&r, &nwu);
	if (r.bad || r.p != r.end || lines > 1 || !nwu) {
		case_free(c);
		return -1;
	}
	if (workup && lines) {
		case_free(c);
		return 1;
	}
	if (workup) {
		r.p = (const unsigned char *)wu;
		r.end = r.p + nwu;
		c->wu = xcalloc(1, sizeof(*c->wu));
		get_workup(&r, c->wu);
		if (r.bad || r.p != r.end) {
			case_free(c);
			return -1;
		}
	}
	*out = c;
	return 0;
}
