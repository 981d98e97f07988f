/* cmd-records.c - docket records: request and receive a provider's
 * records and bills; list what the firm (or a case) is waiting for. */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/cmd.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/money.h"
#include "docket/out.h"
#include "docket/workup.h"

#include <stdlib.h>
#include <string.h>

static const char *const kinds[2] = { "records", "bills" };
static const char *const keys[2][2] = {
	{ "records_requested", "records_received" },
	{ "bills_requested", "bills_received" },
};

/* ---- what the firm is waiting for ---- */

struct row {
	char *case_id, *provider;
	int kind;
	long requested, days;
};

struct waiting {
	const char *who;
	struct row *rows;
	size_t n, cap;
};

static int
collect(struct ctx *ctx, struct dcase *c, void *arg)
{
	struct waiting *w = arg;

	if (w->who && strcmp(c->manager, w->who))
		return 0;
	for (size_t i = 0; i < c->wu->nprov; i++) {
		const struct provider *p = &c->wu->prov[i];

		for (int k = 0; k < 2; k++) {
			struct row *r;

			if (p->requested[k] == NO_DATE || p->received[k] != NO_DATE)
				continue;
			GROW(w->rows, w->cap, w->n + 1);
			r = &w->rows[w->n++];
			r->case_id = xstrdup(c->id);
			r->provider = xstrdup(p->handle);
			r->kind = k;
			r->requested = p->requested[k];
			r->days = ctx->today - p->requested[k];
		}
	}
	return 0;
}

static int
collect_open(struct ctx *ctx, struct dcase *c, void *arg)
{
	return c->open ? collect(ctx, c, arg) : 0;
}

static int
row_cmp(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c;

	if (x->requested != y->requested)
		return x->requested < y->requested ? -1 : 1;
	if ((c = strcmp(x->case_id, y->case_id)))
		return c;
	if ((c = strcmp(x->provider, y->provider)))
		return c;
	return x->kind - y->kind;
}

static void
print_rows(struct ctx *ctx, const struct waiting *w, int json)
{
	char d[DATE_LEN], n[32];

	if (json) {
		struct json j;

		json_init(&j, stdout);
		json_arr(&j, NULL);
		for (size_t i = 0; i < w->n; i++) {
			json_obj(&j, NULL);
			json_str(&j, "case", w->rows[i].case_id);
			json_str(&j, "provider", w->rows[i].provider);
			json_str(&j, "what", kinds[w->rows[i].kind]);
			json_date(&j, "requested", w->rows[i].requested);
			json_int(&j, "days", w->rows[i].days);
			json_end_obj(&j);
		}
		json_end_arr(&j);
		json_finish(&j);
		return;
	}
	for (size_t i = 0; i < w->n; i++) {
		const struct row *r = &w->rows[i];
		int late = r->days > ctx->firm->wu->records_followup_days;

		snprintf(n, sizeof(n), "%ld day%s", r->days,
			 r->days == 1 ? "" : "s");
		tprintf("%s  %s%-10s%s %-16s %-24s %s\n", date_fmt(d, r->requested),
		       late ? c_red() : "", n, late ? c_off() : "", r->case_id,
		       r->provider, kinds[r->kind]);
	}
}

static int
list(struct ctx *ctx, struct dcase *one, const char *who, int json)
{
	struct waiting w = { who, NULL, 0, 0 };
	int errors = 0, r = 0;

	if (one)
		collect(ctx, one, &w);
	else
		r = scan_views(ctx, 2, collect_open, &w, &errors);
	if (w.n > 1)
		qsort(w.rows, w.n, sizeof(*w.rows), row_cmp);
	print_rows(ctx, &w, json);
	for (size_t i = 0; i < w.n; i++) {
		free(w.rows[i].case_id);
		free(w.rows[i].provider);
	}
	free(w.rows);
	if (r)
		return fail(r);
	return errors ? EXIT_FAIL : EXIT_OK;
}

/* ---- a request, a receipt ---- */

struct ropts {
	int request, receive;
	const char *date;	/* NULL: today */
	int only;		/* -1: both kinds */
	const char *billed;
};

static int
request(struct ctx *ctx, struct dcase *c, const struct provider *p,
	const struct ropts *o, struct sb *what)
{
	char *sec = cfg_subsection("provider", p->handle), d[DATE_LEN];
	long day;
	int r = event_date(ctx, "--request", o->date ? o->date : "today", &day);

	for (int k = 0; !r && k < 2; k++) {
		if (o->only >= 0 && o->only != k)
			continue;
		/* asking again starts the wait again, and a request after a
		 * receipt asks for what is new */
		r = case_set_keys(c, sec, keys[k][0], date_fmt(d, day),
				  keys[k][1], "", NULL);
	}
	if (!r)
		sb_addf(what, "%s %s requested %s", p->handle, o->only < 0 ?
			"records and bills" : kinds[o->only], date_fmt(d, day));
	free(sec);
	return r;
}

