/* out-json.c - a small streaming JSON writer. */
#include "docket/case.h"
#include "docket/date.h"
#include "docket/money.h"
#include "docket/out.h"

#include <stdio.h>
#include <string.h>

/* The bytes that do not stand for themselves in a JSON string: controls,
 * '"', '\\', '<', '>', '&' (inert if the JSON lands in a page), DEL and
 * up, and the NUL that ends a string. */
static const unsigned char *
special(void)
{
	static unsigned char t[256];

	if (!t[0])
		for (int c = 0; c < 256; c++)
			t[c] = c < 0x20 || c >= 0x7f || c == '"' || c == '\\' ||
			       c == '<' || c == '>' || c == '&';
	return t;
}

void
json_quote(struct sb *out, const char *s)
{
	const unsigned char *sp = special();
	const unsigned char *end = (const unsigned char *)s + strlen(s);

	sb_addc(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		const unsigned char *q = p;
		unsigned cp;
		size_t n;

		/* a run of bytes that stand for themselves, at once */
		while (!sp[*q])
			q++;
		if (q > p) {
			sb_add(out, p, (size_t)(q - p));
			p = q - 1;
			continue;
		}
		if (*p >= 0x80) {
			/* C1 controls and the like as \u escapes; a byte that
			 * is not UTF-8 as U+FFFD, so the JSON stays valid */
			n = utf8_char((const char *)p, (size_t)(end - p), &cp);
			if (!n)
				sb_adds(out, "\\ufffd");
			else if (is_hidden(cp))
				sb_addf(out, "\\u%04x", cp);
			else
				sb_add(out, p, n);
			p += n ? n - 1 : 0;
			continue;
		}
		switch (*p) {
		case '"': sb_adds(out, "\\\""); break;
		case '\\': sb_adds(out, "\\\\"); break;
		case '\n': sb_adds(out, "\\n"); break;
		case '\r': sb_adds(out, "\\r"); break;
		case '\t': sb_adds(out, "\\t"); break;
		case '\b': sb_adds(out, "\\b"); break;
		case '\f': sb_adds(out, "\\f"); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				sb_addf(out, "\\u%04x", *p);
			else if (*p == '<' || *p == '>' || *p == '&')
				/* inert if the JSON lands in a page */
				sb_addf(out, "\\u%04x", *p);
			else
				sb_addc(out, (char)*p);
		}
	}
	sb_addc(out, '"');
}

void
json_init(struct json *j, FILE *f)
{
	memset(j, 0, sizeof(*j));
	j->f = f;
}

/* What is written goes to j->out, and on to the FILE a block at a time
 * (a report is megabytes: a stdio call a byte was a tenth of its time). */
#define JSON_BLOCK 16384

static void
flush(struct json *j)
{
	if (j->out.len)
		fwrite(j->out.buf, 1, j->out.len, j->f);
	sb_free(&j->out);
}

static void
put(struct json *j, const char *s, size_t n)
{
	sb_add(&j->out, s, n);
	if (j->out.len >= JSON_BLOCK) {
		fwrite(j->out.buf, 1, j->out.len, j->f);
		sb_reset(&j->out);
	}
}

static void
puts_(struct json *j, const char *s)
{
	put(j, s, strlen(s));
}

static void
putc_(struct json *j, char c)
{
	put(j, &c, 1);
}

static void
indent(struct json *j)
{
	static char nl[1 + 2 * JSON_DEPTH];	/* a newline, then spaces */

	if (!nl[0]) {
		nl[0] = '\n';
		memset(nl + 1, ' ', sizeof(nl) - 1);
	}
	put(j, nl, 1 + 2 * (size_t)j->depth);
}

/* Does s stand for itself in quotes (the common case, printed at once)?
 * Its length, or -1. */
static long
plain(const char *s)
{
	const unsigned char *sp = special(), *p = (const unsigned char *)s;

	while (!sp[*p])
		p++;
	return *p ? -1 : (long)(p - (const unsigned char *)s);
}

static void
item(struct json *j, const char *key)
{
	long n;

	if (j->depth > 0) {
		if (j->count[j->depth]++)
			putc_(j, ',');
		indent(j);
	}
	if (key && (n = plain(key)) >= 0) {
		putc_(j, '"');
		put(j, key, (size_t)n);
		put(j, "\": ", 3);
	} else if (key) {
		json_quote(&j->out, key);
		puts_(j, ": ");
	}
}

static void
open_(struct json *j, const char *key, char c)
{
	item(j, key);
	putc_(j, c);
	if (j->depth < JSON_DEPTH - 1)
		j->depth++;
	j->count[j->depth] = 0;
}

static void
close_(struct json *j, char c)
{
	int had = j->count[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (had)
		indent(j);
	putc_(j, c);
	if (!j->depth)
		flush(j);	/* the whole value: out now */
}

void json_obj(struct json *j, const char *key) { open_(j, key, '{'); }
void json_arr(struct json *j, const char *key) { open_(j, key, '['); }
void json_end_obj(struct json *j) { close_(j, '}'); }
void json_end_arr(struct json *j) { close_(j, ']'); }

void
json_str(struct json *j, const char *key, const char *v)
{
	long n;

	if (!v) {
		json_null(j, key);
		return;
	}

	item(j, key);
	if ((n = plain(v)) >= 0) {
		putc_(j, '"');
		put(j, v, (size_t)n);
		putc_(j, '"');
		return;
	}
	json_quote(&j->out, v);
	put(j, "", 0);	/* the block, if it is full */
}

void
json_int(struct json *j, const char *key, long v)
{
	item(j, key);
	sb_addl(&j->out, v);
	put(j, "", 0);	/* the block, if it is full */
}

void
json_real(struct json *j, const char *key, double v)
{
	char buf[64];
	size_t n;

	item(j, key);
	snprintf(buf, sizeof(buf), "%.2f", v);
	/* 84.50 -> 84.5, 80.00 -> 80 */
	n = strlen(buf);
	while (n && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n && buf[n - 1] == '.')
		buf[--n] = '\0';
	puts_(j, buf);
}

void
json_bool(struct json *j, const char *key, int v)
{
	item(j, key);
	puts_(j, v ? "true" : "false");
}

void
json_null(struct json *j, const char *key)
{
	item(j, key);
	puts_(j, "null");
}

void
json_date(struct json *j, const char *key, long date)
{
	char buf[DATE_LEN];

	if (date == NO_DATE)
		json_null(j, key);
	else
		json_str(j, key, date_fmt(buf, date));
}

void
json_money(struct json *j, const char *key, int64_t v)
{
	char buf[MONEY_LEN];

	if (v == MONEY_NONE)
		json_null(j, key);
	else
		json_str(j, key, money_fmt(buf, v));
}

void
json_finish(struct json *j)
{
	putc_(j, '\n');
	flush(j);
}
