/* Unit tests: the workup sections read and refused, records complete at
 * its edges, the medical specials, and the deadlines that follow. */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/money.h"
#include "docket/workup.h"
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char root[] = "/tmp/docket-unit-workup.XXXXXX";

static long
iso(const char *s)
{
	long d = -999999;

	if (date_parse_iso(&d, s) < 0)
		return -999999;
	return d;
}

/* a few at once in one printf */
static const char *
fmt(long d)
{
	static char buf[4][DATE_LEN];
	static int k;

	if (d == NO_DATE)
		return "none";
	k = (k + 1) % 4;
	return date_fmt(buf[k], d);
}

static struct firm *
firm_with(const char *rules)
{
	char *path = xasprintf("%s/docket.ini", root);
	char *text = xasprintf("[pipeline]\nstages = intake, treatment, records, "
			       "demand, negotiation, closed\n[stage \"demand\"]\n"
			       "on_enter_due = 3d Send demand package\n"
			       "[holidays]\nfederal = yes\n%s", rules);
	struct firm *f = NULL;
	FILE *fp = fopen(path, "w");

	fputs(text, fp);
	fclose(fp);
	if (firm_load(&f, root, NULL))
		f = NULL;
	free(path);
	free(text);
	return f;
}

static const char head[] =
	"[case]\nid = x\nopened = 2026-10-01\nstage = treatment\n"
	"status = open\nmanager = bob\nattorney = alice\n";

/* The case made of head and more; NULL with the message in err. */
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

/* The message a case.ini with these sections is refused with, or "". */
static const char *
refused(const struct firm *f, const char *more)
{
	static char err[512];
	struct dcase *c = load(f, more, err, sizeof(err));

	case_free(c);
	return err;
}

/* "date" of records complete, or "none: why" */
static const char *
complete(const struct firm *f, const char *more)
{
	static char buf[512];
	struct dcase *c = load(f, more, buf, sizeof(buf));
	struct sb why = SB_INIT;
	long d;

	if (!c)
		return buf;
	d = workup_records_complete(c->wu, &why);
	if (d == NO_DATE)
		snprintf(buf, sizeof(buf), "none: %s", why.buf);
	else
		snprintf(buf, sizeof(buf), "%s", fmt(d));
	sb_free(&why);
	case_free(c);
	return buf;
}

/*
 * The case as `before`, changed to `after` (both after head), then the
 * deadlines that follow on today: its changes, one a line, then the
 * resulting [due] sections ("name date done who what").
 */
static const char *
follow(const struct firm *f, const char *before, const char *after,
       const char *today)
{
	static char buf[2048];
	struct sb out = SB_INIT;
	struct strv changes = STRV_INIT, shorts = STRV_INIT;
	struct cfg *old = NULL;
	char err[512], *otext = xasprintf("%s%s", head, before);
	struct dcase *c = load(f, after, err, sizeof(err));
	int n;

	if (!c) {
		free(otext);
		snprintf(buf, sizeof(buf), "error: %s", err);
		return buf;
	}
	cfg_parse(&old, "old", otext, strlen(otext));
	n = workup_follow(f, before ? old : NULL, c, iso(today), &changes,
			  &shorts);
	if (n < 0)
		sb_addf(&out, "error: %s\n", dk_errmsg());
	for (size_t i = 0; i < changes.n; i++)
		sb_addf(&out, "%s | %s\n", changes.v[i], shorts.v[i]);
	for (size_t i = 0; i < c->ndue; i++)
		sb_addf(&out, "[%s %s %s %s %s]\n", c->due[i].name,
			fmt(c->due[i].date), fmt(c->due[i].done), c->due[i].who,
			c->due[i].what);
	snprintf(buf, sizeof(buf), "%s", sb_str(&out));
	sb_free(&out);
	strv_free(&changes);
	strv_free(&shorts);
	cfg_free(old);
	case_free(c);
	free(otext);
	return buf;
}

#define P_DONE \
	"[provider \"mercy\"]\nname = Mercy Hospital\nfirst_visit = 2026-10-04\n" \
	"last_visit = 2026-11-01\ndischarged = 2026-11-15\n" \
	"records_requested = 2026-11-16\nrecords_received = 2026-11-18\n" \
	"bills_requested = 2026-11-16\n"

