/* cmd-list.c - docket list: one line a case. */
#include "docket/case.h"
#include "docket/cmd.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/out.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct listing {
	const char *stage, *who, *status;
	int json;
	struct json j;
	size_t shown;
};

static const struct deadline *
next_due(const struct dcase *c)
{
	const struct deadline *best = NULL;

	for (size_t i = 0; i < c->ndue; i++)
		if (c->due[i].done == NO_DATE &&
		    (!best || c->due[i].date < best->date))
			best = &c->due[i];
	return best;
}

#define CLIENT_COLS 20

/* The client's name in its column: padded, or cut with an ellipsis
 * (counting characters, not bytes). */
static void
print_client(const char *name)
{
	size_t n = 0, cut = 0, len = strlen(name);

	for (size_t i = 0; i < len; n++) {
		unsigned cp;
		size_t k = utf8_char(name + i, len - i, &cp);

		if (n == CLIENT_COLS - 1)
			cut = i;
		i += k ? k : 1;
	}
	if (!*name)
		name = "-", n = 1;
	if (n > CLIENT_COLS) {
		char *s = xstrndup(name, cut);

		tprintf("%s\xe2\x80\xa6 ", s);
		free(s);
		return;
	}
	tprintf("%s%*s ", name, (int)(CLIENT_COLS - n), "");
}

static int
print_case(struct ctx *ctx, struct dcase *c, void *arg)
{
	struct listing *l = arg;
	const struct deadline *nd = next_due(c);
	char d[DATE_LEN];

	if (strcmp(l->status, "all") && strcmp(l->status, c->status))
		return 0;
	if (l->stage && strcmp(l->stage, c->stage))
		return 0;
	if (l->who && strcmp(l->who, c->attorney) && strcmp(l->who, c->manager))
		return 0;
	l->shown++;
	if (l->json) {
		json_obj(&l->j, NULL);
		json_str(&l->j, "id", c->id);
		json_str(&l->j, "title", c->title);
		json_str(&l->j, "client", c->client);
		json_str(&l->j, "type", c->type);
		json_str(&l->j, "stage", c->stage);
		json_str(&l->j, "status", c->status);
		json_date(&l->j, "opened", c->opened);
		json_date(&l->j, "stage_since", c->stage_since);
		json_int(&l->j, "days_in_stage", ctx->today - c->stage_since);
		json_str(&l->j, "attorney", c->attorney);
		json_str(&l->j, "manager", c->manager);
		if (nd) {
			json_obj(&l->j, "next_due");
			json_str(&l->j, "name", nd->name);
			json_date(&l->j, "date", nd->date);
			json_str(&l->j, "what", nd->what);
			json_end_obj(&l->j);
		} else {
			json_null(&l->j, "next_due");
		}
		json_end_obj(&l->j);
		return 0;
	}
	tprintf("%-20s ", c->id);
	print_client(c->client);
	tprintf("%-12s %4ldd  %-8s %-8s ", c->stage,
	       ctx->today - c->stage_since, *c->attorney ? c->attorney : "-",
	       *c->manager ? c->manager : "-");
	if (nd)
		tprintf("%s%s %s%s  ", nd->date < ctx->today ? c_red() :
		       nd->date <= ctx->today + 7 ? c_yellow() : "",
		       date_fmt(d, nd->date), nd->name, c_off());
	print_clean(stdout, c->title);
	putchar('\n');
	return 0;
}

int
cmd_list(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "stage", required_argument, NULL, 's' },
		{ "who", required_argument, NULL, 'w' },
		{ "status", required_argument, NULL, 'S' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct listing l;
	int opt, status = EXIT_OK, errors = 0, r;

	memset(&l, 0, sizeof(l));
	l.status = "open";
	while ((opt = next_opt(ctx, argc, argv, "", longopts, &status)) != -1) {
		switch (opt) {
		case OPT_EXIT: return status;
		case 's': l.stage = optarg; break;
		case 'w': l.who = optarg; break;
		case 'S': l.status = optarg; break;
		case 'j': l.json = 1; break;
		}
	}
	if (optind < argc)
		return usage_error(ctx, "unexpected argument '%s'", argv[optind]);
	if (strcmp(l.status, "open") && strcmp(l.status, "closed") &&
	    strcmp(l.status, "all"))
		return usage_error(ctx, "--status is open, closed or all");
	if (l.stage) {
		int k;

		if ((r = firm_stage_pick(ctx->firm, l.stage, &k)))
			return fail(r);
		l.stage = ctx->firm->stages[k].name;
	}
	if (l.who && (r = filter_handle(ctx, "--who", l.who)))
		return fail(r);
	/* a header for people, not for programs reading the lines */
	if (!l.json && isatty(STDOUT_FILENO))
		tprintf("%s%-20s %-*s %-12s %5s  %-8s %-8s %s%s\n", c_bold(),
			"ID", CLIENT_COLS, "CLIENT", "STAGE", "DAYS",
			"ATTORNEY", "MANAGER", "NEXT DUE  TITLE", c_off());
	json_init(&l.j, stdout);
	if (l.json)
		json_arr(&l.j, NULL);
	r = scan_views(ctx, 1, print_case, &l, &errors);
	if (l.json) {
		json_end_arr(&l.j);
		json_finish(&l.j);
	}
	if (r)
		return fail(r);
	return errors ? EXIT_FAIL : EXIT_OK;
}
