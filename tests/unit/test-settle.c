/* Unit tests: fee rates as exact fractions, the fee rounded half up from
 * the exact product, the statement's totals and net to the cent (1/3 of
 * amounts that do not divide, a net basis, several recoveries, many
 * costs, amounts near the limit, a negative net, a draft), the stage a
 * case settled in, [fees] read and refused, the money sections of
 * case.ini read and refused, and the statement's text exactly. */
#include "docket/case.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/money.h"
#include "docket/settle.h"
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char root[] = "/tmp/docket-unit-settle.XXXXXX";

/* ---- rates ---- */

static void
rate_is(const char *s, int64_t num, int64_t den)
{
	struct fee_rate r;
	int ok = !fee_rate_parse(&r, s);

	CHECK(ok);
	if (!ok) {
		printf("# %s: %s\n", s, dk_errmsg());
		return;
	}
	CHECK_INT(r.num, num);
	CHECK_INT(r.den, den);
	CHECK_STR(r.text, s);
	free(r.text);
}

/* the message a refused rate gets, or "" */
static const char *
rate_why(const char *s)
{
	struct fee_rate r;

	if (!fee_rate_parse(&r, s)) {
		free(r.text);
		return "";
	}
	return dk_errmsg();
}

static void
test_rates(void)
{
	rate_is("1/3", 1, 3);
	rate_is("2/6", 1, 3);
	rate_is("40%", 2, 5);
	rate_is("33.33%", 3333, 10000);
	rate_is("33.3333%", 333333, 1000000);
	rate_is("33 1/3%", 1, 3);
	rate_is("12.5%", 1, 8);
	rate_is("100%", 1, 1);
	rate_is("1/1", 1, 1);
	rate_is("0%", 0, 1);
	rate_is("0/5", 0, 1);
	rate_is("0.000001%", 1, 100000000);
	CHECK_STR(rate_why("40"), "'40' is not a fee: a percentage (40%, "
		  "33.33%, 33 1/3%) or a fraction (1/3), at most 100%");
	CHECK_STR(rate_why("4/3"), "'4/3' is more than 100%");
	CHECK_STR(rate_why("101%"), "'101%' is not a fee: a percentage (40%, "
		  "33.33%, 33 1/3%) or a fraction (1/3), at most 100%");
	CHECK_STR(rate_why("100.5%"), "'100.5%' is more than 100%");
	CHECK(*rate_why("1/0"));
	CHECK(*rate_why(""));
	CHECK(*rate_why("-5%"));
	CHECK(*rate_why("40 %"));
	CHECK(*rate_why(" 1/3"));
	CHECK(*rate_why("1 /3"));
	CHECK(*rate_why("1/3 "));
	CHECK(*rate_why("33.%"));
	CHECK(*rate_why("33.3333333%"));	/* 7 decimals */
	CHECK(*rate_why("33 4/3%"));		/* not a proper fraction */
	CHECK(*rate_why("33 1/0%"));
	CHECK(*rate_why("1/3%"));
	CHECK(*rate_why("1e2%"));
	CHECK(*rate_why("0x10%"));
	CHECK(*rate_why("1234567890/1234567891"));	/* 10 digits */
}

/* ---- the arithmetic ---- */

static struct fee_rate third = { "1/3", 1, 3 };

struct fixture {
	struct statement st;
	struct st_recovery rec[4];
	struct st_cost cost[4];
	struct st_lien lien[4];
	struct st_medical med[4];
};

/* gross of one recovery, a rate, no deductions */
static struct statement *
simple(struct fixture *x, int64_t gross, const struct fee_rate *rate)
{
	memset(x, 0, sizeof(*x));
	x->st.rec = x->rec;
	x->st.cost = x->cost;
	x->st.lien = x->lien;
	x->st.med = x->med;
	x->st.rate = rate;
	x->rec[0].amount = gross;
	x->st.nrec = 1;
	return &x->st;
}

/* the fee of rate (num/den) on gross, as computed by the statement */
static int64_t
fee_of(int64_t gross, int64_t num, int64_t den)
{
	struct fee_rate r = { "r", num, den };
	struct fixture x;
	struct statement *st = simple(&x, gross, &r);

	if (statement_compute(st))
		return -1;
	return st->fee;
}

