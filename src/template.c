/* template.c - letters and call scripts from templates (see template.h). */
#include "docket/template.h"
#include "docket/case.h"
#include "docket/cfg.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/firm.h"
#include "docket/id.h"
#include "docket/out.h"
#include "docket/workflow.h"

#include <cmark.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- escaping ---- */

void
md_escape(struct sb *out, const char *s, size_t len, int line_start)
{
	int start = line_start;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n') {
			sb_addc(out, '\n');
			start = 1;
			continue;
		}
		/* spaces that start a line would make it code */
		if (start && (c == ' ' || c == '\t'))
			continue;
		if (strchr("\\`*_[]<>&~|", c) && c) {
			sb_addc(out, '\\');
		} else if (start && strchr("#+-=>", c) && c) {
			sb_addc(out, '\\');
		} else if (start && isdigit(c)) {
			/* "1986. A year": an ordered list item */
			size_t k = i;

			while (k < len && isdigit((unsigned char)s[k]))
				k++;
			sb_add(out, s + i, k - i);
			if (k < len && (s[k] == '.' || s[k] == ')')) {
				sb_addc(out, '\\');
				sb_addc(out, s[k]);
				k++;
			}
			i = k - 1;
			start = 0;
			continue;
		}
		sb_addc(out, (char)c);
		start = 0;
	}
}

void
md_line(struct sb *out, const char *s)
{
	struct sb e = SB_INIT;

	sb_add_escaped(&e, s, strlen(s), 0);
	md_escape(out, sb_str(&e), e.len, 0);
	sb_free(&e);
}

void
html_escape(struct sb *out, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t bad = len - i;
		int ok = utf8_valid(s + i, len - i, &bad);
		size_t good = ok ? len - i : bad;

		for (size_t k = i; k < i + good; k++) {
			unsigned char c = (unsigned char)s[k];

			switch (c) {
			case '&': sb_adds(out, "&amp;"); break;
			case '<': sb_adds(out, "&lt;"); break;
			case '>': sb_adds(out, "&gt;"); break;
			case '"': sb_adds(out, "&quot;"); break;
			case '\'': sb_adds(out, "&#39;"); break;
			default:
				if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
					sb_adds(out, "\xef\xbf\xbd");
				else
					sb_addc(out, (char)c);
			}
		}
		i += good;
		if (i < len) {
			sb_adds(out, "\xef\xbf\xbd");
			i++;
		}
	}
}

/* ---- filling ---- */

static int
field_char(char c)
{
	return isalnum((unsigned char)c) || c == '.' || c == '_' || c == '-';
}

/* Is out at the start of a line, or only spaces after one? */
static int
at_line_start(const struct sb *out)
{
	for (size_t i = out->len; i-- > 0;) {
		if (out->buf[i] == '\n')
			return 1;
		if (out->buf[i] != ' ' && out->buf[i] != '\t')
			return 0;
	}
	return 1;
}

size_t
template_fill(struct sb *out, struct strv *problems, const char *text,
	      size_t len, tmpl_field_fn fn, void *arg)
{
	size_t n = 0;
	int line = 1;

	if (!out->buf)
		sb_add(out, "", 0);
	for (size_t i = 0; i < len;) {
		const char *p = text + i, *eol, *close;
		size_t a, b, end;
		char *field;
		const char *value = NULL, *why = NULL;

		if (*p == '\n')
			line++;
		if (*p == '\\' && i + 2 < len && p[1] == '{' && p[2] == '{') {
			sb_add(out, p, 3);
			i += 3;
			continue;
		}
		if (!(*p == '{' && i + 1 < len && p[1] == '{')) {
			sb_addc(out, *p);
			i++;
			continue;
		}
		eol = memchr(p, '\n', len - i);
		if (!eol)
			eol = text + len;
		close = NULL;
		for (const char *q = p + 2; q + 1 < eol; q++)
			if (q[0] == '}' && q[1] == '}') {
				close = q;
				break;
			}
		if (!close) {
			/* braces that do not close on the line are text */
			sb_add(out, p, 2);
			i += 2;
			continue;
		}
		end = (size_t)(close - text) + 2;
		for (a = i + 2; a < end - 2 && text[a] == ' '; a++)
			;
		for (b = end - 2; b > a && text[b - 1] == ' '; b--)
			;
		field = xstrndup(text + a, b - a);
		for (size_t k = a; k < b && !why; k++)
			if (!field_char(text[k]))
				why = "not a field name";
		if (b == a)
			why = "not a field name";
		if (!why) {
			const char *no = NULL;

			if (fn(arg, field, &value, &no) < 0)
				why = no ? no : "no such field";
			else if (!value || !*value)
				why = "empty";
		}
		if (why) {
			strv_push_owned(problems, xasprintf("%.*s (line %d: %s)",
							    (int)(end - i), p,
							    line, why));
			sb_add(out, p, end - i);
			n++;
		} else {
			/* a control character shows as text does on a
			 * terminal (\e, \x01): never raw */
			struct sb vis = SB_INIT;

			sb_add_escaped(&vis, value, strlen(value), 1);
			md_escape(out, sb_str(&vis), vis.len, at_line_start(out));
			sb_free(&vis);
		}
		free(field);
		i = end;
	}
	return n;
}

