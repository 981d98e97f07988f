/* workup-follow.c - what follows from a case's workup (see workup.h): a
 * provider or policy found by what the user typed, the medical specials,
 * records complete, the deadlines that follow a change, and those that
 * follow a merge. */
#include "docket/workup.h"
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/holiday.h"
#include "docket/id.h"
#include "docket/money.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const kind_word[2] = { "records", "bills" };

/* ---- finding ---- */

/* name as a handle would have it: "Mercy H" -> "mercy-h" (no fallback
 * for a name with no letter or digit: ""). */
static char *
handle_key(const char *name)
{
	struct sb sb = SB_INIT;

	for (const char *p = name; *p; p++) {
		unsigned char ch = (unsigned char)*p;

		if (ch < 0x80 && (isalnum(ch) || ch == '.' || ch == '_'))
			sb_addc(&sb, (char)tolower(ch));
		else if (sb.len && sb.buf[sb.len - 1] != '-')
			sb_addc(&sb, '-');
	}
	while (sb.len && sb.buf[sb.len - 1] == '-')
		sb.buf[--sb.len] = '\0';
	if (!sb.len)
		sb_adds(&sb, "");
	return sb_detach(&sb);
}

/* Does key start the handle, or one of its dash-separated words? */
static int
prefix_of(const char *handle, const char *key)
{
	if (has_prefix(handle, key))
		return 1;
	for (const char *p = strchr(handle, '-'); p; p = strchr(p + 1, '-'))
		if (has_prefix(p + 1, key))
			return 1;
	return 0;
}

static int
find(const char *what, const char *id, const char *name,
     const char *(*handle)(const void *v, size_t i), const void *v, size_t n)
{
	struct sb sb = SB_INIT;
	char *key = handle_key(name);
	int found = -1, count = 0, r;

	for (size_t i = 0; i < n && found < 0; i++)
		if (!strcmp(handle(v, i), name) || !strcmp(handle(v, i), key))
			found = (int)i;
	for (size_t i = 0; i < n && found < 0 && *key; i++)
		if (prefix_of(handle(v, i), key)) {
			r = (int)i;
			count++;
			sb_addf(&sb, "%s%s", sb.len ? ", " : "", handle(v, i));
		}
	if (found < 0 && count == 1)
		found = r;
	if (found >= 0) {
		r = found;
	} else if (count > 1) {
		r = dk_err(DK_EAMBIG, "%s '%s' of %s is ambiguous: %s", what,
			   name, id, sb.buf);
	} else {
		for (size_t i = 0; i < n; i++)
			sb_addf(&sb, "%s%s", sb.len ? ", " : "", handle(v, i));
		r = dk_err(DK_ENOTFOUND, "%s has no %s '%s' (%s%s)", id, what,
			   name, n ? "it has: " : "it has none", sb_str(&sb));
	}
	sb_free(&sb);
	free(key);
	return r;
}

static const char *
prov_handle(const void *v, size_t i)
{
	return ((const struct provider *)v)[i].handle;
}

static const char *
pol_handle(const void *v, size_t i)
{
	return ((const struct policy *)v)[i].handle;
}

int
workup_find_provider(const struct dcase *c, const char *name)
{
	return find("provider", c->id, name, prov_handle, c->wu->prov,
		    c->wu->nprov);
}

int
workup_find_policy(const struct dcase *c, const char *name)
{
	return find("policy", c->id, name, pol_handle, c->wu->pol,
		    c->wu->npol);
}

char *
provider_handle(const char *name)
{
	struct sb sb = SB_INIT;

	for (const char *p = name; *p; p++) {
		unsigned char ch = (unsigned char)*p;

		if (ch < 0x80 && isalnum(ch))
			sb_addc(&sb, (char)tolower(ch));
		else if (sb.len && sb.buf[sb.len - 1] != '-')
			sb_addc(&sb, '-');
		if (sb.len >= PROVIDER_HANDLE_MAX)
			break;
	}
	while (sb.len && sb.buf[sb.len - 1] == '-')
		sb.buf[--sb.len] = '\0';
	if (!sb.len)
		sb_adds(&sb, "provider");
	return sb_detach(&sb);
}