static void
test_rules(void)
{
	struct delay d;
	struct firm *f;

	CHECK_INT(delay_parse(&d, "2bd"), 0);
	CHECK(d.n == 2 && d.business);
	CHECK_INT(delay_parse(&d, "3d"), 0);
	CHECK(d.n == 3 && !d.business);
	CHECK_INT(delay_parse(&d, "3"), 0);
	CHECK(d.n == 3 && !d.business);
	CHECK_INT(delay_parse(&d, "-1d"), -1);
	CHECK_INT(delay_parse(&d, "2w"), -1);
	CHECK_INT(delay_parse(&d, "bd"), -1);
	CHECK_INT(delay_parse(&d, ""), -1);

	f = firm_with("");
	CHECK(f && f->wu->records_followup_days == 14 &&
	      f->wu->demand_within_days == 3 && f->wu->treatment_gap_days == 30);
	CHECK(f && f->wu->lor.n == 2 && f->wu->lor.business &&
	      f->wu->offer_convey.n == 2 && f->wu->offer_convey.business);
	CHECK(f && f->wu->attorney_types.n == 1 &&
	      !strcmp(f->wu->attorney_types.v[0], "truck"));
	firm_free(f);
	f = firm_with("[rules]\ndemand_within_days = 5\nlor_days = 3d\n"
		      "attorney_types = Truck, med-mal\n");
	CHECK(f && f->wu->demand_within_days == 5 && f->wu->lor.n == 3 &&
	      !f->wu->lor.business && f->wu->attorney_types.n == 2 &&
	      !strcmp(f->wu->attorney_types.v[0], "truck"));
	firm_free(f);
	f = firm_with("[rules]\nrecords_followup_days = 2bd\n");
	CHECK(!f);
	CHECK_STR(dk_errmsg(), "docket.ini:8: [rules] records_followup_days: "
		  "'2bd' is not a number of days");
	f = firm_with("[rules]\noffer_convey_days = soon\n");
	CHECK(!f);
	CHECK_STR(dk_errmsg(), "docket.ini:8: [rules] offer_convey_days: "
		  "'soon' is not a number of days or business days (3, 3d or "
		  "2bd)");
}