static void
test_fee(void)
{
	/* 1/3 of amounts that do not divide: half up from the exact product */
	CHECK_INT(fee_of(8500000, 1, 3), 2833333);	/* 28,333.333... */
	CHECK_INT(fee_of(10000, 1, 3), 3333);		/* 33.333... */
	CHECK_INT(fee_of(20000, 1, 3), 6667);		/* 66.666... */
	CHECK_INT(fee_of(1, 1, 3), 0);			/* 0.00333 */
	CHECK_INT(fee_of(2, 1, 3), 1);			/* 0.00666 */
	CHECK_INT(fee_of(0, 1, 3), 0);
	/* exactly half a cent goes up */
	CHECK_INT(fee_of(1, 1, 2), 1);			/* 0.005 */
	CHECK_INT(fee_of(4, 1, 8), 1);			/* 12.5% of 0.04 */
	CHECK_INT(fee_of(12, 1, 8), 2);			/* 0.015 */
	CHECK_INT(fee_of(3, 1, 2), 2);			/* 0.015 */
	CHECK_INT(fee_of(15, 3333, 10000), 5);		/* 0.049995 */
	/* just under half a cent stays down */
	CHECK_INT(fee_of(1499, 1, 1000), 1);		/* 0.01499 */
	CHECK_INT(fee_of(1500, 1, 1000), 2);		/* 0.015 */
	/* 40% and 33.33% */
	CHECK_INT(fee_of(8500000, 2, 5), 3400000);
	CHECK_INT(fee_of(8500000, 3333, 10000), 2833050);
	CHECK_INT(fee_of(12345, 3333, 10000), 4115);	/* 41.149885 */
	/* near the limit: no overflow, exact */
	CHECK_INT(fee_of(MONEY_MAX, 1, 3), INT64_C(33333333333333));
	CHECK_INT(fee_of(MONEY_MAX, 2, 5), INT64_C(40000000000000));
	CHECK_INT(fee_of(MONEY_MAX, 1, 1), MONEY_MAX);
	/* 33,333,299,999,999.666667 */
	CHECK_INT(fee_of(MONEY_MAX, 333333, 1000000), INT64_C(33333300000000));
	CHECK_INT(fee_of(INT64_C(2) * MONEY_MAX, 1, 3), INT64_C(66666666666666));
}

static void
test_statement(void)
{
	struct fixture x;
	struct statement *st;
	struct fee_rate forty = { "40%", 2, 5 };

	/* the spec's example */
	st = simple(&x, 8500000, &third);
	x.cost[0].amount = 2500;
	st->ncost = 1;
	x.lien[0].asserted = 820000;
	x.lien[0].final = 610000;
	x.lien[0].amount = 610000;
	st->nlien = 1;
	x.med[0].amount = 200000;
	st->nmed = 1;
	CHECK_INT(statement_compute(st), 0);
	CHECK_INT(st->gross, 8500000);
	CHECK_INT(st->fee, 2833333);
	CHECK_INT(st->costs_total, 2500);
	CHECK_INT(st->liens_total, 610000);
	CHECK_INT(st->medical_total, 200000);
	CHECK_INT(st->net, 4854167);
	CHECK_INT(st->final, 1);
	/* the parts add up to the gross, exactly */
	CHECK_INT(st->fee + st->costs_total + st->liens_total +
		  st->medical_total + st->net, st->gross);

	/* a net basis: the fee on the gross less the costs */
	st->net_basis = 1;
	CHECK_INT(statement_compute(st), 0);
	CHECK_INT(st->fee_base, 8497500);
	CHECK_INT(st->fee, 2832500);
	CHECK_INT(st->net, 4855000);
	st->net_basis = 0;

	/* a lien not final counts at its asserted amount: a draft */
	x.lien[1].asserted = 100001;
	x.lien[1].final = MONEY_NONE;
	x.lien[1].amount = 100001;
	st->nlien = 2;
	CHECK_INT(statement_compute(st), 0);
	CHECK_INT(st->final, 0);
	CHECK_INT(st->liens_total, 710001);
	CHECK_INT(st->net, 4754166);

	/* several recoveries: the fee on the whole gross, not each */
	st = simple(&x, 1, &third);
	x.rec[1].amount = 1;
	x.rec[2].amount = 1;
	st->nrec = 3;
	CHECK_INT(statement_compute(st), 0);
	CHECK_INT(st->gross, 3);
	CHECK_INT(st->fee, 1);		/* 3 x round(1/3 cent) would be 0 */
	CHECK_INT(st->net, 2);
	st = simple(&x, 3333333, &forty);
	x.rec[1].amount = 1666667;
	st->nrec = 2;
	CHECK_INT(statement_compute(st), 0);
	CHECK_INT(st->gross, 5000000);
	CHECK_INT(st->fee, 2000000);

	/* a negative net, shown as it is; a net basis below nothing has
	 * no fee */
	st = simple(&x, 100000, &third);
	x.cost[0].amount = 150000;
	st->ncost = 1;
	st->net_basis = 1;
	CHECK_INT(statement_compute(st), 0);
	CHECK_INT(st->fee_base, -50000);
	CHECK_INT(st->fee, 0);
	CHECK_INT(st->net, -50000);
	st->net_basis = 0;
	CHECK_INT(statement_compute(st), 0);
	CHECK_INT(st->fee, 33333);
	CHECK_INT(st->net, -83333);
}