static int
receive(struct ctx *ctx, struct dcase *c, const struct provider *p,
	const struct ropts *o, struct sb *what)
{
	char *sec = cfg_subsection("provider", p->handle), d[DATE_LEN];
	char a[MONEY_LEN];
	int want[2] = { 0, 0 }, n = 0, r;
	long day;

	if (o->only >= 0) {
		want[o->only] = 1;
	} else {
		/* what was asked for and is not in; with nothing asked for,
		 * both */
		for (int k = 0; k < 2; k++)
			want[k] = p->requested[k] != NO_DATE &&
				  p->received[k] == NO_DATE;
		if (!want[0] && !want[1])
			want[0] = want[1] = 1;
	}
	for (int k = 0; k < 2; k++)
		if (want[k] && p->received[k] != NO_DATE) {
			want[k] = 0;
			if (o->only >= 0 || (!want[0] && !want[1])) {
				r = dk_err(DK_EINVAL, "the %s of %s were received on "
					   "%s already (a new request starts over: "
					   "docket records %s %s --request)",
					   kinds[k], p->handle,
					   date_fmt(d, p->received[k]), c->id,
					   p->handle);
				goto out;
			}
		}
	if ((r = event_date(ctx, "--receive", o->date ? o->date : "today",
			    &day)))
		goto out;
	date_fmt(d, day);
	for (int k = 0; k < 2 && !r; k++)
		if (want[k]) {
			r = case_set(c, sec, keys[k][1], d);
			n++;
		}
	if (r)
		goto out;
	sb_addf(what, "%s %s received %s", p->handle, n == 2 ?
		"records and bills" : kinds[want[0] ? 0 : 1], d);
	if (o->billed) {
		int64_t v;

		if ((r = money_opt("--billed", o->billed, &v)) ||
		    (r = case_set(c, sec, "billed", money_fmt(a, v))))
			goto out;
		sb_addf(what, ", billed %s", a);
	}
out:
	free(sec);
	return r;
}

static int
change(struct ctx *ctx, struct dcase *c, const char *name,
       const struct ropts *o)
{
	struct cfg *old = NULL;
	struct sb text = SB_INIT, what = SB_INIT;
	int i, r;

	if ((i = workup_find_provider(c, name)) < 0)
		return i;
	case_text(c, &text);
	if (!(r = cfg_parse(&old, c->file, text.buf, text.len))) {
		/* the view is rebuilt by what follows: the provider is read
		 * before */
		const struct provider p = c->wu->prov[i];

		r = o->request ? request(ctx, c, &p, o, &what)
			       : receive(ctx, c, &p, o, &what);
	}
	if (!r)
		r = workup_commit(ctx, c, old, what.buf);
	cfg_free(old);
	sb_free(&text);
	sb_free(&what);
	return r;
}

int
cmd_records(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "request", optional_argument, NULL, 'q' },
		{ "receive", optional_argument, NULL, 'r' },
		{ "only", required_argument, NULL, 'o' },
		{ "billed", required_argument, NULL, 'b' },
		{ "who", required_argument, NULL, 'W' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct ropts o = { 0, 0, NULL, -1, NULL };
	const char *who = NULL;
	struct dcase *c = NULL;
	int opt, status = EXIT_OK, json = 0, r = 0, npos;

	while ((opt = next_opt(ctx, argc, argv, "", longopts, &status)) != -1) {
		switch (opt) {
		case OPT_EXIT: return status;
		case 'q':
			o.request = 1;
			o.date = optional_date(ctx, argc, argv);
			break;
		case 'r':
			o.receive = 1;
			o.date = optional_date(ctx, argc, argv);
			break;
		case 'o':
			if (!strcmp(optarg, "records"))
				o.only = 0;
			else if (!strcmp(optarg, "bills"))
				o.only = 1;
			else
				return usage_error(ctx, "--only: '%s' is not "
						   "records or bills", optarg);
			break;
		case 'b': o.billed = optarg; break;
		case 'W': who = optarg; break;
		case 'j': json = 1; break;
		}
	}
	npos = argc - optind;
	if (o.request && o.receive)
		return usage_error(ctx, "--request or --receive: one at a time");
	if (npos <= 1) {
		if (o.request || o.receive || o.only >= 0 || o.billed)
			return usage_error(ctx, "which provider? (docket records "
					   "ID PROVIDER --request | --receive)");
		if (npos == 1 && who)
			return usage_error(ctx, "--who lists the firm's requests; "
					   "it takes no case ID");
		if (who && (r = check_handle(ctx, "--who", who)))
			return fail(r);
		if (npos == 1 && (r = load_case(ctx, argv[optind], &c)))
			return fail(r);
		status = list(ctx, c, who, json);
		case_free(c);
		return status;
	}
	if (npos > 2)
		return usage_error(ctx, "unexpected argument '%s'",
				   argv[optind + 2]);
	if (!o.request && !o.receive)
		return usage_error(ctx, "--request or --receive?");
	if (json || who)
		return usage_error(ctx, "--json and --who list requests; they "
				   "take no PROVIDER");
	if (o.request && o.billed)
		return usage_error(ctx, "--billed goes with --receive");
	if (o.billed && o.only == 0)
		return usage_error(ctx, "--billed comes with the bills, not "
				   "--only records");
	if ((r = ctx_lock(ctx)) || (r = load_case(ctx, argv[optind], &c)) ||
	    (r = change(ctx, c, argv[optind + 1], &o)))
		status = fail(r);
	case_free(c);
	return status;
}
