/* status-stat.c - where the status cache stats a case's files from, and
 * the stat data taken ahead on a second thread (see status-file.h). */
#include "status-file.h"
#include "docket/case.h"
#include "docket/note.h"
#include "docket/util.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct dirs {
	char *root;		/* the firm's top, ending in '/' */
	int rootfd;		/* it opened, for short paths */
	struct { char year[5]; int fd; } years[64];	/* cases/YYYY */
	size_t nyears;
} D = { .rootfd = -1 };

void
stst_begin(const char *root)
{
	stst_end();
	D.root = xstrdup(root);
}

void
stst_end(void)
{
	stst_prefetch_stop();
	if (D.rootfd >= 0)
		close(D.rootfd);
	for (size_t i = 0; i < D.nyears; i++)
		if (D.years[i].fd >= 0)
			close(D.years[i].fd);
	free(D.root);
	memset(&D, 0, sizeof(D));
	D.rootfd = -1;
}

/* A directory to stat dir's files from, and dir's path from there: its
 * year's directory (cases/YYYY), as opened (stst_dir_fd), for short paths to
 * walk.  Opens nothing: the prefetching thread calls it. */
static int
dir_at(const char *dir, const char **rel)
{
	*rel = dir;
	if (strncmp(dir, CASES_DIR "/", sizeof(CASES_DIR)) ||
	    strlen(dir) < sizeof(CASES_DIR) + 6 || dir[sizeof(CASES_DIR) + 4] != '/')
		return D.rootfd;
	for (size_t i = 0; i < D.nyears; i++)
		if (!memcmp(D.years[i].year, dir + sizeof(CASES_DIR), 4)) {
			if (D.years[i].fd < 0)
				return D.rootfd;
			*rel = dir + sizeof(CASES_DIR) + 5;
			return D.years[i].fd;
		}
	return D.rootfd;
}

