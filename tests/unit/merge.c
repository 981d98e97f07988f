/* The three-way INI merge on its own: no git, no files. */
#include "docket/error.h"
#include "docket/ini-merge.h"
#include "docket/util.h"
#include "unit.h"

#include <stdlib.h>
#include <string.h>

static const char base_ini[] =
	"[case]\n"
	"id = smith-7k2p\n"
	"title = Smith v. Acme\n"
	"# open | closed\n"
	"status = open\n"
	"\n"
	"[client]\n"
	"phone = +1 555 0100\n"
	"email = john@example.com\n"
	"\n"
	"[due \"sol\"]\n"
	"date = 2028-10-03\n"
	"what = Statute of limitations\n"
	"done =\n";

/* Answers for the later() callback: which side, and a log of questions;
 * and the one deadline name that is a stage's (stage_due). */
struct oracle {
	enum merge_side side;
	char asked[256];
	const char *stage;
};

static enum merge_side
oracle_later(void *arg, const char *section, const char *key)
{
	struct oracle *o = arg;
	size_t n = strlen(o->asked);

	snprintf(o->asked + n, sizeof(o->asked) - n, "%s%s.%s", n ? ";" : "",
		 section, key ? key : "*");
	return o->side;
}

static int
oracle_stage_due(void *arg, const char *name)
{
	const struct oracle *o = arg;

	return o->stage && !strcmp(o->stage, name);
}

static char *
replace(const char *s, const char *from, const char *to)
{
	const char *p = strstr(s, from);

	if (!p)
		return xstrdup(s);
	return xasprintf("%.*s%s%s", (int)(p - s), s, to, p + strlen(from));
}

/* Merge three strings; the result text ("ERROR: message" on failure). */
static char *
run(const char *b, const char *o, const char *t, struct oracle *orc,
    struct merge_result *res)
{
	struct merge_opts opts;
	int r;

	memset(&opts, 0, sizeof(opts));
	if (orc) {
		opts.later = oracle_later;
		opts.stage_due = oracle_stage_due;
		opts.arg = orc;
	}
	r = merge_text(res, b, b ? strlen(b) : 0, o, strlen(o), t, strlen(t),
		       &opts);
	if (r)
		return xasprintf("ERROR: %s", dk_errmsg());
	return xstrdup(res->text);
}

static void
test_disjoint_keys(void)
{
	struct merge_result res;
	char *o = replace(base_ini, "+1 555 0100", "+1 555 0101");
	char *t = replace(base_ini, "john@example.com", "js@example.com");
	char *want = replace(o, "john@example.com", "js@example.com");
	char *got = run(base_ini, o, t, NULL, &res);

	/* adjacent lines, one on each side */
	CHECK_STR(got, want);
	CHECK_INT(res.n, 0);
	merge_result_free(&res);
	free(got);
	free(o);
	free(t);
	free(want);
}

static void
test_same_key(enum merge_side side)
{
	struct merge_result res;
	struct oracle orc = { side, "", NULL };
	char *o = replace(base_ini, "+1 555 0100", "+1 555 0101");
	char *t = replace(base_ini, "+1 555 0100", "+1 555 0102");
	char *got = run(base_ini, o, t, &orc, &res);

	CHECK_STR(got, side == MERGE_OURS ? o : t);
	CHECK_STR(orc.asked, "client.phone");
	CHECK_INT(res.n, 1);
	CHECK_INT(res.d[0].kind, MERGE_BOTH_CHANGED);
	CHECK_INT(res.d[0].kept, side);
	CHECK_STR(res.d[0].section, "client");
	CHECK_STR(res.d[0].key, "phone");
	CHECK_STR(res.d[0].kept_value, side == MERGE_OURS ? "+1 555 0101" :
		  "+1 555 0102");
	CHECK_STR(res.d[0].lost_value, side == MERGE_OURS ? "+1 555 0102" :
		  "+1 555 0101");
	merge_result_free(&res);
	free(got);
	free(o);
	free(t);
}

