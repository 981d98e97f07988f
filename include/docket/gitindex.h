/*
 * gitindex.h - git's index file (.git/index), updated for a few paths
 * without loading it whole.
 *
 * libgit2 parses every entry of the index into memory (and hashes the file
 * twice) before it can change one, then writes it all back: on a firm of
 * 10,000 cases that is most of a `docket note`.  This module copies the
 * index byte for byte and splices in the entries of the paths a commit
 * touched, as `git update-index` would leave them: the cache tree is
 * invalidated along those paths, racily clean entries whose file changed
 * unseen are smudged (their size set to 0, so git compares their content), and the extensions that
 * hold offsets or work-tree state (EOIE, IEOT, UNTR, FSMN and any other
 * optional one) are dropped, as git drops those it does not know.
 *
 * It handles index versions 2 and 3 without required extensions (split
 * or sparse indexes); for anything else it says so and the caller uses
 * libgit2 (whose 1.5 reads version 4, but neither a split nor a sparse
 * index).  No libgit2 here; nothing allocated is kept.
 */
#ifndef DOCKET_GITINDEX_H
#define DOCKET_GITINDEX_H

#include <stddef.h>
#include <sys/stat.h>

#define GITINDEX_OID_LEN 20
#define GITINDEX_NOT_HANDLED 1

struct gitindex_path {
	const char *path;	/* relative to the work tree */
	int remove;		/* drop the path (every stage) */
	unsigned char oid[GITINDEX_OID_LEN];	/* the blob, unless remove */
	struct stat st;		/* the file's, as the blob was read; unless remove */
};

/*
 * Write to lfd (the caller's gitdir/index.lock, empty, which the caller
 * then renames over the index) git's index as gitdir/index holds it, with
 * paths updated; lfd takes the index's permissions.  workdir (ending in
 * '/') is where racily clean entries' files are looked at.  paths is
 * sorted here.  0; GITINDEX_NOT_HANDLED when the index is missing or of a
 * kind this does not handle (nothing written); another -errno (-EINVAL
 * for a malformed index), with lfd then holding a part to throw away.
 */
int gitindex_write(int lfd, const char *gitdir, const char *workdir,
		   struct gitindex_path *paths, size_t n);
/* Would gitindex_write handle this index?  0, GITINDEX_NOT_HANDLED, or
 * -errno (-EINVAL: it does not parse).  Nothing is written. */
int gitindex_probe(const char *gitdir);

/* SHA-1 of len bytes (the index's trailing checksum), for tests too. */
void gitindex_sha1(unsigned char out[20], const void *data, size_t len);

#endif