/* ---- the fields of a case ---- */

static const char *
staff_key(const struct firm *f, const char *handle, const char *key)
{
	char *sec = cfg_subsection("staff", handle);
	const char *v = cfg_get(f->cfg, sec, key);

	free(sec);
	return v;
}

/* A key of the case's [kind "handle"] section. */
static int
sub_key(const struct dcase *c, const char *kind, const char *handle,
	const char *key, const char **value, const char **why)
{
	char *sec = cfg_subsection(kind, handle);
	int r = 0;

	if (!cfg_has_section(c->cfg, sec)) {
		*why = !strcmp(kind, "policy") ? "no such policy" :
		       "no such provider";
		r = -1;
	} else if (!(*value = cfg_get(c->cfg, sec, key))) {
		*why = "no such field";
		r = -1;
	}
	free(sec);
	return r;
}

int
tmpl_case_field(void *arg, const char *field, const char **value,
		const char **why)
{
	struct tmpl_case *t = arg;
	const struct dcase *c = t->c;
	const char *dot = strchr(field, '.');
	char *section = NULL, *key = NULL;
	int r = -1;

	*value = NULL;
	*why = "no such field";
	if (!strcmp(field, "today")) {
		*value = date_fmt(t->buf, t->today);
		return 0;
	}
	if (!dot)
		return -1;
	if (!strcmp(field, "case.id")) {
		*value = c->id;
		return 0;
	}
	if (!strcmp(field, "me.name") || !strcmp(field, "me.email")) {
		*value = field[3] == 'n' ? t->me_name : t->me_email;
		return 0;
	}
	if (has_prefix(field, "firm.")) {
		*value = cfg_get(t->firm->cfg, "firm", field + 5);
		return *value ? 0 : -1;
	}
	if (has_prefix(field, "attorney.") || has_prefix(field, "manager.")) {
		const char *h = field[0] == 'a' ? c->attorney : c->manager;

		if (!*h) {
			*why = field[0] == 'a' ? "the case has no attorney" :
			       "the case has no manager";
			return -1;
		}
		if (!firm_staff(t->firm, h)) {
			*why = "not in docket.ini's [staff]";
			return -1;
		}
		*value = staff_key(t->firm, h, dot + 1);
		return *value ? 0 : -1;
	}
	if (field_split(field, &section, &key) < 0)
		return -1;
	if (!strchr(dot + 1, '.') &&
	    (!strcmp(section, "policy") || !strcmp(section, "provider"))) {
		const char *h = section[1] == 'o' ? t->policy : t->provider;

		if (!h)
			*why = section[1] == 'o' ? "needs --policy" :
			       "needs --provider";
		else
			r = sub_key(c, section, h, key, value, why);
	} else if (has_prefix(section, "staff \"")) {
		char *kind = NULL, *name = NULL;

		if (cfg_split_subsection(section, &kind, &name) == 0 &&
		    firm_staff(t->firm, name) &&
		    (*value = staff_key(t->firm, name, key)))
			r = 0;
		else if (name && !firm_staff(t->firm, name))
			*why = "not in docket.ini's [staff]";
		free(kind);
		free(name);
	} else if ((*value = cfg_get(c->cfg, section, key))) {
		r = 0;
	}
	free(section);
	free(key);
	return r;
}

