/* cmd-search.c - docket search: text found in every case's files. */
#include "docket/cmd.h"
#include "docket/error.h"
#include "docket/out.h"
#include "docket/search.h"

#include <stdio.h>
#include <string.h>

struct found {
	int json;
	struct json j;
	size_t n;
};

static int
print_hit(void *arg, const struct search_hit *h)
{
	struct found *f = arg;

	if (f->json && !f->n++) {
		json_init(&f->j, stdout);
		json_arr(&f->j, NULL);
	} else if (!f->json) {
		f->n++;
	}
	if (f->json) {
		json_obj(&f->j, NULL);
		json_str(&f->j, "case", h->id);
		json_str(&f->j, "file", h->file);
		json_int(&f->j, "line", h->line);
		json_str(&f->j, "text", h->text);
		json_end_obj(&f->j);
		return 0;
	}
	tprintf("%s  %s%s:%d%s  ", h->id, c_dim(), h->file, h->line, c_off());
	print_clean(stdout, h->text);
	putchar('\n');
	return 0;
}

int
cmd_search(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "regex", no_argument, NULL, 'E' },
		{ "notes-only", no_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct found f;
	unsigned flags = 0;
	int opt, status = EXIT_OK, r;

	memset(&f, 0, sizeof(f));
	while ((opt = next_opt(ctx, argc, argv, "", longopts, &status)) != -1) {
		if (opt == OPT_EXIT)
			return status;
		if (opt == 'E')
			flags |= SEARCH_REGEX;
		else if (opt == 'n')
			flags |= SEARCH_NOTES_ONLY;
		else if (opt == 'j')
			f.json = 1;
	}
	if (argc - optind != 1)
		return usage_error(ctx, argc == optind ? "search for what? (TEXT)"
				   : "search takes one TEXT (quote one with "
				   "spaces)");
	if (!*argv[optind])
		return usage_error(ctx, "search for what? (TEXT is empty)");
	/* a bad pattern fails before anything is printed */
	if ((r = search_cases(ctx->root, argv[optind], flags, print_hit, &f)))
		return fail(r);
	if (f.json && f.n) {
		json_end_arr(&f.j);
		json_finish(&f.j);
	} else if (f.json) {
		puts("[]");
	} else if (!f.n) {
		tfprintf(stderr, "docket: nothing matches '%s'\n", argv[optind]);
	}
	return f.n ? EXIT_OK : EXIT_FAIL;
}
