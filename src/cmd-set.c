/* cmd-set.c - docket set: change a case's metadata. */
#include "docket/case.h"
#include "docket/cmd.h"
#include "docket/error.h"
#include "docket/out.h"

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

int
cmd_set(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct dcase *c = NULL;
	struct change ch;
	struct sb before = SB_INIT, after = SB_INIT, keys = SB_INIT;
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
				   " (a case keeps its ID)");
		else if (is_handle_key(section, key))
			r = check_handle(ctx, argv[i], value);
		if (!r)
			r = case_set(c, section, key, value);
		if (!r)
			sb_addf(&keys, "%s%.*s", keys.len ? ", " : "",
				(int)(strchr(argv[i], '=') - argv[i]), argv[i]);
		free(section);
		free(key);
		free(value);
	}
	if (!r)
		r = case_view(c, ctx->firm, NULL);
	if (r)
		goto out;
	case_text(c, &after);
	if (!strcmp(sb_str(&before), sb_str(&after))) {
		tprintf("%s: nothing changed\n", c->id);
		goto out;
	}
	if (!(r = change_save_case(&ch, c)))
		r = change_commit(&ch, c, "%s", keys.buf);
	if (!r)
		tprintf("%s: set %s\n", c->id, keys.buf);
out:
	if (r)
		status = fail(r);
	change_free(&ch);
	sb_free(&before);
	sb_free(&after);
	sb_free(&keys);
	case_free(c);
	return status;
}
