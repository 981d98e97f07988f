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
 * unseen are smudged (their size set to 0, so git compares their
 * content), and the extensions that hold offsets or work-tree state
 * (EOIE, IEOT, UNTR, FSMN and any other optional one) are dropped, as git
 * drops those it does not know.
 *
 * It handles index versions 2 and 3 without required extensions (split
 * or sparse indexes); for anything else it says so and the caller uses
 * libgit2 (whose 1.5 reads version 4, but neither a split nor a sparse
 * index).  An index whose trailing checksum is wrong, of any version, is
 * refused and left as it is (GITINDEX_CORRUPT), for git fsck to find.  No
 * libgit2 here; nothing allocated is kept.
 *
 * Errors are docket's codes (error.h), with no message (the caller says
 * what failed) and the errno behind them kept (dk_errnum): DK_EPARSE for
 * an index that does not parse, DK_EIO for a failed read or write.
 */
#ifndef DOCKET_GITINDEX_H
#define DOCKET_GITINDEX_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "docket/error.h"

#define GITINDEX_OID_LEN 20
/* The index is missing or of a kind this does not handle. */
#define GITINDEX_NOT_HANDLED DK_EUNSUPPORTED
/*
 * The index's trailing checksum is wrong (an all-zero one is git's "not
 * checksummed", and accepted): refused, never rewritten, since a rewrite
 * would give it a fresh checksum and hide the corruption from git fsck.
 */
#define GITINDEX_CORRUPT DK_ECORRUPT
/*
 * What the command says when the index is corrupt (after "docket: ").  Not
 * "'git reset' rebuilds it": git reset trusts the index's cache tree, so
 * it leaves a corrupt entry as it is (and writes a fresh checksum over
 * it), and it dies reading a corrupt .gitattributes entry; git read-tree
 * replaces every entry (tests/t0603-index.sh tries both kinds).
 */
#define GITINDEX_CORRUPT_MSG "git's index (.git/index) is corrupt (bad " \
	"checksum); nothing was committed; 'git read-tree HEAD' rebuilds it " \
	"from HEAD"

struct gitindex_path {
	const char *path;	/* relative to the work tree */
	int remove;		/* drop the path (every stage) */
	unsigned char oid[GITINDEX_OID_LEN];	/* the blob, unless remove */
	struct stat st;		/* the file's, as the blob was read (unless
				 * remove) */
};

/*
 * Write to lfd (the caller's gitdir/index.lock, empty, which the caller
 * then renames over the index) git's index as gitdir/index holds it, with
 * paths updated; lfd takes the index's permissions.  workdir (ending in
 * '/') is where racily clean entries' files are looked at.  paths is
 * sorted here.  0; GITINDEX_NOT_HANDLED when the index is missing or of a
 * kind this does not handle (nothing written); GITINDEX_CORRUPT, DK_EPARSE
 * or DK_EIO, with lfd then holding a part to throw away.
 */
int gitindex_write(int lfd, const char *gitdir, const char *workdir,
		   struct gitindex_path *paths, size_t n);

/* Would gitindex_write handle this index?  0, GITINDEX_NOT_HANDLED,
 * GITINDEX_CORRUPT (its checksum is wrong, whatever its version),
 * DK_EPARSE or DK_EIO.  Nothing is written. */
int gitindex_probe(const char *gitdir);

/*
 * The reading side alone, on an index in memory (for the fuzzer and the
 * tests): is buf[0..size) an index gitindex_write would take?  Its
 * checksum, its entries (in bounds, in git's order) and its cache tree
 * are checked.  0, GITINDEX_NOT_HANDLED, GITINDEX_CORRUPT or DK_EPARSE.
 */
int gitindex_check(const void *buf, size_t size);

/*
 * The index in buf with paths spliced in, written to fd as gitindex_write
 * writes index.lock; paths sorted (bytewise) and unique, else DK_EPARSE.
 * Entries whose mtime is racy_sec or later are racily clean, their files
 * looked at under workdir (ending in '/').  0, or as gitindex_write.
 */
int gitindex_rebuild(int fd, const void *buf, size_t size,
		     const struct gitindex_path *paths, size_t n,
		     uint32_t racy_sec, const char *workdir);

/* SHA-1 of len bytes (the index's trailing checksum), for tests too. */
void gitindex_sha1(unsigned char out[20], const void *data, size_t len);

#endif
