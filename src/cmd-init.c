/* cmd-init.c - docket init: a new firm, or adopt a git repository. */
#include "docket/cfg.h"
#include "docket/cmd.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/id.h"
#include "docket/out.h"
#include "docket/repo.h"
#include "docket/repo-merge.h"
#include "docket/template.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ATTRIBUTES ".gitattributes"
#define ATTR_LINE "*.ini merge=docket"

/* .gitattributes with docket's merge driver line, keeping what is there. */
static int
write_attributes(const char *root)
{
	char *path = path_join(root, ATTRIBUTES);
	struct sb sb = SB_INIT;
	int r = 0;

	read_file(path, &sb);
	if (!strstr(sb_str(&sb), ATTR_LINE)) {
		if (sb.len && sb.buf[sb.len - 1] != '\n')
			sb_addc(&sb, '\n');
		sb_adds(&sb, "# case.ini and docket.ini merge key by key "
			"(docket merge-driver)\n" ATTR_LINE "\n");
		r = write_file_atomic(path, sb.buf, sb.len, file_mode);
	}
	sb_free(&sb);
	free(path);
	if (r < 0)
		return dk_errno(DK_EIO, dk_errnum(), "cannot write %s",
				ATTRIBUTES);
	return 0;
}

/* The letters and call scripts of the PI pipeline, where the firm has
 * none of that name yet: their paths into paths, and into made. */
static int
write_templates(const char *root, struct strv *paths, struct strv *made)
{
	int r = mkdirs(root, TEMPLATES_DIR, dir_mode);

	for (size_t i = 0; !r && template_defaults[i].file; i++) {
		char *rel = xasprintf("%s/%s", TEMPLATES_DIR,
				      template_defaults[i].file);
		char *path = path_join(root, rel);

		if (!path_exists(path)) {
			r = write_file_atomic(path, template_defaults[i].text,
					      strlen(template_defaults[i].text),
					      file_mode);
			if (!r) {
				strv_push(paths, rel);
				strv_push(made, path);
			}
		}
		free(rel);
		free(path);
	}
	return r < 0 ? dk_errno(DK_EIO, r, "cannot write %s", TEMPLATES_DIR) : 0;
}

/* Is there a git repository at dir (one init would adopt)? */
static int
has_git_dir(const char *dir)
{
	char *git = path_join(dir, ".git");
	int r = path_exists(git);

	free(git);
	return r;
}

int
cmd_init(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "pipeline", required_argument, NULL, 'p' },
		{ "name", required_argument, NULL, 'n' },
		{ "shared", no_argument, NULL, 's' },
		{ "role", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const roles[] = { "attorney", "manager", NULL };
	const char *pipeline = "pi", *dir = ".", *firm_name = NULL;
	const char *role = "attorney";
	char *name = NULL, *email = NULL, *handle = NULL, *text = NULL;
	char *ini = NULL, *base = NULL;
	struct repo *repo = NULL;
	struct strv paths = STRV_INIT, made = STRV_INIT;
	struct firm *firm = NULL;
	int c, status = EXIT_OK, shared = 0, existed, r;

	while ((c = next_opt(ctx, argc, argv, "", longopts, &status)) != -1) {
		if (c == OPT_EXIT)
			return status;
		if (c == 'p')
			pipeline = optarg;
		else if (c == 'n')
			firm_name = optarg;
		else if (c == 's')
			shared = 1;
		else if (c == 'r')
			role = optarg;
	}
	if (argc - optind > 1)
		return usage_error(ctx, "too many arguments");
	if (optind < argc)
		dir = argv[optind];
	if (strcmp(pipeline, "pi") && strcmp(pipeline, "generic"))
		return usage_error(ctx, "unknown pipeline '%s' (pi or generic)",
				   pipeline);
	if (!(role = word_find(roles, role)))
		return usage_error(ctx, "--role is attorney or manager");
	if (!firm_name) {
		char *abs = realpath(dir, NULL);
		const char *slash;

		base = xstrdup(abs ? abs : dir);
		free(abs);
		/* the directory's name, made or not yet */
		for (size_t n = strlen(base); n > 1 && base[n - 1] == '/'; n--)
			base[n - 1] = '\0';
		slash = strrchr(base, '/');
		firm_name = slash ? slash + 1 : base;
		if (!*firm_name || !strcmp(firm_name, "."))
			firm_name = "Our Firm";
	}
	/* the identity is checked before anything is made; a repository
	 * adopted may have its own, which its commits will use */
	if ((r = cfg_value_check("--name", "name", firm_name)) ||
	    ((r = repo_identity(NULL, &name, &email)) && !has_git_dir(dir))) {
		status = fail(r);
		goto out;
	}
	if (shared) {
		file_mode = 0660;
		dir_mode = 02770;
	}
	r = repo_init(&repo, dir, shared, &existed);
	if (r) {
		status = fail(r);
		goto out;
	}
	repo_register_driver(repo);
	free(name);
	free(email);
	if ((r = repo_identity(repo, &name, &email)) ||
	    (r = cfg_value_check("user.name", "name", name)) ||
	    (r = cfg_value_check("user.email", "email", email))) {
		status = fail(r);
		goto out;
	}
	ini = path_join(repo_root(repo), FIRM_FILE);
	if (path_exists(ini)) {
		status = fail(dk_err(DK_EEXISTS, "'%s' is a docket firm already "
				     "(it has %s)", dir, FIRM_FILE));
		goto out;
	}
	handle = handle_from_email(email);
	text = firm_default_ini(pipeline, firm_name, handle, name, email, role);
	r = write_file_atomic(ini, text, strlen(text), file_mode);
	if (r < 0) {
		status = fail(dk_errno(DK_EIO, dk_errnum(), "cannot write %s", FIRM_FILE));
		goto out;
	}
	/* what init writes must load */
	r = firm_load(&firm, repo_root(repo), NULL);
	if (!r)
		r = write_attributes(repo_root(repo));
	if (!r) {
		strv_push(&paths, FIRM_FILE);
		strv_push(&paths, ATTRIBUTES);
	}
	if (!r && !strcmp(pipeline, "pi"))
		r = write_templates(repo_root(repo), &paths, &made);
	if (!r)
		r = repo_commit(repo, "init: new docket firm\n", &paths, ctx->now);
	if (r) {
		for (size_t i = 0; i < made.n; i++)
			unlink(made.v[i]);
		unlink(ini);
		status = fail(r);
		goto out;
	}
	tprintf("%s docket firm in %s (%s pipeline, you are '%s')\n",
	       existed ? "Adopted the git repository as a" : "Made a new",
	       repo_root(repo), pipeline, handle);
out:
	firm_free(firm);
	strv_free(&paths);
	strv_free(&made);
	repo_free(repo);
	free(name);
	free(email);
	free(handle);
	free(text);
	free(ini);
	free(base);
	return status;
}