static void
test_refused(const struct firm *f)
{
	CHECK_STR(refused(f, P_DONE "billed = 12450.00\npaid = 3200\n"),
		  "cases/2026/x/case.ini:17: [provider \"mercy\"] paid: '3200' "
		  "is not written as docket writes amounts: 3200.00");
	CHECK_STR(refused(f, P_DONE "billed = -5.00\n"),
		  "cases/2026/x/case.ini:16: [provider \"mercy\"] billed: "
		  "'-5.00' is not an amount: it has a sign; an amount is never "
		  "negative (such as 12450.00, 12,450.50 or $12,450.50)");
	CHECK_STR(refused(f, P_DONE "billed = 1000000000000.00\n"),
		  "cases/2026/x/case.ini:16: [provider \"mercy\"] billed: "
		  "'1000000000000.00' is not an amount: it is more than "
		  "999,999,999,999.99");
	CHECK_STR(refused(f, P_DONE "type = dentist\n"),
		  "cases/2026/x/case.ini:16: [provider \"mercy\"] type: "
		  "'dentist' is not a type of provider (er, hospital, "
		  "urgent-care, pcp, chiro, pt, ortho, neuro, pain, imaging, "
		  "surgery, pharmacy, mental-health, other)");
	CHECK_STR(refused(f, "[provider \"mercy\"]\nlast_visit = 2026-11-01\n"
			  "discharged = 2026-10-30\n"),
		  "cases/2026/x/case.ini:10: [provider \"mercy\"] discharged: "
		  "2026-10-30 is before last_visit (2026-11-01)");
	CHECK_STR(refused(f, "[provider \"mercy\"]\nfirst_visit = 2026-11-01\n"
			  "last_visit = 2026-10-01\n"),
		  "cases/2026/x/case.ini:10: [provider \"mercy\"] last_visit: "
		  "2026-10-01 is before first_visit (2026-11-01)");
	CHECK_STR(refused(f, "[provider \"mercy\"]\nbills_requested = 2026-11-16\n"
			  "bills_received = 2026-11-15\n"),
		  "cases/2026/x/case.ini:10: [provider \"mercy\"] bills_received: "
		  "2026-11-15 is before bills_requested (2026-11-16)");
	CHECK_STR(refused(f, "[provider \"mercy\"]\nrecords_received = soon\n"),
		  "cases/2026/x/case.ini:9: [provider \"mercy\"] records_received: "
		  "'soon' is not a date (YYYY-MM-DD)");
	CHECK_STR(refused(f, "[provider \"a-provider-handle-too-long\"]\n"),
		  "cases/2026/x/case.ini:8: [provider \"a-provider-handle-too-long\"] "
		  "provider handle 'a-provider-handle-too-long' is longer than 24 "
		  "characters");
	CHECK_STR(refused(f, "[policy \"bi\"]\ncoverage = life\n"),
		  "cases/2026/x/case.ini:9: [policy \"bi\"] coverage: 'life' is not "
		  "a coverage (bi, pd, pip, medpay, um, uim, health, umbrella, wc, "
		  "other)");
	CHECK_STR(refused(f, "[policy \"bi\"]\ncoverage = bi\ncommercial = true\n"),
		  "cases/2026/x/case.ini:10: [policy \"bi\"] commercial: 'true' is "
		  "not yes or no");
	CHECK_STR(refused(f, "[policy \"bi\"]\ncoverage = bi\n[demand \"1\"]\n"
			  "date = 2026-12-01\npolicy = pd\namount = 5.00\n"),
		  "cases/2026/x/case.ini:12: [demand \"1\"] policy: 'pd' is not a "
		  "policy of the case (bi)");
	CHECK_STR(refused(f, "[offer \"1\"]\ndate = 2026-12-01\npolicy = pd\n"
			  "amount = 5.00\n"),
		  "cases/2026/x/case.ini:10: [offer \"1\"] policy: 'pd' is not a "
		  "policy of the case (it has none)");
	CHECK_STR(refused(f, "[policy \"bi\"]\ncoverage = bi\n[demand \"1\"]\n"
			  "date = 2026-12-01\npolicy = bi\n"),
		  "cases/2026/x/case.ini:10: [demand \"1\"] amount: an amount is "
		  "required");
	CHECK_STR(refused(f, "[policy \"bi\"]\ncoverage = bi\n[demand \"1\"]\n"
			  "date = 2026-12-01\npolicy = bi\namount = 5.00\n"
			  "expires = 2026-11-30\n"),
		  "cases/2026/x/case.ini:14: [demand \"1\"] expires: 2026-11-30 is "
		  "before date (2026-12-01)");
	CHECK_STR(refused(f, "[lien \"medicare\"]\ntype = medicade\n"),
		  "cases/2026/x/case.ini:9: [lien \"medicare\"] type: 'medicade' "
		  "is not a type of lien (medicare, medicaid, health, hospital, "
		  "provider, wc, other)");
	CHECK_STR(refused(f, "[lien \"medicare\"]\ntype = medicare\n"
			  "asserted = 8,200.00\n"),
		  "cases/2026/x/case.ini:10: [lien \"medicare\"] asserted: "
		  "'8,200.00' is not written as docket writes amounts: 8200.00");
	/* unknown keys and sections are the firm's own */
	CHECK_STR(refused(f, P_DONE "fax = +1 555 0100\n[vehicle \"car\"]\n"
			  "make = Ford\n"), "");
}

