/* ics.c - unit tests of the iCalendar writer: folding and escaping. */
#include "docket/out.h"
#include "docket/util.h"

#include "unit.h"

#include <stdlib.h>

/* The bytes ics_line writes for name:value. */
static char *
line_of(const char *name, const char *value)
{
	struct ics w;
	char *buf = NULL;
	size_t len = 0;

	w.f = open_memstream(&buf, &len);
	w.stamp = 0;
	ics_line(&w, name, value);
	fclose(w.f);
	return buf;
}

static char *
escaped(const char *value)
{
	struct sb sb = SB_INIT;

	ics_escape(&sb, value);
	return sb_detach(&sb);
}

int
main(void)
{
	char *s, v[200];

	s = line_of("SUMMARY", "short");
	CHECK(!strcmp(s, "SUMMARY:short\r\n"));
	free(s);

	/* 75 octets exactly: not folded; 76: folded after 75 */
	memset(v, 'a', sizeof(v));
	v[75 - 8] = '\0';
	s = line_of("SUMMARY", v);
	CHECK_INT(strlen(s), 77);
	CHECK(!strchr(s, ' '));
	free(s);
	v[75 - 8] = 'a';
	v[76 - 8] = '\0';
	s = line_of("SUMMARY", v);
	CHECK_INT(strlen(s), 75 + 3 + 1 + 2);
	CHECK(!strncmp(s + 75, "\r\n a\r\n", 6));
	free(s);

	/* a two-octet character across octet 75 goes whole to the next line */
	memset(v, 'a', sizeof(v));
	memcpy(v + 66, "\xc3\xa9", 2);	/* octets 75 and 76 of the line */
	v[70] = '\0';
	s = line_of("SUMMARY", v);
	CHECK(!strncmp(s + 74, "\r\n \xc3\xa9", 5));
	free(s);

	/* continuation lines hold 74 octets after their space */
	memset(v, 'b', sizeof(v));
	v[75 - 8 + 74 + 5] = '\0';
	s = line_of("SUMMARY", v);
	CHECK(!strncmp(s + 75, "\r\n ", 3));
	CHECK(!strncmp(s + 75 + 3 + 74, "\r\n bbbbb\r\n", 10));
	free(s);

	/* a four-octet character is never cut */
	memset(v, 'c', sizeof(v));
	memcpy(v + 65, "\xf0\x9f\x93\x85", 4);	/* octets 74 to 77 */
	v[72] = '\0';
	s = line_of("SUMMARY", v);
	CHECK(!strncmp(s + 73, "\r\n \xf0\x9f\x93\x85", 7));
	free(s);

	s = escaped("a\\b;c,d\ne");
	CHECK_STR(s, "a\\\\b\\;c\\,d\\ne");
	free(s);
	s = escaped("tab\there, bell\a");
	CHECK_STR(s, "tab\there\\, bell ");
	free(s);
	s = escaped("Überprüfung: 10:30");
	CHECK_STR(s, "Überprüfung: 10:30");
	free(s);
	return UNIT_DONE();
}
