/*
 * faultshim.c - an LD_PRELOAD library for the tests: a fault at the Nth
 * file operation of a process, to prove that docket survives it.
 *
 *   DOCKET_FAULT=ACTION:OPS:N[:TEXT]
 *     ACTION  kill    SIGKILL before the operation runs (a crash)
 *             stop    SIGSTOP before it runs (a debugger's pause), then
 *                     run it once the process is continued
 *             enospc  fail it with ENOSPC (a full disk), and every later
 *                     operation of OPS too, whatever its path
 *             count   nothing (with DOCKET_FAULT_LOG, to see the operations)
 *     OPS     a comma-separated list of open, rename, link, unlink, mkdir,
 *             write (open counts only opens that may write or create)
 *     N       which counted operation (1 is the first)
 *     TEXT    count only operations whose path contains TEXT (write has
 *             the path its descriptor was opened with)
 *   DOCKET_FAULT_AFTER=OP:TEXT  count only after the first OP on a path
 *                     containing TEXT (rename:refs/heads/main.lock: once
 *                     the branch has moved)
 *   DOCKET_FAULT_LOG=FILE  append "N OP PATH" for every counted operation
 *   DOCKET_FAULT_NOSYNC=1  fsync and fdatasync do nothing (a test that
 *                     kills a process a hundred times needs no durable
 *                     disk, only a fast one)
 *
 * Only the process's own calls through the dynamic linker are seen
 * (libgit2's and docket's); a child process inherits the settings.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

enum { A_NONE, A_COUNT, A_KILL, A_STOP, A_ENOSPC };

static int action = -1, failing, waiting;
static char after_op[32], after_text[4096];
static char ops[128], text[4096];
static long target, count;
static char *fd_path[4096];

static void
setup(void)
{
	const char *s = getenv("DOCKET_FAULT");
	char a[16] = "";

	if (action >= 0)
		return;
	action = A_NONE;
	if (!s || sscanf(s, "%15[^:]:%127[^:]:%ld", a, ops, &target) != 3)
		return;
	{
		const char *t = strchr(s, ':');

		t = t ? strchr(t + 1, ':') : NULL;
		t = t ? strchr(t + 1, ':') : NULL;
		if (t)
			snprintf(text, sizeof(text), "%s", t + 1);
	}
	if ((s = getenv("DOCKET_FAULT_AFTER")) &&
	    sscanf(s, "%31[^:]:%4095[^\n]", after_op, after_text) == 2)
		waiting = 1;
	action = !strcmp(a, "count") ? A_COUNT : !strcmp(a, "kill") ? A_KILL : !strcmp(a, "stop") ? A_STOP :
		 !strcmp(a, "enospc") ? A_ENOSPC : A_NONE;
}

static int
counted(const char *op)
{
	size_t n = strlen(op);

	for (const char *p = ops; (p = strstr(p, op)); p += n)
		if ((p == ops || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return 1;
	return 0;
}

static void
logop(const char *op, const char *path)
{
	const char *f = getenv("DOCKET_FAULT_LOG");
	static int (*real_open)(const char *, int, ...);
	static ssize_t (*real_write)(int, const void *, size_t);
	char line[4352];
	int fd, len;

	if (!f)
		return;
	if (!real_open) {
		real_open = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
		real_write = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT,
									  "write");
	}
	len = snprintf(line, sizeof(line), "%ld %s %s\n", count, op,
		       path ? path : "?");
	fd = real_open(f, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd >= 0) {
		if (real_write(fd, line, (size_t)len) < 0) {
			/* a log that cannot be written: nothing to do */
		}
		close(fd);
	}
}

/* Before an operation: 0 to run it, -1 to fail it (errno set). */
static int
before(const char *op, const char *path)
{
	setup();
	if (waiting) {
		if (!strcmp(op, after_op) && path && strstr(path, after_text))
			waiting = 0;
		return 0;
	}
	if (failing && counted(op)) {
		errno = ENOSPC;
		return -1;
	}
	if (action == A_NONE || !counted(op) ||
	    (text[0] && (!path || !strstr(path, text))))
		return 0;
	count++;
	logop(op, path);
	if (count != target || action == A_COUNT)
		return 0;
	switch (action) {
	case A_KILL:
		kill(getpid(), SIGKILL);
		break;
	case A_STOP:
		kill(getpid(), SIGSTOP);
		break;
	case A_ENOSPC:
		failing = 1;
		errno = ENOSPC;
		return -1;
	}
	return 0;
}

/* the libc function this one stands in front of */
#define REAL(fn) \
	static __typeof__(fn) *real; \
	if (!real) \
		*(void **)&real = dlsym(RTLD_NEXT, #fn)

static int
writes(int flags)
{
	return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC)) != 0;
}

static void
remember(int fd, const char *path)
{
	if (fd >= 0 && fd < (int)(sizeof(fd_path) / sizeof(*fd_path))) {
		free(fd_path[fd]);
		fd_path[fd] = strdup(path);
	}
}

int
open(const char *path, int flags, ...)
{
	REAL(open);
	mode_t mode = 0;
	va_list ap;
	int fd;

	va_start(ap, flags);
	if (flags & (O_CREAT | O_TMPFILE))
		mode = (mode_t)va_arg(ap, int);
	va_end(ap);
	if (writes(flags) && before("open", path) < 0)
		return -1;
	fd = real(path, flags, mode);
	remember(fd, path);
	return fd;
}

int
open64(const char *path, int flags, ...)
{
	REAL(open64);
	mode_t mode = 0;
	va_list ap;
	int fd;

	va_start(ap, flags);
	if (flags & (O_CREAT | O_TMPFILE))
		mode = (mode_t)va_arg(ap, int);
	va_end(ap);
	if (writes(flags) && before("open", path) < 0)
		return -1;
	fd = real(path, flags, mode);
	remember(fd, path);
	return fd;
}

int
openat(int dir, const char *path, int flags, ...)
{
	REAL(openat);
	mode_t mode = 0;
	va_list ap;
	int fd;

	va_start(ap, flags);
	if (flags & (O_CREAT | O_TMPFILE))
		mode = (mode_t)va_arg(ap, int);
	va_end(ap);
	if (writes(flags) && before("open", path) < 0)
		return -1;
	fd = real(dir, path, flags, mode);
	remember(fd, path);
	return fd;
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	REAL(write);
	const char *path = fd >= 0 && fd < (int)(sizeof(fd_path) / sizeof(*fd_path)) ?
			   fd_path[fd] : NULL;

	if (fd > 2 && before("write", path) < 0)
		return -1;
	return real(fd, buf, n);
}

int
rename(const char *from, const char *to)
{
	REAL(rename);

	if (before("rename", from) < 0)
		return -1;
	return real(from, to);
}

int
link(const char *from, const char *to)
{
	REAL(link);

	if (before("link", to) < 0)
		return -1;
	return real(from, to);
}

int
unlink(const char *path)
{
	REAL(unlink);

	if (before("unlink", path) < 0)
		return -1;
	return real(path);
}

int
mkdir(const char *path, mode_t mode)
{
	REAL(mkdir);

	if (before("mkdir", path) < 0)
		return -1;
	return real(path, mode);
}

static int
nosync(void)
{
	const char *s = getenv("DOCKET_FAULT_NOSYNC");

	return s && *s == '1';
}

int
fsync(int fd)
{
	REAL(fsync);

	return nosync() ? 0 : real(fd);
}

int
fdatasync(int fd)
{
	REAL(fdatasync);

	return nosync() ? 0 : real(fd);
}