/* ---- figures ---- */

int64_t
provider_balance(const struct provider *p)
{
	int64_t b;

	if (p->billed == MONEY_NONE)
		return MONEY_NONE;
	b = p->billed;
	if (p->paid != MONEY_NONE && money_sub(&b, p->paid) < 0)
		return MONEY_NONE;
	return b;
}

static int
add_some(int64_t *acc, int64_t v)
{
	return v == MONEY_NONE ? 0 : money_add(acc, v);
}

int
workup_medical(const struct workup *w, struct medical *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < w->nprov; i++) {
		const struct provider *p = &w->prov[i];

		if (add_some(&out->billed, p->billed) ||
		    add_some(&out->paid, p->paid) ||
		    add_some(&out->owed, p->owed))
			return -1;
	}
	out->balance = out->billed;
	return money_sub(&out->balance, out->paid);
}

long
workup_records_complete(const struct workup *w, struct sb *why)
{
	long date = NO_DATE;
	int missing = 0;

	if (!w->nprov) {
		if (why)
			sb_adds(why, "no provider");
		return NO_DATE;
	}
	for (size_t i = 0; i < w->nprov; i++) {
		const struct provider *p = &w->prov[i];
		struct sb m = SB_INIT;

		if (p->discharged == NO_DATE)
			sb_adds(&m, "still treating");
		else if (p->discharged > date)
			date = p->discharged;
		for (int k = 0; k < 2; k++) {
			if (p->received[k] == NO_DATE)
				sb_addf(&m, "%s%s %s", m.len ? ", " : "",
					kind_word[k], p->requested[k] == NO_DATE ?
					"not requested" : "not received");
			else if (p->received[k] > date)
				date = p->received[k];
		}
		if (m.len) {
			if (why)
				sb_addf(why, "%s%s %s", missing ? "; " : "",
					p->handle, m.buf);
			missing++;
		}
		sb_free(&m);
	}
	return missing ? NO_DATE : date;
}

long
workup_first_demand(const struct workup *w)
{
	long first = NO_DATE;

	for (size_t i = 0; i < w->ndemand; i++)
		if (first == NO_DATE || w->demand[i].date < first)
			first = w->demand[i].date;
	return first;
}

char *
workup_next_number(const struct negotiation *v, size_t n)
{
	long max = 0;

	for (size_t i = 0; i < n; i++) {
		char *end;
		long k = strtol(v[i].name, &end, 10);

		if (!*end && k > max)
			max = k;
	}
	return xasprintf("%ld", max + 1);
}

const char *
workup_complexity(const struct firm *f, const struct dcase *c, char *buf,
		  size_t size)
{
	for (size_t i = 0; c->wu && i < c->wu->npol; i++)
		if (c->wu->pol[i].commercial) {
			snprintf(buf, size, "commercial policy");
			return buf;
		}
	for (size_t i = 0; *c->type && i < f->wu->attorney_types.n; i++)
		if (!strcasecmp(f->wu->attorney_types.v[i], c->type)) {
			snprintf(buf, size, "type %s", f->wu->attorney_types.v[i]);
			return buf;
		}
	return NULL;
}

/* ---- the deadlines that follow ---- */

struct follow {
	const struct firm *f;
	struct dcase *c;
	long today;
	struct strv *changes, *summary;
	int n;
};

static const struct provider *
old_provider(const struct workup *o, const char *handle)
{
	for (size_t i = 0; o && i < o->nprov; i++)
		if (!strcmp(o->prov[i].handle, handle))
			return &o->prov[i];
	return NULL;
}

static const struct policy *
old_policy(const struct workup *o, const char *handle)
{
	for (size_t i = 0; o && i < o->npol; i++)
		if (!strcmp(o->pol[i].handle, handle))
			return &o->pol[i];
	return NULL;
}

static const struct negotiation *
old_one(const struct negotiation *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return &v[i];
	return NULL;
}

