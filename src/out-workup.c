/* out-workup.c - a case's providers, policies, demands and offers, as
 * text for people and as JSON (see workup.h). */
#include "docket/case.h"
#include "docket/date.h"
#include "docket/money.h"
#include "docket/out.h"
#include "docket/workup.h"

#include <stdlib.h>
#include <string.h>

static const char *
amount(char buf[MONEY_LEN], int64_t v)
{
	return v == MONEY_NONE ? "-" : money_fmt_human(buf, v);
}

static const char *
days(long n)
{
	return n == 1 || n == -1 ? "day" : "days";
}

/* "received 2026-11-20", "requested 2026-11-16, waiting 6 days" */
static void
request_state(FILE *f, long requested, long received, long today)
{
	char d[DATE_LEN];

	if (received != NO_DATE)
		fprintf(f, "received %s", date_fmt(d, received));
	else if (requested != NO_DATE)
		fprintf(f, "requested %s, waiting %ld %s", date_fmt(d, requested),
			today - requested, days(today - requested));
	else
		fputs("not requested", f);
	fputc('\n', f);
}

static void
records_line(FILE *f, const struct dcase *c, long today)
{
	struct sb why = SB_INIT;
	long done = workup_records_complete(c->wu, &why);
	long first = workup_first_demand(c->wu);
	const struct deadline *dl = case_deadline(c, DUE_DEMAND);
	char d1[DATE_LEN], d2[DATE_LEN];

	if (done == NO_DATE) {
		fputs("  Records not complete: ", f);
		print_clean(f, why.buf);
		fputc('\n', f);
	} else if (first != NO_DATE) {
		fprintf(f, "  Records complete on %s; the first demand went out "
			"%s", date_fmt(d1, done), date_fmt(d2, first));
		if (first >= done)
			fprintf(f, ", %ld %s later\n", first - done,
				days(first - done));
		else
			fputs(", before them\n", f);
	} else if (dl && dl->done == NO_DATE) {
		long left = dl->date - today;

		fprintf(f, "  Records complete on %s; the demand is due %s (%s",
			date_fmt(d1, done), date_fmt(d2, dl->date),
			left < 0 ? c_red() : "");
		if (left < 0)
			fprintf(f, "%ld %s late", -left, days(left));
		else if (left == 0)
			fputs("today", f);
		else
			fprintf(f, "in %ld %s", left, days(left));
		fprintf(f, "%s)\n", left < 0 ? c_off() : "");
	} else {
		fprintf(f, "  Records complete on %s; no demand yet\n",
			date_fmt(d1, done));
	}
	sb_free(&why);
}

void
workup_print_providers(FILE *f, const struct dcase *c, long today)
{
	const struct workup *w = c->wu;
	struct medical m;
	char d1[DATE_LEN], d2[DATE_LEN], a1[MONEY_LEN], a2[MONEY_LEN],
	     a3[MONEY_LEN], a4[MONEY_LEN];

	for (size_t i = 0; i < w->nprov; i++) {
		const struct provider *p = &w->prov[i];

		fprintf(f, "  %s%s%s", c_bold(), p->handle, c_off());
		if (*p->name) {
			fputs("  ", f);
			print_clean(f, p->name);
		}
		if (*p->type)
			fprintf(f, " (%s)", p->type);
		if (*p->phone) {
			fputs(", ", f);
			print_clean(f, p->phone);
		}
		fputs("\n      ", f);
		if (p->discharged != NO_DATE)
			fprintf(f, "discharged %s", date_fmt(d1, p->discharged));
		else if (p->first_visit != NO_DATE)
			fprintf(f, "%streating since %s%s", c_green(),
				date_fmt(d1, p->first_visit), c_off());
		else
			fprintf(f, "%streating%s", c_green(), c_off());
		if (p->first_visit != NO_DATE && p->last_visit != NO_DATE &&
		    p->first_visit != p->last_visit)
			fprintf(f, "; visits %s to %s", date_fmt(d1, p->first_visit),
				date_fmt(d2, p->last_visit));
		else if (p->last_visit != NO_DATE)
			fprintf(f, "; last visit %s", date_fmt(d2, p->last_visit));
		fputs("\n      records  ", f);
		request_state(f, p->requested[REC_RECORDS], p->received[REC_RECORDS],
			      today);
		fputs("      bills    ", f);
		request_state(f, p->requested[REC_BILLS], p->received[REC_BILLS],
			      today);
		fprintf(f, "      billed %s   paid %s   balance %s",
			amount(a1, p->billed), amount(a2, p->paid),
			amount(a3, provider_balance(p)));
		if (p->owed != MONEY_NONE)
			fprintf(f, "   owed %s", amount(a4, p->owed));
		fputc('\n', f);
	}
	if (workup_medical(w, &m) < 0) {
		fputs("  Medical specials: too large to add up\n", f);
	} else {
		fprintf(f, "  Medical specials, %zu provider%s\n      billed %s   "
			"paid %s   balance %s   owed %s\n", w->nprov,
			w->nprov == 1 ? "" : "s", money_fmt_human(a1, m.billed),
			money_fmt_human(a2, m.paid),
			money_fmt_human(a3, m.balance),
			money_fmt_human(a4, m.owed));
	}
	records_line(f, c, today);
}