static void
test_many(void)
{
	size_t n = 1000;
	struct statement st;
	struct st_recovery rec = { "bi", "", "", 0, 100000 };
	struct st_cost *costs = calloc(n, sizeof(*costs));
	struct st_recovery *big;

	/* a thousand costs of a cent and a third each, summed exactly */
	memset(&st, 0, sizeof(st));
	st.rate = &third;
	st.rec = &rec;
	st.nrec = 1;
	st.cost = costs;
	st.ncost = n;
	for (size_t i = 0; i < n; i++)
		costs[i].amount = i % 3 ? 1 : 2;
	CHECK_INT(statement_compute(&st), 0);
	CHECK_INT(st.costs_total, 1334);
	CHECK_INT(st.fee, 33333);
	CHECK_INT(st.net, 100000 - 33333 - 1334);
	free(costs);

	/* recoveries at the limit: the gross past 64 bits is refused */
	n = 92234;
	big = calloc(n, sizeof(*big));
	for (size_t i = 0; i < n; i++)
		big[i].amount = MONEY_MAX;
	memset(&st, 0, sizeof(st));
	st.rate = &third;
	st.rec = big;
	st.nrec = n - 1;
	CHECK_INT(statement_compute(&st), 0);
	CHECK_INT(st.gross, (int64_t)(n - 1) * MONEY_MAX);
	st.nrec = n;
	CHECK_INT(statement_compute(&st), DK_EINVAL);
	free(big);
}

/* ---- docket.ini and case.ini ---- */

static struct firm *
firm_with(const char *more, char *err, size_t size)
{
	char *path = xasprintf("%s/docket.ini", root);
	FILE *fp = fopen(path, "w");
	struct firm *f = NULL;

	fprintf(fp, "[pipeline]\nstages = intake, treatment, negotiation, "
		"litigation, settlement, closed\n%s", more);
	fclose(fp);
	err[0] = '\0';
	if (firm_load(&f, root, NULL)) {
		snprintf(err, size, "%s", dk_errmsg());
		f = NULL;
	}
	free(path);
	return f;
}

