/* cmd-note.c - docket note: add a note to a case; --move: a note logged on
 * the wrong case moved to the right one, in one commit of both cases. */
#include "docket/case.h"
#include "docket/cmd.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/id.h"
#include "docket/note.h"
#include "docket/out.h"
#include "docket/repo.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The note of the case dir named name, or a unique prefix of its file
 * name: a new string. */
static int
find_note(struct ctx *ctx, const char *dir, const char *name, char **out)
{
	struct note *notes = NULL;
	const char *slash = strrchr(name, '/');
	size_t nn = 0, hits = 0;
	struct sb which = SB_INIT;
	int r;

	*out = NULL;
	if (slash)
		name = slash + 1;
	if ((r = note_list(&notes, &nn, ctx->root, dir)))
		return r;
	for (size_t i = 0; i < nn; i++) {
		if (!strcmp(notes[i].name, name)) {
			free(*out);
			*out = xstrdup(notes[i].name);
			hits = 1;
			break;
		}
		if (*name && has_prefix(notes[i].name, name)) {
			hits++;
			free(*out);
			*out = xstrdup(notes[i].name);
			sb_addf(&which, "%s%s", which.len ? ", " : "",
				notes[i].name);
		}
	}
	if (!hits)
		r = dk_err(DK_ENOTFOUND, "%s has no note '%s'", case_dir_id(dir),
			   name);
	else if (hits > 1)
		r = dk_err(DK_EAMBIG, "note '%s' is ambiguous: %s", name,
			   which.buf);
	if (r) {
		free(*out);
		*out = NULL;
	}
	sb_free(&which);
	note_list_free(notes, nn);
	return r;
}

static int
note_move(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "move", required_argument, NULL, 'M' },
		{ "message", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *m = NULL, *which = NULL;
	char *from = NULL, *to = NULL, *name = NULL, *src = NULL, *dst = NULL;
	struct sb text = SB_INIT;
	struct change ch;
	int opt, status = EXIT_OK, r;

	memset(&ch, 0, sizeof(ch));
	while ((opt = next_opt(ctx, argc, argv, "m:", longopts, &status)) != -1) {
		if (opt == OPT_EXIT)
			return status;
		if (opt == 'M')
			which = optarg;
		else if (opt == 'm')
			m = optarg;
		else
			return usage_error(ctx, "--move takes only -m");
	}
	if (argc - optind != 2)
		return usage_error(ctx, argc - optind < 2 ? "move the note to "
				   "which case? (ID --move NOTE OTHER-ID)" :
				   "unexpected argument '%s'", argv[optind + 2]);
	if (m && strchr(m, '\n'))
		return usage_error(ctx, "-m: the reason is one line");
	if ((r = find_case(ctx, argv[optind], &from)) ||
	    (r = find_case(ctx, argv[optind + 1], &to)))
		goto out;
	if (!strcmp(from, to)) {
		r = dk_err(DK_EINVAL, "the note is on %s already",
			   case_dir_id(to));
		goto out;
	}
	if ((r = find_note(ctx, from, which, &name)))
		goto out;
	src = xasprintf("%s/%s/%s", from, NOTES_DIR, name);
	dst = xasprintf("%s/%s/%s", to, NOTES_DIR, name);
	if (repo_path_dirty(ctx->repo, src) > 0 ||
	    repo_path_untracked(ctx->repo, src) > 0) {
		r = dk_err(DK_ECONFLICT, "%s is not committed as it is", src);
		goto out;
	}
	{
		char *abs = path_join(ctx->root, dst);
		int there = path_exists(abs);

		free(abs);
		if (there) {
			r = dk_err(DK_EEXISTS, "%s exists already", dst);
			goto out;
		}
		abs = path_join(ctx->root, src);
		r = read_file(abs, &text);
		free(abs);
		if (r) {
			r = dk_errno(DK_EIO, dk_errnum(), "cannot read %s", src);
			goto out;
		}
	}
	change_init(&ch, ctx);
	if (!(r = change_put_file(&ch, dst, text.buf ? text.buf : "",
				  text.len)) &&
	    !(r = change_remove_file(&ch, src)))
		r = change_commit_id(&ch, case_dir_id(from), "moved %s to %s%s%s",
				     name, case_dir_id(to), m && *m ? ": " : "",
				     m ? m : "");
	if (!r)
		tprintf("%s\n", dst);
out:
	if (r)
		status = fail(r);
	change_free(&ch);
	sb_free(&text);
	free(from);
	free(to);
	free(name);
	free(src);
	free(dst);
	return status;
}

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
