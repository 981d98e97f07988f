/* out-next.c - `docket next` for people and for programs. */
#include "docket/out.h"
#include "docket/report.h"
#include "docket/work.h"

#include <stdlib.h>
#include <string.h>

/* Display columns of a UTF-8 string (one per code point). */
static size_t
cols(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

void
work_print(FILE *f, const struct report *r, const struct work_item *v,
	   size_t n)
{
	/* every line's why in one buffer, each ending in its NUL */
	struct sb why = SB_INIT;
	size_t *at = xcalloc(n + 1, sizeof(*at)), wid = 8, wwhy = 0;

	for (size_t i = 0; i < n; i++) {
		size_t k = cols(r->cases[v[i].a->c].id);

		at[i] = why.len;
		work_why(&why, v[i].a);
		sb_add(&why, "", 1);
		if (k > wid)
			wid = k;
		if ((k = cols(why.buf + at[i])) > wwhy)
			wwhy = k;
	}
	if (wid > 24)
		wid = 24;
	if (wwhy > 64)
		wwhy = 64;
	for (size_t i = 0; i < n; i++) {
		const struct raction *a = v[i].a;
		const char *color = v[i].urgency >= 80 ? c_red() :
				    v[i].urgency >= 50 ? c_yellow() : "";
		const char *w = why.buf + at[i];
		size_t k = cols(w), pad = k < wwhy ? wwhy - k : 0;

		tfprintf(f, "%-*s  %s%-10s%s  %s%*s  %s\n", (int)wid,
			 r->cases[a->c].id, color, action_names[a->action],
			 c_off(), w, (int)pad, "", *a->who ? a->who : "-");
	}
	sb_free(&why);
	free(at);
}

void
work_json(FILE *f, const struct report *r, const struct work_item *v,
	  size_t n)
{
	struct json j;
	struct sb why = SB_INIT;

	json_init(&j, f);
	json_arr(&j, NULL);
	for (size_t i = 0; i < n; i++) {
		const struct raction *a = v[i].a;

		sb_reset(&why);
		work_why(&why, a);
		json_obj(&j, NULL);
		json_str(&j, "case", r->cases[a->c].id);
		json_str(&j, "action", action_names[a->action]);
		json_str(&j, "why", why.buf);
		json_str(&j, "who", a->who);
		json_int(&j, "urgency", v[i].urgency);
		json_end_obj(&j);
	}
	json_end_arr(&j);
	json_finish(&j);
	sb_free(&why);
}