static void
test_fees(void)
{
	char err[256];
	struct firm *f = firm_with("", err, sizeof(err));
	struct strv w = STRV_INIT;

	/* no [fees]: what init writes */
	CHECK(f != NULL);
	if (!f)
		return;
	CHECK_STR(f->fees->def.text, "1/3");
	CHECK_STR(fees_rate(f->fees, "litigation")->text, "40%");
	CHECK_STR(fees_rate(f->fees, "negotiation")->text, "1/3");
	CHECK_INT(f->fees->net, 0);
	firm_free(f);

	f = firm_with("[fees]\nnegotiation = 33 1/3%\nbasis = net\n", err,
		      sizeof(err));
	CHECK(f != NULL);
	if (f) {
		CHECK_STR(f->fees->def.text, "1/3");
		CHECK_STR(fees_rate(f->fees, "negotiation")->text, "33 1/3%");
		/* [fees] given: only its stages */
		CHECK_STR(fees_rate(f->fees, "litigation")->text, "1/3");
		CHECK_INT(f->fees->net, 1);
		firm_free(f);
	}
	f = firm_with("[fees]\ndefault = 35%\nlitigation = 45%\n", err,
		      sizeof(err));
	CHECK(f != NULL);
	if (f) {
		CHECK_STR(fees_rate(f->fees, "intake")->text, "35%");
		CHECK_STR(fees_rate(f->fees, "litigation")->text, "45%");
		firm_free(f);
	}
	CHECK(!firm_with("[fees]\ndefault = 1/3\nlitigation = 40\n", err,
			 sizeof(err)));
	CHECK_STR(err, "docket.ini:5: [fees] litigation: '40' is not a fee: a "
		  "percentage (40%, 33.33%, 33 1/3%) or a fraction (1/3), at "
		  "most 100%");
	CHECK(!firm_with("[fees]\nbasis = gross recovery\n", err, sizeof(err)));
	CHECK_STR(err, "docket.ini:4: [fees] basis: 'gross recovery' is not "
		  "gross or net");
	/* a stage that is not in the pipeline: a warning for check */
	{
		char *path = xasprintf("%s/docket.ini", root);
		FILE *fp = fopen(path, "w");

		fputs("[pipeline]\nstages = a, b\n[fees]\ntrial = 45%\n", fp);
		fclose(fp);
		CHECK_INT(firm_load(&f, root, &w), 0);
		CHECK_INT(w.n, 1);
		if (w.n)
			CHECK_STR(w.v[0], "docket.ini:4: [fees] 'trial' is not a "
				  "stage of the pipeline");
		firm_free(f);
		strv_free(&w);
		free(path);
	}
}

static const char head[] =
	"[case]\nid = x\ntitle = Smith v. Acme Freight\nclient = John Smith\n"
	"opened = 2026-10-01\nstage = litigation\nstatus = open\n"
	"[stages]\nintake = 2026-10-01\nnegotiation = 2027-01-10\n"
	"litigation = 2027-02-01\n"
	"[policy \"bi-acme\"]\ncoverage = bi\ncarrier = Great Plains Mutual\n"
	"[policy \"um\"]\ncoverage = um\n";

static struct dcase *
load(const struct firm *f, const char *more, char *err, size_t size)
{
	struct dcase *c = NULL;
	char *text = xasprintf("%s%s", head, more);

	err[0] = '\0';
	if (case_parse(&c, f, "cases/2026/x", text, strlen(text))) {
		snprintf(err, size, "%s", dk_errmsg());
		c = NULL;
	}
	free(text);
	return c;
}

static void
refused(const struct firm *f, const char *more, const char *want)
{
	char err[512];
	struct dcase *c = load(f, more, err, sizeof(err));

	CHECK(c == NULL);
	CHECK_STR(err, want);
	case_free(c);
}

