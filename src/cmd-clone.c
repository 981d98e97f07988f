/* cmd-clone.c - docket clone: a teammate's copy of the firm, ready to use. */
#include "docket/case.h"
#include "docket/cmd.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/out.h"
#include "docket/repo.h"
#include "docket/repo-sync.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include <ftw.h>
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

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path);
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
	char *dir = NULL, *ini = NULL, *branch = NULL;
	const char *url;
	int c, status = EXIT_OK, r, existed;

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
	existed = path_exists(dir);
	repo_set_progress(progress);
	r = repo_clone(&repo, url, dir);
	progress_end();
	if (r) {
		status = fail(r);
		goto out;
	}
	ini = path_join(repo_root(repo), FIRM_FILE);
	if (!path_exists(ini)) {
		status = fail(dk_err(DK_ENOFIRM, "%s is not a docket firm (it "
				     "has no %s); nothing was cloned", url,
				     FIRM_FILE));
		repo_free(repo);
		repo = NULL;
		/* take back what the clone made */
		if (existed) {
			char *git = path_join(dir, ".git");

			nftw(git, remove_one, 16, FTW_DEPTH | FTW_PHYS);
			free(git);
		} else {
			nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
		}
		goto out;
	}
	if ((r = firm_load(&firm, repo_root(repo), NULL)))
		fprintf(stderr, "docket: warning: %s\n", dk_errmsg());
	case_list_dirs(&cases, repo_root(repo));
	repo_branch(repo, &branch);
	printf("Cloned %s into %s (%s%s%zu case%s)\n",
	       firm ? firm->name : url, dir, branch ? branch : "",
	       branch ? ", " : "", cases.n, cases.n == 1 ? "" : "s");
out:
	strv_free(&cases);
	firm_free(firm);
	repo_free(repo);
	free(branch);
	free(dir);
	free(ini);
	return status;
}
