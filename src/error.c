/* error.c - the last error and the code-to-status table (see error.h). */
#include "docket/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static struct {
	char msg[4096];		/* "file:line: text" */
	size_t text;		/* where text starts in msg */
	char file[1024];	/* "" when the error names no file */
	int line;
	int errnum;
} last;

static const struct {
	int code;
	int status;
	const char *text;
} table[] = {
#define DK_ERROR_ROW(code, status, text) { code, status, text },
	DK_ERRORS(DK_ERROR_ROW)
#undef DK_ERROR_ROW
};

#define NTABLE (sizeof(table) / sizeof(table[0]))

static void set(const char *file, int line, int errnum, const char *fmt,
		va_list ap) __attribute__((format(printf, 4, 0)));

/* Set the message from fmt, after "file:line: " when there is a file,
 * with ": strerror" when there is an errnum (formatted into a copy first:
 * the arguments may be dk_errmsg() itself). */
static void
set(const char *file, int line, int errnum, const char *fmt, va_list ap)
{
	char text[sizeof(last.msg)], prefix[sizeof(last.file) + 32] = "";
	size_t n;

	vsnprintf(text, sizeof(text), fmt, ap);
	if (errnum) {
		n = strlen(text);
		snprintf(text + n, sizeof(text) - n, ": %s", strerror(errnum));
	}
	if (file && line > 0)
		snprintf(prefix, sizeof(prefix), "%s:%d: ", file, line);
	else if (file)
		snprintf(prefix, sizeof(prefix), "%s: ", file);
	snprintf(last.msg, sizeof(last.msg), "%s%s", prefix, text);
	n = strlen(prefix);
	last.text = n < sizeof(last.msg) ? n : sizeof(last.msg) - 1;
	snprintf(last.file, sizeof(last.file), "%s", file ? file : "");
	last.line = file ? line : 0;
	last.errnum = errnum;
}

int
dk_err(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set(NULL, 0, 0, fmt, ap);
	va_end(ap);
	return code;
}

int
dk_errno(int code, int errnum, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set(NULL, 0, errnum < 0 ? -errnum : errnum, fmt, ap);
	va_end(ap);
	return code;
}

int
dk_err_at(int code, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set(file, line, 0, fmt, ap);
	va_end(ap);
	return code;
}

int
dk_syserr(int code, int errnum)
{
	last.errnum = errnum;
	return code;
}

const char *
dk_errmsg(void)
{
	return last.msg[0] ? last.msg : "error";
}

const char *
dk_errtext(void)
{
	return last.msg[0] ? last.msg + last.text : dk_errmsg();
}

const char *
dk_errfile(void)
{
	return last.msg[0] && last.file[0] ? last.file : NULL;
}

int
dk_errline(void)
{
	return dk_errfile() ? last.line : 0;
}

int
dk_errnum(void)
{
	return last.errnum;
}

int
dk_exit_status(int code)
{
	for (size_t i = 0; i < NTABLE; i++)
		if (table[i].code == code)
			return table[i].status;
	return code ? EXIT_FAIL : EXIT_OK;
}