static void
test_read(const struct firm *f)
{
	refused(f, "[cost \"1\"]\ndate = 2026-11-20\nwhat = Report\n"
		"amount = 25\n", "cases/2026/x/case.ini:20: [cost \"1\"] amount: "
		"'25' is not written as docket writes amounts: 25.00");
	refused(f, "[cost \"1\"]\ndate = 2026-11-20\nwhat = Report\n",
		"cases/2026/x/case.ini:17: [cost \"1\"] amount: an amount is "
		"required");
	refused(f, "[cost \"1\"]\ndate = soon\nwhat = Report\namount = 1.00\n",
		"cases/2026/x/case.ini:18: [cost \"1\"] date: 'soon' is not a "
		"date (YYYY-MM-DD)");
	refused(f, "[cost \"1\"]\ndate = 2026-11-20\namount = 1.00\n",
		"cases/2026/x/case.ini:17: [cost \"1\"] what: what was the cost? "
		"(a police report, a filing fee, ...)");
	refused(f, "[lien \"medicare\"]\ntype = mediclaim\n",
		"cases/2026/x/case.ini:18: [lien \"medicare\"] type: 'mediclaim' "
		"is not a type of lien (medicare, medicaid, health, hospital, "
		"provider, wc, other)");
	refused(f, "[lien \"medicare\"]\ntype = medicare\nfinal = -5.00\n",
		"cases/2026/x/case.ini:19: [lien \"medicare\"] final: '-5.00' is "
		"not an amount: it has a sign; an amount is never negative (such "
		"as 12450.00, 12,450.50 or $12,450.50)");
	refused(f, "[settlement \"bi-other\"]\ndate = 2027-03-01\n"
		"amount = 1.00\n", "cases/2026/x/case.ini:17: [settlement "
		"\"bi-other\"] 'bi-other' is not a policy of the case (bi-acme, "
		"um)");
	refused(f, "[settlement \"um\"]\namount = 1.00\n",
		"cases/2026/x/case.ini:17: [settlement \"um\"] date: a date is "
		"required");
	refused(f, "[settlement \"um\"]\ndate = 2027-03-01\n"
		"amount = 1000000000000.00\n", "cases/2026/x/case.ini:19: "
		"[settlement \"um\"] amount: '1000000000000.00' is not an amount: "
		"it is more than 999,999,999,999.99");
	refused(f, "[cost \"Big One\"]\ndate = 2026-11-20\nwhat = x\n"
		"amount = 1.00\n", "cases/2026/x/case.ini:17: [cost \"Big One\"] "
		"cost number 'Big One' has uppercase letters (use lowercase)");
}

static void
stage_is(const struct firm *f, const char *stages, const char *stage,
	 const char *date, const char *want)
{
	char *text = xasprintf("[case]\nid = x\nopened = 2026-10-01\nstage = %s\n"
			       "status = open\n[stages]\n%s", stage, stages);
	struct dcase *c = NULL;
	long d;

	CHECK_INT(case_parse(&c, f, "cases/2026/x", text, strlen(text)), 0);
	date_parse_iso(&d, date);
	if (c)
		CHECK_STR(settle_stage_on(c, f, d), want);
	case_free(c);
	free(text);
}

static void
test_stage(const struct firm *f)
{
	const char *s = "intake = 2026-10-01\nnegotiation = 2027-01-10\n"
			"litigation = 2027-02-01\n";

	stage_is(f, s, "litigation", "2027-03-01", "litigation");
	stage_is(f, s, "litigation", "2027-02-01", "litigation");
	stage_is(f, s, "litigation", "2027-01-31", "negotiation");
	stage_is(f, s, "litigation", "2026-10-01", "intake");
	/* before every stage: the first entered */
	stage_is(f, s, "litigation", "2026-09-01", "intake");
	/* two stages the same day: the later in the pipeline... */
	stage_is(f, "intake = 2026-10-01\nsettlement = 2027-03-01\n"
		 "litigation = 2027-03-01\n", "closed", "2027-03-01",
		 "settlement");
	/* ...unless the case is in one of them now */
	stage_is(f, "intake = 2026-10-01\nsettlement = 2027-03-01\n"
		 "litigation = 2027-03-01\n", "litigation", "2027-03-01",
		 "litigation");
	/* no [stages]: the case's stage */
	stage_is(f, "", "treatment", "2027-03-01", "treatment");
}

/* The statement of a case, as text. */
static char *
text_of(const struct firm *f, const char *more)
{
	char err[512], *buf = NULL;
	size_t len = 0;
	struct dcase *c = load(f, more, err, sizeof(err));
	struct statement *st = NULL;
	FILE *mem;

	if (!c || statement_build(&st, f, c)) {
		case_free(c);
		return xasprintf("error: %s%s", err, c ? dk_errmsg() : "");
	}
	mem = open_memstream(&buf, &len);
	statement_text(mem, st);
	fclose(mem);
	statement_free(st);
	case_free(c);
	return buf;
}