/* ---- the page ---- */

/* Images would load from wherever they point: show them as text. */
static void
images_to_text(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node **imgs = NULL;
	size_t n = 0, cap = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(cmark_iter_get_node(it)) ==
		    CMARK_NODE_IMAGE) {
			GROW(imgs, cap, n + 1);
			imgs[n++] = cmark_iter_get_node(it);
		}
	cmark_iter_free(it);
	for (size_t i = 0; i < n; i++) {
		cmark_node *child, *t = cmark_node_new(CMARK_NODE_TEXT);

		cmark_node_set_literal(t, "[image: ");
		cmark_node_insert_before(imgs[i], t);
		while ((child = cmark_node_first_child(imgs[i])))
			cmark_node_insert_before(imgs[i], child);
		t = cmark_node_new(CMARK_NODE_TEXT);
		cmark_node_set_literal(t, "]");
		cmark_node_insert_before(imgs[i], t);
		cmark_node_free(imgs[i]);
	}
	free(imgs);
}

static const char page_style[] =
	"body{font:16px/1.5 Georgia,\"Times New Roman\",serif;color:#111;"
	"background:#fff;margin:0;padding:2rem 1rem}"
	"main{max-width:40rem;margin:0 auto}"
	"h1,h2,h3{font-family:system-ui,sans-serif;line-height:1.25}"
	"pre{white-space:pre-wrap}"
	"@media print{body{padding:0}}";

void
template_html_page(struct sb *out, const char *title, const char *md,
		   size_t len)
{
	const int opts = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
	cmark_node *doc = cmark_parse_document(md, len, opts);
	char *html;

	images_to_text(doc);
	html = cmark_render_html(doc, opts);
	sb_adds(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		"<meta charset=\"utf-8\">\n"
		"<meta http-equiv=\"Content-Security-Policy\" content=\""
		"default-src 'none'; script-src 'none'; style-src "
		"'unsafe-inline'; img-src data:; font-src 'none'; "
		"connect-src 'none'; base-uri 'none'; form-action 'none'\">\n"
		"<meta name=\"referrer\" content=\"no-referrer\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, "
		"initial-scale=1\">\n<title>");
	html_escape(out, title, strlen(title));
	sb_addf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n",
		page_style);
	sb_adds(out, html);
	sb_adds(out, "</main>\n</body>\n</html>\n");
	free(html);
	cmark_node_free(doc);
}

/* ---- the files ---- */

void
template_list(struct strv *out, const char *root, int scripts)
{
	char *dir = path_join(root, TEMPLATES_DIR);
	DIR *d = opendir(dir);
	struct dirent *e;

	free(dir);
	if (!d)
		return;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		char *name;

		if (n <= 3 || strcmp(e->d_name + n - 3, ".md"))
			continue;
		name = xstrndup(e->d_name, n - 3);
		if (name_check(name, NAME_MAX_LEN + 8, "template") == 0 &&
		    has_prefix(name, SCRIPT_PREFIX) == scripts)
			strv_push_owned(out, scripts ?
					xstrdup(name + strlen(SCRIPT_PREFIX)) :
					xstrdup(name));
		free(name);
	}
	closedir(d);
	strv_sort(out);
}

