/* cmd-clone.c - docket clone: a teammate's copy of the firm, ready to use. */
#include "docket/case.h"
#include "docket/cmd.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/out.h"
#include "docket/repo.h"
#include "docket/repo-merge.h"
#include "docket/repo-remote.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* "host:path/firm.git/" -> "firm" */
static char *
dir_from_url(const char *url)
{
	size_t n = strlen(url);
	const char *start;
	char *dir;

	while (n && url[n - 1] == '/')
		n--;
	if (n >= 4 && !strncmp(url + n - 4, ".git", 4))
		n -= 4;
	start = url + n;
	while (start > url && start[-1] != '/' && start[-1] != ':')
		start--;
	dir = xstrndup(start, (size_t)(url + n - start));
	if (!*dir || !strcmp(dir, ".") || !strcmp(dir, "..")) {
		free(dir);
		return NULL;
	}
	return dir;
}

int
cmd_clone(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct repo *repo = NULL;
	struct firm *firm = NULL;
	struct strv cases = STRV_INIT;
	char *dir = NULL, *branch = NULL;
	const char *url;
	int c, status = EXIT_OK, r;

	while ((c = next_opt(ctx, argc, argv, "", longopts, &status)) != -1)
		if (c == OPT_EXIT)
			return status;
	if (optind >= argc)
		return usage_error(ctx, "which firm? (a URL or a path)");
	if (argc - optind > 2)
		return usage_error(ctx, "too many arguments");
	url = argv[optind];
	dir = optind + 1 < argc ? xstrdup(argv[optind + 1]) : dir_from_url(url);
	if (!dir) {
		status = usage_error(ctx, "cannot make a directory name from "
				     "'%s'; name one", url);
		goto out;
	}
	repo_set_progress(progress);
	r = repo_clone(&repo, url, dir, FIRM_FILE);
	progress_end();
	if (r == DK_ENOFIRM)
		r = dk_err(DK_ENOFIRM, "%s is not a docket firm (it has no "
			   "%s); nothing was cloned", url, FIRM_FILE);
	if (r) {
		status = fail(r);
		goto out;
	}
	repo_register_driver(repo);
	if ((r = firm_load(&firm, repo_root(repo), NULL)))
		tfprintf(stderr, "docket: warning: %s\n", dk_errmsg());
	case_list_dirs(&cases, repo_root(repo));
	repo_branch(repo, &branch);
	tprintf("Cloned %s into %s (%s%s%zu case%s)\n",
	       firm ? firm->name : url, dir, branch ? branch : "",
	       branch ? ", " : "", cases.n, cases.n == 1 ? "" : "s");
out:
	strv_free(&cases);
	firm_free(firm);
	repo_free(repo);
	free(branch);
	free(dir);
	return status;
}
