/*
 * out-show.h - `docket show ID --md` and `--html FILE`: the whole case,
 * for the client's file or a referral, every value escaped and every
 * note rendered by cmark with raw HTML suppressed (src/out-show.c).
 *
 * Ownership: the writers read what they are given and keep nothing.
 */
#ifndef DOCKET_OUT_SHOW_H
#define DOCKET_OUT_SHOW_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

struct dcase;

struct show_note {
	time_t time;
	const char *kind, *author;
	const char *text;	/* CommonMark, len bytes; NULL: unreadable */
	size_t len;
	const char *error;	/* why it could not be read */
};

struct show_file {
	const char *name;
	long size;		/* bytes */
	long date;		/* NO_DATE: unknown */
};

struct show_page {
	const struct dcase *c;
	const char *firm;	/* the firm's name, or "" */
	long today;
	const struct show_note *notes;
	size_t nnotes;
	const struct show_file *files;
	size_t nfiles;
};

void show_md(FILE *f, const struct show_page *p);
void show_html(FILE *f, const struct show_page *p);

#endif
