/* cmd-attach.c - docket attach: a file copied into a case, one commit. */
#include "docket/attach.h"
#include "docket/case.h"
#include "docket/cmd.h"
#include "docket/error.h"
#include "docket/out.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The file's bytes, when it is a regular file no larger than the limit. */
static int
read_attachment(const char *file, struct sb *out)
{
	struct stat st;
	int fd = open(file, O_RDONLY | O_CLOEXEC), r = 0;
	char buf[65536];
	ssize_t n;

	if (fd < 0)
		return dk_errno(DK_EIO, errno, "cannot read '%s'", file);
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return dk_err(DK_EINVAL, "'%s' is not a file", file);
	}
	if (st.st_size > ATTACH_MAX_BYTES) {
		close(fd);
		return dk_err(DK_EINVAL, "'%s' is %.1f MB, over the %ld MB a "
			      "case's file may be: keep it outside the firm's "
			      "repository (or track such files with git-lfs) "
			      "and note where it is", file,
			      (double)st.st_size / (1024 * 1024),
			      ATTACH_MAX_BYTES / (1024 * 1024));
	}
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = dk_errno(DK_EIO, errno, "cannot read '%s'", file);
			break;
		}
		sb_add(out, buf, (size_t)n);
		if (out->len > (size_t)ATTACH_MAX_BYTES) {
			r = dk_err(DK_EINVAL, "'%s' grew over %ld MB while "
				   "read", file, ATTACH_MAX_BYTES / (1024 * 1024));
			break;
		}
	}
	close(fd);
	return r;
}

int
cmd_attach(struct ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "as", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *as = NULL, *name;
	struct dcase *c = NULL;
	struct change ch;
	struct sb bytes = SB_INIT;
	char *rel = NULL, *abs = NULL;
	int opt, status = EXIT_OK, r;

	memset(&ch, 0, sizeof(ch));
	while ((opt = next_opt(ctx, argc, argv, "", longopts, &status)) != -1) {
		if (opt == OPT_EXIT)
			return status;
		if (opt == 'a')
			as = optarg;
	}
	if (argc - optind != 2)
		return usage_error(ctx, argc - optind < 2 ? "attach what to "
				   "which case? (ID FILE)" :
				   "unexpected argument '%s'", argv[optind + 2]);
	name = as ? as : strrchr(argv[optind + 1], '/') ?
	       strrchr(argv[optind + 1], '/') + 1 : argv[optind + 1];
	if ((r = attach_name_check(name)) ||
	    (r = load_case(ctx, argv[optind], &c)))
		goto out;
	rel = xasprintf("%s/%s/%s", c->dir, FILES_DIR, name);
	abs = path_join(ctx->root, rel);
	if (path_exists(abs)) {
		r = dk_err(DK_EEXISTS, "%s exists already (--as gives the file "
			   "another name)", rel);
		goto out;
	}
	if ((r = read_attachment(argv[optind + 1], &bytes)))
		goto out;
	change_init(&ch, ctx);
	if (!(r = change_put_file(&ch, rel, bytes.buf ? bytes.buf : "",
				  bytes.len)))
		r = change_commit(&ch, c, "%s", name);
	if (!r)
		tprintf("%s\n", rel);
out:
	if (r)
		status = fail(r);
	change_free(&ch);
	sb_free(&bytes);
	free(rel);
	free(abs);
	case_free(c);
	return status;
}
