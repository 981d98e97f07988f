/* Unit tests: docket's error codes and the last error (error.h), and the
 * file functions' codes (util.h). */
#include "docket/error.h"
#include "docket/util.h"
#include "unit.h"

#include <errno.h>
#include <git2/errors.h>
#include <stdlib.h>
#include <unistd.h>

static const int codes[] = {
#define CODE(code, status, msg) code,
	DK_ERRORS(CODE)
#undef CODE
};

int
main(void)
{
	char dir[] = "/tmp/docket-test-error-XXXXXX";
	struct sb sb = SB_INIT;
	char *path;

	/* one set of codes, out of errno's range (the kernel's is -4095 to
	 * -1) and out of libgit2's (its lowest is far above -4095) */
	for (size_t i = 0; i < ARRAY_SIZE(codes); i++) {
		CHECK(codes[i] < -4095);
		CHECK(codes[i] < GIT_EOWNER);
		CHECK(DK_IS_ERROR(codes[i]));
		for (size_t j = 0; j < i; j++)
			CHECK(codes[i] != codes[j]);
	}
	CHECK(!DK_IS_ERROR(0));
	CHECK(!DK_IS_ERROR(-EINVAL));
	CHECK(!DK_IS_ERROR(1));
	CHECK_INT(dk_exit_status(DK_EUSAGE), EXIT_USAGE);
	CHECK_INT(dk_exit_status(DK_EIO), EXIT_FAIL);
	CHECK_INT(dk_exit_status(0), EXIT_OK);

	/* file and line are data, not text to parse back */
	CHECK_INT(dk_err_at(DK_EPARSE, "cases/2026/x/case.ini", 7,
			    "%s: bad", "key"), DK_EPARSE);
	CHECK_STR(dk_errmsg(), "cases/2026/x/case.ini:7: key: bad");
	CHECK_STR(dk_errtext(), "key: bad");
	CHECK_STR(dk_errfile(), "cases/2026/x/case.ini");
	CHECK_INT(dk_errline(), 7);
	dk_err_at(DK_EPARSE, "docket.ini", 0, "[rules] x");
	CHECK_STR(dk_errmsg(), "docket.ini: [rules] x");
	CHECK_STR(dk_errtext(), "[rules] x");
	CHECK_INT(dk_errline(), 0);
	/* a message made of the last one names no file */
	dk_err(DK_ECONFLICT, "%s (and more)", dk_errmsg());
	CHECK_STR(dk_errmsg(), "docket.ini: [rules] x (and more)");
	CHECK(dk_errfile() == NULL);
	CHECK_STR(dk_errtext(), dk_errmsg());

	/* the errno behind an error */
	dk_errno(DK_EIO, ENOSPC, "cannot write %s", "f");
	CHECK_STR(dk_errmsg(), "cannot write f: No space left on device");
	CHECK_INT(dk_errnum(), ENOSPC);
	CHECK_INT(dk_syserr(DK_EIO, EACCES), DK_EIO);
	CHECK_INT(dk_errnum(), EACCES);
	CHECK_STR(dk_errmsg(), "cannot write f: No space left on device");
	dk_err(DK_EINVAL, "x");
	CHECK_INT(dk_errnum(), 0);

	/* util's file functions: docket's codes, the errno kept */
	CHECK(mkdtemp(dir) != NULL);
	path = path_join(dir, "none");
	CHECK_INT(read_file(path, &sb), DK_ENOTFOUND);
	CHECK_INT(dk_errnum(), ENOENT);
	CHECK_INT(write_file_atomic(path, "x", 1, 0600), 0);
	CHECK_INT(read_file(path, &sb), 0);
	CHECK_INT(mkdirs(dir, "none/sub", 0700), DK_EIO);
	CHECK_INT(dk_errnum(), ENOTDIR);
	free(path);
	path = path_join(dir, "no/such/dir/f");
	CHECK_INT(write_file_atomic(path, "x", 1, 0600), DK_EIO);
	CHECK_INT(dk_errnum(), ENOENT);
	free(path);
	path = path_join(dir, "none");
	unlink(path);
	free(path);
	rmdir(dir);
	sb_free(&sb);
	return UNIT_DONE();
}