static void
test_text(const struct firm *f)
{
	char *t;

	t = text_of(f,
		"[provider \"mercy-hospital\"]\nname = Mercy Hospital\n"
		"owed = 2000.00\n"
		"[cost \"1\"]\ndate = 2026-11-20\nwhat = Police report\n"
		"amount = 25.00\n"
		"[lien \"medicare\"]\nholder = Medicare (BCRC)\ntype = medicare\n"
		"asserted = 8200.00\nfinal = 6100.00\n"
		"[settlement \"bi-acme\"]\ndate = 2027-01-15\n"
		"amount = 85000.00\n");
	/* settled in negotiation: the default 1/3 */
	CHECK_STR(t,
		"Settlement statement: Smith v. Acme Freight (x)\n"
		"Client: John Smith                       settled 2027-01-15\n"
		"Recoveries\n"
		"  bi-acme          Great Plains Mutual (bi)             85,000.00\n"
		"  Gross recovery                                        85,000.00\n"
		"Attorney fee: 1/3 of the gross recovery                -28,333.33\n"
		"Case costs\n"
		"  2026-11-20       Police report                           -25.00\n"
		"  Total costs                                              -25.00\n"
		"Liens\n"
		"  medicare         Medicare (BCRC): final               -6,100.00\n"
		"  Total liens                                           -6,100.00\n"
		"Medical bills paid from the settlement\n"
		"  mercy-hospital   Mercy Hospital                       -2,000.00\n"
		"  Total medical                                         -2,000.00\n"
		"Net to the client                                       48,541.67\n");
	free(t);

	/* settled in litigation (the first recovery's date): 40%; a lien
	 * not final; costs by date; a negative net */
	t = text_of(f,
		"[cost \"1\"]\ndate = 2027-02-20\nwhat = Filing fee\n"
		"amount = 400.00\n"
		"[cost \"2\"]\ndate = 2026-11-20\nwhat = Police report\n"
		"amount = 25.00\n"
		"[lien \"bcbs\"]\ntype = health\nasserted = 9000.00\nfinal =\n"
		"[lien \"er\"]\ntype = hospital\n"
		"[settlement \"um\"]\ndate = 2027-03-05\namount = 5000.00\n"
		"[settlement \"bi-acme\"]\ndate = 2027-03-01\n"
		"amount = 10000.00\n");
	CHECK_STR(t,
		"DRAFT: liens not final (bcbs, er)\n"
		"WARNING: net to the client is negative\n"
		"Settlement statement: Smith v. Acme Freight (x)\n"
		"Client: John Smith                       settled 2027-03-01\n"
		"Recoveries\n"
		"  um               (um)                                  5,000.00\n"
		"  bi-acme          Great Plains Mutual (bi)             10,000.00\n"
		"  Gross recovery                                        15,000.00\n"
		"Attorney fee: 40% of the gross recovery                 -6,000.00\n"
		"Case costs\n"
		"  2026-11-20       Police report                           -25.00\n"
		"  2027-02-20       Filing fee                             -400.00\n"
		"  Total costs                                             -425.00\n"
		"Liens\n"
		"  bcbs             bcbs: asserted                       -9,000.00\n"
		"  er               er: no amount yet                         0.00\n"
		"  Total liens                                           -9,000.00\n"
		"Medical bills paid from the settlement\n"
		"  none\n"
		"  Total medical                                              0.00\n"
		"Net to the client                                         -425.00\n");
	free(t);

	t = text_of(f, "[cost \"1\"]\ndate = 2026-11-20\nwhat = x\n"
		    "amount = 1.00\n");
	CHECK_STR(t, "error: x: no settlement recorded (docket settle x "
		  "AMOUNT --policy P records one)");
	free(t);
}

int
main(void)
{
	char err[256];
	struct firm *f;

	if (!mkdtemp(root))
		return 1;
	test_rates();
	test_fee();
	test_statement();
	test_many();
	test_fees();
	f = firm_with("", err, sizeof(err));
	CHECK(f != NULL);
	if (f) {
		test_read(f);
		test_stage(f);
		test_text(f);
	}
	firm_free(f);
	{
		char *p = xasprintf("%s/docket.ini", root);

		unlink(p);
		free(p);
		rmdir(root);
	}
	return UNIT_DONE();
}