int
template_read(struct sb *out, const char *root, const char *name)
{
	size_t n = strlen(name);
	char *base = n > 3 && !strcmp(name + n - 3, ".md") ?
		     xstrndup(name, n - 3) : xstrdup(name);
	char *rel = NULL, *path = NULL;
	struct stat st;
	size_t bad;
	int fd = -1, r = 0;

	if (name_check(base, NAME_MAX_LEN + 8, "template name") < 0) {
		r = DK_EINVAL;
		goto out;
	}
	rel = xasprintf("%s/%s.md", TEMPLATES_DIR, base);
	path = path_join(root, rel);
	/* the firm's file, never one a link points to */
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 && (errno == ENOENT || errno == ENOTDIR)) {
		struct strv names = STRV_INIT;
		struct sb list = SB_INIT;

		template_list(&names, root, has_prefix(base, SCRIPT_PREFIX));
		for (size_t i = 0; i < names.n; i++)
			sb_addf(&list, "%s%s%s", i ? ", " : "",
				has_prefix(base, SCRIPT_PREFIX) ? SCRIPT_PREFIX : "",
				names.v[i]);
		r = dk_err(DK_ENOTFOUND, "no template '%s' (%s)%s%s", base, rel,
			   names.n ? "; templates: " : "", sb_str(&list));
		strv_free(&names);
		sb_free(&list);
		goto out;
	}
	if (fd < 0) {
		r = dk_errno(DK_EIO, errno, "cannot read %s", rel);
		goto out;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		r = dk_err(DK_EIO, "cannot read %s: not a regular file", rel);
		goto out;
	}
	if (st.st_size > TEMPLATE_MAX_BYTES) {
		r = dk_err(DK_EIO, "%s is larger than %d bytes", rel,
			   TEMPLATE_MAX_BYTES);
		goto out;
	}
	{
		size_t before = out->len;
		char buf[8192];
		ssize_t k;

		while ((k = read(fd, buf, sizeof(buf))) != 0) {
			if (k < 0 && errno == EINTR)
				continue;
			if (k < 0) {
				r = dk_errno(DK_EIO, errno, "cannot read %s", rel);
				goto out;
			}
			sb_add(out, buf, (size_t)k);
			if (out->len - before > TEMPLATE_MAX_BYTES) {
				r = dk_err(DK_EIO, "%s is larger than %d bytes",
					   rel, TEMPLATE_MAX_BYTES);
				goto out;
			}
		}
		if (!out->buf)
			sb_add(out, "", 0);
		if (!utf8_valid(out->buf + before, out->len - before, &bad) ||
		    memchr(out->buf + before, '\0', out->len - before)) {
			r = dk_err(DK_EIO, "%s is not UTF-8 text", rel);
			goto out;
		}
		/* a letter is text: no escape sequence for a terminal */
		for (size_t i = before, line = 1; i < out->len; i++) {
			unsigned char c = (unsigned char)out->buf[i];

			line += c == '\n';
			if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') ||
			    c == 0x7f) {
				r = dk_err(DK_EIO, "%s:%zu: a control character "
					   "(0x%02x) in the template", rel, line, c);
				break;
			}
		}
	}
out:
	if (fd >= 0)
		close(fd);
	free(base);
	free(rel);
	free(path);
	return r;
}

/* ---- what init writes ---- */