void
workup_print_policies(FILE *f, const struct dcase *c)
{
	const struct workup *w = c->wu;
	char d[DATE_LEN], a[MONEY_LEN];

	for (size_t i = 0; i < w->npol; i++) {
		const struct policy *p = &w->pol[i];
		const char *sep = "      ";

		fprintf(f, "  %s%s%s  %s", c_bold(), p->handle, c_off(),
			*p->coverage ? p->coverage : "-");
		if (*p->carrier) {
			fputs("  ", f);
			print_clean(f, p->carrier);
		}
		if (p->commercial)
			fputs(" (commercial)", f);
		fputc('\n', f);
		if (*p->insured || *p->claim || p->limits != MONEY_NONE) {
			if (*p->insured) {
				fprintf(f, "%sinsured ", sep);
				print_clean(f, p->insured);
				sep = "; ";
			}
			if (*p->claim) {
				fprintf(f, "%sclaim ", sep);
				print_clean(f, p->claim);
				sep = "; ";
			}
			if (p->limits != MONEY_NONE)
				fprintf(f, "%slimits %s", sep,
					money_fmt_human(a, p->limits));
			fputc('\n', f);
		}
		sep = "      ";
		if (*p->adjuster || *p->phone || *p->email) {
			if (*p->adjuster) {
				fprintf(f, "%sadjuster ", sep);
				print_clean(f, p->adjuster);
				sep = "; ";
			}
			if (*p->phone) {
				fputs(sep, f);
				print_clean(f, p->phone);
				sep = "; ";
			}
			if (*p->email) {
				fputs(sep, f);
				print_clean(f, p->email);
			}
			fputc('\n', f);
		}
		if (p->lor_sent != NO_DATE)
			fprintf(f, "      letter of representation sent %s\n",
				date_fmt(d, p->lor_sent));
		else
			fprintf(f, "      %sletter of representation not sent%s\n",
				c_yellow(), c_off());
	}
}

struct event {
	const struct negotiation *x;
	int demand;
};

static int
event_cmp(const void *a, const void *b)
{
	const struct event *x = a, *y = b;
	long nx, ny;

	if (x->x->date != y->x->date)
		return x->x->date < y->x->date ? -1 : 1;
	if (x->demand != y->demand)
		return x->demand ? -1 : 1;
	nx = strtol(x->x->name, NULL, 10);
	ny = strtol(y->x->name, NULL, 10);
	if (nx != ny)
		return nx < ny ? -1 : 1;
	return strcmp(x->x->name, y->x->name);
}