static void
test_complete(const struct firm *f)
{
	CHECK_STR(complete(f, ""), "none: no provider");
	CHECK_STR(complete(f, P_DONE), "none: mercy bills not received");
	CHECK_STR(complete(f, P_DONE "bills_received = 2026-11-20\n"),
		  "2026-11-20");
	/* a receipt before the discharge: the discharge is the date */
	CHECK_STR(complete(f, "[provider \"a\"]\ndischarged = 2026-11-25\n"
			   "records_received = 2026-11-20\n"
			   "bills_received = 2026-11-21\n"), "2026-11-25");
	CHECK_STR(complete(f, P_DONE "bills_received = 2026-11-20\n"
			   "[provider \"pt\"]\nfirst_visit = 2026-10-10\n"),
		  "none: pt still treating, records not requested, bills not "
		  "requested");
	CHECK_STR(complete(f, P_DONE "bills_received = 2026-11-20\n"
			   "[provider \"pt\"]\ndischarged = 2026-11-30\n"
			   "records_received = 2026-12-01\n"
			   "bills_received = 2026-12-02\n"), "2026-12-02");
}

static void
test_medical(const struct firm *f)
{
	char err[512];
	struct dcase *c = load(f, P_DONE "billed = 12450.00\npaid = 3200.00\n"
			       "[provider \"pt\"]\nbilled = 0.50\nowed = 100.00\n"
			       "[provider \"x\"]\n", err, sizeof(err));
	struct medical m;
	struct workup w;
	struct provider p[2];
	char a[MONEY_LEN];

	CHECK(c != NULL);
	if (!c)
		return;
	CHECK_INT(workup_medical(c->wu, &m), 0);
	CHECK_STR(money_fmt(a, m.billed), "12450.50");
	CHECK_STR(money_fmt(a, m.paid), "3200.00");
	CHECK_STR(money_fmt(a, m.balance), "9250.50");
	CHECK_STR(money_fmt(a, m.owed), "100.00");
	CHECK_STR(money_fmt(a, provider_balance(&c->wu->prov[0])), "9250.00");
	CHECK_STR(money_fmt(a, provider_balance(&c->wu->prov[1])), "0.50");
	CHECK(provider_balance(&c->wu->prov[2]) == MONEY_NONE);
	case_free(c);
	/* sums that would not fit say so */
	memset(&w, 0, sizeof(w));
	memset(p, 0, sizeof(p));
	p[0].billed = p[1].billed = INT64_MAX / 2 + 1;
	p[0].paid = p[1].paid = p[0].owed = p[1].owed = MONEY_NONE;
	w.prov = p;
	w.nprov = 2;
	CHECK_INT(workup_medical(&w, &m), -1);
}

