/*
 * attach.h - the files attached to a case: cases/<YYYY>/<ID>/files/NAME,
 * one a file, copied in as they were given (docket attach).
 *
 * Ownership: attach_list gives the caller an array to release with
 * attach_list_free.
 */
#ifndef DOCKET_ATTACH_H
#define DOCKET_ATTACH_H

#include <stddef.h>
#include <sys/types.h>

#define FILES_DIR "files"
/* Larger files belong outside the firm's repository (or in git-lfs). */
#define ATTACH_MAX_BYTES (20L * 1024 * 1024)

struct attached {
	char *name;
	off_t size;
};

/* 0 when name can be an attached file's name (no '/', not starting with
 * '.', no control character, UTF-8, at most 200 bytes); else DK_EINVAL
 * saying why. */
int attach_name_check(const char *name);
/* The files of the case directory dir (relative to root), by name.  0. */
int attach_list(struct attached **out, size_t *n, const char *root,
		const char *dir);
void attach_list_free(struct attached *v, size_t n);

#endif