const struct tmpl_default template_defaults[] = {
	{ "letter-of-representation.md",
	  "{{ firm.name }}\n"
	  "\n"
	  "{{ today }}\n"
	  "\n"
	  "{{ policy.carrier }}  \n"
	  "Attn: {{ policy.adjuster }}\n"
	  "\n"
	  "**Re: our client {{ case.client }}; your insured "
	  "{{ policy.insured }}; claim {{ policy.claim }}; date of loss "
	  "{{ case.incident }}**\n"
	  "\n"
	  "Dear {{ policy.adjuster }}:\n"
	  "\n"
	  "This firm represents {{ case.client }} for the injuries of "
	  "{{ case.incident }}.\n"
	  "Please direct every communication about this claim to this office,\n"
	  "and do not contact our client.\n"
	  "\n"
	  "Please send us the declarations page and the limits of every policy\n"
	  "that may cover this loss, and preserve all evidence of it:\n"
	  "photographs, recordings, statements, vehicle data and documents.\n"
	  "\n"
	  "Sincerely,\n"
	  "\n"
	  "{{ attorney.name }}  \n"
	  "{{ firm.name }}\n" },
	{ "records-request.md",
	  "{{ firm.name }}\n"
	  "\n"
	  "{{ today }}\n"
	  "\n"
	  "{{ provider.name }}  \n"
	  "Medical records and billing\n"
	  "\n"
	  "**Re: records and bills of our client {{ case.client }}, born "
	  "{{ client.dob }}**\n"
	  "\n"
	  "This firm represents {{ case.client }} for the injuries of "
	  "{{ case.incident }}.\n"
	  "With the enclosed authorization signed by our client, please send a\n"
	  "complete copy of:\n"
	  "\n"
	  "- every medical record of our client from {{ provider.first_visit }} "
	  "on:\n"
	  "  office notes, test results, imaging and its reports; and\n"
	  "- an itemized statement of every charge, payment and adjustment.\n"
	  "\n"
	  "Please send them to {{ me.name }} ({{ me.email }}), and tell us of\n"
	  "any fee before you send them.\n"
	  "\n"
	  "Thank you,\n"
	  "\n"
	  "{{ me.name }}  \n"
	  "{{ firm.name }}\n" },
	{ "client-status.md",
	  "{{ firm.name }}\n"
	  "\n"
	  "{{ today }}\n"
	  "\n"
	  "Dear {{ case.client }},\n"
	  "\n"
	  "This is an update on your case, {{ case.title }}. It is now in the\n"
	  "**{{ case.stage }}** stage.\n"
	  "\n"
	  "Please keep every medical appointment, and tell us at once of any new\n"
	  "doctor, hospital or therapist, any appointment you miss, and any call\n"
	  "or letter from an insurance company. Do not talk about your case with\n"
	  "anyone else, and do not post about it online.\n"
	  "\n"
	  "If you have a question, call or write to me at {{ me.email }}.\n"
	  "\n"
	  "Sincerely,\n"
	  "\n"
	  "{{ me.name }}  \n"
	  "{{ firm.name }}\n" },
	{ "demand-cover.md",
	  "{{ firm.name }}\n"
	  "\n"
	  "{{ today }}\n"
	  "\n"
	  "{{ policy.carrier }}  \n"
	  "Attn: {{ policy.adjuster }}\n"
	  "\n"
	  "**Re: settlement demand; our client {{ case.client }}; your insured "
	  "{{ policy.insured }}; claim {{ policy.claim }}; date of loss "
	  "{{ case.incident }}**\n"
	  "\n"
	  "Dear {{ policy.adjuster }}:\n"
	  "\n"
	  "Enclosed is our demand for {{ case.client }}, with the medical records\n"
	  "and bills of every provider who treated our client for the injuries\n"
	  "of {{ case.incident }}.\n"
	  "\n"
	  "Please answer within 30 days of the date of this letter.\n"
	  "\n"
	  "Sincerely,\n"
	  "\n"
	  "{{ attorney.name }}  \n"
	  "{{ firm.name }}\n" },
	{ "script-intake.md",
	  "Intake call: {{ case.client }} ({{ case.id }}), {{ client.phone }}\n"
	  "\n"
	  "- Introduce yourself: {{ me.name }}, the case manager; how to reach\n"
	  "  you ({{ me.email }}).\n"
	  "- The process: treatment, records, the demand, negotiation; how often\n"
	  "  we will call.\n"
	  "- The accident: when, where, who else; a police report; photos;\n"
	  "  witnesses.\n"
	  "- Injuries: what hurts; where you were treated (ER, urgent care, a\n"
	  "  doctor); every provider since.\n"
	  "- Insurance: yours, the other side's, health insurance; any adjuster\n"
	  "  who called.\n"
	  "- Work: days missed, your employer, your pay.\n"
	  "- Remind: keep every appointment; no statements to insurers; no\n"
	  "  posts about the case.\n" },
	{ "script-treatment.md",
	  "Treatment call: {{ case.client }} ({{ case.id }}), {{ client.phone }}\n"
	  "\n"
	  "- How is the treatment going: better, the same, worse?\n"
	  "- Any new doctor, therapist, hospital or pharmacy since we spoke?\n"
	  "- Any missed or cancelled appointments? Why?\n"
	  "- Pain today, from 0 to 10, and where.\n"
	  "- Work: working, light duty or off? Days missed since we spoke?\n"
	  "- Calls or letters from an insurance company?\n"
	  "- The next appointment: when, with whom.\n" },
	{ "script-negotiation.md",
	  "Negotiation call: {{ case.client }} ({{ case.id }}), "
	  "{{ client.phone }}\n"
	  "\n"
	  "- Where the negotiation stands: our demand, the latest offer.\n"
	  "- Any treatment, bills or missed work since the demand?\n"
	  "- The client's questions; what matters most to them, and why.\n"
	  "- The next step, and when we will call again.\n" },
	{ NULL, NULL }
};
