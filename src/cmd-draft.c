/* cmd-draft.c - docket draft: a letter from a template and the case file. */
#include "docket/case.h"
#include "docket/cmd.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/out.h"
#include "docket/template.h"
#include "docket/workup.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
fill_template(struct ctx *ctx, const struct dcase *c, const char *name,
	      const char *policy, const char *provider, int lenient,
	      struct sb *out)
{
	struct tmpl_case t;
	struct strv problems = STRV_INIT;
	struct sb text = SB_INIT;
	const struct staff *s;
	const char *handle;
	size_t n;
	int r;

	memset(&t, 0, sizeof(t));
	if ((r = template_read(&text, ctx->root, name)) ||
	    (r = ctx_user(ctx, &handle)))
		goto out;
	/* me: the user's [staff] entry, else the git identity */
	s = firm_staff(ctx->firm, handle);
	t.firm = ctx->firm;
	t.c = c;
	t.me_name = s && *s->name && strcmp(s->name, s->handle) ? s->name :
		    ctx->name;
	t.me_email = s && *s->email ? s->email : ctx->email;
	t.today = ctx->today;
	t.policy = policy;
	t.provider = provider;
	n = template_fill(out, &problems, text.buf, text.len, tmpl_case_field, &t);
	if (n) {
		struct sb list = SB_INIT;

		for (size_t i = 0; i < problems.n; i++)
			sb_addf(&list, "%s%s", i ? ", " : "", problems.v[i]);
		if (lenient)
			tfprintf(stderr, "docket: warning: %s/%s.md: left as "
				 "written: %s\n", TEMPLATES_DIR, name, list.buf);
		else
			r = dk_err(DK_EINVAL, "%s/%s.md: %zu %s cannot be filled "
				   "in: %s", TEMPLATES_DIR, name, n,
				   n == 1 ? "field" : "fields", list.buf);
		sb_free(&list);
	}
out:
	strv_free(&problems);
	sb_free(&text);
	return r;
}

/* What the user asked for (--policy, --provider) as the case's handle. */
static int
handle_of(const struct dcase *c, const char *arg, int policy,
	  const char **out)
{
	int i;

	*out = NULL;
	if (!arg)
		return 0;
	i = policy ? workup_find_policy(c, arg) : workup_find_provider(c, arg);
	if (i < 0)
		return i;
	*out = policy ? c->wu->pol[i].handle : c->wu->prov[i].handle;
	return 0;
}

static int
write_out(const char *file, const struct sb *text)
{
	int r;

	if (!file || !strcmp(file, "-")) {
		fwrite(text->buf, 1, text->len, stdout);
		return fflush(stdout) || ferror(stdout) ?
		       dk_errno(DK_EIO, errno, "cannot write the output") : 0;
	}
	r = write_file_atomic(file, text->buf, text->len, file_mode);
	return r < 0 ? dk_errno(DK_EIO, r, "cannot write '%s'", file) : 0;
}

int
cmd_draft(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "policy", required_argument, NULL, 'P' },
		{ "provider", required_argument, NULL, 'R' },
		{ "html", no_argument, NULL, 'H' },
		{ "output", required_argument, NULL, 'o' },
		{ "save", no_argument, NULL, 's' },
		{ "list", no_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *policy = NULL, *provider = NULL, *file = NULL;
	const char *pol = NULL, *prov = NULL;
	struct dcase *c = NULL;
	struct sb md = SB_INIT, page = SB_INIT;
	struct change ch;
	char *path = NULL, *name = NULL;
	int opt, status = EXIT_OK, html = 0, save = 0, list = 0, r;

	change_init(&ch, ctx);
	while ((opt = next_opt(ctx, argc, argv, "o:", longopts, &status)) != -1) {
		switch (opt) {
		case OPT_EXIT: goto out;
		case 'P': policy = optarg; break;
		case 'R': provider = optarg; break;
		case 'H': html = 1; break;
		case 'o': file = optarg; break;
		case 's': save = 1; break;
		case 'l': list = 1; break;
		}
	}
	if (list) {
		struct strv names = STRV_INIT;

		if (optind < argc || policy || provider || html || file || save) {
			status = usage_error(ctx, "--list goes alone");
			goto out;
		}
		template_list(&names, ctx->root, 0);
		for (size_t i = 0; i < names.n; i++)
			tprintf("%s\n", names.v[i]);
		strv_free(&names);
		goto out;
	}
	if (argc - optind < 2) {
		status = usage_error(ctx, optind < argc ? "which template? (see "
				     "docket draft --list)" :
				     "which case? (a case ID)");
		goto out;
	}
	if (argc - optind > 2) {
		status = usage_error(ctx, "unexpected argument '%s'",
				     argv[optind + 2]);
		goto out;
	}
	if (file && !*file) {
		status = usage_error(ctx, "-o needs a file name");
		goto out;
	}
	name = xstrdup(argv[optind + 1]);
	if (strlen(name) > 3 && !strcmp(name + strlen(name) - 3, ".md"))
		name[strlen(name) - 3] = '\0';
	if (save && (r = ctx_lock(ctx))) {
		status = fail(r);
		goto out;
	}
	if ((r = load_case(ctx, argv[optind], &c)) ||
	    (r = handle_of(c, policy, 1, &pol)) ||
	    (r = handle_of(c, provider, 0, &prov)) ||
	    (r = fill_template(ctx, c, name, pol, prov, 0, &md))) {
		status = fail(r);
		goto out;
	}
	if (save) {
		if ((r = change_add_note(&ch, c, "document", md.buf, md.len,
					 ctx->now, &path)) ||
		    (r = change_commit(&ch, c, "%s", name))) {
			status = fail(r);
			goto out;
		}
		tfprintf(stderr, "%s: saved as %s\n", c->id, path);
	}
	if (html) {
		char *title = xasprintf("%s: %s", c->id, name);

		template_html_page(&page, title, md.buf, md.len);
		free(title);
	}
	if ((r = write_out(file, html ? &page : &md)))
		status = fail(r);
out:
	change_free(&ch);
	sb_free(&md);
	sb_free(&page);
	free(path);
	free(name);
	case_free(c);
	return status;
}
