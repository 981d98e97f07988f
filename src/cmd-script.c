/* cmd-script.c - docket script: the call script of a case's stage; and the
 * note of a call that starts from it. */
#include "docket/case.h"
#include "docket/cmd.h"
#include "docket/error.h"
#include "docket/note.h"
#include "docket/out.h"
#include "docket/repo.h"
#include "docket/template.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The script of the case's stage filled in; DK_ENOTFOUND naming the file
 * when the stage has none. */
static int
stage_script(struct ctx *ctx, const struct dcase *c, int lenient,
	     struct sb *out)
{
	char *name = xasprintf("%s%s", SCRIPT_PREFIX, c->stage);
	int r = fill_template(ctx, c, name, NULL, NULL, lenient, out);

	if (r == DK_ENOTFOUND)
		r = dk_err(DK_ENOTFOUND, "no call script for the %s stage (%s/%s.md)",
			   c->stage, TEMPLATES_DIR, name);
	free(name);
	return r;
}

int
cmd_script(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct dcase *c = NULL;
	struct sb out = SB_INIT;
	int opt, status = EXIT_OK, r;

	while ((opt = next_opt(ctx, argc, argv, "", longopts, &status)) != -1)
		if (opt == OPT_EXIT)
			return status;
	if (optind >= argc)
		return usage_error(ctx, "which case? (a case ID)");
	if (argc - optind > 1)
		return usage_error(ctx, "unexpected argument '%s'", argv[optind + 1]);
	if ((r = load_case(ctx, argv[optind], &c)) ||
	    (r = stage_script(ctx, c, 0, &out))) {
		status = fail(r);
	} else {
		fwrite(out.buf, 1, out.len, stdout);
		if (fflush(stdout) || ferror(stdout))
			status = fail(dk_errno(DK_EIO, errno, "cannot write the "
					       "output"));
	}
	sb_free(&out);
	case_free(c);
	return status;
}

/* Every line that starts with '#' dropped. */
static void
drop_comments(struct sb *text)
{
	struct sb kept = SB_INIT;
	const char *p = sb_str(text), *end = p + text->len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);

		if (*p != '#')
			sb_add(&kept, p, n);
		p += n;
	}
	/* nothing but blank lines is nothing */
	for (size_t i = 0; i < kept.len; i++)
		if (kept.buf[i] != '\n' && kept.buf[i] != ' ' &&
		    kept.buf[i] != '\t')
			goto keep;
	kept.len = 0;
	if (kept.buf)
		kept.buf[0] = '\0';
keep:
	sb_reset(text);
	/* and the blank lines above the text */
	p = sb_str(&kept);
	while (*p == '\n')
		p++;
	sb_add(text, p, kept.len - (size_t)(p - sb_str(&kept)));
	sb_free(&kept);
}

int
call_note_text(struct ctx *ctx, const struct dcase *c, struct sb *out)
{
	struct sb script = SB_INIT, start = SB_INIT;
	const char *p, *end;
	char *path = repo_git_path(ctx->repo, "DOCKET_note.md");
	int r = stage_script(ctx, c, 1, &script);

	if (r && r != DK_ENOTFOUND)
		goto out;
	sb_adds(&start, "\n");
	if (!r) {
		sb_addf(&start, "# The call script of the %s stage (%s/%s%s.md).\n"
			"# Lines that start with '#' are dropped from the note.\n"
			"#\n", c->stage, TEMPLATES_DIR, SCRIPT_PREFIX, c->stage);
		p = sb_str(&script);
		end = p + script.len;
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

			sb_addf(&start, "#%s%.*s\n", n ? " " : "", (int)n, p);
			p += n + (nl ? 1 : 0);
		}
	} else {
		sb_addf(&start, "# No call script for the %s stage (%s/%s%s.md).\n"
			"# Lines that start with '#' are dropped from the note.\n",
			c->stage, TEMPLATES_DIR, SCRIPT_PREFIX, c->stage);
	}
	r = write_file_atomic(path, start.buf, start.len, 0600);
	if (r < 0) {
		r = dk_errno(DK_EIO, r, "cannot make %s", path);
		goto out;
	}
	r = run_editor(path);
	if (!r) {
		struct sb text = SB_INIT;
		int e = read_file(path, &text);

		if (e < 0)
			r = dk_errno(DK_EIO, e, "cannot read %s", path);
		else if (text.len > NOTE_MAX_BYTES)
			r = dk_err(DK_EINVAL, "the note is longer than %d bytes",
				   NOTE_MAX_BYTES);
		if (!r) {
			drop_comments(&text);
			sb_add(out, sb_str(&text), text.len);
		}
		sb_free(&text);
	}
	if (!r)
		unlink(path);
	else
		tfprintf(stderr, "docket: your text is kept in %s\n", path);
out:
	sb_free(&script);
	sb_free(&start);
	free(path);
	return r;
}
