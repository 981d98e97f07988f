/* out-next.c - `docket next` for people and for programs. */
#include "docket/out.h"
#include "docket/report.h"
#include "docket/work.h"

#include <stdlib.h>
#include <string.h>

void
work_print(FILE *f, const struct report *r, const struct work_item *v,
	   size_t n)
{
	/* a line's why is made twice, for the widest and for its line, rather
	 * than kept: tens of thousands of lines at 50,000 cases */
	struct sb why = SB_INIT, out = SB_INIT;
	size_t wid = 8, wwhy = 0;

	for (size_t i = 0; i < n; i++) {
		const char *id;
		size_t k;

		/* the actions are visited out of their order: fetched ahead */
		if (i + 16 < n)
			__builtin_prefetch(v[i + 16].a);
		if (i + 8 < n) {
			__builtin_prefetch(&r->cases[v[i + 8].a->c]);
			__builtin_prefetch(v[i + 8].a->name);
		}
		if (i + 4 < n)
			__builtin_prefetch(r->cases[v[i + 4].a->c].id);
		id = r->cases[v[i].a->c].id;
		if ((k = utf8_cols(id, strlen(id))) > wid)
			wid = k;
		if (wwhy < 64) {	/* no wider is wanted */
			sb_reset(&why);
			work_why(&why, v[i].a);
			if ((k = utf8_cols(why.buf, why.len)) > wwhy)
				wwhy = k;
		}
	}
	if (wid > 24)
		wid = 24;
	if (wwhy > 64)
		wwhy = 64;
	/* the lines built in one buffer (as tfprintf would: escaped, the
	 * case padded to wid bytes), written a block at a time */
	for (size_t i = 0; i < n; i++) {
		const struct raction *a = v[i].a;
		const char *color = v[i].urgency >= 80 ? c_red() :
				    v[i].urgency >= 50 ? c_yellow() : "";
		const char *name = action_names[a->action], *who;
		size_t k, len;

		if (i + 8 < n) {
			__builtin_prefetch(r->cases[v[i + 8].a->c].id);
			__builtin_prefetch(v[i + 8].a->who);
		}
		sb_reset(&why);
		work_why(&why, a);
		k = utf8_cols(why.buf, why.len);
		len = out.len;
		sb_add_escaped(&out, r->cases[a->c].id,
			       strlen(r->cases[a->c].id), 0);
		if (out.len - len < wid)
			sb_addrep(&out, ' ', wid - (out.len - len));
		sb_adds(&out, "  ");
		sb_adds(&out, color);
		len = strlen(name);
		sb_add(&out, name, len);
		if (len < 10)
			sb_addrep(&out, ' ', 10 - len);
		sb_adds(&out, c_off());
		sb_adds(&out, "  ");
		sb_add_escaped(&out, why.buf, why.len, 0);
		if (k < wwhy)
			sb_addrep(&out, ' ', wwhy - k);
		sb_adds(&out, "  ");
		who = *a->who ? a->who : "-";
		sb_add_escaped(&out, who, strlen(who), 0);
		sb_addc(&out, '\n');
		if (out.len >= 16384 || i + 1 == n) {
			fwrite(out.buf, 1, out.len, f);
			sb_reset(&out);
		}
	}
	sb_free(&out);
	sb_free(&why);
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