static const char *
manager_of(const struct dcase *c)
{
	return *c->manager ? c->manager : c->attorney;
}

static void
note_change(struct follow *fw, char *line, char *short_)
{
	fw->n++;
	if (fw->changes)
		strv_push_owned(fw->changes, line);
	else
		free(line);
	if (fw->summary)
		strv_push_owned(fw->summary, short_);
	else
		free(short_);
}

/*
 * Open deadline NAME on date (made, moved, or reopened), unless it is open
 * on that date already.  why: for the line.
 */
static int
open_due(struct follow *fw, const char *name, long date, const char *what,
	 const char *who, const char *why)
{
	const struct deadline *d = case_deadline(fw->c, name);
	char *sec, dd[DATE_LEN], was[DATE_LEN];
	long old = d ? d->date : NO_DATE;
	int reopen = d && d->done != NO_DATE, r;

	if (d && !reopen && d->date == date)
		return 0;
	sec = cfg_subsection("due", name);
	date_fmt(dd, date);
	if (d)
		r = case_set_keys(fw->c, sec, "date", dd, "what", what, "done", "",
				  NULL);
	else
		r = case_set_keys(fw->c, sec, "date", dd, "what", what, "who", who,
				  "done", "", NULL);
	free(sec);
	if (r)
		return r;
	if (d && !reopen)
		note_change(fw, xasprintf("%s: deadline %s %s -> %s (%s)",
					  fw->c->id, name, date_fmt(was, old), dd,
					  why),
			    xasprintf("%s %s", name, dd));
	else
		note_change(fw, xasprintf("%s: deadline %s on %s (%s)", fw->c->id,
					  name, dd, why),
			    xasprintf("%s %s", name, dd));
	return case_view(fw->c, fw->f, NULL);
}

/* Mark deadline NAME done on date, when it is open. */
static int
close_due(struct follow *fw, const char *name, long date, const char *why)
{
	const struct deadline *d = case_deadline(fw->c, name);
	char *sec, dd[DATE_LEN];
	int r;

	if (!d || d->done != NO_DATE)
		return 0;
	sec = cfg_subsection("due", name);
	r = case_set(fw->c, sec, "done", date_fmt(dd, date));
	free(sec);
	if (r)
		return r;
	note_change(fw, xasprintf("%s: deadline %s done %s (%s)", fw->c->id,
				  name, dd, why),
		    xasprintf("%s done", name));
	return case_view(fw->c, fw->f, NULL);
}

/* The kinds requested and not received: a bit each. */
static int
outstanding(const struct provider *p)
{
	int bits = 0;

	for (int k = 0; p && k < 2; k++)
		if (p->requested[k] != NO_DATE && p->received[k] == NO_DATE)
			bits |= 1 << k;
	return bits;
}

static int
follow_records(struct follow *fw, const struct workup *o, const char *handle)
{
	const struct provider *p, *op = old_provider(o, handle);
	int idx = -1, asked = 0, out, was, r = 0;
	char *name = xasprintf("%s%s", DUE_RECORDS_PREFIX, handle);
	long date = NO_DATE, in = NO_DATE;

	for (size_t i = 0; i < fw->c->wu->nprov; i++)
		if (!strcmp(fw->c->wu->prov[i].handle, handle))
			idx = (int)i;
	p = &fw->c->wu->prov[idx];
	out = outstanding(p);
	was = outstanding(op);
	for (int k = 0; k < 2; k++) {
		if (p->requested[k] != NO_DATE &&
		    (!op || op->requested[k] != p->requested[k]))
			asked = 1;
		if ((out & (1 << k)) && (date == NO_DATE ||
		    p->requested[k] + fw->f->wu->records_followup_days < date))
			date = p->requested[k] +
			       fw->f->wu->records_followup_days;
		if ((was & (1 << k)) && p->received[k] != NO_DATE &&
		    p->received[k] > in)
			in = p->received[k];
	}
	if (asked && out) {
		const char *who = *p->name ? p->name : handle;
		char *what = xasprintf("Follow up on the %s from %s",
				       out == 3 ? "records and bills" :
				       kind_word[out == 1 ? 0 : 1], who);

		r = open_due(fw, name, date, what, manager_of(fw->c),
			     "follow up on the request");
		free(what);
	} else if (was && !out && in != NO_DATE) {
		r = close_due(fw, name, in, "everything requested is in");
	}
	free(name);
	return r;
}

