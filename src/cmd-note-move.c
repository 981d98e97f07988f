/*
 * cmd-note-move.c - docket note ID --move NOTE OTHER-ID: a note logged on
 * the wrong case moved to the right one, in one commit of both cases.
 */
#include "docket/case.h"
#include "docket/cmd.h"
#include "docket/error.h"
#include "docket/note.h"
#include "docket/out.h"
#include "docket/repo.h"

#include <stdlib.h>
#include <string.h>

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

int
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
