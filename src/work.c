/* work.c - the work queue of `docket next` (see work.h). */
#include "docket/work.h"
#include "docket/case.h"
#include "docket/date.h"
#include "docket/report.h"
#include "docket/workup.h"

#include <stdlib.h>
#include <string.h>

static const struct report *sorting;

static int
item_cmp(const void *a, const void *b)
{
	const struct work_item *x = a, *y = b;
	const struct raction *p = x->a, *q = y->a;
	int c;

	if (x->urgency != y->urgency)
		return x->urgency > y->urgency ? -1 : 1;
	if (p->date != q->date)
		return p->date < q->date ? -1 : 1;
	if (p->at != q->at)
		return p->at < q->at ? -1 : 1;
	if ((c = report_case_cmp(sorting, p->c, q->c)))
		return c;
	if (p->action != q->action)
		return p->action < q->action ? -1 : 1;
	return strcmp(p->name ? p->name : "", q->name ? q->name : "");
}

size_t
work_queue(struct work_item **out, const struct report *r,
	   const int urgency[ACT_COUNT], const char *who, int action,
	   size_t limit)
{
	struct work_item *v = NULL;
	size_t n = 0, cap = 0;

	for (size_t i = 0; i < r->nactions; i++) {
		const struct raction *a = &r->actions[i];

		if ((who && strcmp(a->who, who)) ||
		    (action >= 0 && a->action != action))
			continue;
		GROW(v, cap, n + 1);
		v[n].a = a;
		v[n].urgency = urgency[a->action];
		n++;
	}
	sorting = r;
	if (n > 1)
		qsort(v, n, sizeof(*v), item_cmp);
	sorting = NULL;
	if (limit && n > limit)
		n = limit;
	*out = v;
	return n;
}

static const char *
days(long n)
{
	return n == 1 || n == -1 ? "day" : "days";
}

/* "today", "tomorrow", "in 3 days", "1 day late", "12 days late" */
static void
when(struct sb *out, long left)
{
	if (!left)
		sb_adds(out, "today");
	else if (left == 1)
		sb_adds(out, "tomorrow");
	else if (left > 0) {
		sb_adds(out, "in ");
		sb_addl(out, left);
		sb_adds(out, " days");
	} else {
		sb_addl(out, -left);
		sb_adds(out, left == -1 ? " day late" : " days late");
	}
}

void
work_why(struct sb *out, const struct raction *a)
{
	char d[DATE_LEN], e[DATE_LEN];

	switch (a->action) {
	case ACT_SOL:
	case ACT_NOTICE:
		sb_adds(out, a->action == ACT_SOL ? "SOL " :
			"notice of claim ");
		sb_adds(out, date_fmt(d, a->date));
		sb_adds(out, ", ");
		when(out, a->days);
		break;
	case ACT_OVERDUE:
	case ACT_DUE_SOON:
		sb_adds(out, a->name);
		sb_addc(out, ' ');
		when(out, a->days);
		break;
	case ACT_DEMAND:
		sb_addf(out, "records complete %s, demand due %s",
			date_fmt(d, a->since), date_fmt(e, a->date));
		if (a->days < 0)
			sb_addf(out, " (%ld %s late)", -a->days, days(a->days));
		break;
	case ACT_INQUIRY:
		sb_addf(out, "unanswered for %ld %s", a->days,
			a->days == 1 ? "hour" : "hours");
		break;
	case ACT_ESCALATION:
		sb_adds(out, a->what ? a->what : "escalation");
		sb_adds(out, ", ");
		if (a->days) {
			sb_adds(out, "open ");
			sb_addl(out, a->days);
			sb_addc(out, ' ');
			sb_adds(out, days(a->days));
		} else
			sb_adds(out, "opened today");
		break;
	case ACT_OFFER:
		sb_addf(out, "%s: tell the client ", a->name);
		if (a->days < 0)
			sb_addf(out, "(%ld %s late)", -a->days, days(a->days));
		else
			sb_addf(out, "by %s", date_fmt(d, a->date));
		break;
	case ACT_CONTACT:
		if (a->since == NO_DATE)
			sb_addf(out, "never contacted, opened %ld %s ago", a->days,
				days(a->days));
		else {
			sb_adds(out, "last contact ");
			sb_addl(out, a->days);
			sb_addc(out, ' ');
			sb_adds(out, days(a->days));
			sb_adds(out, " ago");
		}
		break;
	case ACT_RECORDS:
		if (a->since == NO_DATE)
			sb_addf(out, "%s: follow-up %ld %s late", a->name, a->days,
				days(a->days));
		else
			sb_addf(out, "%s: requested %ld %s ago (follow up after "
				"%ld)", a->name + strlen(DUE_RECORDS_PREFIX),
				a->days, days(a->days), a->limit);
		break;
	case ACT_TREATMENT:
		sb_addf(out, "%s: last visit %ld %s ago (gap over %ld)", a->name,
			a->days, days(a->days), a->limit);
		break;
	case ACT_STUCK:
		sb_addl(out, a->days);
		sb_addc(out, ' ');
		sb_adds(out, days(a->days));
		sb_adds(out, " in ");
		sb_adds(out, a->name);
		sb_adds(out, " (limit ");
		sb_addl(out, a->limit);
		sb_addc(out, ')');
		break;
	}
}