void
workup_print_negotiation(FILE *f, const struct dcase *c)
{
	const struct workup *w = c->wu;
	size_t n = w->ndemand + w->noffer, k = 0;
	struct event *v = xcalloc(n + 1, sizeof(*v));
	char d[DATE_LEN], a[MONEY_LEN];

	for (size_t i = 0; i < w->ndemand; i++)
		v[k++] = (struct event){ &w->demand[i], 1 };
	for (size_t i = 0; i < w->noffer; i++)
		v[k++] = (struct event){ &w->offer[i], 0 };
	if (n > 1)
		qsort(v, n, sizeof(*v), event_cmp);
	for (size_t i = 0; i < n; i++) {
		char *what = xasprintf("%s %s", v[i].demand ? "demand" : "offer",
				       v[i].x->name);

		fprintf(f, "  %s  %-9s %-16s %15s", date_fmt(d, v[i].x->date),
			what, v[i].x->policy, money_fmt_human(a, v[i].x->amount));
		if (v[i].x->expires != NO_DATE)
			fprintf(f, "  expires %s", date_fmt(d, v[i].x->expires));
		fputc('\n', f);
		free(what);
	}
	free(v);
}

/* ---- JSON ---- */

void
workup_json_providers(struct json *j, const struct dcase *c)
{
	json_arr(j, "providers");
	for (size_t i = 0; i < c->wu->nprov; i++) {
		const struct provider *p = &c->wu->prov[i];

		json_obj(j, NULL);
		json_str(j, "handle", p->handle);
		json_str(j, "name", p->name);
		json_str(j, "type", p->type);
		json_str(j, "phone", p->phone);
		json_str(j, "status", p->discharged == NO_DATE ? "treating" :
			 "discharged");
		json_date(j, "first_visit", p->first_visit);
		json_date(j, "last_visit", p->last_visit);
		json_date(j, "discharged", p->discharged);
		json_date(j, "records_requested", p->requested[REC_RECORDS]);
		json_date(j, "records_received", p->received[REC_RECORDS]);
		json_date(j, "bills_requested", p->requested[REC_BILLS]);
		json_date(j, "bills_received", p->received[REC_BILLS]);
		json_money(j, "billed", p->billed);
		json_money(j, "paid", p->paid);
		json_money(j, "balance", provider_balance(p));
		json_money(j, "owed", p->owed);
		json_end_obj(j);
	}
	json_end_arr(j);
}

void
workup_json_medical(struct json *j, const struct dcase *c)
{
	struct medical m;
	int ok = workup_medical(c->wu, &m) == 0;

	json_obj(j, "medical");
	json_money(j, "billed", ok ? m.billed : MONEY_NONE);
	json_money(j, "paid", ok ? m.paid : MONEY_NONE);
	json_money(j, "balance", ok ? m.balance : MONEY_NONE);
	json_money(j, "owed", ok ? m.owed : MONEY_NONE);
	json_end_obj(j);
	json_date(j, "records_complete", workup_records_complete(c->wu, NULL));
}

void
workup_json_policies(struct json *j, const struct dcase *c)
{
	json_arr(j, "policies");
	for (size_t i = 0; i < c->wu->npol; i++) {
		const struct policy *p = &c->wu->pol[i];

		json_obj(j, NULL);
		json_str(j, "handle", p->handle);
		json_str(j, "coverage", p->coverage);
		json_str(j, "carrier", p->carrier);
		json_str(j, "insured", p->insured);
		json_str(j, "claim", p->claim);
		json_str(j, "adjuster", p->adjuster);
		json_str(j, "phone", p->phone);
		json_str(j, "email", p->email);
		json_money(j, "limits", p->limits);
		json_bool(j, "commercial", p->commercial);
		json_date(j, "lor_sent", p->lor_sent);
		json_end_obj(j);
	}
	json_end_arr(j);
}

static void
json_list(struct json *j, const char *key, const struct negotiation *v,
	  size_t n, int demand)
{
	json_arr(j, key);
	for (size_t i = 0; i < n; i++) {
		json_obj(j, NULL);
		json_str(j, "name", v[i].name);
		json_date(j, "date", v[i].date);
		json_str(j, "policy", v[i].policy);
		json_money(j, "amount", v[i].amount);
		if (demand)
			json_date(j, "expires", v[i].expires);
		json_end_obj(j);
	}
	json_end_arr(j);
}

void
workup_json_negotiation(struct json *j, const struct dcase *c)
{
	json_list(j, "demands", c->wu->demand, c->wu->ndemand, 1);
	json_list(j, "offers", c->wu->offer, c->wu->noffer, 0);
}