static int
follow_policy(struct follow *fw, const struct workup *o, const char *handle)
{
	const struct policy *op = old_policy(o, handle), *p = NULL;
	char *name = xasprintf("%s%s", DUE_LOR_PREFIX, handle);
	int r = 0;

	for (size_t i = 0; i < fw->c->wu->npol; i++)
		if (!strcmp(fw->c->wu->pol[i].handle, handle))
			p = &fw->c->wu->pol[i];
	if (!op && p->lor_sent == NO_DATE && !case_deadline(fw->c, name)) {
		char *what = xasprintf("Send the letter of representation to %s",
				       *p->carrier ? p->carrier : handle);

		r = open_due(fw, name, delay_add(fw->f, fw->today,
						 &fw->f->wu->lor),
			     what, manager_of(fw->c), "a new policy");
		free(what);
	} else if (p->lor_sent != NO_DATE && (!op || op->lor_sent == NO_DATE)) {
		r = close_due(fw, name, p->lor_sent,
			      "letter of representation sent");
	}
	free(name);
	return r;
}

static int
follow_demand(struct follow *fw, const struct workup *o)
{
	const struct workup *w = fw->c->wu;
	long now = workup_records_complete(w, NULL);
	long before = o ? workup_records_complete(o, NULL) : NO_DATE;
	char why[64], d[DATE_LEN];
	int r = 0;

	if (now != NO_DATE && before == NO_DATE && !w->ndemand) {
		const struct deadline *dl = case_deadline(fw->c, DUE_DEMAND);
		long due = now + fw->f->wu->demand_within_days;

		snprintf(why, sizeof(why), "records complete %s",
			 date_fmt(d, now));
		/* an open one (the demand stage's) keeps the earlier date */
		if (!dl || dl->done != NO_DATE || due < dl->date)
			r = open_due(fw, DUE_DEMAND, due, "Send the demand",
				     manager_of(fw->c), why);
	}
	w = fw->c->wu;		/* the view may have been rebuilt */
	if (!r && w->ndemand && (!o || !o->ndemand)) {
		const struct negotiation *first = &w->demand[0];

		for (size_t i = 1; i < w->ndemand; i++)
			if (w->demand[i].date < first->date)
				first = &w->demand[i];
		snprintf(why, sizeof(why), "demand %s sent", first->name);
		r = close_due(fw, DUE_DEMAND, first->date, why);
	}
	return r;
}

static const char *
carrier_of(const struct workup *w, const char *policy)
{
	int i = workup_policy_index(w, policy);

	return i >= 0 && *w->pol[i].carrier ? w->pol[i].carrier : policy;
}

static int
follow_negotiation(struct follow *fw, const struct workup *o)
{
	int r = 0;

	/* each step may rebuild the view: index, never hold a pointer */
	for (size_t i = 0; !r && i < fw->c->wu->ndemand; i++) {
		const struct negotiation *x = &fw->c->wu->demand[i];
		const struct negotiation *ox = o ? old_one(o->demand, o->ndemand,
							   x->name) : NULL;
		char *name, *what, *who;

		if (x->expires == NO_DATE || (ox && ox->expires == x->expires))
			continue;
		name = xasprintf("demand-%s-expires", x->name);
		what = xasprintf("Time-limited demand %s to %s expires", x->name,
				 carrier_of(fw->c->wu, x->policy));
		who = xstrdup(*fw->c->attorney ? fw->c->attorney : fw->c->manager);
		if (!case_deadline(fw->c, name) ||
		    case_deadline(fw->c, name)->done == NO_DATE)
			r = open_due(fw, name, x->expires, what, who,
				     "a time-limited demand");
		free(name);
		free(what);
		free(who);
	}
	for (size_t i = 0; !r && i < fw->c->wu->noffer; i++) {
		const struct negotiation *x = &fw->c->wu->offer[i];
		char *name;

		if (o && old_one(o->offer, o->noffer, x->name))
			continue;
		name = xasprintf("offer-%s", x->name);
		if (!case_deadline(fw->c, name))
			r = open_due(fw, name, delay_add(fw->f, x->date,
							 &fw->f->wu->offer_convey),
				     "Tell the client about the offer",
				     manager_of(fw->c), "an offer to convey");
		free(name);
	}
	return r;
}

