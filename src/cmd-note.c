/* cmd-note.c - docket note: add a note to a case. */
#include "docket/case.h"
#include "docket/cmd.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/id.h"
#include "docket/note.h"
#include "docket/out.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
cmd_note(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "message", required_argument, NULL, 'm' },
		{ "file", required_argument, NULL, 'F' },
		{ "kind", required_argument, NULL, 'k' },
		{ "at", required_argument, NULL, 'a' },
		{ "with", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *m = NULL, *file = NULL, *kind = "internal", *at = NULL;
	char *with = NULL;
	struct dcase *c = NULL;
	struct sb text = SB_INIT;
	struct change ch;
	time_t when = ctx->now;
	char *path = NULL;
	int opt, status = EXIT_OK, r;

	/* note ID --move NOTE OTHER-ID: cmd-note-move.c */
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--move") || has_prefix(argv[i], "--move="))
			return note_move(ctx, argc, argv);
	change_init(&ch, ctx);
	while ((opt = next_opt(ctx, argc, argv, "m:F:k:", longopts, &status)) != -1) {
		switch (opt) {
		case OPT_EXIT: goto out;
		case 'm': m = optarg; break;
		case 'F': file = optarg; break;
		case 'k': kind = optarg; break;
		case 'a': at = optarg; break;
		case 'w': free(with); with = str_lower(optarg); break;
		}
	}
	if (optind >= argc) {
		status = usage_error(ctx, "which case? (a case ID)");
		goto out;
	}
	if (argc - optind > 1) {
		status = usage_error(ctx, "unexpected argument '%s' (quote the "
				     "note's text after -m)", argv[optind + 1]);
		goto out;
	}
	if (m && file) {
		status = usage_error(ctx, "-m and -F cannot go together");
		goto out;
	}
	if ((r = pick_word(note_kinds, kind, "note kind", "kinds", &kind))) {
		status = fail(r);
		goto out;
	}
	if (with && (r = name_check(with, NAME_MAX_LEN, "--with"))) {
		status = fail(r);
		goto out;
	}
	/* client contact is with the client unless it says otherwise */
	if (with && !strcmp(with, NOTE_WITH_CLIENT) &&
	    word_in(contact_kinds, kind)) {
		free(with);
		with = NULL;
	}
	if (at) {
		long d;

		if (time_parse(&when, at) < 0) {
			if (date_parse_cal(&d, at, ctx->today,
					   &ctx->firm->cal) < 0) {
				status = fail(dk_err(DK_EINVAL, "--at: '%s' is not a "
						     "date or time", at));
				goto out;
			}
			when = ctx->now + (time_t)(d - ctx->today) * 86400;
		}
		if (when > ctx->now) {
			status = fail(dk_err(DK_EINVAL, "--at: %s is in the future",
					     at));
			goto out;
		}
	}
	if ((r = load_case(ctx, argv[optind], &c)) ||
	    (r = !m && !file && isatty(STDIN_FILENO) && !strcmp(kind, "call") ?
		 call_note_text(ctx, c, &text) :
		 read_text(ctx, m, file, "note", &text)) ||
	    (r = change_add_note_with(&ch, c, kind, with, text.buf, text.len,
				      when, &path)) ||
	    (r = change_commit(&ch, c, "%s%s%s", kind, with ? " with " : "",
			       with ? with : ""))) {
		status = fail(r);
		goto out;
	}
	tprintf("%s\n", path);
out:
	change_free(&ch);
	sb_free(&text);
	free(path);
	free(with);
	case_free(c);
	return status;
}