static void
test_follow(const struct firm *f)
{
	/* the last receipt makes the case records complete: the demand at
	 * +3 days, for the manager; the follow-up done */
	CHECK_STR(follow(f, P_DONE "[due \"records-mercy\"]\ndate = 2026-11-30\n"
			 "what = w\nwho = bob\n",
			 P_DONE "bills_received = 2026-11-20\n"
			 "[due \"records-mercy\"]\ndate = 2026-11-30\nwhat = w\n"
			 "who = bob\n", "2026-11-22"),
		  "x: deadline records-mercy done 2026-11-20 (everything requested "
		  "is in) | records-mercy done\n"
		  "x: deadline demand on 2026-11-23 (records complete 2026-11-20) "
		  "| demand 2026-11-23\n"
		  "[records-mercy 2026-11-30 2026-11-20 bob w]\n"
		  "[demand 2026-11-23 none bob Send the demand]\n");
	/* complete before already: nothing */
	CHECK_STR(follow(f, P_DONE "bills_received = 2026-11-20\n",
			 P_DONE "bills_received = 2026-11-20\nbilled = 5.00\n",
			 "2026-11-22"), "");
	/* a demand already sent: no demand deadline */
	CHECK_STR(follow(f, P_DONE "[policy \"bi\"]\ncoverage = bi\n"
			 "lor_sent = 2026-11-01\n[demand \"1\"]\n"
			 "date = 2026-11-19\npolicy = bi\namount = 9.00\n",
			 P_DONE "bills_received = 2026-11-20\n[policy \"bi\"]\n"
			 "coverage = bi\nlor_sent = 2026-11-01\n[demand \"1\"]\n"
			 "date = 2026-11-19\npolicy = bi\namount = 9.00\n",
			 "2026-11-22"), "");
	/* the demand stage's deadline, earlier: it stays */
	CHECK_STR(follow(f, P_DONE "[due \"demand\"]\ndate = 2026-11-21\n"
			 "what = Send demand package\nwho = bob\n",
			 P_DONE "bills_received = 2026-11-20\n[due \"demand\"]\n"
			 "date = 2026-11-21\nwhat = Send demand package\n"
			 "who = bob\n", "2026-11-22"),
		  "[demand 2026-11-21 none bob Send demand package]\n");
	/* later: the records complete date wins */
	CHECK_STR(follow(f, P_DONE "[due \"demand\"]\ndate = 2026-11-28\n"
			 "what = Send demand package\nwho = bob\n",
			 P_DONE "bills_received = 2026-11-20\n[due \"demand\"]\n"
			 "date = 2026-11-28\nwhat = Send demand package\n"
			 "who = bob\n", "2026-11-22"),
		  "x: deadline demand 2026-11-28 -> 2026-11-23 (records complete "
		  "2026-11-20) | demand 2026-11-23\n"
		  "[demand 2026-11-23 none bob Send the demand]\n");
	/* still treating elsewhere: not complete, no demand */
	CHECK_STR(follow(f, P_DONE "[provider \"pt\"]\n",
			 P_DONE "bills_received = 2026-11-20\n[provider \"pt\"]\n",
			 "2026-11-22"), "");
	/* a request: the follow-up at +14, from the earliest outstanding */
	CHECK_STR(follow(f, "[provider \"pt\"]\nname = City PT\n"
			 "records_requested = 2026-11-01\n",
			 "[provider \"pt\"]\nname = City PT\n"
			 "records_requested = 2026-11-01\n"
			 "bills_requested = 2026-11-10\n", "2026-11-22"),
		  "x: deadline records-pt on 2026-11-15 (follow up on the "
		  "request) | records-pt 2026-11-15\n"
		  "[records-pt 2026-11-15 none bob Follow up on the records and "
		  "bills from City PT]\n");
	/* a new policy: the letter of representation in 2 business days
	 * (Friday -> Tuesday); sent: done */
	CHECK_STR(follow(f, "", "[policy \"bi\"]\ncoverage = bi\n"
			 "carrier = Great Plains\n", "2026-11-20"),
		  "x: deadline lor-bi on 2026-11-24 (a new policy) | lor-bi "
		  "2026-11-24\n"
		  "[lor-bi 2026-11-24 none bob Send the letter of representation "
		  "to Great Plains]\n");
	CHECK_STR(follow(f, "[policy \"bi\"]\ncoverage = bi\n[due \"lor-bi\"]\n"
			 "date = 2026-11-24\nwhat = w\nwho = bob\n",
			 "[policy \"bi\"]\ncoverage = bi\nlor_sent = 2026-11-23\n"
			 "[due \"lor-bi\"]\ndate = 2026-11-24\nwhat = w\n"
			 "who = bob\n", "2026-11-23"),
		  "x: deadline lor-bi done 2026-11-23 (letter of representation "
		  "sent) | lor-bi done\n[lor-bi 2026-11-24 2026-11-23 bob w]\n");
	/* an offer on the day before Thanksgiving: two business days later
	 * is the Monday after */
	CHECK_STR(follow(f, "[policy \"bi\"]\ncoverage = bi\nlor_sent = 2026-11-01\n",
			 "[policy \"bi\"]\ncoverage = bi\nlor_sent = 2026-11-01\n"
			 "[offer \"1\"]\ndate = 2026-11-25\npolicy = bi\n"
			 "amount = 40000.00\n", "2026-11-25"),
		  "x: deadline offer-1 on 2026-11-30 (an offer to convey) | "
		  "offer-1 2026-11-30\n"
		  "[offer-1 2026-11-30 none bob Tell the client about the offer]\n");
	/* the first demand: the open demand deadline done on its date; a
	 * time-limited one: its expiry, for the attorney */
	CHECK_STR(follow(f, "[policy \"bi\"]\ncoverage = bi\nlor_sent = 2026-11-01\n"
			 "[due \"demand\"]\ndate = 2026-11-23\nwhat = w\nwho = bob\n",
			 "[policy \"bi\"]\ncoverage = bi\nlor_sent = 2026-11-01\n"
			 "[due \"demand\"]\ndate = 2026-11-23\nwhat = w\nwho = bob\n"
			 "[demand \"1\"]\ndate = 2026-11-22\npolicy = bi\n"
			 "amount = 250000.00\nexpires = 2027-01-01\n", "2026-11-23"),
		  "x: deadline demand done 2026-11-22 (demand 1 sent) | demand done\n"
		  "x: deadline demand-1-expires on 2027-01-01 (a time-limited "
		  "demand) | demand-1-expires 2027-01-01\n"
		  "[demand 2026-11-23 2026-11-22 bob w]\n"
		  "[demand-1-expires 2027-01-01 none alice Time-limited demand 1 "
		  "to bi expires]\n");
}

