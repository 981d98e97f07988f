/*
 * error.h - error codes and the last error's message.
 *
 * Every helper returns 0 or one of the negative codes below, after setting
 * a message with dk_err().  Only the command layer prints the message (as
 * "docket: <message>") and chooses the exit status.  The message is owned
 * by this module and valid until the next dk_err().
 */
#ifndef DOCKET_ERROR_H
#define DOCKET_ERROR_H

/* code, exit status, generic message */
#define DK_ERRORS(X) \
	X(DK_EUSAGE,    2, "usage error") \
	X(DK_ENOTFOUND, 1, "not found") \
	X(DK_EAMBIG,    1, "ambiguous") \
	X(DK_EINVAL,    1, "invalid value") \
	X(DK_EPARSE,    1, "file does not parse") \
	X(DK_EEXISTS,   1, "already exists") \
	X(DK_EIO,       1, "input/output error") \
	X(DK_EGIT,      1, "git error") \
	X(DK_EBUSY,     1, "busy, try again") \
	X(DK_ENOFIRM,   1, "not in a docket firm") \
	X(DK_ECONFLICT, 1, "merge conflict") \
	X(DK_ENET,      1, "remote error")

enum dk_error {
	DK_OK = 0,
	DK_ERROR_BASE = -100,
#define DK_ERROR_ENUM(code, status, msg) code,
	DK_ERRORS(DK_ERROR_ENUM)
#undef DK_ERROR_ENUM
	DK_ERROR_END
};

/* Exit statuses, as each man page's EXIT STATUS lists them. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* Set the message (printf-style) and return code. */
int dk_err(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* dk_err with ": " strerror(-errnum) appended. */
int dk_errno(int code, int errnum, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Set a message from libgit2's last error, prefixed by what. */
int dk_giterr(const char *what);
const char *dk_errmsg(void);
int dk_exit_status(int code);

#endif