/* The same, opening the firm's top and dir's year as needed (kept open). */
int
stst_dir_fd(const char *dir, const char **rel)
{
	size_t i;

	if (D.rootfd < 0 && D.root)
		D.rootfd = open(D.root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (strncmp(dir, CASES_DIR "/", sizeof(CASES_DIR)) ||
	    strlen(dir) < sizeof(CASES_DIR) + 6 || dir[sizeof(CASES_DIR) + 4] != '/')
		return dir_at(dir, rel);
	for (i = 0; i < D.nyears; i++)
		if (!memcmp(D.years[i].year, dir + sizeof(CASES_DIR), 4))
			break;
	if (i == D.nyears && i < sizeof(D.years) / sizeof(*D.years) &&
	    D.rootfd >= 0) {
		char yd[sizeof(CASES_DIR) + 5];

		memcpy(yd, dir, sizeof(yd) - 1);
		yd[sizeof(yd) - 1] = '\0';
		memcpy(D.years[i].year, dir + sizeof(CASES_DIR), 4);
		D.years[i].year[4] = '\0';
		D.years[i].fd = openat(D.rootfd, yd, O_RDONLY | O_DIRECTORY |
				       O_CLOEXEC | O_NOFOLLOW);
		D.nyears++;
	}
	return dir_at(dir, rel);
}

/* ---- the stat data, taken ahead on a second thread ---- */

/*
 * A stat takes a path walk in the kernel, as long as the rest of a case
 * read from the cache: while status_case gives case i, a thread stats
 * the cases after it, at most PF_RING ahead (memory stays small however
 * many cases there are).  The two share the work: each case is claimed
 * once (P.claim), by the thread ahead of the caller, or by the caller
 * when it has caught up (stst_prefetched gives 0 and the caller stats
 * it), so neither waits for the other.  Each stat is still taken before
 * its file is read, so a change in between is seen, as ever, the next
 * time.
 */
#define PF_RING 512
#define PF_ROOM 64	/* the thread waits for this much room */
#define PF_MINE 16	/* the caller, caught up, takes these */

static struct prefetch {
	int on, notes;
	atomic_int stop;
	atomic_int waiting;	/* the thread waits for room (under mu) */
	atomic_size_t claim;	/* the next case to stat, by either */
	atomic_size_t used;	/* the caller has had cases [0, used) */
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	char *const *dirs;	/* the caller's, until stst_prefetch_stop */
	size_t n;
	size_t mine;		/* the caller stats cases before this */
	struct pstat *ring;	/* PF_RING: case i's in ring[i % PF_RING], */
	atomic_size_t *ready;	/* there when ready[i % PF_RING] is i + 1 */
} P = { .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };

/*
 * The old file's entries, as the thread reads them: each one's dir and
 * flags alone, through a window of the file, to skip the stat of
 * notes/ for a case that was closed (half a firm, most often).  Only a
 * hint: a case it says nothing of has its notes/ statted, and a stat not
 * taken is taken by the caller when it needs it.
 */
#define HINT_WINDOW 65536
#define HINT_HEAD (FRAME_HEAD + 2 * 10 + 512)	/* size, hash, dir, flags */

static struct hint {
	int fd;			/* -1: no more */
	long off;		/* the next frame's */
	unsigned char *buf;	/* the file's bytes from base, len of them */
	long base;
	size_t len;
	char dir[512];		/* the frame last read: its dir, flags */
	unsigned flags;
	int have;
} H = { .fd = -1 };

static void
hint_next(void)
{
	struct rd r;
	const char *d;
	size_t n, head;
	uint32_t size;
	uint64_t flags;

	H.have = 0;
	if (H.fd < 0)
		return;
	if (H.off < H.base || H.off + HINT_HEAD > H.base + (long)H.len) {
		ssize_t got = pread(H.fd, H.buf, HINT_WINDOW, H.off);

		H.base = H.off;
		H.len = got > 0 ? (size_t)got : 0;
	}
	if (H.off + FRAME_HEAD > H.base + (long)H.len)
		goto done;	/* the end, or a frame torn */
	r.p = H.buf + (H.off - H.base);
	size = stf_le32(r.p);
	head = (size_t)(H.base + (long)H.len - H.off) - FRAME_HEAD;
	r.p += FRAME_HEAD;
	r.end = r.p + (size < head ? size : head);
	r.bad = 0;
	d = stf_get_mem(&r, &n);
	flags = stf_get_uv(&r);
	if (!d || r.bad || n >= sizeof(H.dir) || size > FRAME_MAX)
		goto done;
	memcpy(H.dir, d, n);
	H.dir[n] = '\0';
	H.flags = (unsigned)flags;
	H.have = 1;
	H.off += FRAME_HEAD + (long)size;
	return;
done:
	close(H.fd);
	H.fd = -1;
}

/* Might the report read dir's notes (is it open, or not known)? */
static int
hint_open(const char *dir)
{
	while (H.have && stf_dir_cmp(H.dir, dir) < 0)
		hint_next();
	return !H.have || strcmp(H.dir, dir) || (H.flags & ENTRY_OPEN);
}

static void
take_stats(struct pstat *ps, const char *dir, int notes)
{
	const char *rel;
	int at = dir_at(dir, &rel);
	char p[4096];

	memset(ps, 0, sizeof(*ps));
	ps->ini.size = ps->notes.size = -1;
	if (snprintf(p, sizeof(p), "%s/" CASE_FILE, rel) < (int)sizeof(p))
		stf_stat(&ps->ini, at, p, &ps->imode);
	if (notes && hint_open(dir) &&
	    snprintf(p, sizeof(p), "%s/" NOTES_DIR, rel) < (int)sizeof(p)) {
		stf_stat(&ps->notes, at, p, &ps->nmode);
		ps->has_notes = 1;
	}
}

static int
no_room(void)
{
	return atomic_load(&P.claim) + PF_ROOM > atomic_load(&P.used) + PF_RING;
}

static void *
prefetch_main(void *arg)
{
	(void)arg;
	while (!atomic_load(&P.stop)) {
		size_t i = atomic_load(&P.claim);

		if (i >= P.n)
			break;
		if (no_room()) {
			pthread_mutex_lock(&P.mu);
			atomic_store(&P.waiting, 1);
			while (!atomic_load(&P.stop) && no_room())
				pthread_cond_wait(&P.cv, &P.mu);
			atomic_store(&P.waiting, 0);
			pthread_mutex_unlock(&P.mu);
			continue;
		}
		if (!atomic_compare_exchange_weak(&P.claim, &i, i + 1))
			continue;	/* the caller took it */
		take_stats(&P.ring[i % PF_RING], P.dirs[i], P.notes);
		atomic_store_explicit(&P.ready[i % PF_RING], i + 1,
				      memory_order_release);
	}
	return NULL;
}

static void
let_go(void)
{
	free(P.ring);
	free(P.ready);
	P.ring = NULL;
	P.ready = NULL;
	if (H.fd >= 0)
		close(H.fd);
	free(H.buf);
	memset(&H, 0, sizeof(H));
	H.fd = -1;
}

int
stst_prefetch(char *const *dirs, size_t n, int notes, int oldfd, long start)
{
	const char *rel;

	stst_prefetch_stop();
	for (size_t i = 0; i < n; i++)
		(void)stst_dir_fd(dirs[i], &rel);	/* opened here, not there */
	if (D.rootfd < 0)
		return -1;
	P.dirs = dirs;
	P.n = n;
	P.notes = notes;
	atomic_store(&P.claim, 0);
	P.mine = 0;
	atomic_store(&P.used, 0);
	atomic_store(&P.stop, 0);
	atomic_store(&P.waiting, 0);
	P.ring = xcalloc(PF_RING, sizeof(*P.ring));
	P.ready = xcalloc(PF_RING, sizeof(*P.ready));
	memset(&H, 0, sizeof(H));
	H.fd = notes && oldfd >= 0 ? fcntl(oldfd, F_DUPFD_CLOEXEC, 0) : -1;
	if (H.fd >= 0) {
		H.buf = xmalloc(HINT_WINDOW);
		H.off = start;
		H.base = -1;
		hint_next();
	}
	for (size_t i = 0; i < PF_RING; i++)
		atomic_init(&P.ready[i], 0);
	if (pthread_create(&P.th, NULL, prefetch_main, NULL)) {
		let_go();
		return -1;
	}
	P.on = 1;
	return 0;
}

void
stst_prefetch_stop(void)
{
	if (!P.on)
		return;
	pthread_mutex_lock(&P.mu);
	atomic_store(&P.stop, 1);
	pthread_cond_broadcast(&P.cv);
	pthread_mutex_unlock(&P.mu);
	pthread_join(P.th, NULL);
	let_go();
	P.on = 0;
}

/* The caller has had cases [0, k]: room for the thread. */
static void
used_to(size_t k)
{
	atomic_store(&P.used, k + 1);
	if (atomic_load(&P.waiting) &&
	    atomic_load(&P.claim) <= k + 1 + PF_RING / 2) {
		pthread_mutex_lock(&P.mu);
		pthread_cond_broadcast(&P.cv);
		pthread_mutex_unlock(&P.mu);
	}
}

int
stst_prefetched(const char *dir, struct pstat *ps, int *notes)
{
	size_t k, used, c;

	if (!P.on)
		return 0;
	used = atomic_load(&P.used);
	for (k = used; k < P.n && k < used + PF_ROOM && P.dirs[k] != dir; k++)
		;
	if (k == P.n || P.dirs[k] != dir)
		return 0;
	if (atomic_load_explicit(&P.ready[k % PF_RING],
				 memory_order_acquire) == k + 1) {
		*ps = P.ring[k % PF_RING];
		used_to(k);
		*notes = ps->has_notes;
		return 1;
	}
	if (k < P.mine) {
		used_to(k);
		return 0;	/* the caller's to stat */
	}
	/*
	 * Caught up: the thread is on k, or not yet there.  The caller stats
	 * k (again, if the thread is on it) and the next PF_MINE cases, and
	 * the thread goes on after them: both work, neither waits.
	 */
	c = atomic_load(&P.claim);
	do {
		P.mine = (c > k ? c : k + 1) + PF_MINE;
		if (P.mine > P.n)
			P.mine = P.n;
	} while (c < P.mine &&
		 !atomic_compare_exchange_weak(&P.claim, &c, P.mine));
	used_to(k);
	return 0;
}