static void
test_same_change_both_sides(void)
{
	struct merge_result res;
	struct oracle orc = { MERGE_OURS, "", NULL };
	char *o = replace(base_ini, "done =", "done = 2026-11-23");
	char *got = run(base_ini, o, o, &orc, &res);

	CHECK_STR(got, o);
	CHECK_STR(orc.asked, "");
	CHECK_INT(res.n, 0);
	merge_result_free(&res);
	free(got);
	free(o);
}

static void
test_delete_vs_change(void)
{
	struct merge_result res;
	char *o = replace(base_ini, "email = john@example.com\n", "");
	char *t = replace(base_ini, "john@example.com", "js@example.com");
	char *got = run(base_ini, o, t, NULL, &res);

	CHECK_STR(got, t);
	CHECK_INT(res.n, 1);
	CHECK_INT(res.d[0].kind, MERGE_KEPT_CHANGE);
	CHECK_INT(res.d[0].kept, MERGE_THEIRS);
	CHECK_STR(res.d[0].kept_value, "js@example.com");
	merge_result_free(&res);
	free(got);
	/* and the other way round */
	got = run(base_ini, t, o, NULL, &res);
	CHECK_STR(got, t);
	CHECK_INT(res.n, 1);
	CHECK_INT(res.d[0].kept, MERGE_OURS);
	merge_result_free(&res);
	free(got);
	/* a deletion against no change deletes */
	got = run(base_ini, o, base_ini, NULL, &res);
	CHECK_STR(got, o);
	CHECK_INT(res.n, 0);
	merge_result_free(&res);
	free(got);
	free(o);
	free(t);
}

static void
test_new_sections_both_sides(void)
{
	struct merge_result res;
	char *o = xasprintf("%s\n[due \"records\"]\ndate = 2026-12-01\n"
			    "what = Ask for records\n", base_ini);
	char *t = xasprintf("%s\n[due \"demand\"]\ndate = 2026-12-05\n"
			    "what = Send the demand\n", base_ini);
	char *want = xasprintf("%s\n[due \"records\"]\ndate = 2026-12-01\n"
			       "what = Ask for records\n"
			       "\n[due \"demand\"]\ndate = 2026-12-05\n"
			       "what = Send the demand\n", base_ini);
	char *got = run(base_ini, o, t, NULL, &res);

	CHECK_STR(got, want);
	CHECK_INT(res.n, 0);
	merge_result_free(&res);
	free(got);
	free(o);
	free(t);
	free(want);
}

static void
test_same_new_deadline(void)
{
	struct merge_result res;
	/* a stage's deadline: one deadline, whichever clone made it */
	struct oracle orc = { MERGE_THEIRS, "", "records" };
	char *o = xasprintf("%s\n[due \"records\"]\ndate = 2026-12-01\n"
			    "what = Ask for records\nwho = bob\n", base_ini);
	char *t = xasprintf("%s\n[due \"records\"]\ndate = 2026-12-03\n"
			    "what = Ask for records\nwho = carol\n", base_ini);
	char *got = run(base_ini, o, t, &orc, &res);

	CHECK_STR(got, t);
	CHECK_STR(orc.asked, "due \"records\".date;due \"records\".who");
	CHECK_INT(res.n, 2);
	CHECK_STR(res.d[0].lost_value, "2026-12-01");
	CHECK_STR(res.d[1].lost_value, "bob");
	merge_result_free(&res);
	free(got);
	free(o);
	free(t);
}

static const char due_offer[] =
	"\n[due \"call-adjuster-about\"]\ndate = 2026-12-01\n"
	"what = Call adjuster about offer\nwho = bob\ndone =\n";
static const char due_mri[] =
	"\n[due \"call-adjuster-about\"]\ndate = 2026-12-15\n"
	"what = Call adjuster about MRI bills\nwho = bob\ndone =\n";

/* Two different deadlines under one name: both stay, the later one
 * renamed, whichever side it is. */
