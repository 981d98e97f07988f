/*
 * error.h - error codes and the last error.
 *
 * Every helper returns 0 or one of the negative codes below (one set for
 * the whole program: none is an -errno, none a libgit2 code, and nothing
 * positive means "not handled"), after setting a message with dk_err()
 * or its kin.  The file functions of util.c and the index splicer
 * (gitindex.c) say what failed in their code and keep the errno behind it
 * (dk_errnum) for their caller's message.  Only the command layer prints
 * the message (as "docket: <message>") and chooses the exit status.
 *
 * Ownership: the last error (its message, file and line) belongs to this
 * module and is valid until the next error is set.
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
	X(DK_ENET,      1, "remote error") \
	X(DK_EMOVED,    1, "it moved meanwhile") \
	X(DK_EUNSUPPORTED, 1, "not supported") \
	X(DK_ECORRUPT,  1, "corrupt")

/* Far below -errno (-1 to -4095) and libgit2's codes (-1 to -40 or so). */
#define DK_ERROR_BASE (-10000)

enum dk_error {
	DK_OK = 0,
	DK_ERROR_FIRST = DK_ERROR_BASE,
#define DK_ERROR_ENUM(code, status, msg) code,
	DK_ERRORS(DK_ERROR_ENUM)
#undef DK_ERROR_ENUM
	DK_ERROR_END
};

/* Is code one of the codes above? */
#define DK_IS_ERROR(code) ((code) > DK_ERROR_FIRST && (code) < DK_ERROR_END)

/* Exit statuses, as each man page's EXIT STATUS lists them. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* Set the message (printf-style) and return code. */
int dk_err(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* dk_err with ": " strerror(errnum) appended; errnum (an errno value) is
 * kept (dk_errnum). */
int dk_errno(int code, int errnum, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* An error about a file, at a line of it (0: none): the message reads
 * "file:line: text" ("file: text"), and file and line are kept as data. */
int dk_err_at(int code, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Keep errnum for the caller's message and return code; the message is
 * left as it is (util.c's and gitindex.c's failures: their caller says
 * what failed). */
int dk_syserr(int code, int errnum);

/* The last error: its whole message; the message without the file and
 * line it names; that file (NULL when it names none) and line (0); the
 * errno behind it (0 when none). */
const char *dk_errmsg(void);
const char *dk_errtext(void);
const char *dk_errfile(void);
int dk_errline(void);
int dk_errnum(void);

int dk_exit_status(int code);

#endif