int
workup_follow(const struct firm *f, const struct cfg *old, struct dcase *c,
	      long today, struct strv *changes, struct strv *summary)
{
	struct follow fw = { f, c, today, changes, summary, 0 };
	struct workup *o = NULL;
	struct strv handles = STRV_INIT;
	int r;

	if ((r = case_view(c, f, NULL)))
		return r;
	/* an old version that does not read is as good as none */
	if (old && workup_read(&o, old, c->file, NULL))
		o = NULL;
	/* the handles first: the view is rebuilt as deadlines change */
	for (size_t i = 0; i < c->wu->nprov; i++)
		strv_push(&handles, c->wu->prov[i].handle);
	for (size_t i = 0; !r && i < handles.n; i++)
		r = follow_records(&fw, o, handles.v[i]);
	strv_free(&handles);
	for (size_t i = 0; !r && i < c->wu->npol; i++)
		strv_push(&handles, c->wu->pol[i].handle);
	for (size_t i = 0; !r && i < handles.n; i++)
		r = follow_policy(&fw, o, handles.v[i]);
	strv_free(&handles);
	if (!r)
		r = follow_demand(&fw, o);
	if (!r)
		r = follow_negotiation(&fw, o);
	workup_free(o);
	return r ? r : fw.n;
}

/* ---- the merge ---- */

int
workup_merged(const struct firm *f, const char *path, const char *ours,
	      size_t olen, const char *theirs, size_t tlen, struct sb *merged,
	      long today, struct strv *changes, struct strv *summary)
{
	struct cfg *o = NULL, *t = NULL, *m = NULL;
	struct workup *wo = NULL, *wt = NULL, *wm = NULL;
	struct dcase *c = NULL;
	struct strv lines = STRV_INIT, shorts = STRV_INIT;
	char *dir;
	size_t n = strlen(path), k = strlen("/" CASE_FILE);
	int r = 0;

	if (!f || n <= k || strcmp(path + n - k, "/" CASE_FILE))
		return 0;
	dir = xstrndup(path, n - k);
	if (cfg_parse(&o, path, ours, olen) || cfg_parse(&t, path, theirs, tlen) ||
	    cfg_parse(&m, path, merged->buf ? merged->buf : "", merged->len))
		goto out;
	/* what each side made valid, the merge must not break */
	if (!workup_read(&wo, o, path, NULL) && !workup_read(&wt, t, path, NULL) &&
	    workup_read(&wm, m, path, NULL)) {
		r = dk_err(DK_ECONFLICT, "%s; the merge of the two sides would "
			   "leave the case like that: make the two agree on one "
			   "side first", dk_errmsg());
		goto out;
	}
	if (case_parse(&c, f, dir, merged->buf ? merged->buf : "", merged->len))
		goto out;
	if (workup_follow(f, o, c, today, &lines, &shorts) > 0) {
		sb_reset(merged);
		case_text(c, merged);
		for (size_t i = 0; i < lines.n; i++) {
			if (changes)
				strv_push(changes, lines.v[i]);
			if (summary)
				strv_push_owned(summary, xasprintf("%s: deadline "
					"%s, from the merged workup", c->id,
					shorts.v[i]));
		}
	}
out:
	case_free(c);
	workup_free(wo);
	workup_free(wt);
	workup_free(wm);
	cfg_free(o);
	cfg_free(t);
	cfg_free(m);
	strv_free(&lines);
	strv_free(&shorts);
	free(dir);
	return r;
}