static void
test_two_deadlines_one_name(enum merge_side later)
{
	struct merge_result res;
	struct oracle orc = { later, "", "demand" };
	char *o = xasprintf("%s%s", base_ini, due_offer);
	char *t = xasprintf("%s%s", base_ini, due_mri);
	char *got = run(base_ini, o, t, &orc, &res);
	char *second = replace(later == MERGE_OURS ? due_offer : due_mri,
			       "-about\"]", "-2\"]");
	char *want = xasprintf("%s%s%s", base_ini,
			       later == MERGE_OURS ? due_mri : due_offer,
			       second);

	CHECK_STR(got, want);
	CHECK_STR(orc.asked, "due \"call-adjuster-about\".*");
	CHECK_INT(res.n, 1);
	CHECK_INT(res.d[0].kind, MERGE_RENAMED);
	CHECK_STR(res.d[0].section, "due \"call-adjuster-about\"");
	CHECK(res.d[0].key == NULL);
	/* NAME-2 cut at a word to a made name's 20 characters */
	CHECK_STR(res.d[0].renamed, "due \"call-adjuster-2\"");
	CHECK_INT(res.d[0].kept, later == MERGE_OURS ? MERGE_THEIRS : MERGE_OURS);
	CHECK(res.d[0].kept_value == NULL && res.d[0].lost_value == NULL);
	merge_result_free(&res);
	free(got);
	free(want);
	free(second);
	free(o);
	free(t);
}

static void
test_deadline_rename_rules(void)
{
	struct merge_result res;
	struct oracle orc = { MERGE_THEIRS, "", NULL };
	char *o, *t, *got, *b;

	/* the same deadline on both sides, keys in another order: one */
	o = xasprintf("%s%s", base_ini, due_offer);
	t = xasprintf("%s\n[due \"call-adjuster-about\"]\nwho = bob\n"
		      "date = 2026-12-01\nwhat = Call adjuster about offer\n"
		      "done =\n", base_ini);
	got = run(base_ini, o, t, &orc, &res);
	CHECK_STR(got, o);
	CHECK_INT(res.n, 0);
	CHECK_STR(orc.asked, "");
	merge_result_free(&res);
	free(got);
	free(o);
	free(t);

	/* the next free name: -2 is taken in base, -3 by ours */
	b = xasprintf("%s\n[due \"x-2\"]\ndate = 2026-12-01\nwhat = A\n",
		      base_ini);
	o = xasprintf("%s\n[due \"x\"]\ndate = 2026-12-02\nwhat = B\n"
		      "\n[due \"x-3\"]\ndate = 2026-12-03\nwhat = C\n", b);
	t = xasprintf("%s\n[due \"x\"]\ndate = 2026-12-04\nwhat = D\n", b);
	got = run(b, o, t, &orc, &res);
	CHECK_INT(res.n, 1);
	CHECK_STR(res.d[0].renamed, "due \"x-4\"");
	CHECK(strstr(got, "[due \"x\"]\ndate = 2026-12-02\nwhat = B\n"
			  "\n[due \"x-4\"]\ndate = 2026-12-04\nwhat = D\n"));
	merge_result_free(&res);
	free(got);
	free(o);
	free(t);

	/* a name of the longest length is cut to make room */
	o = xasprintf("%s\n[due \"abcdefghijklmnopqrstuvwxyz012345\"]\n"
		      "date = 2026-12-02\n", base_ini);
	t = xasprintf("%s\n[due \"abcdefghijklmnopqrstuvwxyz012345\"]\n"
		      "date = 2026-12-03\n", base_ini);
	got = run(base_ini, o, t, &orc, &res);
	CHECK_INT(res.n, 1);
	CHECK_STR(res.d[0].renamed, "due \"abcdefghijklmnopqrstuvwxyz0123-2\"");
	merge_result_free(&res);
	free(got);
	free(o);
	free(t);

	/* with no stage_due at all, a stage's name is renamed too; other
	 * sections added on both sides still merge key by key */
	o = xasprintf("%s\n[due \"records\"]\ndate = 2026-12-01\n"
		      "\n[insurance]\ncarrier = A\n", base_ini);
	t = xasprintf("%s\n[due \"records\"]\ndate = 2026-12-03\n"
		      "\n[insurance]\ncarrier = B\n", base_ini);
	got = run(base_ini, o, t, &orc, &res);
	CHECK_INT(res.n, 2);
	CHECK_INT(res.d[0].kind, MERGE_RENAMED);
	CHECK_STR(res.d[0].renamed, "due \"records-2\"");
	CHECK_INT(res.d[1].kind, MERGE_BOTH_CHANGED);
	CHECK_STR(res.d[1].section, "insurance");
	merge_result_free(&res);
	free(got);
	free(b);
	free(o);
	free(t);
}

