/* out-ics.c - iCalendar (RFC 5545): a calendar of all-day events. */
#include "docket/date.h"
#include "docket/out.h"

#include <stdio.h>
#include <string.h>

#define FOLD_OCTETS 75

void
ics_escape(struct sb *out, const char *value)
{
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		if (*p == '\\' || *p == ';' || *p == ',') {
			sb_addc(out, '\\');
			sb_addc(out, (char)*p);
		} else if (*p == '\n') {
			sb_adds(out, "\\n");
		} else if (*p == '\r') {
			continue;
		} else if ((*p < 0x20 && *p != '\t') || *p == 0x7f) {
			/* TEXT holds no control characters */
			sb_addc(out, ' ');
		} else {
			sb_addc(out, (char)*p);
		}
	}
}

/*
 * "Lines of text SHOULD NOT be longer than 75 octets, excluding the line
 * break": a long line goes on after CRLF and one space, cut before a byte
 * that starts a UTF-8 character.
 */
void
ics_line(struct ics *w, const char *name, const char *value)
{
	struct sb line = SB_INIT;
	size_t start = 0, room = FOLD_OCTETS;

	sb_addf(&line, "%s:%s", name, value);
	while (line.len - start > room) {
		size_t cut = start + room;

		while (cut > start + 1 &&
		       ((unsigned char)line.buf[cut] & 0xc0) == 0x80)
			cut--;
		fwrite(line.buf + start, 1, cut - start, w->f);
		fputs("\r\n ", w->f);
		start = cut;
		room = FOLD_OCTETS - 1;	/* the space counts */
	}
	fwrite(line.buf + start, 1, line.len - start, w->f);
	fputs("\r\n", w->f);
	sb_free(&line);
}

static void
ics_text(struct ics *w, const char *name, const char *value)
{
	struct sb sb = SB_INIT;

	ics_escape(&sb, value);
	ics_line(w, name, sb_str(&sb));
	sb_free(&sb);
}

/* YYYYMMDD of a day number, into buf (9 bytes) */
static char *
ics_date(char *buf, long date)
{
	char iso[DATE_LEN];
	size_t n = 0;

	date_fmt(iso, date);
	for (const char *p = iso; *p && n < 8; p++)
		if (*p != '-')
			buf[n++] = *p;
	buf[n] = '\0';
	return buf;
}

void
ics_begin(struct ics *w, FILE *f, time_t stamp, const char *calname)
{
	w->f = f;
	w->stamp = stamp;
	ics_line(w, "BEGIN", "VCALENDAR");
	ics_line(w, "VERSION", "2.0");
	ics_line(w, "PRODID", "-//docket//docket//EN");
	ics_line(w, "CALSCALE", "GREGORIAN");
	if (calname && *calname)
		ics_text(w, "X-WR-CALNAME", calname);
}

void
ics_event(struct ics *w, const char *uid, long date, const char *summary,
	  const char *description, const int *alarms, int cancelled)
{
	char d[9], t[32], before[32];
	struct tm tm;

	gmtime_r(&w->stamp, &tm);
	strftime(t, sizeof(t), "%Y%m%dT%H%M%SZ", &tm);
	ics_line(w, "BEGIN", "VEVENT");
	ics_text(w, "UID", uid);
	ics_line(w, "DTSTAMP", t);
	ics_line(w, "DTSTART;VALUE=DATE", ics_date(d, date));
	ics_line(w, "DTEND;VALUE=DATE", ics_date(d, date + 1));
	ics_text(w, "SUMMARY", summary);
	if (description && *description)
		ics_text(w, "DESCRIPTION", description);
	ics_line(w, "TRANSP", "TRANSPARENT");
	if (cancelled)
		ics_line(w, "STATUS", "CANCELLED");
	for (; !cancelled && alarms && *alarms > 0; alarms++) {
		snprintf(before, sizeof(before), "-P%dD", *alarms);
		ics_line(w, "BEGIN", "VALARM");
		ics_line(w, "ACTION", "DISPLAY");
		ics_text(w, "DESCRIPTION", summary);
		ics_line(w, "TRIGGER", before);
		ics_line(w, "END", "VALARM");
	}
	ics_line(w, "END", "VEVENT");
}

void
ics_end(struct ics *w)
{
	ics_line(w, "END", "VCALENDAR");
}
