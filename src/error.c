/* error.c - the last error's message and the code-to-status table. */
#include "docket/error.h"
#include "docket/util.h"

#include <git2.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static char msg[4096];

static const struct {
	int code;
	int status;
	const char *text;
} table[] = {
#define DK_ERROR_ROW(code, status, text) { code, status, text },
	DK_ERRORS(DK_ERROR_ROW)
#undef DK_ERROR_ROW
};

static const char *
generic(int code)
{
	for (size_t i = 0; i < ARRAY_SIZE(table); i++)
		if (table[i].code == code)
			return table[i].text;
	return "error";
}

/* Format into a copy first: the arguments may be dk_errmsg() itself. */
int
dk_err(int code, const char *fmt, ...)
{
	char tmp[sizeof(msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	memcpy(msg, tmp, sizeof(msg));
	return code;
}

int
dk_errno(int code, int errnum, const char *fmt, ...)
{
	char tmp[sizeof(msg)];
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	n = strlen(tmp);
	snprintf(tmp + n, sizeof(tmp) - n, ": %s",
		 strerror(errnum < 0 ? -errnum : errnum));
	memcpy(msg, tmp, sizeof(msg));
	return code;
}

int
dk_giterr(const char *what)
{
	const git_error *e = git_error_last();

	return dk_err(DK_EGIT, "%s: %s", what,
		      e && e->message ? e->message : "unknown git error");
}

const char *
dk_errmsg(void)
{
	return msg[0] ? msg : generic(DK_ERROR_BASE);
}

int
dk_exit_status(int code)
{
	for (size_t i = 0; i < ARRAY_SIZE(table); i++)
		if (table[i].code == code)
			return table[i].status;
	return code ? EXIT_FAIL : EXIT_OK;
}