static const char esc_bob[] =
	"\n[escalation \"1\"]\nopened = 2026-11-23\nby = bob\nto = alice\n"
	"reason = medical\nwhat = Numbness\nresolved =\n";
static const char esc_carol[] =
	"\n[escalation \"1\"]\nopened = 2026-11-23\nby = carol\nto = alice\n"
	"reason = coverage\nwhat = Claim denied\nresolved =\n";

static void
test_escalations(enum merge_side later)
{
	struct merge_result res;
	struct oracle orc = { later, "", NULL };
	char *o = xasprintf("%s%s", base_ini, esc_bob);
	char *t = xasprintf("%s%s", base_ini, esc_carol);
	char *got = run(base_ini, o, t, &orc, &res);
	/* the earlier escalation keeps its number */
	char *second = replace(later == MERGE_OURS ? esc_bob : esc_carol,
			       "\"1\"", "\"2\"");
	char *want = xasprintf("%s%s%s", base_ini,
			       later == MERGE_OURS ? esc_carol : esc_bob, second);

	CHECK_STR(got, want);
	CHECK_STR(orc.asked, "escalation \"1\".*");
	CHECK_INT(res.n, 1);
	CHECK_INT(res.d[0].kind, MERGE_RENUMBERED);
	CHECK_STR(res.d[0].renamed, "escalation \"2\"");
	CHECK_INT(res.d[0].kept, later == MERGE_OURS ? MERGE_THEIRS : MERGE_OURS);
	merge_result_free(&res);
	free(got);
	free(want);
	free(second);
	/* the same escalation made on both sides stays one */
	got = run(base_ini, o, o, &orc, &res);
	CHECK_STR(got, o);
	CHECK_INT(res.n, 0);
	merge_result_free(&res);
	free(got);
	free(o);
	free(t);
}

static void
test_section_deleted_vs_changed(void)
{
	struct merge_result res;
	char *o = replace(base_ini, "\n[due \"sol\"]\ndate = 2028-10-03\n"
			  "what = Statute of limitations\ndone =\n", "");
	char *t = replace(base_ini, "done =", "done = 2026-11-23");
	char *got = run(base_ini, o, t, NULL, &res);

	CHECK_STR(got, t);
	CHECK_INT(res.n, 1);
	CHECK_INT(res.d[0].kind, MERGE_KEPT_SECTION);
	CHECK_INT(res.d[0].kept, MERGE_THEIRS);
	merge_result_free(&res);
	free(got);
	/* deleted against unchanged: gone */
	got = run(base_ini, o, base_ini, NULL, &res);
	CHECK_STR(got, o);
	merge_result_free(&res);
	free(got);
	free(o);
	free(t);
}

static void
test_order_and_comments(void)
{
	struct merge_result res;
	/* ours adds a key after phone; theirs adds one after email and a
	 * comment above title: each lands where its side put it */
	char *o = replace(base_ini, "phone = +1 555 0100\n",
			  "phone = +1 555 0100\nmobile = +1 555 0199\n");
	char *t1 = replace(base_ini, "email = john@example.com\n",
			   "email = john@example.com\nfax = +1 555 0111\n");
	char *t = replace(t1, "title =", "# as filed\ntitle =");
	char *w1 = replace(o, "email = john@example.com\n",
			   "email = john@example.com\nfax = +1 555 0111\n");
	char *want = replace(w1, "title =", "# as filed\ntitle =");
	char *got = run(base_ini, o, t, NULL, &res);

	CHECK_STR(got, want);
	CHECK_INT(res.n, 0);
	merge_result_free(&res);
	free(got);
	free(o);
	free(t1);
	free(t);
	free(w1);
	free(want);
}

