/* Unit tests for work.c (the order of `docket next` and its whys) and the
 * pure parts of workflow.c (actions, fields). */
#include "docket/case.h"
#include "docket/date.h"
#include "docket/report.h"
#include "docket/util.h"
#include "docket/work.h"
#include "docket/workflow.h"
#include "unit.h"

#include <stdlib.h>
#include <string.h>

static struct rcase cases[3] = {
	{ .id = "aa" }, { .id = "bb" }, { .id = "cc" },
};

static long
day(const char *s)
{
	long d = 0;

	date_parse_iso(&d, s);
	return d;
}

static struct raction
act(size_t c, int action, const char *who, const char *date, long days)
{
	struct raction a;

	memset(&a, 0, sizeof(a));
	a.c = c;
	a.action = action;
	a.who = (char *)who;
	a.date = day(date);
	a.days = days;
	a.since = NO_DATE;
	return a;
}

static char *
why(struct raction a)
{
	struct sb sb = SB_INIT;

	work_why(&sb, &a);
	return sb_detach(&sb);
}

#define CHECK_WHY(a, want) do { char *w_ = why(a); CHECK_STR(w_, want); free(w_); } while (0)

int
main(void)
{
	struct raction v[8];
	struct report r;
	struct work_item *q = NULL;
	int urg[ACT_COUNT];
	size_t n;

	memset(&r, 0, sizeof(r));
	r.cases = cases;
	r.ncases = 3;
	r.actions = v;
	for (int i = 0; i < ACT_COUNT; i++)
		urg[i] = action_default_urgency[i];

	/* urgency first, then the day each fell due, then the case */
	v[0] = act(2, ACT_STUCK, "bob", "2026-09-01", 80);
	v[1] = act(1, ACT_CONTACT, "bob", "2026-10-12", 41);
	v[2] = act(0, ACT_CONTACT, "bob", "2026-10-12", 41);
	v[3] = act(0, ACT_SOL, "alice", "2026-12-10", 18);
	v[4] = act(2, ACT_CONTACT, "carol", "2026-09-30", 53);
	v[5] = act(1, ACT_INQUIRY, "bob", "2026-11-21", 30);
	v[5].at = 1000;
	v[6] = act(0, ACT_INQUIRY, "bob", "2026-11-21", 40);
	v[6].at = 999;
	r.nactions = 7;
	n = work_queue(&q, &r, urg, NULL, -1, 0);
	CHECK_INT(n, 7);
	CHECK(q[0].a == &v[3] && q[0].urgency == 100);
	/* two inquiries of one day: the earlier time first */
	CHECK(q[1].a == &v[6] && q[2].a == &v[5]);
	CHECK(q[3].a == &v[4] && q[4].a == &v[2] && q[5].a == &v[1]);
	CHECK(q[6].a == &v[0] && q[6].urgency == 10);
	free(q);

	/* who, action, limit */
	n = work_queue(&q, &r, urg, "bob", -1, 0);
	CHECK_INT(n, 5);
	free(q);
	n = work_queue(&q, &r, urg, NULL, ACT_CONTACT, 0);
	CHECK_INT(n, 3);
	CHECK(q[0].a == &v[4]);
	free(q);
	n = work_queue(&q, &r, urg, "bob", -1, 2);
	CHECK_INT(n, 2);
	CHECK(q[0].a == &v[6]);
	free(q);
	n = work_queue(&q, &r, urg, "nobody", -1, 0);
	CHECK_INT(n, 0);
	free(q);

	/* [urgency] reorders: stuck above everything */
	urg[ACT_STUCK] = 500;
	n = work_queue(&q, &r, urg, NULL, -1, 0);
	CHECK(q[0].a == &v[0] && q[0].urgency == 500);
	free(q);

	/* the whys */
	CHECK_WHY(act(0, ACT_SOL, "a", "2026-11-15", -7), "SOL 2026-11-15, 7 days late");
	CHECK_WHY(act(0, ACT_SOL, "a", "2026-11-22", 0), "SOL 2026-11-22, today");
	CHECK_WHY(act(0, ACT_NOTICE, "a", "2026-12-01", 9),
		  "notice of claim 2026-12-01, in 9 days");
	{
		struct raction a = act(0, ACT_OVERDUE, "a", "2026-11-21", -1);

		a.name = "file-claim";
		CHECK_WHY(a, "file-claim 1 day late");
		a.action = ACT_DUE_SOON;
		a.days = 1;
		CHECK_WHY(a, "file-claim tomorrow");
		a.action = ACT_OFFER;
		a.name = "offer-2";
		a.date = day("2026-11-24");
		a.days = 2;
		CHECK_WHY(a, "offer-2: tell the client by 2026-11-24");
		a.days = -3;
		CHECK_WHY(a, "offer-2: tell the client (3 days late)");
		a.action = ACT_RECORDS;
		a.name = "records-mercy";
		a.since = day("2026-10-20");
		a.days = 33;
		a.limit = 14;
		CHECK_WHY(a, "mercy: requested 33 days ago (follow up after 14)");
		a.since = NO_DATE;
		a.days = 2;
		CHECK_WHY(a, "records-mercy: follow-up 2 days late");
		a.action = ACT_TREATMENT;
		a.name = "dr-ames";
		a.days = 46;
		a.limit = 30;
		CHECK_WHY(a, "dr-ames: last visit 46 days ago (gap over 30)");
		a.action = ACT_STUCK;
		a.name = "records";
		a.days = 45;
		CHECK_WHY(a, "45 days in records (limit 30)");
		a.action = ACT_ESCALATION;
		a.what = "medical";
		a.days = 1;
		CHECK_WHY(a, "medical, open 1 day");
		a.days = 0;
		CHECK_WHY(a, "medical, opened today");
		a.action = ACT_INQUIRY;
		a.days = 1;
		CHECK_WHY(a, "unanswered for 1 hour");
		a.action = ACT_CONTACT;
		a.days = 41;
		a.since = day("2026-10-12");
		CHECK_WHY(a, "last contact 41 days ago");
		a.since = NO_DATE;
		a.days = 2;
		CHECK_WHY(a, "never contacted, opened 2 days ago");
		a.action = ACT_DEMAND;
		a.since = day("2026-11-20");
		a.date = day("2026-11-23");
		a.days = 1;
		CHECK_WHY(a, "records complete 2026-11-20, demand due 2026-11-23");
		a.days = -2;
		CHECK_WHY(a, "records complete 2026-11-20, demand due 2026-11-23 "
			  "(2 days late)");
	}

	/* the actions by name */
	CHECK_INT(action_find("due-soon"), ACT_DUE_SOON);
	CHECK_INT(action_find("stuck"), ACT_STUCK);
	CHECK_INT(action_find("Stuck"), -1);
	CHECK_STR(action_names[ACT_COUNT - 1], "stuck");
	CHECK(action_names[ACT_COUNT] == NULL);

	/* fields: section.key and kind.name.key */
	{
		char *sec = NULL, *key = NULL;

		CHECK_INT(field_split("client.dob", &sec, &key), 0);
		CHECK_STR(sec, "client");
		CHECK_STR(key, "dob");
		free(sec);
		free(key);
		CHECK_INT(field_split("policy.bi-acme.claim", &sec, &key), 0);
		CHECK_STR(sec, "policy \"bi-acme\"");
		CHECK_STR(key, "claim");
		free(sec);
		free(key);
		/* a name may hold a dot: the key is after the last one */
		CHECK_INT(field_split("due.a.b.date", &sec, &key), 0);
		CHECK_STR(sec, "due \"a.b\"");
		free(sec);
		free(key);
		sec = key = NULL;
		CHECK_INT(field_split("client", &sec, &key), -1);
		CHECK_INT(field_split(".dob", &sec, &key), -1);
		CHECK_INT(field_split("client.", &sec, &key), -1);
		CHECK_INT(field_split("policy.Bad Name.claim", &sec, &key), -1);
		CHECK(sec == NULL && key == NULL);
	}
	return UNIT_DONE();
}
