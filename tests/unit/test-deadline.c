/* Unit tests: periods of the law (month ends, leap days), [sol] rules read
 * and refused, and the sol and notice-of-claim computed from a case. */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/date.h"
#include "docket/deadline.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char root[] = "/tmp/docket-unit-deadline.XXXXXX";

static long
iso(const char *s)
{
	long d = -999999;

	if (date_parse_iso(&d, s) < 0)
		return -999999;
	return d;
}

static const char *
fmt(long d)
{
	static char buf[DATE_LEN];

	return date_fmt(buf, d);
}

static const char *
add(const char *date, const char *period)
{
	struct period p;

	if (period_parse(&p, period) < 0)
		return "bad period";
	return fmt(period_add(iso(date), &p));
}

static const char pipeline[] =
	"[pipeline]\nstages = intake, closed\n[rules]\nsol_years = 2\n";

/* A firm whose docket.ini is the pipeline and rules; NULL when it does
 * not load (the message in dk_errmsg()). */
static struct firm *
firm_with(const char *rules)
{
	char *path = xasprintf("%s/docket.ini", root);
	char *text = xasprintf("%s%s", pipeline, rules);
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

/* "date | basis" of deadline k (0: sol, 1: notice-of-claim) of a case
 * whose [case] has the given extra lines, and more sections. */
static const char *
calc(const struct firm *f, int k, const char *caselines, const char *more)
{
	static char buf[512];
	struct dcase *c = NULL;
	struct due_calc v[2];
	char *text = xasprintf("[case]\nid = x\nopened = 2026-11-22\nstage = "
			       "intake\nstatus = open\n%s%s", caselines, more);

	if (case_parse(&c, f, "cases/2026/x", text, strlen(text))) {
		snprintf(buf, sizeof(buf), "error: %s", dk_errmsg());
	} else {
		deadlines_compute(v, f, c);
		snprintf(buf, sizeof(buf), "%s | %s", v[k].applies ?
			 fmt(v[k].date) : "none", v[k].basis);
		due_calc_clear(v);
	}
	case_free(c);
	free(text);
	return buf;
}

static const char rules[] =
	"[sol \"CA\"]\nperiod = 2y\nmed-mal = 1y\nmed-mal_cite = CCP 340.5\n"
	"notice = 6m\ncite = CCP 335.1\nnotice_cite = Gov 911.2\n"
	"verified = 2026-11-01\n"
	"[sol \"FL\"]\nperiod = 2y\nchanged = 2023-03-24\nperiod_before = 4y\n"
	"minors = not-tolled\ncite = F.S. 95.11\nverified = 2025-01-01\n"
	"[sol \"NY\"]\nperiod = 3y\nnotice = 90d\nmajority = 21\n"
	"cite = CPLR 214(5)\nnotice_cite = GML 50-e\n";

int
main(void)
{
	struct firm *f;
	struct strv w = STRV_INIT;

	setenv("TZ", "UTC", 1);
	if (!mkdtemp(root))
		return 1;

	/* periods: month ends and leap days */
	CHECK_STR(add("2026-10-03", "2y"), "2028-10-03");
	CHECK_STR(add("2024-02-29", "1y"), "2025-02-28");
	CHECK_STR(add("2024-02-29", "4y"), "2028-02-29");
	CHECK_STR(add("2023-02-28", "1y"), "2024-02-28");
	CHECK_STR(add("2026-08-31", "6m"), "2027-02-28");
	CHECK_STR(add("2027-08-31", "6m"), "2028-02-29");
	CHECK_STR(add("2026-03-31", "1m"), "2026-04-30");
	CHECK_STR(add("2026-01-30", "1m"), "2026-02-28");
	CHECK_STR(add("2026-12-31", "2m"), "2027-02-28");
	CHECK_STR(add("2026-10-03", "90d"), "2027-01-01");
	CHECK_STR(add("2026-12-31", "1d"), "2027-01-01");
	CHECK_STR(add("2024-02-28", "1d"), "2024-02-29");
	CHECK_STR(add("2026-10-03", "180d"), "2027-04-01");
	CHECK_STR(add("2026-10-03", "0y"), "bad period");
	CHECK_STR(add("2026-10-03", "2"), "bad period");
	CHECK_STR(add("2026-10-03", "2 y"), "bad period");
	CHECK_STR(add("2026-10-03", "2Y"), "bad period");
	CHECK_STR(add("2026-10-03", "2w"), "bad period");
	CHECK_STR(add("2026-10-03", "-2y"), "bad period");
	CHECK_STR(add("2026-10-03", "two years"), "bad period");
	CHECK_STR(add("2026-10-03", "201y"), "bad period");

	f = firm_with(rules);
	CHECK(f != NULL);
	if (!f)
		return UNIT_DONE();
	CHECK_INT(f->nsol, 3);
	CHECK(sol_rule_find(f, "ca") == &f->sol[0]);
	CHECK(sol_rule_find(f, "Fl") == &f->sol[1]);
	CHECK(sol_rule_find(f, "NV") == NULL);
	CHECK(sol_rule_find(f, "") == NULL);
	CHECK(f->sol[0].tolled && f->sol[0].majority == 18);
	CHECK(!f->sol[1].tolled);
	CHECK_INT(f->sol[2].majority, 21);

	/* a rule verified more than a year ago, or never */
	sol_rules_check(f, iso("2026-11-22"), &w);
	CHECK_INT(w.n, 2);
	CHECK_STR(w.v[0], "docket.ini:19: [sol \"FL\"] was last verified on "
		  "2025-01-01, more than a year ago: check it against the "
		  "statute and update verified");
	CHECK_STR(w.v[1], "docket.ini:20: [sol \"NY\"] was never verified: "
		  "check it against the statute and set verified = the day "
		  "you did");
	strv_free(&w);

	/* the period, from the incident */
	CHECK_STR(calc(f, 0, "incident = 2026-10-03\nstate = CA\n", ""),
		  "2028-10-03 | CA: 2y from incident 2026-10-03 (CCP 335.1)");
	CHECK_STR(calc(f, 0, "incident = 2026-10-03\nstate = ca\n", ""),
		  "2028-10-03 | CA: 2y from incident 2026-10-03 (CCP 335.1)");
	CHECK_STR(calc(f, 0, "incident = 2024-02-29\nstate = NY\n", ""),
		  "2027-02-28 | NY: 3y from incident 2024-02-29 (CPLR 214(5))");
	/* a case type's own period and cite */
	CHECK_STR(calc(f, 0, "incident = 2026-10-03\nstate = CA\ntype = med-mal\n", ""),
		  "2027-10-03 | CA: 1y for med-mal from incident 2026-10-03 (CCP 340.5)");
	CHECK_STR(calc(f, 0, "incident = 2026-10-03\nstate = CA\ntype = truck\n", ""),
		  "2028-10-03 | CA: 2y from incident 2026-10-03 (CCP 335.1)");
	/* a statute that changed: the day before, and the day itself */
	CHECK_STR(calc(f, 0, "incident = 2023-03-23\nstate = FL\n", ""),
		  "2027-03-23 | FL: 4y for incidents before 2023-03-24 from "
		  "incident 2023-03-23 (F.S. 95.11)");
	CHECK_STR(calc(f, 0, "incident = 2023-03-24\nstate = FL\n", ""),
		  "2025-03-24 | FL: 2y from incident 2023-03-24 (F.S. 95.11)");
	/* minors: tolled to majority, or not; an adult on the day */
	CHECK_STR(calc(f, 0, "incident = 2026-10-03\nstate = CA\n",
		       "[client]\ndob = 2010-05-02\n"),
		  "2030-05-02 | CA: 2y from majority on 2028-05-02 (minor, "
		  "tolled; CCP 335.1)");
	CHECK_STR(calc(f, 0, "incident = 2026-10-03\nstate = CA\n",
		       "[client]\ndob = 2008-10-03\n"),
		  "2028-10-03 | CA: 2y from incident 2026-10-03 (CCP 335.1)");
	CHECK_STR(calc(f, 0, "incident = 2026-10-03\nstate = CA\n",
		       "[client]\ndob = 2008-10-04\n"),
		  "2028-10-04 | CA: 2y from majority on 2026-10-04 (minor, "
		  "tolled; CCP 335.1)");
	CHECK_STR(calc(f, 0, "incident = 2026-10-03\nstate = FL\n",
		       "[client]\ndob = 2010-05-02\n"),
		  "2028-10-03 | FL: 2y from incident 2026-10-03 (minor, not "
		  "tolled; F.S. 95.11)");
	CHECK_STR(calc(f, 0, "incident = 2026-10-03\nstate = NY\n",
		       "[client]\ndob = 2006-01-01\n"),
		  "2030-01-01 | NY: 3y from majority on 2027-01-01 (minor, "
		  "tolled; CPLR 214(5))");
	/* born on a leap day: majority on the 28th */
	CHECK_STR(calc(f, 0, "incident = 2026-10-03\nstate = CA\n",
		       "[client]\ndob = 2012-02-29\n"),
		  "2032-02-28 | CA: 2y from majority on 2030-02-28 (minor, "
		  "tolled; CCP 335.1)");
	/* no rule, no state, no incident */
	CHECK_STR(calc(f, 0, "incident = 2026-10-03\nstate = NV\n", ""),
		  "2028-10-03 | firm default: 2y from incident 2026-10-03; no "
		  "rule for 'NV'");
	CHECK_STR(calc(f, 0, "incident = 2026-10-03\n", "[client]\ndob = 2010-01-01\n"),
		  "2028-10-03 | firm default: 2y from incident 2026-10-03; the "
		  "case has no state; a minor on the incident date, not tolled");
	CHECK_STR(calc(f, 0, "state = CA\n", ""), "none | no incident date");

	/* the notice of claim: a government defendant, never tolled */
	CHECK_STR(calc(f, 1, "incident = 2026-10-03\nstate = CA\n",
		       "[defendant \"city-of-la\"]\nkind = government\n"),
		  "2027-04-03 | CA: 6m from incident 2026-10-03; government "
		  "defendant city-of-la (Gov 911.2)");
	CHECK_STR(calc(f, 1, "incident = 2026-10-03\nstate = NY\n",
		       "[client]\ndob = 2010-05-02\n"
		       "[defendant \"nyc\"]\nkind = government\n"
		       "[defendant \"mta\"]\nkind = government\n"
		       "[defendant \"acme\"]\nkind = business\n"),
		  "2027-01-01 | NY: 90d from incident 2026-10-03; government "
		  "defendants nyc, mta (minor, not tolled; GML 50-e)");
	CHECK_STR(calc(f, 1, "incident = 2026-10-03\nstate = CA\n",
		       "[defendant \"acme\"]\nkind = business\n"),
		  "none | no government defendant");
	CHECK_STR(calc(f, 1, "incident = 2026-10-03\nstate = FL\n",
		       "[defendant \"city\"]\nkind = government\n"),
		  "none | [sol \"FL\"] has no notice period");
	CHECK_STR(calc(f, 1, "incident = 2026-10-03\nstate = NV\n",
		       "[defendant \"city\"]\nkind = government\n"),
		  "none | no rule for 'NV'");

	/* the facts a case.ini gives, refused */
	CHECK_STR(calc(f, 0, "incident = 2026-10-03\n", "[client]\ndob = 2026-10-04\n"),
		  "error: cases/2026/x/case.ini:8: dob: 2026-10-04 is after the "
		  "incident (2026-10-03)");
	CHECK_STR(calc(f, 0, "", "[client]\ndob = 2026-11-23\n"),
		  "error: cases/2026/x/case.ini:7: dob: 2026-11-23 is after the "
		  "day the case was opened (2026-11-22)");
	CHECK_STR(calc(f, 0, "", "[client]\ndob = 2010-02-30\n"),
		  "error: cases/2026/x/case.ini:7: dob: '2010-02-30' is not a "
		  "date (YYYY-MM-DD)");
	CHECK_STR(calc(f, 0, "state = C A\n", ""),
		  "error: cases/2026/x/case.ini:6: state: 'C A' is not a state "
		  "code (letters, digits and '-', such as CA)");
	CHECK_STR(calc(f, 0, "", "[defendant \"x\"]\nkind = agency\n"),
		  "error: cases/2026/x/case.ini:7: kind: 'agency' is not a kind "
		  "of defendant (person, business, government)");
	firm_free(f);

	/* rules docket cannot read: docket.ini:LINE */
	CHECK(firm_with("[sol \"CA\"]\nperiod = two years\n") == NULL);
	CHECK_STR(dk_errmsg(), "docket.ini:6: [sol \"CA\"] period: 'two years' "
		  "is not a period (such as 2y, 6m or 90d)");
	CHECK(firm_with("[sol \"CA\"]\ncite = x\n") == NULL);
	CHECK_STR(dk_errmsg(), "docket.ini:5: [sol \"CA\"] has no period (such "
		  "as period = 2y)");
	CHECK(firm_with("[sol \"CA\"]\nperiod = 2y\nmed-mal = 1 year\n") == NULL);
	CHECK_STR(dk_errmsg(), "docket.ini:7: [sol \"CA\"] med-mal: '1 year' is "
		  "not a period (such as 2y, 6m or 90d)");
	CHECK(firm_with("[sol \"FL\"]\nperiod = 2y\nchanged = 2023-03-24\n") == NULL);
	CHECK_STR(dk_errmsg(), "docket.ini:7: [sol \"FL\"] changed and "
		  "period_before go together: the day the statute changed, and "
		  "the period for incidents before it");
	CHECK(firm_with("[sol \"FL\"]\nperiod = 2y\nchanged = 2023-02-30\n"
			"period_before = 4y\n") == NULL);
	CHECK_STR(dk_errmsg(), "docket.ini:7: [sol \"FL\"] changed: "
		  "'2023-02-30' is not a date (YYYY-MM-DD)");
	CHECK(firm_with("[sol \"CA\"]\nperiod = 2y\nminors = sometimes\n") == NULL);
	CHECK_STR(dk_errmsg(), "docket.ini:7: [sol \"CA\"] minors: 'sometimes' "
		  "is not tolled or not-tolled");
	CHECK(firm_with("[sol \"CA\"]\nperiod = 2y\nmajority = 0\n") == NULL);
	CHECK_STR(dk_errmsg(), "docket.ini:7: [sol \"CA\"] majority: '0' is not "
		  "an age (a whole number of years)");
	CHECK(firm_with("[sol \"CA\"]\nperiod = 2y\nnotice = 6 months\n") == NULL);
	CHECK(firm_with("[sol \"C A\"]\nperiod = 2y\n") == NULL);
	CHECK_STR(dk_errmsg(), "docket.ini:5: [sol \"C A\"] 'C A' is not a state "
		  "code (a letter, then letters, digits or '-', such as CA)");
	CHECK(firm_with("[sol \"CA\"]\nperiod = 2y\n[sol \"ca\"]\nperiod = 3y\n") == NULL);
	CHECK_STR(dk_errmsg(), "docket.ini:7: [sol \"ca\"] a second rule for "
		  "'CA' (line 5): codes are matched without regard to case");
	CHECK(firm_with("[sol \"CA\"]\nperiod = 2y\nverified = soon\n") == NULL);
	CHECK(firm_with("[holidays]\nfederal = si\n") == NULL);
	CHECK_STR(dk_errmsg(), "docket.ini:6: federal: 'si' is not yes or no");

	/* what init writes reads, and gives the facts docket was given */
	f = firm_with(deadlines_default_ini);
	CHECK(f != NULL);
	if (f) {
		static const char *const codes[] = { "CA", "TX", "FL", "NY", "PA",
			"IL", "GA", "OH", "NC", "MI", "NJ", "AZ", "WA" };

		CHECK_INT(f->nsol, 13);
		for (size_t i = 0; i < ARRAY_SIZE(codes); i++) {
			const struct sol_rule *r = sol_rule_find(f, codes[i]);

			CHECK(r && *r->cite && r->verified == iso("2026-11-01"));
		}
		CHECK(f->cal.federal);
		sol_rules_check(f, iso("2026-11-22"), &w);
		CHECK_INT(w.n, 0);
		strv_free(&w);
		sol_rules_check(f, iso("2027-11-02"), &w);
		CHECK_INT(w.n, 13);
		strv_free(&w);
		CHECK_STR(calc(f, 0, "incident = 2023-03-23\nstate = FL\n", ""),
			  "2027-03-23 | FL: 4y for incidents before 2023-03-24 "
			  "from incident 2023-03-23 (Fla. Stat. § 95.11 (as "
			  "amended by HB 837, 2023))");
		CHECK_STR(calc(f, 1, "incident = 2026-10-03\nstate = AZ\n",
			       "[defendant \"city\"]\nkind = government\n"),
			  "2027-04-01 | AZ: 180d from incident 2026-10-03; "
			  "government defendant city (Ariz. Rev. Stat. § "
			  "12-821.01)");
		firm_free(f);
	}

	{
		char *p = xasprintf("%s/docket.ini", root);

		unlink(p);
		free(p);
		rmdir(root);
	}
	return UNIT_DONE();
}
