/*
 * out.h - the writers: JSON, iCalendar, terminal text (colour, plain-text
 * rendering of a note's CommonMark).
 *
 * Ownership: a struct json and a struct ics write to a FILE they do not
 * own.  The
 * render_* functions append to a struct sb the caller owns.
 */
#ifndef DOCKET_OUT_H
#define DOCKET_OUT_H

#include <stdio.h>
#include <time.h>

#include "docket/util.h"

#define JSON_DEPTH 32

struct json {
	FILE *f;
	int depth;
	int count[JSON_DEPTH];	/* items written at each depth */
};

void json_init(struct json *j, FILE *f);
void json_obj(struct json *j, const char *key);	/* key NULL in arrays */
void json_arr(struct json *j, const char *key);
void json_end_obj(struct json *j);
void json_end_arr(struct json *j);
void json_str(struct json *j, const char *key, const char *v);	/* NULL: null */
void json_int(struct json *j, const char *key, long v);
void json_real(struct json *j, const char *key, double v);	/* 2 decimals */
void json_bool(struct json *j, const char *key, int v);
void json_null(struct json *j, const char *key);
void json_date(struct json *j, const char *key, long date);	/* NO_DATE: null */
void json_finish(struct json *j);	/* the final newline */
/* s as a JSON string literal, appended to out. */
void json_quote(struct sb *out, const char *s);

/*
 * An RFC 5545 calendar of all-day events: CRLF line ends, lines folded at
 * 75 octets (never inside a UTF-8 sequence), text escaped.  stamp (the
 * clock) is every event's DTSTAMP, so the same data gives the same bytes.
 */
struct ics {
	FILE *f;
	time_t stamp;
};

void ics_begin(struct ics *w, FILE *f, time_t stamp, const char *calname);
/* One all-day event on date (a day number); uid stays the same for the
 * same thing, so a calendar that imports it again updates it. */
void ics_event(struct ics *w, const char *uid, long date, const char *summary,
	       const char *description);
void ics_end(struct ics *w);
/* One content line "name:value", folded, with CRLF. */
void ics_line(struct ics *w, const char *name, const char *value);
/* value escaped as iCalendar TEXT (\ ; , and newlines), appended to out. */
void ics_escape(struct sb *out, const char *value);

/* Colour: on only when stdout is a terminal, NO_COLOR is unset (or
 * empty) and TERM is not "dumb". */
extern int color_on;
void color_setup(void);
const char *c_red(void);
const char *c_yellow(void);
const char *c_green(void);
const char *c_bold(void);
const char *c_dim(void);
const char *c_off(void);

/*
 * A note's CommonMark as plain text for a terminal, indented by indent
 * spaces and wrapped at width columns.  Text that cmark would take too long
 * over (deep nesting) is shown as it is.
 */
void render_note_text(struct sb *out, const char *md, size_t len, int indent,
		      int width);
/* Is this Markdown safe to hand to cmark in reasonable time? */
int markdown_tame(const char *md, size_t len);

/*
 * Progress of long work (a scan of thousands of cases, a sync) on stderr,
 * only when stderr is a terminal: "what: done/total", redrawn at most ten
 * times a second; progress_end() clears the line.
 */
void progress(const char *what, size_t done, size_t total);
void progress_end(void);

/* The terminal's width in columns when stdout is one (at least 40), else
 * 80. */
int terminal_width(void);

/* Print s with control characters (but newlines and tabs) made visible. */
void print_clean(FILE *f, const char *s);

#endif
