/*
 * search.h - text found in the firm's cases: every case.ini value and
 * every note line that matches, in every case, open or closed (the files
 * as they are: a case that does not parse is searched too).
 *
 * A plain pattern matches case-insensitively (ASCII letters); one that
 * reads as a phone number (digits with spaces, dashes, dots, brackets or
 * a '+', at least four digits) also matches a number written with other
 * punctuation or none.  A regular pattern is a POSIX extended regular
 * expression, case-insensitive.
 *
 * Ownership: a struct search_hit's strings belong to the search and are
 * valid only during the callback.
 */
#ifndef DOCKET_SEARCH_H
#define DOCKET_SEARCH_H

struct search_hit {
	const char *id;		/* the case */
	const char *file;	/* relative to the firm */
	int line;		/* 1 for the first */
	const char *text;	/* the line, without its end */
};

enum search_flags {
	SEARCH_REGEX = 1 << 0,
	SEARCH_NOTES_ONLY = 1 << 1,
};

/*
 * Call cb for each line that matches pattern, by case ID, then case.ini
 * before the notes (oldest first), then line; a non-zero return from cb
 * stops the search and is returned.  0, DK_EINVAL (a bad pattern).
 */
int search_cases(const char *root, const char *pattern, unsigned flags,
		 int (*cb)(void *arg, const struct search_hit *h), void *arg);

#endif
