/* cmd-set.c - docket set: change a case's metadata. */
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/cmd.h"
#include "docket/date.h"
#include "docket/deadline.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/out.h"
#include "docket/workup.h"

#include <stdlib.h>
#include <string.h>

static int
is_handle_key(const char *section, const char *key)
{
	return (!strcmp(section, "case") &&
		(!strcmp(key, "attorney") || !strcmp(key, "manager"))) ||
	       (has_prefix(section, "due \"") && !strcmp(key, "who")) ||
	       (has_prefix(section, "escalation \"") &&
		(!strcmp(key, "to") || !strcmp(key, "by")));
}

/* A date key given as a date docket reads (+5bd, tomorrow...) is stored
 * as the day it means; anything else is left for case_view to judge. */
static void
resolve_date(struct ctx *ctx, const char *section, const char *key,
	     char **value)
{
	char d[DATE_LEN];
	long day;

	if (!**value || !case_is_date_key(section, key) ||
	    !date_parse_iso(&day, *value) ||
	    date_parse_cal(&day, *value, ctx->today, &ctx->firm->cal))
		return;
	if (has_prefix(section, "due \"") && !strcmp(key, "date"))
		warn_weekend(*value, day);
	free(*value);
	*value = xstrdup(date_fmt(d, day));
}

int
cmd_set(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct dcase *c = NULL;
	struct cfg *old = NULL;
	struct change ch;
	struct sb before = SB_INIT, after = SB_INIT, keys = SB_INIT;
	struct strv changes = STRV_INIT, warnings = STRV_INIT;
	struct strv follow = STRV_INIT, shorts = STRV_INIT;
	struct strv handed = STRV_INIT;
	char *summary = NULL, *tail = NULL;
	int opt, status = EXIT_OK, r = 0;

	change_init(&ch, ctx);
	while ((opt = next_opt(ctx, argc, argv, "", longopts, &status)) != -1)
		if (opt == OPT_EXIT)
			goto out;
	if (argc - optind < 2) {
		status = usage_error(ctx, argc == optind ? "which case? (a case ID)"
				     : "what to set? (SECTION.KEY=VALUE)");
		goto out;
	}
	if ((r = load_case(ctx, argv[optind], &c)))
		goto out;
	case_text(c, &before);
	if ((r = cfg_parse(&old, c->file, before.buf, before.len)))
		goto out;
	for (int i = optind + 1; i < argc && !r; i++) {
		char *section, *key, *value;

		if ((r = parse_assignment(argv[i], &section, &key, &value))) {
			status = usage_error(ctx, "%s", dk_errmsg());
			r = 0;
			goto out;
		}
		if (!strcmp(section, "case") &&
		    (!strcmp(key, "stage") || !strcmp(key, "id")))
			r = dk_err(DK_EINVAL, "case.%s cannot be set%s", key,
				   !strcmp(key, "stage") ?
				   " (use 'docket advance-stage')" :
				   " (use 'docket rename')");
		else if (is_handle_key(section, key)) {
			char *what = cfg_dotted(section, key);

			r = check_handle(ctx, what, value);
			free(what);
		}
		resolve_date(ctx, section, key, &value);
		if (!r) {
			char *what = xstrndup(argv[i], (size_t)(strchr(argv[i],
						'=') - argv[i]));

			r = money_input(what, section, key, &value);
			free(what);
		}
		if (!r)
			r = case_set(c, section, key, value);
		if (!r)
			sb_addf(&keys, "%s%.*s", keys.len ? ", " : "",
				(int)(strchr(argv[i], '=') - argv[i]), argv[i]);
		free(section);
		free(key);
		free(value);
	}
	/* a new manager or attorney takes the old one's open work */
	if (!r) {
		const char *om = cfg_get(old, "case", "manager");
		const char *oa = cfg_get(old, "case", "attorney");

		r = handoff_work(ctx->firm, c, om ? om : "", oa ? oa : "",
				 &handed);
	}
	for (size_t i = 0; i < handed.n; i++)
		sb_addf(&keys, "; %s", handed.v[i]);
	/* the deadlines the law sets follow the facts */
	if (!r && (r = deadlines_after_edit(ctx->firm, old, c, &changes,
					    &warnings)) > 0)
		r = 0;
	/* and those that follow from the workup */
	if (!r && (r = workup_follow(ctx->firm, old, c, ctx->today, &follow,
				     &shorts)) > 0)
		r = 0;
	if (r)
		goto out;
	case_text(c, &after);
	if (!strcmp(sb_str(&before), sb_str(&after))) {
		tprintf("%s: nothing changed\n", c->id);
		goto out;
	}
	summary = recomputed_summary(&changes, c->id);
	tail = follow_summary(&shorts);
	if (!(r = change_save_case(&ch, c)))
		r = change_commit(&ch, c, "%s%s%s", keys.buf, summary, tail);
	if (!r)
		tprintf("%s: set %.*s\n", c->id, (int)strcspn(keys.buf, ";"),
			keys.buf);
	for (size_t i = 0; !r && i < handed.n; i++)
		tprintf("%s: %s\n", c->id, handed.v[i]);
	if (!r) {
		print_follow(&follow);
		print_deadline_changes(&changes, &warnings);
	}
out:
	if (r)
		status = fail(r);
	change_free(&ch);
	sb_free(&before);
	sb_free(&after);
	sb_free(&keys);
	strv_free(&changes);
	strv_free(&warnings);
	strv_free(&follow);
	strv_free(&shorts);
	strv_free(&handed);
	free(summary);
	free(tail);
	cfg_free(old);
	case_free(c);
	return status;
}
