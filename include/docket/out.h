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

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "docket/util.h"

#define JSON_DEPTH 32

struct json {
	FILE *f;
	struct sb out;		/* written to f a block at a time, and when
				 * a value at the top ends (json_finish) */
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
/* An amount as a string, "12450.00" (money.h); MONEY_NONE: null. */
void json_money(struct json *j, const char *key, int64_t v);
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
 * same thing, so a calendar that imports it again updates it.  alarms:
 * the days before date to remind (a VALARM each), 0-terminated, or NULL;
 * cancelled: STATUS:CANCELLED, so a calendar that has it removes it. */
void ics_event(struct ics *w, const char *uid, long date, const char *summary,
	       const char *description, const int *alarms, int cancelled);
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

/*
 * Human output never lets a value's control characters reach a terminal
 * raw: a newline could forge a line, an escape sequence could rewrite the
 * screen.  They are written visibly, as docket(1) describes: \n \r \t \e,
 * \xNN for the other C0 controls, DEL and each byte that is not UTF-8,
 * \uNNNN for C1 controls, U+2028, U+2029 and the bidirectional controls.
 * Other text (accents, CJK) is written as it is.
 *
 * sb_add_escaped appends len bytes of s so escaped; with lines, newlines
 * and tabs stay as they are (text of several lines, such as a note).
 */
void sb_add_escaped(struct sb *out, const char *s, size_t len, int lines);
/* One UTF-8 sequence at s (n bytes left): its length and code point, or 0
 * when it is not valid UTF-8 (overlong, a surrogate, cut short). */
size_t utf8_char(const char *s, size_t n, unsigned *cp);
/* Display columns of n bytes of UTF-8: one per code point. */
size_t utf8_cols(const char *s, size_t n);
/* Is cp one of those written as \uNNNN (C1, U+2028/9, bidi controls)? */
int is_hidden(unsigned cp);
/* s escaped, as one line; print_lines keeps its newlines and tabs. */
void print_clean(FILE *f, const char *s);
void print_lines(FILE *f, const char *s);
/* The wording of human output, once: one or many as n is 1 or not
 * ("1 day", "2 days"); and a day as it is from today: "today",
 * "tomorrow", "in 3 days", "1 day late", "2 days late" (into buf). */
/* v with two decimals at most and no trailing zeros ("84.95", "3.5",
 * "80"), into buf. */
char *fmt_num(char *buf, size_t size, double v);
const char *plural(long n, const char *one, const char *many);
const char *days_phrase(char *buf, size_t size, long days);
/* A column of names: s padded to width columns, or cut to width - 1 and
 * "…" when it is longer, so the columns after it stay in line.  A new
 * string.  s is a name (ASCII, one column a byte). */
#define NAME_COLUMN 20
char *name_cell(const char *s, size_t width);

/*
 * printf for human output: every %s argument is escaped (its precision
 * cuts bytes before, its width pads after), except the colour codes of
 * c_red() and the rest, written as they are; %c is escaped too.  Every
 * human printer writes through these.
 */
void tprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void tfprintf(FILE *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void vtfprintf(FILE *f, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* A value as HTML text, every character that means something escaped;
 * a note's CommonMark as HTML, raw HTML suppressed and images shown as
 * text (out-report-html.c). */
void html_text(FILE *f, const char *s);
void html_markdown(FILE *f, const char *md, size_t len);
/* A value as literal Markdown text (out-report-md.c). */
void md_text(FILE *f, const char *s);

#endif