static void
test_both_add_keys_at_end(void)
{
	struct merge_result res;
	char *o = replace(base_ini, "email = john@example.com\n",
			  "email = john@example.com\nmobile = 1\n");
	char *t = replace(base_ini, "email = john@example.com\n",
			  "email = john@example.com\nfax = 2\n");
	char *want = replace(base_ini, "email = john@example.com\n",
			     "email = john@example.com\nmobile = 1\nfax = 2\n");
	char *got = run(base_ini, o, t, NULL, &res);

	CHECK_STR(got, want);
	merge_result_free(&res);
	free(got);
	free(o);
	free(t);
	free(want);
}

static void
test_no_base(void)
{
	struct merge_result res;
	struct oracle orc = { MERGE_OURS, "", NULL };
	char *got = run(NULL, "[a]\nx = 1\ny = 2\n", "[a]\nx = 1\nz = 3\n"
			"[b]\nk = v\n", &orc, &res);

	CHECK_STR(got, "[a]\nx = 1\ny = 2\nz = 3\n[b]\nk = v\n");
	CHECK_INT(res.n, 0);
	merge_result_free(&res);
	free(got);
}

static void
test_parse_errors(void)
{
	struct merge_result res;
	struct merge_opts opts;
	const char *bad = "[case]\nid = x\nthis line is broken\n";
	int r;

	memset(&opts, 0, sizeof(opts));
	opts.label[2] = "case.ini (theirs)";
	r = merge_text(&res, base_ini, strlen(base_ini), base_ini,
		       strlen(base_ini), bad, strlen(bad), &opts);
	CHECK_INT(r, DK_EPARSE);
	CHECK_STR(dk_errmsg(), "case.ini (theirs):3: expected 'key = value'");
	CHECK(res.text == NULL && res.n == 0);
}

static char *
comment(void *arg, const struct merge_decision *d)
{
	(void)arg;
	return xasprintf("merge: %s was also %s", d->key, d->lost_value);
}

static void
test_comment(void)
{
	struct merge_result res;
	struct merge_opts opts;
	const char *b = "[rules]\nsol_years = 2\n";
	const char *o = "[rules]\nsol_years = 3\n";
	const char *t = "[rules]\nsol_years = 4\n";
	int r;

	memset(&opts, 0, sizeof(opts));
	opts.comment = comment;
	r = merge_text(&res, b, strlen(b), o, strlen(o), t, strlen(t), &opts);
	CHECK_INT(r, 0);
	CHECK_STR(res.text, "[rules]\n# merge: sol_years was also 3\n"
		  "sol_years = 4\n");
	merge_result_free(&res);
}

static void
test_crlf_and_continuations(void)
{
	struct merge_result res;
	const char *b = "[a]\r\nx = 1\r\nlong = one\r\n  two\r\ny = 2\r\n";
	const char *o = "[a]\r\nx = 9\r\nlong = one\r\n  two\r\ny = 2\r\n";
	const char *t = "[a]\r\nx = 1\r\nlong = one\r\n  two\r\ny = 8\r\n";
	int r = merge_text(&res, b, strlen(b), o, strlen(o), t, strlen(t), NULL);

	CHECK_INT(r, 0);
	CHECK_STR(res.text, "[a]\r\nx = 9\r\nlong = one\r\n  two\r\ny = 8\r\n");
	merge_result_free(&res);
}

static void
test_reordered(void)
{
	struct merge_result res;
	struct oracle orc = { MERGE_OURS, "", NULL };
	const char *b = "[a]\nx = 1\ny = 2\n[b]\nk = 1\n";
	const char *o = "[a]\nx = 9\ny = 2\n[b]\nk = 1\n";
	/* theirs moved [b] up and y above x, and changed k */
	const char *t = "[b]\nk = 5\n[a]\ny = 2\nx = 1\n";
	char *got = run(b, o, t, &orc, &res);

	/* the order of the side that changed it, the changes of both */
	CHECK_STR(got, "[b]\nk = 5\n[a]\ny = 2\nx = 9\n");
	CHECK_INT(res.n, 0);
	merge_result_free(&res);
	free(got);
	/* a side that changed nothing gives the other back */
	got = run(b, b, t, &orc, &res);
	CHECK_STR(got, t);
	merge_result_free(&res);
	free(got);
	/* with the sides swapped inside, decisions still name the real
	 * sides */
	got = run(b, "[a]\nx = 7\ny = 2\n[b]\nk = 1\n",
		  "[b]\nk = 1\n[a]\ny = 2\nx = 8\n", &orc, &res);
	CHECK_STR(got, "[b]\nk = 1\n[a]\ny = 2\nx = 7\n");
	CHECK_INT(res.n, 1);
	CHECK_INT(res.d[0].kept, MERGE_OURS);
	CHECK_STR(res.d[0].kept_value, "7");
	CHECK_STR(res.d[0].lost_value, "8");
	merge_result_free(&res);
	free(got);
}