static void
test_find(const struct firm *f)
{
	char err[512], *h;
	struct dcase *c = load(f, "[provider \"mercy-hospital\"]\n"
			       "[provider \"mercy-clinic\"]\n[provider \"pt\"]\n"
			       "[policy \"bi-acme\"]\n", err, sizeof(err));

	CHECK(c != NULL);
	if (!c)
		return;
	CHECK_INT(workup_find_provider(c, "pt"), 2);
	CHECK_INT(workup_find_provider(c, "mercy-c"), 1);
	CHECK_INT(workup_find_provider(c, "mercy"), DK_EAMBIG);
	CHECK_STR(dk_errmsg(), "provider 'mercy' of x is ambiguous: "
		  "mercy-hospital, mercy-clinic");
	CHECK_INT(workup_find_provider(c, "er"), DK_ENOTFOUND);
	CHECK_STR(dk_errmsg(), "x has no provider 'er' (it has: mercy-hospital, "
		  "mercy-clinic, pt)");
	CHECK_INT(workup_find_policy(c, "bi"), 0);
	/* the handle the words make, and a prefix of a word of a handle */
	CHECK_INT(workup_find_provider(c, "Mercy Clinic"), 1);
	CHECK_INT(workup_find_provider(c, "Mercy H"), 0);
	CHECK_INT(workup_find_provider(c, "Clin"), 1);
	CHECK_INT(workup_find_provider(c, "hosp"), 0);
	CHECK_INT(workup_find_provider(c, "PT"), 2);
	CHECK_INT(workup_find_provider(c, "Mercy Urgent Care"), DK_ENOTFOUND);
	CHECK_INT(workup_find_provider(c, "!!"), DK_ENOTFOUND);
	CHECK_INT(workup_find_policy(c, "acme"), 0);
	case_free(c);
	CHECK_STR(h = provider_handle("Mercy Hospital"), "mercy-hospital");
	free(h);
	CHECK_STR(h = provider_handle("  Dr. Ames & Partners, P.C. "),
		  "dr-ames-partners-p-c");
	free(h);
	CHECK_STR(h = provider_handle("St. Agnes Orthopedic and Spine Center"),
		  "st-agnes-orthopedic-and");
	free(h);
	CHECK_STR(h = provider_handle("!!!"), "provider");
	free(h);
}

static void
test_complexity(const struct firm *f)
{
	char err[512], buf[64];
	struct dcase *c = load(f, "[policy \"bi\"]\ncoverage = bi\n"
			       "commercial = yes\n", err, sizeof(err));

	CHECK_STR(workup_complexity(f, c, buf, sizeof(buf)), "commercial policy");
	case_free(c);
	c = load(f, "[policy \"bi\"]\ncoverage = bi\ncommercial = no\n", err,
		 sizeof(err));
	CHECK(workup_complexity(f, c, buf, sizeof(buf)) == NULL);
	case_set(c, "case", "type", "Truck");
	case_view(c, f, NULL);
	CHECK_STR(workup_complexity(f, c, buf, sizeof(buf)), "type truck");
	case_free(c);
}

int
main(void)
{
	struct firm *f;

	if (!mkdtemp(root))
		return 1;
	test_rules();
	f = firm_with("");
	CHECK(f != NULL);
	if (f) {
		test_refused(f);
		test_complete(f);
		test_medical(f);
		test_follow(f);
		test_find(f);
		test_complexity(f);
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
