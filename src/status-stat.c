/* status-stat.c - where the status cache stats a case's files from, and
 * the stat data taken ahead on a second thread (see status-file.h). */
#include "status-file.h"
#include "docket/case.h"
#include "docket/note.h"
#include "docket/util.h"

#include <fcntl.h>
#include <pthread.h>
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
 * many cases there are).  Each stat is still taken before the file is
 * read, so a change in between is seen, as ever, the next time.
 */
#define PF_RING 512
#define PF_BATCH 64

static struct prefetch {
	int on, stop, notes;
	int waiting;		/* the thread waits for room */
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	char *const *dirs;	/* the caller's, until stst_prefetch_stop */
	size_t n;
	size_t made, used;	/* stats taken, and given (under mu) */
	struct pstat *ring;	/* PF_RING */
} P = { .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };

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
	if (notes && snprintf(p, sizeof(p), "%s/" NOTES_DIR, rel) < (int)sizeof(p))
		stf_stat(&ps->notes, at, p, &ps->nmode);
}

static void *
prefetch_main(void *arg)
{
	size_t i = 0;

	(void)arg;
	for (;;) {
		size_t lim;
		int stop;

		pthread_mutex_lock(&P.mu);
		P.made = i;
		pthread_cond_broadcast(&P.cv);
		while (!P.stop && i < P.n && i - P.used > PF_RING - PF_BATCH) {
			P.waiting = 1;
			pthread_cond_wait(&P.cv, &P.mu);
		}
		P.waiting = 0;
		stop = P.stop || i >= P.n;
		lim = P.used + PF_RING;
		pthread_mutex_unlock(&P.mu);
		if (stop)
			return NULL;
		if (lim > P.n)
			lim = P.n;
		if (lim > i + PF_BATCH)
			lim = i + PF_BATCH;
		for (; i < lim; i++)
			take_stats(&P.ring[i % PF_RING], P.dirs[i], P.notes);
	}
}

int
stst_prefetch(char *const *dirs, size_t n, int notes)
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
	P.made = P.used = 0;
	P.stop = P.waiting = 0;
	P.ring = xcalloc(PF_RING, sizeof(*P.ring));
	if (pthread_create(&P.th, NULL, prefetch_main, NULL)) {
		free(P.ring);
		P.ring = NULL;
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
	P.stop = 1;
	pthread_cond_broadcast(&P.cv);
	pthread_mutex_unlock(&P.mu);
	pthread_join(P.th, NULL);
	free(P.ring);
	P.ring = NULL;
	P.on = 0;
}

int
stst_prefetched(const char *dir, struct pstat *ps, int *notes)
{
	size_t k;

	if (!P.on)
		return 0;
	pthread_mutex_lock(&P.mu);
	for (k = P.used; k < P.n && k < P.used + PF_BATCH && P.dirs[k] != dir;
	     k++)
		;
	if (k == P.n || P.dirs[k] != dir) {
		pthread_mutex_unlock(&P.mu);
		return 0;
	}
	while (P.made <= k)
		pthread_cond_wait(&P.cv, &P.mu);
	*ps = P.ring[k % PF_RING];
	P.used = k + 1;
	if (P.waiting && P.made - P.used <= PF_RING / 2)
		pthread_cond_broadcast(&P.cv);	/* room for a few batches */
	pthread_mutex_unlock(&P.mu);
	*notes = P.notes;
	return 1;
}