/* Merging two merge bases into a virtual one: a key they disagree on is
 * left out, with no decision and no question of which is later; the rest
 * merges as always. */
static void
test_virtual_base(void)
{
	struct merge_result res;
	struct oracle orc = { MERGE_THEIRS, "", NULL };
	struct merge_opts opts;
	char *o = replace(base_ini, "+1 555 0100", "+1 555 0101");
	char *t1 = replace(base_ini, "+1 555 0100", "+1 555 0102");
	char *t = replace(t1, "john@example.com", "js@example.com");
	char *w1 = replace(base_ini, "phone = +1 555 0100\n", "");
	char *want = replace(w1, "john@example.com", "js@example.com");
	int r;

	memset(&opts, 0, sizeof(opts));
	opts.later = oracle_later;
	opts.arg = &orc;
	opts.virtual_base = 1;
	r = merge_text(&res, base_ini, strlen(base_ini), o, strlen(o), t,
		       strlen(t), &opts);
	CHECK_INT(r, 0);
	CHECK_STR(res.text, want);
	CHECK_INT(res.n, 0);
	CHECK_STR(orc.asked, "");
	merge_result_free(&res);
	free(o);
	free(t1);
	free(t);
	free(w1);
	free(want);
}

/* A stage's `task` lines repeat (docket.ini): each is matched by its
 * place among them, so one side changing the second task and the other
 * adding a third merge, and neither is taken for the other. */
static void
test_repeated_tasks(void)
{
	static const char b[] =
		"[stage \"intake\"]\n"
		"task = 1bd Call the client\n"
		"task = 2bd Send letters of representation\n";
	static const char o[] =
		"[stage \"intake\"]\n"
		"task = 1bd Call the client\n"
		"task = 3bd Send letters of representation\n";
	static const char t[] =
		"[stage \"intake\"]\n"
		"task = 1bd Call the client\n"
		"task = 2bd Send letters of representation\n"
		"task = 5bd Order the police report\n";
	static const char want[] =
		"[stage \"intake\"]\n"
		"task = 1bd Call the client\n"
		"task = 3bd Send letters of representation\n"
		"task = 5bd Order the police report\n";
	struct merge_result res;
	struct oracle orc = { MERGE_THEIRS, "", NULL };
	struct merge_opts opts;
	int r;

	memset(&opts, 0, sizeof(opts));
	opts.later = oracle_later;
	opts.arg = &orc;
	r = merge_text(&res, b, strlen(b), o, strlen(o), t, strlen(t), &opts);
	CHECK_INT(r, 0);
	CHECK_STR(res.text, want);
	CHECK_INT(res.n, 0);
	merge_result_free(&res);
}

int
main(void)
{
	test_disjoint_keys();
	test_same_key(MERGE_OURS);
	test_same_key(MERGE_THEIRS);
	test_same_change_both_sides();
	test_delete_vs_change();
	test_new_sections_both_sides();
	test_same_new_deadline();
	test_two_deadlines_one_name(MERGE_OURS);
	test_two_deadlines_one_name(MERGE_THEIRS);
	test_deadline_rename_rules();
	test_escalations(MERGE_OURS);
	test_escalations(MERGE_THEIRS);
	test_section_deleted_vs_changed();
	test_order_and_comments();
	test_both_add_keys_at_end();
	test_no_base();
	test_parse_errors();
	test_comment();
	test_crlf_and_continuations();
	test_reordered();
	test_virtual_base();
	test_repeated_tasks();
	return UNIT_DONE();
}
